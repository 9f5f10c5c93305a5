import pino from 'pino';
import type { Config } from '../../../config.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { JobDefinition } from '../../../platform/jobs/jobs.ts';
import { createMailer, type Mailer } from '../../../platform/mail/mailer.ts';
import { addressOf, appointmentIcs, type Change, officerMail } from './mail-messages.ts';
import { handleReminder, scheduleReminder } from './reminders.ts';
import { type MailAppointment, mailAppointment } from './repository.ts';

// The `desks.notify` job (enqueued by notify.ts in the transaction of the change): e-mails the appointment's
// officer with an .ics (METHOD REQUEST for booked and moved, CANCEL for cancelled; one stable UID per
// appointment) and plans the reminder. Idempotent: each (appointment, change) is recorded in desk_notification
// in the transaction that sends, so a job that runs twice sends once; a failed send rolls back and is retried.

const CHANGES: readonly Change[] = ['booked', 'moved', 'cancelled'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type NotifyOutcome = 'sent' | 'no_address' | 'already' | 'stale';

export interface NotifyOptions {
  mailFrom: string;
  now?: Date;
  /** Told how many e-mails were skipped for want of an address (never who). */
  onSkipped?: (count: number) => void;
}

export async function handleNotify(
  db: Db,
  mailer: Mailer,
  payload: Record<string, unknown>,
  opts: NotifyOptions,
): Promise<NotifyOutcome> {
  const id = String(payload.appointment ?? '');
  const change = payload.change as Change;
  if (!UUID.test(id) || !CHANGES.includes(change)) return 'stale';
  const a = await mailAppointment(db, id);
  if (!a) return 'stale';
  const previousId =
    typeof payload.previous === 'string' && UUID.test(payload.previous) ? payload.previous : null;
  if (change !== 'cancelled') {
    // Changed again before this job ran (cancelled, or moved once more): the later job tells the officer.
    if (a.status !== 'booked') return 'stale';
    await scheduleReminder(db, a, opts.now);
  }
  const previous =
    change === 'moved' && previousId ? ((await mailAppointment(db, previousId)) ?? null) : null;
  // A reminder task given to the CAV for an appointment that no longer takes place is done with.
  const gone = change === 'cancelled' ? a.id : change === 'moved' ? previousId : null;
  if (gone) await closeReminderTask(db, gone);
  const outcome = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('desk_notification')
      .values({
        appointment_id: a.id,
        change,
        outcome: a.officer_email ? 'sent' : 'no_address',
        sent_at: clockNow(),
      })
      .onConflict((oc) => oc.columns(['appointment_id', 'change']).doNothing())
      .returning('outcome')
      .executeTakeFirst();
    if (!row) return 'already' as const;
    if (!a.officer_email) return 'no_address' as const;
    await mailer.send(officerMessage(a, a.officer_email, change, previous, opts.mailFrom));
    return 'sent' as const;
  });
  if (outcome === 'no_address') opts.onSkipped?.(1);
  return outcome;
}

function officerMessage(
  a: MailAppointment,
  to: string,
  change: Change,
  previous: MailAppointment | null,
  mailFrom: string,
) {
  const organizer = { name: 'Ponte', email: addressOf(mailFrom) };
  const attendee = { name: a.officer_name, email: to };
  const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const { subject, text } = officerMail(a, change, previous);
  return {
    to,
    subject,
    text,
    calendar: {
      method,
      filename: change === 'cancelled' ? 'annullato.ics' : 'appuntamento.ics',
      content: appointmentIcs(a, method, organizer, attendee, a.officer_lang),
    },
    // A move is a new appointment: the old event is cancelled by its own UID in a second calendar file.
    attachments: previous
      ? [
          {
            filename: 'annullato.ics',
            contentType: 'text/calendar; charset=utf-8; method=CANCEL',
            content: appointmentIcs(previous, 'CANCEL', organizer, attendee, a.officer_lang),
          },
        ]
      : [],
  } as const;
}

/** The jobs `desks.notify` and `desks.reminder`, with one mailer for the process; logs where mail goes. */
export function deskJobs(config: Config, mailer: Mailer = createMailer(config)): JobDefinition[] {
  const log = pino({ level: config.logLevel, name: 'desks.mail' });
  log.info({ mail: mailer.target }, 'outgoing mail');
  if (config.env === 'production' && mailer.kind === 'none') {
    log.warn('SMTP_URL is not set: no e-mail is sent, and reminders are given by the CAV operator');
  }
  return [
    {
      kind: 'desks.notify',
      handler: async (payload, { db }) => {
        await handleNotify(db, mailer, payload, {
          mailFrom: config.mailFrom,
          onSkipped: (count) => log.info({ skipped: count }, 'officer without e-mail: notification skipped'),
        });
      },
    },
    {
      kind: 'desks.reminder',
      handler: async (payload, { db }) => {
        await handleReminder(db, mailer, payload);
      },
    },
  ];
}

/** Marks done the CAV's reminder task (due item) of an appointment that was cancelled or moved; idempotent. */
async function closeReminderTask(db: Db, appointmentId: string): Promise<void> {
  await db
    .updateTable('due_item')
    .set({ done_at: clockNow() })
    .where('done_at', 'is', null)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('desk_reminder')
        .select('due_item_id')
        .where('appointment_id', '=', appointmentId)
        .where('due_item_id', 'is not', null),
    )
    .execute();
}
