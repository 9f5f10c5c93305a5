import { randomUUID } from 'node:crypto';
import { type Expression, sql } from 'kysely';
import { appendAudit, auditBy } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { now as clockNow, todayIso } from '../../platform/clock.ts';
import { activeKeys, configureKeys, decrypt, encrypt, type Keyring } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import { PonteError } from '../../platform/errors.ts';

// THE accessor of identifying data. This is the only module that reads `case_identity` and the only one that
// decrypts (identity and safe-contact code word): identity.test.ts greps the source tree to keep it so. Every
// read checks who may read, and writes its audit entry in the same transaction as the read.

/** What the CAV may record about the woman; every field optional. */
export interface Identity {
  name?: string;
  codiceFiscale?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export const IDENTITY_FIELDS = ['name', 'codiceFiscale', 'phone', 'email', 'address'] as const;

/** Who reads: the logged-in staff member in her active organisation. */
export interface IdentityActor {
  userId: string;
  orgId: string;
  roles: readonly Role[];
  ip?: string | null;
  requestId?: string | null;
  /** A background job acting for no one (the desk reminder); only the `reminder` purpose accepts it. */
  system?: boolean;
}

/** The actor of the desk reminder job, on behalf of the case's CAV (no user: the audit names none). */
export function systemActor(cavId: string): IdentityActor {
  return { userId: '', orgId: cavId, roles: [], system: true };
}

/** The audit entry of an identity read or refusal: the case, why (with the card or the appointment), and `more`. */
function auditIdentity(
  tx: Db,
  actor: IdentityActor,
  action: 'case.identity_read' | 'case.identity_refused',
  caseId: string,
  purpose: IdentityPurpose,
  more: Record<string, unknown>,
): Promise<void> {
  return auditBy(tx, { ...actor, userId: actor.system ? null : actor.userId }, action, 'case', caseId, {
    purpose: purpose.kind,
    cardId: purpose.kind === 'inps_card' ? purpose.cardId : undefined,
    appointmentId: purpose.kind === 'reminder' ? purpose.appointmentId : undefined,
    ...more,
  });
}

/**
 * Why: her CAV shows it (`cav_view`), opens it to edit (`cav_edit`) or checks a note (`pii_guard`); the INPS
 * officer of an open consultation card reads it through that card (`inps_card`), only with the woman's live `identity_to_inps` consent.
 */
export type IdentityPurpose =
  | { kind: 'cav_view' }
  | { kind: 'cav_edit' }
  /** Her CAV checks a referral note for her names before it leaves (the cards feature's PII guard). */
  | { kind: 'pii_guard' }
  /** Her CAV exports everything about her case at her request (right of access, access-export.ts). */
  | { kind: 'access_request' }
  | { kind: 'inps_card'; cardId: string }
  /**
   * The reminder job e-mails her about a booked appointment of her case: only a system actor, and only while her
   * safe-contact profile allows e-mail and her `contact` consent is live (desks/reminders.ts decides the hour).
   */
  | { kind: 'reminder'; appointmentId: string };

/** The process's master keys (platform/crypto/keys.ts, set at start by buildApp); tests switch them to rotate. */
export const useKeys = configureKeys;
const keys = activeKeys;

const identityAad = (caseId: string) => `case_identity:${caseId}`;
const codeWordAad = (caseId: string) => `safe_contact.code_word:${caseId}`;

/** Why a read was refused (audited as `case.identity_refused`, issue 11 finding 9); names nothing about her. */
export type RefusalReason =
  | 'role'
  | 'card_closed'
  | 'consent_missing'
  | 'consent_revoked'
  | 'consent_expired';

/** A 403 of the accessor that is audited: the reader was entitled to ask, but the woman's consent or the card says no. */
class Refused extends PonteError {
  constructor(readonly reason: RefusalReason) {
    super('PONTE_ERR_FORBIDDEN');
  }
}

/** Throws 404 unless `actor` may read the identity of `caseId` for `purpose`; 403 (Refused) when she may not now. */
async function authorise(
  tx: Db,
  actor: IdentityActor,
  caseId: string,
  purpose: IdentityPurpose,
): Promise<void> {
  if (purpose.kind === 'reminder' || actor.system) {
    if (purpose.kind !== 'reminder' || !actor.system) throw new PonteError('PONTE_ERR_FORBIDDEN');
    const appt = await tx
      .selectFrom('appointment as a')
      .innerJoin('consultation_card as k', 'k.id', 'a.card_id')
      .innerJoin('case_file as c', 'c.id', 'k.case_id')
      .innerJoin('safe_contact as s', 's.case_id', 'c.id')
      .select('a.id')
      .where('a.id', '=', purpose.appointmentId)
      .where('a.status', '=', 'booked')
      .where('c.id', '=', caseId)
      .where('c.cav_id', '=', actor.orgId)
      .where('c.status', '=', 'open')
      .where(sql<boolean>`'email' = any(s.channels)`)
      .executeTakeFirst();
    if (!appt) throw new PonteError('PONTE_ERR_NOT_FOUND');
    const contact = await consentState(tx, caseId, 'contact');
    if (contact !== 'live') throw new Refused(contact);
    return;
  }
  if (purpose.kind !== 'inps_card') {
    if (!can(actor.roles, 'cases.work')) throw new Refused('role');
    const row = await tx
      .selectFrom('case_file')
      .select('id')
      .where('id', '=', caseId)
      .where('cav_id', '=', actor.orgId)
      .executeTakeFirst();
    if (!row) throw new PonteError('PONTE_ERR_NOT_FOUND');
    return;
  }
  if (!can(actor.roles, 'cards.work')) throw new Refused('role');
  const card = await tx
    .selectFrom('consultation_card')
    .select(['id', 'status'])
    .where('id', '=', purpose.cardId)
    .where('case_id', '=', caseId)
    .where('inps_office_id', '=', actor.orgId)
    .executeTakeFirst();
  if (!card) throw new PonteError('PONTE_ERR_NOT_FOUND');
  if (card.status === 'closed' || card.status === 'declined') throw new Refused('card_closed');
  const consent = await consentState(tx, caseId, 'identity_to_inps');
  if (consent !== 'live') throw new Refused(consent);
}

/** Whether her consent for `purpose` is live today, and if not, why (a revoked one, an expired one, or none). */
async function consentState(
  tx: Db,
  caseId: string,
  purpose: 'identity_to_inps' | 'contact',
): Promise<'live' | 'consent_missing' | 'consent_revoked' | 'consent_expired'> {
  const day = todayIso();
  const rows = await tx
    .selectFrom('consent')
    .select(['revoked_at', 'given_on', 'expires_on'])
    .where('case_id', '=', caseId)
    .where('purpose', '=', purpose)
    .execute();
  if (rows.some((c) => c.revoked_at === null && c.given_on <= day && c.expires_on >= day)) return 'live';
  if (rows.some((c) => c.revoked_at !== null)) return 'consent_revoked';
  if (rows.length > 0) return 'consent_expired';
  return 'consent_missing';
}

/**
 * Records a refused read (`case.identity_refused`) in its own transaction, after the refused one rolled back:
 * who asked, for which case and purpose, and why — nothing identifying about her.
 */
async function auditRefusal(
  db: Db,
  actor: IdentityActor,
  caseId: string,
  purpose: IdentityPurpose,
  reason: RefusalReason,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await auditIdentity(tx, actor, 'case.identity_refused', caseId, purpose, { reason });
  });
}

