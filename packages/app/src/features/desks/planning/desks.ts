import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../../platform/db/database.ts';
import type { DeskKind } from '../../../platform/db/schema.ts';
import { PonteError } from '../../../platform/errors.ts';
import { checkTexts } from '../../../platform/forms/text.ts';
import * as repo from '../booking/repository.ts';
import {
  isItalianHoliday,
  parseTime,
  planDate,
  ROME,
  romeDateTime,
  romeInstant,
  romeLabel,
} from '../common/calendar.ts';
import { audit, type Ctx, deskFor, type Errors, FormError, isUuid, nowOf } from '../common/context.ts';
import { cancelSessions, endRulesOfDesk, lockPlanning, unendedSessionsOfDesk } from './repository.ts';
import { canEditHours, checkDeskDay, guardDeskDay, msg, overlapRefusal } from './service.ts';

// Desks and one-off desk days (issue 5): creating, editing and retiring a desk; validating and writing a desk day,
// whoever plans it (the director here, the trained officer in availability/). Decisions only: SQL is in the
// repositories. Every write runs in one transaction with its audit entry.

export const DESK_KINDS = ['cav_room', 'inps_room', 'phone', 'video'] as const satisfies readonly DeskKind[];

// ── Desks ─────────────────────────────────────────────────────────────────────────────────────────────────
export interface DeskInput {
  kind?: string;
  host?: string;
  office?: string;
  name?: string;
  capacity?: string;
  accessibility_notes?: string;
  video_link?: string;
}

/** The details of a desk that can change after its creation (its kind and host cannot). */
export interface DeskDetails {
  name: string;
  capacity: number | null;
  accessibility_notes: string | null;
  video_link: string | null;
}

/**
 * Checks a desk's details (pure), for creating and for editing: name, capacity 1–100, notes, and the video link
 * (required for a video desk; https only). Returns the field errors and the cleaned values.
 */
export function parseDeskDetails(
  input: DeskInput,
  kind: DeskKind | null,
): { errors: Errors; details: DeskDetails } {
  const texts = checkTexts(input, {
    name: { max: 200 },
    accessibility_notes: { max: 2000 },
    video_link: { max: 500 },
  });
  const errors: Errors = { ...texts.errors };
  const name = texts.values.name;
  if (!errors.name && !name) errors.name = 'desks.err.name';
  let capacity: number | null = null;
  if (input.capacity?.trim()) {
    capacity = /^\d{1,3}$/.test(input.capacity.trim()) ? Number(input.capacity.trim()) : Number.NaN;
    if (!(capacity >= 1 && capacity <= 100)) errors.capacity = 'desks.err.capacity';
  }
  const notes = texts.values.accessibility_notes || null;
  const link = texts.values.video_link || null;
  if (errors.video_link) {
    // the text itself is refused: its message stays
  } else if (kind === 'video' && !link) errors.video_link = 'desks.err.videoLink';
  else if (link && !/^https:\/\/[^\s]{3,500}$/.test(link)) errors.video_link = 'desks.err.videoLinkFormat';
  return { errors, details: { name, capacity, accessibility_notes: notes, video_link: link } };
}

/**
 * Creates a desk. An INPS director's desk belongs to her office and is hosted by her office or (a CAV room) by a
 * CAV; a CAV coordinator's desk is a room of her CAV for an INPS office she names. Shelters never host a desk.
 */
export async function createDesk(db: Db, ctx: Ctx, input: DeskInput): Promise<string> {
  const kind = (DESK_KINDS as readonly string[]).includes(input.kind ?? '') ? (input.kind as DeskKind) : null;
  const parsed = parseDeskDetails(input, kind);
  const errors: Errors = kind ? {} : { kind: 'desks.err.kind' };
  Object.assign(errors, parsed.errors);
  const { name, capacity, accessibility_notes: notes, video_link: link } = parsed.details;

  let hostId: string;
  let officeId: string;
  if (ctx.orgKind === 'inps_office') {
    officeId = ctx.orgId;
    hostId = kind === 'cav_room' ? (input.host ?? '') : ctx.orgId;
  } else if (ctx.orgKind === 'cav') {
    hostId = ctx.orgId;
    officeId = input.office ?? '';
    if (kind && kind !== 'cav_room') errors.kind = 'desks.err.kindCav';
    if (!isUuid(officeId) || (await repo.orgKind(db, officeId)) !== 'inps_office')
      errors.office = 'desks.err.office';
  } else {
    throw new PonteError('PONTE_ERR_FORBIDDEN');
  }
  const hostKind = isUuid(hostId) ? await repo.orgKind(db, hostId) : undefined;
  if (hostKind === 'shelter') errors.host = 'desks.err.shelter';
  else if (kind === 'cav_room' && hostKind !== 'cav') errors.host = 'desks.err.hostCav';
  if (Object.keys(errors).length > 0) throw new FormError(errors);

  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('desk')
      .values({
        id,
        organisation_id: hostId,
        inps_office_id: officeId,
        kind: kind as DeskKind,
        name,
        capacity,
        accessibility_notes: notes,
        video_link: link,
        created_by: ctx.userId,
        created_at: nowOf(ctx),
      })
      .execute();
    await audit(tx, ctx, 'desk.create', 'desk', id, { kind, host: hostId, office: officeId });
  });
  return id;
}

