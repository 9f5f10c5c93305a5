import {
  DataTable,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  Notice,
  Pagination,
  Select,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import type * as repo from './repository.ts';
import type { Hours } from './rules.ts';
import { hoursText } from './rules-views.tsx';
import { DESK_KINDS, HOLD_MINUTES, type Slot } from './service.ts';

type Strings = Record<string, string | undefined>;

export function fmtWhen(v: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    timeZone: 'Europe/Rome',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(v);
}
function fmtTime(v: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    timeZone: 'Europe/Rome',
    timeStyle: 'short',
  }).format(v);
}

export function DesksView(p: {
  ctx: PageContext;
  desks: repo.DeskRow[];
  orgKind: string;
  cavs: { id: string; name: string }[];
  offices: { id: string; name: string }[];
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const kinds = p.orgKind === 'cav' ? (['cav_room'] as const) : DESK_KINDS;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.desks.length === 0 ? (
        <p>{ctx.t('desks.list.empty')}</p>
      ) : (
        <DataTable
          ctx={ctx}
          caption={ctx.t('desks.list.caption')}
          headers={[ctx.t('desks.col.name'), ctx.t('desks.col.kind'), ctx.t('desks.col.host')]}
          rows={p.desks}
          row={(d) => (
            <tr key={d.id}>
              <td>
                <a href={`/desks/${d.id}`}>{d.name}</a>
              </td>
              <td>{ctx.t(`desks.kind.${d.kind}`)}</td>
              <td>{d.host_name}</td>
            </tr>
          )}
        />
      )}
      <h2 class="h4 mt-5">{ctx.t('desks.new.title')}</h2>
      <Form ctx={ctx} action="/desks">
        <Select
          ctx={ctx}
          name="kind"
          label={ctx.t('desks.f.kind')}
          options={kinds.map((k) => ({ value: k, label: ctx.t(`desks.kind.${k}`) }))}
          value={p.values.kind}
          errors={p.errors}
          placeholder={ctx.t('desks.f.pick')}
          required
        />
        {p.orgKind === 'cav' ? (
          <Select
            ctx={ctx}
            name="office"
            label={ctx.t('desks.f.office')}
            options={p.offices.map((o) => ({ value: o.id, label: o.name }))}
            value={p.values.office}
            errors={p.errors}
            placeholder={ctx.t('desks.f.pick')}
            required
          />
        ) : (
          <Select
            ctx={ctx}
            name="host"
            label={ctx.t('desks.f.host')}
            options={p.cavs.map((o) => ({ value: o.id, label: o.name }))}
            value={p.values.host}
            errors={p.errors}
            placeholder={ctx.t('desks.f.pick')}
          />
        )}
        <Field
          ctx={ctx}
          name="name"
          label={ctx.t('desks.f.name')}
          value={p.values.name}
          errors={p.errors}
          required
          maxLength={200}
        />
        <Field
          ctx={ctx}
          name="capacity"
          label={ctx.t('desks.f.capacity')}
          value={p.values.capacity}
          errors={p.errors}
          inputMode="numeric"
        />
        <Field
          ctx={ctx}
          name="accessibility_notes"
          label={ctx.t('desks.f.notes')}
          value={p.values.accessibility_notes}
          errors={p.errors}
        />
        <Field
          ctx={ctx}
          name="video_link"
          type="url"
          label={ctx.t('desks.f.link')}
          value={p.values.video_link}
          errors={p.errors}
        />
        <button type="submit" class="btn btn-primary">
          {ctx.t('ui.save')}
        </button>
      </Form>
    </>
  );
}

