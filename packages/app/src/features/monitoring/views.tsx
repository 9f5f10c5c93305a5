import type { ComponentChildren } from 'preact';
import { formatDateTime, formatMoney, formatNumber } from '../../platform/format.ts';
import {
  DataTable,
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
  FilterBar,
  Form,
  FormActions,
  fieldOf,
  Notice,
  Pagination,
  Select,
  TextArea,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import type { ReleaseRow, TerritoryRow } from './repository.ts';
import { type ColumnKind, cellText, type Dashboard, type OutTable, TABLE_KEYS } from './service.ts';

export const fmtOf =
  (lang: string) =>
  (v: number, k: ColumnKind): string =>
    k === 'money' ? formatMoney(v, lang) : formatNumber(v, lang);

/** An SVG made on the server by vega (charts.ts): markup of our own rendering, no user text unescaped. */
function Svg({ svg }: { svg: string }) {
  return <div class="mb-3" data-chart dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function territoryLabel(ctx: PageContext, t: TerritoryRow): string {
  return ctx.t(`monitoring.filter.${t.kind}`, { name: t.name });
}

function queryOf(values: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function TableSection(p: {
  ctx: PageContext;
  table: OutTable;
  threshold: number;
  chart: string | null;
  query: string;
}) {
  const { ctx, table } = p;
  const fmt = fmtOf(ctx.lang);
  const headingId = `table-${table.key}`;
  let body: ComponentChildren;
  if (table.withheld) body = <p data-withheld={table.key}>{table.withheld}</p>;
  else if (table.rows.length === 0) body = <p>{table.note ?? ctx.t('monitoring.empty')}</p>;
  else
    body = (
      <>
        {p.chart && <Svg svg={p.chart} />}
        <DataTable
          ctx={ctx}
          caption={ctx.t('monitoring.table.data', { title: table.title })}
          headers={[ctx.t('monitoring.col.row'), ...table.columns.map((c) => c.label)]}
          rows={table.rows}
          small
          row={(r) => (
            <tr key={r.code} class={r.total ? 'fw-bold' : undefined}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={i} data-status={c.status} class="text-end">
                  {cellText(c, table.columns[i]!.kind, p.threshold, fmt)}
                </td>
              ))}
            </tr>
          )}
        />
        {table.note && <p class="form-text">{table.note}</p>}
        <p class="small">
          {ctx.t('monitoring.export')}:{' '}
          <a href={`/monitoring/export/${table.key}.csv${p.query}`}>
            {ctx.t('monitoring.export.csv', { title: table.title })}
          </a>
          {' · '}
          <a href={`/monitoring/export/${table.key}.xlsx${p.query}`}>
            {ctx.t('monitoring.export.xlsx', { title: table.title })}
          </a>
        </p>
      </>
    );
  return (
    <section aria-labelledby={headingId} class="mb-5" data-table={table.key}>
      <h2 id={headingId} class="h4">
        {table.title}
      </h2>
      {body}
    </section>
  );
}

/** A section another feature adds to the dashboard (training coverage): absent until that feature registers it. */
export interface ExtraSection {
  key: string;
  title: string;
  body: ComponentChildren;
}

