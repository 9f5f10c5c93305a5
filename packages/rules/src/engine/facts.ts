// Facts derived once per situation and shared by every benefit (ages, children), so no rule recomputes them.
import type { Disability, Member, Situation } from '../contract.ts';
import { ageMonths, ageYears, dayNum } from './dates.ts';

/** A household member with ages computed on the situation's date (undefined when the birth date is unknown). */
export interface MemberFacts {
  readonly index: number;
  readonly relation: Member['relation'];
  readonly age: number | undefined;
  readonly ageMonths: number | undefined;
  readonly disability: Disability | undefined;
  readonly raw: Member;
}

/** Facts shared by all benefits for one situation. */
export interface Facts {
  /** The assessed day as yyyymmdd. */
  readonly day: number;
  readonly year: number;
  /** Age of the applicant in completed years, undefined when `person.birthDate` is absent. */
  readonly age: number | undefined;
  /** Every other member of the household (empty when `household.members` is absent: see `membersKnown`). */
  readonly members: readonly MemberFacts[];
  /** False when `household.members` is absent (unknown composition), true when given (even empty). */
  readonly membersKnown: boolean;
  /** Members with relation `child`. */
  readonly children: readonly MemberFacts[];
  /** Members whose relation is absent (unknown): each may be a child, a partner… */
  readonly unknownRelation: readonly MemberFacts[];
}

const NO_MEMBERS: readonly MemberFacts[] = Object.freeze([]);

/** Computes the shared facts of a validated situation assessed on `day` (yyyymmdd). */
export function deriveFacts(s: Situation, day: number): Facts {
  const birth = s.person?.birthDate;
  const raw = s.household?.members;
  let members = NO_MEMBERS;
  let children = NO_MEMBERS;
  let unknownRelation = NO_MEMBERS;
  if (raw && raw.length > 0) {
    const ms: MemberFacts[] = [];
    const cs: MemberFacts[] = [];
    const us: MemberFacts[] = [];
    for (let i = 0; i < raw.length; i++) {
      const m = raw[i];
      const b = m.birthDate === undefined ? undefined : dayNum(m.birthDate);
      const f: MemberFacts = {
        index: i,
        relation: m.relation,
        age: b === undefined ? undefined : ageYears(b, day),
        ageMonths: b === undefined ? undefined : ageMonths(b, day),
        disability: m.disability,
        raw: m,
      };
      ms.push(f);
      if (m.relation === 'child') cs.push(f);
      else if (m.relation === undefined) us.push(f);
    }
    members = ms;
    children = cs;
    if (us.length > 0) unknownRelation = us;
  }
  return {
    day,
    year: Math.floor(day / 10000),
    age: birth === undefined ? undefined : ageYears(dayNum(birth), day),
    members,
    membersKnown: raw !== undefined,
    children,
    unknownRelation,
  };
}
