import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { appendAudit } from '../../../platform/audit/audit.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { ContactChannel } from '../../../platform/db/schema.ts';
import { PonteError } from '../../../platform/errors.ts';
import { enqueue } from '../../../platform/jobs/jobs.ts';
import type { Mailer } from '../../../platform/mail/mailer.ts';
import {
  contactUnknownToAbuser,
  hasConsent,
  readIdentity,
  safeContactOf,
  systemActor,
} from '../../cases/index.ts';
import { fmtWhen, operatorReminder, romeDate, womanReminder } from './mail-messages.ts';
import { type MailAppointment, mailAppointment } from './repository.ts';

// Reminders of desk appointments (issue 5, part C; product.md: nothing reaches the woman unless her safe-contact
// profile allows that channel at that time, the default being "through the CAV operator only"). The reminder
// goes to her by e-mail ONLY when her profile allows e-mail, her `contact` consent is live and the Rome time is
// inside her contact hours; outside them it waits for the next allowed time that is still at least an hour
// before the appointment. In every other case the CAV operator who booked gets it (an e-mail and a due item on
// the case) and gives it herself. One reminder per appointment (table desk_reminder).

const ROME = 'Europe/Rome';
/** Contact hours when her profile names none: 09:00–19:00. */
export const DEFAULT_HOURS: readonly Range[] = [[9 * 60, 19 * 60]];
const DAY = 24 * 3600_000;

/** Minutes of the Rome day, [from, to). */
export type Range = readonly [number, number];

const TIME = String.raw`(\d{1,2})(?:[:.](\d{2}))?`;
const RANGE = new RegExp(
  String.raw`(?:\b(?:dalle|from)\s+)?(?:\bore\s+)?${TIME}\s*(?:-|\balle\b|\bfino alle\b|\bto\b|\buntil\b)\s*(?:\bore\s+)?${TIME}(?!\d)`,
  'g',
);
/** What may stand between ranges: separators and filler words («9-13 e 15-18», «9-13, 15-18»). */
const FILLER = /^(?:[\s,;/&+]|\be\b|\band\b|\bore\b|\bh\b|\.)*$/;

function minutes(h: string, m: string | undefined): number | null {
  const hh = Number(h);
  const mm = m === undefined ? 0 : Number(m);
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0)) return null;
  return hh * 60 + mm;
}

/**
 * Her contact hours as ranges of Rome minutes: "9-13", "09:00-13:00", "9.30–12", "dalle 9 alle 13", several
 * ranges allowed. Empty → 09:00–19:00. Anything else (days, words, "solo mattina") → null: not allowed, since a
 * time Ponte cannot read is a time it must not guess.
 */
export function parseContactHours(text: string | null | undefined): Range[] | null {
  const t = (text ?? '').toLowerCase().replace(/[–—]/g, '-').trim();
  if (t === '') return [...DEFAULT_HOURS];
  const ranges: Range[] = [];
  const rest = t.replace(
    RANGE,
    (_m, h1: string, m1: string | undefined, h2: string, m2: string | undefined) => {
      const from = minutes(h1, m1);
      const to = minutes(h2, m2);
      ranges.push(from === null || to === null || from >= to ? [-1, -1] : [from, to]);
      return ' ';
    },
  );
  if (ranges.length === 0 || !FILLER.test(rest) || ranges.some(([f]) => f < 0)) return null;
  return ranges.sort((a, b) => a[0] - b[0]);
}

