import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { AppointmentStatus, AppointmentTable } from '../../../platform/db/schema.ts';
import { PonteError } from '../../../platform/errors.ts';
import { ANY_DAY, dateInUrl } from '../../../platform/forms/date.ts';
import { checkText } from '../../../platform/forms/text.ts';
import { parseDate, ROME, romeDateTime, romeDayStart } from '../common/calendar.ts';
import { audit, type Ctx, type Errors, FormError, isUuid, nowOf } from '../common/context.ts';
import { appointmentChanged } from '../notify/notify.ts';
import { lockLiveSession } from '../planning/repository.ts';
import { hoursOf, instantsWithinHours } from '../planning/service.ts';
import * as repo from './repository.ts';

// Isole di accoglienza (issue 5): appointments (desks and desk days: planning/desks.ts). Decisions only: SQL is in repository.ts,
// HTTP in routes.tsx. Every write runs in one transaction with its audit entry. The database refuses overlapping
// active appointments (exclusion constraints, migration 0005); a refusal becomes a clear message, never a 5xx.

export { audit, type Ctx, deskFor, type Errors, FormError, isUuid, nowOf } from '../common/context.ts';

export const HOLD_MINUTES = 5;

/** The SQLSTATE of a database error (pg and PGlite both expose `code`). */
function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A booking's transaction (a hold, a move). The exclusion constraints decide every race: a slot taken meanwhile
 * (SQLSTATE 23P01) is "taken"; a deadlock or serialisation failure between racing bookings is tried again, then
 * given up with a clear message ("busy"). A FormError from the work passes through.
 */
async function bookingTransaction(db: Db, work: (tx: Db) => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.transaction().execute(work);
      return;
    } catch (e) {
      if (e instanceof FormError) throw e;
      const state = sqlState(e);
      if (state === '23P01') throw new FormError({ slot: 'desks.err.taken' });
      if (state === '40P01' || state === '40001') {
        if (attempt < 3) continue;
        throw new FormError({ slot: 'desks.err.busy' });
      }
      throw e;
    }
  }
}

export interface Slot {
  starts_at: Date;
  ends_at: Date;
}

/** The slot grid of a session: slot_minutes long, buffer_minutes apart, inside [starts_at, ends_at). */
export function slotsOf(
  s: Pick<repo.SessionRow, 'starts_at' | 'ends_at' | 'slot_minutes' | 'buffer_minutes'>,
): Slot[] {
  const out: Slot[] = [];
  const slot = s.slot_minutes * 60_000;
  const step = (s.slot_minutes + s.buffer_minutes) * 60_000;
  const end = new Date(s.ends_at).getTime();
  for (let t = new Date(s.starts_at).getTime(); t + slot <= end; t += step)
    out.push({ starts_at: new Date(t), ends_at: new Date(t + slot) });
  return out;
}

// ── Booking (CAV side) ────────────────────────────────────────────────────────────────────────────────────
/** An open card of the actor's CAV; another CAV's card is 404, a closed card is a form error. */
export async function openCardFor(db: Db, ctx: Ctx, cardId: string, field = 'slot'): Promise<repo.CardRow> {
  const card = isUuid(cardId) ? await repo.cardOfCav(db, cardId, ctx.orgId) : undefined;
  if (!card) throw new PonteError('PONTE_ERR_NOT_FOUND');
  if (card.status !== 'sent' && card.status !== 'accepted')
    throw new FormError({ [field]: 'desks.err.cardClosed' });
  return card;
}

/**
 * The desk days this card can be booked into, each with its free future slots inside the desk's opening hours
 * (they may have changed after the day was set). Two queries whatever the number of days: the days, then every
 * active appointment of their officers and desks; `moving` (an appointment being moved) blocks only its own slot.
 */
