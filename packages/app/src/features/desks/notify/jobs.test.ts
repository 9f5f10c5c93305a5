import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import type { Kysely } from 'kysely';
import { up as dueWordsMigration } from '../../../../migrations/0010_due_reminder_words.ts';
import { getPage, getTestDb, testApp, testAt, testConfig } from '../../../../test/helpers.ts';
import { startSmtp } from '../../../../test/smtp.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { ContactChannel, SafetyAnswer } from '../../../platform/db/schema.ts';
import { PonteError } from '../../../platform/errors.ts';
import { JobWorker } from '../../../platform/jobs/jobs.ts';
import { createMailer } from '../../../platform/mail/mailer.ts';
import { writeIdentity } from '../../cases/identity.ts';
import { dueItems, readIdentity, systemActor } from '../../cases/index.ts';
import * as svc from '../booking/service.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, world } from '../test-fixtures.ts';
import { deskJobs, handleNotify } from './jobs.ts';
import { handleReminder } from './reminders.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// The desks' e-mails against a real SMTP server in this process and the real database: the officer's
// notification with its .ics, and the reminder that reaches the woman only when her safe-contact profile, her
// consent and her hours allow it — otherwise the CAV operator gives it.

const smtp = await startSmtp();
after(() => smtp.close());
const FROM = 'Ponte <noreply@ponte.test>';
const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM, dataDir: null });
after(() => mailer.close());

// Tuesday 30 March 2027, 09:00 in Rome (CEST) — the day after Easter Monday.
const DAY = '2027-03-30';
const START = '2027-03-30T07:00:00.000Z';
const NAME = 'Mariangela Esposito';
const PHONE = '+39 333 1234567';

async function setup(kind: 'cav_room' | 'video' = 'cav_room', officerEmail: string | null = 'auto') {
  await testApp(); // registers the catalogues and the identity keys
  const { db } = await getTestDb();
  const w = await world(db);
  const tag = randomUUID().slice(0, 8);
  const emails = {
    officer: officerEmail === 'auto' ? `officer-${tag}@inps.test` : officerEmail,
    operator: `operator-${tag}@cav.test`,
  };
  await db.updateTable('app_user').set({ email: emails.officer }).where('id', '=', w.officer.id).execute();
  await db.updateTable('app_user').set({ email: emails.operator }).where('id', '=', w.operator.id).execute();
  const desk = await planSvc.createDesk(db, w.dirCtx, {
    kind,
    host: w.cav.id,
    name: 'Stanza blu',
    video_link: kind === 'video' ? 'https://video.example.test/stanza-42' : '',
  });
  const session = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: DAY,
    start: '09:00',
    end: '13:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const { case_id: caseId, code } = await db
    .selectFrom('consultation_card')
    .select(['case_id', 'code'])
    .where('id', '=', card)
    .executeTakeFirstOrThrow();
  const book = async (start = START) => {
    const id = await svc.holdSlot(db, w.opCtx, card, session, start);
    await svc.confirm(db, w.opCtx, id);
    return id;
  };
  return { db, w, emails, card, caseId, code, book };
}

async function notifyPayload(db: Db, id: string, change: string) {
  const job = await db
    .selectFrom('job')
    .select('payload')
    .where('unique_key', '=', `desks.notify:${id}:${change}`)
    .executeTakeFirstOrThrow();
  return typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload;
}

const calendarOf = (m: { leaves: { contentType: string; body: string }[] }) =>
  m.leaves.filter((l) => /text\/calendar/i.test(l.contentType)).map((l) => l.body);

