import { type Selectable, sql } from 'kysely';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { prepared } from '../../../platform/db/prepared.ts';
import type { AppointmentStatus, DeskKind, DeskTable, OrgKind } from '../../../platform/db/schema.ts';

// SQL of the desks feature (issue 5). `during` is read back as its two bounds.

/** A desk as its table holds it (schema.ts), with the name of the organisation that hosts it. */
export type DeskRow = Pick<
  Selectable<DeskTable>,
  | 'id'
  | 'organisation_id'
  | 'inps_office_id'
  | 'kind'
  | 'name'
  | 'capacity'
  | 'accessibility_notes'
  | 'video_link'
  | 'version'
> & { host_name: string };

export interface SessionRow {
  id: string;
  desk_id: string;
  officer_id: string;
  officer_name: string;
  starts_at: Date;
  ends_at: Date;
  slot_minutes: number;
  buffer_minutes: number;
  /** The director's recurring rule the day comes from, or null for a one-off day. */
  rule_id: string | null;
  /** Who planned the day: the director, or the officer herself ("La mia disponibilità"). */
  created_by: string;
}

export interface AppointmentRow {
  id: string;
  card_id: string;
  card_code: string;
  desk_id: string;
  desk_name: string;
  desk_kind: DeskKind;
  /** Where: the hosting organisation (the CAV of a CAV room, the INPS office otherwise). */
  host_name: string;
  video_link: string | null;
  accessibility_notes: string | null;
  session_id: string;
  officer_id: string;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  hold_expires_at: Date | null;
  reason: string | null;
  version: number;
  cav_id: string;
}

export interface CardRow {
  id: string;
  code: string;
  status: string;
  inps_office_id: string;
  cav_id: string;
  /** What the CAV wrote on the card that matters for choosing a desk (free text, not identifying). */
  preferred_language?: string | null;
  accessibility_needs?: string | null;
}

export async function orgKind(db: Db, id: string): Promise<OrgKind | undefined> {
  const row = await db.selectFrom('organisation').select('kind').where('id', '=', id).executeTakeFirst();
  return row?.kind;
}

