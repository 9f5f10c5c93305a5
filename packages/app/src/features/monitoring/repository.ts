import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';

// Reads of the monitoring rollups (always through the read database: a replica when one is configured) and the few
// writes of the feature (threshold, budgets, releases). Raw SQL: these tables are the feature's own (0018).

/** Months, first days as YYYY-MM-DD, both included. */
export interface Period {
  from: string;
  to: string;
}

export interface TerritoryRow {
  id: string;
  kind: 'regione' | 'provincia' | 'ats' | 'comune';
  name: string;
  parent_id: string | null;
}
export interface OrgRow {
  id: string;
  kind: string;
  name: string;
  territory_id: string;
  /** Its territory and every territory above it. */
  ancestors: string[];
  province: string | null;
  provinceName: string | null;
  region: string | null;
}

export async function territories(db: Db): Promise<TerritoryRow[]> {
  const r =
    await sql<TerritoryRow>`select id, kind, name, parent_id from territory order by kind, name`.execute(db);
  return r.rows;
}

export async function organisations(db: Db): Promise<OrgRow[]> {
  const ts = await territories(db);
  const byId = new Map(ts.map((t) => [t.id, t]));
  const r = await sql<{ id: string; kind: string; name: string; territory_id: string }>`
    select id, kind, name, territory_id from organisation`.execute(db);
  return r.rows.map((o) => {
    const ancestors: string[] = [];
    let t = byId.get(o.territory_id);
    for (let guard = 0; t && guard < 10; guard++) {
      ancestors.push(t.id);
      t = t.parent_id ? byId.get(t.parent_id) : undefined;
    }
    const prov = ancestors.map((a) => byId.get(a)!).find((x) => x.kind === 'provincia');
    const reg = ancestors.map((a) => byId.get(a)!).find((x) => x.kind === 'regione');
    return {
      ...o,
      ancestors,
      province: prov?.id ?? null,
      provinceName: prov?.name ?? null,
      region: reg?.id ?? null,
    };
  });
}

