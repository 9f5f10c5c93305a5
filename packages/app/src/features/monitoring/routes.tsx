import { catalogue } from '@ponte/rules';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { auditBy } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { type Reader, readerFor } from '../../platform/db/replica.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { loadPage, offsetOf, readPage } from '../../platform/forms/page.ts';
import { checkText } from '../../platform/forms/text.ts';
import { pageSchemas } from '../../platform/http/page-schemas.ts';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import { findPii } from '../cases/index.ts';
import { chartsOf } from './charts.ts';
import { DatasetView, datasetCsv } from './dataset.tsx';
import { DEFAULT_THRESHOLD } from './disclosure.ts';
import { exportable, tableCsv, tablesXlsx } from './exports.ts';
import './messages.ts';
import { formatDateTime, formatDay } from '../../platform/format.ts';
import * as repo from './repository.ts';
import { extraSections, snapshotDestination } from './sections.ts';
import * as svc from './service.ts';
import { snapshotOf } from './service.ts';
import { DashboardView, fmtOf, ReleasesView, SettingsView } from './views.tsx';

registerMenuItem({ href: '/monitoring', label: 'monitoring.menu', access: 'monitoring.read', order: 60 });
registerMenuItem({
  href: '/monitoring/settings',
  label: 'monitoring.settings',
  access: 'network.manage',
  order: 61,
});
registerMenuItem({
  href: '/monitoring/releases',
  label: 'monitoring.releases',
  access: 'monitoring.release',
  order: 81,
});

type Strings = Record<string, string | undefined>;
/** `YYYY-MM-DD` of the last day of the month of a `YYYY-MM-01`. */
function lastDayOfMonth(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
const { getSchema, postSchema } = pageSchemas();
const PAGE_SIZE = 20;

/** Parses an amount in euros as typed ("250000", "250.000,00", "250000.50") into cents; null when not one. */
export function parseEuros(raw: string): number | null {
  const s = raw.replace(/[\s€]/g, '');
  let n: number;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s) || /^\d+(,\d{1,2})?$/.test(s))
    n = Number(s.replace(/\./g, '').replace(',', '.'));
  else if (/^\d+(\.\d{1,2})?$/.test(s)) n = Number(s);
  else return null;
  if (!Number.isFinite(n) || n > 1e11) return null;
  return Math.round(n * 100);
}

