import { now as clockNow } from '../../../platform/clock.ts';
import {
  ChoiceBox,
  Confirmation,
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
  SearchField,
  Select,
  SummaryList,
} from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { publishedByOfficer } from '../availability/service.ts';
import { deskLabel, fmtDay, fmtIsoDate, fmtTime, fmtWhen } from '../common/format.ts';
import { romeDate } from '../notify/mail-messages.ts';
import { DESK_KINDS } from '../planning/desks.ts';
import type { Hours } from '../planning/service.ts';
import { hoursText } from '../planning/views.tsx';
import type * as repo from './repository.ts';
import { APPOINTMENT_STATUSES, type BookingWindow, HOLD_MINUTES, type Slot, slotsOf } from './service.ts';

type Strings = Record<string, string | undefined>;

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
      <DataTable
        ctx={ctx}
        empty={ctx.t('desks.list.empty')}
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
      <h2 class="h4 mt-5">{ctx.t('desks.new.title')}</h2>
      <Form ctx={ctx} action="/desks">
        <Select
          {...fieldOf(p, 'kind')}
          label={ctx.t('desks.f.kind')}
          options={kinds.map((k) => ({ value: k, label: ctx.t(`desks.kind.${k}`) }))}
          placeholder={ctx.t('desks.f.pick')}
          required
        />
        {p.orgKind === 'cav' ? (
          <Select
            {...fieldOf(p, 'office')}
            label={ctx.t('desks.f.office')}
            options={p.offices.map((o) => ({ value: o.id, label: o.name }))}
            placeholder={ctx.t('desks.f.pick')}
            required
          />
        ) : (
          // Only a CAV room has a hosting CAV: ponte.js hides this field for the other kinds (data-desk-kinds);
          // without JavaScript it stays, its hint saying which kind it is for.
          <div data-desk-kinds="cav_room">
            <Select
              {...fieldOf(p, 'host')}
              label={ctx.t('desks.f.host')}
              hint={ctx.t('desks.f.hostHint')}
              options={p.cavs.map((o) => ({ value: o.id, label: o.name }))}
              placeholder={ctx.t('desks.f.pick')}
            />
          </div>
        )}
        <Field {...fieldOf(p, 'name')} label={ctx.t('desks.f.name')} required maxChars={200} />
        <Field {...fieldOf(p, 'capacity')} label={ctx.t('desks.f.capacity')} inputMode="numeric" />
        <Field {...fieldOf(p, 'accessibility_notes')} label={ctx.t('desks.f.notes')} maxChars={2000} />
        {/* Only a video desk has a link (a CAV's desks are all rooms: never asked there). */}
        {p.orgKind !== 'cav' && (
          <div data-desk-kinds="video">
            <Field
              {...fieldOf(p, 'video_link')}
              type="url"
              label={ctx.t('desks.f.link')}
              hint={ctx.t('desks.f.linkHint')}
            />
          </div>
        )}
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
  sessions: (repo.SessionRow & { booked: number })[];
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
          {p.canEditHours && (
            <a class="btn btn-outline-primary btn-sm" href={`/desks/${p.desk.id}/edit`}>
              {ctx.t('desks.edit.link')}
            </a>
          )}
          {p.canEditHours && (
            <a class="btn btn-outline-danger btn-sm" href={`/desks/${p.desk.id}/retire`}>
              {ctx.t('desks.retire.link')}
            </a>
          )}
        </p>
      )}
      <h2 class="h4">{ctx.t('desks.sessions.title')}</h2>
      <DataTable
        ctx={ctx}
        empty={ctx.t('desks.sessions.empty')}
        caption={ctx.t('desks.sessions.caption')}
        headers={[
          ctx.t('desks.col.when'),
          ctx.t('desks.col.officer'),
          ctx.t('desks.col.slots'),
          ctx.t('desks.col.booked'),
        ]}
        rows={p.sessions}
        row={(s) => (
          <tr key={s.id}>
            <td>
              {fmtWhen(new Date(s.starts_at), ctx.lang)} – {fmtTime(new Date(s.ends_at), ctx.lang)}
            </td>
            <td>
              {s.officer_name}
              {publishedByOfficer(s) && (
                <span class="d-block small">{ctx.t('desks.sessions.byOfficer')}</span>
              )}
            </td>
            <td>{ctx.t('desks.slotsValue', { slot: s.slot_minutes, buffer: s.buffer_minutes })}</td>
            <td>{ctx.t('desks.bookedValue', { booked: s.booked, slots: slotsOf(s).length })}</td>
          </tr>
        )}
      />
      {p.canAssign && (
        <>
          <h2 class="h4 mt-5">{ctx.t('desks.sessions.new')}</h2>
          <Form ctx={ctx} action={`/desks/${p.desk.id}/sessions`}>
            <Select
              {...fieldOf(p, 'officer')}
              label={ctx.t('desks.f.officer')}
              options={p.officers.map((o) => ({
                value: o.id,
                label: o.trained ? o.name : ctx.t('desks.officers.optionUntrained', { name: o.name }),
              }))}
              placeholder={ctx.t('desks.f.pick')}
              required
            />
            <DeskDayFields ctx={ctx} values={p.values} errors={p.errors} />
            <button type="submit" class="btn btn-primary">
              {ctx.t('ui.save')}
            </button>
          </Form>
        </>
      )}
    </>
  );
}

