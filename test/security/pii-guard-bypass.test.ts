import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseOf, findPii, openCase, recordConsent } from '../../packages/app/src/features/cases/index.ts';
import { todayIso } from '../../packages/app/src/platform/clock.ts';
import { getPage, getTestDb, makeOrg, makeUser, postForm, testApp } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 6: the PII guard of the referral note matched only the plain spellings. A codice fiscale with a
// space between every character went through to INPS. Each spelling below is how a person hides a codice fiscale,
// a phone number or an e-mail from a filter; the guard must see through all of them.

const OBFUSCATED: Array<[string, string]> = [
  // The probe's note, and the same code with dots, dashes and mixed separators.
  ['codice_fiscale', 'C F: R S S M R A 8 0 A 4 1 H 5 0 1 Y'],
  ['codice_fiscale', 'cf r.s.s.m.r.a.8.0.a.4.1.h.5.0.1.y'],
  ['codice_fiscale', 'codice RSS-MRA-80A41-H501-Y'],
  ['codice_fiscale', 'CF RS SM RA 80 A4 1H 50 1Y'],
  // Look-alike letters: Cyrillic Р, С, М, А and Greek Α, Η; full-width digits; the letter O for a zero.
  ['codice_fiscale', 'CF РССМРА80А41Н501Y'],
  ['codice_fiscale', 'CF RSSMRΑ80A41Η501Y'],
  ['codice_fiscale', 'CF RSSMRA８０A４１H５０１Y'],
  ['codice_fiscale', 'CF RSSMRA8OA41H5O1Y'],
  // Phone numbers with separators, words or look-alikes between the groups.
  ['phone', 'la chiamo al 339 - 12 34 567'],
  ['phone', 'numero +39 339.123.4567'],
  ['phone', 'cell 339 poi 123 poi 4567'],
  ['phone', 'cell 3 3 9 1 2 3 4 5 6 7'],
  ['phone', 'cell ３３９１２３４５６７'],
  ['phone', 'cell 339 12345O7'],
  ['phone', 'tre tre nove uno due tre quattro cinque sei sette'],
  // E-mail written out.
  ['email', 'scrive a maria.rossi at gmail dot com'],
  ['email', 'maria punto rossi chiocciola gmail punto com'],
  ['email', 'maria.rossi (at) gmail (dot) com'],
  ['email', 'maria.rossi[at]gmail[.]com'],
  ['email', 'maria.rossi＠gmail.com'],
];

test('finding 6: every obfuscated spelling of a codice fiscale, phone number or e-mail is found', () => {
  for (const [kind, note] of OBFUSCATED) {
    const found = findPii(note).map((f) => f.kind);
    assert.ok(found.includes(kind as never), `${note} → ${JSON.stringify(found)}`);
  }
});

test('finding 6: the spaced-out codice fiscale of the probe is refused at the referral, and INPS sees no card', async () => {
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
  const note = 'C F: R S S M R A 8 0 A 4 1 H 5 0 1 Y';
  const res = await postForm(app, operator, `/cases/${c.id}/referral`, {
    office: office.id,
    benefits: ['assegno_unico'],
    note,
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Trovato: codice fiscale/);
  assert.ok(res.body.includes(note), 'what she typed is kept in the form');
  const cards = await db.selectFrom('consultation_card').select('id').where('case_id', '=', c.id).execute();
  assert.equal(cards.length, 0);
  assert.doesNotMatch((await getPage(app, officer, '/inps/cards')).body, new RegExp(c.code));
});
