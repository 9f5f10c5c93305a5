import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

// Envelope encryption (docs: issue 4, product.md "encrypted at rest"). Every value gets its own random data key
// (AES-256-GCM); the data key is wrapped by a master key from the configuration, named by its id, so that a
// master key can be rotated by re-encrypting (`ponte keys rotate`) without ever storing it in the database.
// The associated data binds a ciphertext to its row (e.g. `case_identity:<case id>`): moved to another row, it
// no longer decrypts. Any change to the stored text makes decryption fail: GCM authenticates everything.

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const VERSION = 'v1';

export class CryptoError extends Error {
  override name = 'CryptoError';
}

/** The master keys: the first is the active one (encrypts), all of them decrypt. */
export interface Keyring {
  readonly activeId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * Parses `PONTE_ENCRYPTION_KEYS`: `id:base64key,id2:base64key` (32-byte keys, standard or URL-safe base64).
 * Throws CryptoError with an Italian message on the first problem.
 */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let activeId: string | undefined;
  for (const part of spec.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const colon = part.indexOf(':');
    if (colon <= 0) throw new CryptoError('ogni chiave deve avere la forma id:chiave-base64');
    const id = part.slice(0, colon);
    const b64 = part.slice(colon + 1);
    if (!KEY_ID.test(id)) throw new CryptoError(`id di chiave non valido: ${JSON.stringify(id)}`);
    if (keys.has(id)) throw new CryptoError(`id di chiave ripetuto: ${id}`);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) throw new CryptoError(`la chiave ${id} non è in base64`);
    const key = Buffer.from(b64.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    if (key.length !== 32) throw new CryptoError(`la chiave ${id} deve essere di 32 byte (256 bit)`);
    keys.set(id, key);
    activeId ??= id;
  }
  if (activeId === undefined) throw new CryptoError('nessuna chiave di cifratura configurata');
  return { activeId, keys };
}

/** A development or test key derived from a secret (never used in production, where keys are required). */
export function derivedKeySpec(secret: string, id = 'dev'): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'ponte', 'ponte-dev-encryption-key', 32));
  return `${id}:${key.toString('base64')}`;
}

/** A new random key in the configuration format. */
export function newKeySpec(id: string): string {
  if (!KEY_ID.test(id)) throw new CryptoError(`id di chiave non valido: ${JSON.stringify(id)}`);
  return `${id}:${randomBytes(32).toString('base64')}`;
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 28) throw new CryptoError('cifrato troncato');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    throw new CryptoError('cifrato alterato o chiave errata');
  }
}

export interface Sealed {
  /** The master key that wraps the data key (also stored in its own column, to find rows to rotate). */
  keyId: string;
  /** `v1.<key id>.<wrapped data key>.<ciphertext>` (base64url parts). */
  envelope: string;
}

/** Encrypts `plaintext` under a fresh data key wrapped by the active master key. */
export function encrypt(keyring: Keyring, plaintext: string, aad: string): Sealed {
  const kek = keyring.keys.get(keyring.activeId) as Buffer;
  const dek = randomBytes(32);
  const wrapped = seal(kek, dek, `dek|${keyring.activeId}|${aad}`);
  const body = seal(dek, Buffer.from(plaintext, 'utf8'), aad);
  dek.fill(0);
  return {
    keyId: keyring.activeId,
    envelope: [VERSION, keyring.activeId, wrapped.toString('base64url'), body.toString('base64url')].join(
      '.',
    ),
  };
}

/** The master key id an envelope names (without decrypting it). */
export function envelopeKeyId(envelope: string): string {
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION || !KEY_ID.test(parts[1] as string)) {
    throw new CryptoError('formato del cifrato non riconosciuto');
  }
  return parts[1] as string;
}

/** Decrypts an envelope; throws CryptoError if it was altered, moved to another row or its key is unknown. */
export function decrypt(keyring: Keyring, envelope: string, aad: string): string {
  const keyId = envelopeKeyId(envelope);
  const [, , wrapped, body] = envelope.split('.') as [string, string, string, string];
  const kek = keyring.keys.get(keyId);
  if (!kek) throw new CryptoError(`chiave ${keyId} non configurata`);
  const dek = open(kek, Buffer.from(wrapped, 'base64url'), `dek|${keyId}|${aad}`);
  try {
    return open(dek, Buffer.from(body, 'base64url'), aad).toString('utf8');
  } finally {
    dek.fill(0);
  }
}

/** A short fingerprint of the active key, for logs and `ponte keys status` (never the key itself). */
export function keyFingerprint(keyring: Keyring, id = keyring.activeId): string {
  const key = keyring.keys.get(id);
  if (!key) throw new CryptoError(`chiave ${id} non configurata`);
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
