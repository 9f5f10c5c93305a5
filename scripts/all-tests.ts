// One process for the whole list of test files (see scripts/test.mjs): the files register their tests with
// node:test when imported, and share module-level singletons such as the migrated test database.
//
// For the summary of scripts/test.mjs, every test and hook a file registers is timed (wall and CPU, with the
// browser's CPU when PONTE_TEST_TREE_CPU is set) and the totals are written to PONTE_TEST_STATS at exit.
import { writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { orphanCpuMs, stats, treeCpuMs } from './test-stats.ts';

const root = resolve(import.meta.dirname, '..');
const files = (process.env.PONTE_TEST_FILES ?? '').split('\n').filter(Boolean);

// The app's modules are loaded here, before any test runs. A module first loaded by a test's own `await import()`
// finishes loading in that test's async context, and the tests of a LATER file that imports it would then be
// registered as subtests of that test — and cancelled when it ends ("test did not finish before its parent").
// It is loaded after node:test is wrapped (below): it imports node:test, and a binding taken before the wrapping
// would stay the original for every file (syncBuiltinESMExports does not reach `node:test`, a prefix-only module).
const preload = files.some((f) => f.includes('/packages/'))
  ? resolve(root, 'packages/app/test/helpers.ts')
  : null;
const statsFile = process.env.PONTE_TEST_STATS;

if (statsFile) {
  const cpuMs = process.env.PONTE_TEST_TREE_CPU
    ? treeCpuMs
    : () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
  let importing = '';
  /** The test file that registers a test: the first *.test.ts(x) on the stack, else the file being imported. */
  const registeringFile = (): string => {
    const m = /(file:\/\/[^\s)]+?|\/[^\s()]+?)\.test\.tsx?/.exec(new Error().stack ?? '');
    const found = m ? m[0] : importing;
    return relative(root, found.startsWith('file:') ? fileURLToPath(found) : found);
  };
  const timed = (fn: (...a: unknown[]) => unknown, file: string, isTest: boolean) => {
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const wall0 = performance.now();
      const cpu0 = cpuMs();
      const done = () => {
        stats.files[file] ??= { wallMs: 0, cpuMs: 0, tests: 0 };
        const s = stats.files[file];
        s.wallMs += performance.now() - wall0;
        // Never below zero: a browser closing may take its helpers' earlier time with it.
        s.cpuMs += Math.max(0, cpuMs() - cpu0);
        if (isTest) s.tests += 1;
      };
      let result: unknown;
      try {
        result = fn.apply(this, args);
      } catch (e) {
        done();
        throw e;
      }
      if (result instanceof Promise) return result.finally(done);
      done();
      return result;
    };
    // node:test tells a callback-style test (`done` argument) from the others by the number of parameters.
    Object.defineProperty(wrapped, 'length', { value: fn.length });
    return wrapped;
  };
  const require = createRequire(import.meta.url);
  const nodeTest = require('node:test') as Record<string, unknown>;
  const { after } = nodeTest as unknown as typeof import('node:test');
  for (const name of ['test', 'it', 'before', 'after', 'beforeEach', 'afterEach']) {
    const original = nodeTest[name] as (...a: unknown[]) => unknown;
    const replacement = function (this: unknown, ...args: unknown[]) {
      const i = args.findLastIndex((a) => typeof a === 'function');
      if (i >= 0)
        args[i] = timed(
          args[i] as (...a: unknown[]) => unknown,
          registeringFile(),
          name === 'test' || name === 'it',
        );
      return original.apply(this, args);
    };
    Object.assign(replacement, original); // test.skip, test.only, test.todo, it.skip…
    nodeTest[name] = replacement;
  }
  syncBuiltinESMExports();
  process.on('exit', () => {
    // The whole process tree's CPU; what its processes left behind would not reach scripts/test.mjs otherwise.
    const cpu = treeCpuMs();
    writeFileSync(statsFile, JSON.stringify({ ...stats, cpuMs: cpu, orphanCpuMs: orphanCpuMs() }));
  });
  if (preload) {
    importing = preload;
    await import(preload);
  }
  for (const file of files) {
    importing = file;
    await import(file);
  }
  if (preload) after(closeTestDbOf(preload));
} else {
  if (preload) await import(preload);
  for (const file of files) {
    await import(file);
  }
  if (preload) (await import('node:test')).after(closeTestDbOf(preload));
}

/** The last hook of the process: the shared test database closed, so that the process ends when its tests do. */
function closeTestDbOf(helpers: string): () => Promise<void> {
  return async () => {
    const { closeTestDb } = (await import(helpers)) as { closeTestDb(): Promise<void> };
    await closeTestDb();
  };
}
