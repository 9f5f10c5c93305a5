import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { AppointmentStatus, DeskKind } from '../../../platform/db/schema.ts';
import type { Lang } from '../../../platform/i18n/index.ts';

// SQL of what the desks send (issue 5, part C): the appointment as the e-mails, the reminder and the calendar
// feed see it — times, place, card code and the staff involved, nothing identifying about the woman.

export interface MailAppointment {
  id: string;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  card_code: string;
  case_id: string;
  cav_id: string;
  desk_name: string;
  desk_kind: DeskKind;
  video_link: string | null;
  /** The organisation hosting the desk (the CAV of a CAV room, the INPS office otherwise). */
  host_name: string;
  officer_id: string;
  officer_name: string;
  officer_email: string | null;
  /** The officer's stored language; null = not chosen (her e-mail in Italian, then English). */
  officer_lang: Lang | null;
  booked_by: string;
  operator_email: string | null;
  /** The booking operator's stored language, likewise. */
  operator_lang: Lang | null;
}

/** The appointment with its card, desk and host: its time, place and card code, as every message shows it. */
const placedAppointment = (db: Db) =>
  db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .innerJoin('desk as d', 'd.id', 'a.desk_id')
    .innerJoin('organisation as h', 'h.id', 'd.organisation_id')
    .select([
      'a.id',
      'a.status',
      sql<Date>`lower(a.during)`.as('starts_at'),
      sql<Date>`upper(a.during)`.as('ends_at'),
      'c.code as card_code',
      'd.name as desk_name',
      'd.kind as desk_kind',
      'd.video_link',
      'h.name as host_name',
    ]);

export async function mailAppointment(db: Db, id: string): Promise<MailAppointment | undefined> {
  const row = await placedAppointment(db)
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .innerJoin('app_user as o', 'o.id', 'a.officer_id')
    .innerJoin('app_user as b', 'b.id', 'a.booked_by')
    .select([
      'f.id as case_id',
      'f.cav_id',
      'a.officer_id',
      'o.display_name as officer_name',
      sql<string | null>`case when o.active then o.email end`.as('officer_email'),
      'o.lang as officer_lang',
      'a.booked_by',
      sql<string | null>`case when b.active then b.email end`.as('operator_email'),
      'b.lang as operator_lang',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, starts_at: new Date(row.starts_at), ends_at: new Date(row.ends_at) };
}

export interface FeedAppointment {
  id: string;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  card_code: string;
  desk_name: string;
  desk_kind: DeskKind;
  video_link: string | null;
  host_name: string;
}

/** An officer's booked and done appointments starting in [from, to), in time order. */
export async function feedAppointments(
  db: Db,
  officerId: string,
  from: Date,
  to: Date,
): Promise<FeedAppointment[]> {
  const rows = await placedAppointment(db)
    .where('a.officer_id', '=', officerId)
    .where('a.status', 'in', ['booked', 'done'])
    .where(sql<boolean>`lower(a.during) >= ${from.toISOString()}::timestamptz`)
    .where(sql<boolean>`lower(a.during) < ${to.toISOString()}::timestamptz`)
    .orderBy(sql`lower(a.during)`)
    .limit(2000)
    .execute();
  return rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at), ends_at: new Date(r.ends_at) }));
}
