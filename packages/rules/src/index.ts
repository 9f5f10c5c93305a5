// Public API of @ponte/rules: the benefits check of the screening contract (../../shared/rules/screening-contract.md).
import { benefits } from './benefits/index.ts';
import type { Assessment, CompactAssessment, Lang } from './contract.ts';
import { type AssessOptions, createEngine } from './engine/assess.ts';
import type { CatalogueEntry } from './engine/benefit.ts';
import { runScreenWith, type ScreenCounts, type ScreenOptions } from './engine/screen.ts';

export * from './contract.ts';
export type { AssessOptions, Engine } from './engine/assess.ts';
export type { CatalogueEntry } from './engine/benefit.ts';
export type { ScreenCounts, ScreenOptions } from './engine/screen.ts';
export { stringifyCompact } from './engine/serialize.ts';

const engine = createEngine(benefits);

/** Version of the rules: contract version and a short sha256 of every parameters.yaml and rule.ts. */
export const rulesVersion: string = engine.rulesVersion;

/** Assesses one situation (unknown input is validated; never throws on bad input: returns `error`). */
export function assess(situation: unknown, opts?: AssessOptions): Assessment {
  return engine.assess(situation, opts);
}

/**
 * The compact assessment of one situation (CompactAssessmentSchema), computed without filling in any reason
 * text: the same statuses, amounts, missing facts and reason codes as `assess`.
 */
export function assessCompact(situation: unknown, opts?: AssessOptions): CompactAssessment {
  return engine.assessCompact(situation, opts);
}

/** Assesses many situations, in order. */
export function assessMany(situations: Iterable<unknown>, opts?: AssessOptions): Assessment[] {
  return engine.assessMany(situations, opts);
}

/** The catalogue of benefits in one language: the single source for the public page and training. */
export function catalogue(lang: Lang = 'it'): CatalogueEntry[] {
  return engine.catalogue(lang);
}

/** `ponte screen`: JSON Lines in, JSON Lines out, same order, constant memory; counts lines and invalid lines. */
export function runScreen(opts: ScreenOptions): Promise<ScreenCounts> {
  return runScreenWith(engine, opts);
}