test('booking: the officer gets an e-mail with times, place and card code and an .ics REQUEST; twice is once', async () => {
  const s = await setup();
  const id = await s.book();
  const payload = await notifyPayload(s.db, id, 'booked');
  assert.deepEqual(payload, { appointment: id, change: 'booked', previous: null });
  assert.equal(await handleNotify(s.db, mailer, payload, { mailFrom: FROM }), 'sent');
  // The job runs again (a worker died after sending): nothing more is sent.
  assert.equal(await handleNotify(s.db, mailer, payload, { mailFrom: FROM }), 'already');
  const mails = smtp.to(s.emails.officer!);
  assert.equal(mails.length, 1);
  const m = mails[0]!;
  assert.equal(m.subject, `Nuovo appuntamento: martedì 30 marzo 2027, 09:00 — scheda ${s.code}`);
  assert.match(m.text, /Quando: martedì 30 marzo 2027, 09:00–09:30 \(ora italiana\)/);
  assert.ok(m.text.includes(`Dove: Stanza blu (Stanza del CAV) — ${s.w.cav.name}`), m.text);
  assert.match(m.text, /When: Tuesday, 30 March 2027, 09:00–09:30 \(Italian time\)/);
  const [ics] = calendarOf(m);
  assert.ok(ics);
  assert.match(ics, /METHOD:REQUEST/);
  assert.match(ics, new RegExp(`UID:${id}@ponte`));
  assert.match(ics, /DTSTART:20270330T070000Z/);
  assert.ok(
    ics.replace(/\r\n[ \t]/g, '').includes(`LOCATION:Stanza blu (Stanza del CAV) — ${s.w.cav.name}\r\n`),
  );
  // The reminder is planned 24 hours before.
  const reminder = await s.db
    .selectFrom('job')
    .select(['run_at', 'payload'])
    .where('unique_key', '=', `desks.reminder:${id}:${START}`)
    .executeTakeFirstOrThrow();
  assert.equal(new Date(reminder.run_at).toISOString(), '2027-03-29T07:00:00.000Z');
});

test('cancelling: the officer gets a CANCEL with the same UID; an officer without e-mail is skipped and counted', async () => {
  const s = await setup();
  const id = await s.book();
  await handleNotify(s.db, mailer, await notifyPayload(s.db, id, 'booked'), { mailFrom: FROM });
  await svc.cancel(s.db, s.w.opCtx, id, 'Ha chiesto di rinviare');
  const payload = await notifyPayload(s.db, id, 'cancelled');
  assert.equal(await handleNotify(s.db, mailer, payload, { mailFrom: FROM }), 'sent');
  const mails = smtp.to(s.emails.officer!);
  assert.equal(mails.length, 2);
  const cancelled = mails[1]!;
  assert.match(cancelled.subject, /^Appuntamento annullato/);
  assert.doesNotMatch(cancelled.text, /rinviare/, 'the free-text reason never leaves');
  const [ics] = calendarOf(cancelled);
  assert.match(ics!, /METHOD:CANCEL/);
  assert.match(ics!, new RegExp(`UID:${id}@ponte`));
  assert.match(ics!, /STATUS:CANCELLED/);

  const t = await setup('cav_room', null);
  const other = await t.book();
  let skipped = 0;
  const outcome = await handleNotify(t.db, mailer, await notifyPayload(t.db, other, 'booked'), {
    mailFrom: FROM,
    onSkipped: (n) => {
      skipped += n;
    },
  });
  assert.equal(outcome, 'no_address');
  assert.equal(skipped, 1);
});

test('moved: the officer gets the new time (REQUEST) and the old event cancelled by its own UID', async () => {
  const s = await setup('video');
  const old = await s.book();
  await svc.cancel(s.db, s.w.opCtx, old, 'spostato');
  const moved = await s.book('2027-03-30T08:00:00.000Z');
  const outcome = await handleNotify(
    s.db,
    mailer,
    { appointment: moved, change: 'moved', previous: old },
    { mailFrom: FROM },
  );
  assert.equal(outcome, 'sent');
  const m = smtp.to(s.emails.officer!).find((x) => /^Appuntamento spostato/.test(x.subject));
  assert.ok(m);
  assert.match(m.text, /Quando: martedì 30 marzo 2027, 10:00–10:30/);
  assert.match(m.text, /Prima era: martedì 30 marzo 2027, 09:00/);
  assert.match(m.text, /Collegamento: https:\/\/video\.example\.test\/stanza-42/);
  const cals = calendarOf(m);
  assert.ok(cals.some((c) => /METHOD:REQUEST/.test(c) && c.includes(`UID:${moved}@ponte`)));
  assert.ok(cals.some((c) => /METHOD:CANCEL/.test(c) && c.includes(`UID:${old}@ponte`)));
});

