// Runs every benefit's cases.yaml and every line of ../shared/rules/cases/public.jsonl through the public API.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { projected, publicCasesFile } from '../../test/compact.ts';
import { type Assessment, assess, assessCompact, stringifyCompact } from '../index.ts';
import { benefits } from './index.ts';

interface Expect {
  benefit: string;
  status: string;
  amount?: Record<string, number>;
  missing?: string[];
}
interface Case {
  id?: string;
  source?: string;
  situation: Record<string, unknown>;
  expect: Expect[];
}

const here = import.meta.dirname;
const registered = new Set<string>(benefits.map((b) => b.id));
// Same alias as check-cases.py: AUU and other child benefits may ask for the ISEE minorenni instead.
const ALIAS: Record<string, string[]> = { 'household.isee': ['household.isee', 'household.iseeMinorenni'] };

/** Compares one assessment with the expectations; `exactMissing` = cases.yaml semantics (same set of paths). */
function check(a: Assessment, expect: Expect[], exactMissing: boolean, tolerance: number): string[] {
  const bad: string[] = [];
  if (a.error) return [`error ${a.error.code} at ${a.error.path}: ${a.error.message}`];
  for (const e of expect) {
    const r = a.results.find((x) => x.benefit === e.benefit);
    if (!r) {
      bad.push(`${e.benefit}: no result`);
      continue;
    }
    if (r.status !== e.status) bad.push(`${e.benefit}: status ${r.status} != ${e.status}`);
    for (const [k, v] of Object.entries(e.amount ?? {})) {
      const got = r.amount?.[k];
      if (typeof got !== 'number' || Math.abs(got - v) > tolerance)
        bad.push(`${e.benefit}: amount.${k} ${got} != ${v}`);
    }
    if (e.missing) {
      for (const m of e.missing) {
        if (!(ALIAS[m] ?? [m]).some((p) => r.missing.includes(p)))
          bad.push(`${e.benefit}: missing lacks ${m} (has ${r.missing.join(', ')})`);
      }
      if (exactMissing && r.missing.length !== e.missing.length)
        bad.push(`${e.benefit}: missing is [${r.missing.join(', ')}], expected [${e.missing.join(', ')}]`);
    }
  }
  return bad;
}

/** assessCompact gives, in both languages, the full assessment cut to the compact keys (no text filled in). */
function sameCompact(situation: unknown): void {
  for (const lang of ['it', 'en'] as const) {
    const want = JSON.stringify(projected(assess(situation, { lang })));
    assert.equal(stringifyCompact(assessCompact(situation, { lang })), want, lang);
  }
}

const folders = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'rule.ts')))
  .map((d) => d.name)
  .sort();

test('every benefit folder is registered in benefits/index.ts and has cases.yaml', () => {
  for (const f of folders) {
    assert.ok(registered.has(f), `${f}/rule.ts exists but ${f} is not in benefits/index.ts`);
    assert.ok(existsSync(join(here, f, 'cases.yaml')), `${f}/cases.yaml is missing`);
  }
});

for (const folder of folders) {
  const file = join(here, folder, 'cases.yaml');
  if (!existsSync(file)) continue;
  const cases = parse(readFileSync(file, 'utf8'), { merge: true }) as Case[];
  describe(`${folder}/cases.yaml`, () => {
    test('has at least 6 cases, each with id, source and an expectation on this benefit', () => {
      assert.ok(Array.isArray(cases) && cases.length >= 6, 'at least 6 cases');
      for (const c of cases) {
        assert.ok(
          c.id && c.source && c.situation && Array.isArray(c.expect),
          `case ${c.id}: id, source, situation, expect`,
        );
        assert.ok(
          c.expect.some((e) => e.benefit === folder),
          `case ${c.id}: expects something of ${folder}`,
        );
      }
    });
    for (const c of cases) {
      test(`${c.id} (${c.source})`, () => {
        const bad = check(assess(c.situation), c.expect, true, 0.005);
        assert.deepEqual(bad, [], bad.join('; '));
        sameCompact(c.situation);
      });
    }
  });
}

// The shared public cases sit beside the repository: <repo>/../shared/rules/cases/public.jsonl (or above a worktree).
const publicFile = publicCasesFile();

describe('public cases (shared/rules/cases/public.jsonl)', () => {
  if (publicFile === undefined) {
    test('public cases skipped: shared/rules/cases/public.jsonl not found', (t) => t.skip('absent'));
    return;
  }
  const lines = readFileSync(publicFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  for (const line of lines) {
    const c = JSON.parse(line) as Case;
    const id = String(c.situation.id ?? '?');
    const mine = c.expect.filter((e) => registered.has(e.benefit));
    test(`${id} (${c.source ?? ''})`, (t) => {
      if (mine.length === 0) {
        t.skip(`not registered yet: ${c.expect.map((e) => e.benefit).join(', ')}`);
        return;
      }
      const bad = check(assess(c.situation), mine, false, 0.0101);
      assert.deepEqual(bad, [], bad.join('; '));
    });
    test(`${id}: the compact assessment is the full one without its texts`, () => sameCompact(c.situation));
  }
});
