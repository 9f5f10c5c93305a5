import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.ts';
import { activeKeys, decrypt, encrypt, type Keyring } from '../crypto/index.ts';
import type { Db } from '../db/database.ts';

// The TOTP secret of a staff account is a credential: it is stored sealed with the master keys (AES-256-GCM
// envelope bound to the user's id, so a secret copied onto another account does not open). A secret stored in clear
// by an earlier version (base32 never contains a dot, an envelope always does) is still read, and `ponte keys
// rotate` seals it.

const aad = (userId: string) => `app_user.totp_secret:${userId}`;
const sealed = (stored: string) => stored.includes('.');

export function sealTotpSecret(userId: string, secret: string, keyring: Keyring = activeKeys()): string {
  return encrypt(keyring, secret, aad(userId)).envelope;
}

/** The secret in clear; throws CryptoError if the stored envelope was altered or moved to another account. */
export function openTotpSecret(userId: string, stored: string, keyring: Keyring = activeKeys()): string {
  return sealed(stored) ? decrypt(keyring, stored, aad(userId)) : stored;
}

/** Seals again, under the active key, every TOTP secret stored in clear or under another key; audited per batch. */
export async function rotateTotpSecrets(
  db: Db,
  keyring: Keyring,
  batchSize: number,
): Promise<{ done: number; failed: number }> {
  const prefix = `v1.${keyring.activeId}.`;
  const failed: string[] = [];
  let done = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      let q = tx
        .selectFrom('app_user')
        .select(['id', 'totp_secret'])
        .where('totp_secret', 'is not', null)
        .where(sql<boolean>`left(totp_secret, ${prefix.length}) <> ${prefix}`);
      if (failed.length) q = q.where('id', 'not in', failed);
      const rows = await q.orderBy('id').limit(batchSize).forUpdate().execute();
      let rotated = 0;
      for (const r of rows) {
        let plain: string;
        try {
          plain = openTotpSecret(r.id, r.totp_secret as string, keyring);
        } catch {
          failed.push(r.id);
          continue;
        }
        await tx
          .updateTable('app_user')
          .set({ totp_secret: sealTotpSecret(r.id, plain, keyring) })
          .where('id', '=', r.id)
          .execute();
        rotated++;
      }
      if (rows.length > 0) {
        await appendAudit(tx, {
          action: 'keys.rotated',
          entityType: 'app_user',
          details: {
            column: 'totp_secret',
            rotated,
            failed: rows.length - rotated,
            activeKey: keyring.activeId,
          },
        });
      }
      done += rotated;
      return rows.length;
    });
    if (n === 0) break;
  }
  return { done, failed: failed.length };
}
