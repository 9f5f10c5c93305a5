// The compact output as the full one cut to the compact contract's keys (CompactAssessmentSchema): what the tests
// of `ponte screen --compact`, `?compact=1` and assessCompact compare with.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Assessment } from '../src/contract.ts';

const RESULT_KEYS = new Set(['benefit', 'status', 'amount', 'reasons', 'missing', 'error']);

/** The full assessment read back with, in each result, only the compact keys in their order, reasons cut to code, met and verify. */
export function projected(full: Assessment): unknown {
  const a = JSON.parse(JSON.stringify(full)) as Record<string, unknown> & {
    results: Record<string, unknown>[];
  };
  a.results = a.results.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (!RESULT_KEYS.has(k)) continue;
      out[k] =
        k === 'reasons'
          ? (v as { code: string; met: boolean | null; verify?: true }[]).map((x) =>
              x.verify ? { code: x.code, met: x.met, verify: true } : { code: x.code, met: x.met },
            )
          : v;
    }
    return out;
  });
  return a;
}

/**
 * The shared public cases, shared/rules/cases/public.jsonl, in the nearest folder above the repository that has
 * them (beside /work/main, and two levels up from a worktree in /work/wt/…); undefined when there is none.
 */
export function publicCasesFile(): string | undefined {
  let dir = join(import.meta.dirname, '..', '..', '..');
  for (let i = 0; i < 4; i++) {
    const parent = dirname(dir);
    const file = join(parent, 'shared', 'rules', 'cases', 'public.jsonl');
    if (existsSync(file)) return file;
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
