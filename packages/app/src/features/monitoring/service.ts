import { catalogue } from '@ponte/rules';
import { Temporal } from 'temporal-polyfill';
import { todayInRome } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { readDate } from '../../platform/forms/date.ts';
import type { Lang, T } from '../../platform/i18n/index.ts';
import {
  type CellRef,
  type CellStatus,
  type Grid,
  type Protected,
  protect,
  protectLinked,
} from './disclosure.ts';
import * as repo from './repository.ts';

// The dashboard as data: every table already protected (docs/decisions/0054). The page, the CSV and XLSX exports
// and the snapshot for a tavolo all read these tables, so they show the same cells.

export const TABLE_KEYS = ['funnel', 'trend', 'provinces', 'times', 'benefits', 'rdl', 'desks'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];
export const isTableKey = (v: unknown): v is TableKey => TABLE_KEYS.includes(v as TableKey);

export type ColumnKind = 'count' | 'money' | 'days' | 'percent';
export interface OutColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}
export interface OutCell {
  value: number | null;
  status: CellStatus;
}
export interface OutRow {
  /** A stable code (month, province id, benefit id, metric) for the exports. */
  code: string;
  label: string;
  cells: OutCell[];
  total?: boolean;
}
export interface OutTable {
  key: TableKey;
  title: string;
  columns: OutColumn[];
  rows: OutRow[];
  /** Why the whole table is not shown (a sentence), instead of its rows. */
  withheld?: string;
  note?: string;
}

export interface Filter {
  from: string; // first month, YYYY-MM-01
  to: string; // last month, YYYY-MM-01
  territory: string | null;
  orgKind: 'cav' | 'inps_office' | null;
}
export interface Viewer {
  orgId: string;
  territoryId: string;
}
export interface Dashboard {
  filter: Filter;
  threshold: number;
  refreshedAt: Date | null;
  tables: OutTable[];
  /** No case and no desk slot in the selection: nothing to export (every cell would read "<5"). */
  empty: boolean;
}

export type FilterErrors = Record<string, string>;

/** A viewer from no organisation (no own figures, no release): how a tavolo's snapshot and the charts drawn ahead
 *  see the dashboard. */
export const OUTSIDER: Viewer = { orgId: '00000000-0000-0000-0000-000000000000', territoryId: '' };

/** The name of a benefit of the catalogue in a language (its id when unknown). */
export function benefitName(lang: Lang): (id: string) => string {
  const cat = catalogue(lang);
  return (id: string) => cat.find((b) => b.id === id)?.name ?? id;
}

/** Reads the filter of the query string; errors are message keys next to their field. */
export function readFilter(
  q: Record<string, string | undefined>,
  territories: readonly repo.TerritoryRow[],
  viewerTerritories: ReadonlySet<string>,
): { filter: Filter; errors: FilterErrors; values: Record<string, string> } {
  const today = todayInRome();
  const errors: FilterErrors = {};
  const values = { from: q.from ?? '', to: q.to ?? '', territory: q.territory ?? '', kind: q.kind ?? '' };
  const defaultTo = today.with({ day: 1 });
  const defaultFrom = defaultTo.subtract({ months: 11 });
  let from = defaultFrom;
  let to = defaultTo;
  if (values.from.trim()) {
    const d = readDate(values.from);
    if (!d) errors.from = 'monitoring.filter.badDate';
    else from = d.with({ day: 1 });
  }
  if (values.to.trim()) {
    const d = readDate(values.to);
    if (!d) errors.to = 'monitoring.filter.badDate';
    else if (Temporal.PlainDate.compare(d, today) > 0) errors.to = 'monitoring.filter.future';
    else to = d.with({ day: 1 });
  }
  if (!errors.from && Temporal.PlainDate.compare(from, today) > 0) errors.from = 'monitoring.filter.future';
  if (!errors.from && !errors.to && Temporal.PlainDate.compare(to, from) < 0)
    errors.to = 'monitoring.filter.endBeforeStart';
  if (!errors.from && from.year < 2000) errors.from = 'monitoring.filter.badDate';
  let territory: string | null = null;
  if (values.territory) {
    const t = territories.find((x) => x.id === values.territory);
    if (!t || t.kind === 'comune') errors.territory = 'monitoring.filter.unknownTerritory';
    else if (t.kind === 'ats' && !viewerTerritories.has(t.id))
      errors.territory = 'monitoring.filter.atsOwnOnly';
    else territory = t.id;
  }
  let orgKind: Filter['orgKind'] = null;
  if (values.kind) {
    if (values.kind === 'cav' || values.kind === 'inps_office') orgKind = values.kind;
    else errors.kind = 'monitoring.filter.unknownKind';
  }
  return {
    filter: { from: from.toString(), to: to.toString(), territory, orgKind },
    errors,
    values,
  };
}

