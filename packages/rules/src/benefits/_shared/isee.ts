// ISEE readings shared by several benefits: the contract's fallback from the ISEE minorenni to the ordinary ISEE,
// how a reason shows the ISEE, and the ISEE less the assegno unico received (L. 207/2024). Limits and citations
// stay in each rule.
import type { Household, Lang } from '../../contract.ts';
import type { Ctx } from '../../engine/benefit.ts';
import { formatEuro } from '../../engine/money.ts';
import type { Tri } from '../../engine/three.ts';

/** The ISEE minorenni in euros when given (also `null`, no ISEE), else the ordinary ISEE (contract). */
export function iseeMinorenni(h: Household | undefined): number | null | undefined {
  return h?.iseeMinorenni !== undefined ? h.iseeMinorenni : h?.isee;
}

/** An ISEE in euros for a reason's text: `?` when unknown, "nessun ISEE" / "no ISEE" when she has none. */
export function iseeText(isee: number | null | undefined, lang: Lang): string {
  return isee === undefined
    ? '?'
    : isee === null
      ? lang === 'it'
        ? 'nessun ISEE'
        : 'no ISEE'
      : formatEuro(Math.round(isee * 100), lang);
}

/** The reason a rule records when the ordinary ISEE, standing in for the ISEE minorenni, would exclude her. */
export const ISEE_MINORENNI_DIFFERS = {
  it: 'L’ISEE ordinario non basta a escluderla: conta l’ISEE minorenni, che può essere diverso (per le madri seguite da un CAV può escludere il genitore allontanato o senza responsabilità genitoriale)',
  en: 'The ordinary ISEE is not enough to exclude her: the ISEE minorenni counts, and it may differ (for mothers followed by a CAV it can leave out a parent removed from the home or without parental responsibility)',
  source: 'DPCM 159/2013 art. 7; INPS, Guida per le donne vittime di violenza (2024)',
} as const;

/**
 * Whether an ISEE minorenni test failed only on the ordinary ISEE standing in for an absent ISEE minorenni: that
 * reading may admit, never exclude. Records `isee_minorenni_differs` when so; the caller then leaves the test open.
 */
export function failedOnOrdinaryIsee(ctx: Ctx<string, 'isee_minorenni_differs'>, met: Tri): boolean {
  if (met !== false || ctx.s.household?.iseeMinorenni !== undefined) return false;
  ctx.verify('isee_minorenni_differs');
  return true;
}

/**
 * Whether the ISEE (cents), less the assegno unico received divided by the ISEE scale, is at most `limit` cents:
 * three-valued (an unknown AUU, or a positive AUU with an unknown scale, leaves it open above the limit).
 */
export function iseeLessAuuAtMost(h: Household | undefined, isee: number, limit: number): Tri {
  if (isee <= limit) return true;
  const auu = h?.auuAnnual;
  if (auu === undefined) return null;
  if (auu === 0) return false;
  const scale = h?.iseeScale;
  if (scale === undefined) return null;
  // Exact in integers: isee − auu/scale ≤ limit  ⇔  isee·scale − auu ≤ limit·scale (scale ≥ 1).
  const s100 = Math.round(scale * 100);
  return isee * s100 - Math.round(auu * 100) * 100 <= limit * s100;
}