/** The organisations with anything in the rollups (cases of a CAV, desk days of an office or a CAV). */
export async function organisationsWithFigures(db: Db): Promise<Set<string>> {
  const r = await sql<{ id: string }>`
    select distinct cav_id as id from monitoring_case_month
    union select distinct org_id from monitoring_desk_month`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

export interface State {
  watermark: Date | null;
  refreshed_at: Date | null;
  refresh_ms: number | null;
  threshold: number;
}
export async function state(db: Db): Promise<State> {
  const r = await sql<State>`
    select watermark, refreshed_at, refresh_ms, threshold from monitoring_state where id`.execute(db);
  return r.rows[0] ?? { watermark: null, refreshed_at: null, refresh_ms: null, threshold: 5 };
}

export async function setThreshold(db: Db, threshold: number, by: string): Promise<void> {
  await sql`update monitoring_state set threshold = ${threshold}, threshold_by = ${by}, threshold_at = ${clockNow()}
    where id`.execute(db);
}

export interface CaseMonth {
  month: string;
  cases: number;
  checked: number;
  likely: number;
  referred: number;
  consulted: number;
  filed: number;
  granted: number;
  refused: number;
  waiting: number;
}
const sums = sql`sum(cases)::integer as cases, sum(checked)::integer as checked, sum(likely)::integer as likely,
  sum(referred)::integer as referred, sum(consulted)::integer as consulted, sum(filed)::integer as filed,
  sum(granted)::integer as granted, sum(refused)::integer as refused, sum(waiting)::integer as waiting`;

export async function caseMonths(db: Db, f: Period, cavs: string[]): Promise<CaseMonth[]> {
  if (cavs.length === 0) return [];
  const r = await sql<CaseMonth>`
    select to_char(month, 'YYYY-MM-DD') as month, ${sums}
    from monitoring_case_month
    where month between ${f.from}::date and ${f.to}::date and cav_id = any(${cavs}::uuid[])
    group by month order by month`.execute(db);
  return r.rows;
}

export async function caseByOrg(
  db: Db,
  f: Period,
  cavs: string[],
): Promise<(CaseMonth & { cav_id: string })[]> {
  if (cavs.length === 0) return [];
  const r = await sql<CaseMonth & { cav_id: string }>`
    select cav_id, '' as month, ${sums}
    from monitoring_case_month
    where month between ${f.from}::date and ${f.to}::date and cav_id = any(${cavs}::uuid[])
    group by cav_id`.execute(db);
  return r.rows;
}

/** A histogram rollup (`key`, whole `value`, `n`) summed over the months of the period and the CAV. */
async function histogram<K extends string, V extends string>(
  db: Db,
  table: 'monitoring_duration' | 'monitoring_amount',
  key: K,
  value: V,
  f: Period,
  cavs: string[],
): Promise<(Record<K, string> & Record<V, number> & { n: number })[]> {
  if (cavs.length === 0) return [];
  const r = await sql<Record<K, string> & Record<V, number> & { n: number }>`
    select ${sql.ref(key)}, ${sql.ref(value)}, sum(n)::integer as n from ${sql.table(table)}
    where month between ${f.from}::date and ${f.to}::date and cav_id = any(${cavs}::uuid[])
    group by 1, 2`.execute(db);
  return r.rows;
}

export function durations(db: Db, f: Period, cavs: string[]) {
  return histogram(db, 'monitoring_duration', 'metric', 'days', f, cavs);
}

export interface BenefitSum {
  benefit: string;
  filed: number;
  granted: number;
  refused: number;
  waiting: number;
  amount_cents: number;
}
export async function benefits(db: Db, f: Period, cavs: string[]): Promise<BenefitSum[]> {
  if (cavs.length === 0) return [];
  const r = await sql<BenefitSum>`
    select benefit, sum(filed)::integer as filed, sum(granted)::integer as granted, sum(refused)::integer as refused,
      sum(waiting)::integer as waiting, sum(amount_cents)::bigint as amount_cents
    from monitoring_benefit_month
    where month between ${f.from}::date and ${f.to}::date and cav_id = any(${cavs}::uuid[])
    group by benefit`.execute(db);
  return r.rows;
}

export function amounts(db: Db, f: Period, cavs: string[]) {
  return histogram(db, 'monitoring_amount', 'benefit', 'euros', f, cavs);
}

export async function rdlByYear(
  db: Db,
  f: Period,
  cavs: string[],
): Promise<{ year: number; filed: number; granted: number; amount_cents: number }[]> {
  if (cavs.length === 0) return [];
  const r = await sql<{ year: number; filed: number; granted: number; amount_cents: number }>`
    select extract(year from month)::integer as year, sum(filed)::integer as filed, sum(granted)::integer as granted,
      sum(amount_cents)::bigint as amount_cents
    from monitoring_benefit_month
    where benefit = 'reddito_di_liberta' and month between ${f.from}::date and ${f.to}::date
      and cav_id = any(${cavs}::uuid[])
    group by 1 order by 1`.execute(db);
  return r.rows;
}

export async function budgets(db: Db, region: string): Promise<{ year: number; amount_cents: number }[]> {
  const r = await sql<{ year: number; amount_cents: number }>`
    select year, amount_cents from monitoring_budget where territory_id = ${region} order by year`.execute(
    db,
  );
  return r.rows;
}

export async function allBudgets(
  db: Db,
): Promise<{ year: number; territory_id: string; amount_cents: number; set_at: Date }[]> {
  const r = await sql<{ year: number; territory_id: string; amount_cents: number; set_at: Date }>`
    select year, territory_id, amount_cents, set_at from monitoring_budget order by year desc, territory_id`.execute(
    db,
  );
  return r.rows;
}

export async function setBudget(
  db: Db,
  year: number,
  region: string,
  cents: number,
  by: string,
): Promise<void> {
  await sql`
    insert into monitoring_budget (year, territory_id, amount_cents, set_by, set_at)
    values (${year}, ${region}, ${cents}, ${by}, ${clockNow()})
    on conflict (year, territory_id) do update set amount_cents = excluded.amount_cents, set_by = excluded.set_by,
      set_at = excluded.set_at`.execute(db);
}

export async function desks(
  db: Db,
  f: Period,
  orgs: string[],
): Promise<
  { mode: string; offered: number; booked: number; done: number; no_show: number; orgs: string[] }[]
> {
  if (orgs.length === 0) return [];
  const r = await sql<{
    mode: string;
    offered: number;
    booked: number;
    done: number;
    no_show: number;
    orgs: string[];
  }>`
    select mode, sum(offered)::integer as offered, sum(booked)::integer as booked, sum(done)::integer as done,
      sum(no_show)::integer as no_show, array_agg(distinct org_id::text) as orgs
    from monitoring_desk_month
    where month between ${f.from}::date and ${f.to}::date and org_id = any(${orgs}::uuid[])
    group by mode`.execute(db);
  return r.rows;
}

export interface ReleaseRow {
  id: string;
  org_id: string;
  org_name: string;
  table_key: string;
  recipient_org_id: string;
  recipient_name: string;
  reason: string;
  released_by_name: string;
  released_at: Date;
}
export async function releases(
  db: Db,
  limit: number,
  offset: number,
): Promise<{ rows: ReleaseRow[]; total: number }> {
  const r = await sql<ReleaseRow>`
    select r.id, r.org_id, o.name as org_name, r.table_key, r.recipient_org_id, p.name as recipient_name, r.reason,
      u.display_name as released_by_name, r.released_at
    from monitoring_release r join organisation o on o.id = r.org_id join organisation p on p.id = r.recipient_org_id
    join app_user u on u.id = r.released_by
    order by r.released_at desc, r.id limit ${limit} offset ${offset}`.execute(db);
  const c = await sql<{ n: number }>`select count(*)::integer as n from monitoring_release`.execute(db);
  return { rows: r.rows, total: c.rows[0]!.n };
}
export async function releasesTo(db: Db, orgId: string): Promise<{ org_id: string; table_key: string }[]> {
  const r = await sql<{ org_id: string; table_key: string }>`
    select org_id, table_key from monitoring_release where recipient_org_id = ${orgId}`.execute(db);
  return r.rows;
}
export async function insertRelease(
  db: Db,
  o: { orgId: string; tableKey: string; recipientOrgId: string; reason: string; by: string },
): Promise<string> {
  const id = randomUUID();
  await sql`
    insert into monitoring_release (id, org_id, table_key, recipient_org_id, reason, released_by, released_at)
    values (${id}, ${o.orgId}, ${o.tableKey}, ${o.recipientOrgId}, ${o.reason}, ${o.by}, ${clockNow()})`.execute(
    db,
  );
  return id;
}
