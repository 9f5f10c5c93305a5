import { sql } from 'kysely';
import { openTotpSecret, sealTotpSecret } from '../../platform/auth/totp-secret.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SessionData } from '../../platform/db/schema.ts';

// SQL of the login feature, and nothing else.

export interface LoginUser {
  id: string;
  username: string;
  passwordHash: string;
  totpSecret: string | null;
  totpEnrolled: boolean;
  totpLastStep: number;
  active: boolean;
  /** Her stored language; null = not chosen. */
  lang: 'it' | 'en' | null;
  /** An administrator set her password: she changes it right after this login. */
  passwordMustChange: boolean;
}

function toLoginUser(row: {
  id: string;
  username: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number;
  active: boolean;
  lang: 'it' | 'en' | null;
  password_must_change: boolean;
}): LoginUser {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret === null ? null : openTotpSecret(row.id, row.totp_secret),
    totpEnrolled: row.totp_secret !== null && row.totp_enrolled_at !== null,
    totpLastStep: Number(row.totp_last_step),
    active: row.active,
    lang: row.lang,
    passwordMustChange: row.password_must_change,
  };
}

const loginColumns = [
  'id',
  'username',
  'password_hash',
  'totp_secret',
  'totp_enrolled_at',
  'totp_last_step',
  'active',
  'lang',
  'password_must_change',
] as const;

export async function findUserByUsername(db: Db, username: string): Promise<LoginUser | null> {
  const row = await db
    .selectFrom('app_user')
    .select(loginColumns)
    .where('username', '=', username)
    .executeTakeFirst();
  return row ? toLoginUser(row) : null;
}

export async function findUserById(db: Db, id: string): Promise<LoginUser | null> {
  const row = await db.selectFrom('app_user').select(loginColumns).where('id', '=', id).executeTakeFirst();
  return row ? toLoginUser(row) : null;
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/**
 * Moves the user's last accepted TOTP step forward, only if `step` is newer: false means another request used
 * this step (or a later one) first, i.e. a replay.
 */
export async function advanceTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_last_step', '<', step)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stores a confirmed TOTP secret, only if the user has none enrolled yet (two tabs cannot both enrol). */
export async function enrolTotp(db: Db, userId: string, secret: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_secret: sealTotpSecret(userId, secret), totp_enrolled_at: clockNow(), totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_secret', 'is', null), eb('totp_enrolled_at', 'is', null)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces every recovery code of the user with the given hashes. */
export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Marks one unused recovery code as used; false when it does not exist or was used already. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const r = await db
    .updateTable('recovery_code')
    .set({ used_at: clockNow() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface UserOrganisation {
  id: string;
  name: string;
}

/** The active organisations in which the user holds at least one role, alphabetically. */
export async function organisationsOf(db: Db, userId: string): Promise<UserOrganisation[]> {
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('active', '=', true)
    .where('id', 'in', (eb) =>
      eb.selectFrom('membership').select('organisation_id').where('user_id', '=', userId),
    )
    .orderBy(sql`lower(name)`)
    .orderBy('name')
    .execute();
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The live, fully logged-in sessions of a user, most recent first. */
export async function activeSessionsOf(db: Db, userId: string): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('stage', '=', 'active')
    .where('expires_at', '>', clockNow())
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at),
    lastSeenAt: new Date(r.last_seen_at),
    expiresAt: new Date(r.expires_at),
  }));
}

/** Deletes the expired sessions of a user (housekeeping at each login). */
export async function deleteExpiredSessionsOf(db: Db, userId: string): Promise<void> {
  await db
    .deleteFrom('session')
    .where('user_id', '=', userId)
    .where('expires_at', '<=', clockNow())
    .execute();
}

export async function setSessionOrganisation(
  db: Db,
  sessionId: string,
  organisationId: string,
): Promise<void> {
  await db
    .updateTable('session')
    .set({ organisation_id: organisationId })
    .where('id', '=', sessionId)
    .execute();
}

/** Her stored language (undefined: no such user). */
export async function userLang(db: Db, userId: string): Promise<{ lang: 'it' | 'en' | null } | undefined> {
  return db.selectFrom('app_user').select('lang').where('id', '=', userId).executeTakeFirst();
}

/** Her stored language, locked until the end of the transaction (undefined: no such user). */
export async function lockUserLang(
  db: Db,
  userId: string,
): Promise<{ lang: 'it' | 'en' | null } | undefined> {
  return db.selectFrom('app_user').select('lang').where('id', '=', userId).forUpdate().executeTakeFirst();
}

export async function setUserLang(db: Db, userId: string, lang: 'it' | 'en'): Promise<void> {
  await db.updateTable('app_user').set({ lang }).where('id', '=', userId).execute();
}

/** Sets the language of one session, keeping the rest of its data (one statement: no lost update). */
export async function setSessionLang(db: Db, sessionId: string, lang: 'it' | 'en'): Promise<void> {
  await db
    .updateTable('session')
    .set({ data: sql`data || ${JSON.stringify({ lang })}::jsonb` })
    .where('id', '=', sessionId)
    .execute();
}

/** Her new password, chosen by herself: the one-time flag goes, the time of the change is kept. */
export async function setOwnPassword(db: Db, userId: string, passwordHash: string, at: Date): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, password_must_change: false, password_changed_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Her address and language, for the e-mail that tells her of a change to her account. */
export async function mailContactOf(
  db: Db,
  userId: string,
): Promise<{ email: string | null; lang: 'it' | 'en' | null; username: string } | undefined> {
  return db
    .selectFrom('app_user')
    .select(['email', 'lang', 'username'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** What a session keeps besides its user (her language of this session), to carry it over to a new token. */
export async function sessionDataOf(db: Db, sessionId: string): Promise<SessionData | undefined> {
  const row = await db.selectFrom('session').select('data').where('id', '=', sessionId).executeTakeFirst();
  if (!row) return undefined;
  return typeof row.data === 'string' ? (JSON.parse(row.data) as SessionData) : row.data;
}

/** When she last chose her password herself (null: never since the account was created). */
export async function passwordChangedAt(db: Db, userId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('app_user')
    .select('password_changed_at')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.password_changed_at ? new Date(row.password_changed_at) : null;
}