async function profile(
  s: Awaited<ReturnType<typeof setup>>,
  o: {
    channels: ContactChannel[];
    hours?: string | null;
    consent?: boolean;
    email?: string | null;
    /** Her answer to "does the abuser know this contact?" (default: she said no). */
    abuserKnows?: SafetyAnswer | null;
  },
) {
  await s.db
    .insertInto('safe_contact')
    .values({
      case_id: s.caseId,
      channels: o.channels,
      hours: o.hours ?? null,
      abuser_knows: o.abuserKnows === undefined ? 'no' : o.abuserKnows,
      updated_by: s.w.operator.id,
    })
    .execute();
  if (o.consent)
    await s.db
      .insertInto('consent')
      .values({
        id: randomUUID(),
        case_id: s.caseId,
        purpose: 'contact',
        given_on: '2026-01-01',
        expires_on: '2028-01-01',
        collected_by: s.w.operator.id,
        recorded_by: s.w.operator.id,
      })
      .execute();
  if (o.email !== undefined) {
    await s.db.transaction().execute(async (tx) => {
      await writeIdentity(
        tx,
        s.caseId,
        { name: NAME, phone: PHONE, ...(o.email ? { email: o.email } : {}) },
        0,
      );
    });
  }
}

const rome = (iso: string) => new Date(iso);
const NEUTRAL_FORBIDDEN = /violen|antiviolenza|\bCAV\b|INPS|prestazion|benefit|assegno|scheda/i;

test('reminder to the woman: e-mail channel, live consent, within her hours — neutral text, identity read audited, once', async () => {
  const s = await setup('video');
  const id = await s.book();
  const her = `lei-${randomUUID().slice(0, 6)}@example.test`;
  await profile(s, { channels: ['email', 'phone'], hours: 'dalle 9 alle 13', consent: true, email: her });
  const payload = { appointment: id, start: START };
  // Monday 29 March 2027 at 09:00 in Rome: 24 hours before, inside her hours.
  const now = rome('2027-03-29T07:00:00.000Z');
  assert.deepEqual(await handleReminder(s.db, mailer, payload, now), { kind: 'woman' });
  assert.deepEqual(await handleReminder(s.db, mailer, payload, now), { kind: 'already' });
  const mails = smtp.to(her);
  assert.equal(mails.length, 1);
  const m = mails[0]!;
  assert.equal(m.subject, 'Promemoria appuntamento');
  assert.match(m.text, /^Promemoria: appuntamento martedì 30 marzo alle 09:00\./);
  assert.match(m.text, /Collegamento: https:\/\/video\.example\.test\/stanza-42/);
  assert.doesNotMatch(`${m.subject}\n${m.text}`, NEUTRAL_FORBIDDEN);
  assert.ok(!`${m.subject}\n${m.text}`.includes(s.code), 'no card code in her reminder');
  assert.equal(calendarOf(m).length, 0);
  // Nothing went to the operator, and the read of her identity is in the audit log, by no user.
  assert.equal(smtp.to(s.emails.operator).length, 0);
  const reads = await s.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'actor_org_id', 'details'])
    .where('action', '=', 'case.identity_read')
    .where('entity_id', '=', s.caseId)
    .execute();
  assert.equal(reads.length, 1);
  assert.equal(reads[0]!.actor_user_id, null);
  assert.equal(reads[0]!.actor_org_id, s.w.cav.id);
  assert.equal((reads[0]!.details as Record<string, unknown>).purpose, 'reminder');
});

