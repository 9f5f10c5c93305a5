// The plainest entry of a rule's compatibility list, written alike in several rules: the other benefit can be
// combined with this one, with no condition, as `source` says. Entries with their own text stay written out in
// each rule.
import type { BenefitId } from '../../contract.ts';
import type { CompatibilityDef } from '../../engine/benefit.ts';

const CUMULABLE = { it: 'Cumulabile', en: 'Cumulable' } as const;

/** `other` can be combined with this benefit (text "Cumulabile" / "Cumulable"), as `source` says. */
export function cumulable(other: BenefitId, source: string): CompatibilityDef {
  return { with: other, compatible: 'yes', text: CUMULABLE, source };
}
