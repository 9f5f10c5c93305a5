// Readings of the applicant that several benefits make alike (age, residence, citizenship) and the "not yet in
// force" start of a measure. Only the reading of the contract lives here: each rule keeps its reason code, its
// limits (parameters.yaml), its list of admitted citizenships, its texts and its legal citations.
import type { Citizenship, Person, Work } from '../../contract.ts';
import type { Ctx } from '../../engine/benefit.ts';
import type { Facts } from '../../engine/facts.ts';
import { known, type Tri } from '../../engine/three.ts';

/** Her age in completed years is at least `min` (unknown birth date → null). */
export function ageAtLeast(facts: Facts, min: number): Tri {
  return known(facts.age, (a) => a >= min);
}

/** Employees: in the private or the public sector, or domestic workers. */
export const EMPLOYEE: ReadonlySet<Work> = new Set<Work>(['employee_private', 'employee_public', 'domestic']);

/** An employee now (unknown work → null). */
export function isEmployee(p: Person | undefined): Tri {
  return known(p?.work, (w) => EMPLOYEE.has(w));
}

/** In work now: an employee, self-employed or a collaborator (parasubordinate); unknown work → null. */
export function isWorking(p: Person | undefined): Tri {
  return known(p?.work, (w) => EMPLOYEE.has(w) || w === 'self_employed' || w === 'parasubordinate');
}

/** Resident in Italy: `residenceYears` counts years of legal residence, so 0 means not (yet) resident. */
export function residentInItaly(p: Person | undefined): Tri {
  return known(p?.residenceYears, (y) => y > 0);
}

/** Her citizenship or status is one of those the rule's act admits (unknown → null). */
export function citizenshipIn(p: Person | undefined, admitted: ReadonlySet<Citizenship>): Tri {
  return known(p?.citizenship, (c) => admitted.has(c));
}

/**
 * A measure that exists only from its `start` parameter: before that day records `in_force` as failed (with the
 * start date) and returns false, so that the rule stops there; from that day records nothing and returns true.
 */
export function inForce(ctx: Ctx<'start', 'in_force'>): boolean {
  const start = ctx.param('start');
  if (ctx.day >= start) return true;
  ctx.require('in_force', false, { start: ctx.dayText(start) });
  return false;
}