test('reminder: unless she said the abuser does not know her contact ("yes", "non so", not asked), Ponte does not write to her — the CAV gives it', async () => {
  for (const abuserKnows of ['yes', 'unknown', null] as const) {
    const s = await setup('video');
    const id = await s.book();
    const her = `lei-${randomUUID().slice(0, 6)}@example.test`;
    await profile(s, {
      channels: ['email'],
      hours: 'dalle 9 alle 13',
      consent: true,
      email: her,
      abuserKnows,
    });
    const now = rome('2027-03-29T07:00:00.000Z');
    assert.deepEqual(
      await handleReminder(s.db, mailer, { appointment: id, start: START }, now),
      { kind: 'cav', why: 'abuser_may_know', operatorMailed: true },
      String(abuserKnows),
    );
    assert.equal(smtp.to(her).length, 0, `nothing to her (${abuserKnows})`);
    const [m] = smtp.to(s.emails.operator);
    assert.match(m?.text ?? '', /non risulta che l’autore della violenza non conosca il suo contatto/);
    const reads = await s.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'case.identity_read')
      .where('entity_id', '=', s.caseId)
      .execute();
    assert.equal(reads.length, 0, 'her e-mail address was not even read');
  }
});

test('reminder outside her hours waits for the next allowed time, at least an hour before; then it is sent', async () => {
  const s = await setup();
  const id = await s.book();
  const her = `lei-${randomUUID().slice(0, 6)}@example.test`;
  await profile(s, { channels: ['email'], hours: '15:00-18:00', consent: true, email: her });
  const payload = { appointment: id, start: START };
  const out = await handleReminder(s.db, mailer, payload, rome('2027-03-29T07:00:00.000Z'));
  // 15:00 in Rome on Monday = 13:00 UTC.
  assert.deepEqual(out, { kind: 'deferred', at: new Date('2027-03-29T13:00:00.000Z') });
  const job = await s.db
    .selectFrom('job')
    .select('run_at')
    .where('unique_key', '=', `desks.reminder:${id}:${START}:2027-03-29T13:00:00.000Z`)
    .executeTakeFirstOrThrow();
  assert.equal(new Date(job.run_at).toISOString(), '2027-03-29T13:00:00.000Z');
  assert.equal(smtp.to(her).length, 0);
  assert.deepEqual(await handleReminder(s.db, mailer, payload, rome('2027-03-29T13:00:00.000Z')), {
    kind: 'woman',
  });
  assert.equal(smtp.to(her).length, 1);
});

test('default profile (through the CAV only): the operator gets the e-mail and a due item on the case, once', async () => {
  const s = await setup();
  const id = await s.book();
  await profile(s, { channels: ['cav_only'], email: 'non-usare@example.test' });
  const payload = { appointment: id, start: START };
  const now = rome('2027-03-29T07:00:00.000Z');
  assert.deepEqual(await handleReminder(s.db, mailer, payload, now), {
    kind: 'cav',
    why: 'channel',
    operatorMailed: true,
  });
  assert.deepEqual(await handleReminder(s.db, mailer, payload, now), { kind: 'already' });
  assert.equal(smtp.to('non-usare@example.test').length, 0);
  const mails = smtp.to(s.emails.operator);
  assert.equal(mails.length, 1);
  const m = mails[0]!;
  assert.equal(
    m.subject,
    `Promemoria da dare: appuntamento del martedì 30 marzo 2027, 09:00 — scheda ${s.code}`,
  );
  assert.match(m.text, /Canali che accetta: Solo tramite il centro antiviolenza/);
  assert.match(m.text, /Orari: non indicati/);
  assert.ok(!m.text.includes(NAME) && !m.text.includes(PHONE));
  const due = await dueItems(s.db, { cavId: s.w.cav.id, caseId: s.caseId });
  assert.equal(due.length, 1);
  assert.equal(due[0]!.due_on, DAY);
  assert.equal(due[0]!.title_key, 'desks.due.reminder');
  assert.equal(due[0]!.done_at, null);
  // The case's deadlines read the time in words, Rome time, in the page's language (no ISO time).
  assert.deepEqual(due[0]!.params, {
    time: 'martedì 30 marzo 2027, 09:00',
    time_en: 'Tuesday, 30 March 2027, 09:00',
    place: 'Stanza blu',
  });
  const app = await testApp();
  const casePage = await getPage(app, s.w.operator, `/cases/${s.caseId}`);
  assert.equal(casePage.statusCode, 200);
  assert.ok(
    casePage.body.includes(
      'Dare il promemoria del colloquio allo sportello: martedì 30 marzo 2027, 09:00 (Stanza blu)',
    ),
  );
  assert.ok(!casePage.body.includes('2027-03-30 09:00'));
  const enPage = await app.inject({
    method: 'GET',
    url: `/cases/${s.caseId}`,
    headers: { cookie: `${s.w.operator.cookie}; ponte_lang=en`, accept: 'text/html' },
  });
  assert.equal(enPage.statusCode, 200);
  assert.ok(
    enPage.body.includes(
      'Give the reminder of the desk consultation: Tuesday, 30 March 2027, 09:00 (Stanza blu)',
    ),
  );
  // An item written before the time was stored in words (ISO in `time`) gets the words from migration 0010.
  await s.db
    .updateTable('due_item')
    .set({ params: JSON.stringify({ time: '2027-03-30 09:00', place: 'Stanza blu' }) })
    .where('id', '=', due[0]!.id)
    .execute();
  await dueWordsMigration(s.db as unknown as Kysely<unknown>);
  const migrated = await dueItems(s.db, { cavId: s.w.cav.id, caseId: s.caseId });
  assert.deepEqual(migrated[0]!.params, due[0]!.params);
  // Cancelled afterwards: the CAV's reminder task is done with, once the change is handled.
  await svc.cancel(s.db, s.w.opCtx, id, 'Non serve più');
  await handleNotify(s.db, mailer, await notifyPayload(s.db, id, 'cancelled'), { mailFrom: FROM });
  const after = await dueItems(s.db, { cavId: s.w.cav.id, caseId: s.caseId });
  assert.ok(after[0]!.done_at, 'the reminder task is closed');
  // No identity was read for a reminder that did not go to her.
  const reads = await s.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'case.identity_read')
    .where('entity_id', '=', s.caseId)
    .execute();
  assert.equal(reads.length, 0);
});