async function freeSlots(
  db: Db,
  ctx: Ctx,
  card: repo.CardRow,
  moving?: repo.AppointmentRow,
  window?: Pick<BookingWindow, 'from' | 'to'>,
): Promise<{ session: Awaited<ReturnType<typeof repo.bookableSessions>>[number]; slots: Slot[] }[]> {
  const now = nowOf(ctx);
  const from = window && window.from > now ? window.from : now;
  const sessions = await repo.bookableSessions(
    db,
    card.inps_office_id,
    ctx.orgId,
    from,
    undefined,
    window?.to,
  );
  if (sessions.length === 0) return [];
  const busy = await repo.busyAmong(db, {
    officers: [...new Set(sessions.map((s) => s.officer_id))],
    desks: [...new Set(sessions.map((s) => s.desk_id))],
    from: new Date(Math.min(...sessions.map((s) => new Date(s.starts_at).getTime()))),
    to: new Date(Math.max(...sessions.map((s) => new Date(s.ends_at).getTime()))),
    now,
    exceptId: moving?.id ?? null,
  });
  const times = busy.map((b) => ({
    officer: b.officer_id,
    desk: b.desk_id,
    start: b.starts_at.getTime(),
    end: b.ends_at.getTime(),
  }));
  const hours = new Map<string, Awaited<ReturnType<typeof hoursOf>>>();
  for (const id of new Set(sessions.map((s) => s.desk_id))) hours.set(id, await hoursOf(db, id));
  return sessions.map((s) => {
    const h = hours.get(s.desk_id)!;
    // A day inside the hours has all its slots inside: the per-slot check is for a day the hours cut short.
    const wholeDay = instantsWithinHours(h, new Date(s.starts_at), new Date(s.ends_at));
    const from = new Date(s.starts_at).getTime();
    const to = new Date(s.ends_at).getTime();
    const blocking = times.filter(
      (b) => (b.officer === s.officer_id || b.desk === s.desk_id) && b.start < to && from < b.end,
    );
    const slots = slotsOf(s).filter((sl) => {
      const a = sl.starts_at.getTime();
      const z = sl.ends_at.getTime();
      return (
        a > now.getTime() &&
        (wholeDay || instantsWithinHours(h, sl.starts_at, sl.ends_at)) &&
        !(moving && s.id === moving.session_id && a === moving.starts_at.getTime()) &&
        !blocking.some((b) => b.start < z && a < b.end)
      );
    });
    return { session: s, slots };
  });
}

/** The sessions this card can be booked into, each with its free future slots (in `window` when given). */
export function freeSlotsForCard(db: Db, ctx: Ctx, card: repo.CardRow, window?: BookingWindow) {
  return freeSlots(db, ctx, card, undefined, window);
}

/** How many days the booking and move pages show at once. */
export const BOOKING_WINDOW_DAYS = 28;

/** A page of the booking calendar: `days` days from a Rome date, never before today. */
export interface BookingWindow {
  /** The first day shown (YYYY-MM-DD, Rome). */
  date: string;
  /** The last day shown (YYYY-MM-DD, Rome). */
  last: string;
  from: Date;
  to: Date;
  /** The first day of the previous page, null on the page that starts today. */
  prev: string | null;
  /** The first day of the next page. */
  next: string;
}

/**
 * The window of the booking (or move) page that starts on `dateText` (today when missing, unreadable or past).
 * Pages follow one another without gaps; the previous page of a late start is clamped to the earliest desk day
 * (today when not given).
 */
export function bookingWindow(
  dateText: string | undefined,
  now = clockNow(),
  /** The earliest desk day that can be booked: previous pages stop there; null, nothing can be (no previous page). */
  earliest?: string | null,
): BookingWindow {
  const today = romeDateTime(now).date;
  const asked = parseDate(dateText);
  const first = asked && Temporal.PlainDate.compare(asked, today) > 0 ? asked : today;
  const end = first.add({ days: BOOKING_WINDOW_DAYS });
  const back = first.subtract({ days: BOOKING_WINDOW_DAYS });
  const floorDay = earliest ? parseDate(earliest) : null;
  const floor = floorDay && Temporal.PlainDate.compare(floorDay, today) > 0 ? floorDay : today;
  return {
    date: first.toString(),
    last: end.subtract({ days: 1 }).toString(),
    from: romeDayStart(first),
    to: romeDayStart(end),
    prev:
      earliest !== null && Temporal.PlainDate.compare(first, floor) > 0
        ? (Temporal.PlainDate.compare(back, floor) > 0 ? back : floor).toString()
        : null,
    next: end.toString(),
  };
}

/**
 * The Rome date of the first desk day this card could be booked into that ends after `after`, or null when none is
 * planned. With the window's end, the booking page links to it (so empty weeks are skipped) or hides "next"; with
 * now, it is where the page starts when no date is asked for (the earliest desk day, even months ahead).
 */
export async function nextBookableDay(
  db: Db,
  ctx: Ctx,
  card: repo.CardRow,
  after: Date,
): Promise<string | null> {
  const at = await repo.nextBookableStart(db, card.inps_office_id, ctx.orgId, after);
  return at ? romeDateTime(at).date.toString() : null;
}