export async function orgsOfKind(
  db: Db,
  kinds: OrgKind[],
): Promise<{ id: string; name: string; kind: OrgKind }[]> {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', kinds)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}

const deskSelect = (db: Db) =>
  db
    .selectFrom('desk')
    .innerJoin('organisation as host', 'host.id', 'desk.organisation_id')
    .select([
      'desk.id',
      'desk.organisation_id',
      'desk.inps_office_id',
      'desk.kind',
      'desk.name',
      'desk.capacity',
      'desk.accessibility_notes',
      'desk.video_link',
      'host.name as host_name',
      'desk.version',
    ])
    .where('desk.active', '=', true);

/** Desks the organisation runs (INPS office) or hosts (CAV). */
export async function desksOf(db: Db, orgId: string): Promise<DeskRow[]> {
  return deskSelect(db)
    .where((eb) => eb.or([eb('desk.inps_office_id', '=', orgId), eb('desk.organisation_id', '=', orgId)]))
    .orderBy('desk.name')
    .execute();
}

export async function desk(db: Db, id: string): Promise<DeskRow | undefined> {
  return deskSelect(db).where('desk.id', '=', id).executeTakeFirst();
}

/** A desk day's hours, slots and plan (`desk_session as s`): the columns every read of a day selects. */
export const dayColumns = [
  's.starts_at',
  's.ends_at',
  's.slot_minutes',
  's.buffer_minutes',
  's.rule_id',
  's.created_by',
] as const;

/** How many appointments took a slot of day `s` at `now`: booked, done, no-show, or held and not expired. */
export const bookedOn = (now: Date) =>
  sql<string>`(select count(*) from appointment a where a.session_id = s.id
        and (a.status in ('booked', 'done', 'no_show')
          or (a.status = 'held' and a.hold_expires_at > ${now.toISOString()}::timestamptz)))`;

const sessionSelect = (db: Db) =>
  db
    .selectFrom('desk_session as s')
    .innerJoin('app_user as u', 'u.id', 's.officer_id')
    .select(['s.id', 's.desk_id', 's.officer_id', 'u.display_name as officer_name', ...dayColumns]);

/** The live desk days of a desk from `from`, each with how many appointments it holds (booked or held). */
export async function sessionsOfDesk(
  db: Db,
  deskId: string,
  from: Date,
): Promise<(SessionRow & { booked: number })[]> {
  const rows = await sessionSelect(db)
    .select(bookedOn(clockNow()).as('booked'))
    .where('s.desk_id', '=', deskId)
    .where('s.ends_at', '>', from)
    .where('s.cancelled_at', 'is', null)
    .orderBy('s.starts_at')
    .execute();
  return rows.map((r) => ({ ...r, booked: Number(r.booked) }));
}

export async function session(db: Db, id: string): Promise<SessionRow | undefined> {
  return sessionSelect(db).where('s.id', '=', id).executeTakeFirst();
}

/** Officers (role inps_officer) of an INPS office. */
export async function officersOf(db: Db, officeId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name as name'])
    .where('m.organisation_id', '=', officeId)
    .where('m.role', '=', 'inps_officer')
    .orderBy('u.display_name')
    .execute();
}

export async function cardOfCav(db: Db, cardId: string, cavId: string): Promise<CardRow | undefined> {
  return db
    .selectFrom('consultation_card as c')
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .select([
      'c.id',
      'c.code',
      'c.status',
      'c.inps_office_id',
      'f.cav_id',
      'c.preferred_language',
      'c.accessibility_needs',
    ])
    .where('c.id', '=', cardId)
    .where('f.cav_id', '=', cavId)
    .executeTakeFirst();
}

/** Sessions a CAV may book for a card: the card's INPS office's desks that are remote, INPS rooms or in this CAV. */
export async function bookableSessions(
  db: Db,
  officeId: string,
  cavId: string,
  from: Date,
  /** Only this desk day (a booking checks the one it is for, not a page of days). */
  sessionId?: string,
  /** Only the days that start before this instant (the booking page shows a window of weeks). */
  until?: Date,
): Promise<(SessionRow & { desk_name: string; desk_kind: DeskKind })[]> {
  let q = sessionSelect(db)
    .innerJoin('desk as d', 'd.id', 's.desk_id')
    .select(['d.name as desk_name', 'd.kind as desk_kind'])
    .where('d.active', '=', true)
    .where('d.inps_office_id', '=', officeId)
    .where((eb) => eb.or([eb('d.kind', '<>', 'cav_room'), eb('d.organisation_id', '=', cavId)]))
    .where('s.ends_at', '>', from)
    .where('s.cancelled_at', 'is', null);
  if (sessionId) q = q.where('s.id', '=', sessionId);
  if (until) q = q.where('s.starts_at', '<', until);
  return q.orderBy('s.starts_at').limit(BOOKABLE_DAYS_LIMIT).execute();
}

/** At most this many desk days on one page of free slots (a safety bound: a window of weeks holds far fewer). */
export const BOOKABLE_DAYS_LIMIT = 500;

/** When the first desk day this card could be booked into that ends after `from` starts (null when none is planned). */
export async function nextBookableStart(
  db: Db,
  officeId: string,
  cavId: string,
  from: Date,
): Promise<Date | null> {
  const row = await db
    .selectFrom('desk_session as s')
    .innerJoin('desk as d', 'd.id', 's.desk_id')
    .select('s.starts_at')
    .where('d.active', '=', true)
    .where('d.inps_office_id', '=', officeId)
    .where((eb) => eb.or([eb('d.kind', '<>', 'cav_room'), eb('d.organisation_id', '=', cavId)]))
    .where('s.ends_at', '>', from)
    .where('s.cancelled_at', 'is', null)
    .orderBy('s.starts_at')
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.starts_at) : null;
}

/**
 * Active intervals (booked, or held and not expired) of any of these officers or desks in [from, to), with whose
 * they are — one query for a whole page of desk days; `exceptId` leaves out the appointment being moved.
 */