/**
 * Reads (decrypts) the identity of a case for `purpose`, after checking that `actor` may, and records the read
 * in the audit log (`case.identity_read`) — and, through a card, in `card_access` — in the same transaction.
 * Returns null when nothing was recorded or it was erased. Throws PonteError 404/403 when she may not read; a
 * 403 (her role, a closed card, a consent missing, revoked or expired) is audited as `case.identity_refused`.
 */
export async function readIdentity(
  db: Db,
  actor: IdentityActor,
  caseId: string,
  purpose: IdentityPurpose,
): Promise<Identity | null> {
  try {
    return await readAuthorised(db, actor, caseId, purpose);
  } catch (e) {
    if (e instanceof Refused) await auditRefusal(db, actor, caseId, purpose, e.reason);
    throw e;
  }
}

async function readAuthorised(
  db: Db,
  actor: IdentityActor,
  caseId: string,
  purpose: IdentityPurpose,
): Promise<Identity | null> {
  return db.transaction().execute(async (tx) => {
    await authorise(tx, actor, caseId, purpose);
    const row = await tx
      .selectFrom('case_identity')
      .select(['ciphertext', 'erased_at'])
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    const identity =
      row?.ciphertext && !row.erased_at
        ? (JSON.parse(decrypt(keys(), row.ciphertext, identityAad(caseId))) as Identity)
        : null;
    if (purpose.kind === 'inps_card') {
      await tx
        .insertInto('card_access')
        .values({
          id: randomUUID(),
          card_id: purpose.cardId,
          user_id: actor.userId,
          org_id: actor.orgId,
          kind: 'identity_revealed',
          at: clockNow(),
        })
        .execute();
    }
    await auditIdentity(tx, actor, 'case.identity_read', caseId, purpose, { found: identity !== null });
    return identity;
  });
}

