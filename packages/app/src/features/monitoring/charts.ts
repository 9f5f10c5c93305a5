import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { Db } from '../../platform/db/database.ts';
import type { T } from '../../platform/i18n/index.ts';
import type { OutTable } from './service.ts';

// Charts rendered on the server as SVG by vega-lite and vega (no JavaScript in the browser). A chart draws only the
// cells its table shows: a suppressed cell is absent from the chart as it is from the table. The SVG is an image
// named by its title (role="img", <title>, aria-label); its figures are in the data table next to it. Vega's own
// ARIA on marks is off (`aria: false`): the table is the accessible form of the data.

const COLOURS = ['#0b4f8a', '#b3541e', '#2f6b2f', '#6a3d9a', '#8a1c3a', '#4d4d4d'];

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Drawing a chart has three costs: compiling the vega-lite spec to vega, parsing it into a dataflow, and running
// that dataflow to an SVG. The first two depend only on the chart's template (its marks, encodings and labels,
// data apart: the rows are ordered by an `order` field, not by a list written into the spec), so each template is
// compiled and parsed once per process and every chart of it only runs a fresh View on its own rows (3–5 times
// cheaper than compiling each chart). The finished SVGs are kept by a hash of their full input (template, rows,
// label): in memory (the same view asked again), and in `monitoring_chart` for the views the refresh job draws
// ahead (predraw.ts), so that the first reader of a view after a refresh finds its charts drawn on any instance.
const CACHE_SIZE = 256;
const cache = new Map<string, string>();
const runtimes = new Map<string, vega.Runtime>();
const TEMPLATES = 64;

// vega and vega-lite are loaded at the first chart drawn, not at every start (issue 16): most requests and many
// processes draw none, and the first is drawn by the refresh job after the server listens.
let renderer: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadRenderer = () => {
  renderer ??= Promise.all([import('vega'), import('vega-lite')]);
  return renderer;
};

function remember<V>(map: Map<string, V>, key: string, value: V, size: number): void {
  map.set(key, value);
  if (map.size > size) map.delete(map.keys().next().value!);
}

/** A chart to draw: its template (a vega-lite spec whose data is named `table`), its rows and its name. */
export interface ChartInput {
  key: string;
  template: TopLevelSpec;
  values: Datum[];
  label: string;
  id: string;
}

function input(template: TopLevelSpec, values: Datum[], label: string, id: string): ChartInput {
  const key = createHash('sha256')
    .update(JSON.stringify([template, values, label, id]))
    .digest('hex');
  return { key, template, values, label, id };
}

