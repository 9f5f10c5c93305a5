// Logic shared by the family benefits (assegno di maternità dei Comuni and dello Stato, bonus nuovi nati, bonus
// asilo nido). Only the logic lives here: each rule keeps its own lists, limits, reason texts and legal citations.
import type { Citizenship } from '../../contract.ts';
import type { Ctx } from '../../engine/benefit.ts';
import type { Tri } from '../../engine/three.ts';

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