/** The safe-contact code word, for her CAV only; audited (`case.code_word_read`). */
export async function readCodeWord(db: Db, actor: IdentityActor, caseId: string): Promise<string | null> {
  return db.transaction().execute(async (tx) => {
    await authorise(tx, actor, caseId, { kind: 'cav_view' });
    const row = await tx
      .selectFrom('safe_contact')
      .select('code_word_cipher')
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    const word = row?.code_word_cipher ? decrypt(keys(), row.code_word_cipher, codeWordAad(caseId)) : null;
    await appendAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'case.code_word_read',
      entityType: 'case',
      entityId: caseId,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      details: { found: word !== null },
    });
    return word;
  });
}

export interface IdentityMeta {
  recorded: boolean;
  version: number;
  erased: boolean;
  updatedAt: Date | null;
}

const NO_IDENTITY: IdentityMeta = { recorded: false, version: 0, erased: false, updatedAt: null };

/**
 * The identity's metadata of the case `caseId` names (a column reference of the caller's query) as one JSON
 * value, for a page that loads its sections in one query (the case page): nothing identifying, no ciphertext.
 * Read it back with `identityMetaFromJson`.
 */
export function identityMetaJson(caseId: Expression<string>) {
  return sql<IdentityMetaJson | null>`(select json_build_object(
    'recorded', i.ciphertext is not null, 'version', i.version, 'erased', i.erased_at is not null,
    'updated_at', i.updated_at) from case_identity i where i.case_id = ${caseId})`;
}

export interface IdentityMetaJson {
  recorded: boolean;
  version: number;
  erased: boolean;
  updated_at: string | null;
}

export function identityMetaFromJson(j: IdentityMetaJson | null): IdentityMeta {
  if (!j) return NO_IDENTITY;
  return {
    recorded: j.recorded,
    version: j.version,
    erased: j.erased,
    updatedAt: j.updated_at === null ? null : new Date(j.updated_at),
  };
}