/** The times of a desk day (day, from–to, slot and buffer minutes), shared by the director's and the officer's forms. */
export function DeskDayFields(p: { ctx: PageContext; values: Strings; errors: FieldErrors }) {
  const { ctx } = p;
  return (
    <>
      <DateField {...fieldOf(p, 'date')} label={ctx.t('desks.f.date')} required />
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
    </>
  );
}

export function CardListView(p: {
  ctx: PageContext;
  cards: repo.OpenCardRow[];
  q: string;
  /** Only the cards with no booking still to come. */
  toBook: boolean;
  page: number;
  pageSize: number;
  total: number;
}) {
  const { ctx } = p;
  const filtered = p.q !== '' || p.toBook;
  return (
    <>
      <FilterBar ctx={ctx} action="/desks/book">
        <SearchField ctx={ctx} label={ctx.t('desks.book.search')} value={p.q} width={5} />
        <div class="col-12 col-md-4">
          <Select
            ctx={ctx}
            name="show"
            label={ctx.t('desks.book.show')}
            value={p.toBook ? 'tobook' : ''}
            options={[
              { value: '', label: ctx.t('desks.book.showAll') },
              { value: 'tobook', label: ctx.t('desks.book.showToBook') },
            ]}
          />
        </div>
      </FilterBar>
      <DataTable
        ctx={ctx}
        caption={ctx.t('desks.book.caption')}
        empty={filtered ? ctx.t('desks.book.noMatch') : ctx.t('desks.book.noCards')}
        headers={[
          ctx.t('desks.agenda.card'),
          ctx.t('desks.book.sent'),
          ctx.t('desks.appt.status'),
          ctx.t('desks.book.next'),
          ctx.t('desks.book.action'),
        ]}
        rows={p.cards}
        row={(c) => (
          <tr key={c.id}>
            <td>{c.code}</td>
            <td>{fmtDay(c.created_at, ctx.lang)}</td>
            <td>{ctx.t(`cards.status.${c.status}`)}</td>
            <td>{c.next_at ? fmtWhen(c.next_at, ctx.lang) : ctx.t('desks.book.noNext')}</td>
            <td>
              <a href={`/desks/cards/${c.id}`}>
                {ctx.t(c.next_at ? 'desks.book.cardLinkAnother' : 'desks.book.cardLink', { code: c.code })}
              </a>
            </td>
          </tr>
        )}
      />
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        href={(n) => `/desks/book?q=${encodeURIComponent(p.q)}${p.toBook ? '&show=tobook' : ''}&page=${n}`}
      />
    </>
  );
}

/**
 * Which weeks the free times are for, with links to the previous weeks, back to the earliest desk days and on to the
 * next desk day after the window (so empty weeks are skipped). `base` is the page's own path.
 */