export function DeskView(p: {
  ctx: PageContext;
  desk: repo.DeskRow;
  sessions: repo.SessionRow[];
  officers: { id: string; name: string; trained: boolean }[];
  canAssign: boolean;
  hours: Hours;
  canEditHours: boolean;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        {ctx.t(`desks.kind.${p.desk.kind}`)} — {p.desk.host_name}
      </p>
      <p>
        {ctx.t('desks.hours.current')} {hoursText(ctx, p.hours)}
      </p>
      {(p.canEditHours || p.canAssign) && (
        <p class="d-flex flex-wrap gap-2">
          {p.canEditHours && (
            <a class="btn btn-outline-primary btn-sm" href={`/desks/${p.desk.id}/hours`}>
              {ctx.t('desks.hours.edit')}
            </a>
          )}
          {p.canAssign && (
            <a class="btn btn-outline-primary btn-sm" href={`/desks/${p.desk.id}/rules`}>
              {ctx.t('desks.rule.link')}
            </a>
          )}
        </p>
      )}
      <h2 class="h4">{ctx.t('desks.sessions.title')}</h2>
      {p.sessions.length === 0 ? (
        <p>{ctx.t('desks.sessions.empty')}</p>
      ) : (
        <DataTable
          ctx={ctx}
          caption={ctx.t('desks.sessions.caption')}
          headers={[ctx.t('desks.col.when'), ctx.t('desks.col.officer'), ctx.t('desks.col.slots')]}
          rows={p.sessions}
          row={(s) => (
            <tr key={s.id}>
              <td>
                {fmtWhen(new Date(s.starts_at), ctx.lang)} – {fmtTime(new Date(s.ends_at), ctx.lang)}
              </td>
              <td>{s.officer_name}</td>
              <td>{ctx.t('desks.slotsValue', { slot: s.slot_minutes, buffer: s.buffer_minutes })}</td>
            </tr>
          )}
        />
      )}
      {p.canAssign && (
        <>
          <h2 class="h4 mt-5">{ctx.t('desks.sessions.new')}</h2>
          <Form ctx={ctx} action={`/desks/${p.desk.id}/sessions`}>
            <Select
              ctx={ctx}
              name="officer"
              label={ctx.t('desks.f.officer')}
              options={p.officers.map((o) => ({
                value: o.id,
                label: o.trained ? o.name : ctx.t('desks.officers.optionUntrained', { name: o.name }),
              }))}
              value={p.values.officer}
              errors={p.errors}
              placeholder={ctx.t('desks.f.pick')}
              required
            />
            <Field
              ctx={ctx}
              name="date"
              type="date"
              label={ctx.t('desks.f.date')}
              value={p.values.date}
              errors={p.errors}
              required
            />
            <Field
              ctx={ctx}
              name="start"
              label={ctx.t('desks.f.start')}
              value={p.values.start ?? '09:00'}
              errors={p.errors}
              required
            />
            <Field
              ctx={ctx}
              name="end"
              label={ctx.t('desks.f.end')}
              value={p.values.end ?? '13:00'}
              errors={p.errors}
              required
            />
            <Field
              ctx={ctx}
              name="slot_minutes"
              label={ctx.t('desks.f.slot')}
              value={p.values.slot_minutes ?? '30'}
              errors={p.errors}
              inputMode="numeric"
              required
            />
            <Field
              ctx={ctx}
              name="buffer_minutes"
              label={ctx.t('desks.f.buffer')}
              value={p.values.buffer_minutes ?? '10'}
              errors={p.errors}
              inputMode="numeric"
            />
            <button type="submit" class="btn btn-primary">
              {ctx.t('ui.save')}
            </button>
          </Form>
        </>
      )}
    </>
  );
}