test('every other case goes to the CAV: no consent, phone or SMS, unreadable hours, no address, no time left', async () => {
  const cases: { p: Parameters<typeof profile>[1]; now: string; why: string }[] = [
    {
      p: { channels: ['email'], consent: false, email: 'a@example.test' },
      now: '2027-03-29T07:00:00Z',
      why: 'no_consent',
    },
    { p: { channels: ['sms', 'phone'], consent: true }, now: '2027-03-29T07:00:00Z', why: 'channel' },
    { p: { channels: ['none'], consent: true }, now: '2027-03-29T07:00:00Z', why: 'channel' },
    {
      p: { channels: ['email'], hours: 'solo la mattina presto', consent: true, email: 'b@example.test' },
      now: '2027-03-29T07:00:00Z',
      why: 'hours_unparseable',
    },
    {
      p: { channels: ['email'], hours: '9-13', consent: true, email: null },
      now: '2027-03-29T07:00:00Z',
      why: 'no_email',
    },
    // Monday 22:00 in Rome; her hours 20-21 next come on Tuesday evening, after the appointment.
    {
      p: { channels: ['email'], hours: '20-21', consent: true, email: 'c@example.test' },
      now: '2027-03-29T20:00:00Z',
      why: 'no_time',
    },
  ];
  for (const c of cases) {
    const s = await setup();
    const id = await s.book();
    await profile(s, c.p);
    const out = await handleReminder(s.db, mailer, { appointment: id, start: START }, rome(c.now));
    assert.deepEqual(out, { kind: 'cav', why: c.why, operatorMailed: true }, JSON.stringify(c.p));
    assert.equal((await dueItems(s.db, { cavId: s.w.cav.id, caseId: s.caseId })).length, 1);
  }
  for (const address of ['a@example.test', 'b@example.test', 'c@example.test'])
    assert.equal(smtp.to(address).length, 0);
});

