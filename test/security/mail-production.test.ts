import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Config, loadConfig } from '../../packages/app/src/config.ts';
import { writeIdentity } from '../../packages/app/src/features/cases/identity.ts';
import * as svc from '../../packages/app/src/features/desks/booking/service.ts';
import { handleReminder } from '../../packages/app/src/features/desks/notify/reminders.ts';
import * as planSvc from '../../packages/app/src/features/desks/planning/desks.ts';
import { makeCard, world } from '../../packages/app/src/features/desks/test-fixtures.ts';
import { resetClock, setClock } from '../../packages/app/src/platform/clock.ts';
import { newKeySpec } from '../../packages/app/src/platform/crypto/index.ts';
import { createMailer } from '../../packages/app/src/platform/mail/mailer.ts';
import { getTestDb, testApp } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 13: without SMTP_URL, the woman's reminder was a plain .eml file in the data folder, with
// her e-mail address — in production too. In production a message to her needs SMTP_URL; the file sink is for
// development only, and without a mail server the CAV operator gives her the reminder.

/** A production configuration without SMTP_URL, its data folder in `dir`. */
function productionWithoutSmtp(dir: string): Config {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://ponte@127.0.0.1:5432/not-opened-by-this-test',
    PONTE_SECRET: 'production-secret-of-the-test-0123456789',
    PONTE_ENCRYPTION_KEYS: newKeySpec('k1'),
    PONTE_AUDIT_KEY: 'production-audit-key-of-the-test-0123456789',
    PONTE_DATA_DIR: dir,
  });
}

const mailFiles = (dir: string) => (existsSync(join(dir, 'mail')) ? readdirSync(join(dir, 'mail')) : []);

test('finding 13: in production without SMTP_URL no message is ever written to the data folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-prod-mail-'));
  try {
    const mailer = createMailer(productionWithoutSmtp(dir));
    assert.notEqual(mailer.target, join(dir, 'mail'));
    await mailer.send({ to: 'lei@example.test', subject: 'Promemoria', text: 'Promemoria appuntamento' });
    mailer.close();
    assert.deepEqual(mailFiles(dir), []);
    // In development the pickup folder stays (the demo's `npm start`).
    const dev = createMailer({ smtpUrl: undefined, mailFrom: 'x@example.test', dataDir: dir });
    await dev.send({ to: 'collega@example.test', subject: 'Uno', text: 'primo' });
    assert.equal(mailFiles(dir).length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('finding 13: in production without SMTP_URL her reminder goes through the CAV, never to a file', async () => {
  await testApp(); // the catalogues and the identity keys
  const { db } = await getTestDb();
  const dir = mkdtempSync(join(tmpdir(), 'ponte-prod-mail-'));
  // The appointment is on Tuesday 30 March 2027 at 09:00; the clock stands a month before.
  setClock('2027-03-01');
  try {
    const w = await world(db);
    const desk = await planSvc.createDesk(db, w.dirCtx, {
      kind: 'video',
      host: w.cav.id,
      name: 'Stanza blu',
      video_link: 'https://video.example.test/s',
    });
    const session = await planSvc.createSession(db, w.dirCtx, desk, {
      officer: w.officer.id,
      date: '2027-03-30',
      start: '09:00',
      end: '13:00',
      slot_minutes: '30',
      buffer_minutes: '0',
    });
    const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
    const { case_id: caseId } = await db
      .selectFrom('consultation_card')
      .select('case_id')
      .where('id', '=', card)
      .executeTakeFirstOrThrow();
    const start = '2027-03-30T07:00:00.000Z';
    const id = await svc.holdSlot(db, w.opCtx, card, session, start);
    await svc.confirm(db, w.opCtx, id);
    // Everything allows an e-mail to her: the channel, the abuser does not know it, a live consent, her hours,
    // her address.
    await db
      .insertInto('safe_contact')
      .values({
        case_id: caseId,
        channels: ['email'],
        hours: null,
        abuser_knows: 'no',
        updated_by: w.operator.id,
      })
      .execute();
    await db
      .insertInto('consent')
      .values({
        id: randomUUID(),
        case_id: caseId,
        purpose: 'contact',
        given_on: '2026-01-01',
        expires_on: '2028-01-01',
        collected_by: w.operator.id,
        recorded_by: w.operator.id,
      })
      .execute();
    const her = `lei-${randomUUID().slice(0, 6)}@example.test`;
    await db
      .transaction()
      .execute((tx) => writeIdentity(tx, caseId, { name: 'Nome di fantasia', email: her }, 0));

    const mailer = createMailer(productionWithoutSmtp(dir));
    const out = await handleReminder(
      db,
      mailer,
      { appointment: id, start },
      new Date('2027-03-29T08:00:00Z'),
    );
    mailer.close();
    assert.equal(out.kind, 'cav', JSON.stringify(out));
    assert.equal(out.kind === 'cav' && out.why, 'no_mail_server');
    assert.deepEqual(mailFiles(dir), [], 'nothing of hers in the data folder');
    const due = await db
      .selectFrom('due_item')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'desk_reminder')
      .execute();
    assert.equal(due.length, 1, 'the CAV operator has the reminder to give among the deadlines of the case');
  } finally {
    resetClock();
    rmSync(dir, { recursive: true, force: true });
  }
});
