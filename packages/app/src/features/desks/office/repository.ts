import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { AppointmentStatus } from '../../../platform/db/schema.ts';

// SQL of "Appuntamenti dell'ufficio": the appointments on the desks of one INPS office, for its director. Only
// what is not identifying is read: the card's code, the times, the desk, the officer and the status.

/** The statuses the list shows: a hold is a booking still being made (minutes), not an appointment yet. */
export const OFFICE_STATUSES = [
  'booked',
  'done',
  'no_show',
  'cancelled',
] as const satisfies readonly AppointmentStatus[];
export type OfficeStatus = (typeof OFFICE_STATUSES)[number];

export interface OfficeFilter {
  /** Appointments starting at or after this instant. */
  from?: Date | undefined;
  /** Appointments starting before this instant. */
  to?: Date | undefined;
  officerId?: string | undefined;
  deskId?: string | undefined;
  status?: OfficeStatus | undefined;
}

export interface OfficeAppointmentRow {
  id: string;
  card_id: string;
  card_code: string;
  /** Whether the card is of this office (only then is its INPS page hers to open). */
  card_of_office: boolean;
  desk_name: string;
  officer_name: string;
  status: OfficeStatus;
  starts_at: Date;
  ends_at: Date;
  /** Set when this (cancelled) appointment was moved to another. */
  rescheduled_to: string | null;
}

/** The office's appointments matching the filter (the status only when `withStatus`). */
function matching(db: Db, officeId: string, f: OfficeFilter, withStatus: boolean) {
  let q = db
    .selectFrom('appointment as a')
    .innerJoin('desk as d', 'd.id', 'a.desk_id')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .innerJoin('app_user as u', 'u.id', 'a.officer_id')
    .where('d.inps_office_id', '=', officeId)
    .where('a.status', 'in', OFFICE_STATUSES);
  if (f.from) q = q.where(sql<boolean>`lower(a.during) >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) q = q.where(sql<boolean>`lower(a.during) < ${f.to.toISOString()}::timestamptz`);
  if (f.officerId) q = q.where('a.officer_id', '=', f.officerId);
  if (f.deskId) q = q.where('a.desk_id', '=', f.deskId);
  if (withStatus && f.status) q = q.where('a.status', '=', f.status);
  return q;
}

/**
 * A page of the office's appointments: the ones not yet ended first (soonest first), then the past ones (latest
 * first), with how many match in all.
 */
export async function officeAppointments(
  db: Db,
  officeId: string,
  f: OfficeFilter & { now: Date; limit: number; offset: number },
): Promise<{ rows: OfficeAppointmentRow[]; total: number }> {
  const base = matching(db, officeId, f, true);
  const at = sql`${f.now.toISOString()}::timestamptz`;
  const rows = await base
    .select([
      'a.id',
      'a.card_id',
      'c.code as card_code',
      sql<boolean>`c.inps_office_id = ${officeId}`.as('card_of_office'),
      'd.name as desk_name',
      'u.display_name as officer_name',
      sql<OfficeStatus>`a.status`.as('status'),
      sql<Date>`lower(a.during)`.as('starts_at'),
      sql<Date>`upper(a.during)`.as('ends_at'),
      'a.rescheduled_to',
    ])
    .orderBy(
      sql`upper(a.during) <= ${at}, case when upper(a.during) > ${at} then lower(a.during) end,
        lower(a.during) desc, a.id`,
    )
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({
      ...r,
      card_of_office: Boolean(r.card_of_office),
      starts_at: new Date(r.starts_at),
      ends_at: new Date(r.ends_at),
    })),
    total: Number(total.n),
  };
}

/** How many of the office's appointments match the filter, per status (the status filter itself left out). */
export async function officeStatusCounts(
  db: Db,
  officeId: string,
  f: OfficeFilter,
): Promise<Record<OfficeStatus, number>> {
  const rows = await matching(db, officeId, f, false)
    .select(['a.status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('a.status')
    .execute();
  const counts = Object.fromEntries(OFFICE_STATUSES.map((s) => [s, 0])) as Record<OfficeStatus, number>;
  for (const r of rows) if (r.status in counts) counts[r.status as OfficeStatus] = Number(r.n);
  return counts;
}

/** Every desk of the office, retired ones too (their past appointments stay listed), active first. */
export async function officeDesks(
  db: Db,
  officeId: string,
): Promise<{ id: string; name: string; active: boolean }[]> {
  return db
    .selectFrom('desk')
    .select(['id', 'name', 'active'])
    .where('inps_office_id', '=', officeId)
    .orderBy('active', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The office's officers, and anyone who held an appointment on its desks (an officer who has since left). */
export async function officeOfficers(db: Db, officeId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name as name'])
    .where((eb) =>
      eb.or([
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('membership as m')
            .select('m.user_id')
            .where('m.organisation_id', '=', officeId)
            .where('m.role', '=', 'inps_officer'),
        ),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('appointment as a')
            .innerJoin('desk as d', 'd.id', 'a.desk_id')
            .select('a.officer_id')
            .where('d.inps_office_id', '=', officeId),
        ),
      ]),
    )
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}