test('a cancelled appointment has no reminder; the registered jobs run through the worker', async () => {
  const s = await setup();
  const id = await s.book();
  await svc.cancel(s.db, s.w.opCtx, id, 'rinviato');
  assert.deepEqual(
    await handleReminder(s.db, mailer, { appointment: id, start: START }, rome('2027-03-29T07:00:00Z')),
    { kind: 'stale' },
  );
  // Through the worker: the booking was cancelled before its job ran, so only the cancellation is sent.
  const worker = new JobWorker(s.db).registerAll(
    deskJobs(testConfig({ smtpUrl: smtp.url, mailFrom: FROM }), mailer),
  );
  await worker.drain();
  const subjects = smtp.to(s.emails.officer!).map((m) => m.subject);
  assert.equal(subjects.filter((x) => /^Nuovo appuntamento/.test(x)).length, 0);
  assert.equal(subjects.filter((x) => /^Appuntamento annullato/.test(x)).length, 1);
});

test('the reminder purpose of the identity accessor: only a system actor, and a system actor for nothing else', async () => {
  const s = await setup();
  const id = await s.book();
  await profile(s, { channels: ['email'], consent: true, email: 'x@example.test' });
  const staff = { userId: s.w.operator.id, orgId: s.w.cav.id, roles: ['cav_operator'] as const };
  await assert.rejects(
    readIdentity(s.db, staff, s.caseId, { kind: 'reminder', appointmentId: id }),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_FORBIDDEN',
  );
  await assert.rejects(
    readIdentity(s.db, systemActor(s.w.cav.id), s.caseId, { kind: 'cav_view' }),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_FORBIDDEN',
  );
  // Another CAV's system actor, or an appointment no longer booked: not found.
  await assert.rejects(
    readIdentity(s.db, systemActor(s.w.office.id), s.caseId, { kind: 'reminder', appointmentId: id }),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_NOT_FOUND',
  );
  const ok = await readIdentity(s.db, systemActor(s.w.cav.id), s.caseId, {
    kind: 'reminder',
    appointmentId: id,
  });
  assert.equal(ok?.email, 'x@example.test');
  await svc.cancel(s.db, s.w.opCtx, id, 'annullato');
  await assert.rejects(
    readIdentity(s.db, systemActor(s.w.cav.id), s.caseId, { kind: 'reminder', appointmentId: id }),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_NOT_FOUND',
  );
});

// Decision 0032: staff e-mails follow the language she stored on her account; with none, Italian then English.
const ITALIAN = /Quando:|Dove:|Scheda:|appuntamento|scheda/;