function romeAt(date: Temporal.PlainDate, minute: number): number {
  const day = date.add({ days: Math.floor(minute / 1440) });
  const m = minute % 1440;
  const time = new Temporal.PlainTime(Math.floor(m / 60), m % 60);
  return day.toPlainDateTime(time).toZonedDateTime(ROME, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The first instant ≥ now inside one of the ranges (Rome time) and not after `deadline`, or null. */
export function nextAllowed(now: Date, ranges: readonly Range[], deadline: Date): Date | null {
  if (deadline < now) return null;
  let day = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(ROME).toPlainDate();
  for (let i = 0; i < 400; i++, day = day.add({ days: 1 })) {
    if (romeAt(day, 0) > deadline.getTime()) return null;
    for (const [from, to] of ranges) {
      const at = Math.max(now.getTime(), romeAt(day, from));
      if (at < romeAt(day, to) && at <= deadline.getTime()) return new Date(at);
    }
  }
  return null;
}

/** Whether `now` is inside her contact hours. */
export function withinHours(now: Date, ranges: readonly Range[]): boolean {
  return nextAllowed(now, ranges, now)?.getTime() === now.getTime();
}

/** Plans the reminder of a booked appointment: 24 h before it, or now when that is already past. */
export async function scheduleReminder(
  db: Db,
  a: { id: string; starts_at: Date },
  now = clockNow(),
): Promise<void> {
  const start = a.starts_at.toISOString();
  const runAt = new Date(Math.max(now.getTime(), a.starts_at.getTime() - DAY));
  await enqueue(
    db,
    'desks.reminder',
    { appointment: a.id, start },
    { uniqueKey: `desks.reminder:${a.id}:${start}`, runAt },
  );
}

export type ReminderOutcome =
  | { kind: 'stale' }
  | { kind: 'already' }
  | { kind: 'deferred'; at: Date }
  | { kind: 'woman' }
  | { kind: 'cav'; why: string; operatorMailed: boolean };

/** The `desks.reminder` job. Idempotent: a reminder recorded once is never sent again. */
export async function handleReminder(
  db: Db,
  mailer: Mailer,
  payload: Record<string, unknown>,
  now = clockNow(),
): Promise<ReminderOutcome> {
  const id = typeof payload.appointment === 'string' ? payload.appointment : '';
  const a = /^[0-9a-f-]{36}$/i.test(id) ? await mailAppointment(db, id) : undefined;
  // Cancelled, moved (a new appointment has its own reminder), done, or already started: nothing to remind.
  if (!a) return { kind: 'stale' };
  if (a.status !== 'booked' || a.starts_at.toISOString() !== payload.start || a.starts_at <= now)
    return { kind: 'stale' };
  if (await recorded(db, a.id)) return { kind: 'already' };

  const contact = (await safeContactOf(db, a.case_id)) ?? {
    channels: ['cav_only'] as ContactChannel[],
    hours: null,
    abuser_knows: null,
  };
  const consent = await hasConsent(db, a.case_id, 'contact', romeDate(now));
  const ranges = parseContactHours(contact.hours);
  let why: string;
  if (!contact.channels.includes('email')) why = 'channel';
  // "Yes", "I don't know" and an unasked question all keep Ponte from writing to her (decision 0041).
  else if (!contactUnknownToAbuser(contact.abuser_knows)) why = 'abuser_may_know';
  else if (!consent) why = 'no_consent';
  else if (!ranges) why = 'hours_unparseable';
  else {
    const deadline = new Date(a.starts_at.getTime() - 3600_000);
    if (!withinHours(now, ranges) || now > deadline) {
      const at = nextAllowed(now, ranges, deadline);
      if (at) {
        await enqueue(
          db,
          'desks.reminder',
          { appointment: a.id, start: payload.start },
          { uniqueKey: `desks.reminder:${a.id}:${payload.start}:${at.toISOString()}`, runAt: at },
        );
        return { kind: 'deferred', at };
      }
      why = 'no_time';
    } else {
      why = await toWoman(db, mailer, a);
      if (why === '') return { kind: 'woman' };
    }
  }
  return toCav(db, mailer, a, why, contact);
}

async function recorded(db: Db, appointmentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('desk_reminder')
    .select('appointment_id')
    .where('appointment_id', '=', appointmentId)
    .executeTakeFirst();
  return !!row;
}

/** Sends the neutral reminder to her; returns '' when sent, or why it could not be (then the CAV gives it). */
async function toWoman(db: Db, mailer: Mailer, a: MailAppointment): Promise<string> {
  // No mail server (production without SMTP_URL, or an in-memory demo): nothing would reach her, and her
  // address is not even read.
  if (mailer.kind === 'none') return 'no_mail_server';
  let email: string | undefined;
  try {
    // The one audited accessor (case.identity_read, purpose reminder) checks again: booked, e-mail, consent.
    const identity = await readIdentity(db, systemActor(a.cav_id), a.case_id, {
      kind: 'reminder',
      appointmentId: a.id,
    });
    email = identity?.email?.trim() || undefined;
  } catch (e) {
    if (e instanceof PonteError) return 'not_allowed';
    throw e;
  }
  if (!email) return 'no_email';
  // A concurrent run that recorded it first makes this one a no-op (the insert finds the row).
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('desk_reminder')
      .values({
        appointment_id: a.id,
        starts_at: a.starts_at,
        channel: 'email',
        reason: 'allowed',
        sent_at: clockNow(),
      })
      .onConflict((oc) => oc.column('appointment_id').doNothing())
      .returning('appointment_id')
      .executeTakeFirst();
    if (!row) return;
    // Sent inside the transaction: a failed send rolls the record back and the job tries again.
    await mailer.send(womanReminder(a, email));
    await appendAudit(tx, {
      actorOrgId: a.cav_id,
      action: 'desk.reminder.sent',
      entityType: 'appointment',
      entityId: a.id,
      details: { channel: 'email' },
    });
  });
  return '';
}