export function CardListView(p: {
  ctx: PageContext;
  cards: { id: string; code: string }[];
  q: string;
  page: number;
  pageSize: number;
  total: number;
}) {
  const { ctx } = p;
  return (
    <>
      <Form ctx={ctx} action="/desks/book" method="get" class="row g-3 align-items-end mb-4">
        <div class="col-12 col-md-6">
          <Field ctx={ctx} name="q" type="search" label={ctx.t('desks.book.search')} value={p.q} />
        </div>
        <div class="col-12 col-md-auto mb-4">
          <button type="submit" class="btn btn-outline-primary">
            {ctx.t('ui.search')}
          </button>
        </div>
      </Form>
      {p.cards.length === 0 ? (
        <p>{ctx.t('desks.book.noCards')}</p>
      ) : (
        <ul>
          {p.cards.map((c) => (
            <li key={c.id}>
              <a href={`/desks/cards/${c.id}`}>{ctx.t('desks.book.cardLink', { code: c.code })}</a>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        href={(n) => `/desks/book?q=${encodeURIComponent(p.q)}&page=${n}`}
      />
    </>
  );
}

export function BookView(p: {
  ctx: PageContext;
  cardId: string;
  free: { session: repo.SessionRow & { desk_name: string }; slots: Slot[] }[];
  errors: FieldErrors;
}) {
  const { ctx } = p;
  const withSlots = p.free.filter((f) => f.slots.length > 0);
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.errors.slot && (
        <div id="field-slot" class="invalid-feedback d-block fw-semibold mb-3">
          {p.errors.slot}
        </div>
      )}
      {withSlots.length === 0 && <p>{ctx.t('desks.book.none')}</p>}
      {withSlots.map((f) => (
        <section key={f.session.id} class="mb-4">
          <h2 class="h5">
            {ctx.t('desks.book.slotsOf', { desk: f.session.desk_name, officer: f.session.officer_name })}
          </h2>
          <ul class="list-unstyled d-flex flex-wrap gap-2">
            {f.slots.map((s) => (
              <li key={s.starts_at.toISOString()}>
                <Form ctx={ctx} action={`/desks/cards/${p.cardId}/hold`}>
                  <input type="hidden" name="session" value={f.session.id} />
                  <input type="hidden" name="start" value={s.starts_at.toISOString()} />
                  <button type="submit" class="btn btn-outline-primary btn-sm">
                    {fmtWhen(s.starts_at, ctx.lang)}
                    <span class="visually-hidden"> — {ctx.t('desks.book.hold')}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function AppointmentView(p: {
  ctx: PageContext;
  a: repo.AppointmentRow;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx, a } = p;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <dl>
        <dt>{ctx.t('desks.appt.when')}</dt>
        <dd>
          {fmtWhen(a.starts_at, ctx.lang)} – {fmtTime(a.ends_at, ctx.lang)}
        </dd>
        <dt>{ctx.t('desks.appt.desk')}</dt>
        <dd>{a.desk_name}</dd>
        <dt>{ctx.t('desks.appt.status')}</dt>
        <dd>{ctx.t(`desks.status.${a.status}`)}</dd>
      </dl>
      {a.status === 'held' && (
        <Form ctx={ctx} action={`/desks/appointments/${a.id}/confirm`} class="mb-4">
          <p id="field-confirm">{ctx.t('desks.appt.held', { minutes: HOLD_MINUTES })}</p>
          <button type="submit" class="btn btn-primary">
            {ctx.t('desks.appt.confirm')}
          </button>
        </Form>
      )}
      {(a.status === 'held' || a.status === 'booked') && (
        <Form ctx={ctx} action={`/desks/appointments/${a.id}/cancel`}>
          <h2 class="h5">{ctx.t('desks.appt.cancel')}</h2>
          <Field
            ctx={ctx}
            name="reason"
            label={ctx.t('desks.f.reason')}
            value={p.values.reason}
            errors={p.errors}
            required
            maxLength={500}
          />
          <button type="submit" class="btn btn-danger">
            {ctx.t('desks.appt.cancel')}
          </button>
        </Form>
      )}
    </>
  );
}

export function AgendaView(p: {
  ctx: PageContext;
  view: 'day' | 'week';
  date: string;
  from: Date;
  to: Date;
  prev: string;
  next: string;
  rows: repo.AgendaRow[];
  now: Date;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const day = (d: Date) =>
    new Intl.DateTimeFormat(ctx.lang === 'en' ? 'en-GB' : 'it-IT', {
      timeZone: 'Europe/Rome',
      dateStyle: 'full',
    }).format(d);
  const link = (date: string, view: string) => `/desks/agenda?date=${date}&view=${view}`;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <nav class="d-flex flex-wrap gap-2 mb-3" aria-label={ctx.t('desks.agenda.title')}>
        <a class="btn btn-outline-primary btn-sm" href={link(p.prev, p.view)}>
          {ctx.t('desks.agenda.prev')}
        </a>
        <a class="btn btn-outline-primary btn-sm" href={link(p.next, p.view)}>
          {ctx.t('desks.agenda.next')}
        </a>
        <a
          class="btn btn-outline-secondary btn-sm"
          href={link(p.date, 'day')}
          aria-current={p.view === 'day' ? 'page' : undefined}
        >
          {ctx.t('desks.agenda.day')}
        </a>
        <a
          class="btn btn-outline-secondary btn-sm"
          href={link(p.date, 'week')}
          aria-current={p.view === 'week' ? 'page' : undefined}
        >
          {ctx.t('desks.agenda.week')}
        </a>
      </nav>
      <p>{ctx.t('desks.agenda.range', { from: day(p.from), to: day(new Date(p.to.getTime() - 1)) })}</p>
      {p.rows.length === 0 ? (
        <p>{ctx.t('desks.agenda.empty')}</p>
      ) : (
        <DataTable
          ctx={ctx}
          caption={ctx.t('desks.agenda.caption')}
          headers={[
            ctx.t('desks.appt.when'),
            ctx.t('desks.appt.desk'),
            ctx.t('desks.agenda.card'),
            ctx.t('desks.appt.status'),
            ctx.t('desks.agenda.outcome'),
          ]}
          rows={p.rows}
          row={(a) => (
            <tr key={a.id}>
              <td>
                {fmtWhen(a.starts_at, ctx.lang)} – {fmtTime(a.ends_at, ctx.lang)}
              </td>
              <td>
                {a.desk_name} ({ctx.t(`desks.kind.${a.desk_kind}`)})
                {a.video_link && (
                  <>
                    {' '}
                    <a href={a.video_link}>{ctx.t('desks.f.link')}</a>
                  </>
                )}
              </td>
              <td>
                <a href={`/inps/cards/${a.card_id}`}>{a.card_code}</a>
              </td>
              <td>{ctx.t(`desks.status.${a.status}`)}</td>
              <td>
                {a.status === 'booked' && a.starts_at <= p.now && (
                  <Form ctx={ctx} action={`/desks/agenda/${a.id}/outcome`} class="d-flex gap-1">
                    <input type="hidden" name="date" value={p.date} />
                    <input type="hidden" name="view" value={p.view} />
                    <button type="submit" name="outcome" value="done" class="btn btn-primary btn-sm">
                      {ctx.t('desks.agenda.done')}
                      <span class="visually-hidden">
                        {' '}
                        — {ctx.t('desks.agenda.outcomeFor', { time: fmtTime(a.starts_at, ctx.lang) })}
                      </span>
                    </button>
                    <button
                      type="submit"
                      name="outcome"
                      value="no_show"
                      class="btn btn-outline-secondary btn-sm"
                    >
                      {ctx.t('desks.agenda.noShow')}
                      <span class="visually-hidden">
                        {' '}
                        — {ctx.t('desks.agenda.outcomeFor', { time: fmtTime(a.starts_at, ctx.lang) })}
                      </span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          )}
        />
      )}
      <div id="field-outcome" />
    </>
  );
}