test('staff language: an English-preferring officer gets only English; one who chose none gets Italian then English', async () => {
  const s = await setup();
  await s.db.updateTable('app_user').set({ lang: 'en' }).where('id', '=', s.w.officer.id).execute();
  const id = await s.book();
  assert.equal(
    await handleNotify(s.db, mailer, await notifyPayload(s.db, id, 'booked'), { mailFrom: FROM }),
    'sent',
  );
  const [en] = smtp.to(s.emails.officer!);
  assert.ok(en);
  assert.equal(en.subject, `New appointment: Tuesday, 30 March 2027, 09:00 — card ${s.code}`);
  assert.match(en.text, /^An appointment has been booked at the desk\./);
  assert.match(en.text, /When: Tuesday, 30 March 2027, 09:00–09:30 \(Italian time\)/);
  assert.match(en.text, /Where: Stanza blu \(/);
  assert.match(en.text, new RegExp(`Card: ${s.code}`));
  assert.doesNotMatch(en.text, ITALIAN);
  assert.doesNotMatch(en.text, /— English —/);
  assert.match(calendarOf(en)[0]!, new RegExp(`SUMMARY:Desk consultation — card ${s.code}`));

  // The same booking for an officer who never chose: today's text, both languages, Italian subject.
  const t = await setup();
  const none = await t.db
    .selectFrom('app_user')
    .select('lang')
    .where('id', '=', t.w.officer.id)
    .executeTakeFirstOrThrow();
  assert.equal(none.lang, null);
  const other = await t.book();
  await handleNotify(t.db, mailer, await notifyPayload(t.db, other, 'booked'), { mailFrom: FROM });
  const [both] = smtp.to(t.emails.officer!);
  assert.ok(both);
  assert.equal(both.subject, `Nuovo appuntamento: martedì 30 marzo 2027, 09:00 — scheda ${t.code}`);
  const [it, enPart] = both.text.split('— English —');
  assert.match(it!, /^È stato prenotato un appuntamento allo sportello\./);
  assert.match(it!, /Quando: martedì 30 marzo 2027, 09:00–09:30/);
  assert.match(enPart!, /When: Tuesday, 30 March 2027, 09:00–09:30/);
  assert.match(calendarOf(both)[0]!, new RegExp(`SUMMARY:Consulenza allo sportello — scheda ${t.code}`));
});

test('staff language: an English-preferring officer is told of a move in English; an Italian one only in Italian', async () => {
  const s = await setup('video');
  await s.db.updateTable('app_user').set({ lang: 'it' }).where('id', '=', s.w.officer.id).execute();
  const old = await s.book();
  await svc.cancel(s.db, s.w.opCtx, old, 'spostato');
  const moved = await s.book('2027-03-30T08:00:00.000Z');
  await handleNotify(
    s.db,
    mailer,
    { appointment: moved, change: 'moved', previous: old },
    { mailFrom: FROM },
  );
  const it = smtp.to(s.emails.officer!).find((x) => /^Appuntamento spostato/.test(x.subject));
  assert.ok(it);
  assert.match(it.text, /Prima era: martedì 30 marzo 2027, 09:00/);
  assert.doesNotMatch(it.text, /English|When:|It was:/);

  const t = await setup('video');
  await t.db.updateTable('app_user').set({ lang: 'en' }).where('id', '=', t.w.officer.id).execute();
  const old2 = await t.book();
  await svc.cancel(t.db, t.w.opCtx, old2, 'spostato');
  const moved2 = await t.book('2027-03-30T08:00:00.000Z');
  await handleNotify(
    t.db,
    mailer,
    { appointment: moved2, change: 'moved', previous: old2 },
    { mailFrom: FROM },
  );
  const en = smtp.to(t.emails.officer!).find((x) => /^Appointment moved/.test(x.subject));
  assert.ok(en);
  assert.match(en.text, /It was: Tuesday, 30 March 2027, 09:00/);
  assert.match(en.text, /Link: https:\/\/video\.example\.test\/stanza-42/);
  assert.match(en.text, /The file annullato\.ics removes the previous appointment/);
  assert.doesNotMatch(en.text, ITALIAN);
});

test('staff language: the operator who gives the reminder gets it in her language; the woman’s stays in both', async () => {
  const s = await setup();
  await s.db.updateTable('app_user').set({ lang: 'en' }).where('id', '=', s.w.operator.id).execute();
  const id = await s.book();
  await profile(s, { channels: ['cav_only'] });
  const now = rome('2027-03-29T07:00:00.000Z');
  await handleReminder(s.db, mailer, { appointment: id, start: START }, now);
  const [m] = smtp.to(s.emails.operator);
  assert.ok(m);
  assert.equal(m.subject, `Reminder to give: appointment of Tuesday, 30 March 2027, 09:00 — card ${s.code}`);
  assert.match(m.text, /^Ponte does not send the reminder to the person directly \(her safe-contact profile/);
  assert.match(m.text, /Channels she accepts: /);
  assert.doesNotMatch(m.text, /Canali|Promemoria|— English —/);

  // Her reminder is not a staff e-mail: neutral, Italian then English, whatever the staff chose.
  const t = await setup();
  await t.db
    .updateTable('app_user')
    .set({ lang: 'en' })
    .where('id', 'in', [t.w.operator.id, t.w.officer.id])
    .execute();
  const other = await t.book();
  const her = `lei-${randomUUID().slice(0, 6)}@example.test`;
  await profile(t, { channels: ['email'], consent: true, email: her });
  assert.deepEqual(await handleReminder(t.db, mailer, { appointment: other, start: START }, now), {
    kind: 'woman',
  });
  const [hers] = smtp.to(her);
  assert.ok(hers);
  assert.equal(hers.subject, 'Promemoria appuntamento');
  assert.match(
    hers.text,
    /^Promemoria: appuntamento martedì 30 marzo alle 09:00\.\r?\n\r?\nReminder: appointment on Tuesday 30 March at 09:00\./,
  );
});
