import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

// The rules of the house about imports (docs/architecture.md), checked on the real tree: no import circle;
// platform never imports features; a feature reaches another feature only through its index.ts; the rules
// package imports nothing of the app. Every import and export statement counts, `import type` included, and so
// does a dynamic `import('…')` with a literal path: a type-only circle is still a circle for a reader.

const root = resolve(import.meta.dirname, '../../..');

/** Files (repository-relative, with `/`) mapped to the repository-relative files they import. */
export type Graph = Map<string, string[]>;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The import graph of packages/*\/src, read with the TypeScript scanner (comments and strings are not imports). */
function readGraph(): Graph {
  const graph: Graph = new Map();
  const packages = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src'));
  for (const file of packages.flatMap((p) => sources(p))) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) targets.push(rel(resolve(dirname(file), fileName)));
      else if (fileName === '@ponte/app' || fileName.startsWith('@ponte/app/')) targets.push('packages/app');
      else if (fileName === '@ponte/rules' || fileName.startsWith('@ponte/rules/'))
        targets.push('packages/rules');
    }
    graph.set(rel(file), targets);
  }
  return graph;
}

function rel(p: string): string {
  return relative(root, p).split('\\').join('/');
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);

/** The import circles of a graph: each strongly connected component of more than one file (or a self-import). */
export function circles(graph: Graph): string[][] {
  // Tarjan's algorithm, iterative so that a deep chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      if (i === 0) {
        index.set(v, next);
        low.set(v, next);
        next++;
        stack.push(v);
        onStack.add(v);
      }
      const edges = (graph.get(v) ?? []).filter((w) => graph.has(w));
      if (i < edges.length) {
        top[1]++;
        const w = edges[i]!;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const u = work[work.length - 1]![0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
      }
    }
  }
  return out;
}

const featureOf = (f: string) => /^packages\/app\/src\/features\/([^/]+)\//.exec(f)?.[1];

/** Every import that breaks a rule of the house, one readable line each. */
export function violations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (from.startsWith('packages/app/src/platform/') && to.startsWith('packages/app/src/features/'))
        out.push(`platform imports a feature: ${from} -> ${to}`);
      if (from.startsWith('packages/rules/') && to.startsWith('packages/app'))
        out.push(`the rules package imports the app: ${from} -> ${to}`);
      const a = featureOf(from);
      const b = featureOf(to);
      // Tests may reach into another feature's fixtures; the code may not.
      if (a && b && a !== b && !isTest(from) && to !== `packages/app/src/features/${b}/index.ts`)
        out.push(`feature ${a} imports ${b}'s internals instead of its index.ts: ${from} -> ${to}`);
    }
  }
  return out;
}

test('the checker finds a circle, a platform→feature import, a reach into internals and rules→app', () => {
  const f = 'packages/app/src/features';
  const graph: Graph = new Map([
    [`${f}/a/index.ts`, [`${f}/a/routes.ts`]],
    [`${f}/a/routes.ts`, [`${f}/b/service.ts`, `${f}/b/index.ts`]],
    [`${f}/b/index.ts`, [`${f}/a/index.ts`]],
    [`${f}/b/service.ts`, []],
    [`${f}/b/x.test.ts`, [`${f}/a/routes.ts`]],
    ['packages/app/src/platform/ui/x.ts', [`${f}/a/index.ts`]],
    ['packages/rules/src/x.ts', ['packages/app']],
    ['packages/app/src/self.ts', ['packages/app/src/self.ts']],
  ]);
  assert.deepEqual(circles(graph), [
    [`${f}/a/index.ts`, `${f}/a/routes.ts`, `${f}/b/index.ts`],
    ['packages/app/src/self.ts'],
  ]);
  assert.deepEqual(violations(graph), [
    `feature a imports b's internals instead of its index.ts: ${f}/a/routes.ts -> ${f}/b/service.ts`,
    `platform imports a feature: packages/app/src/platform/ui/x.ts -> ${f}/a/index.ts`,
    'the rules package imports the app: packages/rules/src/x.ts -> packages/app',
  ]);
  assert.deepEqual(
    circles(
      new Map([
        ['a.ts', ['b.ts']],
        ['b.ts', []],
      ]),
    ),
    [],
  );
});

test('the import graph of packages/*/src has no circle and breaks no rule of the house', () => {
  const graph = readGraph();
  assert.ok(graph.size > 100, 'the walk read the tree');
  assert.ok(
    graph.get('packages/app/src/app.ts')?.includes('packages/app/src/features/index.ts'),
    'the walk sees the imports',
  );
  assert.deepEqual(
    { circles: circles(graph), violations: violations(graph) },
    { circles: [], violations: [] },
  );
});

test('every relative import of packages/*/src names a file that exists (side-effect imports included)', async () => {
  const { existsSync } = await import('node:fs');
  // tsc does not check `import './x.tsx'` without bindings: a file moved away leaves it pointing at nothing,
  // and only the process that loads it finds out.
  const missing = [...readGraph()].flatMap(([file, targets]) =>
    targets
      .filter((t) => t.startsWith('packages/') && t.includes('.') && !existsSync(join(root, t)))
      .map((t) => `${file} → ${t}`),
  );
  assert.deepEqual(missing, []);
});