function WindowNav(p: { ctx: PageContext; base: string; window: BookingWindow; nextDay: string | null }) {
  const { ctx, window: w } = p;
  const link = (date: string) => `${p.base}?date=${date}`;
  return (
    <div class="mb-3">
      <p class="mb-2" id="window-range">
        {ctx.t('desks.window.range', {
          from: fmtIsoDate(w.date, ctx.lang),
          to: fmtIsoDate(w.last, ctx.lang),
        })}
      </p>
      {(w.prev !== null || p.nextDay !== null) && (
        <nav class="d-flex flex-wrap gap-2" aria-label={ctx.t('desks.window.nav')}>
          {w.prev !== null && (
            <>
              <a class="btn btn-outline-primary btn-sm" href={link(w.prev)}>
                {ctx.t('desks.window.prev')}
              </a>
              <a class="btn btn-outline-primary btn-sm" href={p.base}>
                {ctx.t('desks.window.first')}
              </a>
            </>
          )}
          {p.nextDay !== null && (
            <a class="btn btn-outline-primary btn-sm" href={link(p.nextDay)}>
              {ctx.t('desks.window.next', { date: fmtIsoDate(p.nextDay, ctx.lang) })}
            </a>
          )}
        </nav>
      )}
    </div>
  );
}

/** What to say when the window has no free time: the next desk day when there is one, else whom to ask. */
function NoFreeTime(p: { ctx: PageContext; nextDay: string | null; none: string }) {
  const { ctx } = p;
  if (p.nextDay !== null) return <p>{ctx.t('desks.window.noneHere')}</p>;
  return <p>{p.none}</p>;
}