/**
 * The window of the booking or move page of an open card (null: closed) and the first desk day after it. Without a
 * readable date asked for, the window starts on `from` (the move page: the day of the appointment being moved, so
 * the times around it are in sight) or else at the earliest desk day still to come — never before today.
 */
export async function windowFor(
  db: Db,
  ctx: Ctx,
  card: repo.CardRow | null,
  dateText: string | undefined,
  from?: Date,
): Promise<{ window: BookingWindow; nextDay: string | null }> {
  const now = nowOf(ctx);
  const asked = parseDate(dateText) ? dateText : undefined;
  const earliest = card ? await nextBookableDay(db, ctx, card, now) : null;
  const start = asked ?? (from ? romeDateTime(from).date.toString() : undefined) ?? earliest ?? undefined;
  // Nothing can be booked before the earliest desk day: the previous pages stop there.
  const window = bookingWindow(start, now, earliest);
  return { window, nextDay: card ? await nextBookableDay(db, ctx, card, window.to) : null };
}

/** Why a desk day could not be locked for a booking: its desk was retired, or the day was cancelled. */
async function lostSession(db: Db, deskId: string): Promise<string> {
  return (await repo.desk(db, deskId)) ? 'desks.err.session' : 'desks.err.deskRetired';
}

/**
 * The desk day `sessionId` when this card may be booked into it now (one query); otherwise why not: its desk was
 * retired, or the day is not one of the card's (unknown, another office, another CAV's room, cancelled, ended).
 */
async function bookableDay(
  db: Db,
  ctx: Ctx,
  card: repo.CardRow,
  sessionId: string,
  now: Date,
): Promise<{ s: repo.SessionRow; error?: undefined } | { s?: undefined; error: string }> {
  if (!isUuid(sessionId)) return { error: 'desks.err.session' };
  const [s] = await repo.bookableSessions(db, card.inps_office_id, ctx.orgId, now, sessionId);
  if (s) return { s };
  const day = await repo.session(db, sessionId);
  return {
    error: day && !(await repo.desk(db, day.desk_id)) ? 'desks.err.deskRetired' : 'desks.err.session',
  };
}

/** Cancels (and audits) the expired holds that overlap `slot` for the day's officer or desk: they free it. */
async function expireHoldsIn(
  tx: Db,
  ctx: Ctx,
  s: Pick<repo.SessionRow, 'officer_id' | 'desk_id'>,
  slot: Slot,
  now: Date,
): Promise<void> {
  const expired = await repo.expireHolds(tx, s.officer_id, s.desk_id, slot.starts_at, slot.ends_at, now);
  for (const e of expired) await audit(tx, ctx, 'desk.appointment.hold_expired', 'appointment', e);
}

/**
 * Holds a slot for 5 minutes. Expired holds overlapping it are cancelled first (in the same transaction), so an
 * expired hold frees its slot. The exclusion constraints decide every race: SQLSTATE 23P01 → "slot taken".
 */
export async function holdSlot(
  db: Db,
  ctx: Ctx,
  cardId: string,
  sessionId: string,
  start: string,
): Promise<string> {
  const card = await openCardFor(db, ctx, cardId);
  const now = nowOf(ctx);
  const { s, error } = await bookableDay(db, ctx, card, sessionId, now);
  if (!s) throw new FormError({ slot: error });
  const at = Date.parse(start);
  const slot = slotsOf(s).find((sl) => sl.starts_at.getTime() === at);
  if (!slot) throw new FormError({ slot: 'desks.err.slotUnknown' });
  if (slot.starts_at <= now) throw new FormError({ slot: 'desks.err.slotPast' });
  if (!instantsWithinHours(await hoursOf(db, s.desk_id), slot.starts_at, slot.ends_at))
    throw new FormError({ slot: 'desks.err.slotOutsideHours' });

  const id = randomUUID();
  await bookingTransaction(db, async (tx) => {
    // Shares the desk day's lock: a closure or a rule's end cancelling it meanwhile waits, or wins first.
    if (!(await lockLiveSession(tx, s.id))) throw new FormError({ slot: await lostSession(tx, s.desk_id) });
    await expireHoldsIn(tx, ctx, s, slot, now);
    await repo.insertAppointment(tx, {
      id,
      cardId: card.id,
      deskId: s.desk_id,
      sessionId: s.id,
      officerId: s.officer_id,
      from: slot.starts_at,
      to: slot.ends_at,
      holdExpiresAt: new Date(now.getTime() + HOLD_MINUTES * 60_000),
      bookedBy: ctx.userId,
      now,
    });
    await audit(tx, ctx, 'desk.appointment.hold', 'appointment', id, {
      card: card.id,
      session: s.id,
      starts_at: slot.starts_at.toISOString(),
    });
  });
  return id;
}

