import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type CellRef,
  equationsOf,
  type Grid,
  MIN_THRESHOLD,
  protect,
  protectLinked,
  validThreshold,
} from './disclosure.ts';

// Exact rational rank (BigInt fractions), independent of the module's floating elimination: a suppressed cell is
// recoverable from the published margins exactly when removing its column from the matrix of the equations
// (restricted to the suppressed cells) lowers the rank, i.e. no change of the unknowns that keeps every published
// total moves that cell.
type Frac = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([p, q]: Frac): Frac => {
  if (q < 0n) [p, q] = [-p, -q];
  const g = gcd(p, q) || 1n;
  return [p / g, q / g];
};
function rank(matrix: number[][]): number {
  const m: Frac[][] = matrix.map((r) => r.map((v) => [BigInt(v), 1n] as Frac));
  let rk = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < m.length; c++) {
    const p = m.findIndex((row, i) => i >= rk && row[c]![0] !== 0n);
    if (p < 0) continue;
    [m[rk], m[p]] = [m[p]!, m[rk]!];
    for (let i = 0; i < m.length; i++) {
      if (i === rk || m[i]![c]![0] === 0n) continue;
      const [a, b] = m[i]![c]!;
      const [pa, pb] = m[rk]![c]!;
      // row_i -= (a/b)/(pa/pb) * row_rk
      const f: Frac = norm([a * pb, b * pa]);
      m[i] = m[i]!.map((x, j) => {
        const [ya, yb] = m[rk]![j]!;
        return norm([x[0] * f[1] * yb - f[0] * ya * x[1], x[1] * f[1] * yb]);
      });
    }
    rk++;
  }
  return rk;
}
function recoverable(g: Grid, suppressed: number[]): number[] {
  return recoverableFrom(equationsOf(g), suppressed);
}
function recoverableFrom(eqs: [number, number][][], suppressed: number[]): number[] {
  const matrix = eqs
    .map((eq) => suppressed.map((s) => eq.filter(([k]) => k === s).reduce((a, [, v]) => a + v, 0)))
    .filter((row) => row.some((v) => v !== 0));
  if (matrix.length === 0) return [];
  const full = rank(matrix);
  return suppressed.filter((_, i) => rank(matrix.map((row) => row.filter((_, j) => j !== i))) < full);
}

/** A table of counts with (optionally) its margins, skewed towards small cells. */
const countTable = fc
  .record({
    rows: fc.integer({ min: 1, max: 6 }),
    cols: fc.integer({ min: 1, max: 5 }),
    totalRow: fc.boolean(),
    totalColumn: fc.boolean(),
    seed: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
      minLength: 30,
      maxLength: 30,
    }),
  })
  .map(({ rows, cols, totalRow, totalColumn, seed }): Grid => {
    const body = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => seed[(r * cols + c) % seed.length]!),
    );
    const withCol = body.map((row) => (totalColumn ? [...row, row.reduce((a, b) => a + b, 0)] : row));
    const values = totalRow
      ? [...withCol, withCol[0]!.map((_, c) => withCol.reduce((a, row) => a + row[c]!, 0))]
      : withCol;
    return { values, totalRow, totalColumn };
  });

const threshold = fc.integer({ min: MIN_THRESHOLD, max: 10 });

test('disclosure: no published count is below the threshold', () => {
  fc.assert(
    fc.property(countTable, threshold, (g, t) => {
      const p = protect(g, t);
      for (const row of p.shown) for (const v of row) if (v !== null) assert.ok(v >= t, `${v} < ${t}`);
    }),
    { numRuns: 400 },
  );
});

test('disclosure: no suppressed cell can be recomputed from the published rows, columns and totals', () => {
  fc.assert(
    fc.property(countTable, threshold, (g, t) => {
      const p = protect(g, t);
      const cols = g.values[0]!.length;
      const suppressed: number[] = [];
      p.status.forEach((row, r) => {
        row.forEach((s, c) => {
          if (s !== 'shown') suppressed.push(r * cols + c);
        });
      });
      assert.deepEqual(recoverable(g, suppressed), [], JSON.stringify({ g, t, status: p.status }));
    }),
    { numRuns: 400 },
  );
});

test('disclosure: sums and medians over fewer cases than the threshold are not shown; medians need no partner', () => {
  const stat = fc.record({
    rows: fc.integer({ min: 1, max: 6 }),
    ns: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 6, maxLength: 6 }),
    amounts: fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 6, maxLength: 6 }),
  });
  fc.assert(
    fc.property(stat, threshold, ({ rows, ns, amounts }, t) => {
      // columns: count, sum of amounts, median amount; a total row for the count and the sum.
      const body = Array.from({ length: rows }, (_, r) => [ns[r]!, amounts[r]! * ns[r]!, amounts[r]!]);
      const nBody = Array.from({ length: rows }, (_, r) => [ns[r]!, ns[r]!, ns[r]!]);
      const total = [body.reduce((a, b) => a + b[0]!, 0), body.reduce((a, b) => a + b[1]!, 0), 0];
      const nTotal = [total[0]!, total[0]!, total[0]!];
      const g: Grid = {
        values: [...body, total],
        n: [...nBody, nTotal],
        additive: [true, true, false],
        totalRow: true,
        totalColumn: false,
      };
      const p = protect(g, t);
      p.shown.forEach((row, r) => {
        row.forEach((v, c) => {
          if (v !== null) assert.ok(g.n![r]![c]! >= t);
        });
      });
      // The median column is never suppressed for a reason other than its own n.
      p.status.forEach((row, r) => {
        assert.notEqual(row[2], 'secondary', `row ${r}`);
      });
      const suppressed: number[] = [];
      p.status.forEach((row, r) => {
        row.forEach((s, c) => {
          if (s !== 'shown') suppressed.push(r * 3 + c);
        });
      });
      assert.deepEqual(recoverable(g, suppressed), []);
    }),
    { numRuns: 300 },
  );
});