export function BookView(p: {
  ctx: PageContext;
  cardId: string;
  free: { session: repo.SessionRow & { desk_name: string; desk_kind?: string }; slots: Slot[] }[];
  window: BookingWindow;
  /** The first desk day after the window (Rome date), null when none is planned. */
  nextDay: string | null;
  errors: FieldErrors;
  /** The card's appointments (upcoming first), when the page lists them. */
  appointments?: { rows: repo.AppointmentListRow[]; total: number };
  /** The card, for what it says about the language and accessibility she needs. */
  card?: repo.CardRow | null | undefined;
}) {
  const { ctx } = p;
  const withSlots = p.free.filter((f) => f.slots.length > 0);
  const language = p.card?.preferred_language?.trim();
  const access = p.card?.accessibility_needs?.trim();
  // Already booked ahead: a second booking is rarely what she wants; moving the one she has usually is.
  const ahead = p.appointments?.rows.find((r) => r.status === 'booked' && r.starts_at > clockNow());
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {(language || access) && (
        <section class="border rounded p-3 mb-4" aria-labelledby="card-needs">
          <h2 class="h6" id="card-needs">
            {ctx.t('desks.book.needsTitle')}
          </h2>
          <SummaryList
            class="mb-0"
            rows={[
              language && [ctx.t('cards.referral.language'), language],
              access && [ctx.t('cards.referral.accessibility'), access],
            ]}
          />
        </section>
      )}
      {p.errors.slot && (
        <div id="field-slot" class="invalid-feedback d-block fw-semibold mb-3">
          {p.errors.slot}
        </div>
      )}
      {p.appointments && (
        <section class="mb-5" aria-labelledby="card-appointments">
          <h2 class="h4" id="card-appointments">
            {ctx.t('desks.appts.ofCard')}
          </h2>
          <AppointmentTable ctx={ctx} rows={p.appointments.rows} empty={ctx.t('desks.appts.cardEmpty')} />
          {p.appointments.total > p.appointments.rows.length && (
            <p>
              <a href={`/desks/appointments?card=${p.cardId}`}>
                {ctx.t('desks.appts.allOfCard', { n: p.appointments.total })}
              </a>
            </p>
          )}
        </section>
      )}
      {ahead && (
        <div class="alert alert-warning" role="note">
          <p class="mb-0">
            {ctx.t('desks.book.alreadyBooked', { when: fmtWhen(ahead.starts_at, ctx.lang) })}{' '}
            <a href={`/desks/appointments/${ahead.id}`}>{ctx.t('desks.book.alreadyBookedLink')}</a>
          </p>
        </div>
      )}
      {p.appointments && <h2 class="h4">{ctx.t('desks.book.freeTitle')}</h2>}
      <WindowNav ctx={ctx} base={`/desks/cards/${p.cardId}`} window={p.window} nextDay={p.nextDay} />
      {withSlots.length === 0 && (
        <NoFreeTime
          ctx={ctx}
          nextDay={p.nextDay}
          none={`${ctx.t('desks.book.none')} ${ctx.t('desks.book.noneNext')}`}
        />
      )}
      {withSlots.map((f) => (
        <section key={f.session.id} class="mb-4">
          <h2 class="h5 mb-1">{fmtDay(f.session.starts_at, ctx.lang)}</h2>
          <p class="mb-2">
            {ctx.t('desks.book.slotsOf', { desk: f.session.desk_name, officer: f.session.officer_name })}
            {f.session.desk_kind && ` · ${ctx.t(`desks.kind.${f.session.desk_kind}`)}`}
          </p>
          <ul class="list-unstyled d-flex flex-wrap gap-2">
            {f.slots.map((s) => (
              <li key={s.starts_at.toISOString()}>
                <Form ctx={ctx} action={`/desks/cards/${p.cardId}/hold`}>
                  <input type="hidden" name="session" value={f.session.id} />
                  <input type="hidden" name="date" value={p.window.date} />
                  <input type="hidden" name="start" value={s.starts_at.toISOString()} />
                  <button type="submit" class="btn btn-outline-primary btn-sm">
                    <span class="visually-hidden">{fmtDay(s.starts_at, ctx.lang)}, </span>
                    {fmtTime(s.starts_at, ctx.lang)}–{fmtTime(s.ends_at, ctx.lang)}
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
  /** Moved from/to and who recorded the outcome (absent: not shown). */
  history?: repo.AppointmentHistory | undefined;
  /** The current instant: a booked appointment can be moved before it starts, marked a no-show after. */
  now?: Date;
}) {
  const { ctx, a } = p;
  const h = p.history;
  const started = p.now !== undefined && a.starts_at <= p.now;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <SummaryList
        rows={[
          [
            ctx.t('desks.appt.when'),
            <>
              {fmtWhen(a.starts_at, ctx.lang)} – {fmtTime(a.ends_at, ctx.lang)}
            </>,
          ],
          [
            ctx.t('desks.appt.desk'),
            <>
              {deskLabel(a.desk_name, ctx.t(`desks.kind.${a.desk_kind}`))} — {a.host_name}
            </>,
          ],
          a.video_link && [
            ctx.t('desks.f.link'),
            <a href={a.video_link} rel="noreferrer noopener">
              {a.video_link}
            </a>,
          ],
          a.accessibility_notes && [ctx.t('desks.f.notes'), a.accessibility_notes],
          [
            ctx.t('desks.appt.status'),
            <>
              {ctx.t(`desks.status.${a.status}`)}
              {h?.rescheduled_to && ` — ${ctx.t('desks.hist.moved')}`}
            </>,
          ],
          a.status === 'cancelled' &&
            a.reason &&
            a.reason !== 'hold_expired' &&
            a.reason !== 'hold_released' && [
              ctx.t('desks.hist.reason'),
              a.reason === 'consent_revoked' || a.reason === 'case_closed'
                ? ctx.t(`desks.hist.reason.${a.reason}`)
                : a.reason,
            ],
          h?.rescheduled_from &&
            h.from_starts_at && [
              ctx.t('desks.hist.from'),
              <a href={`/desks/appointments/${h.rescheduled_from}`}>{fmtWhen(h.from_starts_at, ctx.lang)}</a>,
            ],
          h?.rescheduled_to &&
            h.to_starts_at && [
              ctx.t('desks.hist.to'),
              <a href={`/desks/appointments/${h.rescheduled_to}`}>{fmtWhen(h.to_starts_at, ctx.lang)}</a>,
            ],
          h?.outcome_at && [
            ctx.t('desks.hist.outcome'),
            ctx.t('desks.hist.outcomeBy', {
              name: h.outcome_by_name ?? '',
              when: fmtWhen(h.outcome_at, ctx.lang),
            }),
          ],
        ]}
      />
      {a.status === 'booked' && p.now !== undefined && (
        <p class="d-flex flex-wrap gap-2">
          {started ? (
            <a class="btn btn-outline-primary" href={`/desks/appointments/${a.id}/no-show`}>
              {ctx.t('desks.noShow.action')}
            </a>
          ) : (
            <a class="btn btn-primary" href={`/desks/appointments/${a.id}/move`}>
              {ctx.t('desks.move.action')}
            </a>
          )}
        </p>
      )}
      {a.status === 'held' && (
        <Form ctx={ctx} action={`/desks/appointments/${a.id}/confirm`} class="mb-4">
          <p id="field-confirm">
            {a.hold_expires_at
              ? ctx.t('desks.appt.heldUntil', {
                  time: fmtTime(a.hold_expires_at, ctx.lang),
                  minutes: HOLD_MINUTES,
                })
              : ctx.t('desks.appt.held', { minutes: HOLD_MINUTES })}
          </p>
          <button type="submit" class="btn btn-primary">
            {ctx.t('desks.appt.confirm')}
          </button>
        </Form>
      )}
      {a.status === 'held' && (
        // A hold is let go without a reason: the operator picked the wrong time and chooses another.
        <Form ctx={ctx} action={`/desks/appointments/${a.id}/release`} class="mb-4">
          <div id="field-release" />
          <button type="submit" class="btn btn-outline-secondary">
            {ctx.t('desks.appt.release')}
          </button>
        </Form>
      )}
      {a.status === 'booked' && (
        <Form ctx={ctx} action={`/desks/appointments/${a.id}/cancel`}>
          <h2 class="h5 mt-4">{ctx.t('desks.appt.cancel')}</h2>
          <Field {...fieldOf(p, 'reason')} label={ctx.t('desks.f.reason')} required maxChars={500} />
          <button type="submit" class="btn btn-danger">
            {ctx.t('desks.appt.cancel')}
          </button>
        </Form>
      )}
      <p class="mt-4">
        <a href={`/desks/appointments?card=${a.card_id}`}>
          {ctx.t('desks.appts.ofCardLink', { code: a.card_code })}
        </a>
      </p>
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
  /** When her next booked appointment after the period starts (given for an empty period). */
  nextAt?: Date | undefined;
  now: Date;
  errors: FieldErrors;
  flash?: string | undefined;
  /** The message that says the day asked could not be shown, and the nearest one is (platform/forms/date.ts). */
  moved?: string | null | undefined;
}) {
  const { ctx } = p;
  const day = (d: Date) => fmtDay(d, ctx.lang);
  const link = (date: string, view: string) => `/desks/agenda?date=${date}&view=${view}`;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      {p.moved && <Notice kind="info" message={ctx.t(p.moved)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <nav class="d-flex flex-wrap gap-2 mb-3" aria-label={ctx.t('desks.agenda.title')}>
        <a class="btn btn-outline-primary btn-sm" href={link(p.prev, p.view)}>
          {ctx.t('desks.agenda.prev')}
        </a>
        <a class="btn btn-outline-primary btn-sm" href={link(p.next, p.view)}>
          {ctx.t('desks.agenda.next')}
        </a>
        {/* Today is the agenda without a date: a clean address, no empty `date=`. */}
        <a
          class="btn btn-outline-primary btn-sm"
          href={p.view === 'day' ? '/desks/agenda' : '/desks/agenda?view=week'}
        >
          {ctx.t('desks.agenda.today')}
        </a>
        {/* The view toggle: the other view reads as a link to follow (outlined like the others), the shown
            one is filled and carries aria-current. */}
        {(['day', 'week'] as const).map((v) => (
          <a
            key={v}
            class={`btn btn-sm ${p.view === v ? 'btn-primary' : 'btn-outline-primary'}`}
            href={link(p.date, v)}
            aria-current={p.view === v ? 'page' : undefined}
          >
            {v === 'day' ? ctx.t('desks.agenda.day') : ctx.t('desks.agenda.week')}
          </a>
        ))}
      </nav>
      <p>
        {p.view === 'day'
          ? day(p.from)
          : ctx.t('desks.agenda.range', { from: day(p.from), to: day(new Date(p.to.getTime() - 1)) })}
      </p>
      <DataTable
        ctx={ctx}
        empty={ctx.t('desks.agenda.empty')}
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
              {deskLabel(a.desk_name, ctx.t(`desks.kind.${a.desk_kind}`))}
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
      {p.rows.length === 0 && (
        <p>
          {p.nextAt ? (
            <a href={link(romeDate(p.nextAt), p.view)}>
              {ctx.t('desks.agenda.nextAt', { when: fmtWhen(p.nextAt, ctx.lang) })}
            </a>
          ) : (
            ctx.t('desks.agenda.noneAhead')
          )}
        </p>
      )}
      <div id="field-outcome" />
    </>
  );
}

// ── Rescheduling, the CAV's no-show and the CAV's list (issue 5, part B) ─────────────────────────────────
/** The CAV's appointments as a table; the time links to the appointment page. */
export function AppointmentTable(p: { ctx: PageContext; rows: repo.AppointmentListRow[]; empty: string }) {
  const { ctx } = p;
  return (
    <DataTable
      ctx={ctx}
      caption={ctx.t('desks.appts.caption')}
      empty={p.empty}
      headers={[
        ctx.t('desks.appt.when'),
        ctx.t('desks.agenda.card'),
        ctx.t('desks.appt.desk'),
        ctx.t('desks.appt.status'),
      ]}
      rows={p.rows}
      row={(r) => (
        <tr key={r.id}>
          <td>
            <a href={`/desks/appointments/${r.id}`}>
              {fmtWhen(r.starts_at, ctx.lang)} – {fmtTime(r.ends_at, ctx.lang)}
            </a>
          </td>
          <td>{r.card_code}</td>
          <td>{r.desk_name}</td>
          <td>
            {ctx.t(`desks.status.${r.status}`)}
            {r.rescheduled_to && ` — ${ctx.t('desks.hist.moved')}`}
          </td>
        </tr>
      )}
    />
  );
}

/** The stale-form message, where the error summary's link leads. */
function StaleNotice({ errors }: { errors: FieldErrors }) {
  if (!errors.version) return null;
  return (
    <div id="field-version" class="alert alert-warning" role="alert" tabIndex={-1}>
      {errors.version}
    </div>
  );
}

export function CavAppointmentsView(p: {
  ctx: PageContext;
  rows: repo.AppointmentListRow[];
  total: number;
  page: number;
  pageSize: number;
  q: string;
  status: string;
  card: string;
}) {
  const { ctx } = p;
  const filtered = p.q !== '' || p.status !== '' || p.card !== '';
  const params = (n: number) =>
    new URLSearchParams({
      q: p.q,
      status: p.status,
      ...(p.card ? { card: p.card } : {}),
      page: String(n),
    }).toString();
  return (
    <>
      <FilterBar ctx={ctx} action="/desks/appointments">
        <SearchField ctx={ctx} label={ctx.t('desks.book.search')} value={p.q} width={5} />
        <div class="col-12 col-md-4">
          <Select
            ctx={ctx}
            name="status"
            label={ctx.t('desks.appt.status')}
            value={p.status}
            placeholder={ctx.t('desks.appts.anyStatus')}
            options={APPOINTMENT_STATUSES.map((st) => ({ value: st, label: ctx.t(`desks.status.${st}`) }))}
          />
        </div>
        {p.card && <input type="hidden" name="card" value={p.card} />}
      </FilterBar>
      {p.card && (
        <p>
          {ctx.t('desks.appts.oneCard')} <a href="/desks/appointments">{ctx.t('desks.appts.allCards')}</a>
        </p>
      )}
      {p.rows.length === 0 ? (
        filtered ? (
          <p>{ctx.t('desks.appts.noneFiltered')}</p>
        ) : (
          <p>
            {ctx.t('desks.appts.none')} <a href="/desks/book">{ctx.t('desks.appts.bookLink')}</a>
          </p>
        )
      ) : (
        <AppointmentTable ctx={ctx} rows={p.rows} empty={ctx.t('desks.appts.noneFiltered')} />
      )}
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        href={(n) => `/desks/appointments?${params(n)}`}
      />
    </>
  );
}

export function MoveView(p: {
  ctx: PageContext;
  a: repo.AppointmentRow;
  free: { session: repo.SessionRow & { desk_name: string }; slots: Slot[] }[];
  window: BookingWindow;
  nextDay: string | null;
  values: Strings;
  errors: FieldErrors;
}) {
  const { ctx, a } = p;
  const withSlots = p.free.filter((f) => f.slots.length > 0);
  const version = p.values.version ?? String(a.version);
  let n = 0;
  return (
    <>
      <StaleNotice errors={p.errors} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        {ctx.t('desks.move.current', {
          when: `${fmtWhen(a.starts_at, ctx.lang)} – ${fmtTime(a.ends_at, ctx.lang)}`,
          desk: a.desk_name,
        })}
      </p>
      <WindowNav ctx={ctx} base={`/desks/appointments/${a.id}/move`} window={p.window} nextDay={p.nextDay} />
      {withSlots.length === 0 ? (
        <>
          {p.errors.slot && (
            <div id="field-slot" class="invalid-feedback d-block fw-semibold mb-3">
              {p.errors.slot}
            </div>
          )}
          <NoFreeTime ctx={ctx} nextDay={p.nextDay} none={ctx.t('desks.move.none')} />
          <p>
            <a href={`/desks/appointments/${a.id}`}>{ctx.t('desks.move.back')}</a>
          </p>
        </>
      ) : (
        <Form ctx={ctx} action={`/desks/appointments/${a.id}/move`}>
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="date" value={p.window.date} />
          <fieldset
            id="field-slot"
            class="mb-4"
            aria-describedby={p.errors.slot ? 'field-slot-error' : undefined}
            tabIndex={-1}
          >
            <legend class="h5">{ctx.t('desks.move.pick')}</legend>
            {p.errors.slot && (
              <div id="field-slot-error" class="invalid-feedback d-block fw-semibold mb-3">
                {p.errors.slot}
              </div>
            )}
            {withSlots.map((f) => (
              <fieldset key={f.session.id} class="mb-3">
                <legend class="h6">
                  {ctx.t('desks.book.slotsOf', {
                    desk: f.session.desk_name,
                    officer: f.session.officer_name,
                  })}
                </legend>
                {f.slots.map((s) => {
                  const value = `${f.session.id}|${s.starts_at.toISOString()}`;
                  const id = `slot-${n++}`;
                  return (
                    <ChoiceBox
                      key={value}
                      type="radio"
                      id={id}
                      name="slot"
                      value={value}
                      label={fmtWhen(s.starts_at, ctx.lang)}
                      checked={p.values.slot === value}
                    />
                  );
                })}
              </fieldset>
            ))}
          </fieldset>
          <Field {...fieldOf(p, 'reason')} label={ctx.t('desks.move.reason')} required maxChars={500} />
          {/* «Annulla» next to «Sposta l’appuntamento», with «Annulla l’appuntamento» one page back, reads as
              cancelling the appointment: the way back says where it goes. */}
          <FormActions
            ctx={ctx}
            cancel={`/desks/appointments/${a.id}`}
            label={ctx.t('desks.move.submit')}
            cancelLabel={ctx.t('desks.move.back')}
          />
        </Form>
      )}
    </>
  );
}

export function NoShowView(p: {
  ctx: PageContext;
  a: repo.AppointmentRow;
  version: string;
  errors: FieldErrors;
}) {
  const { ctx, a } = p;
  return (
    <>
      <StaleNotice errors={p.errors} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.errors.outcome && (
        <div id="field-outcome" class="invalid-feedback d-block fw-semibold mb-3">
          {p.errors.outcome}
        </div>
      )}
      <Confirmation
        ctx={ctx}
        text={ctx.t('desks.noShow.text', {
          when: `${fmtWhen(a.starts_at, ctx.lang)} – ${fmtTime(a.ends_at, ctx.lang)}`,
          desk: a.desk_name,
        })}
        action={`/desks/appointments/${a.id}/no-show`}
        cancel={`/desks/appointments/${a.id}`}
        confirmLabel={ctx.t('desks.noShow.confirm')}
        hidden={{ version: p.version }}
      />
    </>
  );
}

// ── Editing and retiring a desk ───────────────────────────────────────────────────────────────────────────
/** The form editing a desk's details; `values` (what was typed) win over the saved desk. */
export function DeskEditView(p: {
  ctx: PageContext;
  desk: repo.DeskRow;
  values: Strings | null;
  errors: FieldErrors;
}) {
  const { ctx, desk } = p;
  const v = p.values;
  const val = (k: 'name' | 'capacity' | 'accessibility_notes' | 'video_link') =>
    v ? v[k] : desk[k] === null ? '' : String(desk[k]);
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.errors.version && (
        <p id="field-version" class="fw-semibold">
          {ctx.t('desks.edit.current', {
            name: desk.name,
            capacity: desk.capacity ?? ctx.t('desks.edit.none'),
            link: desk.video_link ?? ctx.t('desks.edit.none'),
          })}
        </p>
      )}
      <p>{ctx.t('desks.edit.fixed', { kind: ctx.t(`desks.kind.${desk.kind}`), host: desk.host_name })}</p>
      <Form ctx={ctx} action={`/desks/${desk.id}/edit`}>
        {/* Always the saved version: after a 409 the person checks and saves again on purpose. */}
        <input type="hidden" name="version" value={String(desk.version)} />
        <Field
          ctx={ctx}
          name="name"
          label={ctx.t('desks.f.name')}
          value={val('name')}
          errors={p.errors}
          required
          maxChars={200}
        />
        <Field
          ctx={ctx}
          name="capacity"
          label={ctx.t('desks.f.capacity')}
          value={val('capacity')}
          errors={p.errors}
          inputMode="numeric"
        />
        <Field
          ctx={ctx}
          name="accessibility_notes"
          label={ctx.t('desks.f.notes')}
          value={val('accessibility_notes')}
          errors={p.errors}
          maxChars={2000}
        />
        {/* The link belongs to a video desk; another kind shows it only to clear one it still carries. */}
        {(desk.kind === 'video' || desk.video_link) && (
          <Field
            ctx={ctx}
            name="video_link"
            type="url"
            label={ctx.t('desks.f.link')}
            hint={ctx.t(desk.kind === 'video' ? 'desks.edit.linkHint' : 'desks.f.linkHint')}
            value={val('video_link')}
            errors={p.errors}
            required={desk.kind === 'video'}
          />
        )}
        <FormActions ctx={ctx} cancel={`/desks/${desk.id}`} label={ctx.t('desks.edit.save')} />
      </Form>
    </>
  );
}

/** The confirmation before retiring a desk; a refusal (future appointments) is shown above the button. */
export function DeskRetireView(p: {
  ctx: PageContext;
  desk: repo.DeskRow;
  /** Its active appointments not yet ended: while there are any, it cannot be retired. */
  blocking: { card_code: string; starts_at: Date }[];
  errors: FieldErrors;
}) {
  const { ctx, desk } = p;
  const refusal = p.errors.confirm ?? p.errors.version;
  if (p.blocking.length > 0 && !refusal)
    return (
      <>
        <div class="alert alert-warning" role="status">
          <p>{ctx.t('desks.retire.blocked', { n: p.blocking.length })}</p>
          <ul class="mb-0">
            {p.blocking.map((b) => (
              <li key={`${b.card_code}${b.starts_at.toISOString()}`}>
                {b.card_code} — {fmtWhen(b.starts_at, ctx.lang)}
              </li>
            ))}
          </ul>
        </div>
        <a class="btn btn-outline-secondary" href={`/desks/${desk.id}`}>
          {ctx.t('desks.retire.back')}
        </a>
      </>
    );
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Confirmation
        ctx={ctx}
        text={ctx.t('desks.retire.text', { name: desk.name })}
        action={`/desks/${desk.id}/retire`}
        cancel={`/desks/${desk.id}`}
        confirmLabel={ctx.t('desks.retire.confirm')}
        hidden={{ version: String(desk.version) }}
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
