// The assessment of one situation: validate, derive shared facts once, run every registered benefit, then sort
// each result's `missing` by how many results the path would settle.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Assessment,
  BENEFIT_IDS,
  type CompactAssessment,
  type CompactResult,
  type ContractError,
  contractError,
  isCalendarDate,
  type Lang,
  type Result,
  type Situation,
  validateSituation,
} from '../contract.ts';
import type { Benefit, CatalogueEntry } from './benefit.ts';
import { dayNum } from './dates.ts';
import { deriveFacts } from './facts.ts';
import { COVERAGE } from './params.ts';

/** Options of an assessment: `date` overrides the situation's date (like `ponte screen --date`). */
export interface AssessOptions {
  date?: string;
  lang?: Lang;
}

/** The engine bound to a registry of benefits. */
export interface Engine {
  readonly rulesVersion: string;
  readonly benefits: readonly Benefit[];
  assess(situation: unknown, opts?: AssessOptions): Assessment;
  /**
   * The compact assessment (CompactAssessmentSchema) of a situation: the same statuses, amounts, missing facts
   * and reason codes as `assess`, computed without filling in any text (errors are in the language asked for).
   */
  assessCompact(situation: unknown, opts?: AssessOptions): CompactAssessment;
  assessMany(situations: Iterable<unknown>, opts?: AssessOptions): Assessment[];
  catalogue(lang?: Lang): CatalogueEntry[];
}

/** sha256 (first 12 hex) over every benefit's parameters.yaml and rule.ts, in id order. */
export function hashRules(benefits: readonly Benefit[]): string {
  const h = createHash('sha256');
  for (const b of [...benefits].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    for (const f of ['parameters.yaml', 'rule.ts']) {
      h.update(`${b.id}/${f}\n`);
      h.update(readFileSync(join(b.dir, f)));
    }
  }
  // Every other source that decides a result (engine, contract, shared helpers of several benefits), so that a
  // stored assessment is replayed only by the same code. Tests, cases and docs do not change results.
  const first = benefits[0];
  if (first) {
    const src = join(first.dir, '..', '..');
    for (const rel of sourceFiles(src)) {
      h.update(`src/${rel}\n`);
      h.update(readFileSync(join(src, rel)));
    }
  }
  return h.digest('hex').slice(0, 12);
}

function sourceFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...sourceFiles(root, rel));
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !/(^|\/)rule\.ts$/.test(rel))
      out.push(rel);
  }
  return out.sort();
}

function idOf(v: unknown): string | undefined {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const id = (v as { id?: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/** Sorts each result's `missing` so that paths shared by more results come first (stable within a count). */
export function sortMissing(results: { missing: string[] }[]): void {
  let any = false;
  for (const r of results) if (r.missing.length > 1) any = true;
  if (!any) return;
  // A situation misses a handful of distinct paths: two short arrays cost less than a Map per situation.
  const paths: string[] = [];
  const counts: number[] = [];
  for (const r of results) {
    for (const p of r.missing) {
      const i = paths.indexOf(p);
      if (i < 0) {
        paths.push(p);
        counts.push(1);
      } else counts[i]++;
    }
  }
  for (const r of results) {
    if (r.missing.length < 2) continue;
    // Insertion sort by count, highest first: stable, so paths of the same count keep the rule's order.
    const m = r.missing.slice();
    const n = m.map((p) => counts[paths.indexOf(p)]);
    for (let i = 1; i < m.length; i++) {
      const p = m[i];
      const c = n[i];
      let j = i - 1;
      while (j >= 0 && n[j] < c) {
        m[j + 1] = m[j];
        n[j + 1] = n[j];
        j--;
      }
      m[j + 1] = p;
      n[j + 1] = c;
    }
    r.missing = m;
  }
}

/** Builds the engine over a list of benefits (sorted into the contract's order). */
export function createEngine(list: readonly Benefit[]): Engine {
  const seen = new Set<string>();
  for (const b of list) {
    if (seen.has(b.id)) throw new Error(`benefit ${b.id} registered twice`);
    seen.add(b.id);
  }
  const benefits = [...list].sort((a, b) => BENEFIT_IDS.indexOf(a.id) - BENEFIT_IDS.indexOf(b.id));
  const rulesVersion = `1.${hashRules(benefits)}`;

  const fail = (id: string | undefined, errors: ContractError[]): Assessment => {
    const a: Assessment = { rules: rulesVersion, results: [], error: errors[0] };
    if (errors.length > 1) a.errors = errors;
    return id === undefined ? a : { id, ...a };
  };

  // Validation shared by both outputs: the situation and its day, or the assessment of its errors.
  function prepare(
    situation: unknown,
    opts: AssessOptions,
    lang: Lang,
  ): { s: Situation; day: number; failed?: undefined } | { failed: Assessment } {
    let input = situation;
    if (opts.date !== undefined) {
      if (!isCalendarDate(opts.date) || !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
        return {
          failed: fail(idOf(situation), [
            contractError('PONTE_ERR_INVALID_SITUATION', '/date', lang, opts.date),
          ]),
        };
      }
      // Shallow copy: the caller's object is never modified.
      if (typeof situation === 'object' && situation !== null && !Array.isArray(situation))
        input = { ...situation, date: opts.date };
    }
    const v = validateSituation(input, lang);
    if (!v.ok) return { failed: fail(idOf(situation), v.errors) };
    const s: Situation = v.value;
    const day = dayNum(s.date);
    if (day < COVERAGE.from || day > COVERAGE.to) {
      return { failed: fail(s.id, [contractError('PONTE_ERR_DATE_OUT_OF_RANGE', '/date', lang, s.date)]) };
    }
    return { s, day };
  }

  function assess(situation: unknown, opts: AssessOptions = {}): Assessment {
    const lang: Lang = opts.lang === 'en' ? 'en' : 'it';
    const p = prepare(situation, opts, lang);
    if (p.failed) return p.failed;
    const { s, day } = p;
    const facts = deriveFacts(s, day);
    const results: Result[] = new Array(benefits.length);
    for (let i = 0; i < benefits.length; i++) results[i] = benefits[i].run(s, facts, lang);
    sortMissing(results);
    const out: Assessment = { date: s.date, rules: rulesVersion, results };
    return s.id === undefined ? out : { id: s.id, ...out };
  }

  function assessCompact(situation: unknown, opts: AssessOptions = {}): CompactAssessment {
    const lang: Lang = opts.lang === 'en' ? 'en' : 'it';
    const p = prepare(situation, opts, lang);
    // An assessment that failed has no results: it is already compact.
    if (p.failed) return p.failed as CompactAssessment;
    const { s, day } = p;
    const facts = deriveFacts(s, day);
    const results: CompactResult[] = new Array(benefits.length);
    for (let i = 0; i < benefits.length; i++) results[i] = benefits[i].runCompact(s, facts, lang);
    sortMissing(results);
    return s.id === undefined
      ? { date: s.date, rules: rulesVersion, results }
      : { id: s.id, date: s.date, rules: rulesVersion, results };
  }

  return {
    rulesVersion,
    benefits,
    assess,
    assessCompact,
    assessMany(situations, opts) {
      const out: Assessment[] = [];
      for (const s of situations) out.push(assess(s, opts));
      return out;
    },
    catalogue(lang: Lang = 'it') {
      return benefits.map((b) => b.catalogue(lang));
    },
  };
}
