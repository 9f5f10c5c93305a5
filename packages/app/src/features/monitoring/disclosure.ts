// Statistical disclosure control of the monitoring tables (issue 15; docs/decisions/0054). Pure: no I/O, no clock.
//
// A table is a grid of cells; each cell has a value and `n`, the number of cases it is computed from (for a count
// the count itself). Some columns are additive: their rows add up to a total row, when the table has one; a table
// may also have a total column that adds up the additive columns of each row. Medians and percentiles are not
// additive (no margin involves them).
//
// Primary suppression: a cell computed from fewer than `threshold` cases is not shown (a count is shown as "<5").
// Secondary suppression: a suppressed cell must not be recomputable from what is published on the same page or
// export. The published cells fix a system of linear equations (each line of an additive column or row equals its
// total) in the suppressed cells; a suppressed cell is recoverable when that system determines it. While some
// suppressed cell is determined, the smallest published cell of one of its lines (the next-smallest of the line,
// a total only as a last resort) is suppressed as well, until a fixed point.

/** The smallest threshold the law allows (SISTAN: minimum cell of 3). */
export const MIN_THRESHOLD = 3;
/** Ponte's default, higher for sensitive data. */
export const DEFAULT_THRESHOLD = 5;

/** `withheld`: not shown for a reason outside the table (one organisation's figures, a margin hidden elsewhere). */
export type CellStatus = 'shown' | 'primary' | 'secondary' | 'withheld';

export interface Grid {
  /** values[r][c]; with a total row, the last row; with a total column, the last column. */
  values: number[][];
  /** Cases behind each cell; absent, the values themselves (a table of counts). */
  n?: number[][];
  /** Which columns add up down the rows to the total row (default: all). */
  additive?: boolean[];
  /** The last row is the sum of the rows above, in every additive column. */
  totalRow: boolean;
  /** The last column is the sum of the other additive columns of its row. */
  totalColumn: boolean;
  /** Cells not shown whatever their count (they still must not be recomputable). */
  withheld?: boolean[][];
}

export interface Protected {
  status: CellStatus[][];
  /** The value when shown, else null. */
  shown: (number | null)[][];
}

/** Whether a threshold is acceptable: an integer, at least 3 (and a sane upper bound). */
export function validThreshold(t: number): boolean {
  return Number.isInteger(t) && t >= MIN_THRESHOLD && t <= 100;
}

type Key = number; // r * width + c

/** The additive equations of a grid, each a list of [cell key, coefficient] summing to zero. */
export function equationsOf(g: Grid): [Key, number][][] {
  const rows = g.values.length;
  const cols = rows === 0 ? 0 : g.values[0]!.length;
  const additive = (c: number) => g.additive?.[c] ?? true;
  const k = (r: number, c: number) => r * cols + c;
  const eqs: [Key, number][][] = [];
  const lastBody = g.totalRow ? rows - 1 : rows;
  const lastCol = g.totalColumn ? cols - 1 : cols;
  if (g.totalRow) {
    for (let c = 0; c < cols; c++) {
      if (!additive(c)) continue;
      const eq: [Key, number][] = [];
      for (let r = 0; r < lastBody; r++) eq.push([k(r, c), 1]);
      eq.push([k(rows - 1, c), -1]);
      eqs.push(eq);
    }
  }
  if (g.totalColumn) {
    for (let r = 0; r < rows; r++) {
      const eq: [Key, number][] = [];
      for (let c = 0; c < lastCol; c++) if (additive(c)) eq.push([k(r, c), 1]);
      eq.push([k(r, cols - 1), -1]);
      eqs.push(eq);
    }
  }
  return eqs;
}

/**
 * The suppressed cells that the published ones determine: each equation restricted to the suppressed cells is a
 * row of a matrix; a cell is determined exactly when its unit vector lies in the row space, i.e. a row of the
 * reduced row echelon form is that unit vector. Coefficients stay small integers: exact with doubles here.
 */
export function determinedCells(eqs: [Key, number][][], suppressed: ReadonlySet<Key>): Set<Key> {
  const vars = [...suppressed].sort((a, b) => a - b);
  const index = new Map(vars.map((v, i) => [v, i]));
  const m: number[][] = [];
  for (const eq of eqs) {
    const row = new Array<number>(vars.length).fill(0);
    let any = false;
    for (const [key, coef] of eq) {
      const i = index.get(key);
      if (i !== undefined) {
        row[i]! += coef;
        any = true;
      }
    }
    if (any) m.push(row);
  }
  // Reduced row echelon form.
  let lead = 0;
  const pivots: number[] = [];
  for (let col = 0; col < vars.length && lead < m.length; col++) {
    let p = lead;
    while (p < m.length && Math.abs(m[p]![col]!) < 1e-9) p++;
    if (p === m.length) continue;
    [m[lead], m[p]] = [m[p]!, m[lead]!];
    const pivotRow = m[lead]!;
    const pv = pivotRow[col]!;
    for (let j = 0; j < vars.length; j++) pivotRow[j]! /= pv;
    for (let i = 0; i < m.length; i++) {
      if (i === lead) continue;
      const f = m[i]![col]!;
      if (Math.abs(f) < 1e-12) continue;
      for (let j = 0; j < vars.length; j++) m[i]![j]! -= f * pivotRow[j]!;
    }
    pivots.push(col);
    lead++;
  }
  const out = new Set<Key>();
  for (let i = 0; i < pivots.length; i++) {
    const row = m[i]!;
    let others = false;
    for (let j = 0; j < vars.length; j++) {
      if (j !== pivots[i] && Math.abs(row[j]!) > 1e-9) {
        others = true;
        break;
      }
    }
    if (!others) out.add(vars[pivots[i]!]!);
  }
  return out;
}

