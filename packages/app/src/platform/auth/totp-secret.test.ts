import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { generateSecret } from 'otplib';
import { getTestDb } from '../../../test/helpers.ts';
import { CryptoError, newKeySpec, parseKeyring } from '../crypto/index.ts';
import { openTotpSecret, rotateTotpSecrets, sealTotpSecret } from './totp-secret.ts';

const oldKey = newKeySpec('k1');
const newKey = newKeySpec('k2');
const before = parseKeyring(oldKey);
const both = parseKeyring(`${newKey},${oldKey}`);

test('a TOTP secret is sealed for its own account: never in clear, and a copy onto another account does not open', () => {
  const user = randomUUID();
  const secret = generateSecret();
  const stored = sealTotpSecret(user, secret, before);
  assert.ok(!stored.includes(secret));
  assert.equal(openTotpSecret(user, stored, before), secret);
  assert.throws(() => openTotpSecret(randomUUID(), stored, before), CryptoError);
  const parts = stored.split('.');
  parts[3] = `${parts[3]?.slice(0, -2)}AA`;
  assert.throws(() => openTotpSecret(user, parts.join('.'), before), CryptoError);
  // A secret stored in clear by an earlier version is still read as it is.
  assert.equal(openTotpSecret(user, secret, before), secret);
});

test('keys rotate seals secrets stored in clear or under the old key, leaves the rest, and is audited', async () => {
  const { db } = await getTestDb();
  const mk = async (totp: string | null) => {
    const id = randomUUID();
    await db
      .insertInto('app_user')
      .values({
        id,
        username: `t${id.replaceAll('-', '').slice(0, 12)}`,
        display_name: 'Utente di prova',
        password_hash: 'x',
        totp_secret: totp === null ? null : totp,
      })
      .execute();
    return id;
  };
  const clear = generateSecret();
  const oldSecret = generateSecret();
  const a = await mk(clear);
  const b = await (async () => {
    const id = await mk(null);
    await db
      .updateTable('app_user')
      .set({ totp_secret: sealTotpSecret(id, oldSecret, before) })
      .where('id', '=', id)
      .execute();
    return id;
  })();
  const none = await mk(null);

  const out = await rotateTotpSecrets(db, both, 50);
  // Other tests' accounts in the shared database may be sealed under keys this keyring lacks: counted as failed.
  assert.ok(out.done >= 2, `rotated ${out.done}`);
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'totp_secret'])
    .where('id', 'in', [a, b, none])
    .execute();
  const stored = (id: string) => rows.find((r) => r.id === id)?.totp_secret ?? null;
  assert.match(stored(a) ?? '', /^v1\.k2\./);
  assert.match(stored(b) ?? '', /^v1\.k2\./);
  assert.equal(stored(none), null);
  assert.equal(openTotpSecret(a, stored(a) as string, both), clear);
  assert.equal(openTotpSecret(b, stored(b) as string, parseKeyring(newKey)), oldSecret);
  await rotateTotpSecrets(db, both, 50);
  const after = await db
    .selectFrom('app_user')
    .select(['id', 'totp_secret'])
    .where('id', 'in', [a, b])
    .execute();
  for (const r of after)
    assert.equal(r.totp_secret, stored(r.id), 'a secret under the active key is left alone');
  const audit = await db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'keys.rotated')
    .where('entity_type', '=', 'app_user')
    .execute();
  assert.ok(audit.length >= 1);
});
