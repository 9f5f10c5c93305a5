import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { auditBy } from '../../../platform/audit/audit.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { PonteError } from '../../../platform/errors.ts';
import { feedIcs } from '../notify/mail-messages.ts';
import { feedAppointments } from '../notify/repository.ts';

// The officer's calendar subscription (issue 5, part C): a secret URL /calendar/<token>.ics that her calendar
// program reads. The token (32 random bytes) is shown once; only its SHA-256 is stored, so the database alone
// cannot rebuild a working URL. At most one live feed per officer: a new one revokes the old one in the same
// transaction; revoking is immediate. The feed carries only times, place and card code.

export interface FeedActor {
  userId: string;
  orgId: string;
  ip?: string | null;
  requestId?: string | null;
}

/** How a token looks: 32 bytes in base64url, 43 characters. */
export const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
const PAST_DAYS = 30;
const AHEAD_MONTHS = 6;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function liveFeed(
  db: Db,
  userId: string,
): Promise<{ id: string; created_at: Date } | undefined> {
  return db
    .selectFrom('calendar_feed')
    .select(['id', 'created_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

const audit = (db: Db, actor: FeedActor, action: string, id: string) =>
  auditBy(db, actor, action, 'calendar_feed', id);

async function revokeLive(tx: Db, actor: FeedActor, seen: string): Promise<boolean> {
  const r = await tx
    .updateTable('calendar_feed')
    .set({ revoked_at: clockNow() })
    .where('id', '=', seen)
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await audit(tx, actor, 'desk.feed.revoke', seen);
  return true;
}

/**
 * Creates her feed and returns the token (shown once). `seen` is the live feed the page showed ('' for none):
 * it is revoked in the same transaction; when the live feed is no longer the one she saw, PONTE_ERR_CONFLICT.
 */
export async function createFeed(db: Db, actor: FeedActor, seen: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  try {
    await db.transaction().execute(async (tx) => {
      if (seen && !(await revokeLive(tx, actor, seen))) throw new PonteError('PONTE_ERR_CONFLICT');
      // The partial unique index (one live feed per user) refuses a second live feed made concurrently.
      await tx
        .insertInto('calendar_feed')
        .values({ id, user_id: actor.userId, token_hash: hashToken(token), created_at: clockNow() })
        .execute();
      await audit(tx, actor, 'desk.feed.create', id);
    });
  } catch (e) {
    if ((e as { code?: unknown }).code === '23505') throw new PonteError('PONTE_ERR_CONFLICT');
    throw e;
  }
  return token;
}

/** Revokes the live feed she saw; PONTE_ERR_CONFLICT when it is no longer live. */
export async function revokeFeed(db: Db, actor: FeedActor, seen: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (!seen || !(await revokeLive(tx, actor, seen))) throw new PonteError('PONTE_ERR_CONFLICT');
  });
}

/** The calendar of a live token, or null (unknown, revoked, or its officer no longer active). */
export async function calendarFor(db: Db, token: string, now = clockNow()): Promise<string | null> {
  if (!TOKEN_RE.test(token)) return null;
  const feed = await db
    .selectFrom('calendar_feed as f')
    .innerJoin('app_user as u', 'u.id', 'f.user_id')
    .select('f.user_id')
    .where('f.token_hash', '=', hashToken(token))
    .where('f.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!feed) return null;
  const from = new Date(now.getTime() - PAST_DAYS * 24 * 3600_000);
  const to = new Date(now);
  to.setUTCMonth(to.getUTCMonth() + AHEAD_MONTHS);
  return feedIcs(await feedAppointments(db, feed.user_id, from, to));
}
