// Requirements shared by the Assegno di Inclusione and the Supporto per la Formazione e il Lavoro: art. 12 c. 2
// DL 48/2023 makes SFL borrow the citizenship, residence and wealth tests of art. 2 c. 2, and SFL is refused to a
// person counted in the ADI scale (art. 12 c. 1), so both rules need the same household arithmetic.
import type { Citizenship, Disability, Situation } from '../../contract.ts';
import type { Ctx } from '../../engine/benefit.ts';
import { dayNum } from '../../engine/dates.ts';
import type { Facts } from '../../engine/facts.ts';
import { toCents } from '../../engine/money.ts';
import { and3, known, or3, type Tri } from '../../engine/three.ts';
import { ageAtLeast, citizenshipIn } from '../_shared/person.ts';

/** A three-valued answer with the contract paths whose absence made it unknown. */
export interface Check {
  readonly met: Tri;
  readonly paths: readonly string[];
}

/** Combines named sub-facts with Kleene OR and keeps the paths of the unknown ones when the answer is unknown. */
export function anyOf(items: readonly (readonly [Tri, string])[]): Check {
  const met = or3(...items.map((i) => i[0]));
  return { met, paths: met === null ? unique(items.filter((i) => i[0] === null).map((i) => i[1])) : [] };
}

