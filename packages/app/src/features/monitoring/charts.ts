import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { OutTable } from './service.ts';

// Charts rendered on the server as SVG by vega-lite and vega (no JavaScript in the browser). A chart draws only the
// cells its table shows: a suppressed cell is absent from the chart as it is from the table. The SVG is an image
// named by its title (role="img", <title>, aria-label); its figures are in the data table next to it. Vega's own
// ARIA on marks is off (`aria: false`): the table is the accessible form of the data.

const COLOURS = ['#0b4f8a', '#b3541e', '#2f6b2f', '#6a3d9a', '#8a1c3a', '#4d4d4d'];

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Rendering a chart costs ~100–200 ms of CPU, and its input changes only when the rollups are refreshed: the SVGs
// are kept by their full spec (data included), so the same view asked again is served from memory.
const CACHE_SIZE = 256;
const cache = new Map<string, string>();

async function render(spec: TopLevelSpec, label: string, id: string): Promise<string> {
  const key = JSON.stringify([spec, label, id]);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const svg = await draw(spec, label, id);
  cache.set(key, svg);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return svg;
}

async function draw(spec: TopLevelSpec, label: string, id: string): Promise<string> {
  const full = {
    ...spec,
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
  const view = new vega.View(vega.parse(compile(full).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const titleId = `${id}-title`;
  // Vega labels its groups and marks as graphics objects and symbols even with `aria: false`: the chart is one
  // image (its data is the table that follows), so every inner role and ARIA attribute is removed.
  // Its classes too: no stylesheet or script of Ponte uses them (the colours are inline), and a class without a
  // rule is what the stylesheet test refuses (the cut stylesheet keeps only the classes pages use).
  const flat = svg.replace(/ (?:role|aria-roledescription|aria-label|aria-hidden|class)="[^"]*"/g, '');
  return flat
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${titleId}" focusable="false" `)
    .replace(/^(<svg[^>]*>)/, `$1<title id="${titleId}">${escapeXml(label)}</title>`);
}

type Datum = Record<string, string | number>;

/** The rows and columns a table shows, as chart data (only shown cells; never the total row). */
function data(table: OutTable, columns: string[]): Datum[] {
  const out: Datum[] = [];
  for (const row of table.rows) {
    if (row.total) continue;
    for (const key of columns) {
      const i = table.columns.findIndex((c) => c.key === key);
      const cell = row.cells[i];
      if (cell?.status !== 'shown' || cell.value === null) continue;
      out.push({ row: row.label, series: table.columns[i]!.label, value: cell.value });
    }
  }
  return out;
}

/** A chart for a table of the dashboard, or null when it has nothing to draw. */
export async function chartOf(table: OutTable, label: string): Promise<string | null> {
  if (table.withheld || table.rows.length === 0) return null;
  const id = `chart-${table.key}`;
  const rowOrder = table.rows.filter((r) => !r.total).map((r) => r.label);
  switch (table.key) {
    case 'funnel': {
      const values = data(table, ['n']);
      if (values.length === 0) return null;
      return render(
        {
          width: 420,
          data: { values },
          mark: { type: 'bar', color: COLOURS[0] },
          encoding: {
            y: { field: 'row', type: 'nominal', sort: rowOrder, title: null },
            x: { field: 'value', type: 'quantitative', title: table.columns[0]!.label },
          },
        } as TopLevelSpec,
        label,
        id,
      );
    }
    case 'trend': {
      const values = data(table, ['cases', 'referred', 'consulted', 'filed', 'granted']);
      if (values.length === 0) return null;
      return render(
        {
          width: 520,
          height: 220,
          data: { values },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'row', type: 'ordinal', sort: rowOrder, title: null },
            y: { field: 'value', type: 'quantitative', title: null },
            color: { field: 'series', type: 'nominal', title: null, sort: null },
            strokeDash: { field: 'series', type: 'nominal', title: null, sort: null },
          },
        } as TopLevelSpec,
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
      return render(
        {
          width: 420,
          data: { values },
          mark: 'bar',
          encoding: {
            y: { field: 'row', type: 'nominal', sort: rowOrder, title: null },
            yOffset: { field: 'series', type: 'nominal', sort: null },
            x: { field: 'value', type: 'quantitative', title: null },
            color: { field: 'series', type: 'nominal', title: null, sort: null },
          },
        } as TopLevelSpec,
        label,
        id,
      );
    }
    default:
      return null;
  }
}