/** Whether an identity is recorded, and its version (no decryption, no audit: nothing identifying is read). */
export async function identityMeta(db: Db, caseId: string): Promise<IdentityMeta> {
  const row = await db
    .selectFrom('case_identity')
    .select(['version', 'erased_at', 'updated_at', 'ciphertext'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return NO_IDENTITY;
  return {
    recorded: row.ciphertext !== null,
    version: row.version,
    erased: row.erased_at !== null,
    updatedAt: row.updated_at,
  };
}

/**
 * Encrypts and stores the identity inside the caller's transaction (who audits the write). `seenVersion` is the
 * version the form was built on (0: none recorded yet); returns false when someone changed it meanwhile.
 */
export async function writeIdentity(
  tx: Db,
  caseId: string,
  identity: Identity,
  seenVersion: number,
): Promise<boolean> {
  const sealed = encrypt(keys(), JSON.stringify(identity), identityAad(caseId));
  if (seenVersion === 0) {
    const inserted = await tx
      .insertInto('case_identity')
      .values({
        case_id: caseId,
        key_id: sealed.keyId,
        ciphertext: sealed.envelope,
        created_at: clockNow(),
        updated_at: clockNow(),
      })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await tx
    .updateTable('case_identity')
    .set({
      key_id: sealed.keyId,
      ciphertext: sealed.envelope,
      erased_at: null,
      updated_at: clockNow(),
      version: sql<number>`version + 1`,
    })
    .where('case_id', '=', caseId)
    .where('version', '=', seenVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** The sealed code word for the safe_contact row (null removes it). */
export function sealCodeWord(
  caseId: string,
  word: string | null,
): { keyId: string | null; cipher: string | null } {
  if (word === null) return { keyId: null, cipher: null };
  const sealed = encrypt(keys(), word, codeWordAad(caseId));
  return { keyId: sealed.keyId, cipher: sealed.envelope };
}

/**
 * `ponte keys rotate`: re-encrypts every identity and code word not under the active key, `batchSize` rows per
 * transaction (rows locked while re-encrypted, so a concurrent edit waits), each batch audited. Idempotent:
 * run again after an interruption, it continues where it stopped. A row that does not decrypt (altered, or its
 * key no longer configured) is left as it is and counted in `failed`, named in the audit by its case id.
 */
export async function rotateKeys(
  db: Db,
  keyring: Keyring,
  batchSize = 200,
): Promise<{ identities: number; codeWords: number; failed: number }> {
  const identities = await rotateTable(db, keyring, batchSize, {
    table: 'case_identity',
    keyColumn: 'key_id',
    cipherColumn: 'ciphertext',
    aad: identityAad,
  });
  const codeWords = await rotateTable(db, keyring, batchSize, {
    table: 'safe_contact',
    keyColumn: 'code_word_key_id',
    cipherColumn: 'code_word_cipher',
    aad: codeWordAad,
  });
  return {
    identities: identities.done,
    codeWords: codeWords.done,
    failed: identities.failed + codeWords.failed,
  };
}

async function rotateTable(
  db: Db,
  keyring: Keyring,
  batchSize: number,
  t: {
    table: 'case_identity' | 'safe_contact';
    keyColumn: 'key_id' | 'code_word_key_id';
    cipherColumn: 'ciphertext' | 'code_word_cipher';
    aad: (caseId: string) => string;
  },
): Promise<{ done: number; failed: number }> {
  const active = keyring.activeId;
  const failed: string[] = [];
  let done = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      let q = tx
        .selectFrom(t.table)
        .select(['case_id', sql<string>`${sql.ref(t.cipherColumn)}`.as('cipher')])
        .where(sql.ref(t.keyColumn), '<>', active)
        .where(sql.ref(t.cipherColumn), 'is not', null);
      if (failed.length) q = q.where('case_id', 'not in', failed);
      const rows = await q.orderBy('case_id').limit(batchSize).forUpdate().execute();
      const bad: string[] = [];
      for (const r of rows) {
        const aad = t.aad(r.case_id);
        let plain: string;
        try {
          plain = decrypt(keyring, r.cipher, aad);
        } catch {
          bad.push(r.case_id);
          continue;
        }
        const sealed = encrypt(keyring, plain, aad);
        await tx
          .updateTable(t.table)
          .set({ [t.keyColumn]: sealed.keyId, [t.cipherColumn]: sealed.envelope })
          .where('case_id', '=', r.case_id)
          .execute();
      }
      if (rows.length > 0) {
        await appendAudit(tx, {
          action: 'keys.rotated',
          entityType: t.table,
          details: {
            keyId: active,
            rows: rows.length - bad.length,
            failedCaseIds: bad.length ? bad : undefined,
          },
        });
      }
      failed.push(...bad);
      done += rows.length - bad.length;
      return rows.length;
    });
    if (n < batchSize) break;
  }
  return { done, failed: failed.length };
}

/**
 * Retention: the cases closed before `closedBefore` whose identifying data is not erased yet (no `case_identity`
 * row marked erased), oldest first. No decryption, nothing identifying is read.
 */
export async function casesToErase(db: Db, closedBefore: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('case_file as c')
    .leftJoin('case_identity as i', 'i.case_id', 'c.id')
    .select('c.id')
    .where('c.status', '=', 'closed')
    .where('c.closed_at', '<', closedBefore)
    .where('i.erased_at', 'is', null)
    .orderBy('c.closed_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Erases the identifying data of a case inside the caller's transaction (who checks the case and audits): the
 * identity ciphertext and its key id, the safe-contact code word and hours. The `case_identity` row stays,
 * marked `erased_at` (inserted when no identity was ever recorded), so the case says it was erased and a
 * second run finds nothing to do. Returns what was there, or null when it was already erased.
 */
export async function eraseIdentity(
  tx: Db,
  caseId: string,
): Promise<{ identity: boolean; codeWord: boolean } | null> {
  const now = clockNow();
  const row = await tx
    .selectFrom('case_identity')
    .select(['erased_at', sql<boolean>`ciphertext is not null`.as('had')])
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (row?.erased_at) return null;
  if (row) {
    await tx
      .updateTable('case_identity')
      .set({
        key_id: null,
        ciphertext: null,
        erased_at: now,
        updated_at: now,
        version: sql<number>`version + 1`,
      })
      .where('case_id', '=', caseId)
      .execute();
  } else {
    await tx
      .insertInto('case_identity')
      .values({ case_id: caseId, key_id: null, ciphertext: null, erased_at: now })
      .execute();
  }
  const contact = await tx
    .selectFrom('safe_contact')
    .select([
      sql<boolean>`code_word_cipher is not null`.as('word'),
      sql<boolean>`hours is not null`.as('hours'),
    ])
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (contact?.word || contact?.hours) {
    await tx
      .updateTable('safe_contact')
      .set({
        code_word_key_id: null,
        code_word_cipher: null,
        hours: null,
        updated_at: now,
        version: sql<number>`version + 1`,
      })
      .where('case_id', '=', caseId)
      .execute();
  }
  return { identity: !!row?.had, codeWord: !!contact?.word };
}