/** An appointment of a card of the actor's CAV; otherwise 404. */
export async function appointmentFor(db: Db, ctx: Ctx, id: string): Promise<repo.AppointmentRow> {
  const a = isUuid(id) ? await repo.appointment(db, id) : undefined;
  if (!a || a.cav_id !== ctx.orgId) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return a;
}

/**
 * Moves appointment `a` on (its new values, `updated_at`, the next version) if it is still at the version read and,
 * when given, in `status`: true when that one row changed, false when someone else changed it first.
 */
async function stepAppointment(
  tx: Db,
  a: { id: string; version: number },
  now: Date,
  set: Updateable<AppointmentTable>,
  status?: AppointmentStatus,
): Promise<boolean> {
  let q = tx
    .updateTable('appointment')
    .set({ ...set, updated_at: now, version: a.version + 1 })
    .where('id', '=', a.id)
    .where('version', '=', a.version);
  if (status) q = q.where('status', '=', status);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Confirms a hold that has not expired. */
export async function confirm(db: Db, ctx: Ctx, id: string): Promise<void> {
  const a = await appointmentFor(db, ctx, id);
  const now = nowOf(ctx);
  if (a.status !== 'held') throw new FormError({ confirm: 'desks.err.notHeld' });
  if (a.hold_expires_at && a.hold_expires_at <= now)
    throw new FormError({ confirm: 'desks.err.holdExpired' });
  await db.transaction().execute(async (tx) => {
    if (!(await stepAppointment(tx, a, now, { status: 'booked', hold_expires_at: null }, 'held')))
      throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'desk.appointment.book', 'appointment', a.id, { card: a.card_id });
    await appointmentChanged(tx, a.id, 'booked');
  });
}

/**
 * Lets a hold go before it expires (the operator picked the wrong time): no reason asked, the time is free at
 * once. Only a hold; a booked appointment is cancelled with a reason.
 */
export async function release(db: Db, ctx: Ctx, id: string): Promise<{ cardId: string; startsAt: Date }> {
  const a = await appointmentFor(db, ctx, id);
  if (a.status !== 'held') throw new FormError({ release: 'desks.err.notHeld' });
  await db.transaction().execute(async (tx) => {
    if (!(await stepAppointment(tx, a, nowOf(ctx), { status: 'cancelled', reason: 'hold_released' }, 'held')))
      throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'desk.appointment.release', 'appointment', a.id, { card: a.card_id });
  });
  return { cardId: a.card_id, startsAt: a.starts_at };
}

/** Cancels a held or booked appointment, with a reason. */
export async function cancel(db: Db, ctx: Ctx, id: string, reason: string | undefined): Promise<void> {
  const a = await appointmentFor(db, ctx, id);
  const { value: text, error } = checkText(reason, { max: 500 });
  if (a.status !== 'held' && a.status !== 'booked') throw new FormError({ reason: 'desks.err.notActive' });
  if (error) throw new FormError({ reason: error });
  if (!text) throw new FormError({ reason: 'desks.err.reason' });
  await db.transaction().execute(async (tx) => {
    if (!(await stepAppointment(tx, a, nowOf(ctx), { status: 'cancelled', reason: text })))
      throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'desk.appointment.cancel', 'appointment', a.id, { card: a.card_id });
    if (a.status === 'booked') await appointmentChanged(tx, a.id, 'cancelled');
  });
}

// ── The officer's agenda ──────────────────────────────────────────────────────────────────────────────────
export type AgendaView = 'day' | 'week';

