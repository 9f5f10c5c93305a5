import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { formatDateTime } from '../../platform/format.ts';
import { type Lang, translate } from '../../platform/i18n/index.ts';
import type { Mailer, MailMessage } from '../../platform/mail/mailer.ts';
import * as repo from './repository.ts';

// Invitations to a meeting (issue 13): an e-mail to every active delegate with an address, in her language, with
// an iCalendar METHOD:REQUEST — ORGANIZER the tavolo's mailbox, ATTENDEE every delegate with RSVP — made with
// ical-generator and sent by nodemailer (platform/mail). A change is the same UID with a higher SEQUENCE; a
// cancellation is METHOD:CANCEL. The reminder goes 24 hours before, by the hourly job of this feature.

export const uidOf = (meetingId: string) => `${meetingId}@ponte-tavoli`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function meetingIcs(
  o: {
    meeting: repo.MeetingRow;
    table: repo.TableRow;
    attendees: Array<{ name: string; email: string }>;
    method: 'REQUEST' | 'CANCEL';
  },
  lang: Lang,
): string {
  const m = o.meeting;
  const cal = ical({
    prodId: { company: 'Ponte', product: 'tavoli', language: lang.toUpperCase() },
    method: o.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  cal.createEvent({
    id: uidOf(m.id),
    sequence: m.ics_sequence,
    start: m.starts_at,
    end: new Date(m.starts_at.getTime() + m.duration_minutes * 60_000),
    summary: translate(lang, 'roundtables.ics.summary', { table: o.table.name }),
    location: m.place_name ?? (m.video_link ? translate(lang, 'roundtables.meeting.video') : null),
    url: m.video_link,
    status: o.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: o.table.name, email: o.table.mailbox },
    attendees: o.attendees.map((a) => ({ ...a, rsvp: true, role: ICalAttendeeRole.REQ })),
  });
  return cal.toString();
}

function invitationMessage(
  o: { meeting: repo.MeetingRow; table: repo.TableRow; attendees: Array<{ name: string; email: string }> },
  to: { email: string; lang: Lang },
  kind: 'invite' | 'update' | 'cancel' | 'reminder',
): MailMessage {
  const lang = to.lang;
  const at = formatDateTime(o.meeting.starts_at, lang);
  const where = [o.meeting.place_name, o.meeting.video_link].filter(Boolean).join(' · ');
  const method = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  return {
    to: to.email,
    subject: translate(lang, `roundtables.mail.${kind}.subject`, { table: o.table.name, at }),
    text: translate(lang, `roundtables.mail.${kind}.text`, { table: o.table.name, at, where }),
    calendar: {
      method,
      filename: kind === 'cancel' ? 'annullata.ics' : 'seduta.ics',
      content: meetingIcs({ ...o, method }, lang),
    },
  };
}

async function recipients(db: Db, table: repo.TableRow) {
  const people = (await repo.delegates(db, table.id)).filter((d) => d.active && d.email);
  return people.map((d) => ({ name: d.display_name, email: d.email!, lang: (d.lang ?? 'it') as Lang }));
}

/**
 * The job `roundtables.invite`: the invitation (first time), its update (the meeting changed since it was first
 * sent: SEQUENCE > 0) or the cancellation, to every delegate with an address. Answers how many were sent.
 */
export async function sendInvitations(
  db: Db,
  mailer: Mailer,
  payload: Record<string, unknown>,
): Promise<number> {
  const id = String(payload.meeting ?? '');
  const method = payload.method === 'CANCEL' ? 'CANCEL' : 'REQUEST';
  if (!UUID.test(id)) return 0;
  const meeting = await repo.meetingById(db, id);
  if (!meeting) return 0;
  // A later change supersedes this job: only the meeting's current state is sent.
  if ((method === 'CANCEL') !== (meeting.status === 'cancelled')) return 0;
  const table = (await repo.tableById(db, meeting.roundtable_id))!;
  const people = await recipients(db, table);
  const attendees = people.map((p) => ({ name: p.name, email: p.email }));
  const kind = method === 'CANCEL' ? 'cancel' : meeting.ics_sequence > 0 ? 'update' : 'invite';
  for (const p of people) await mailer.send(invitationMessage({ meeting, table, attendees }, p, kind));
  return people.length;
}

/** The hourly job `roundtables.reminder`: meetings starting in the next 24 hours, invited, not yet reminded. */
export async function sendReminders(db: Db, mailer: Mailer, now = clockNow()): Promise<number> {
  const due = await repo.meetingsToRemind(db, now, new Date(now.getTime() + 24 * 3_600_000));
  let sent = 0;
  for (const { id } of due) {
    await db.transaction().execute(async (tx) => {
      // Marked in the transaction that sends: two workers never remind twice; a failed send is retried.
      const claimed = await tx
        .updateTable('rt_meeting')
        .set({ reminded_at: now })
        .where('id', '=', id)
        .where('reminded_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      const meeting = (await repo.meetingById(tx, id))!;
      const table = (await repo.tableById(tx, meeting.roundtable_id))!;
      const people = await recipients(tx, table);
      const attendees = people.map((p) => ({ name: p.name, email: p.email }));
      for (const p of people) {
        await mailer.send(invitationMessage({ meeting, table, attendees }, p, 'reminder'));
        sent++;
      }
    });
  }
  return sent;
}