test('disclosure: a threshold below 3 is refused; the classic example suppresses a partner in the line', () => {
  assert.equal(validThreshold(2), false);
  assert.equal(validThreshold(3), true);
  assert.throws(() => protect({ values: [[1]], totalRow: false, totalColumn: false }, 2), RangeError);
  const g: Grid = {
    values: [
      [2, 10, 12],
      [8, 20, 28],
      [10, 30, 40],
    ],
    totalRow: true,
    totalColumn: true,
  };
  const p = protect(g, 5);
  assert.equal(p.status[0]![0], 'primary');
  // Its row, its column, and the cell closing the rectangle are suppressed too; totals stay published.
  assert.deepEqual(p.shown, [
    [null, null, 12],
    [null, null, 28],
    [10, 30, 40],
  ]);
});

// The page as published: several tables whose margins are the same figures. The monthly trend and the provinces
// table are two breakdowns of one set of cases (months × provinces × stages): the funnel is the total row of both.
// The benefits table's Reddito di Libertà row is the total of its breakdown by year. Exports and the dataset carry
// the same cells, so this is everything a reader of the page and its files can combine.
const page = fc
  .record({
    months: fc.integer({ min: 1, max: 4 }),
    provinces: fc.integer({ min: 1, max: 4 }),
    stages: fc.integer({ min: 1, max: 3 }),
    benefits: fc.integer({ min: 1, max: 3 }),
    years: fc.integer({ min: 1, max: 3 }),
    seed: fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })), {
      minLength: 48,
      maxLength: 48,
    }),
  })
  .map(({ months, provinces, stages, benefits, years, seed }) => {
    let i = 0;
    const next = () => seed[i++ % seed.length]! + (i % 7 === 0 ? 1 : 0);
    const cube = Array.from({ length: months }, () =>
      Array.from({ length: provinces }, () => Array.from({ length: stages }, next)),
    );
    const sum = (rows: number[][]) => rows[0]!.map((_, c) => rows.reduce((a, r) => a + r[c]!, 0));
    const trendBody = cube.map((m) => sum(m));
    const provBody = Array.from({ length: provinces }, (_, p) => sum(cube.map((m) => m[p]!)));
    const rdlBody = Array.from({ length: years }, () => [next(), next()]);
    const benBody = [sum(rdlBody), ...Array.from({ length: benefits - 1 }, () => [next(), next()])];
    const grid = (body: number[][]): Grid => ({
      values: [...body, sum(body)],
      totalRow: true,
      totalColumn: false,
    });
    const grids = [grid(trendBody), grid(provBody), grid(benBody), grid(rdlBody)];
    const links: [CellRef, CellRef][] = [
      ...Array.from({ length: stages }, (_, c): [CellRef, CellRef] => [
        [0, months, c],
        [1, provinces, c],
      ]),
      ...[0, 1].map((c): [CellRef, CellRef] => [
        [2, 0, c],
        [3, years, c],
      ]),
    ];
    return { grids, links };
  });

test('disclosure: across the tables of a page and its exports, no suppressed cell can be recomputed from every published margin', () => {
  fc.assert(
    fc.property(page, threshold, ({ grids, links }, t) => {
      const out = protectLinked(grids, links, t);
      // One key space: each grid after the one before; a linked cell is its partner's unknown.
      const offsets = grids.map((_, i) =>
        grids.slice(0, i).reduce((a, g) => a + g.values.length * g.values[0]!.length, 0),
      );
      const key = ([g, r, c]: CellRef) => offsets[g]! + r * grids[g]!.values[0]!.length + c;
      const same = new Map<number, number>();
      for (const [a, b] of links) same.set(key(b), same.get(key(a)) ?? key(a));
      const canon = (k: number) => same.get(k) ?? k;
      const eqs = grids.flatMap((g, i) =>
        equationsOf(g).map((eq) => eq.map(([k, v]): [number, number] => [canon(offsets[i]! + k), v])),
      );
      const suppressed = new Set<number>();
      out.forEach((p, i) => {
        p.status.forEach((row, r) => {
          row.forEach((s, c) => {
            if (s !== 'shown') suppressed.add(canon(key([i, r, c])));
            if (s === 'shown') assert.ok(grids[i]!.values[r]![c]! >= t);
          });
        });
      });
      // A linked figure reads the same in both tables.
      for (const [a, b] of links)
        assert.equal(out[a[0]]!.status[a[1]]![a[2]], out[b[0]]!.status[b[1]]![b[2]]);
      assert.deepEqual(recoverableFrom(eqs, [...suppressed]), [], JSON.stringify({ grids, t }));
    }),
    { numRuns: 300 },
  );
});
