import {
  Confirmation,
  DataTable,
  ErrorSummary,
  type FieldErrors,
  Form,
  fieldOf,
  Notice,
  Pagination,
  Select,
} from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type * as repo from '../booking/repository.ts';
import { slotsOf } from '../booking/service.ts';
import { DeskDayFields } from '../booking/views.tsx';
import { deskLabel, fmtTime, fmtWhen } from '../common/format.ts';
import type { OwnDayRow } from './repository.ts';
import { publishedByOfficer } from './service.ts';

// "La mia disponibilità": the officer's desk days, the form to publish one, and the withdrawal's confirmation.

type Strings = Record<string, string | undefined>;

const when = (ctx: PageContext, d: { starts_at: Date; ends_at: Date }) =>
  `${fmtWhen(d.starts_at, ctx.lang)} – ${fmtTime(d.ends_at, ctx.lang)}`;

/** Who planned a day, as the officer reads it. */
function origin(ctx: PageContext, d: OwnDayRow): string {
  if (publishedByOfficer(d)) return ctx.t('desks.avail.originOwn');
  return ctx.t(d.rule_id ? 'desks.avail.originRule' : 'desks.avail.originDirector');
}

export function AvailabilityView(p: {
  ctx: PageContext;
  rows: OwnDayRow[];
  total: number;
  page: number;
  pageSize: number;
  desks: repo.DeskRow[];
  trained: boolean;
  now: Date;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{ctx.t('desks.avail.intro')}</p>
      <h2 class="h4">{ctx.t('desks.avail.listTitle')}</h2>
      {p.total === 0 ? (
        <p>
          {ctx.t(p.trained ? 'desks.avail.empty' : 'desks.avail.emptyUntrained')}{' '}
          {p.trained && p.desks.length > 0 && <a href="#publish">{ctx.t('desks.avail.emptyLink')}</a>}
        </p>
      ) : (
        <DataTable
          ctx={ctx}
          caption={ctx.t('desks.avail.caption')}
          headers={[
            ctx.t('desks.col.when'),
            ctx.t('desks.appt.desk'),
            ctx.t('desks.col.booked'),
            ctx.t('desks.avail.origin'),
            ctx.t('desks.avail.action'),
          ]}
          rows={p.rows}
          row={(d) => (
            <tr key={d.id}>
              <td>{when(ctx, d)}</td>
              <td>
                {deskLabel(d.desk_name, ctx.t(`desks.kind.${d.desk_kind}`))} — {d.host_name}
              </td>
              <td>{ctx.t('desks.bookedValue', { booked: d.booked, slots: slotsOf(d).length })}</td>
              <td>{origin(ctx, d)}</td>
              <td>
                {!publishedByOfficer(d) ? (
                  ctx.t('desks.avail.directorOnly')
                ) : d.starts_at <= p.now ? (
                  ctx.t('desks.avail.started')
                ) : d.active > 0 ? (
                  ctx.t('desks.avail.hasBookings', { n: d.active })
                ) : (
                  <a href={`/desks/availability/${d.id}/cancel`}>
                    {ctx.t('desks.avail.cancel')}
                    <span class="visually-hidden"> — {when(ctx, d)}</span>
                  </a>
                )}
              </td>
            </tr>
          )}
        />
      )}
      {p.total > 0 && (
        <Pagination
          ctx={ctx}
          page={p.page}
          pageSize={p.pageSize}
          total={p.total}
          href={(n) => `/desks/availability?page=${n}`}
        />
      )}
      <h2 class="h4 mt-5" id="publish">
        {ctx.t('desks.avail.new')}
      </h2>
      {p.errors.publish && (
        <p id="field-publish" class="text-danger fw-semibold">
          {p.errors.publish}
        </p>
      )}
      {!p.trained ? (
        <Notice kind="warning" message={ctx.t('desks.avail.untrained')} />
      ) : p.desks.length === 0 ? (
        <p>{ctx.t('desks.avail.noDesks')}</p>
      ) : (
        <Form ctx={ctx} action="/desks/availability">
          <p>{ctx.t('desks.avail.newHint')}</p>
          <Select
            {...fieldOf(p, 'desk')}
            label={ctx.t('desks.avail.desk')}
            options={p.desks.map((d) => ({
              value: d.id,
              label: `${d.name} (${ctx.t(`desks.kind.${d.kind}`)}) — ${d.host_name}`,
            }))}
            placeholder={ctx.t('desks.f.pick')}
            required
          />
          <DeskDayFields ctx={ctx} values={p.values} errors={p.errors} />
          <button type="submit" class="btn btn-primary">
            {ctx.t('desks.avail.publish')}
          </button>
        </Form>
      )}
    </>
  );
}

/** The confirmation before the officer withdraws a day she published (or why she cannot). */
export function AvailabilityCancelView(p: {
  ctx: PageContext;
  day: OwnDayRow;
  own: boolean;
  now: Date;
  errors: FieldErrors;
}) {
  const { ctx, day } = p;
  const back = (
    <a class="btn btn-outline-secondary" href="/desks/availability">
      {ctx.t('desks.avail.back')}
    </a>
  );
  const refusal = p.errors.confirm ?? p.errors.version;
  const blocked = !p.own
    ? ctx.t('desks.avail.notYours')
    : day.starts_at <= p.now
      ? ctx.t('desks.err.availStarted')
      : day.active > 0 && !refusal
        ? ctx.t('desks.avail.cancelBlocked', { n: day.active })
        : null;
  if (blocked)
    return (
      <>
        <div class="alert alert-warning" role="status">
          <p class="mb-0">{blocked}</p>
        </div>
        <p>{when(ctx, day)}</p>
        {back}
      </>
    );
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Confirmation
        ctx={ctx}
        text={ctx.t('desks.avail.cancelText', { when: when(ctx, day), desk: day.desk_name })}
        action={`/desks/availability/${day.id}/cancel`}
        cancel="/desks/availability"
        confirmLabel={ctx.t('desks.avail.cancelConfirm')}
        hidden={{ version: String(day.version) }}
      >
        {refusal && (
          <p id={p.errors.confirm ? 'field-confirm' : 'field-version'} class="text-danger fw-semibold">
            {refusal}
          </p>
        )}
      </Confirmation>
    </>
  );
}
