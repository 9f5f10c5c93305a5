import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { AuditEntry } from '../db/schema.ts';

/** What an audit entry records: who, what, which record, from where. */
export interface AuditEvent {
  actorUserId?: string | null;
  actorOrgId?: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
// Any fixed 64-bit number serves: it names the lock that serialises appends to the chain across instances.
const AUDIT_LOCK = 0x504f4e5445; // "PONTE"

// Canonical JSON as the database stores it: sorted keys, and undefined dropped from objects (null in arrays),
// exactly as JSON.stringify does before the jsonb column receives the details.
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The hash of an entry: SHA-256 over the previous hash and every recorded field, in a fixed order. */
export function entryHash(e: Omit<AuditEntry, 'id' | 'hash'>): string {
  const at = e.at instanceof Date ? e.at.toISOString() : new Date(e.at).toISOString();
  const body = canonical([
    e.prev_hash,
    at,
    e.actor_user_id,
    e.actor_org_id,
    e.action,
    e.entity_type,
    e.entity_id,
    e.ip,
    e.request_id,
    e.details,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction of the write it records, so that the
 * record and its trace commit together; the advisory lock makes concurrent appends (from any instance) queue.
 */
export async function appendAudit(db: Db, event: AuditEvent): Promise<void> {
  const run = async (tx: Db) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
    const last = await tx
      .selectFrom('audit_log')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Microseconds are lost by JavaScript dates; truncate to milliseconds so the stored value hashes the same.
    const at = new Date(Math.floor(nowMs()));
    const row = {
      at,
      actor_user_id: event.actorUserId ?? null,
      actor_org_id: event.actorOrgId ?? null,
      action: event.action,
      entity_type: event.entityType ?? null,
      entity_id: event.entityId ?? null,
      ip: event.ip ?? null,
      request_id: event.requestId ?? null,
      details: event.details ?? {},
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const hash = entryHash(row);
    await tx
      .insertInto('audit_log')
      .values({ ...row, details: JSON.stringify(row.details), hash })
      .execute();
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose content, link or order does not match the chain. */
  firstBroken?: { id: number; reason: 'hash_mismatch' | 'link_broken' | 'missing_entries' };
}

/** Walks the whole chain in id order, in pages, and names the first entry that was edited or removed. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const id = Number(row.id);
      if (row.prev_hash !== prev) {
        // A deleted entry leaves its successor pointing at a hash that no longer precedes it.
        const reason = id !== lastId + 1 ? 'missing_entries' : 'link_broken';
        return { ok: false, checked, firstBroken: { id, reason } };
      }
      const { id: _id, hash, ...rest } = row;
      if (entryHash(rest) !== hash)
        return { ok: false, checked, firstBroken: { id, reason: 'hash_mismatch' } };
      prev = hash;
      lastId = id;
      checked++;
    }
  }
}
