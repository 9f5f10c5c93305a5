import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

// Time comes only from platform/clock.ts (issue 10): a test, or a whole CI run at a fixed date (PONTE_TEST_NOW), sets
// that clock, so any other source of "now" would make the application live on two dates at once. This test reads
// every non-test source of packages/app/src with the TypeScript parser (comments never count) and fails on
// `Date.now()`, `new Date()` / `Date()` without arguments, `Temporal.Now` and the SQL clock functions (`now()`,
// `current_date`, `current_timestamp`…) in any string or template text. Elapsed time (`performance.now()`) is not
// a date and stays allowed.

const SRC = resolve(import.meta.dirname, '../src');
const CLOCK = 'platform/clock.ts';

/** Files allowed to read another clock, each with the reason. Keep it short. */
const ALLOWED: Record<string, string> = {
  [CLOCK]: 'the one clock: it reads the system clock and applies the offset of setClock/PONTE_TEST_NOW',
  'platform/db/replica.ts':
    "a replica's lag is its own server clock against its last replayed transaction: the app's clock, which tests move, would make it meaningless",
};

const SQL_CLOCK =
  /\b(?:now|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday)\s*\(\s*\)|\b(?:current_timestamp|current_date|current_time|localtimestamp|localtime)\b/i;

export interface Finding {
  line: number;
  what: string;
}

/** The other sources of "now" in one file's text. */
export function otherClocks(fileName: string, text: string): Finding[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const add = (node: ts.Node, what: string) =>
    found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  const isDate = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'Date';
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && isDate(node.expression) && (node.arguments?.length ?? 0) === 0)
      add(node, 'new Date()');
    else if (ts.isCallExpression(node) && isDate(node.expression)) add(node, 'Date()');
    else if (
      ts.isPropertyAccessExpression(node) &&
      isDate(node.expression) &&
      node.name.text === 'now' &&
      ts.isCallExpression(node.parent)
    )
      add(node, 'Date.now()');
    else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Temporal' &&
      node.name.text === 'Now'
    )
      add(node, 'Temporal.Now');
    else if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)) &&
      SQL_CLOCK.test(node.text)
    )
      add(node, `SQL clock in "${node.text.trim().slice(0, 60)}"`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

test('the scanner finds every other clock, and ignores comments, performance.now() and the clock itself', () => {
  // One finding per line 1–9; none on lines 10–16.
  const sample = `const a = Date.now();
const b = new Date();
const c = new Date;
const d = Date();
const e = Temporal.Now.plainDateISO('Europe/Rome');
const f = sql\`select * from job where run_at <= now()\`;
const g = sql\`where \${x} > current_date and y < \${z}\`;
const h = 'select CURRENT_TIMESTAMP';
const i = sql\`insert into t values (\${id}, clock_timestamp())\`;
// Date.now() and new Date() in a comment, and SQL now() too
/* Temporal.Now */
const j = performance.now();
const k = new Date(0);
const l = new Date('2026-12-24');
const m = sql\`where at > \${now()}::timestamptz\`;
const n = 'the state as it is now (after the change)';`;
  assert.deepEqual(
    otherClocks('sample.ts', sample).map((f) => [f.line, f.what.split(' ')[0]]),
    [
      [1, 'Date.now()'],
      [2, 'new'],
      [3, 'new'],
      [4, 'Date()'],
      [5, 'Temporal.Now'],
      [6, 'SQL'],
      [7, 'SQL'],
      [8, 'SQL'],
      [9, 'SQL'],
    ],
  );
});

test('packages/app/src takes every "now" from platform/clock.ts', () => {
  const files = sources(SRC);
  assert.ok(files.length > 100, `only ${files.length} source files found under ${SRC}`);
  const problems: string[] = [];
  for (const file of files) {
    const rel = relative(SRC, file).split('\\').join('/');
    if (rel in ALLOWED) continue;
    for (const f of otherClocks(file, readFileSync(file, 'utf8')))
      problems.push(`${rel}:${f.line}: ${f.what}`);
  }
  assert.deepEqual(
    problems,
    [],
    `use now(), nowMs(), todayIso()… of platform/clock.ts (in SQL, pass now() as a parameter):\n${problems.join('\n')}`,
  );
});