/**
 * The params of the CAV's reminder due item (`desks.due.reminder`): the Rome time in words, Italian in `time` and
 * English in `time_en` («martedì 30 marzo 2027, 09:00» / «Tuesday, 30 March 2027, 09:00»), and the desk.
 */
export function desksDueParams(
  startsAt: Date,
  place: string,
): { time: string; time_en: string; place: string } {
  return { time: fmtWhen(startsAt, 'it'), time_en: fmtWhen(startsAt, 'en'), place };
}

/** The reminder through the CAV operator who booked: her e-mail (if she has one) and a due item on the case. */
async function toCav(
  db: Db,
  mailer: Mailer,
  a: MailAppointment,
  why: string,
  contact: { channels: readonly string[]; hours: string | null },
): Promise<ReminderOutcome> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('desk_reminder')
      .values({
        appointment_id: a.id,
        starts_at: a.starts_at,
        channel: 'cav',
        reason: why,
        sent_at: clockNow(),
      })
      .onConflict((oc) => oc.column('appointment_id').doNothing())
      .returning('appointment_id')
      .executeTakeFirst();
    if (!row) return { kind: 'already' } as const;
    const dueId = randomUUID();
    await tx
      .insertInto('due_item')
      .values({
        id: dueId,
        case_id: a.case_id,
        kind: 'desk_reminder',
        due_on: romeDate(a.starts_at),
        title_key: 'desks.due.reminder',
        // The case's deadlines show stored params through the catalogue, in the page's language: the Rome time
        // is stored in words in both (desksDueParams), like the rest of the app.
        params: JSON.stringify(desksDueParams(a.starts_at, a.desk_name)),
        source: 'manual',
        created_at: clockNow(),
      })
      .execute();
    await tx
      .updateTable('desk_reminder')
      .set({ due_item_id: dueId })
      .where('appointment_id', '=', a.id)
      .execute();
    // Without a mail server the due item on the case is how the operator learns it.
    const operatorMailed = !!a.operator_email && mailer.kind !== 'none';
    if (operatorMailed) await mailer.send(operatorReminder(a, a.operator_email as string, why, contact));
    await appendAudit(tx, {
      actorOrgId: a.cav_id,
      action: 'desk.reminder.sent',
      entityType: 'appointment',
      entityId: a.id,
      details: { channel: 'cav', reason: why, operatorMailed, dueItem: dueId },
    });
    return { kind: 'cav', why, operatorMailed } as const;
  });
}