// ── Desk days ─────────────────────────────────────────────────────────────────────────────────────────────
export interface SessionInput {
  officer?: string;
  date?: string;
  start?: string;
  end?: string;
  slot_minutes?: string;
  buffer_minutes?: string;
}

/** The checked fields of a one-off desk day: its instants and its slot grid. */
export interface DeskDayPlan {
  date: Temporal.PlainDate;
  from: Date;
  to: Date;
  slot: number;
  buffer: number;
}

/**
 * The one validation of a one-off desk day, whoever plans it (the director for one of her officers, or a trained
 * officer for herself): its own fields (date, not a public holiday, not past, times that exist in Rome, end after
 * start, long enough for a slot), then the officer (of the office, trained), the desk's opening hours, closures and
 * absences, and overlaps with live desk days (rules.ts, checkDeskDay). Throws a FormError with every field error.
 */
export async function validateDeskDay(
  db: Db,
  ctx: Ctx,
  d: repo.DeskRow,
  officerId: string | undefined,
  input: SessionInput,
): Promise<DeskDayPlan> {
  const errors: Errors = {};
  const officers = await repo.officersOf(db, d.inps_office_id);
  if (!officers.some((o) => o.id === officerId)) errors.officer = 'desks.err.officer';
  const planned = planDate(input.date, romeDateTime(nowOf(ctx)).date);
  const date = planned.date;
  const start = parseTime(input.start);
  const end = parseTime(input.end);
  if (!date) errors.date = planned.error ?? 'desks.err.date';
  else if (isItalianHoliday(date)) errors.date = 'desks.err.holiday';
  if (!start) errors.start = 'desks.err.time';
  if (!end) errors.end = 'desks.err.time';
  const slot = /^\d{1,3}$/.test(input.slot_minutes ?? '') ? Number(input.slot_minutes) : Number.NaN;
  if (!(slot >= 5 && slot <= 240)) errors.slot_minutes = 'desks.err.slot';
  const buffer = /^\d{1,3}$/.test(input.buffer_minutes?.trim() || '0')
    ? Number(input.buffer_minutes?.trim() || '0')
    : Number.NaN;
  if (!(buffer >= 0 && buffer <= 120)) errors.buffer_minutes = 'desks.err.buffer';
  let from: Date | null = null;
  let to: Date | null = null;
  if (date && start && end && !errors.date) {
    from = romeInstant(date, start);
    to = romeInstant(date, end);
    if (!from) errors.start = 'desks.err.timeGap';
    if (!to) errors.end = 'desks.err.timeGap';
    if (from && to && to <= from) errors.end = 'desks.err.endBeforeStart';
    else if (from && from <= nowOf(ctx)) errors.date = 'desks.err.past';
    else if (from && to && !errors.slot_minutes && to.getTime() - from.getTime() < slot * 60_000)
      errors.end = 'desks.err.tooShort';
  }
  // Trained officer, opening hours, exceptions and overlaps (rules.ts), once the fields themselves are right.
  if (Object.keys(errors).length === 0 && date && start && end && from && to)
    Object.assign(errors, await checkDeskDay(db, d, officerId, date, start, end, from, to));
  if (Object.keys(errors).length > 0 || !date || !from || !to) throw new FormError(errors);
  return { date, from, to, slot, buffer };
}

/**
 * Writes a checked desk day in one transaction with its audit entry, under the office's planning lock (a closure
 * or absence recorded meanwhile is seen); the exclusion constraints refuse an overlap that raced the checks.
 */
export async function insertDeskDay(
  db: Db,
  ctx: Ctx,
  d: repo.DeskRow,
  officerId: string,
  plan: DeskDayPlan,
  action: string,
): Promise<string> {
  const id = randomUUID();
  const { from, to } = plan;
  await db
    .transaction()
    .execute(async (tx) => {
      await guardDeskDay(tx, d, officerId, plan.date);
      await tx
        .insertInto('desk_session')
        .values({
          id,
          desk_id: d.id,
          officer_id: officerId,
          starts_at: from,
          ends_at: to,
          slot_minutes: plan.slot,
          buffer_minutes: plan.buffer,
          created_by: ctx.userId,
          created_at: nowOf(ctx),
        })
        .execute();
      await audit(tx, ctx, action, 'desk_session', id, {
        desk: d.id,
        officer: officerId,
        starts_at: from.toISOString(),
        ends_at: to.toISOString(),
      });
    })
    .catch((e: unknown) => {
      if (e instanceof FormError || e instanceof PonteError) throw e;
      return overlapRefusal(e, db, officerId, d.id, [{ from, to }]);
    });
  return id;
}

