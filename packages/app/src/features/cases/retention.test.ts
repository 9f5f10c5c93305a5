import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { getTestDb, makeOrg, makeUser, type TestUser, testApp, testConfig } from '../../../test/helpers.ts';
import { registerJobs } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { now as clockNow, todayIso } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { JobWorker } from '../../platform/jobs/jobs.ts';
import { identityMeta, readCodeWord, readIdentity, sealCodeWord } from './identity.ts';
import { eraseExpiredIdentities, retentionCutoff } from './retention.ts';
import * as svc from './service.ts';

// Retention: identifying data erased N months after the case closes, by the hourly job; idempotent; audited.

/** The stored row as it is (the test reads the table directly, to see what is left). */
async function storedIdentity(db: Db, caseId: string) {
  const r = await sql<{
    ciphertext: string | null;
    key_id: string | null;
    erased_at: Date | null;
    version: number;
  }>`select ciphertext, key_id, erased_at, version from case_identity where case_id = ${caseId}`.execute(db);
  assert.equal(r.rows.length, 1);
  return r.rows[0] as (typeof r.rows)[number];
}

const actorOf = (u: TestUser) => ({ userId: u.id, orgId: u.orgId, roles: u.roles });
const monthsAgo = (n: number) => retentionCutoff(n);

async function setup() {
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  /** A case with identity, code word, contact hours and a consent note; closed `months` ago (or open). */
  const newCase = async (months: number | null) => {
    const c = await svc.openCase(db, actorOf(operator));
    let row = await svc.caseOf(db, operator, c.id);
    assert.ok((await svc.saveIdentity(db, actorOf(operator), row, { version: '0', name: 'Giulia Neri' })).ok);
    const contact = await svc.saveContact(
      db,
      actorOf(operator),
      row,
      { channels: 'phone', hours: 'mattina', codeWord: 'girasole', abuserKnows: 'no', version: '1' },
      sealCodeWord,
    );
    assert.ok(contact.ok);
    const consent = await svc.recordConsent(db, actorOf(operator), row, {
      purpose: 'services',
      givenOn: todayIso(),
      collectedBy: operator.id,
      note: 'raccolto dalla sorella Anna',
    });
    assert.ok(consent.ok);
    if (months !== null) {
      row = await svc.caseOf(db, operator, c.id);
      assert.ok(
        (await svc.closeCase(db, actorOf(operator), row, { reason: 'other', version: String(row.version) }))
          .ok,
      );
      await db
        .updateTable('case_file')
        .set({ closed_at: monthsAgo(months) })
        .where('id', '=', c.id)
        .execute();
    }
    return c;
  };
  return { app, db, operator, newCase };
}

test('retention: a case closed 25 months ago is erased, one closed 23 months ago is not, an open case never', async () => {
  const s = await setup();
  const old = await s.newCase(25);
  const recent = await s.newCase(23);
  const open = await s.newCase(null);
  // A case closed long ago with nothing identifying recorded is marked too (and says so).
  const erased = await eraseExpiredIdentities(s.db, 24);
  assert.ok(erased >= 1);

  const oldMeta = await identityMeta(s.db, old.id);
  assert.deepEqual([oldMeta.recorded, oldMeta.erased], [false, true]);
  const raw = await storedIdentity(s.db, old.id);
  assert.equal(raw.ciphertext, null);
  assert.equal(raw.key_id, null);
  assert.ok(raw.erased_at);
  const contact = await s.db
    .selectFrom('safe_contact')
    .select(['code_word_cipher', 'code_word_key_id', 'hours', 'channels'])
    .where('case_id', '=', old.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    [contact.code_word_cipher, contact.code_word_key_id, contact.hours, contact.channels],
    [null, null, null, ['phone']],
  );
  const notes = await s.db
    .selectFrom('consent')
    .select(['note', 'purpose'])
    .where('case_id', '=', old.id)
    .execute();
  assert.deepEqual(notes, [{ note: null, purpose: 'services' }], 'the consent stays, without its note');
  // The anonymised case stays: code, dates.
  const c = await s.db.selectFrom('case_file').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
  assert.equal(c.code, old.code);
  assert.ok(c.closed_at && c.opened_at);

  // The accessor returns nothing, and says it found nothing.
  assert.equal(await readIdentity(s.db, actorOf(s.operator), old.id, { kind: 'cav_view' }), null);
  assert.equal(await readCodeWord(s.db, actorOf(s.operator), old.id), null);

  for (const kept of [recent, open]) {
    const meta = await identityMeta(s.db, kept.id);
    assert.deepEqual([meta.recorded, meta.erased], [true, false], kept.code);
    const id = await readIdentity(s.db, actorOf(s.operator), kept.id, { kind: 'cav_view' });
    assert.equal(id?.name, 'Giulia Neri');
    assert.equal(await readCodeWord(s.db, actorOf(s.operator), kept.id), 'girasole');
  }

  const audit = await s.db
    .selectFrom('audit_log')
    .select(['entity_id', 'details', 'actor_user_id'])
    .where('action', '=', 'case.identity_erased')
    .where('entity_id', 'in', [old.id, recent.id, open.id])
    .execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.entity_id, old.id);
  assert.equal(audit[0]?.actor_user_id, null);
  assert.deepEqual(
    (({ identity, codeWord, consentNotes, retentionMonths }) => ({
      identity,
      codeWord,
      consentNotes,
      retentionMonths,
    }))(audit[0]?.details as Record<string, unknown>),
    { identity: true, codeWord: true, consentNotes: 1, retentionMonths: 24 },
  );
  assert.equal((await verifyAuditChain(s.db)).ok, true);

  // Idempotent: running again changes nothing and writes no audit entry.
  const before = await storedIdentity(s.db, old.id);
  await eraseExpiredIdentities(s.db, 24);
  const after = await storedIdentity(s.db, old.id);
  assert.deepEqual(after, before);
  const again = await s.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'case.identity_erased')
    .where('entity_id', '=', old.id)
    .execute();
  assert.equal(again.length, 1);

  // The case page says the data was erased.
  const page = await s.app.inject({
    method: 'GET',
    url: `/cases/${old.id}`,
    headers: { cookie: s.operator.cookie, accept: 'text/html' },
  });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /I dati identificativi sono stati cancellati per scadenza della conservazione/);
  assert.doesNotMatch(page.body, /Mostra dati identificativi/);
});

