import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { Db } from '../../platform/db/database.ts';
import { formatDateTime } from '../../platform/format.ts';
import { isLang, type Lang, translate } from '../../platform/i18n/index.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { isUuid, MAIL_JOB, type MailChange, type SessionRow, sessions } from './service.ts';

// The training e-mails (the `training.mail` job, enqueued in the transaction of the enrolment): a confirmation
// with an invitation (ICS METHOD:REQUEST, ORGANIZER and ATTENDEE with RSVP, one stable UID per session), the
// waiting-list notice, and the notice to the first on the list when a place frees up (with the invitation).
// Staff only: nothing about a woman is in a course.

const CHANGES: readonly MailChange[] = ['enrolled', 'waiting', 'promoted'];

/** A stable UID per session and person, so that a calendar updates the same event. */
export const sessionUid = (sessionId: string, userId: string) => `${sessionId}.${userId}@ponte-formazione`;

export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/**
 * The invitation to sessions (ICS METHOD:REQUEST): one event per session with the stable UID of the session and the
 * person, so that the reminder and the confirmation update the same event in her calendar.
 */
export function invitation(
  ss: readonly SessionRow[],
  person: { id: string; name: string; email: string },
  lang: Lang,
  params: { course: string; edition: string },
  mailFrom: string,
): { method: 'REQUEST'; content: string; filename: string } {
  const cal = ical({
    prodId: { company: 'Ponte', product: 'formazione', language: 'IT' },
    method: ICalCalendarMethod.REQUEST,
  });
  for (const s of ss)
    cal.createEvent({
      id: sessionUid(s.id, person.id),
      start: s.starts_at,
      end: s.ends_at,
      summary: translate(lang, 'training.ics.summary', params),
      location: placeOf(s),
      url: s.mode === 'online' ? s.online_url : null,
      sequence: 0,
      status: ICalEventStatus.CONFIRMED,
      organizer: { name: 'Ponte', email: addressOf(mailFrom) },
      attendees: [
        {
          name: person.name,
          email: person.email,
          rsvp: true,
          role: ICalAttendeeRole.REQ,
          status: ICalAttendeeStatus.NEEDSACTION,
        },
      ],
    });
  return { method: 'REQUEST', content: cal.toString(), filename: 'invito.ics' };
}

/** Where a session is held: its link, or the premises' name. */
export const placeOf = (s: SessionRow) => (s.mode === 'online' ? (s.online_url ?? '') : (s.venue_name ?? ''));

/** An enrolment with what an e-mail to her needs: her name, address and language, the course and the edition. */
export function enrolledPerson(db: Db) {
  return db
    .selectFrom('training_enrolment as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .innerJoin('training_edition as e', 'e.id', 'n.edition_id')
    .innerJoin('training_course as c', 'c.id', 'e.course_id')
    .select([
      'n.user_id',
      'n.edition_id',
      'n.status',
      'u.display_name',
      'u.email',
      'u.lang',
      'c.title',
      'e.label',
    ]);
}

export async function handleTrainingMail(
  db: Db,
  mailer: Mailer,
  payload: Record<string, unknown>,
  mailFrom: string,
): Promise<'sent' | 'no_address' | 'stale'> {
  const id = payload.enrolment;
  const change = payload.change as MailChange;
  if (!isUuid(id) || !CHANGES.includes(change)) return 'stale';
  const n = await enrolledPerson(db).where('n.id', '=', id).executeTakeFirst();
  if (!n) return 'stale';
  // Changed again before the job ran (withdrawn, or moved up): the later job tells her.
  if ((change === 'waiting' && n.status !== 'waiting') || (change !== 'waiting' && n.status !== 'enrolled'))
    return 'stale';
  if (!n.email) return 'no_address';
  const lang: Lang = isLang(n.lang) ? n.lang : 'it';
  const ss = await sessions(db, n.edition_id);
  const params = { course: n.title, edition: n.label };
  const lines = ss.map((s) =>
    translate(lang, 'training.mail.sessionLine', {
      at: formatDateTime(s.starts_at, lang),
      place: placeOf(s),
    }),
  );
  const text = [translate(lang, `training.mail.${change}.text`, params), '', ...lines].join('\n');
  const calendar =
    change !== 'waiting' && ss.length > 0
      ? invitation(ss, { id: n.user_id, name: n.display_name, email: n.email }, lang, params, mailFrom)
      : undefined;
  await mailer.send({
    to: n.email,
    subject: translate(lang, `training.mail.${change}.subject`, params),
    text,
    ...(calendar ? { calendar } : {}),
  });
  return 'sent';
}

/** The training feature's job: its e-mails. */
export function trainingJobs(mailer: Mailer, mailFrom: string): JobDefinition[] {
  return [
    {
      kind: MAIL_JOB,
      handler: async (payload, { db }) => {
        await handleTrainingMail(db, mailer, payload, mailFrom);
      },
    },
  ];
}
