import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { uniqueCode } from '../../../test/codes.ts';
import { getTestDb, makeOrg, makeUser } from '../../../test/helpers.ts';
import { now } from '../../platform/clock.ts';

// The cases schema (migrations/0002_cases.ts) enforces its own invariants, whatever the code above it does.
test('cases schema: a case, its consent, safe contact, card, application and due item keep their invariants', async () => {
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const inps = await makeOrg(db, 'inps_office', cav.territoryId);
  const user = await makeUser(db, cav.id, ['cav_operator']);
  const caseId = randomUUID();
  await db
    .insertInto('case_file')
    .values({
      id: caseId,
      code: uniqueCode(),
      cav_id: cav.id,
      opened_by: user.id,
    })
    .execute();
  const row = await db.selectFrom('case_file').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  assert.equal(row.status, 'open');
  assert.equal(row.version, 1);

  // A closed case needs its closing time and reason.
  await assert.rejects(
    db.updateTable('case_file').set({ status: 'closed' }).where('id', '=', caseId).execute(),
  );
  // A code with identifying text is refused by its shape.
  await assert.rejects(
    db
      .insertInto('case_file')
      .values({ id: randomUUID(), code: 'Maria Rossi', cav_id: cav.id, opened_by: user.id })
      .execute(),
  );

  // Identity rows hold ciphertext and its key, or neither once erased.
  await assert.rejects(
    db.insertInto('case_identity').values({ case_id: caseId, key_id: 'k1', ciphertext: null }).execute(),
  );
  await db.insertInto('case_identity').values({ case_id: caseId, key_id: 'k1', ciphertext: 'x' }).execute();

  // Consent: expiry after the given date; one live consent per purpose.
  const consent = {
    case_id: caseId,
    purpose: 'services' as const,
    collected_by: user.id,
    recorded_by: user.id,
  };
  await assert.rejects(
    db
      .insertInto('consent')
      .values({ ...consent, id: randomUUID(), given_on: '2026-05-01', expires_on: '2026-05-01' })
      .execute(),
  );
  await db
    .insertInto('consent')
    .values({ ...consent, id: randomUUID(), given_on: '2026-05-01', expires_on: '2027-05-01' })
    .execute();
  await assert.rejects(
    db
      .insertInto('consent')
      .values({ ...consent, id: randomUUID(), given_on: '2026-06-01', expires_on: '2027-06-01' })
      .execute(),
  );

  // Safe contact defaults to "through the CAV only"; unknown channels are refused.
  await db.insertInto('safe_contact').values({ case_id: caseId }).execute();
  const contact = await db
    .selectFrom('safe_contact')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  assert.deepEqual(contact.channels, ['cav_only']);
  await assert.rejects(
    db
      .updateTable('safe_contact')
      .set({ channels: ['pigeon' as 'sms'] })
      .where('case_id', '=', caseId)
      .execute(),
  );

  // One card not closed per case and office.
  const card = { case_id: caseId, inps_office_id: inps.id, code: row.code, created_by: user.id };
  const cardId = randomUUID();
  await db
    .insertInto('consultation_card')
    .values({ ...card, id: cardId, benefits: ['rdl'] })
    .execute();
  await assert.rejects(
    db
      .insertInto('consultation_card')
      .values({ ...card, id: randomUUID() })
      .execute(),
  );
  await db
    .updateTable('consultation_card')
    .set({ status: 'closed', closed_at: now() })
    .where('id', '=', cardId)
    .execute();
  await db
    .insertInto('consultation_card')
    .values({ ...card, id: randomUUID() })
    .execute();

  const appId = randomUUID();
  await db
    .insertInto('application')
    .values({
      id: appId,
      case_id: caseId,
      card_id: cardId,
      benefit: 'rdl',
      created_by: user.id,
      checklist: JSON.stringify([{ doc: 'isee', done: false }]),
    })
    .execute();
  await db
    .insertInto('application_event')
    .values({
      id: randomUUID(),
      application_id: appId,
      to_status: 'in_preparazione',
      at: '2026-05-02',
      by_user: user.id,
    })
    .execute();
  const application = await db
    .selectFrom('application')
    .selectAll()
    .where('id', '=', appId)
    .executeTakeFirstOrThrow();
  assert.deepEqual(application.checklist, [{ doc: 'isee', done: false }]);
  assert.equal(application.status, 'in_preparazione');

  await db
    .insertInto('due_item')
    .values({
      id: randomUUID(),
      case_id: caseId,
      kind: 'apply',
      benefit: 'naspi',
      due_on: '2026-07-01',
      title_key: 'x',
      source: 'engine',
      params: JSON.stringify({ a: 1 }),
    })
    .execute();
  await assert.rejects(
    db
      .insertInto('due_item')
      .values({
        id: randomUUID(),
        case_id: caseId,
        kind: 'apply',
        due_on: '2026-07-01',
        title_key: 'x',
        source: 'robot' as 'engine',
      })
      .execute(),
  );
});
