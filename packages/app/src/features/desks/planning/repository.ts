import { type Selectable, sql } from 'kysely';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { DeskExceptionKind, DeskRuleTable } from '../../../platform/db/schema.ts';
import { deskMarks, isDeskQualified, recordDeskMark, revokeDeskRecognitions } from '../../training/index.ts';

// SQL of recurring desk-day rules, exceptions, opening hours and the accoglienza training mark (issue 5).
// Arrays and times are normalised here: PGlite and pg agree on them, but counts differ (architecture.md).

export interface HoursRow {
  id: string;
  open_days: number[];
  opens_at: string;
  closes_at: string;
  version: number;
}

const hhmm = (t: string) => String(t).slice(0, 5);

export async function deskHours(db: Db, deskId: string): Promise<HoursRow | undefined> {
  const row = await db
    .selectFrom('desk')
    .select(['id', 'open_days', 'opens_at', 'closes_at', 'version'])
    .where('id', '=', deskId)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      open_days: [...row.open_days].map(Number).sort(),
      opens_at: hhmm(row.opens_at),
      closes_at: hhmm(row.closes_at),
    }
  );
}

/** Saves the opening hours if the version is still `version`; false when someone else saved first. */
export async function updateHours(
  db: Db,
  deskId: string,
  version: number,
  h: { open_days: number[]; opens_at: string; closes_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('desk')
    .set({
      open_days: sql<number[]>`${`{${h.open_days.join(',')}}`}::smallint[]`,
      opens_at: h.opens_at,
      closes_at: h.closes_at,
      version: version + 1,
    })
    .where('id', '=', deskId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface LiveSession {
  id: string;
  desk_id: string;
  desk_name: string;
  officer_id: string;
  officer_name: string;
  rule_id: string | null;
  starts_at: Date;
  ends_at: Date;
}

const liveSelect = (db: Db) =>
  db
    .selectFrom('desk_session as s')
    .innerJoin('desk as d', 'd.id', 's.desk_id')
    .innerJoin('app_user as u', 'u.id', 's.officer_id')
    .select([
      's.id',
      's.desk_id',
      'd.name as desk_name',
      's.officer_id',
      'u.display_name as officer_name',
      's.rule_id',
      's.starts_at',
      's.ends_at',
    ])
    .where('s.cancelled_at', 'is', null);

const norm = (r: LiveSession): LiveSession => ({
  ...r,
  starts_at: new Date(r.starts_at),
  ends_at: new Date(r.ends_at),
});

/** The first live desk day of this officer or this desk overlapping [from, to). */
export async function overlapping(
  db: Db,
  officerId: string,
  deskId: string,
  from: Date,
  to: Date,
): Promise<LiveSession | undefined> {
  const row = await liveSelect(db)
    .where((eb) => eb.or([eb('s.officer_id', '=', officerId), eb('s.desk_id', '=', deskId)]))
    .where('s.starts_at', '<', to)
    .where('s.ends_at', '>', from)
    .orderBy('s.starts_at')
    .executeTakeFirst();
  return row && norm(row);
}

/** Live desk days of a desk or of an officer (either may be null) overlapping [from, to), locked for update. */
export async function liveSessionsIn(
  db: Db,
  f: { deskId?: string | null; officerId?: string | null; ruleId?: string | null },
  from: Date,
  to: Date | null,
  lock = false,
): Promise<LiveSession[]> {
  let q = liveSelect(db).where('s.starts_at', '>=', from);
  if (to) q = q.where('s.starts_at', '<', to);
  if (f.deskId) q = q.where('s.desk_id', '=', f.deskId);
  if (f.officerId) q = q.where('s.officer_id', '=', f.officerId);
  if (f.ruleId) q = q.where('s.rule_id', '=', f.ruleId);
  const rows = await (lock ? q.orderBy('s.starts_at').forUpdate('s') : q.orderBy('s.starts_at')).execute();
  return rows.map(norm);
}

/** Locks a live desk day against cancellation while a slot of it is held (undefined if cancelled). */
export async function lockLiveSession(db: Db, id: string): Promise<{ id: string } | undefined> {
  const row = await db
    .selectFrom('desk_session')
    .select(['id', 'desk_id'])
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .forShare()
    .executeTakeFirst();
  if (!row) return undefined;
  // A second statement, so a fresh snapshot: a desk retired while this waited for the lock is seen as retired
  // (retireDesk locks every desk day that has not ended before it checks for appointments).
  const desk = await db
    .selectFrom('desk')
    .select('id')
    .where('id', '=', row.desk_id)
    .where('active', '=', true)
    .executeTakeFirst();
  return desk && { id: row.id };
}

export interface ActiveAppointment {
  session_id: string;
  card_code: string;
  starts_at: Date;
}

/** Active (booked, or held and not expired) appointments of these desk days. */
export async function activeAppointmentsOf(
  db: Db,
  sessionIds: string[],
  now: Date,
): Promise<ActiveAppointment[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .select(['a.session_id', 'c.code as card_code', sql<Date>`lower(a.during)`.as('starts_at')])
    .where('a.session_id', 'in', sessionIds)
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

export async function cancelSessions(db: Db, ids: string[], now: Date, reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('desk_session')
    .set({ cancelled_at: now, cancelled_reason: reason, version: sql`version + 1` })
    .where('id', 'in', ids)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertSession(
  db: Db,
  s: {
    id: string;
    deskId: string;
    officerId: string;
    ruleId: string | null;
    from: Date;
    to: Date;
    slot: number;
    buffer: number;
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto('desk_session')
    .values({
      id: s.id,
      desk_id: s.deskId,
      officer_id: s.officerId,
      rule_id: s.ruleId,
      starts_at: s.from,
      ends_at: s.to,
      slot_minutes: s.slot,
      buffer_minutes: s.buffer,
      created_by: s.createdBy,
      created_at: clockNow(),
    })
    .execute();
}

/**
 * Serialises the planning of an INPS office's desk days (rules, one-off days, exceptions) until the end of the
 * transaction, so a closure and a new rule cannot miss each other.
 */
export async function lockPlanning(db: Db, officeId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`desk-plan:${officeId}`}))`.execute(db);
}

// ── The accoglienza training mark ─────────────────────────────────────────────────────────────────────────
// Read from the training feature (issue 14): a valid certificate of a desk-flagged course, or a recognised
// earlier training. The old accoglienza_training table is no longer read (migration 0017 moved its marks).
export async function isTrained(db: Db, userId: string): Promise<boolean> {
  return isDeskQualified(db, userId);
}

export interface OfficerMark {
  id: string;
  name: string;
  trained: boolean;
  source: 'director' | 'training' | null;
  set_at: Date | null;
  set_by_name: string | null;
}

/** The officers (role inps_officer) of an office with their training mark. */
export async function officersWithMark(db: Db, officeId: string): Promise<OfficerMark[]> {
  const rows = await db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name as name'])
    .where('m.organisation_id', '=', officeId)
    .where('m.role', '=', 'inps_officer')
    .orderBy('u.display_name')
    .execute();
  const marks = await deskMarks(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const m = marks.get(r.id);
    return {
      id: r.id,
      name: r.name,
      trained: m?.trained ?? false,
      source: m?.source ?? null,
      set_at: m?.set_at ?? null,
      set_by_name: m?.set_by_name ?? null,
    };
  });
}

/** Sets the mark (a recognised earlier training); false when she already had one. */
export async function setTrained(
  db: Db,
  userId: string,
  _source: 'director' | 'training',
  setBy: string | null,
  at: Date,
): Promise<boolean> {
  if (!setBy) return false;
  return recordDeskMark(db, userId, setBy, at);
}

export async function removeTrained(db: Db, userId: string, by: string | null = null): Promise<boolean> {
  return revokeDeskRecognitions(db, userId, by);
}

// ── Rules ─────────────────────────────────────────────────────────────────────────────────────────────────
/** A recurring rule as its table holds it (schema.ts), with the officer's name. */
export type RuleRow = Omit<Selectable<DeskRuleTable>, 'ended_by' | 'created_by' | 'created_at'> & {
  officer_name: string;
};

const ruleSelect = (db: Db) =>
  db
    .selectFrom('desk_rule as r')
    .innerJoin('app_user as u', 'u.id', 'r.officer_id')
    .select([
      'r.id',
      'r.desk_id',
      'r.officer_id',
      'u.display_name as officer_name',
      'r.weekday',
      'r.weeks',
      'r.start_time',
      'r.end_time',
      'r.slot_minutes',
      'r.buffer_minutes',
      'r.valid_from',
      'r.valid_until',
      'r.ended_at',
      'r.version',
    ]);

const normRule = (r: RuleRow): RuleRow => ({
  ...r,
  weeks: r.weeks ? [...r.weeks].map(Number) : null,
  start_time: hhmm(r.start_time),
  end_time: hhmm(r.end_time),
  ended_at: r.ended_at ? new Date(r.ended_at) : null,
});

export async function rulesOfDesk(db: Db, deskId: string): Promise<RuleRow[]> {
  const rows = await ruleSelect(db)
    .where('r.desk_id', '=', deskId)
    .orderBy('r.valid_from')
    .orderBy('r.weekday')
    .execute();
  return rows.map(normRule);
}

export async function rule(db: Db, id: string): Promise<RuleRow | undefined> {
  const row = await ruleSelect(db).where('r.id', '=', id).executeTakeFirst();
  return row && normRule(row);
}

/** Rules still running (not ended) of a desk or an officer whose validity meets [from, to] (ISO dates). */
export async function runningRules(
  db: Db,
  f: { deskId?: string | null; officerId?: string | null },
  from: string,
  to: string,
): Promise<RuleRow[]> {
  let q = ruleSelect(db)
    .where('r.ended_at', 'is', null)
    .where('r.valid_from', '<=', to)
    .where('r.valid_until', '>=', from);
  if (f.deskId) q = q.where('r.desk_id', '=', f.deskId);
  if (f.officerId) q = q.where('r.officer_id', '=', f.officerId);
  return (await q.execute()).map(normRule);
}

export async function insertRule(
  db: Db,
  r: {
    id: string;
    deskId: string;
    officerId: string;
    weekday: number;
    weeks: number[] | null;
    start: string;
    end: string;
    slot: number;
    buffer: number;
    from: string;
    until: string;
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto('desk_rule')
    .values({
      id: r.id,
      desk_id: r.deskId,
      officer_id: r.officerId,
      weekday: r.weekday,
      weeks: r.weeks ? sql<number[]>`${`{${r.weeks.join(',')}}`}::smallint[]` : null,
      start_time: r.start,
      end_time: r.end,
      slot_minutes: r.slot,
      buffer_minutes: r.buffer,
      valid_from: r.from,
      valid_until: r.until,
      created_by: r.createdBy,
      created_at: clockNow(),
    })
    .execute();
}

/** Ends a rule on `until` (its last day); false when the version moved or it had ended already. */
export async function endRule(
  db: Db,
  id: string,
  version: number,
  until: string,
  by: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('desk_rule')
    .set({
      valid_until: sql<string>`least(valid_until, greatest(valid_from, ${until}::date))`,
      ended_at: now,
      ended_by: by,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Live desk days generated by the rules of a desk, from an instant on. */
export async function ruleDaysOfDesk(db: Db, deskId: string, from: Date): Promise<LiveSession[]> {
  const rows = await liveSelect(db)
    .where('s.desk_id', '=', deskId)
    .where('s.rule_id', 'is not', null)
    .where('s.ends_at', '>', from)
    .orderBy('s.starts_at')
    .execute();
  return rows.map(norm);
}

// ── Exceptions ────────────────────────────────────────────────────────────────────────────────────────────
export interface ExceptionRow {
  id: string;
  kind: DeskExceptionKind;
  desk_id: string | null;
  desk_name: string | null;
  officer_id: string | null;
  officer_name: string | null;
  from_date: string;
  to_date: string;
  note: string | null;
  version: number;
}

const exceptionSelect = (db: Db) =>
  db
    .selectFrom('desk_exception as e')
    .leftJoin('desk as d', 'd.id', 'e.desk_id')
    .leftJoin('app_user as u', 'u.id', 'e.officer_id')
    .select([
      'e.id',
      'e.kind',
      'e.desk_id',
      'd.name as desk_name',
      'e.officer_id',
      'u.display_name as officer_name',
      'e.from_date',
      'e.to_date',
      'e.note',
      'e.version',
    ])
    .where('e.removed_at', 'is', null);

/** The live exceptions of an office ending on or after `from` (ISO date). */
export async function exceptionsOf(db: Db, officeId: string, from: string): Promise<ExceptionRow[]> {
  return exceptionSelect(db)
    .where('e.inps_office_id', '=', officeId)
    .where('e.to_date', '>=', from)
    .orderBy('e.from_date')
    .execute();
}

export async function exception(
  db: Db,
  id: string,
): Promise<(ExceptionRow & { office: string }) | undefined> {
  return exceptionSelect(db).select('e.inps_office_id as office').where('e.id', '=', id).executeTakeFirst();
}

/** Live exceptions touching this desk or this officer between two ISO dates (both included). */
export async function exceptionsFor(
  db: Db,
  deskId: string | null,
  officerId: string | null,
  from: string,
  to: string,
): Promise<{ kind: DeskExceptionKind; from_date: string; to_date: string }[]> {
  return db
    .selectFrom('desk_exception')
    .select(['kind', 'from_date', 'to_date'])
    .where('removed_at', 'is', null)
    .where('from_date', '<=', to)
    .where('to_date', '>=', from)
    .where((eb) =>
      eb.or([
        ...(deskId ? [eb('desk_id', '=', deskId)] : []),
        ...(officerId ? [eb('officer_id', '=', officerId)] : []),
      ]),
    )
    .execute();
}

export async function insertException(
  db: Db,
  e: {
    id: string;
    officeId: string;
    kind: DeskExceptionKind;
    deskId: string | null;
    officerId: string | null;
    from: string;
    to: string;
    note: string | null;
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto('desk_exception')
    .values({
      id: e.id,
      inps_office_id: e.officeId,
      kind: e.kind,
      desk_id: e.deskId,
      officer_id: e.officerId,
      from_date: e.from,
      to_date: e.to,
      note: e.note,
      created_by: e.createdBy,
      created_at: clockNow(),
    })
    .execute();
}

export async function removeException(
  db: Db,
  id: string,
  version: number,
  by: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('desk_exception')
    .set({ removed_at: now, removed_by: by, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Live desk days of a desk that have not ended at `now` (running or future), locked for update. */
export async function unendedSessionsOfDesk(db: Db, deskId: string, now: Date): Promise<LiveSession[]> {
  const rows = await liveSelect(db)
    .where('s.desk_id', '=', deskId)
    .where('s.ends_at', '>', now)
    .orderBy('s.starts_at')
    .forUpdate('s')
    .execute();
  return rows.map(norm);
}

/** Ends the rules of a desk still running on or after `today`; their last day becomes `lastDay` at most. */
export async function endRulesOfDesk(
  db: Db,
  deskId: string,
  today: string,
  lastDay: string,
  by: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .updateTable('desk_rule')
    .set({
      valid_until: sql<string>`least(valid_until, greatest(valid_from, ${lastDay}::date))`,
      ended_at: now,
      ended_by: by,
      version: sql`version + 1`,
    })
    .where('desk_id', '=', deskId)
    .where('ended_at', 'is', null)
    .where('valid_until', '>=', today)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