/** Kleene AND with the paths of the unknown sub-facts. */
export function allOf(items: readonly (readonly [Tri, string])[]): Check {
  const met = and3(...items.map((i) => i[0]));
  return { met, paths: met === null ? unique(items.filter((i) => i[0] === null).map((i) => i[1])) : [] };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

// Art. 2 c. 2 lett. a n. 1 DL 48/2023: EU citizens and their family members with a right of residence, non-EU
// citizens with an EU long-term permit, holders of international protection (refugee or subsidiary, D.Lgs.
// 251/2007). Special protection and ordinary permits are not in the list.
const CITIZENSHIPS: ReadonlySet<Citizenship> = new Set<Citizenship>([
  'it',
  'eu',
  'eu_family',
  'non_eu_long_term',
  'refugee',
  'subsidiary_protection',
]);

/** Citizenship test of art. 2 c. 2 lett. a n. 1 DL 48/2023. */
export function citizenshipOk(s: Situation): Tri {
  return citizenshipIn(s.person, CITIZENSHIPS);
}

const DISABLED: ReadonlySet<Disability> = new Set<Disability>(['medium', 'severe', 'non_self_sufficient']);
const SEVERE: ReadonlySet<Disability> = new Set<Disability>(['severe', 'non_self_sufficient']);

/** Disabled as defined for the ISEE (DPCM 159/2013), which is what art. 1 c. 1 DL 48/2023 refers to. */
export function isDisabled(d: Disability | undefined): Tri {
  return d === undefined ? null : DISABLED.has(d);
}
/** Severe disability or non self-sufficiency (DPCM 159/2013 All. 3). */
export function isSevere(d: Disability | undefined): Tri {
  return d === undefined ? null : SEVERE.has(d);
}

/**
 * Care duties of art. 6 c. 5 lett. d) DL 48/2023 (the ADI scale's +0.40 and the exemption from activation): a
 * child under 3, three or more minors, or a member with severe disability or non self-sufficiency.
 */
export function careDuties(f: Facts): Check {
  if (!f.membersKnown) return { met: null, paths: ['household.members'] };
  let minors = 0;
  let minorsUnknown = 0;
  const items: [Tri, string][] = [];
  for (const m of f.members) {
    const p = `household.members`;
    if (m.age === undefined) {
      minorsUnknown++;
      items.push([null, p]);
    } else {
      if (m.age < 18) minors++;
      items.push([m.age < 3, p]);
    }
    items.push([isSevere(m.disability), p]);
  }
  // Three or more minors: known true when counted, unknown when the unknown ages could reach three.
  const threeMinors: Tri = minors >= 3 ? true : minors + minorsUnknown >= 3 ? null : false;
  items.push([threeMinors, 'household.members']);
  return anyOf(items);
}

/** Number of minors among the members whose age is known. */
export function minorsCount(f: Facts): number {
  let n = 0;
  for (const m of f.members) if (m.age !== undefined && m.age < 18) n++;
  return n;
}

/** The bounds of the wealth limits of art. 2 c. 2 lett. b n. 4 DL 48/2023, in cents. */
export interface MovableParams {
  readonly base: number;
  readonly perMember: number;
  readonly membersCap: number;
  readonly perMinor: number;
  readonly perDisabled: number;
  readonly perSevere: number;
}

/**
 * Patrimonio mobiliare limit (art. 2 c. 2 lett. b n. 4 DL 48/2023): 6,000 € for one person, +2,000 € per further
 * member up to 10,000 €, +1,000 € per minor after the second, +5,000 € per disabled member and +7,500 € per member
 * with severe disability or non self-sufficiency (the applicant included). Unknown facts give a range: `low`
 * counts them as adding nothing, `high` as adding the most.
 */
export function movableLimit(s: Situation, f: Facts, p: MovableParams): { low: number; high: number } {
  if (!f.membersKnown) return { low: p.base, high: Number.POSITIVE_INFINITY };
  const n = 1 + f.members.length;
  const byCount = Math.min(p.base + p.perMember * (n - 1), p.membersCap);
  let low = byCount;
  let high = byCount;
  const minors = minorsCount(f);
  const unknownAges = f.members.filter((m) => m.age === undefined).length;
  low += p.perMinor * Math.max(0, minors - 2);
  high += p.perMinor * Math.max(0, minors + unknownAges - 2);
  const disabilities = [s.person?.disability, ...f.members.map((m) => m.disability)];
  for (const d of disabilities) {
    if (d === undefined) high += p.perSevere;
    else if (SEVERE.has(d)) {
      low += p.perSevere;
      high += p.perSevere;
    } else if (DISABLED.has(d)) {
      low += p.perDisabled;
      high += p.perDisabled;
    }
  }
  return { low, high };
}

/**
 * Residence test of art. 2 c. 2 lett. a n. 2 DL 48/2023 (SFL: by reference of art. 12 c. 2): resident for at least
 * `residence_years` years, the last `residence_continuous_years` continuously.
 */
export function requireResidence(
  ctx: Ctx<'residence_years' | 'residence_continuous_years', 'residence'>,
): void {
  const p = ctx.s.person;
  const years = ctx.param('residence_years');
  const continuous = ctx.param('residence_continuous_years');
  ctx.require(
    'residence',
    and3(
      known(p?.residenceYears, (y) => y >= years),
      known(p?.residenceContinuousYears, (y) => y >= continuous),
    ),
    { years, continuous },
  );
}

/** The parameters of the wealth tests (same names in the ADI and the SFL parameters.yaml). */
export type WealthParam =
  | 'real_estate_max'
  | 'movable_base'
  | 'movable_per_member'
  | 'movable_members_cap'
  | 'movable_per_minor'
  | 'movable_per_disabled'
  | 'movable_per_severe';

/**
 * Wealth tests of art. 2 c. 2 lett. b n. 3-4 DL 48/2023 (SFL: by reference of art. 12 c. 2): real estate other
 * than the home within `real_estate_max`, movable assets within the household's limit (see movableLimit).
 */
export function requireWealth(ctx: Ctx<WealthParam, 'real_estate' | 'movable'>): void {
  const h = ctx.s.household;
  const reMax = ctx.param('real_estate_max');
  ctx.require(
    'real_estate',
    known(h?.realEstate, (v) => toCents(v) <= reMax),
    { max: ctx.euro(reMax) },
  );
  const lim = movableLimit(ctx.s, ctx.facts, {
    base: ctx.param('movable_base'),
    perMember: ctx.param('movable_per_member'),
    membersCap: ctx.param('movable_members_cap'),
    perMinor: ctx.param('movable_per_minor'),
    perDisabled: ctx.param('movable_per_disabled'),
    perSevere: ctx.param('movable_per_severe'),
  });
  ctx.require(
    'movable',
    withinRange(h?.movableAssets, lim.low, lim.high),
    { max: ctx.euro(lim.low) },
    h?.movableAssets === undefined ? ['household.movableAssets'] : ['household.members', 'person.disability'],
  );
}

/** Compares an amount in euros (absent = unknown) with a limit range in cents: met when it fits the lower one. */
export function withinRange(euros: number | undefined, low: number, high: number): Tri {
  if (euros === undefined) return null;
  const cents = toCents(euros);
  if (cents <= low) return true;
  if (cents > high) return false;
  return null;
}

/** Whether she is a victim of gender-based violence in charge of the social services (DM 154/2023 art. 5 c. 3). */
export function disadvantagedVictim(s: Situation): Check {
  const v = s.person?.violence;
  return allOf([
    [v?.victim ?? null, 'person.violence.victim'],
    [v?.socialServices ?? null, 'person.violence.socialServices'],
  ]);
}

/** Whether she is a victim in a certified protection path (CAV, social services or shelter). */
export function inProtectionPath(s: Situation): Check {
  const v = s.person?.violence;
  const victim = v?.victim ?? null;
  const path = anyOf([
    [v?.cav ?? null, 'person.violence.cav'],
    [v?.socialServices ?? null, 'person.violence.socialServices'],
    [v?.shelter ?? null, 'person.violence.shelter'],
  ]);
  const met = and3(victim, path.met);
  if (met !== null) return { met, paths: [] };
  return { met, paths: [...(victim === null ? ['person.violence.victim'] : []), ...path.paths] };
}

/** Scale parameters of art. 2 c. 4 DL 48/2023, in hundredths. */
export interface ScaleParams {
  readonly disabled: number;
  readonly older: number;
  readonly care: number;
  readonly minor: number;
  readonly minorFurther: number;
  readonly cap: number;
  readonly capSevere: number;
  readonly olderAge: number;
}

/** The ADI scale with its bounds when facts are unknown; all values in hundredths (155 = 1.55). */
export interface Scale {
  readonly low: number;
  readonly high: number;
  readonly paths: readonly string[];
  /** True when the +0.40 for care duties goes to the applicant herself (DERIVED from the law's wording). */
  readonly careOnApplicant: boolean;
  /** True when a member fits two increments (disabled and aged 60 or more, or a disabled minor). */
  readonly overlap: boolean;
}

/**
 * Scala di equivalenza ADI (art. 2 c. 4 DL 48/2023): 1 for the household, +0.50 per other member with disability,
 * +0.40 per other member aged 60 or more, +0.40 for one adult with care duties (art. 6 c. 5 lett. d), +0.15 for each
 * of the first two minors and +0.10 for each further minor; at most 2.2, or 2.3 with a member with severe
 * disability or non self-sufficiency. Adults 18–59 in no category add nothing (INPS circ. 105/2023). The +0.30
 * for other adults in hardship needs a fact the contract does not carry, so it is not added.
 * A member in two categories takes the higher increment only (the law lists them as alternatives; to verify).
 */
export function adiScale(s: Situation, f: Facts, p: ScaleParams): Scale {
  if (!f.membersKnown) {
    return {
      low: 100,
      high: p.capSevere,
      paths: ['household.members'],
      careOnApplicant: false,
      overlap: false,
    };
  }
  let low = 100;
  let unknown = false;
  let overlap = false;
  let minors = 0;
  let severe = isSevere(s.person?.disability) === true;
  let otherAdults = 0;
  for (const m of f.members) {
    if (m.age === undefined || m.disability === undefined) unknown = true;
    const dis = isDisabled(m.disability) === true;
    if (isSevere(m.disability) === true) severe = true;
    const minor = m.age !== undefined && m.age < 18;
    const older = m.age !== undefined && m.age >= p.olderAge;
    if (m.age !== undefined && m.age >= 18) otherAdults++;
    if (dis) {
      low += p.disabled;
      if (minor || older) overlap = true;
    } else if (older) low += p.older;
    else if (minor) {
      minors++;
      low += minors <= 2 ? p.minor : p.minorFurther;
    }
  }
  const care = careDuties(f);
  if (care.met === true) low += p.care;
  else if (care.met === null) unknown = true;
  low = Math.min(low, severe ? p.capSevere : p.cap);
  const high = unknown ? Math.max(low, p.capSevere) : low;
  return {
    low,
    high,
    paths: unknown ? ['household.members'] : [],
    careOnApplicant: care.met === true && otherAdults === 0,
    overlap,
  };
}

/** cents × scale (hundredths), exact in integers. */
export function scaled(cents: number, scale: number): number {
  return Math.round((cents * scale) / 100);
}

/** Formats a scale in hundredths as 1,55 / 1.55. */
export function scaleText(h: number, lang: 'it' | 'en'): string {
  const s = (h / 100).toFixed(2);
  return lang === 'it' ? s.replace('.', ',') : s;
}

/**
 * Whether her last job ended with a voluntary resignation within `months` before `day` (art. 2 c. 3 DL 48/2023).
 * yyyymmdd + 10000 is the same day a year later, so 12 months = + 10000.
 */
export function recentResignation(
  s: Situation,
  day: number,
  months: number,
): { recent: Tri; voluntary: Tri } {
  const job = s.person?.lastJob;
  const end = job?.endDate === undefined ? undefined : dayNum(job.endDate);
  const reason = job?.endReason;
  return {
    recent: end === undefined ? null : end + (months / 12) * 10000 > day,
    voluntary: reason === undefined ? null : reason === 'resignation' || reason === 'resignation_violence',
  };
}

/** The ADI parameters the income test reads (names of assegno_di_inclusione/parameters.yaml). */
export type IncomeParam =
  | 'income_threshold'
  | 'income_threshold_older'
  | 'income_threshold_renters'
  | 'scale_disabled'
  | 'scale_older'
  | 'scale_care'
  | 'scale_minor'
  | 'scale_minor_further'
  | 'scale_cap'
  | 'scale_cap_severe'
  | 'category_age'
  | 'older_age';

/** The ADI income test with everything the amount and the explanation need (money in cents). */
export interface IncomeAccess {
  readonly scale: Scale;
  /** Every member aged 67+ (or 67+ and severely disabled): higher thresholds. */
  readonly olderHousehold: Tri;
  readonly renting: Tri;
  /** Base threshold (before the scale) for the lower and the upper bound. */
  readonly baseLow: number;
  readonly baseHigh: number;
  readonly accessLow: number;
  readonly accessHigh: number;
  /** Renters' access threshold, 0 when it does not apply. */
  readonly renters: number;
  readonly income: number | undefined;
  readonly met: Tri;
  readonly paths: readonly string[];
  /** Undecided only because the law leaves open whether the renters' threshold is multiplied by the scale. */
  readonly lawOpen: boolean;
}

/**
 * ADI income test (art. 2 c. 2 lett. b n. 2 DL 48/2023): household income below threshold × scale (7,560/8,190 €
 * for households of people aged 67+). From 2025 a household renting its home (lease in the DSU) is admitted below
 * 10,140 € (L. 207/2024), an access test only. Whether that 10,140 € is multiplied by the scale is UNCERTAIN
 * (reference §3, §18.2): the lower bound takes it plain, the upper bound multiplied, and between the two the
 * answer is left open. `get` reads the ADI parameters (through ctx.param in the ADI rule, so that uncertain
 * values are flagged); parameters that cannot matter are not read.
 */
export function adiIncomeAccess(
  s: Situation,
  f: Facts,
  day: number,
  get: (name: IncomeParam) => number,
): IncomeAccess {
  const num = (n: IncomeParam) => Math.round(get(n) * 100);
  const scale = adiScale(s, f, {
    disabled: num('scale_disabled'),
    older: num('scale_older'),
    care: num('scale_care'),
    minor: num('scale_minor'),
    minorFurther: num('scale_minor_further'),
    cap: num('scale_cap'),
    capSevere: num('scale_cap_severe'),
    olderAge: get('category_age'),
  });
  const olderAge = get('older_age');
  const memberOlder: Tri[] = f.membersKnown
    ? f.members.map((m) => or3(m.age === undefined ? null : m.age >= olderAge, isSevere(m.disability)))
    : [null];
  const olderHousehold = and3(ageAtLeast(f, olderAge), ...memberOlder);
  const thr = get('income_threshold');
  const thrOlder = olderHousehold === false ? thr : get('income_threshold_older');
  const baseLow = olderHousehold === true ? thrOlder : thr;
  const baseHigh = olderHousehold === false ? thr : Math.max(thr, thrOlder);

  const rentAnnual = s.household?.rentAnnual;
  const renting: Tri = rentAnnual === undefined ? null : rentAnnual > 0;
  let accessLow = scaled(baseLow, scale.low);
  let accessHigh = scaled(baseHigh, scale.high);
  const rentersApply = day >= 20250101;
  let renters = 0;
  if (rentersApply && renting !== false) {
    renters = get('income_threshold_renters');
    if (renting === true) accessLow = Math.max(accessLow, renters);
    accessHigh = Math.max(accessHigh, scaled(renters, scale.high));
  }
  const incomeEur = s.household?.familyIncome;
  const income = incomeEur === undefined ? undefined : toCents(incomeEur);
  let met: Tri = null;
  let paths: string[] = ['household.familyIncome'];
  let lawOpen = false;
  if (income !== undefined) {
    if (income < accessLow) met = true;
    else if (income >= accessHigh) met = false;
    else {
      paths = [...scale.paths];
      if (renting === null && rentersApply) paths.push('household.rentAnnual');
      if (olderHousehold === null) paths.push('person.birthDate');
      lawOpen = paths.length === 0 || (renting === true && scale.low === scale.high);
      // Only the law is open: the income is listed because it is the fact the threshold is read against.
      if (paths.length === 0) paths = ['household.familyIncome'];
    }
  }
  return {
    scale,
    olderHousehold,
    renting,
    baseLow,
    baseHigh,
    accessLow,
    accessHigh,
    renters,
    income,
    met,
    paths: met === null ? paths : [],
    lawOpen,
  };
}