/** The INPS director assigns one of her officers to a desk day (Rome times; not past, not a public holiday). */
export async function createSession(db: Db, ctx: Ctx, deskId: string, input: SessionInput): Promise<string> {
  if (!ctx.roles.includes('inps_director')) throw new PonteError('PONTE_ERR_FORBIDDEN');
  const d = await deskFor(db, ctx, deskId);
  if (d.inps_office_id !== ctx.orgId) throw new PonteError('PONTE_ERR_NOT_FOUND');
  const plan = await validateDeskDay(db, ctx, d, input.officer, input);
  return insertDeskDay(db, ctx, d, input.officer as string, plan, 'desk.session.create');
}

// ── Editing and retiring a desk ───────────────────────────────────────────────────────────────────────────
/**
 * A desk the actor may manage: its INPS office's director, or the coordinator of the CAV hosting it (a CAV room).
 * Any other desk — another office's, another CAV's, or a retired one — is 404.
 */
export async function manageableDesk(db: Db, ctx: Ctx, deskId: string): Promise<repo.DeskRow> {
  const d = await deskFor(db, ctx, deskId);
  if (!canEditHours(ctx, d)) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return d;
}

/**
 * Edits a desk's details (name, capacity, accessibility notes, video link), with optimistic concurrency on its
 * version: a stale form is a FormError on `version` ('desks.err.deskStale', answered 409). Kind and host stay.
 */
export async function editDesk(
  db: Db,
  ctx: Ctx,
  deskId: string,
  input: DeskInput & { version?: string },
): Promise<void> {
  const desk = await manageableDesk(db, ctx, deskId);
  const { errors, details } = parseDeskDetails(input, desk.kind);
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  const version = Number(input.version);
  await db.transaction().execute(async (tx) => {
    if (!Number.isInteger(version) || !(await repo.updateDesk(tx, desk.id, version, details)))
      throw new FormError({ version: 'desks.err.deskStale' });
    const changed = (Object.keys(details) as (keyof DeskDetails)[]).filter((k) => details[k] !== desk[k]);
    // The field names only: the values may be free text.
    await audit(tx, ctx, 'desk.update', 'desk', desk.id, { changed });
  });
}

/**
 * Retires a desk ("Disattiva lo sportello"). Refused while it has active appointments that have not ended — the
 * CAV moves or cancels them first; the refusal lists each (card code, Rome time). Otherwise, in one transaction
 * under the office's planning lock: its future desk days are cancelled, its running rules ended, the desk made
 * inactive. Every desk day not yet ended is locked first, as a closure does: a hold racing the retirement either
 * commits first (and the retirement is refused) or waits and then finds the day cancelled or the desk inactive.
 */
export async function retireDesk(
  db: Db,
  ctx: Ctx,
  deskId: string,
  input: { version?: string },
): Promise<{ cancelled: number; rulesEnded: number }> {
  const desk = await manageableDesk(db, ctx, deskId);
  const now = nowOf(ctx);
  const version = Number(input.version);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(ROME).toPlainDate();
  return db.transaction().execute(async (tx) => {
    await lockPlanning(tx, desk.inps_office_id);
    const locked = await repo.lockActiveDesk(tx, desk.id);
    if (!locked || !Number.isInteger(version) || locked.version !== version)
      throw new FormError({ version: 'desks.err.deskStale' });
    const days = await unendedSessionsOfDesk(tx, desk.id, now);
    const active = await repo.activeAppointmentsOfDesk(tx, desk.id, now);
    if (active.length > 0)
      throw new FormError({
        confirm: msg('desks.err.retireBooked', {
          n: active.length,
          list: active.map((a) => `${a.card_code} ${romeLabel(a.starts_at)}`).join('; '),
        }),
      });
    // A day already under way stays (its past slots may hold appointments); the desk being inactive, nothing
    // more is offered in it.
    const future = days.filter((d) => d.starts_at > now).map((d) => d.id);
    const cancelled = await cancelSessions(tx, future, now, 'desk_retired');
    const ended = await endRulesOfDesk(
      tx,
      desk.id,
      today.toString(),
      today.subtract({ days: 1 }).toString(),
      ctx.userId,
      now,
    );
    if (!(await repo.deactivateDesk(tx, desk.id, version)))
      throw new FormError({ version: 'desks.err.deskStale' });
    await audit(tx, ctx, 'desk.deactivate', 'desk', desk.id, { cancelled, rules_ended: ended.length });
    return { cancelled, rulesEnded: ended.length };
  });
}
