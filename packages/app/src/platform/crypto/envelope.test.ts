import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';
import {
  CryptoError,
  decrypt,
  derivedKeySpec,
  encrypt,
  envelopeKeyId,
  newKeySpec,
  parseKeyring,
} from './index.ts';

const k1 = newKeySpec('k1');
const k2 = newKeySpec('k2');

test('envelope: encrypts under the active key, decrypts with any configured key, never shows the plaintext', () => {
  const ring = parseKeyring(`${k1},${k2}`);
  assert.equal(ring.activeId, 'k1');
  const sealed = encrypt(ring, '{"name":"Maria Rossi"}', 'case_identity:abc');
  assert.equal(sealed.keyId, 'k1');
  assert.equal(envelopeKeyId(sealed.envelope), 'k1');
  assert.doesNotMatch(sealed.envelope, /Maria|Rossi/);
  assert.equal(decrypt(ring, sealed.envelope, 'case_identity:abc'), '{"name":"Maria Rossi"}');
  // Two encryptions of the same text differ (fresh data key and nonce).
  assert.notEqual(encrypt(ring, 'x', 'a').envelope, encrypt(ring, 'x', 'a').envelope);
  // After a rotation the old key still decrypts what it wrapped.
  const rotated = parseKeyring(`${k2},${k1}`);
  assert.equal(decrypt(rotated, sealed.envelope, 'case_identity:abc'), '{"name":"Maria Rossi"}');
});

test('envelope: a changed byte, another row or a missing key is refused', () => {
  const ring = parseKeyring(k1);
  const { envelope } = encrypt(ring, 'segreto', 'case_identity:1');
  const parts = envelope.split('.');
  const body = Buffer.from(parts[3] as string, 'base64url');
  body[body.length - 1] = (body[body.length - 1] as number) ^ 1;
  const tampered = [parts[0], parts[1], parts[2], body.toString('base64url')].join('.');
  assert.throws(() => decrypt(ring, tampered, 'case_identity:1'), CryptoError);
  const wrapped = Buffer.from(parts[2] as string, 'base64url');
  wrapped[20] = (wrapped[20] as number) ^ 1;
  assert.throws(
    () =>
      decrypt(
        ring,
        [parts[0], parts[1], wrapped.toString('base64url'), parts[3]].join('.'),
        'case_identity:1',
      ),
    CryptoError,
  );
  assert.throws(() => decrypt(ring, envelope, 'case_identity:2'), CryptoError);
  assert.throws(() => decrypt(parseKeyring(k2), envelope, 'case_identity:1'), /non configurata/);
  assert.throws(() => decrypt(ring, 'plain text', 'case_identity:1'), CryptoError);
});

test('keyring: bad specifications are refused with a message', () => {
  assert.throws(() => parseKeyring(''), /nessuna chiave/);
  assert.throws(() => parseKeyring('k1'), /id:chiave/);
  assert.throws(() => parseKeyring(`k1:${Buffer.alloc(16).toString('base64')}`), /32 byte/);
  assert.throws(() => parseKeyring(`${k1},${k1}`), /ripetuto/);
  assert.throws(() => parseKeyring('k 1:abc'), /non valido/);
  assert.equal(parseKeyring(derivedKeySpec('s'.repeat(40))).activeId, 'dev');
});

test('config: production requires PONTE_ENCRYPTION_KEYS and validates it; test derives a key', () => {
  const prod = {
    NODE_ENV: 'production',
    PONTE_SECRET: 'x'.repeat(40),
    DATABASE_URL: 'postgres://localhost/x',
    PONTE_AUDIT_KEY: 'z'.repeat(40),
  };
  assert.throws(() => loadConfig(prod), ConfigError);
  assert.throws(() => loadConfig({ ...prod, PONTE_ENCRYPTION_KEYS: 'k1:short' }), /PONTE_ENCRYPTION_KEYS/);
  assert.equal(loadConfig({ ...prod, PONTE_ENCRYPTION_KEYS: `${k1},${k2}` }).encryptionKeys, `${k1},${k2}`);
  const dev = loadConfig({ NODE_ENV: 'test', PONTE_SECRET: 'y'.repeat(40) }, { dataDir: null });
  assert.equal(parseKeyring(dev.encryptionKeys).activeId, 'dev');
});
