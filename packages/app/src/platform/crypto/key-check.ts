import { sql } from 'kysely';
import { ConfigError } from '../../config.ts';
import { openTotpSecret } from '../auth/totp-secret.ts';
import { nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { CryptoError, decrypt, encrypt, type Keyring } from './envelope.ts';

// Issue 11, finding 14: a process started with master keys that cannot open the data (another data folder's
// development key, a wrong secret in production) used to serve, and every login then failed with a 500 when it
// opened a second-factor key. Each master key now leaves a check value in `key_check` (a known text sealed with
// that key alone) the first time it is configured; at start-up every configured key must open its value, and a
// key without one must open the data already sealed with it. Otherwise Ponte refuses to start, naming
// PONTE_ENCRYPTION_KEYS.

const PLAINTEXT = 'ponte-key-check-v1';
const aad = (keyId: string) => `key_check:${keyId}`;
/** How many sealed second-factor keys are tried for a key that has no check value yet. */
const SAMPLES = 3;

const only = (keyring: Keyring, id: string): Keyring => ({
  activeId: id,
  keys: new Map([[id, keyring.keys.get(id) as Buffer]]),
});

/** Whether the master key `keyId` of `keyring` opens the check value `envelope` (written for that key). */
export function keyOpensCheckValue(keyring: Keyring, keyId: string, envelope: string): boolean {
  if (!keyring.keys.has(keyId)) return false;
  try {
    return decrypt(only(keyring, keyId), envelope, aad(keyId)) === PLAINTEXT;
  } catch (e) {
    if (e instanceof CryptoError) return false;
    throw e;
  }
}

function refuse(detail: string): never {
  throw new ConfigError(
    `PONTE_ENCRYPTION_KEYS: ${detail}. Ponte non si avvia: con queste chiavi i dati identificativi e i secondi ` +
      'fattori non si possono aprire (ogni accesso fallirebbe). Configura le chiavi con cui questo database è ' +
      'stato cifrato (in sviluppo: il file dev-encryption-keys della cartella dati che lo ha creato).',
  );
}

/**
 * Checks the configured master keys against the database and records a check value for each new one. Throws
 * ConfigError (naming PONTE_ENCRYPTION_KEYS) when a key cannot open what it should. Runs at start-up, as the
 * owner of the database, before the application serves.
 */
export async function checkEncryptionKeys(
  db: Db,
  keyring: Keyring,
  /** `record: false` (`ponte doctor`, `/readyz`): check only, write no check value for a new key. */
  { record = true }: { record?: boolean } = {},
): Promise<{ recorded: string[] }> {
  const stored = new Map(
    (await db.selectFrom('key_check').select(['key_id', 'envelope']).execute()).map((r) => [
      r.key_id,
      r.envelope,
    ]),
  );
  // Second-factor keys sealed with a key that is not configured at all.
  const used = await sql<{ key_id: string; n: number | string }>`
    select split_part(totp_secret, '.', 2) as key_id, count(*) as n from app_user
    where totp_secret like 'v1.%' group by 1`.execute(db);
  for (const row of used.rows) {
    if (!keyring.keys.has(row.key_id)) {
      refuse(
        `${Number(row.n)} chiavi del secondo fattore sono cifrate con la chiave «${row.key_id}», che non è configurata`,
      );
    }
  }
  const recorded: string[] = [];
  for (const id of keyring.keys.keys()) {
    const envelope = stored.get(id);
    if (envelope !== undefined) {
      if (!opens(() => decrypt(only(keyring, id), envelope, aad(id)) === PLAINTEXT)) {
        refuse(`la chiave «${id}» non è quella con cui è stato scritto il suo valore di controllo`);
      }
      continue;
    }
    // A key seen for the first time (a new key, or a database of a version without check values): what is
    // already sealed with it must open before its check value is recorded.
    const samples = await db
      .selectFrom('app_user')
      .select(['id', 'totp_secret'])
      .where('totp_secret', 'like', `v1.${id}.%`)
      .orderBy('id')
      .limit(SAMPLES)
      .execute();
    for (const s of samples) {
      if (!opens(() => openTotpSecret(s.id, s.totp_secret as string, only(keyring, id)).length > 0)) {
        refuse(`la chiave «${id}» non apre i dati cifrati con il suo nome`);
      }
    }
    if (!record) continue;
    const inserted = await db
      .insertInto('key_check')
      .values({
        key_id: id,
        envelope: encrypt(only(keyring, id), PLAINTEXT, aad(id)).envelope,
        created_at: new Date(nowMs()),
      })
      .onConflict((oc) => oc.column('key_id').doNothing())
      .returning('key_id')
      .executeTakeFirst();
    if (inserted) recorded.push(id);
    else {
      // Another instance starting at the same moment recorded it first: it must open too.
      const row = await db
        .selectFrom('key_check')
        .select('envelope')
        .where('key_id', '=', id)
        .executeTakeFirstOrThrow();
      if (!opens(() => decrypt(only(keyring, id), row.envelope, aad(id)) === PLAINTEXT)) {
        refuse(`la chiave «${id}» non è quella con cui è stato scritto il suo valore di controllo`);
      }
    }
  }
  return { recorded };
}

function opens(fn: () => boolean): boolean {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CryptoError) return false;
    throw e;
  }
}