export async function monitoringFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  const csrf = app.csrfProtection;

  // Heavy reads from the replica when one is configured and usable, else from the primary, saying why
  // (platform/db/replica.ts, decision 0056): asked once per request.
  const readers = new WeakMap<FastifyRequest, Promise<Reader>>();
  function readerOf(req: FastifyRequest): Promise<Reader> {
    let r = readers.get(req);
    if (!r) {
      r = readerFor(opts, req.log);
      readers.set(req, r);
    }
    return r;
  }

  async function viewerOf(req: FastifyRequest) {
    const a = req.actor!;
    const read = (await readerOf(req)).db;
    const orgs = await repo.organisations(read);
    const own = orgs.find((o) => o.id === a.orgId);
    return {
      viewer: { orgId: a.orgId, territoryId: a.territoryId },
      ownTerritories: new Set(own?.ancestors ?? []),
    };
  }

  /** The territories of the filter: Regioni and provinces for everyone, the ATS of her own organisation. */
  async function territoryOptions(read: Db, own: ReadonlySet<string>) {
    const all = await repo.territories(read);
    return all.filter(
      (t) => t.kind === 'regione' || t.kind === 'provincia' || (t.kind === 'ats' && own.has(t.id)),
    );
  }

  async function dashboardFor(req: FastifyRequest) {
    const { viewer, ownTerritories } = await viewerOf(req);
    const read = (await readerOf(req)).db;
    const territories = await repo.territories(read);
    const r = svc.readFilter(req.query as Strings, territories, ownTerritories);
    const errors = Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, req.t(v)]));
    const d =
      Object.keys(errors).length > 0
        ? null
        : await svc.buildDashboard(read, r.filter, viewer, req.t, svc.benefitName(req.lang));
    return { d, errors, values: r.values, ownTerritories };
  }

  /** The dashboard page; `form` carries the attach-to-a-meeting form's errors and values when it comes back. */
  async function dashboardPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: { errors?: Record<string, string>; values?: Strings; status?: number; notice?: string } = {},
  ) {
    const { d, errors, values, ownTerritories } = await dashboardFor(req);
    const a = req.actor!;
    const reader = await readerOf(req);
    const charts = d ? await chartsOf(reader.db, d.tables, req.t) : {};
    const links = [{ href: '/monitoring/dataset', label: req.t('monitoring.dataset') }];
    const extra = await extraSections({
      db: reader.db,
      orgId: a.orgId,
      lang: req.lang,
      t: req.t,
      threshold: d?.threshold ?? DEFAULT_THRESHOLD,
    });
    // The meetings she may attach a table to (chair or secretary of a tavolo, meetings to come).
    const targets = ((await snapshotDestination()?.targets(db, a.userId, clockNow())) ?? []).map((t) => ({
      value: t.meetingId,
      label: `${t.tableName} — ${formatDateTime(t.startsAt, req.lang)}`,
    }));
    const attached = String((req.query as Strings).allegata ?? '');
    return reply.page(
      req.t('monitoring.title'),
      <DashboardView
        ctx={reply.pageContext()}
        dashboard={d}
        charts={charts}
        values={values}
        errors={errors}
        territories={await territoryOptions(reader.db, ownTerritories)}
        extra={extra}
        links={links}
        notice={reader.reason ? req.t(`replica.fallback.${reader.reason}`) : undefined}
        exportNotice={form.notice ? req.t(form.notice) : undefined}
        snapshot={{
          targets,
          errors: Object.fromEntries(Object.entries(form.errors ?? {}).map(([k, v]) => [k, req.t(v)])),
          values: form.values ?? {},
          attached: d?.tables.find((t) => t.key === attached)?.title,
        }}
      />,
      { status: form.status ?? (d ? 200 : 400) },
    );
  }

  app.get('/monitoring', { config: { access: 'monitoring.read' }, schema: getSchema }, async (req, reply) =>
    dashboardPage(req, reply),
  );

  // A table of the current view, frozen, attached to a meeting of a tavolo she chairs or is the secretary of
  // (issues 13 and 15). The table is computed as someone outside her organisation sees it — no organisation's own
  // figures, no release meant for her organisation — because the meeting's members come from several organisations.
  app.post<{ Body: Strings }>(
    '/monitoring/snapshot',
    { config: { access: 'monitoring.read' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const a = req.actor!;
      const b = req.body ?? {};
      const values = { table: String(b.table ?? ''), meeting: String(b.meeting ?? '') };
      const errors: Record<string, string> = {};
      const destination = snapshotDestination();
      const target = ((await destination?.targets(db, a.userId, clockNow())) ?? []).find(
        (t) => t.meetingId === values.meeting,
      );
      if (!target) errors.meeting = 'monitoring.snapshot.meetingBad';
      const read = (await readerOf(req)).db;
      const territories = await repo.territories(read);
      const { ownTerritories } = await viewerOf(req);
      const r = svc.readFilter(req.query as Strings, territories, ownTerritories);
      const outsider = { ...svc.OUTSIDER, territoryId: a.territoryId };
      const d =
        Object.keys(r.errors).length > 0
          ? null
          : await svc.buildDashboard(read, r.filter, outsider, req.t, svc.benefitName(req.lang));
      const table = d?.tables.find((t) => t.key === values.table && !t.withheld && t.rows.length > 0);
      if (!table) errors.table = 'monitoring.snapshot.tableBad';
      if (!destination || !target || !table || !d)
        return dashboardPage(req, reply, { errors, values, status: 400 });
      const snap = snapshotOf(table, d.threshold, clockNow(), fmtOf(req.lang), req.t('monitoring.col.row'));
      await destination.attach(
        db,
        target.meetingId,
        {
          ...snap,
          title: req.t('monitoring.snapshot.title', {
            title: snap.title,
            from: formatDay(r.filter.from, req.lang),
            to: formatDay(lastDayOfMonth(r.filter.to), req.lang),
          }),
        },
        a.userId,
      );
      const q = new URLSearchParams(r.values);
      for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
      q.set('allegata', table.key);
      return reply.code(303).redirect(`/monitoring?${q.toString()}#snapshot`);
    },
  );

  /** An export that cannot be made: the dashboard again, with the filter's errors next to its fields (400) or a
   *  message that the selection holds nothing to export (404), the filter as she typed it. */
  function noExport(req: FastifyRequest, reply: FastifyReply, empty: boolean) {
    return dashboardPage(req, reply, empty ? { notice: 'monitoring.export.empty', status: 404 } : {});
  }

  const fileRe = /^(funnel|trend|provinces|times|benefits|rdl|desks|all)\.(csv|xlsx)$/;
  app.get<{ Params: { file: string } }>(
    '/monitoring/export/:file',
    { config: { access: 'monitoring.read' }, schema: getSchema },
    async (req, reply) => {
      const m = fileRe.exec(req.params.file);
      if (!m || (m[1] === 'all' && m[2] === 'csv'))
        return reply.page(req.t('monitoring.title'), <p>{req.t('monitoring.export.unknown')}</p>, {
          status: 404,
        });
      const { d } = await dashboardFor(req);
      if (!d) return noExport(req, reply, false);
      const tables = d.tables.filter((t) => (m[1] === 'all' || t.key === m[1]) && exportable(t));
      if (d.empty || tables.length === 0) return noExport(req, reply, true);
      const fmt = fmtOf(req.lang);
      const rowHeader = req.t('monitoring.col.row');
      reply.header('cache-control', 'no-store');
      if (m[2] === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="ponte-monitoraggio-${m[1]}.csv"`)
          .send(tableCsv(tables[0]!, d.threshold, fmt, rowHeader));
      }
      const note = req.t('monitoring.rule', { threshold: d.threshold });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ponte-monitoraggio-${m[1]}.xlsx"`)
        .send(await tablesXlsx(d, tables, fmt, rowHeader, note));
    },
  );

  app.get(
    '/monitoring/dataset',
    { config: { access: 'monitoring.read' }, schema: getSchema },
    async (req, reply) => {
      const s = await repo.state((await readerOf(req)).db);
      return reply.page(
        req.t('monitoring.dataset.title'),
        <DatasetView ctx={reply.pageContext()} threshold={s.threshold} benefits={catalogue(req.lang)} />,
        {
          breadcrumb: [
            { href: '/monitoring', label: req.t('monitoring.menu') },
            { label: req.t('monitoring.dataset.title') },
          ],
        },
      );
    },
  );

  app.get(
    '/monitoring/dataset.csv',
    { config: { access: 'monitoring.read' }, schema: getSchema },
    async (req, reply) => {
      const { d } = await dashboardFor(req);
      if (!d) return noExport(req, reply, false);
      if (d.empty || !d.tables.some(exportable)) return noExport(req, reply, true);
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ponte-monitoraggio-dataset.csv"')
        .send(datasetCsv(d));
    },
  );

  // ── Settings: threshold and Reddito di Libertà budgets (network admin) ───────────────────────────────
  async function settingsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      threshold?: string;
      budget?: Record<string, string>;
      errors?: Record<string, string>;
      status?: number;
    } = {},
  ) {
    const s = await repo.state(db);
    const regions = (await repo.territories(db)).filter((t) => t.kind === 'regione');
    const ok = (req.query as Strings).ok;
    return reply.page(
      req.t('monitoring.settings.title'),
      <SettingsView
        ctx={reply.pageContext()}
        threshold={o.threshold ?? String(s.threshold)}
        budget={o.budget ?? {}}
        regions={regions}
        budgets={await repo.allBudgets(db)}
        errors={Object.fromEntries(Object.entries(o.errors ?? {}).map(([k, v]) => [k, req.t(v)]))}
        flash={
          ok === 'threshold'
            ? 'monitoring.settings.saved'
            : ok === 'budget'
              ? 'monitoring.budget.saved'
              : undefined
        }
      />,
      { status: o.status ?? 200 },
    );
  }
  app.get('/monitoring/settings', { config: { access: 'network.manage' }, schema: getSchema }, (req, reply) =>
    settingsPage(req, reply),
  );
  app.post<{ Body: Strings }>(
    '/monitoring/settings/threshold',
    { config: { access: 'network.manage' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const raw = String(req.body?.threshold ?? '').trim();
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(n >= 3 && n <= 100))
        return settingsPage(req, reply, {
          threshold: raw,
          errors: { threshold: 'monitoring.settings.thresholdBad' },
          status: 400,
        });
      const a = req.actor!;
      await db.transaction().execute(async (tx) => {
        await repo.setThreshold(tx, n, a.userId);
        await auditBy(
          tx,
          { userId: a.userId, orgId: a.orgId, ip: req.ip, requestId: req.id },
          'monitoring.threshold_set',
          'monitoring',
          'threshold',
          {
            threshold: n,
          },
        );
      });
      return reply.redirect('/monitoring/settings?ok=threshold', 303);
    },
  );
  app.post<{ Body: Strings }>(
    '/monitoring/settings/budget',
    { config: { access: 'network.manage' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const b = req.body ?? {};
      const values = {
        year: String(b.year ?? '').trim(),
        region: String(b.region ?? ''),
        amount: String(b.amount ?? '').trim(),
      };
      const errors: Record<string, string> = {};
      const year = /^\d{4}$/.test(values.year) ? Number(values.year) : Number.NaN;
      if (!(year >= 2000 && year <= 2099)) errors.year = 'monitoring.budget.yearBad';
      const regions = (await repo.territories(db)).filter((t) => t.kind === 'regione');
      if (!regions.some((r) => r.id === values.region)) errors.region = 'monitoring.budget.regionBad';
      const cents = values.amount.length <= 30 ? parseEuros(values.amount) : null;
      if (cents === null) errors.amount = 'monitoring.budget.amountBad';
      if (Object.keys(errors).length > 0)
        return settingsPage(req, reply, { budget: values, errors, status: 400 });
      const a = req.actor!;
      await db.transaction().execute(async (tx) => {
        await repo.setBudget(tx, year, values.region, cents!, a.userId);
        await auditBy(
          tx,
          { userId: a.userId, orgId: a.orgId, ip: req.ip, requestId: req.id },
          'monitoring.budget_set',
          'territory',
          values.region,
          {
            year,
            amount_cents: cents,
          },
        );
      });
      return reply.redirect('/monitoring/settings?ok=budget', 303);
    },
  );

  // ── Releases of one organisation's figures (DPO) ─────────────────────────────────────────────────────
  async function releasesPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { values?: Record<string, string>; errors?: Record<string, string>; status?: number } = {},
  ) {
    const orgs = (
      await sql<{ id: string; name: string }>`
      select id, name from organisation where kind in ('cav', 'inps_office', 'ats', 'comune', 'regione')
      order by name`.execute(db)
    ).rows;
    const page = readPage((req.query as Strings).page);
    const list = await loadPage(page, PAGE_SIZE, (n) => repo.releases(db, PAGE_SIZE, offsetOf(n, PAGE_SIZE)));
    const ok = (req.query as Strings).ok;
    return reply.page(
      req.t('monitoring.releases.title'),
      <ReleasesView
        ctx={reply.pageContext()}
        orgs={orgs}
        rows={list.rows}
        total={list.total}
        page={list.page}
        pageSize={PAGE_SIZE}
        values={o.values ?? {}}
        errors={Object.fromEntries(Object.entries(o.errors ?? {}).map(([k, v]) => [k, req.t(v)]))}
        flash={ok === 'saved' ? 'monitoring.releases.saved' : undefined}
      />,
      { status: o.status ?? 200 },
    );
  }
  app.get(
    '/monitoring/releases',
    { config: { access: 'monitoring.release' }, schema: getSchema },
    (req, reply) => releasesPage(req, reply),
  );
  app.post<{ Body: Strings }>(
    '/monitoring/releases',
    { config: { access: 'monitoring.release' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const b = req.body ?? {};
      const reason = checkText(b.reason, { max: 1000, multiline: true });
      const values = {
        org: String(b.org ?? ''),
        table: String(b.table ?? ''),
        recipient: String(b.recipient ?? ''),
        reason: reason.value,
      };
      const errors: Record<string, string> = {};
      const orgIds = new Set(
        (await sql<{ id: string }>`select id::text from organisation`.execute(db)).rows.map((r) => r.id),
      );
      if (!orgIds.has(values.org)) errors.org = 'monitoring.releases.orgBad';
      if (!orgIds.has(values.recipient)) errors.recipient = 'monitoring.releases.orgBad';
      else if (values.recipient === values.org) errors.recipient = 'monitoring.releases.sameOrg';
      if (values.table !== 'all' && !svc.isTableKey(values.table))
        errors.table = 'monitoring.releases.tableBad';
      if (reason.error) errors.reason = reason.error;
      else if ([...values.reason].length < 10) errors.reason = 'monitoring.releases.reasonShort';
      else if (findPii(values.reason).length > 0) errors.reason = 'monitoring.releases.pii';
      if (Object.keys(errors).length > 0) return releasesPage(req, reply, { values, errors, status: 400 });
      const a = req.actor!;
      await db.transaction().execute(async (tx) => {
        const id = await repo.insertRelease(tx, {
          orgId: values.org,
          tableKey: values.table,
          recipientOrgId: values.recipient,
          reason: values.reason,
          by: a.userId,
        });
        await auditBy(
          tx,
          { userId: a.userId, orgId: a.orgId, ip: req.ip, requestId: req.id },
          'monitoring.release_recorded',
          'monitoring_release',
          id,
          {
            org_id: values.org,
            table: values.table,
            recipient_org_id: values.recipient,
            at: clockNow().toISOString(),
          },
        );
      });
      return reply.redirect('/monitoring/releases?ok=saved', 303);
    },
  );
}
