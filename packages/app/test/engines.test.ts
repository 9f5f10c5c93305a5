import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import semver from 'semver';

// `engines` must be true (issue 10): Ponte runs and is tested on Node 20.19+, 22.12+ and 24, so every package
// that `npm ci` installs must accept the first release of each of those lines. A package whose own `engines` is
// narrower makes `npm ci` print EBADENGINE warnings, and may use what the older Node lacks: this test fails on
// the lock file before a machine ever sees the warning (decision 0040).

const root = join(import.meta.dirname, '../../..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** The first release of each supported line: what `engines` promises, and what CI runs (this Node, and 24). */
const LINES = ['20.19.0', '22.12.0', '24.0.0'];

test('the root `engines` names Node 20.19+, 22.12+ and 24+, and the Node running this test is one of them', () => {
  const range = json('package.json').engines.node as string;
  for (const v of LINES) assert.ok(semver.satisfies(v, range), `${v} in ${range}`);
  for (const v of ['20.18.0', '21.7.0', '22.11.0', '23.5.0'])
    assert.ok(!semver.satisfies(v, range), `${v} not promised`);
  assert.ok(semver.satisfies(process.versions.node, range), `this Node (${process.versions.node})`);
});

test('every package of the lock file accepts Node 20.19, 22.12 and 24 (npm ci prints no EBADENGINE)', () => {
  const lock = json('package-lock.json') as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  const refused: string[] = [];
  let checked = 0;
  for (const [path, p] of Object.entries(lock.packages)) {
    const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
    if (!range) continue;
    checked++;
    for (const v of LINES)
      if (!semver.satisfies(v, range)) refused.push(`${path}@${p.version} wants node ${range}, not ${v}`);
  }
  assert.ok(checked > 50, `engines read from ${checked} packages`);
  assert.deepEqual(refused, []);
});

test('the README says which Node versions are supported', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.ok(
    /Node\.js 20 \(20\.19 or later\), 22 \(22\.12 or later\) or 24/.test(readme),
    'README: supported Node',
  );
});