/** The Rome-calendar range of a day, or of the Monday-to-Sunday week holding it, as instants. */
export function agendaRange(
  dateText: string | undefined,
  view: AgendaView,
  now = clockNow(),
): {
  date: string;
  from: Date;
  to: Date;
  prev: string;
  next: string;
  /** The message that says the day asked could not be shown (null: it is the day asked, or today). */
  moved: string | null;
} {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(ROME).toPlainDate();
  // An unreadable date is today; a day Ponte cannot show is the nearest one it can, and the page says so.
  const asked = dateInUrl(dateText, ANY_DAY, today);
  const day = asked?.date ?? today;
  const first = view === 'week' ? day.subtract({ days: day.dayOfWeek - 1 }) : day;
  const length = view === 'week' ? 7 : 1;
  const last = first.add({ days: length });
  const at = (d: Temporal.PlainDate) => new Date(d.toZonedDateTime({ timeZone: ROME }).epochMilliseconds);
  return {
    date: day.toString(),
    from: at(first),
    to: at(last),
    prev: day.subtract({ days: length }).toString(),
    next: day.add({ days: length }).toString(),
    moved: asked?.moved ?? null,
  };
}

export async function agenda(db: Db, ctx: Ctx, dateText: string | undefined, view: AgendaView) {
  const range = agendaRange(dateText, view, nowOf(ctx));
  const rows = await repo.officerAgenda(db, ctx.userId, range.from, range.to);
  // An empty page says when her next appointment is, so that she need not page forward to find it.
  const nextAt = rows.length === 0 ? await repo.officerNextBooked(db, ctx.userId, range.to) : undefined;
  return { ...range, rows, nextAt };
}

/** The officer records the outcome of her own booked appointment, once it has started. */
export async function recordOutcome(
  db: Db,
  ctx: Ctx,
  id: string,
  outcome: string | undefined,
): Promise<void> {
  const a = isUuid(id) ? await repo.appointmentOfOfficer(db, id, ctx.userId) : undefined;
  if (!a) throw new PonteError('PONTE_ERR_NOT_FOUND');
  if (outcome !== 'done' && outcome !== 'no_show') throw new FormError({ outcome: 'desks.err.outcome' });
  if (a.status !== 'booked') throw new FormError({ outcome: 'desks.err.outcomeStatus' });
  const now = nowOf(ctx);
  if (a.starts_at > now) throw new FormError({ outcome: 'desks.err.outcomeFuture' });
  await db.transaction().execute(async (tx) => {
    if (!(await stepAppointment(tx, a, now, { status: outcome, outcome_by: ctx.userId, outcome_at: now })))
      throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'desk.appointment.outcome', 'appointment', a.id, { card: a.card_id, outcome });
  });
}

// ── Rescheduling and the CAV's no-show (issue 5, part B) ──────────────────────────────────────────────────
/** The message keys a route answers with 409 (the slot was lost, or the form is stale), not 400. */
export const CONFLICT_KEYS: readonly string[] = ['desks.err.taken', 'desks.err.busy', 'desks.err.stale'];
export const isConflict = (errors: Errors) => Object.values(errors).some((k) => CONFLICT_KEYS.includes(k));

/** The form version must be the row's version: another person changed it meanwhile otherwise. */
function checkVersion(a: { version: number }, version: string | undefined): void {
  if (String(a.version) !== (version ?? '').trim()) throw new FormError({ version: 'desks.err.stale' });
}

/**
 * The free slots a booked appointment can move to: the card's free future slots, where the appointment itself
 * blocks nothing (it is released by the move) but its own slot is not offered.
 */
export async function freeSlotsForMove(db: Db, ctx: Ctx, a: repo.AppointmentRow, window?: BookingWindow) {
  return freeSlots(db, ctx, await openCardFor(db, ctx, a.card_id), a, window);
}

export interface MoveInput {
  /** `<session id>|<start ISO instant>` of the chosen slot. */
  slot?: string;
  reason?: string;
  version?: string;
}

/**
 * Moves a booked appointment of the actor's CAV to another free slot of the same card, in ONE transaction: the old
 * appointment becomes cancelled (with the reason, linked to the new one) and the new one is inserted booked (linked
 * back). The exclusion constraints decide a race for the new slot: the whole transaction rolls back, so the old
 * booking stays. Returns the new appointment's id.
 */
