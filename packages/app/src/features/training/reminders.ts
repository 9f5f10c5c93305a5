import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import { isLang, type Lang, translate } from '../../platform/i18n/index.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { enrolledPerson, invitation, placeOf } from './mail.ts';
import { sessions } from './service.ts';

// The training's hourly jobs (issue 14, decision 0061). `training.reminder`: the e-mail 24 hours before a session to
// each person enrolled, with the invitation (ICS REQUEST, the same UID as the confirmation's, so her calendar
// updates the event). `training.refreshers`: a valid certificate that expires within 60 days becomes a refresher
// due — marked once, told by e-mail to her and to the coordinators of the organisation she was enrolled for, and
// counted on their home page. Each mark is written in the transaction that sends: two workers never send twice,
// and a failed send is retried on the next run.

export const REMINDER_JOB = 'training.reminder';
export const REFRESHER_JOB = 'training.refreshers';
const DAY_MS = 86_400_000;
export const REFRESHER_DAYS = 60;

const langOf = (l: string | null): Lang => (isLang(l) ? l : 'it');

/** Sends the reminders of the sessions starting in the next 24 hours; answers how many were sent. */
export async function sendSessionReminders(
  db: Db,
  mailer: Mailer,
  mailFrom: string,
  at: Date = clockNow(),
): Promise<number> {
  const due = await enrolledPerson(db)
    .innerJoin('training_session as s', 's.edition_id', 'n.edition_id')
    .select('s.id as session_id')
    .where('n.status', '=', 'enrolled')
    .where('u.active', '=', true)
    .where('u.email', 'is not', null)
    .where('s.starts_at', '>', at)
    .where('s.starts_at', '<=', new Date(at.getTime() + DAY_MS))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('training_session_reminder as r')
            .select('r.session_id')
            .whereRef('r.session_id', '=', 's.id')
            .whereRef('r.user_id', '=', 'n.user_id'),
        ),
      ),
    )
    .execute();
  let sent = 0;
  for (const d of due) {
    await db.transaction().execute(async (tx) => {
      const claimed = await tx
        .insertInto('training_session_reminder')
        .values({ session_id: d.session_id, user_id: d.user_id, sent_at: at })
        .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      const s = (await sessions(tx, d.edition_id)).find((x) => x.id === d.session_id);
      if (!s) return;
      const lang = langOf(d.lang);
      const params = {
        course: d.title,
        edition: d.label,
        at: formatDateTime(s.starts_at, lang),
        place: placeOf(s),
      };
      await mailer.send({
        to: d.email as string,
        subject: translate(lang, 'training.mail.reminder.subject', params),
        text: translate(lang, 'training.mail.reminder.text', params),
        calendar: invitation(
          [s],
          { id: d.user_id, name: d.display_name, email: d.email as string },
          lang,
          params,
          mailFrom,
        ),
      });
      sent++;
    });
  }
  return sent;
}

/** Marks the certificates that expire within 60 days as due for a refresher, telling her and her coordinators. */
export async function markRefreshersDue(db: Db, mailer: Mailer, at: Date = clockNow()): Promise<number> {
  const certs = await db
    .selectFrom('training_certificate as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      't.organisation_id',
      't.course_title',
      't.valid_until',
      'u.display_name',
      'u.email',
      'u.lang',
    ])
    .where('t.revoked_at', 'is', null)
    .where('t.valid_until', '>', at)
    .where('t.valid_until', '<=', new Date(at.getTime() + REFRESHER_DAYS * DAY_MS))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('training_refresher_due as d')
            .select('d.certificate_id')
            .whereRef('d.certificate_id', '=', 't.id'),
        ),
      ),
    )
    .execute();
  let marked = 0;
  for (const c of certs) {
    await db.transaction().execute(async (tx) => {
      const until = new Date(c.valid_until as Date);
      const claimed = await tx
        .insertInto('training_refresher_due')
        .values({
          certificate_id: c.id,
          user_id: c.user_id,
          organisation_id: c.organisation_id,
          valid_until: until,
          created_at: at,
        })
        .onConflict((oc) => oc.column('certificate_id').doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      marked++;
      const coordinators = await tx
        .selectFrom('membership as m')
        .innerJoin('app_user as u', 'u.id', 'm.user_id')
        .select(['u.email', 'u.lang'])
        .where('m.organisation_id', '=', c.organisation_id)
        .where('m.role', 'in', ['cav_coordinator', 'inps_director'])
        .where('u.active', '=', true)
        .where('u.email', 'is not', null)
        .where('u.id', '<>', c.user_id)
        .distinct()
        .execute();
      const to = [
        { email: c.email, lang: c.lang, key: 'training.mail.refresher' },
        ...coordinators.map((x) => ({ email: x.email, lang: x.lang, key: 'training.mail.refresherStaff' })),
      ];
      for (const r of to) {
        if (!r.email) continue;
        const lang = langOf(r.lang);
        const params = { course: c.course_title, name: c.display_name, date: formatDate(until, lang) };
        await mailer.send({
          to: r.email,
          subject: translate(lang, `${r.key}.subject`, params),
          text: translate(lang, `${r.key}.text`, params),
        });
      }
    });
  }
  return marked;
}

/** The refreshers due in an organisation, still ahead (for the coordinators' home page). */
export async function refreshersDueIn(db: Db, orgId: string, at: Date = clockNow()): Promise<number> {
  const r = await db
    .selectFrom('training_refresher_due')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', orgId)
    .where('valid_until', '>', at)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The hourly jobs: session reminders and refreshers due. */
export function reminderJobs(mailer: Mailer, mailFrom: string): JobDefinition[] {
  return [
    {
      kind: REMINDER_JOB,
      schedule: { every: 'hour' },
      handler: async (_payload, { db }) => {
        await sendSessionReminders(db, mailer, mailFrom);
      },
    },
    {
      kind: REFRESHER_JOB,
      schedule: { every: 'hour' },
      handler: async (_payload, { db }) => {
        await markRefreshersDue(db, mailer);
      },
    },
  ];
}