test('retention: cases.retention runs by its own hourly schedule, with the configured months', async () => {
  const s = await setup();
  const c = await s.newCase(13);
  const run = async (months: number) => {
    const worker = new JobWorker(s.db);
    registerJobs(worker, {
      config: testConfig({ identityRetentionMonths: months }),
      database: await getTestDb(),
    });
    assert.deepEqual(worker.scheduled().get('cases.retention'), { every: 'hour' });
    await s.db
      .deleteFrom('job')
      .where('kind', 'in', [...worker.scheduled().keys()])
      .execute();
    await worker.enqueueScheduled();
    await worker.drain();
    const jobs = await s.db
      .selectFrom('job')
      .select(['kind', 'status'])
      .where('kind', '=', 'cases.retention')
      .execute();
    assert.deepEqual(jobs, [{ kind: 'cases.retention', status: 'done' }]);
  };
  await run(24);
  assert.equal((await identityMeta(s.db, c.id)).erased, false);
  await run(12);
  assert.equal((await identityMeta(s.db, c.id)).erased, true);
});

test('retention: PONTE_IDENTITY_RETENTION_MONTHS defaults to 24 and is validated', () => {
  const env = { NODE_ENV: 'test', PONTE_SECRET: 'test-secret-test-secret-test-secret-0123' };
  assert.equal(loadConfig(env, { dataDir: null }).identityRetentionMonths, 24);
  assert.equal(
    loadConfig({ ...env, PONTE_IDENTITY_RETENTION_MONTHS: '36' }, { dataDir: null }).identityRetentionMonths,
    36,
  );
  for (const bad of ['0', '-3', 'due anni', '1.5'])
    assert.throws(
      () => loadConfig({ ...env, PONTE_IDENTITY_RETENTION_MONTHS: bad }, { dataDir: null }),
      /PONTE_IDENTITY_RETENTION_MONTHS/,
    );
});

test('retention: the cutoff counts calendar months, clamped to the end of a shorter month', () => {
  assert.equal(
    retentionCutoff(24, new Date('2026-05-31T10:00:00Z')).toISOString(),
    '2024-05-31T10:00:00.000Z',
  );
  assert.equal(
    retentionCutoff(3, new Date('2026-05-31T10:00:00Z')).toISOString(),
    '2026-02-28T10:00:00.000Z',
  );
  assert.equal(
    retentionCutoff(12, new Date('2024-02-29T00:00:00Z')).toISOString(),
    '2023-02-28T00:00:00.000Z',
  );
});