export function DashboardView(p: {
  ctx: PageContext;
  dashboard: Dashboard | null;
  charts: Record<string, string | null>;
  values: Record<string, string>;
  errors: FieldErrors;
  territories: TerritoryRow[];
  extra: ExtraSection[];
  links: { href: string; label: string }[];
  /** Why the figures come from the primary although a replica is configured (the replica is down or behind). */
  notice?: string | undefined;
  /** Why the export asked for was not made (the selection holds nothing to export). */
  exportNotice?: string | undefined;
  /** Attaching a table of this view to a meeting of a tavolo (shown when she has a meeting to attach to). */
  snapshot?: {
    targets: { value: string; label: string }[];
    errors: FieldErrors;
    values: Record<string, string | undefined>;
    /** The title of the table just attached. */
    attached?: string | undefined;
  };
}) {
  const { ctx, dashboard: d } = p;
  const query = queryOf(p.values);
  const filterSelect = (
    name: 'territory' | 'kind',
    placeholder: string,
    options: { value: string; label: string }[],
  ) => (
    <div class="col-12 col-md-3">
      <Select
        ctx={ctx}
        name={name}
        label={ctx.t(`monitoring.filter.${name}`)}
        placeholder={placeholder}
        options={options}
        value={p.values[name]}
        errors={p.errors}
      />
    </div>
  );
  return (
    <>
      <p class="lead">{ctx.t('monitoring.intro')}</p>
      {p.notice && (
        <div class="alert alert-warning" role="status" data-replica-fallback>
          {p.notice}
        </div>
      )}
      {d && (
        <p data-refreshed>
          {d.refreshedAt
            ? ctx.t('monitoring.refreshed', { at: formatDateTime(d.refreshedAt, ctx.lang) })
            : ctx.t('monitoring.notRefreshed')}
        </p>
      )}
      {p.links.length > 0 && (
        <ul class="list-inline">
          {p.links.map((l) => (
            <li key={l.href} class="list-inline-item">
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
      )}
      <h2 class="h5">{ctx.t('monitoring.filter.title')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <FilterBar ctx={ctx} action="/monitoring" layout="stacked">
        {(['from', 'to'] as const).map((name) => (
          <div key={name} class="col-12 col-md-3">
            <DateField
              ctx={ctx}
              name={name}
              label={ctx.t(`monitoring.filter.${name}`)}
              hint={ctx.t('monitoring.filter.dateHint')}
              value={p.values[name]}
              errors={p.errors}
            />
          </div>
        ))}
        {filterSelect(
          'territory',
          ctx.t('monitoring.filter.allTerritories'),
          p.territories.map((t) => ({ value: t.id, label: territoryLabel(ctx, t) })),
        )}
        {filterSelect(
          'kind',
          ctx.t('monitoring.filter.allKinds'),
          ['cav', 'inps_office'].map((k) => ({ value: k, label: ctx.t(`monitoring.filter.kind.${k}`) })),
        )}
      </FilterBar>
      {d && (
        <>
          <p class="form-text" data-rule>
            {ctx.t('monitoring.rule', { threshold: d.threshold })}
          </p>
          {p.exportNotice && (
            <div class="alert alert-warning" role="alert" data-export-empty>
              {p.exportNotice}
            </div>
          )}
          <p>
            <a href={`/monitoring/export/all.xlsx${query}`}>{ctx.t('monitoring.export.all')}</a>
          </p>
          {d.tables.map((table) => (
            <TableSection
              key={table.key}
              ctx={ctx}
              table={table}
              threshold={d.threshold}
              chart={p.charts[table.key] ?? null}
              query={query}
            />
          ))}
          {p.extra.map((s) => (
            <section key={s.key} aria-labelledby={`extra-${s.key}`} class="mb-5">
              <h2 id={`extra-${s.key}`} class="h4">
                {s.title}
              </h2>
              {s.body}
            </section>
          ))}
          {p.snapshot && (p.snapshot.targets.length > 0 || Object.keys(p.snapshot.errors).length > 0) && (
            <section aria-labelledby="snapshot" class="mb-5">
              <h2 id="snapshot" class="h4">
                {ctx.t('monitoring.snapshot.heading')}
              </h2>
              {p.snapshot.attached && (
                <div class="alert alert-success" role="status">
                  {ctx.t('monitoring.snapshot.done', { title: p.snapshot.attached })}
                </div>
              )}
              <p>{ctx.t('monitoring.snapshot.intro')}</p>
              <Form ctx={ctx} action={`/monitoring/snapshot${query}`}>
                <Select
                  ctx={ctx}
                  name="table"
                  label={ctx.t('monitoring.snapshot.table')}
                  options={d.tables
                    .filter((t) => !t.withheld && t.rows.length > 0)
                    .map((t) => ({ value: t.key, label: t.title }))}
                  value={p.snapshot.values.table}
                  errors={p.snapshot.errors}
                  required
                />
                <Select
                  ctx={ctx}
                  name="meeting"
                  label={ctx.t('monitoring.snapshot.meeting')}
                  options={p.snapshot.targets}
                  value={p.snapshot.values.meeting}
                  errors={p.snapshot.errors}
                  required
                />
                <button type="submit" class="btn btn-primary">
                  {ctx.t('monitoring.snapshot.submit')}
                </button>
              </Form>
            </section>
          )}
        </>
      )}
    </>
  );
}

export function SettingsView(p: {
  ctx: PageContext;
  threshold: string;
  budget: Record<string, string>;
  regions: TerritoryRow[];
  budgets: { year: number; territory_id: string; amount_cents: number; set_at: Date }[];
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const regionName = (id: string) => p.regions.find((r) => r.id === id)?.name ?? id;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action="/monitoring/settings/threshold" class="mb-5">
        <Field
          ctx={ctx}
          name="threshold"
          label={ctx.t('monitoring.settings.threshold')}
          hint={ctx.t('monitoring.settings.thresholdHint')}
          inputMode="numeric"
          value={p.threshold}
          errors={p.errors}
          required
        />
        <FormActions ctx={ctx} cancel="/monitoring" />
      </Form>
      <h2 class="h4">{ctx.t('monitoring.budget.title')}</h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('monitoring.budget.title')}
        headers={['year', 'region', 'amount', 'setAt'].map((k) => ctx.t(`monitoring.budget.${k}`))}
        rows={p.budgets}
        empty={ctx.t('monitoring.budget.none')}
        row={(b) => (
          <tr key={`${b.year}-${b.territory_id}`}>
            <td>{b.year}</td>
            <td>{regionName(b.territory_id)}</td>
            <td>{formatMoney(b.amount_cents / 100, ctx.lang)}</td>
            <td>{formatDateTime(b.set_at, ctx.lang)}</td>
          </tr>
        )}
      />
      <Form ctx={ctx} action="/monitoring/settings/budget">
        <Field
          ctx={ctx}
          name="year"
          label={ctx.t('monitoring.budget.year')}
          inputMode="numeric"
          value={p.budget.year}
          errors={p.errors}
          required
        />
        <Select
          ctx={ctx}
          name="region"
          label={ctx.t('monitoring.budget.region')}
          options={p.regions.map((r) => ({ value: r.id, label: r.name }))}
          value={p.budget.region}
          errors={p.errors}
          required
        />
        <Field
          ctx={ctx}
          name="amount"
          label={ctx.t('monitoring.budget.amount')}
          hint={ctx.t('monitoring.budget.amountHint')}
          inputMode="text"
          value={p.budget.amount}
          errors={p.errors}
          required
        />
        <FormActions ctx={ctx} cancel="/monitoring" label={ctx.t('monitoring.budget.save')} />
      </Form>
    </>
  );
}

export function ReleasesView(p: {
  ctx: PageContext;
  orgs: { id: string; name: string }[];
  rows: ReleaseRow[];
  total: number;
  page: number;
  pageSize: number;
  values: Record<string, string>;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const tableLabel = (k: string) =>
    k === 'all' ? ctx.t('monitoring.releases.allTables') : ctx.t(`monitoring.table.${k}`);
  const orgOptions = p.orgs.map((o) => ({ value: o.id, label: o.name }));
  const orgSelect = (name: 'org' | 'recipient') => (
    <Select
      ctx={ctx}
      name={name}
      label={ctx.t(`monitoring.releases.${name}`)}
      options={orgOptions}
      placeholder=""
      value={p.values[name]}
      errors={p.errors}
      required
    />
  );
  return (
    <>
      <p class="lead">{ctx.t('monitoring.releases.intro')}</p>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action="/monitoring/releases" class="mb-5">
        {orgSelect('org')}
        <Select
          {...fieldOf(p, 'table')}
          label={ctx.t('monitoring.releases.table')}
          options={['all', ...TABLE_KEYS].map((k) => ({ value: k, label: tableLabel(k) }))}
          required
        />
        {orgSelect('recipient')}
        <TextArea
          {...fieldOf(p, 'reason')}
          label={ctx.t('monitoring.releases.reason')}
          hint={ctx.t('monitoring.releases.reasonHint')}
          maxChars={1000}
          required
        />
        <FormActions ctx={ctx} cancel="/monitoring" label={ctx.t('monitoring.releases.save')} />
      </Form>
      <DataTable
        ctx={ctx}
        caption={ctx.t('monitoring.releases.title')}
        headers={['at', 'by', 'org', 'table', 'recipient', 'reason'].map((k) =>
          ctx.t(`monitoring.releases.${k}`),
        )}
        rows={p.rows}
        empty={ctx.t('monitoring.releases.none')}
        row={(r) => (
          <tr key={r.id} data-release={r.id}>
            <td>{formatDateTime(r.released_at, ctx.lang)}</td>
            <td>{r.released_by_name}</td>
            <td>{r.org_name}</td>
            <td>{tableLabel(r.table_key)}</td>
            <td>{r.recipient_name}</td>
            <td>{r.reason}</td>
          </tr>
        )}
      />
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        href={(n) => (n > 1 ? `/monitoring/releases?page=${n}` : '/monitoring/releases')}
      />
    </>
  );
}