/** Applies primary and secondary suppression to a grid. */
export function protect(g: Grid, threshold: number = DEFAULT_THRESHOLD): Protected {
  return protectLinked([g], [], threshold)[0]!;
}

/** A cell of one of several grids: [grid, row, column]. */
export type CellRef = readonly [grid: number, row: number, col: number];

/**
 * Applies primary and secondary suppression to several grids published together (one page and its exports), some
 * of whose cells are the same figure (`links`: e.g. the total row of the monthly trend and the total row of the
 * provinces table, the Reddito di Libertà row of the benefits table and the total of its breakdown by year). A
 * linked figure is one unknown in one system of equations, the union of every grid's margins: it is shown or
 * suppressed everywhere alike, and no suppressed cell of any grid can be recomputed from all that is published.
 */
export function protectLinked(
  grids: readonly Grid[],
  links: readonly (readonly [CellRef, CellRef])[],
  threshold: number = DEFAULT_THRESHOLD,
): Protected[] {
  if (!validThreshold(threshold)) throw new RangeError(`threshold ${threshold} below ${MIN_THRESHOLD}`);
  // Each cell gets a key in one space; linked cells share the key of their class (union–find).
  const offsets: number[] = [];
  let size = 0;
  for (const g of grids) {
    offsets.push(size);
    size += g.values.length * (g.values[0]?.length ?? 0);
  }
  const widthOf = (i: number) => grids[i]!.values[0]?.length ?? 0;
  const keyOf = ([i, r, c]: CellRef) => offsets[i]! + r * widthOf(i) + c;
  const parent = Array.from({ length: size }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]!]!;
      k = parent[k]!;
    }
    return k;
  };
  for (const [a, b] of links) {
    const ra = find(keyOf(a));
    const rb = find(keyOf(b));
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const value = new Array<number>(size).fill(0);
  const n = new Array<number>(size).fill(Number.POSITIVE_INFINITY);
  const withheld = new Array<boolean>(size).fill(false);
  const total = new Array<boolean>(size).fill(false);
  const eqs: [Key, number][][] = [];
  grids.forEach((g, i) => {
    const rows = g.values.length;
    const cols = widthOf(i);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const k = find(offsets[i]! + r * cols + c);
        value[k] = g.values[r]![c]!;
        n[k] = Math.min(n[k]!, (g.n ?? g.values)[r]![c]!);
        if (g.withheld?.[r]?.[c]) withheld[k] = true;
        if ((g.totalRow && r === rows - 1) || (g.totalColumn && c === cols - 1)) total[k] = true;
      }
    for (const eq of equationsOf(g)) eqs.push(eq.map(([key, coef]) => [find(offsets[i]! + key), coef]));
  });
  const status = new Map<Key, CellStatus>();
  const suppressed = new Set<Key>();
  for (let k = 0; k < size; k++) {
    if (find(k) !== k) continue;
    const s: CellStatus = withheld[k] ? 'withheld' : n[k]! < threshold ? 'primary' : 'shown';
    status.set(k, s);
    if (s !== 'shown') suppressed.add(k);
  }
  // The smallest published cell sharing a line with a determined cell (a total only as a last resort).
  const better = (key: Key, than: Key | undefined) =>
    than === undefined ||
    Number(total[key]) < Number(total[than]) ||
    (total[key] === total[than] &&
      (value[key]! < value[than]! || (value[key] === value[than] && key < than)));
  for (let guard = 0; guard <= size; guard++) {
    const determined = determinedCells(eqs, suppressed);
    if (determined.size === 0) break;
    let best: Key | undefined;
    for (const eq of eqs) {
      if (!eq.some(([key]) => determined.has(key))) continue;
      for (const [key] of eq) if (!suppressed.has(key) && better(key, best)) best = key;
    }
    if (best === undefined) {
      // Every cell of its lines is suppressed already and it is still determined (a "bridge" between two
      // suppressed patterns): suppress the smallest published additive cell anywhere.
      for (const eq of eqs)
        for (const [key] of eq)
          if (!suppressed.has(key) && (best === undefined || value[key]! < value[best]!)) best = key;
    }
    if (best === undefined) break;
    suppressed.add(best);
    status.set(best, 'secondary');
  }
  return grids.map((g, i) => {
    const cols = widthOf(i);
    const st = g.values.map((row, r) => row.map((_, c) => status.get(find(offsets[i]! + r * cols + c))!));
    const shown = g.values.map((row, r) => row.map((v, c) => (st[r]![c] === 'shown' ? v : null)));
    return { status: st, shown };
  });
}

/** How a suppressed cell reads: a primary count as "<5", a sum or median below the threshold and a secondary
 *  suppression as "n.d." (non disponibile; the page's legend says why). */
export function suppressedLabel(status: CellStatus, kind: 'count' | 'other', threshold: number): string {
  if (status === 'primary' && kind === 'count') return `<${threshold}`;
  return 'n.d.';
}

/** The median of sorted or unsorted values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  // Nearest-rank on the continuous index (PostgreSQL's percentile_cont gives the same for p = 0.5 on odd counts).
  const idx = (s.length - 1) * p;
  const lo = Math.floor(idx);
  const hi = Math.ceil(idx);
  return s[lo]! + (s[hi]! - s[lo]!) * (idx - lo);
}