/** The months of the filter, first days as YYYY-MM-DD. */
export function monthsOf(f: Filter): string[] {
  const out: string[] = [];
  let m = Temporal.PlainDate.from(f.from);
  const to = Temporal.PlainDate.from(f.to);
  while (Temporal.PlainDate.compare(m, to) <= 0 && out.length < 1200) {
    out.push(m.toString());
    m = m.add({ months: 1 });
  }
  return out;
}

/** Median and 90th percentile of a histogram of integer values (nearest rank). */
export function histogramStats(h: readonly { v: number; n: number }[]): {
  n: number;
  p50: number | null;
  p90: number | null;
} {
  const s = [...h].sort((a, b) => a.v - b.v);
  const n = s.reduce((a, b) => a + b.n, 0);
  const at = (p: number) => {
    if (n === 0) return null;
    const rank = Math.max(1, Math.ceil(p * n));
    let seen = 0;
    for (const x of s) {
      seen += x.n;
      if (seen >= rank) return x.v;
    }
    return s[s.length - 1]!.v;
  };
  return { n, p50: at(0.5), p90: at(0.9) };
}

const FUNNEL = [
  'cases',
  'checked',
  'likely',
  'referred',
  'consulted',
  'filed',
  'granted',
  'refused',
  'waiting',
] as const;

function cells(values: number[][], status: CellStatus[][], r: number): OutCell[] {
  return values[r]!.map((v, c) => ({ value: status[r]![c] === 'shown' ? v : null, status: status[r]![c]! }));
}

/** Columns labelled `monitoring.col.<label>` (the key itself when no label is given). */
function columnsOf(
  t: T,
  specs: readonly (readonly [key: string, kind: ColumnKind, label?: string])[],
): OutColumn[] {
  return specs.map(([key, kind, label]) => ({ key, label: t(`monitoring.col.${label ?? key}`), kind }));
}

/** The body rows of a protected grid, one a head, then its total row (the grid's last). */
function rowsWithTotal(
  heads: readonly { code: string; label: string }[],
  values: number[][],
  status: CellStatus[][],
  totalLabel: string,
): OutRow[] {
  return [
    ...heads.map((h, r) => ({ code: h.code, label: h.label, cells: cells(values, status, r) })),
    { code: 'total', label: totalLabel, cells: cells(values, status, heads.length), total: true },
  ];
}

/** Which organisations' figures a selection holds, and whether the viewer may see them (docs/decisions/0054). */
export function scopeAllowed(
  orgs: readonly string[],
  viewer: Viewer,
  released: ReadonlySet<string>,
): { ok: boolean; single?: string } {
  const others = orgs.filter((o) => o !== viewer.orgId);
  // One other organisation alone (or beside her own, whose figures she can subtract) is that organisation's figures.
  if (others.length === 1 && !released.has(others[0]!)) return { ok: false, single: others[0]! };
  return { ok: true };
}

