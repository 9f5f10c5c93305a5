import assert from 'node:assert/strict';
import { postForm, testApp, testAt } from '../../packages/app/test/helpers.ts';
import { cardWorld, NAME, referredCase, revoke } from './card-world.ts';

// Issue 11, finding 9: an identity reveal refused for a missing or revoked consent or a closed card left no trace
// in the audit log. Each refusal is now an audit entry `case.identity_refused` (who asked, which case and card,
// why), with nothing that identifies her; the read itself stays refused and leaves no access record.

const test = testAt('2026-11-26T12:00:00Z');

async function refusals(db: Awaited<ReturnType<typeof cardWorld>>['db'], caseId: string) {
  return db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'actor_org_id', 'entity_type', 'details'])
    .where('action', '=', 'case.identity_refused')
    .where('entity_id', '=', caseId)
    .orderBy('id')
    .execute();
}

test('finding 9: a reveal refused for a missing consent, a revoked consent or a closed card is audited as a refusal', async () => {
  const cw = await cardWorld(await testApp());

  // No identity_to_inps consent at all.
  const missing = await referredCase(cw);
  const r1 = await postForm(cw.app, cw.officer, `/inps/cards/${missing.cardId}/identity`);
  assert.equal(r1.statusCode, 403);
  assert.ok(!r1.body.includes(NAME));
  const [a1, ...more1] = await refusals(cw.db, missing.caseId);
  assert.equal(more1.length, 0);
  assert.equal(a1?.actor_user_id, cw.officer.id);
  assert.equal(a1?.actor_org_id, cw.w.office.id);
  assert.equal(a1?.entity_type, 'case');
  assert.deepEqual(a1?.details, { purpose: 'inps_card', cardId: missing.cardId, reason: 'consent_missing' });

  // The consent given, then revoked.
  const revoked = await referredCase(cw, { identityConsent: true });
  const ok = await postForm(cw.app, cw.director, `/inps/cards/${revoked.cardId}/identity`);
  assert.equal(ok.statusCode, 200);
  assert.ok(ok.body.includes(NAME));
  await revoke(cw, revoked.caseId, 'identity_to_inps');
  const r2 = await postForm(cw.app, cw.director, `/inps/cards/${revoked.cardId}/identity`);
  assert.equal(r2.statusCode, 403);
  assert.ok(!r2.body.includes(NAME));
  const a2 = await refusals(cw.db, revoked.caseId);
  assert.equal(a2.length, 1);
  assert.equal(a2[0]?.actor_user_id, cw.director.id);
  assert.deepEqual(a2[0]?.details, {
    purpose: 'inps_card',
    cardId: revoked.cardId,
    reason: 'consent_revoked',
  });

  // A closed card (here: her referral consent revoked, which closes it), with the identity consent still live.
  const closed = await referredCase(cw, { identityConsent: true });
  await revoke(cw, closed.caseId, 'referral_inps');
  const r3 = await postForm(cw.app, cw.officer, `/inps/cards/${closed.cardId}/identity`);
  assert.equal(r3.statusCode, 403);
  const a3 = await refusals(cw.db, closed.caseId);
  assert.equal(a3.length, 1);
  assert.deepEqual(a3[0]?.details, { purpose: 'inps_card', cardId: closed.cardId, reason: 'card_closed' });

  // Nothing identifying in any refusal; a refusal is not an access to the card.
  for (const c of [missing, revoked, closed]) {
    for (const a of await refusals(cw.db, c.caseId)) assert.ok(!JSON.stringify(a).includes('Serafina'));
    const reveals = await cw.db
      .selectFrom('card_access')
      .select('kind')
      .where('card_id', '=', c.cardId)
      .where('kind', '=', 'identity_revealed')
      .execute();
    assert.equal(reveals.length, c === revoked ? 1 : 0);
  }

  // Another office still gets 404, and that is no refusal of hers to record.
  const other = await postForm(cw.app, cw.officer, `/inps/cards/${crypto.randomUUID()}/identity`);
  assert.equal(other.statusCode, 404);
});
