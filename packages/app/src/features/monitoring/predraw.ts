import { sql } from 'kysely';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { LANGS, translator } from '../../platform/i18n/index.ts';
import { type ChartInput, chartInputOf, chartLabel, draw } from './charts.ts';
import './messages.ts';
import * as repo from './repository.ts';
import { benefitName, buildDashboard, type Filter, OUTSIDER, readFilter } from './service.ts';

// The charts of the views people open, drawn ahead by the refresh job right after the rollups change (decision
// 0062), so that the first reader of such a view finds them drawn: the default period (the last twelve months),
// for the whole network, each Regione and each province where an organisation has figures, each kind of
// organisation (all, CAV, INPS), in every language, as a viewer from no organisation sees them (the organisation
// rule in full). A chart unchanged since the last run is not drawn again; the set in `monitoring_chart` is
// replaced by this run's.

export interface PredrawResult {
  views: number;
  charts: number;
  drawn: number;
  ms: number;
}

/** The filters of the views drawn ahead. */
export async function predrawFilters(db: Db): Promise<Filter[]> {
  const [territories, orgs, active] = await Promise.all([
    repo.territories(db),
    repo.organisations(db),
    repo.organisationsWithFigures(db),
  ]);
  // Only the places with figures: a place whose organisations have nothing in the rollups shows an empty
  // dashboard, drawn on demand as quickly as read from the table.
  const used = new Set(orgs.filter((o) => active.has(o.id)).flatMap((o) => o.ancestors));
  const base = readFilter({}, territories, new Set()).filter;
  const places = [
    null,
    ...territories
      .filter((t) => (t.kind === 'regione' || t.kind === 'provincia') && used.has(t.id))
      .map((t) => t.id),
  ];
  const kinds: Filter['orgKind'][] = [null, 'cav', 'inps_office'];
  return places.flatMap((territory) => kinds.map((orgKind) => ({ ...base, territory, orgKind })));
}

/** Draws the charts of the views people open and keeps them in `monitoring_chart`. */
export async function predrawCharts(db: Db): Promise<PredrawResult> {
  const t0 = performance.now();
  const started = clockNow();
  const filters = await predrawFilters(db);
  const inputs = new Map<string, ChartInput>();
  for (const lang of LANGS) {
    const t = translator(lang);
    const names = benefitName(lang);
    for (const filter of filters) {
      const d = await buildDashboard(db, filter, OUTSIDER, t, names);
      for (const table of d.tables) {
        const c = chartInputOf(table, chartLabel(t, table));
        if (c) inputs.set(c.key, c);
      }
    }
  }
  const keys = [...inputs.keys()];
  const have = new Set(
    (
      await sql<{ key: string }>`select key from monitoring_chart where key = any(${keys}::text[])`.execute(
        db,
      )
    ).rows.map((r) => r.key),
  );
  const drawnKeys: string[] = [];
  const svgs: string[] = [];
  for (const c of inputs.values()) {
    if (have.has(c.key)) continue;
    drawnKeys.push(c.key);
    svgs.push(await draw(c));
  }
  await db.transaction().execute(async (tx) => {
    if (drawnKeys.length > 0)
      await sql`
        insert into monitoring_chart (key, svg, drawn_at)
        select k, s, ${started}::timestamptz from unnest(${drawnKeys}::text[], ${svgs}::text[]) as u(k, s)
        on conflict (key) do update set svg = excluded.svg, drawn_at = excluded.drawn_at`.execute(tx);
    await sql`update monitoring_chart set drawn_at = ${started} where key = any(${[...have]}::text[])`.execute(
      tx,
    );
    await sql`delete from monitoring_chart where drawn_at < ${started}`.execute(tx);
  });
  return {
    views: filters.length * LANGS.length,
    charts: keys.length,
    drawn: drawnKeys.length,
    ms: Math.round(performance.now() - t0),
  };
}