export async function busyAmong(
  db: Db,
  f: { officers: string[]; desks: string[]; from: Date; to: Date; now: Date; exceptId: string | null },
): Promise<{ officer_id: string; desk_id: string; starts_at: Date; ends_at: Date }[]> {
  if (f.officers.length === 0 && f.desks.length === 0) return [];
  const none = sql`null::uuid`;
  const rows = await sql<{ officer_id: string; desk_id: string; starts_at: Date; ends_at: Date }>`
    select officer_id, desk_id, lower(during) as starts_at, upper(during) as ends_at from appointment
    where (officer_id in (${f.officers.length ? sql.join(f.officers) : none})
        or desk_id in (${f.desks.length ? sql.join(f.desks) : none}))
      and during && tstzrange(${f.from.toISOString()}::timestamptz, ${f.to.toISOString()}::timestamptz, '[)')
      and (status = 'booked' or (status = 'held' and hold_expires_at > ${f.now.toISOString()}::timestamptz))
      ${f.exceptId ? sql`and id <> ${f.exceptId}` : sql``}`.execute(db);
  return rows.rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at), ends_at: new Date(r.ends_at) }));
}

/** Cancels the expired holds that overlap [from, to) for this officer or desk; returns their ids. */
export async function expireHolds(
  db: Db,
  officerId: string,
  deskId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    update appointment set status = 'cancelled', reason = 'hold_expired', updated_at = ${now.toISOString()}::timestamptz,
      version = version + 1
    where status = 'held' and hold_expires_at <= ${now.toISOString()}::timestamptz
      and (officer_id = ${officerId} or desk_id = ${deskId})
      and during && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')
    returning id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** A new appointment: the card, the desk day and its officer, the time, who booked it and when. */
interface NewAppointment {
  id: string;
  cardId: string;
  deskId: string;
  sessionId: string;
  officerId: string;
  from: Date;
  to: Date;
  bookedBy: string;
  now: Date;
}

/** The columns every new appointment row sets, whether held (a booking) or booked (a move). */
function newAppointmentRow(a: NewAppointment) {
  return {
    id: a.id,
    card_id: a.cardId,
    desk_id: a.deskId,
    session_id: a.sessionId,
    officer_id: a.officerId,
    during: sql<string>`tstzrange(${a.from.toISOString()}::timestamptz, ${a.to.toISOString()}::timestamptz, '[)')`,
    booked_by: a.bookedBy,
    created_at: a.now,
    updated_at: a.now,
  };
}

export async function insertAppointment(db: Db, a: NewAppointment & { holdExpiresAt: Date }): Promise<void> {
  await db
    .insertInto('appointment')
    .values({ ...newAppointmentRow(a), status: 'held', hold_expires_at: a.holdExpiresAt })
    .execute();
}

export async function appointment(db: Db, id: string): Promise<AppointmentRow | undefined> {
  const row = await db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .innerJoin('desk as d', 'd.id', 'a.desk_id')
    .innerJoin('organisation as host', 'host.id', 'd.organisation_id')
    .select([
      'a.id',
      'a.card_id',
      'c.code as card_code',
      'a.desk_id',
      'd.name as desk_name',
      'd.kind as desk_kind',
      'host.name as host_name',
      'd.video_link',
      'd.accessibility_notes',
      'a.session_id',
      'a.officer_id',
      'a.status',
      sql<Date>`lower(a.during)`.as('starts_at'),
      sql<Date>`upper(a.during)`.as('ends_at'),
      'a.hold_expires_at',
      'a.reason',
      'a.version',
      'f.cav_id',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, starts_at: new Date(row.starts_at), ends_at: new Date(row.ends_at) };
}

/** Open cards (sent or accepted) of a CAV, by code, a page at a time. */
/** An open card of a CAV on the booking list: when it was sent, its status, and its next booking, if any. */
export interface OpenCardRow {
  id: string;
  code: string;
  status: 'sent' | 'accepted';
  created_at: Date;
  /** The start of its first booked appointment not yet ended, null when none. */
  next_at: Date | null;
}

/**
 * The open cards of a CAV (newest first), optionally whose code contains `q`, or only those with no booking still
 * to come (`toBook`), with the start of their next booking.
 */
export async function openCardsOfCav(
  db: Db,
  cavId: string,
  q: string,
  limit: number,
  offset: number,
  opts: { toBook?: boolean; now?: Date } = {},
): Promise<{ rows: OpenCardRow[]; total: number }> {
  const now = (opts.now ?? clockNow()).toISOString();
  const next = sql<Date | null>`(select min(lower(a.during)) from appointment a
    where a.card_id = c.id and a.status = 'booked' and upper(a.during) > ${now}::timestamptz)`;
  let base = db
    .selectFrom('consultation_card as c')
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .where('f.cav_id', '=', cavId)
    .where('c.status', 'in', ['sent', 'accepted']);
  if (q) base = base.where('c.code', 'ilike', `%${q.replaceAll(/[%_\\]/g, '')}%`);
  if (opts.toBook) base = base.where(sql<boolean>`${next} is null`);
  const rows = await base
    .select(['c.id', 'c.code', 'c.status', 'c.created_at', next.as('next_at')])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status as OpenCardRow['status'],
      created_at: new Date(r.created_at),
      next_at: r.next_at ? new Date(r.next_at) : null,
    })),
    total: Number(total.n),
  };
}

