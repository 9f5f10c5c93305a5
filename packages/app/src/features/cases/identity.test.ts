import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { getTestDb, makeOrg, makeUser, type TestUser, testApp, testConfig } from '../../../test/helpers.ts';
import { main } from '../../cli.ts';
import { now, todayIso } from '../../platform/clock.ts';
import { newKeySpec, parseKeyring } from '../../platform/crypto/index.ts';
import { PonteError } from '../../platform/errors.ts';
import { readIdentity, rotateKeys, useKeys } from './identity.ts';
import * as svc from './service.ts';

// The one accessor of identifying data: who may read, the audit of every read, and that no other module reads
// the identity table or decrypts. Plus the rotation of the master key.

const actorOf = (u: TestUser) => ({ userId: u.id, orgId: u.orgId, roles: u.roles });
const today = () => todayIso();

async function setup() {
  await testApp(); // registers the cases feature, which configures the keys
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const office = await makeOrg(db, 'inps_office', cav.territoryId);
  const otherOffice = await makeOrg(db, 'inps_office', cav.territoryId);
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const officer = await makeUser(db, office.id, ['inps_officer']);
  const otherOfficer = await makeUser(db, otherOffice.id, ['inps_officer']);
  const c = await svc.openCase(db, actorOf(operator));
  const row = await svc.caseOf(db, operator, c.id);
  const saved = await svc.saveIdentity(db, actorOf(operator), row, {
    version: '0',
    name: 'Lucia Verdi',
    phone: '3331234567',
  });
  assert.ok(saved.ok);
  const cardId = randomUUID();
  await db
    .insertInto('consultation_card')
    .values({
      id: cardId,
      case_id: c.id,
      inps_office_id: office.id,
      code: c.code,
      created_by: operator.id,
      status: 'accepted',
    })
    .execute();
  return { db, cav, office, operator, officer, otherOfficer, c, row, cardId };
}

const refused = (code: string) => (e: unknown) => e instanceof PonteError && e.code === code;

test('accessor: the INPS officer of the open card reads identity only with the identity_to_inps consent, audited', async () => {
  const s = await setup();
  const purpose = { kind: 'inps_card' as const, cardId: s.cardId };
  await assert.rejects(
    readIdentity(s.db, actorOf(s.officer), s.c.id, purpose),
    refused('PONTE_ERR_FORBIDDEN'),
  );
  const r = await svc.recordConsent(s.db, actorOf(s.operator), s.row, {
    purpose: 'identity_to_inps',
    givenOn: today(),
    collectedBy: s.operator.id,
  });
  assert.ok(r.ok, JSON.stringify(r));
  const identity = await readIdentity(s.db, actorOf(s.officer), s.c.id, purpose);
  assert.equal(identity?.name, 'Lucia Verdi');
  const access = await s.db.selectFrom('card_access').selectAll().where('card_id', '=', s.cardId).execute();
  assert.deepEqual(
    access.map((a) => [a.kind, a.user_id]),
    [['identity_revealed', s.officer.id]],
  );
  const audit = await s.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'actor_org_id', 'details'])
    .where('entity_id', '=', s.c.id)
    .where('action', '=', 'case.identity_read')
    .execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.actor_org_id, s.office.id);
  assert.equal((audit[0]?.details as { cardId?: string } | undefined)?.cardId, s.cardId);

  // Another office, a card of another case, a CAV purpose from INPS: refused.
  await assert.rejects(
    readIdentity(s.db, actorOf(s.otherOfficer), s.c.id, purpose),
    refused('PONTE_ERR_NOT_FOUND'),
  );
  await assert.rejects(
    readIdentity(s.db, actorOf(s.officer), randomUUID(), purpose),
    refused('PONTE_ERR_NOT_FOUND'),
  );
  await assert.rejects(
    readIdentity(s.db, actorOf(s.officer), s.c.id, { kind: 'cav_view' }),
    refused('PONTE_ERR_FORBIDDEN'),
  );
  // A closed card gives no access.
  await s.db
    .updateTable('consultation_card')
    .set({ status: 'closed', closed_at: now() })
    .where('id', '=', s.cardId)
    .execute();
  await assert.rejects(
    readIdentity(s.db, actorOf(s.officer), s.c.id, purpose),
    refused('PONTE_ERR_FORBIDDEN'),
  );
  // A revoked consent neither.
  await s.db
    .updateTable('consultation_card')
    .set({ status: 'accepted', closed_at: null })
    .where('id', '=', s.cardId)
    .execute();
  const consent = await s.db
    .selectFrom('consent')
    .select('id')
    .where('case_id', '=', s.c.id)
    .executeTakeFirstOrThrow();
  assert.ok((await svc.revokeConsent(s.db, actorOf(s.operator), s.row, consent.id)).ok);
  await assert.rejects(
    readIdentity(s.db, actorOf(s.officer), s.c.id, purpose),
    refused('PONTE_ERR_FORBIDDEN'),
  );
  // Refused reads leave no access record.
  assert.equal(
    (await s.db.selectFrom('card_access').select('id').where('card_id', '=', s.cardId).execute()).length,
    1,
  );
});

test('accessor: her CAV reads (audited); another CAV gets 404', async () => {
  const s = await setup();
  const other = await makeUser(s.db, (await makeOrg(s.db, 'cav', s.cav.territoryId)).id, ['cav_operator']);
  await assert.rejects(
    readIdentity(s.db, actorOf(other), s.c.id, { kind: 'cav_view' }),
    refused('PONTE_ERR_NOT_FOUND'),
  );
  const identity = await readIdentity(s.db, actorOf(s.operator), s.c.id, { kind: 'pii_guard' });
  assert.equal(identity?.phone, '3331234567');
  const audit = await s.db
    .selectFrom('audit_log')
    .select('details')
    .where('entity_id', '=', s.c.id)
    .where('action', '=', 'case.identity_read')
    .execute();
  assert.deepEqual(
    audit.map((a) => (a.details as { purpose: string }).purpose),
    ['pii_guard'],
  );
});