/** Builds every table of the dashboard for the filter, as the viewer may see it. */
export async function buildDashboard(
  db: Db,
  filter: Filter,
  viewer: Viewer,
  t: T,
  catalogueName: (benefit: string) => string,
): Promise<Dashboard> {
  const [state, orgs, releases] = await Promise.all([
    repo.state(db),
    repo.organisations(db),
    repo.releasesTo(db, viewer.orgId),
  ]);
  const threshold = state.threshold;
  const inScope = (o: repo.OrgRow) =>
    (filter.territory === null || o.ancestors.includes(filter.territory)) &&
    (filter.orgKind === null || o.kind === filter.orgKind);
  const cavs = orgs.filter((o) => o.kind === 'cav' && inScope(o)).map((o) => o.id);
  const deskOrgs = orgs
    .filter((o) => (o.kind === 'cav' || o.kind === 'inps_office') && inScope(o))
    .map((o) => o.id);
  // Every read at once (the pool runs them side by side): the rollups are small, the latency is the round trips.
  const region = filter.territory
    ? (orgs.find((o) => o.ancestors.includes(filter.territory!))?.region ?? null)
    : null;
  const wholeRegion =
    filter.territory !== null && filter.territory === region && filter.orgKind !== 'inps_office';
  const [byMonth, byCav, hist, ben, amounts, rdl, budgets, desks] = await Promise.all([
    repo.caseMonths(db, filter, cavs),
    repo.caseByOrg(db, filter, cavs),
    repo.durations(db, filter, cavs),
    repo.benefits(db, filter, cavs),
    repo.amounts(db, filter, cavs),
    repo.rdlByYear(db, filter, cavs),
    wholeRegion ? repo.budgets(db, region!) : Promise.resolve([]),
    repo.desks(db, filter, deskOrgs),
  ]);
  const releasedFor = (key: TableKey) =>
    new Set(releases.filter((r) => r.table_key === key || r.table_key === 'all').map((r) => r.org_id));
  const months = monthsOf(filter);
  const tables: OutTable[] = [];
  const single = (key: TableKey, list: string[]) => {
    const s = scopeAllowed(list, viewer, releasedFor(key));
    return s.ok ? undefined : t('monitoring.withheld.single');
  };

  // ── The grids of the case tables, protected together: their margins are the same figures (decision 0062) ──
  // Trend: months × funnel stages; its total row is the funnel.
  const trendRows = months.map((m) => {
    const r = byMonth.find((x) => x.month === m);
    return FUNNEL.map((k) => r?.[k] ?? 0);
  });
  const total = FUNNEL.map((_, c) => trendRows.reduce((a, r) => a + r[c]!, 0));
  const trendGrid: Grid = { values: [...trendRows, total], totalRow: true, totalColumn: false };

  // Provinces (the finest level outside an organisation).
  const provinceCols = ['cases', 'referred', 'consulted', 'filed', 'granted'] as const;
  const provinces = [
    ...new Set(
      orgs
        .filter((o) => cavs.includes(o.id))
        .map((o) => o.province)
        .filter((p) => p !== null),
    ),
  ]
    .map((id) => ({ id: id!, name: orgs.find((o) => o.province === id)!.provinceName! }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const provRows = provinces.map((p) =>
    provinceCols.map((k) =>
      byCav
        .filter((x) => orgs.find((o) => o.id === x.cav_id)?.province === p.id)
        .reduce((a, x) => a + x[k], 0),
    ),
  );
  const provReleased = releasedFor('provinces');
  const provWithheld = provinces.map((p) => {
    const list = cavs.filter((id) => orgs.find((o) => o.id === id)?.province === p.id);
    const ok = scopeAllowed(list, viewer, provReleased).ok;
    return provinceCols.map(() => !ok);
  });
  const provTotal = provinceCols.map((_, c) => provRows.reduce((a, r) => a + r[c]!, 0));
  const provGrid: Grid = {
    values: [...provRows, provTotal],
    totalRow: true,
    totalColumn: false,
    withheld: [...provWithheld, provinceCols.map(() => false)],
  };
  // When every CAV of the selection has a province, the provinces' total row is the funnel itself.
  const everyCavInAProvince = cavs.every((id) => orgs.find((o) => o.id === id)?.province);

  // Benefits: every benefit of the catalogue (and any other the rollups hold), so that a benefit no one applied
  // for reads "<5" like any other small count instead of being left out (a zero is not told apart).
  const benefitIds = [...new Set([...catalogue('it').map((b) => b.id), ...ben.map((b) => b.benefit)])];
  const benValues = benefitIds.map((id) => {
    const b = ben.find((x) => x.benefit === id);
    const med = histogramStats(amounts.filter((a) => a.benefit === id).map((a) => ({ v: a.euros, n: a.n })));
    return [
      b?.filed ?? 0,
      b?.granted ?? 0,
      b?.refused ?? 0,
      b?.waiting ?? 0,
      (b?.amount_cents ?? 0) / 100,
      med.p50 ?? 0,
    ];
  });
  const benTotal = [0, 1, 2, 3, 4].map((c) => benValues.reduce((a, r) => a + r[c]!, 0));
  const benGrid: Grid = {
    values: [...benValues, [...benTotal, 0]],
    n: [
      ...benValues.map((r) => [r[0]!, r[1]!, r[2]!, r[3]!, r[1]!, r[1]!]),
      [benTotal[0]!, benTotal[1]!, benTotal[2]!, benTotal[3]!, benTotal[1]!, 0],
    ],
    additive: [true, true, true, true, true, false],
    totalRow: true,
    totalColumn: false,
  };

  // Reddito di Libertà by year of the period: a breakdown of the benefits table's RdL row (its total row is that
  // row, never shown twice). Every year of the period has its row, a year without applications reading "<5".
  const rdlRowIndex = benefitIds.indexOf('reddito_di_liberta');
  const years: number[] = [];
  for (let y = Number(filter.from.slice(0, 4)); y <= Number(filter.to.slice(0, 4)); y++) years.push(y);
  const rdlOf = (y: number) => rdl.find((r) => r.year === y);
  const rdlValues = years.map((y) => [
    rdlOf(y)?.filed ?? 0,
    rdlOf(y)?.granted ?? 0,
    (rdlOf(y)?.amount_cents ?? 0) / 100,
  ]);
  const rdlTotal = [0, 1, 2].map((c) => rdlValues.reduce((a, r) => a + r[c]!, 0));
  const rdlGrid: Grid = {
    values: [...rdlValues, rdlTotal],
    n: [...rdlValues.map((r) => [r[0]!, r[1]!, r[1]!]), [rdlTotal[0]!, rdlTotal[1]!, rdlTotal[1]!]],
    totalRow: true,
    totalColumn: false,
  };

  // Linked only where both tables are published: a table not shown (a single province, one organisation's
  // figures) publishes nothing to combine, and its withheld cells must not hide a figure released elsewhere.
  const funnelWithheld = single('funnel', cavs);
  const trendWithheld = single('trend', cavs);
  const provTableWithheld = single('provinces', cavs);
  const links: [CellRef, CellRef][] = [];
  if (
    everyCavInAProvince &&
    provinces.length >= 2 &&
    !provTableWithheld &&
    !(funnelWithheld && trendWithheld)
  )
    provinceCols.forEach((k, c) => {
      links.push([
        [0, months.length, FUNNEL.indexOf(k)],
        [1, provinces.length, c],
      ]);
    });
  if (rdlRowIndex >= 0)
    for (const [benCol, rdlCol] of [
      [0, 0],
      [1, 1],
      [4, 2],
    ] as const)
      links.push([
        [2, rdlRowIndex, benCol],
        [3, years.length, rdlCol],
      ]);
  const [trendP, provP, benP, rdlP] = protectLinked(
    [trendGrid, provGrid, benGrid, rdlGrid],
    links,
    threshold,
  ) as [Protected, Protected, Protected, Protected];

  tables.push({
    key: 'funnel',
    title: t('monitoring.table.funnel'),
    columns: [{ key: 'n', label: t('monitoring.col.cases'), kind: 'count' }],
    rows: FUNNEL.map((k, i) => ({
      code: k,
      label: t(`monitoring.stage.${k}`),
      cells: [
        {
          value: trendP.status[months.length]![i] === 'shown' ? total[i]! : null,
          status: trendP.status[months.length]![i]!,
        },
      ],
    })),
    ...(funnelWithheld ? { withheld: funnelWithheld } : {}),
  });
  tables.push({
    key: 'trend',
    title: t('monitoring.table.trend'),
    columns: FUNNEL.map((k) => ({ key: k, label: t(`monitoring.stage.${k}`), kind: 'count' as const })),
    rows:
      months.length < 2
        ? []
        : rowsWithTotal(
            months.map((m) => ({ code: m.slice(0, 7), label: m.slice(0, 7) })),
            trendGrid.values,
            trendP.status,
            t('monitoring.total'),
          ),
    ...(trendWithheld ? { withheld: trendWithheld } : {}),
    ...(months.length < 2 ? { note: t('monitoring.note.oneMonth') } : {}),
  });
  tables.push({
    key: 'provinces',
    title: t('monitoring.table.provinces'),
    columns: provinceCols.map((k) => ({ key: k, label: t(`monitoring.stage.${k}`), kind: 'count' as const })),
    rows:
      provinces.length < 2
        ? []
        : rowsWithTotal(
            provinces.map((p) => ({ code: p.id, label: p.name })),
            provGrid.values,
            provP.status,
            t('monitoring.total'),
          ),
    ...(provTableWithheld ? { withheld: provTableWithheld } : {}),
    ...(provinces.length < 2 ? { note: t('monitoring.note.oneProvince') } : {}),
  });

  // ── Times ─────────────────────────────────────────────────────────────────────────────────────────────
  const metrics = ['case_referral', 'referral_consultation', 'filing_outcome'] as const;
  const timeRows = metrics.map((m) =>
    histogramStats(hist.filter((h) => h.metric === m).map((h) => ({ v: h.days, n: h.n }))),
  );
  const timeGrid: Grid = {
    values: timeRows.map((s) => [s.n, s.p50 ?? 0, s.p90 ?? 0]),
    n: timeRows.map((s) => [s.n, s.n, s.n]),
    additive: [false, false, false],
    totalRow: false,
    totalColumn: false,
  };
  const timeP = protect(timeGrid, threshold);
  tables.push({
    key: 'times',
    title: t('monitoring.table.times'),
    columns: columnsOf(t, [
      ['n', 'count'],
      ['p50', 'days', 'median'],
      ['p90', 'days'],
    ]),
    rows: metrics.map((m, r) => ({
      code: m,
      label: t(`monitoring.metric.${m}`),
      cells: cells(timeGrid.values, timeP.status, r),
    })),
    ...(single('times', cavs) ? { withheld: t('monitoring.withheld.single') } : {}),
  });

  // ── Benefits: applications, outcomes, amounts ───────────────────────────────────────────────────────
  const benWithheld = single('benefits', cavs);
  tables.push({
    key: 'benefits',
    title: t('monitoring.table.benefits'),
    columns: columnsOf(t, [
      ['filed', 'count'],
      ['granted', 'count'],
      ['refused', 'count'],
      ['waiting', 'count'],
      ['amount', 'money'],
      ['median', 'money', 'medianAmount'],
    ]),
    rows:
      benefitIds.length === 0
        ? []
        : rowsWithTotal(
            benefitIds.map((id) => ({ code: id, label: catalogueName(id) })),
            benGrid.values,
            benP.status,
            t('monitoring.total'),
          ).map((row) =>
            // The total row has no median amount (none is computed over all benefits).
            row.total
              ? {
                  ...row,
                  cells: row.cells.map((c, i) =>
                    i === 5 ? { value: null, status: 'withheld' as const } : c,
                  ),
                }
              : row,
          ),
    ...(benWithheld ? { withheld: benWithheld } : {}),
  });

  // ── Reddito di Libertà against the regional budget, by year ──────────────────────────────────────────
  tables.push({
    key: 'rdl',
    title: t('monitoring.table.rdl'),
    columns: columnsOf(t, [
      ['filed', 'count'],
      ['granted', 'count'],
      ['amount', 'money'],
      ['budget', 'money'],
      ['used', 'percent'],
    ]),
    rows: years.map((y, r) => {
      const base = cells(rdlGrid.values, rdlP.status, r);
      const budget = budgets.find((x) => x.year === y);
      const amountShown = base[2]!.status === 'shown';
      return {
        code: String(y),
        label: String(y),
        cells: [
          ...base,
          budget
            ? { value: budget.amount_cents / 100, status: 'shown' as const }
            : { value: null, status: 'withheld' as const },
          budget && amountShown && budget.amount_cents > 0
            ? {
                value: Math.round((rdlValues[r]![2]! * 10000) / (budget.amount_cents / 100)) / 100,
                status: 'shown' as const,
              }
            : { value: null, status: 'withheld' as const },
        ],
      };
    }),
    ...(benWithheld ? { withheld: benWithheld } : {}),
    note: t(wholeRegion ? 'monitoring.note.budget' : 'monitoring.note.budgetRegionOnly'),
  });

  // ── Desks ───────────────────────────────────────────────────────────────────────────────────────────────
  const modes = ['cav_room', 'inps_room', 'phone', 'video'] as const;
  const deskValues = modes.map((m) => {
    const d = desks.find((x) => x.mode === m);
    return [d?.offered ?? 0, d?.booked ?? 0, d?.done ?? 0, d?.no_show ?? 0];
  });
  const deskTotal = [0, 1, 2, 3].map((c) => deskValues.reduce((a, r) => a + r[c]!, 0));
  const deskGrid: Grid = { values: [...deskValues, deskTotal], totalRow: true, totalColumn: false };
  const deskP = protect(deskGrid, threshold);
  const deskWithheld = single('desks', [...new Set(desks.flatMap((d) => d.orgs))]);
  const withUse = (r: number): OutCell[] => {
    const base = cells(deskGrid.values, deskP.status, r);
    const ok = base[0]!.status === 'shown' && base[1]!.status === 'shown' && deskGrid.values[r]![0]! > 0;
    return [
      ...base,
      ok
        ? {
            value: Math.round((deskGrid.values[r]![1]! * 10000) / deskGrid.values[r]![0]!) / 100,
            status: 'shown',
          }
        : { value: null, status: 'withheld' },
    ];
  };
  tables.push({
    key: 'desks',
    title: t('monitoring.table.desks'),
    columns: columnsOf(t, [
      ['offered', 'count'],
      ['booked', 'count'],
      ['done', 'count'],
      ['no_show', 'count', 'noShow'],
      ['use', 'percent'],
    ]),
    rows: [
      ...modes.map((m, r) => ({ code: m, label: t(`monitoring.mode.${m}`), cells: withUse(r) })),
      { code: 'total', label: t('monitoring.total'), cells: withUse(modes.length), total: true },
    ],
    ...(deskWithheld ? { withheld: deskWithheld } : {}),
  });

  const empty = total[0] === 0 && deskTotal.every((v) => v === 0);
  return { filter, threshold, refreshedAt: state.refreshed_at, tables, empty };
}

/** The text of a cell as the page and the exports show it. */
export function cellText(
  c: OutCell,
  kind: ColumnKind,
  threshold: number,
  fmt: (v: number, k: ColumnKind) => string,
): string {
  if (c.status === 'shown' && c.value !== null) return fmt(c.value, kind);
  if (c.status === 'primary' && kind === 'count') return `<${threshold}`;
  return 'n.d.';
}

/**
 * The seam for the roundtables feature (issue 15: "a snapshot of any view can be attached to a tavolo meeting"):
 * one table of the current view after suppression, frozen as text with the time it was taken.
 */
export interface Snapshot {
  title: string;
  takenAt: Date;
  columns: string[];
  rows: string[][];
}
export function snapshotOf(
  table: OutTable,
  threshold: number,
  takenAt: Date,
  fmt: (v: number, k: ColumnKind) => string,
  rowHeader: string,
): Snapshot {
  return {
    title: table.title,
    takenAt,
    columns: [rowHeader, ...table.columns.map((c) => c.label)],
    rows: table.withheld
      ? []
      : table.rows.map((r) => [
          r.label,
          ...r.cells.map((c, i) => cellText(c, table.columns[i]!.kind, threshold, fmt)),
        ]),
  };
}
