import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ownTestDb, testConfig } from '../../../../test/helpers.ts';
import { buildApp } from '../../../app.ts';
import { createSession, SESSION_COOKIE } from '../../../platform/auth/sessions.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import { configureKeys } from '../../../platform/crypto/index.ts';
import type { Database, Db } from '../../../platform/db/database.ts';
import { createMailer } from '../../../platform/mail/mailer.ts';
import { openCase, readIdentity } from '../../cases/index.ts';
import { seedDemo } from '../../network/index.ts';
import { handleNotify } from '../notify/jobs.ts';
import { seedDemoDesks } from './demo.ts';
import { DEMO_CASES, seedDemoCases } from './demo-cases.ts';

// The demo cases of `npm start`: on a fresh demo network, three fictional cases of the demo CAV, two cards sent to
// the demo INPS office and one of them booked on the first demo desk day; once, and never on a database with a
// real user or a case of its own. Each database here is the test's own (PGlite, or PostgreSQL with DATABASE_URL).

let database: Database;
const opened: Database[] = [];
before(async () => {
  configureKeys(testConfig().encryptionKeys);
  database = await ownTestDb();
  opened.push(database);
});
after(async () => {
  for (const d of opened) await d.close();
});

async function member(db: Db, username: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .select(['u.id', 'm.organisation_id', 'm.role'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
}

const count = async (db: Db, table: 'case_file' | 'consultation_card' | 'appointment' | 'consent') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const auditCount = async (db: Db, action: string) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function page(app: FastifyInstance, db: Db, username: string, url: string): Promise<string> {
  const m = await member(db, username);
  const token = await createSession(
    db,
    { userId: m.id, stage: 'active', organisationId: m.organisation_id },
    15,
  );
  const res = await app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  assert.equal(res.statusCode, 200, `${username} GET ${url}`);
  return res.body;
}

test('no demo network, or a real user on it: no demo cases', async () => {
  const { db } = database;
  assert.deepEqual(await seedDemoCases(db), { cases: 0, cards: 0, bookedAt: null });
  await seedDemo(db);
  assert.equal(await seedDemoDesks(db), 2);
  // A real (non-demo) account: the database holds real data, so nothing demo is written any more.
  const real = randomUUID();
  const cav = await member(db, 'demo.operatrice');
  await db
    .insertInto('app_user')
    .values({
      id: real,
      username: `vera.${real.slice(0, 8)}`,
      display_name: 'Utente reale',
      password_hash: 'x',
    })
    .execute();
  await db
    .insertInto('membership')
    .values({ user_id: real, organisation_id: cav.organisation_id, role: 'cav_operator' })
    .execute();
  assert.deepEqual(await seedDemoCases(db), { cases: 0, cards: 0, bookedAt: null });
  assert.equal(await count(db, 'case_file'), 0);
  assert.equal(await auditCount(db, 'case.opened'), 0);
  await db.deleteFrom('membership').where('user_id', '=', real).execute();
  await db.deleteFrom('app_user').where('id', '=', real).execute();
});

test('on the demo network: three fictional cases, two cards sent to INPS, one booked on the first desk day', async () => {
  const { db } = database;
  const now = clockNow();
  const operator = await member(db, 'demo.operatrice');
  const officer = await member(db, 'demo.consulente');
  const result = await seedDemoCases(db, now);
  assert.equal(result.cases, 3);
  assert.equal(result.cards, 2);
  assert.ok(result.bookedAt && result.bookedAt > now, 'booked in the future');

  // Cases of the demo CAV, opened by the operator over the last weeks, each with its consents and the default
  // safe-contact profile; written through the services, so each step has its audit entry.
  const cases = await db
    .selectFrom('case_file as c')
    .innerJoin('safe_contact as s', 's.case_id', 'c.id')
    .select(['c.id', 'c.code', 'c.cav_id', 'c.opened_by', 'c.opened_at', 'c.status', 's.channels'])
    .orderBy('c.opened_at')
    .execute();
  assert.equal(cases.length, 3);
  for (const c of cases) {
    assert.equal(c.cav_id, operator.organisation_id);
    assert.equal(c.opened_by, operator.id);
    assert.equal(c.status, 'open');
    assert.deepEqual(c.channels, ['cav_only']);
    const age = now.getTime() - new Date(c.opened_at).getTime();
    assert.ok(age > 7 * 86_400_000 && age < 30 * 86_400_000, 'opened in the last weeks');
  }
  const consents = await db.selectFrom('consent').select(['case_id', 'purpose', 'collected_by']).execute();
  assert.deepEqual(
    cases.map((c) =>
      consents
        .filter((k) => k.case_id === c.id)
        .map((k) => k.purpose)
        .sort(),
    ),
    DEMO_CASES.map((d) => [...d.consents].sort()),
  );
  assert.ok(consents.every((k) => k.collected_by === operator.id));
  assert.equal(await auditCount(db, 'case.opened'), 3);
  assert.equal(await auditCount(db, 'case.consent_recorded'), consents.length);
  assert.equal(await auditCount(db, 'case.identity_written'), 3);
  assert.equal(await auditCount(db, 'card.created'), 2);
  assert.equal(await auditCount(db, 'desk.appointment.book'), 1);

  // Identities: ciphertext only in the table; readable through the accessor by her CAV (each read audited), never
  // by another organisation.
  const stored = await db.selectFrom('case_identity').select(['case_id', 'ciphertext']).execute();
  assert.equal(stored.length, 3);
  assert.ok(stored.every((s) => s.ciphertext && !/Esempio|Prova|Finta|fantasia/.test(s.ciphertext)));
  const reader = { userId: operator.id, orgId: operator.organisation_id, roles: ['cav_operator' as const] };
  const reads = await auditCount(db, 'case.identity_read');
  const names = [];
  for (const c of cases) names.push((await readIdentity(db, reader, c.id, { kind: 'cav_view' }))?.name);
  assert.deepEqual(
    names,
    DEMO_CASES.map((d) => d.name),
  );
  assert.ok(names.every((n) => n?.endsWith('(dati di fantasia)')));
  assert.equal(await auditCount(db, 'case.identity_read'), reads + 3);
  const social = await member(db, 'demo.assistente');
  await assert.rejects(
    readIdentity(
      db,
      { userId: social.id, orgId: social.organisation_id, roles: ['social_worker'] },
      cases[0]!.id,
      {
        kind: 'cav_view',
      },
    ),
  );

  // Two cards, status sent, to the demo INPS office, under the cases' codes; the third case has none yet.
  const cards = await db
    .selectFrom('consultation_card')
    .select(['id', 'case_id', 'code', 'status', 'inps_office_id', 'created_by'])
    .execute();
  assert.equal(cards.length, 2);
  for (const k of cards) {
    assert.equal(k.status, 'sent');
    assert.equal(k.inps_office_id, officer.organisation_id);
    assert.equal(k.created_by, operator.id);
    assert.equal(k.code, cases.find((c) => c.id === k.case_id)?.code);
  }
  assert.deepEqual(cards.map((k) => k.case_id).sort(), [cases[0]!.id, cases[1]!.id].sort());

  // One booked appointment, for the first card, on the first free time of the first upcoming demo desk day, with
  // the officer's e-mail job enqueued as a real booking does.
  const appts = await db
    .selectFrom('appointment')
    .select(['id', 'card_id', 'session_id', 'officer_id', 'status', 'booked_by'])
    .execute();
  assert.equal(appts.length, 1);
  const a = appts[0]!;
  assert.equal(a.status, 'booked');
  assert.equal(a.officer_id, officer.id);
  assert.equal(a.booked_by, operator.id);
  assert.equal(a.card_id, cards.find((k) => k.case_id === cases[0]!.id)?.id);
  const firstDay = await db
    .selectFrom('desk_session')
    .select(['id', 'starts_at'])
    .where('starts_at', '>', now)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at')
    .executeTakeFirstOrThrow();
  assert.equal(a.session_id, firstDay.id);
  assert.equal(result.bookedAt?.getTime(), new Date(firstDay.starts_at).getTime());
  const jobs = await db
    .selectFrom('job')
    .select(['kind', 'payload'])
    .where('kind', '=', 'desks.notify')
    .execute();
  assert.ok(jobs.some((j) => (j.payload as { appointment?: string }).appointment === a.id));

  // What the demo roles see at once: the INPS inbox, the officer's agenda and the case page.
  const app = await buildApp({ config: testConfig(), database, logger: false });
  try {
    const inbox = await page(app, db, 'demo.consulente', '/inps/cards');
    for (const k of cards) assert.ok(inbox.includes(k.code), `inbox lists ${k.code}`);
    assert.ok(!inbox.includes(cases[2]!.code));
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(result.bookedAt!);
    const agenda = await page(app, db, 'demo.consulente', `/desks/agenda?date=${day}&view=day`);
    assert.ok(agenda.includes(cases[0]!.code), 'the agenda shows the booked card');
    const director = await page(app, db, 'demo.direttrice', '/inps/cards');
    assert.ok(director.includes(cases[1]!.code));
    const casePage = await page(app, db, 'demo.operatrice', `/cases/${cases[0]!.id}`);
    assert.ok(casePage.includes(cases[0]!.code));
    assert.ok(!casePage.includes('Anna Esempio'), 'the case page shows no identity unless revealed');
    const list = await page(app, db, 'demo.operatrice', '/cases');
    for (const c of cases) assert.ok(list.includes(c.code));
  } finally {
    await app.close();
  }

  // Without SMTP_URL (the demo `npm start`) the officer's notification of the demo booking is an .eml file in
  // <data>/mail/, to the demo officer's fictional address (here a temporary folder outside the repository).
  const job = jobs.find((j) => (j.payload as { appointment?: string }).appointment === a.id)!;
  const dataDir = mkdtempSync(join(tmpdir(), 'ponte-demo-mail-'));
  const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Ponte <noreply@ponte.invalid>', dataDir });
  try {
    const skipped: number[] = [];
    const outcome = await handleNotify(db, mailer, job.payload as Record<string, unknown>, {
      mailFrom: 'Ponte <noreply@ponte.invalid>',
      now,
      onSkipped: (n) => skipped.push(n),
    });
    assert.equal(outcome, 'sent');
    assert.deepEqual(skipped, []);
    const files = readdirSync(join(dataDir, 'mail'));
    assert.equal(files.length, 1);
    assert.match(files[0]!, /\.eml$/);
    const eml = readFileSync(join(dataDir, 'mail', files[0]!), 'utf8');
    assert.match(eml, /^To: demo\.consulente@ponte-demo\.invalid$/m);
    assert.match(eml, /^Subject: /m);
    assert.match(eml, /METHOD:REQUEST/);
    assert.ok(eml.includes(cases[0]!.code), 'the e-mail names the card code');
  } finally {
    mailer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  // Once: a second run writes nothing.
  const before = [
    await count(db, 'case_file'),
    await count(db, 'consultation_card'),
    await count(db, 'appointment'),
  ];
  assert.deepEqual(await seedDemoCases(db), { cases: 0, cards: 0, bookedAt: null });
  assert.deepEqual(
    [await count(db, 'case_file'), await count(db, 'consultation_card'), await count(db, 'appointment')],
    before,
  );
});

test('a demo network that already has a case of its own gets no demo cases', async () => {
  const own = await ownTestDb();
  opened.push(own);
  const { db } = own;
  await seedDemo(db);
  await seedDemoDesks(db);
  const operator = await member(db, 'demo.operatrice');
  await openCase(db, { userId: operator.id, orgId: operator.organisation_id });
  assert.deepEqual(await seedDemoCases(db), { cases: 0, cards: 0, bookedAt: null });
  assert.equal(await count(db, 'case_file'), 1);
  assert.equal(await count(db, 'consent'), 0);
  assert.equal(await count(db, 'consultation_card'), 0);
  assert.equal(await count(db, 'appointment'), 0);
});