export async function reschedule(db: Db, ctx: Ctx, id: string, input: MoveInput): Promise<string> {
  const a = await appointmentFor(db, ctx, id);
  const now = nowOf(ctx);
  checkVersion(a, input.version);
  if (a.status !== 'booked') throw new FormError({ slot: 'desks.err.notBooked' });
  if (a.starts_at <= now) throw new FormError({ slot: 'desks.err.moveStarted' });
  const card = await openCardFor(db, ctx, a.card_id);
  const errors: Errors = {};
  const { value: text, error: textError } = checkText(input.reason, { max: 500 });
  if (textError) errors.reason = textError;
  else if (!text) errors.reason = 'desks.err.moveReason';
  const [sessionId = '', start = ''] = (input.slot ?? '').split('|');
  const { s, error } = input.slot
    ? await bookableDay(db, ctx, card, sessionId, now)
    : { s: undefined, error: 'desks.err.moveSlot' };
  const at = Date.parse(start);
  const slot = s ? slotsOf(s).find((sl) => sl.starts_at.getTime() === at) : undefined;
  if (!s) errors.slot = error;
  else if (!slot) errors.slot = 'desks.err.slotUnknown';
  else if (slot.starts_at <= now) errors.slot = 'desks.err.slotPast';
  else if (s.id === a.session_id && slot.starts_at.getTime() === a.starts_at.getTime())
    errors.slot = 'desks.err.sameSlot';
  else if (!instantsWithinHours(await hoursOf(db, s.desk_id), slot.starts_at, slot.ends_at))
    errors.slot = 'desks.err.slotOutsideHours';
  if (Object.keys(errors).length > 0 || !s || !slot) throw new FormError(errors);

  const newId = randomUUID();
  await bookingTransaction(db, async (tx) => {
    // Shares the new desk day's lock, as a hold does: a closure cancelling it meanwhile waits, or wins first.
    if (!(await lockLiveSession(tx, s.id))) throw new FormError({ slot: await lostSession(tx, s.desk_id) });
    // The old booking is cancelled first, so the new one never collides with the booking it replaces.
    if (!(await stepAppointment(tx, a, now, { status: 'cancelled', reason: text }, 'booked')))
      throw new FormError({ version: 'desks.err.stale' });
    await expireHoldsIn(tx, ctx, s, slot, now);
    await repo.insertMoved(tx, {
      id: newId,
      cardId: card.id,
      deskId: s.desk_id,
      sessionId: s.id,
      officerId: s.officer_id,
      from: slot.starts_at,
      to: slot.ends_at,
      bookedBy: ctx.userId,
      now,
      rescheduledFrom: a.id,
    });
    await repo.linkRescheduled(tx, a.id, newId);
    await audit(tx, ctx, 'desk.appointment.reschedule', 'appointment', a.id, {
      card: card.id,
      to: newId,
    });
    await audit(tx, ctx, 'desk.appointment.book', 'appointment', newId, {
      card: card.id,
      session: s.id,
      starts_at: slot.starts_at.toISOString(),
      rescheduled_from: a.id,
    });
    await appointmentChanged(tx, newId, 'moved', a.id);
  });
  return newId;
}

/** The CAV records that the woman did not come to a booked appointment of her CAV, once it has started. */
export async function markNoShow(db: Db, ctx: Ctx, id: string, version: string | undefined): Promise<void> {
  const a = await appointmentFor(db, ctx, id);
  const now = nowOf(ctx);
  checkVersion(a, version);
  if (a.status !== 'booked') throw new FormError({ outcome: 'desks.err.outcomeStatus' });
  if (a.starts_at > now) throw new FormError({ outcome: 'desks.err.noShowFuture' });
  await db.transaction().execute(async (tx) => {
    if (
      !(await stepAppointment(
        tx,
        a,
        now,
        { status: 'no_show', outcome_by: ctx.userId, outcome_at: now },
        'booked',
      ))
    )
      throw new FormError({ version: 'desks.err.stale' });
    await audit(tx, ctx, 'desk.appointment.no_show', 'appointment', a.id, { card: a.card_id });
  });
}

export const APPOINTMENT_STATUSES = ['held', 'booked', 'cancelled', 'no_show', 'done'] as const;

/** The appointments of the actor's CAV's cards, upcoming first, filtered by status and card code, a page at a time. */
export async function appointmentsOfCav(
  db: Db,
  ctx: Ctx,
  filter: { q?: string; status?: string; cardId?: string },
  limit: number,
  offset: number,
) {
  const status = (APPOINTMENT_STATUSES as readonly string[]).includes(filter.status ?? '')
    ? (filter.status as repo.AppointmentListRow['status'])
    : undefined;
  return repo.appointmentsOfCav(db, ctx.orgId, {
    q: filter.q?.trim().slice(0, 50) ?? '',
    status,
    cardId: filter.cardId && isUuid(filter.cardId) ? filter.cardId : undefined,
    now: nowOf(ctx),
    limit,
    offset,
  });
}
