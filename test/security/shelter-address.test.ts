import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseOf, openCase, recordConsent } from '../../packages/app/src/features/cases/index.ts';
import { todayIso } from '../../packages/app/src/platform/clock.ts';
import { getPage, getTestDb, makeOrg, makeUser, postForm, testApp } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 12: a shelter's address must never be stored, shown or exported (product.md). The probe wrote
// "Casa rifugio, Via Nascosta 1" as the correspondence address (encrypted, but shown to INPS on reveal) and found
// that the safe-contact hours and the consent notes, stored as plain text, took any address. Now the address
// field refuses words that name a shelter, every other free-text field of a case and a card refuses a street
// address, and the address field's hint says that a shelter's address is never written.

const SHELTER = 'Casa rifugio, Via Nascosta 1';
const STREET = 'dopo le 18 in via Nascosta 1';

async function world() {
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const office = await makeOrg(db, 'inps_office', cav.territoryId);
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const officer = await makeUser(db, office.id, ['inps_officer']);
  const actor = { userId: operator.id, orgId: cav.id, roles: operator.roles };
  const c = await openCase(db, actor);
  const row = await caseOf(db, { orgId: cav.id }, c.id);
  const consent = await recordConsent(db, actor, row, {
    purpose: 'referral_inps',
    givenOn: todayIso(),
    collectedBy: operator.id,
  });
  assert.ok(consent.ok);
  return { app, db, office, operator, officer, caseId: c.id };
}

test('finding 12: the correspondence address refuses a shelter, and its hint says so', async () => {
  const w = await world();
  const form = await getPage(w.app, w.operator, `/cases/${w.caseId}/identity`);
  assert.match(form.body, /Mai l’indirizzo di una casa rifugio/);
  for (const address of [
    SHELTER,
    'c/o struttura protetta Le Rose',
    'CASA RIFUGIO',
    'Сasa rifugio, via Roma 3',
  ]) {
    const res = await postForm(w.app, w.operator, `/cases/${w.caseId}/identity`, { version: '0', address });
    assert.equal(res.statusCode, 400, address);
    assert.match(res.body, /nomina una casa rifugio o una struttura protetta/, address);
    assert.ok(
      res.body.includes(address.replaceAll('/', '&#x2F;')) || res.body.includes(address),
      'value kept',
    );
  }
  // Nothing was stored.
  const stored = await w.db
    .selectFrom('case_identity')
    .select('case_id')
    .where('case_id', '=', w.caseId)
    .executeTakeFirst();
  assert.equal(stored, undefined);
  // Her own safe address is still accepted.
  const ok = await postForm(w.app, w.operator, `/cases/${w.caseId}/identity`, {
    version: '0',
    address: 'presso il centro antiviolenza, Via Roma 1, Ancona',
  });
  assert.equal(ok.statusCode, 303);
});

test('finding 12: safe-contact hours, code word and consent notes refuse a street address', async () => {
  const w = await world();
  for (const [field, value] of [
    ['hours', STREET],
    ['codeWord', 'via Nascosta 1'],
  ]) {
    const res = await postForm(w.app, w.operator, `/cases/${w.caseId}/contact`, {
      version: '1',
      channels: ['cav_only'],
      abuserKnows: 'no',
      [field!]: value!,
    });
    assert.equal(res.statusCode, 400, field);
    assert.match(res.body, /Qui non si scrivono indirizzi/, field);
  }
  const hours = await w.db
    .selectFrom('safe_contact')
    .select(['hours', 'version'])
    .where('case_id', '=', w.caseId)
    .executeTakeFirstOrThrow();
  assert.equal(hours.hours, null);
  assert.equal(hours.version, 1);
  const [y, m, d] = todayIso().split('-');
  const consent = await postForm(w.app, w.operator, `/cases/${w.caseId}/consents`, {
    purpose: 'statistics',
    givenOn: `${d}/${m}/${y}`,
    collectedBy: w.operator.id,
    note: `Firmato in ${SHELTER}`,
  });
  assert.equal(consent.statusCode, 400);
  assert.match(consent.body, /Qui non si scrivono indirizzi/);
  assert.ok(consent.body.includes('Firmato in Casa rifugio'), 'the note is kept in the form');
  const notes = await w.db.selectFrom('consent').select('note').where('case_id', '=', w.caseId).execute();
  assert.ok(notes.every((n) => !n.note?.includes('Nascosta')));
  // Hours without an address are fine.
  const ok = await postForm(w.app, w.operator, `/cases/${w.caseId}/contact`, {
    version: '1',
    channels: ['cav_only'],
    abuserKnows: 'no',
    hours: 'lun-ven 10-12, non il sabato',
  });
  assert.equal(ok.statusCode, 303);
});

test('finding 12: the card’s free text refuses an address, on the CAV side and on the INPS side', async () => {
  const w = await world();
  const referral = await postForm(w.app, w.operator, `/cases/${w.caseId}/referral`, {
    office: w.office.id,
    benefits: ['assegno_unico'],
    preferred_language: 'italiano, via Nascosta 1',
  });
  assert.equal(referral.statusCode, 400);
  assert.match(referral.body, /contiene dati che identificano la donna/);
  const sent = await postForm(w.app, w.operator, `/cases/${w.caseId}/referral`, {
    office: w.office.id,
    benefits: ['assegno_unico'],
    preferred_language: 'italiano',
  });
  assert.equal(sent.statusCode, 303, sent.body);
  const card = await w.db
    .selectFrom('consultation_card')
    .select('id')
    .where('case_id', '=', w.caseId)
    .executeTakeFirstOrThrow();
  assert.equal(
    (await postForm(w.app, w.officer, `/inps/cards/${card.id}/accept`, { version: '1' })).statusCode,
    303,
  );
  const advice = await postForm(w.app, w.officer, `/inps/cards/${card.id}/advice`, {
    advice: `Le scriviamo in ${SHELTER}`,
  });
  assert.equal(advice.statusCode, 400);
  assert.match(advice.body, /Qui non si scrivono indirizzi/);
  const rows = await w.db.selectFrom('card_advice').select('id').where('card_id', '=', card.id).execute();
  assert.equal(rows.length, 0);
});