export interface AgendaRow {
  id: string;
  card_id: string;
  card_code: string;
  desk_name: string;
  desk_kind: DeskKind;
  video_link: string | null;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
}

/** An officer's booked and past appointments overlapping [from, to), in time order. */
export async function officerAgenda(db: Db, officerId: string, from: Date, to: Date): Promise<AgendaRow[]> {
  const rows = await db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .innerJoin('desk as d', 'd.id', 'a.desk_id')
    .select([
      'a.id',
      'a.card_id',
      'c.code as card_code',
      'd.name as desk_name',
      'd.kind as desk_kind',
      'd.video_link',
      'a.status',
      sql<Date>`lower(a.during)`.as('starts_at'),
      sql<Date>`upper(a.during)`.as('ends_at'),
    ])
    .where('a.officer_id', '=', officerId)
    .where('a.status', 'in', ['booked', 'done', 'no_show'])
    .where(
      sql<boolean>`a.during && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`,
    )
    .orderBy(sql`lower(a.during)`)
    .execute();
  return rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at), ends_at: new Date(r.ends_at) }));
}

/** When her next booked appointment from `after` on starts, for the way out of an empty agenda page. */
export async function officerNextBooked(db: Db, officerId: string, after: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('appointment')
    .select(sql<Date>`lower(during)`.as('starts_at'))
    .where('officer_id', '=', officerId)
    .where('status', '=', 'booked')
    .where(sql<boolean>`lower(during) >= ${after.toISOString()}::timestamptz`)
    .orderBy(sql`lower(during)`)
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.starts_at) : undefined;
}

export async function appointmentOfOfficer(
  db: Db,
  id: string,
  officerId: string,
): Promise<
  { id: string; card_id: string; status: AppointmentStatus; starts_at: Date; version: number } | undefined
> {
  const row = await db
    .selectFrom('appointment')
    .select(['id', 'card_id', 'status', 'version', sql<Date>`lower(during)`.as('starts_at')])
    .where('id', '=', id)
    .where('officer_id', '=', officerId)
    .executeTakeFirst();
  return row && { ...row, starts_at: new Date(row.starts_at) };
}

// ── Rescheduling, outcomes and the CAV's list (issue 5, part B; migration 0008) ──────────────────────────────
/** Inserts the booked appointment a move creates (no hold: the move itself is the confirmation). */
export async function insertMoved(db: Db, a: NewAppointment & { rescheduledFrom: string }): Promise<void> {
  await db
    .insertInto('appointment')
    .values({
      ...newAppointmentRow(a),
      status: 'booked',
      hold_expires_at: null,
      rescheduled_from: a.rescheduledFrom,
    })
    .execute();
}

/** Points the cancelled appointment at the one that replaced it. */
export async function linkRescheduled(db: Db, oldId: string, newId: string): Promise<void> {
  await db.updateTable('appointment').set({ rescheduled_to: newId }).where('id', '=', oldId).execute();
}

export interface AppointmentHistory {
  rescheduled_from: string | null;
  from_starts_at: Date | null;
  rescheduled_to: string | null;
  to_starts_at: Date | null;
  outcome_by_name: string | null;
  outcome_at: Date | null;
}