test('retention: the free text and identifiers written about her on cards and applications go too; statuses stay', async () => {
  const s = await setup();
  const inps = await makeOrg(s.db, 'inps_office');
  const ats = await makeOrg(s.db, 'ats');
  const officer = await makeUser(s.db, inps.id, ['inps_officer']);
  const withCard = async (months: number) => {
    const c = await s.newCase(months);
    const cardId = crypto.randomUUID();
    await s.db
      .insertInto('consultation_card')
      .values({
        id: cardId,
        case_id: c.id,
        inps_office_id: inps.id,
        code: c.code,
        created_by: s.operator.id,
        note: 'preferisce essere chiamata dopo le 15',
        accessibility_needs: 'interprete di lingua araba',
        status: 'closed',
        closed_at: clockNow(),
      })
      .execute();
    await s.db
      .insertInto('card_advice')
      .values({
        id: crypto.randomUUID(),
        card_id: cardId,
        text: 'ha diritto alla NASpI',
        by_user: officer.id,
      })
      .execute();
    const appId = crypto.randomUUID();
    const now = clockNow();
    await s.db
      .insertInto('application')
      .values({
        id: appId,
        case_id: c.id,
        card_id: cardId,
        benefit: 'naspi',
        protocol_number: 'INPS.2024.0099',
        status: 'accolta',
        amount_granted_cents: 90000,
        created_by: officer.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await s.db
      .insertInto('application_event')
      .values({
        id: crypto.randomUUID(),
        application_id: appId,
        from_status: null,
        to_status: 'accolta',
        at: '2024-05-02',
        by_user: officer.id,
        recorded_at: now,
        note: 'accolta dopo il colloquio con la figlia',
      })
      .execute();
    await s.db
      .insertInto('social_declaration')
      .values({
        id: crypto.randomUUID(),
        case_id: c.id,
        card_id: cardId,
        ats_or_comune_id: ats.id,
        sr208_protocol: 'SR208-2024-17',
        created_at: now,
      })
      .execute();
    return { c, cardId, appId };
  };
  const old = await withCard(25);
  const recent = await withCard(23);
  await eraseExpiredIdentities(s.db, 24);

  const card = (id: string) =>
    s.db
      .selectFrom('consultation_card')
      .select(['note', 'accessibility_needs', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const app = (id: string) =>
    s.db
      .selectFrom('application')
      .select(['protocol_number', 'status', 'amount_granted_cents', 'benefit'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const advice = (id: string) =>
    s.db.selectFrom('card_advice').select('text').where('card_id', '=', id).execute();
  const events = (id: string) =>
    s.db
      .selectFrom('application_event')
      .select(['note', 'to_status'])
      .where('application_id', '=', id)
      .execute();
  const sr208 = (id: string) =>
    s.db.selectFrom('social_declaration').select('sr208_protocol').where('case_id', '=', id).execute();

  assert.deepEqual(await card(old.cardId), { note: null, accessibility_needs: null, status: 'closed' });
  assert.deepEqual(await advice(old.cardId), []);
  assert.deepEqual(await app(old.appId), {
    protocol_number: null,
    status: 'accolta',
    amount_granted_cents: 90000,
    benefit: 'naspi',
  });
  assert.deepEqual(await events(old.appId), [{ note: null, to_status: 'accolta' }]);
  assert.deepEqual(await sr208(old.c.id), [{ sr208_protocol: null }]);

  assert.equal((await card(recent.cardId)).note, 'preferisce essere chiamata dopo le 15');
  assert.equal((await advice(recent.cardId)).length, 1);
  assert.equal((await app(recent.appId)).protocol_number, 'INPS.2024.0099');
  assert.equal((await events(recent.appId))[0]?.note, 'accolta dopo il colloquio con la figlia');
  assert.deepEqual(await sr208(recent.c.id), [{ sr208_protocol: 'SR208-2024-17' }]);

  const audit = await s.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'case.identity_erased')
    .where('entity_id', '=', old.c.id)
    .executeTakeFirstOrThrow();
  const d = audit.details as Record<string, number>;
  assert.deepEqual(
    [d.cardTexts, d.advice, d.applicationNotes, d.applicationProtocols, d.sr208Protocols],
    [1, 1, 1, 1, 1],
  );
});

test('retention: stored benefits checks keep birth years only (hers and her household’s); a recent case keeps dates', async () => {
  const s = await setup();
  const store = async (caseId: string) => {
    await s.db
      .insertInto('screening')
      .values({
        id: crypto.randomUUID(),
        case_id: caseId,
        situation: JSON.stringify({
          date: '2024-03-01',
          person: { birthDate: '1988-07-14', sex: 'F' },
          household: { members: [{ relation: 'child', birthDate: '2016-02-29' }], isee: 9000 },
        }),
        assessment: JSON.stringify({ results: [] }),
        rules_version: 'test',
        run_by: s.operator.id,
        run_at: clockNow(),
        answers: JSON.stringify({
          asked: ['birthDate', 'birthDates'],
          values: { birthDate: '1988-07-14', 'm1.birthDate': '2016-02-29', isee: '9000' },
        }),
      })
      .execute();
  };
  const old = await s.newCase(25);
  const recent = await s.newCase(23);
  await store(old.id);
  await store(recent.id);
  await eraseExpiredIdentities(s.db, 24);
  const stored = async (caseId: string) =>
    s.db
      .selectFrom('screening')
      .select(['situation', 'answers'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
  const o = await stored(old.id);
  assert.deepEqual(o.situation, {
    date: '2024-03-01',
    person: { birthDate: '1988', sex: 'F' },
    household: { members: [{ relation: 'child', birthDate: '2016' }], isee: 9000 },
  });
  assert.deepEqual(o.answers, {
    asked: ['birthDate', 'birthDates'],
    values: { birthDate: '1988', 'm1.birthDate': '2016', isee: '9000' },
  });
  const r = await stored(recent.id);
  assert.equal((r.situation as { person: { birthDate: string } }).person.birthDate, '1988-07-14');
  const audit = await s.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'case.identity_erased')
    .where('entity_id', '=', old.id)
    .executeTakeFirstOrThrow();
  assert.equal((audit.details as { screenings: number }).screenings, 1);
});