/** The SVG of a chart kept in this process, if any. */
export function cached(key: string): string | undefined {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

/** Keeps a drawn SVG in this process. */
export function keep(key: string, svg: string): void {
  remember(cache, key, svg, CACHE_SIZE);
}

/** Draws a chart (no cache read), and keeps it. */
export async function draw(c: ChartInput): Promise<string> {
  const full = {
    ...c.template,
    config: {
      aria: false,
      font: 'system-ui, sans-serif',
      axis: {
        labelColor: '#1a1a1a',
        titleColor: '#1a1a1a',
        labelFontSize: 12,
        titleFontSize: 12,
        labelLimit: 260,
      },
      legend: { labelColor: '#1a1a1a', titleColor: '#1a1a1a', labelFontSize: 12, labelLimit: 260 },
      range: { category: COLOURS },
      view: { stroke: null },
      background: '#ffffff',
    },
  } as TopLevelSpec;
  const templateKey = JSON.stringify(full);
  let runtime = runtimes.get(templateKey);
  const [vega, { compile }] = await loadRenderer();
  if (!runtime) {
    runtime = vega.parse(compile(full).spec);
    remember(runtimes, templateKey, runtime, TEMPLATES);
  }
  const view = new vega.View(runtime, { renderer: 'none' });
  view.data('table', c.values);
  const svg = await view.toSVG();
  view.finalize();
  const titleId = `${c.id}-title`;
  // Vega labels its groups and marks as graphics objects and symbols even with `aria: false`: the chart is one
  // image (its data is the table that follows), so every inner role and ARIA attribute is removed.
  // Its classes too: no stylesheet or script of Ponte uses them (the colours are inline), and a class without a
  // rule is what the stylesheet test refuses (the cut stylesheet keeps only the classes pages use).
  const flat = svg.replace(/ (?:role|aria-roledescription|aria-label|aria-hidden|class)="[^"]*"/g, '');
  const out = flat
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${titleId}" focusable="false" `)
    .replace(/^(<svg[^>]*>)/, `$1<title id="${titleId}">${escapeXml(c.label)}</title>`);
  keep(c.key, out);
  return out;
}

type Datum = Record<string, string | number>;

/** The rows and columns a table shows, as chart data (only shown cells; never the total row), each with the
 *  place of its row in the table (`order`), by which the chart sorts its rows. */
function data(table: OutTable, columns: string[]): Datum[] {
  const out: Datum[] = [];
  table.rows.forEach((row, order) => {
    if (row.total) return;
    for (const key of columns) {
      const i = table.columns.findIndex((c) => c.key === key);
      const cell = row.cells[i];
      if (cell?.status !== 'shown' || cell.value === null) continue;
      out.push({ row: row.label, order, series: table.columns[i]!.label, value: cell.value });
    }
  });
  return out;
}

const byOrder = { field: 'order', op: 'min' } as const;

/** What to draw for a table of the dashboard, or null when it has nothing to draw. */
export function chartInputOf(table: OutTable, label: string): ChartInput | null {
  if (table.withheld || table.rows.length === 0) return null;
  const id = `chart-${table.key}`;
  switch (table.key) {
    case 'funnel': {
      const values = data(table, ['n']);
      if (values.length === 0) return null;
      return input(
        {
          width: 420,
          data: { name: 'table' },
          mark: { type: 'bar', color: COLOURS[0] },
          encoding: {
            y: { field: 'row', type: 'nominal', sort: byOrder, title: null },
            x: { field: 'value', type: 'quantitative', title: table.columns[0]!.label },
          },
        } as TopLevelSpec,
        values,
        label,
        id,
      );
    }
    case 'trend': {
      const values = data(table, ['cases', 'referred', 'consulted', 'filed', 'granted']);
      if (values.length === 0) return null;
      return input(
        {
          width: 520,
          height: 220,
          data: { name: 'table' },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'row', type: 'ordinal', sort: byOrder, title: null },
            y: { field: 'value', type: 'quantitative', title: null },
            color: { field: 'series', type: 'nominal', title: null, sort: null },
            strokeDash: { field: 'series', type: 'nominal', title: null, sort: null },
          },
        } as TopLevelSpec,
        values,
        label,
        id,
      );
    }
    case 'provinces':
    case 'benefits':
    case 'desks':
    case 'rdl':
    case 'times': {
      const cols = {
        provinces: ['cases', 'referred', 'granted'],
        benefits: ['filed', 'granted'],
        desks: ['offered', 'booked', 'done'],
        rdl: ['filed', 'granted'],
        times: ['p50', 'p90'],
      }[table.key];
      const values = data(table, cols);
      if (values.length === 0) return null;
      return input(
        {
          width: 420,
          data: { name: 'table' },
          mark: 'bar',
          encoding: {
            y: { field: 'row', type: 'nominal', sort: byOrder, title: null },
            yOffset: { field: 'series', type: 'nominal', sort: null },
            x: { field: 'value', type: 'quantitative', title: null },
            color: { field: 'series', type: 'nominal', title: null, sort: null },
          },
        } as TopLevelSpec,
        values,
        label,
        id,
      );
    }
    default:
      return null;
  }
}

/** A chart for a table of the dashboard (drawn, or from this process's cache), or null when it has nothing to draw. */
export async function chartOf(table: OutTable, label: string): Promise<string | null> {
  const c = chartInputOf(table, label);
  if (!c) return null;
  return cached(c.key) ?? draw(c);
}

/** The name of the chart of a table (its accessible name). */
export const chartLabel = (t: T, table: OutTable): string =>
  t('monitoring.chart.label', { title: table.title });

/**
 * The charts of a page: from this process's cache, else from those the refresh job drew ahead (`monitoring_chart`,
 * one read for all), else drawn now. Keyed by table; null where a table has nothing to draw.
 */
export async function chartsOf(
  db: Db,
  tables: readonly OutTable[],
  t: T,
): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  const wanted: { table: string; input: ChartInput }[] = [];
  for (const table of tables) {
    const c = chartInputOf(table, chartLabel(t, table));
    out[table.key] = c ? (cached(c.key) ?? null) : null;
    if (c && out[table.key] === null) wanted.push({ table: table.key, input: c });
  }
  if (wanted.length === 0) return out;
  const stored = new Map(
    (
      await sql<{ key: string; svg: string }>`
        select key, svg from monitoring_chart where key = any(${wanted.map((w) => w.input.key)}::text[])`.execute(
        db,
      )
    ).rows.map((r) => [r.key, r.svg]),
  );
  for (const w of wanted) {
    const svg = stored.get(w.input.key);
    if (svg !== undefined) keep(w.input.key, svg);
    out[w.table] = svg ?? (await draw(w.input));
  }
  return out;
}

/** Forgets the charts (and, with `templates`, the compiled templates) kept in this process: for the benchmark. */
export function forgetCharts(o: { templates?: boolean } = {}): void {
  cache.clear();
  if (o.templates) runtimes.clear();
}
