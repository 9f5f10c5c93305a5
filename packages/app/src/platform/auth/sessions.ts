import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { now, nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { Role, SessionData } from '../db/schema.ts';

export const SESSION_COOKIE = 'ponte_sid';

/** The absolute lifetime of a session when the configuration names none (PONTE_SESSION_MAX_HOURS). */
export const DEFAULT_SESSION_MAX_HOURS = 12;
const HOUR = 3600_000;

/** The earliest login time of a session still within its absolute lifetime. */
const bornAfter = (maxHours: number) => new Date(nowMs() - maxHours * HOUR);

/**
 * A session row is written at most once a minute however busy she is (issue 16): the requests in between slide
 * nothing. So that her idle time is never shorter than configured, each write sets the expiry one such minute
 * further: she is logged out between `idleMinutes` and `idleMinutes` + 1 after her last request.
 */
export const SESSION_TOUCH_EVERY_MS = 60_000;

/** The idle expiry from now, never beyond the absolute end of a session created at `createdMs`. */
function idleExpiry(createdMs: number, idleMinutes: number, maxHours: number): Date {
  return new Date(
    Math.min(nowMs() + idleMinutes * 60_000 + SESSION_TOUCH_EVERY_MS, createdMs + maxHours * HOUR),
  );
}

/** Sessions live in the database so that any instance can serve any request (architecture.md §4). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface SessionRow {
  id: string;
  userId: string | null;
  stage: 'password' | 'enrol' | 'active';
  organisationId: string | null;
  data: SessionData;
  lastSeenAt: Date;
  expiresAt: Date;
  /** When the session began (the login step that created it): its absolute lifetime runs from here. */
  createdAt: Date;
}

/** Creates a session and returns the cookie token (only its hash is stored). */
export async function createSession(
  db: Db,
  input: { userId: string; stage: SessionRow['stage']; organisationId: string | null; data?: SessionData },
  idleMinutes: number,
  maxHours = DEFAULT_SESSION_MAX_HOURS,
): Promise<string> {
  const token = newToken();
  const created = nowMs();
  await db
    .insertInto('session')
    .values({
      id: hashToken(token),
      user_id: input.userId,
      stage: input.stage,
      organisation_id: input.organisationId,
      data: JSON.stringify(input.data ?? {}),
      created_at: new Date(created),
      last_seen_at: new Date(created),
      expires_at: idleExpiry(created, idleMinutes, maxHours),
    })
    .execute();
  return token;
}

/** The live session of a cookie token, or null when unknown, idle too long or past its absolute lifetime. */
export async function findSession(
  db: Db,
  token: string,
  maxHours = DEFAULT_SESSION_MAX_HOURS,
): Promise<SessionRow | null> {
  const row = await db
    .selectFrom('session')
    .selectAll()
    .where('id', '=', hashToken(token))
    .where('expires_at', '>', now())
    .where('created_at', '>', bornAfter(maxHours))
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage,
    organisationId: row.organisation_id,
    data: typeof row.data === 'string' ? (JSON.parse(row.data) as SessionData) : row.data,
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    createdAt: new Date(row.created_at),
  };
}

/**
 * Slides the idle expiry forward, never beyond the absolute end of the session; skipped (no write) when the
 * session was written in the last minute (SESSION_TOUCH_EVERY_MS).
 */
export async function touchSession(
  db: Db,
  session: SessionRow,
  idleMinutes: number,
  maxHours = DEFAULT_SESSION_MAX_HOURS,
): Promise<void> {
  if (nowMs() - session.lastSeenAt.getTime() < SESSION_TOUCH_EVERY_MS) return;
  await db
    .updateTable('session')
    .set({
      last_seen_at: new Date(nowMs()),
      expires_at: idleExpiry(session.createdAt.getTime(), idleMinutes, maxHours),
    })
    .where('id', '=', session.id)
    .execute();
}

export async function updateSessionData(db: Db, sessionId: string, data: SessionData): Promise<void> {
  await db
    .updateTable('session')
    .set({ data: JSON.stringify(data) })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends every session of a user (the "log out everywhere" action, and after a password change). */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A live, fully logged-in session with its user, active organisation and roles there, in one query. */
export interface ActiveSession {
  session: SessionRow;
  username: string;
  displayName: string;
  orgKind: string;
  orgName: string;
  territoryId: string;
  roles: Role[];
  /** An administrator set her password: it must be changed before anything else. */
  passwordMustChange: boolean;
}

/** The one query of `findActiveSession`, compiled once (decision 0069). */
const activeSessionQuery = prepared((db: Db, id: string, at: Date, bornAfter: Date) =>
  db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 's.organisation_id')
    .select([
      's.id',
      's.user_id',
      's.organisation_id',
      's.data',
      's.last_seen_at',
      's.expires_at',
      's.created_at',
      'u.username',
      'u.display_name',
      'u.password_must_change',
      'o.kind',
      'o.name',
      'o.territory_id',
      sql<Role[]>`(select coalesce(array_agg(m.role order by m.role), '{}') from membership m
        where m.user_id = s.user_id and m.organisation_id = s.organisation_id)`.as('roles'),
    ])
    .where('s.id', '=', id)
    .where('s.stage', '=', 'active')
    .where('s.expires_at', '>', at)
    .where('s.created_at', '>', bornAfter)
    .where('u.active', '=', true),
);

/**
 * Resolves a cookie token to the staff member behind it: one round trip on every staff request (the hot path),
 * instead of one query each for the session, the user, the organisation and the roles.
 */
export async function findActiveSession(
  db: Db,
  token: string,
  maxHours = DEFAULT_SESSION_MAX_HOURS,
): Promise<ActiveSession | null> {
  const [row] = await activeSessionQuery(db, hashToken(token), now(), bornAfter(maxHours));
  if (!row?.user_id || !row.organisation_id) return null;
  const data = typeof row.data === 'string' ? (JSON.parse(row.data) as SessionData) : row.data;
  return {
    session: {
      id: row.id,
      userId: row.user_id,
      stage: 'active',
      organisationId: row.organisation_id,
      data,
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
      createdAt: new Date(row.created_at),
    },
    username: row.username,
    displayName: row.display_name,
    orgKind: row.kind,
    orgName: row.name,
    territoryId: row.territory_id,
    roles: row.roles,
    // A session opened through the organisation's provider used no Ponte password: nothing to change first.
    passwordMustChange: row.password_must_change && !data.oidc,
  };
}