test('accessor: no other module reads case_identity or decrypts', () => {
  const src = resolve(import.meta.dirname, '../..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(p);
    }
  };
  walk(src);
  const allowed = new Set([
    'features/cases/identity.ts',
    'platform/crypto/envelope.ts',
    'platform/crypto/index.ts',
    // Staff second-factor secrets (not her data) are sealed with the same envelope.
    'platform/auth/totp-secret.ts',
    // The check value of each master key (a known text, not her data) is opened at start-up.
    'platform/crypto/key-check.ts',
  ]);
  const offenders = files
    .map((f) => relative(src, f).replaceAll('\\', '/'))
    .filter((rel) => !allowed.has(rel))
    .filter((rel) => {
      const text = readFileSync(join(src, rel), 'utf8');
      return /['"`]case_identity['"`]|\bdecrypt\s*\(|\bdecrypt\b[^;]*from ['"][^'"]*crypto/.test(text);
    });
  assert.deepEqual(offenders, []);
  // The guard itself would catch an offender.
  assert.match("db.selectFrom('case_identity')", /['"`]case_identity['"`]/);
});

test('keys rotate: every identity and code word is re-encrypted under the active key, in batches, and still reads', async () => {
  const s = await setup();
  const contact = await svc.saveContact(
    s.db,
    actorOf(s.operator),
    s.row,
    { version: '1', channels: 'cav_only', codeWord: 'aurora', abuserKnows: 'no' },
    (await import('./identity.ts')).sealCodeWord,
  );
  assert.ok(contact.ok);
  const dev = testConfig().encryptionKeys;
  const k2 = newKeySpec('k2');
  const rotated = parseKeyring(`${k2},${dev}`);
  try {
    const out = await rotateKeys(s.db, rotated, 2);
    // Rows altered by other tests of this process may be counted in `failed`; this test's rows are rotated.
    assert.ok(out.identities >= 1 && out.codeWords >= 1, JSON.stringify(out));
    const left = await s.db
      .selectFrom('case_identity')
      .select('case_id')
      .where('case_id', '=', s.c.id)
      .where('key_id', '<>', 'k2')
      .where('ciphertext', 'is not', null)
      .execute();
    assert.equal(left.length, 0);
    const cw = await s.db
      .selectFrom('safe_contact')
      .select('code_word_key_id')
      .where('case_id', '=', s.c.id)
      .executeTakeFirstOrThrow();
    assert.equal(cw.code_word_key_id, 'k2');
    // The new key alone reads what was rotated; the old key alone no longer does.
    useKeys(parseKeyring(k2));
    assert.equal(
      (await readIdentity(s.db, actorOf(s.operator), s.c.id, { kind: 'cav_view' }))?.name,
      'Lucia Verdi',
    );
    useKeys(parseKeyring(dev));
    await assert.rejects(
      readIdentity(s.db, actorOf(s.operator), s.c.id, { kind: 'cav_view' }),
      /non configurata/,
    );
    const audits = await s.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'keys.rotated')
      .execute();
    assert.ok(audits.length >= 2);
    // Idempotent: nothing left to do.
    const again = await rotateKeys(s.db, rotated, 2);
    assert.deepEqual([again.identities, again.codeWords, again.failed], [0, 0, out.failed]);
    // An altered row is left alone and counted; the others are still rotated.
    const other = await svc.openCase(s.db, actorOf(s.operator));
    const otherRow = await svc.caseOf(s.db, s.operator, other.id);
    useKeys(parseKeyring(dev));
    assert.ok(
      (await svc.saveIdentity(s.db, actorOf(s.operator), otherRow, { version: '0', name: 'Zeta' })).ok,
    );
    await s.db
      .updateTable('case_identity')
      .set({ ciphertext: 'v1.dev.AAAA.BBBB', key_id: 'dev' })
      .where('case_id', '=', s.c.id)
      .execute();
    const partial = await rotateKeys(s.db, rotated, 1);
    assert.equal(partial.failed, out.failed + 1);
    assert.ok(partial.identities >= 1);
    await s.db.deleteFrom('case_identity').where('case_id', '=', s.c.id).execute();
  } finally {
    // Back to the test key, for the other tests of this process.
    await rotateKeys(s.db, parseKeyring(`${dev},${k2}`), 50);
    useKeys(parseKeyring(dev));
  }
  // The altered row was removed above; the rotated one reads back under the test key.
  const zeta = await s.db
    .selectFrom('case_file')
    .select('id')
    .where('opened_by', '=', s.operator.id)
    .orderBy('opened_at', 'desc')
    .execute();
  const names = await Promise.all(
    zeta.map(async (z) => (await readIdentity(s.db, actorOf(s.operator), z.id, { kind: 'cav_view' }))?.name),
  );
  assert.ok(names.includes('Zeta'), JSON.stringify(names));
});

test('ponte keys: a bad batch size is refused; keys new prints a usable key', async () => {
  const out: string[] = [];
  const log = console.log;
  console.log = (line: string) => out.push(line);
  try {
    assert.equal(await main(['keys', 'new', 'k9']), 0);
  } finally {
    console.log = log;
  }
  assert.equal(parseKeyring(out[0] ?? '').activeId, 'k9');
  const err = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    assert.equal(await main(['keys', 'rotate', '--batch', '0']), 2);
  } finally {
    process.stderr.write = err;
  }
});