/** Where an appointment was moved from and to (with their start times), and who recorded its outcome. */
export async function appointmentHistory(db: Db, id: string): Promise<AppointmentHistory | undefined> {
  const row = await db
    .selectFrom('appointment as a')
    .leftJoin('appointment as f', 'f.id', 'a.rescheduled_from')
    .leftJoin('appointment as t', 't.id', 'a.rescheduled_to')
    .leftJoin('app_user as u', 'u.id', 'a.outcome_by')
    .select([
      'a.rescheduled_from',
      sql<Date | null>`lower(f.during)`.as('from_starts_at'),
      'a.rescheduled_to',
      sql<Date | null>`lower(t.during)`.as('to_starts_at'),
      'u.display_name as outcome_by_name',
      'a.outcome_at',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return (
    row && {
      ...row,
      from_starts_at: at(row.from_starts_at),
      to_starts_at: at(row.to_starts_at),
      outcome_at: at(row.outcome_at),
    }
  );
}

/** The columns of appointment lists (from `appointment as a`, `consultation_card as c`, `desk as d`). */
const LIST_COLUMNS = [
  'a.id',
  'a.card_id',
  'c.code as card_code',
  'd.name as desk_name',
  'a.status',
  sql<Date>`lower(a.during)`.as('starts_at'),
  sql<Date>`upper(a.during)`.as('ends_at'),
  'a.rescheduled_to',
] as const;

/** The appointments list query (joined to card and desk, the list's columns). */
const appointmentList = (db: Db) =>
  db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .innerJoin('desk as d', 'd.id', 'a.desk_id')
    .select(LIST_COLUMNS);

/** The order of appointment lists: the ones not yet ended first (soonest first), then the past (latest first). */
const upcomingFirst = (nowIso: string) => {
  const at = sql`${nowIso}::timestamptz`;
  return sql`upper(a.during) <= ${at}, case when upper(a.during) > ${at} then lower(a.during) end,
    lower(a.during) desc, a.id`;
};

const asDates = <T extends { starts_at: Date; ends_at: Date }>(r: T): T => ({
  ...r,
  starts_at: new Date(r.starts_at),
  ends_at: new Date(r.ends_at),
});

export interface AppointmentListRow {
  id: string;
  card_id: string;
  card_code: string;
  desk_name: string;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  /** Set when this (cancelled) appointment was moved to another. */
  rescheduled_to: string | null;
}

/**
 * The appointments of a CAV's cards: the ones not yet ended first (soonest first), then the past ones (latest
 * first); optionally of one status, one card, or cards whose code contains `q`.
 */
export async function appointmentsOfCav(
  db: Db,
  cavId: string,
  f: {
    q: string;
    status: AppointmentStatus | undefined;
    cardId: string | undefined;
    now: Date;
    limit: number;
    offset: number;
  },
): Promise<{ rows: AppointmentListRow[]; total: number }> {
  let base = db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .innerJoin('case_file as cf', 'cf.id', 'c.case_id')
    .innerJoin('desk as d', 'd.id', 'a.desk_id')
    .where('cf.cav_id', '=', cavId)
    // A hold that expired or was let go was never an appointment: it is not listed as a cancelled one.
    .where((eb) =>
      eb.or([
        eb('a.status', '!=', 'cancelled'),
        eb('a.reason', 'is', null),
        eb('a.reason', 'not in', ['hold_expired', 'hold_released']),
      ]),
    );
  if (f.status) base = base.where('a.status', '=', f.status);
  if (f.cardId) base = base.where('a.card_id', '=', f.cardId);
  if (f.q) base = base.where('c.code', 'ilike', `%${f.q.replaceAll(/[%_\\]/g, '')}%`);
  const rows = await base
    .select(LIST_COLUMNS)
    .orderBy(upcomingFirst(f.now.toISOString()))
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return {
    rows: rows.map(asDates),
    total: Number(total.n),
  };
}

// ── Editing and retiring a desk ───────────────────────────────────────────────────────────────────────────
/** Saves a desk's details if its version is still `version`; false when someone else saved (or retired) first. */
export async function updateDesk(
  db: Db,
  id: string,
  version: number,
  d: { name: string; capacity: number | null; accessibility_notes: string | null; video_link: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('desk')
    .set({ ...d, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('active', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Locks an active desk's row against a concurrent edit or retirement (undefined if retired or unknown). */
export async function lockActiveDesk(db: Db, id: string): Promise<{ version: number } | undefined> {
  return (
    db
      .selectFrom('desk')
      .select('version')
      .where('id', '=', id)
      .where('active', '=', true)
      // NO KEY: appointments inserted meanwhile take FOR KEY SHARE on the desk (their foreign key) and must not wait.
      .forNoKeyUpdate()
      .executeTakeFirst()
  );
}

/** Marks a desk retired (active = false) if its version is still `version`. */
export async function deactivateDesk(db: Db, id: string, version: number): Promise<boolean> {
  const r = await db
    .updateTable('desk')
    .set({ active: false, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('active', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active (booked, or held and not expired) appointments of a desk that have not ended, earliest first. */
export async function activeAppointmentsOfDesk(
  db: Db,
  deskId: string,
  now: Date,
): Promise<{ card_code: string; starts_at: Date }[]> {
  const rows = await db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .select(['c.code as card_code', sql<Date>`lower(a.during)`.as('starts_at')])
    .where('a.desk_id', '=', deskId)
    .where(sql<boolean>`upper(a.during) > ${now.toISOString()}::timestamptz`)
    .where((eb) =>
      eb.or([
        eb('a.status', '=', 'booked'),
        eb.and([eb('a.status', '=', 'held'), eb('a.hold_expires_at', '>', now)]),
      ]),
    )
    .orderBy(sql`lower(a.during)`)
    .execute();
  return rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at) }));
}

/** A case's appointments (not cancelled), the ones not yet ended first, then the latest past ones. */
/** The query of `appointmentsOfCase`, compiled once (decision 0069). */
const appointmentsOfCaseQuery = prepared((db: Db, caseId: string, nowIso: string, limit: number) =>
  appointmentList(db)
    .where('c.case_id', '=', caseId)
    // Cancelled ones too: after a cancellation the case page says none is coming and still lists the cancelled one.
    .where('a.status', 'in', ['held', 'booked', 'done', 'no_show', 'cancelled'])
    .orderBy(upcomingFirst(nowIso))
    .limit(limit),
);

export async function appointmentsOfCase(
  db: Db,
  caseId: string,
  now: Date,
  limit: number,
): Promise<AppointmentListRow[]> {
  const rows = await appointmentsOfCaseQuery(db, caseId, now.toISOString(), limit);
  return rows.map(asDates);
}

/** The open cards (sent or accepted) of a case, to book for. */
export async function openCardsOfCase(db: Db, caseId: string): Promise<{ id: string; code: string }[]> {
  return openCardsOfCaseQuery(db, caseId);
}

/** The query of `openCardsOfCase`, compiled once (decision 0069). */
const openCardsOfCaseQuery = prepared((db: Db, caseId: string) =>
  db
    .selectFrom('consultation_card')
    .select(['id', 'code'])
    .where('case_id', '=', caseId)
    .where('status', 'in', ['sent', 'accepted'])
    .orderBy('created_at'),
);

/** A card's appointments (not cancelled) with desk and officer, for the INPS card page; the coming ones first. */
export async function appointmentsOfCard(
  db: Db,
  cardId: string,
  now: Date,
): Promise<(AppointmentListRow & { officer_name: string })[]> {
  const rows = await appointmentsOfCardQuery(db, cardId, now.toISOString());
  return rows.map(asDates);
}

/** The query of `appointmentsOfCard`, compiled once (decision 0069). */
const appointmentsOfCardQuery = prepared((db: Db, cardId: string, nowIso: string) =>
  appointmentList(db)
    .innerJoin('app_user as u', 'u.id', 'a.officer_id')
    .select('u.display_name as officer_name')
    .where('a.card_id', '=', cardId)
    .where('a.status', 'in', ['booked', 'done', 'no_show'])
    .orderBy(upcomingFirst(nowIso))
    .limit(20),
);
