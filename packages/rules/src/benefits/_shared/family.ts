// Logic shared by the family benefits (assegno di maternità dei Comuni and dello Stato, bonus nuovi nati, bonus
// asilo nido). Only the logic lives here: each rule keeps its own lists, limits, reason texts and legal citations.
import type { Citizenship } from '../../contract.ts';
import type { Ctx } from '../../engine/benefit.ts';
import { addMonths, dayNum } from '../../engine/dates.ts';
import type { Facts, MemberFacts } from '../../engine/facts.ts';
import { known, type Tri } from '../../engine/three.ts';
import { residentInItaly } from './person.ts';

/** Who is admitted by citizenship, and which permits count (each rule fills it from its own act). */
export interface PermitRule {
  /** Citizenships admitted by themselves; `none` is refused, any other citizenship goes to the permit test. */
  readonly admitted: ReadonlySet<Citizenship>;
  /** The permit must last more than this many months. */
  readonly minMonthsExclusive: number;
  /** From this many months any type of permit counts; below (or when absent) the type is always to verify. */
  readonly anyTypeMonths?: number;
}

/**
 * Citizenship of the applicant (three-valued): admitted, refused (`none`), or, for other permits, a duration of
 * more than `minMonthsExclusive` months, with a "to verify" on the type of permit.
 */
export function citizenshipOrPermit(
  ctx: Ctx<string, 'citizenship' | 'permit_months' | 'permit_type'>,
  rule: PermitRule,
): Tri {
  const p = ctx.s.person;
  const c = p?.citizenship;
  if (c === undefined) return ctx.require('citizenship', null);
  if (rule.admitted.has(c)) return ctx.require('citizenship', true);
  if (c === 'none') return ctx.require('citizenship', false);
  // non_eu_permit, special_protection: the duration decides, the type is checked by hand.
  const months = p?.permitMonths;
  const met = months === undefined ? null : months > rule.minMonthsExclusive;
  ctx.require('permit_months', met, { months: months ?? '?' });
  if (
    met !== false &&
    (rule.anyTypeMonths === undefined || months === undefined || months < rule.anyTypeMonths)
  )
    ctx.verify('permit_type');
  return met;
}

/** The children who pass a test on their birth (a date window, an age), and who else might. */
export interface ChildSearch {
  /** Children (relation `child`) with a known birth date who pass the test. */
  readonly found: MemberFacts[];
  /** Children whose birth date is unknown: each may pass. */
  readonly unknownBirth: MemberFacts[];
  /** Members of unknown relation who pass the test or whose birth date is unknown: each may be such a child. */
  readonly maybe: MemberFacts[];
  /** true when one is found, null when only possible ones are left or the members are unknown, else false. */
  readonly met: Tri;
  /** What would settle the possible ones: their birth dates, then their relations. */
  readonly open: string[];
}

/** Finds the children for whom `passes` holds; it is called only on members with a known birth date (and age). */
export function childrenWhere(facts: Facts, passes: (m: MemberFacts) => boolean): ChildSearch {
  if (!facts.membersKnown) return { found: [], unknownBirth: [], maybe: [], met: null, open: [] };
  const found = facts.children.filter((c) => c.raw.birthDate !== undefined && passes(c));
  const unknownBirth = facts.children.filter((c) => c.raw.birthDate === undefined);
  const maybe = facts.members.filter(
    (m) => m.relation === undefined && (m.raw.birthDate === undefined || passes(m)),
  );
  const met = found.length > 0 ? true : unknownBirth.length > 0 || maybe.length > 0 ? null : false;
  const open = [
    ...unknownBirth.map((c) => `household.members[${c.index}].birthDate`),
    ...maybe.map((m) => `household.members[${m.index}].relation`),
  ];
  return { found, unknownBirth, maybe, met, open };
}

/**
 * The child of the maternity allowances (artt. 74-75 D.Lgs. 151/2001): born within the last `window` months, so
 * that the application made on the assessed day is in time. Records `child`, and `adoption_entry` when only the
 * birth dates exclude it (an adopted child's entry into the family may be later).
 */
export function requireRecentChild(
  ctx: Ctx<string, 'child' | 'adoption_entry'>,
  window: number,
): ChildSearch {
  const { facts } = ctx;
  const kids = childrenWhere(facts, (c) => ctx.day <= addMonths(dayNum(c.raw.birthDate as string), window));
  ctx.require('child', kids.met, { months: window }, facts.membersKnown ? kids.open : undefined);
  if (kids.met === false && facts.children.length > 0) ctx.verify('adoption_entry');
  return kids;
}

/**
 * The common start of the two maternity allowances (Comuni and Stato): a mother, admitted by citizenship or
 * permit, resident, with a child whose `window_months` window is open on the assessed day (the application day);
 * a member of unknown relation born within the window (or of unknown birth) may be one.
 */
export function motherWithRecentChild(
  ctx: Ctx<
    string,
    'mother' | 'residence' | 'citizenship' | 'permit_months' | 'permit_type' | 'child' | 'adoption_entry'
  >,
  permits: PermitRule,
): ChildSearch & { window: number } {
  const p = ctx.s.person;
  ctx.require(
    'mother',
    known(p?.sex, (x) => x === 'F'),
  );
  citizenshipOrPermit(ctx, permits);
  ctx.require('residence', residentInItaly(p));
  const window = ctx.param('window_months');
  return { ...requireRecentChild(ctx, window), window };
}

/** The latest birth day among children with a known birth date, and how many were born on it (twins count each). */
export function latestBirth(births: readonly MemberFacts[]): { day: number; children: number } {
  const day = Math.max(...births.map((c) => dayNum(c.raw.birthDate as string)));
  return { day, children: births.filter((c) => dayNum(c.raw.birthDate as string) === day).length };
}

/**
 * Maternity pay against a maternity allowance of `full` cents: the allowance is due in full without maternity pay,
 * otherwise only the difference. With another possible newborn (`open`: the paths that would settle it) the
 * allowance could be larger than the pay, so the test never excludes then. Returns the total due, in cents.
 */
export function maternityPayDifference(
  ctx: Ctx<string, 'maternity_pay' | 'difference'>,
  full: number,
  open: readonly string[],
): number {
  const p = ctx.s.person;
  const pay = p?.maternityPay === undefined ? undefined : Math.round(p.maternityPay * 100);
  let payMet: Tri = pay === undefined ? null : pay < full;
  const paySoftened = payMet === false && open.length > 0;
  if (paySoftened) payMet = null;
  ctx.require(
    'maternity_pay',
    payMet,
    { pay: pay === undefined ? '?' : ctx.euro(pay), full: ctx.euro(full) },
    paySoftened ? open : undefined,
  );
  if (pay !== undefined && pay > 0 && pay < full)
    ctx.info('difference', true, { full: ctx.euro(full), pay: ctx.euro(pay) });
  return pay === undefined ? full : Math.max(full - pay, 0);
}
