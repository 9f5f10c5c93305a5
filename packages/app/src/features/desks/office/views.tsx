import {
  DataTable,
  ErrorSummary,
  Field,
  type FieldErrors,
  FilterBar,
  fieldOf,
  Pagination,
  Select,
} from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { fmtTime, fmtWhen } from '../common/format.ts';
import { OFFICE_STATUSES, type OfficeAppointmentRow, type OfficeStatus } from './repository.ts';
import type { OfficePage } from './service.ts';

// The page "Appuntamenti dell'ufficio": filters, counts per status, the table, pagination, the empty states.

export const OFFICE_PATH = '/desks/office';

/** "12 prenotati · 3 svolti · 1 non presentata · 2 annullati". */
function countsText(ctx: PageContext, counts: Record<OfficeStatus, number>): string {
  return OFFICE_STATUSES.map((s) =>
    ctx.t(`desks.office.count.${s}.${counts[s] === 1 ? 'one' : 'other'}`, { n: counts[s] }),
  ).join(' · ');
}

function OfficeTable(p: { ctx: PageContext; rows: OfficeAppointmentRow[]; empty: string }) {
  const { ctx } = p;
  return (
    <DataTable
      ctx={ctx}
      caption={ctx.t('desks.office.caption')}
      empty={p.empty}
      headers={[
        ctx.t('desks.office.when'),
        ctx.t('desks.office.card'),
        ctx.t('desks.office.desk'),
        ctx.t('desks.office.officer'),
        ctx.t('desks.office.status'),
      ]}
      rows={p.rows}
      row={(r) => (
        <tr key={r.id}>
          <td>
            {fmtWhen(r.starts_at, ctx.lang)} – {fmtTime(r.ends_at, ctx.lang)}
          </td>
          <td>{r.card_of_office ? <a href={`/inps/cards/${r.card_id}`}>{r.card_code}</a> : r.card_code}</td>
          <td>{r.desk_name}</td>
          <td>{r.officer_name}</td>
          <td>
            {ctx.t(`desks.status.${r.status}`)}
            {r.rescheduled_to && ` — ${ctx.t('desks.office.moved')}`}
          </td>
        </tr>
      )}
    />
  );
}

export function OfficeAppointmentsView(p: {
  ctx: PageContext;
  data: OfficePage;
  pageSize: number;
  errors: FieldErrors;
}) {
  const { ctx, data } = p;
  const q = data.query;
  const filter = { ctx, values: q, errors: p.errors };
  const params = (n: number) => new URLSearchParams({ ...q, page: String(n) }).toString();
  const periodFiltered = q.from !== '' || q.to !== '' || q.officer !== '' || q.desk !== '';
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{ctx.t('desks.office.intro')}</p>
      <FilterBar ctx={ctx} action={OFFICE_PATH} layout="stacked">
        <div class="col-12 col-md-6 col-lg-3">
          <Field
            {...fieldOf(filter, 'from')}
            label={ctx.t('desks.office.from')}
            hint={ctx.t('desks.office.dateHint')}
            maxLength={40}
          />
        </div>
        <div class="col-12 col-md-6 col-lg-3">
          <Field
            {...fieldOf(filter, 'to')}
            label={ctx.t('desks.office.to')}
            hint={ctx.t('desks.office.dateHint')}
            maxLength={40}
          />
        </div>
        <div class="col-12 col-md-4 col-lg-2">
          <Select
            ctx={ctx}
            name="officer"
            label={ctx.t('desks.office.officer')}
            value={q.officer}
            placeholder={ctx.t('desks.office.anyOfficer')}
            options={data.officers.map((o) => ({ value: o.id, label: o.name }))}
          />
        </div>
        <div class="col-12 col-md-4 col-lg-2">
          <Select
            ctx={ctx}
            name="desk"
            label={ctx.t('desks.office.desk')}
            value={q.desk}
            placeholder={ctx.t('desks.office.anyDesk')}
            options={data.desks.map((d) => ({
              value: d.id,
              label: d.active ? d.name : ctx.t('desks.office.retired', { name: d.name }),
            }))}
          />
        </div>
        <div class="col-12 col-md-4 col-lg-2">
          <Select
            ctx={ctx}
            name="status"
            label={ctx.t('desks.office.status')}
            value={q.status}
            placeholder={ctx.t('desks.office.anyStatus')}
            options={OFFICE_STATUSES.map((s) => ({ value: s, label: ctx.t(`desks.status.${s}`) }))}
          />
        </div>
      </FilterBar>
      {data.filtered && (
        <p>
          <a href={OFFICE_PATH}>{ctx.t('desks.office.reset')}</a>
        </p>
      )}
      {data.result === null ? (
        <p>{ctx.t('desks.office.notShown')}</p>
      ) : data.result.total === 0 && !data.filtered ? (
        <p>
          {ctx.t(data.desks.length === 0 ? 'desks.office.emptyNoDesks' : 'desks.office.empty')}{' '}
          <a href="/desks">
            {ctx.t(data.desks.length === 0 ? 'desks.office.emptyNoDesksLink' : 'desks.office.emptyLink')}
          </a>
        </p>
      ) : (
        <>
          <p data-counts>
            {ctx.t(periodFiltered ? 'desks.office.countsFiltered' : 'desks.office.countsAll')}{' '}
            <strong>{countsText(ctx, data.result.counts)}</strong>
          </p>
          <OfficeTable ctx={ctx} rows={data.result.rows} empty={ctx.t('desks.office.emptyFiltered')} />
          <Pagination
            ctx={ctx}
            page={data.page}
            pageSize={p.pageSize}
            total={data.result.total}
            href={(n) => `${OFFICE_PATH}?${params(n)}`}
          />
        </>
      )}
    </>
  );
}
