import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { DeskKind } from '../../../platform/db/schema.ts';
import { bookedOn, dayColumns, type SessionRow } from '../booking/repository.ts';

// SQL of the officer's own availability ("La mia disponibilità", issue 5): her desk days and the one she withdraws.

/** A desk day of hers (booking's SessionRow, without her own name), with its desk and what is booked on it. */
export type OwnDayRow = Omit<SessionRow, 'officer_name'> & {
  desk_name: string;
  desk_kind: DeskKind;
  host_name: string;
  version: number;
  /** Appointments that took a slot (booked, held and not expired, done, no-show). */
  booked: number;
  /** Appointments still active (booked, or held and not expired): while there is one, the day stays. */
  active: number;
};

const ownSelect = (db: Db, now: Date) =>
  db
    .selectFrom('desk_session as s')
    .innerJoin('desk as d', 'd.id', 's.desk_id')
    .innerJoin('organisation as host', 'host.id', 'd.organisation_id')
    .select([
      's.id',
      's.desk_id',
      'd.name as desk_name',
      'd.kind as desk_kind',
      'host.name as host_name',
      's.officer_id',
      ...dayColumns,
      's.version',
      bookedOn(now).as('booked'),
      sql<string>`(select count(*) from appointment a where a.session_id = s.id
        and (a.status = 'booked'
          or (a.status = 'held' and a.hold_expires_at > ${now.toISOString()}::timestamptz)))`.as('active'),
    ])
    .where('s.cancelled_at', 'is', null);

const norm = (r: Omit<OwnDayRow, 'booked' | 'active'> & { booked: string; active: string }): OwnDayRow => ({
  ...r,
  starts_at: new Date(r.starts_at),
  ends_at: new Date(r.ends_at),
  booked: Number(r.booked),
  active: Number(r.active),
});

/** The live desk days of an officer on the desks of her office that have not ended, soonest first, a page at a time. */
export async function daysOfOfficer(
  db: Db,
  f: { officerId: string; officeId: string; now: Date; limit: number; offset: number },
): Promise<{ rows: OwnDayRow[]; total: number }> {
  const rows = await ownSelect(db, f.now)
    .where('s.officer_id', '=', f.officerId)
    .where('d.inps_office_id', '=', f.officeId)
    .where('s.ends_at', '>', f.now)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await db
    .selectFrom('desk_session as s')
    .innerJoin('desk as d', 'd.id', 's.desk_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('s.cancelled_at', 'is', null)
    .where('s.officer_id', '=', f.officerId)
    .where('d.inps_office_id', '=', f.officeId)
    .where('s.ends_at', '>', f.now)
    .executeTakeFirstOrThrow();
  return { rows: rows.map(norm), total: Number(total.n) };
}

/** One live desk day of this officer on a desk of her office. */
export async function dayOfOfficer(
  db: Db,
  id: string,
  officerId: string,
  officeId: string,
  now: Date,
): Promise<OwnDayRow | undefined> {
  const row = await ownSelect(db, now)
    .where('s.id', '=', id)
    .where('s.officer_id', '=', officerId)
    .where('d.inps_office_id', '=', officeId)
    .executeTakeFirst();
  return row && norm(row);
}

/** Locks a live desk day for its cancellation (a hold shares this lock: it waits, or it committed first). */
export async function lockDayForCancel(db: Db, id: string): Promise<{ version: number } | undefined> {
  return db
    .selectFrom('desk_session')
    .select('version')
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}
