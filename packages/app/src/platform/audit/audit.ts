import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { sql } from 'kysely';
import { ConfigError } from '../../config.ts';
import { nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { AuditEntry } from '../db/schema.ts';

// The audit log is a hash chain (decision 0005) whose links are keyed (decision 0037): each entry's hash is an
// HMAC-SHA-256, with a key from the configuration (PONTE_AUDIT_KEY) that is not in the database, over the
// previous entry's hash and every recorded field. Someone who can write the database but does not hold the key
// cannot recompute the links after changing an entry. Entries written before the switch were linked with plain
// SHA-256; the switch itself is the entry `audit.chain_keyed`, keyed, whose link covers the head of those older
// entries. Truncation leaves a shorter chain that is still valid: signed checkpoints kept outside the database
// (checkpoints.ts) anchor the head.

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
/** The action of the entry from which the links are keyed. */
export const KEYED_MARKER = 'audit.chain_keyed';
// Any fixed 64-bit number serves: it names the lock that serialises appends to the chain across instances.
const AUDIT_LOCK = 0x504f4e5445; // "PONTE"

/** The keys derived from PONTE_AUDIT_KEY: one for the links, one for the checkpoints, and a public name. */
export interface AuditKeys {
  readonly link: Buffer;
  readonly checkpoint: Buffer;
  /** Names the key without revealing it (a keyed hash of a constant): tells "another key" from "altered". */
  readonly fingerprint: string;
}

const derive = (secret: string, info: string) =>
  Buffer.from(hkdfSync('sha256', secret, 'ponte-audit', info, 32));

export function auditKeys(secret: string): AuditKeys {
  const link = derive(secret, 'link');
  return {
    link,
    checkpoint: derive(secret, 'checkpoint'),
    fingerprint: createHmac('sha256', derive(secret, 'fingerprint'))
      .update('ponte-audit-key')
      .digest('hex')
      .slice(0, 16),
  };
}

let current: AuditKeys | undefined;

/** Sets the audit key of this process (buildApp, the server and the CLI call it with config.auditKey). */
export function configureAuditKey(secret: string): AuditKeys {
  current = auditKeys(secret);
  return current;
}

export function activeAuditKeys(): AuditKeys {
  if (!current) throw new Error('audit key not configured: call configureAuditKey(config.auditKey) first');
  return current;
}

// Canonical JSON as the database stores it: sorted keys, and undefined dropped from objects (null in arrays),
// exactly as JSON.stringify does before the jsonb column receives the details.
export function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

type Linked = Omit<AuditEntry, 'id' | 'hash'>;

/** The previous hash and every recorded field, in a fixed order. */
function body(e: Linked): string {
  const at = e.at instanceof Date ? e.at.toISOString() : new Date(e.at).toISOString();
  return canonical([
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
}

/** The link of an entry written before the switch: plain SHA-256, which anyone can recompute. */
export function legacyEntryHash(e: Linked): string {
  return createHash('sha256').update(body(e)).digest('hex');
}

/** The link of an entry: HMAC-SHA-256 with the audit key (the configured one unless given). */
export function entryHash(e: Linked, keys: AuditKeys = activeAuditKeys()): string {
  return createHmac('sha256', keys.link).update(body(e)).digest('hex');
}

async function insertLinked(tx: Db, row: Linked, keys: AuditKeys): Promise<string> {
  const hash = entryHash(row, keys);
  await tx
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details), hash })
    .execute();
  return hash;
}

/**
 * Under the append lock: the hash of the last entry, after writing the switch entry when the chain has none
 * yet. Literal SQL, so that the partial index on the switch entry serves the probe.
 */
async function keyedHead(tx: Db, keys: AuditKeys, at: Date): Promise<string> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const state = await sql<{ hash: string | null; keyed: boolean }>`
    select (select hash from audit_log order by id desc limit 1) as hash,
      exists (select 1 from audit_log where action = 'audit.chain_keyed') as keyed`.execute(tx);
  const head = state.rows[0]?.hash ?? GENESIS_HASH;
  if (state.rows[0]?.keyed) return head;
  return insertLinked(
    tx,
    {
      at,
      actor_user_id: null,
      actor_org_id: null,
      action: KEYED_MARKER,
      entity_type: 'audit_log',
      entity_id: null,
      ip: null,
      request_id: null,
      // The head of the entries linked with plain SHA-256: this keyed link seals them as they are now.
      details: { keyFingerprint: keys.fingerprint, legacyHead: head },
      prev_hash: head,
    },
    keys,
  );
}

/** Who did it, as an audit entry records her: her user and organisation, her address and the request. */
export interface AuditActor {
  userId: string | null;
  orgId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

/** Appends what `actor` did to `entityType` `entityId`, in the transaction `db` of the write it records. */
export function auditBy(
  db: Db,
  actor: AuditActor,
  action: string,
  entityType: string,
  entityId: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  return appendAudit(db, {
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    action,
    entityType,
    entityId,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    details,
  });
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction of the write it records, so that the
 * record and its trace commit together; the advisory lock makes concurrent appends (from any instance) queue.
 */
export async function appendAudit(db: Db, event: AuditEvent): Promise<void> {
  const keys = activeAuditKeys();
  const run = async (tx: Db) => {
    // Microseconds are lost by JavaScript dates; truncate to milliseconds so the stored value hashes the same.
    const at = new Date(Math.floor(nowMs()));
    const prev = await keyedHead(tx, keys, at);
    await insertLinked(
      tx,
      {
        at,
        actor_user_id: event.actorUserId ?? null,
        actor_org_id: event.actorOrgId ?? null,
        action: event.action,
        entity_type: event.entityType ?? null,
        entity_id: event.entityId ?? null,
        ip: event.ip ?? null,
        request_id: event.requestId ?? null,
        details: event.details ?? {},
        prev_hash: prev,
      },
      keys,
    );
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/**
 * At start-up: starts the keyed part of the chain now if it has not started (so that the switch comes early), and
 * refuses a PONTE_AUDIT_KEY other than the one the chain is signed with — every entry this process wrote would
 * otherwise look forged to a verification with the right key.
 */
export async function ensureKeyedChain(db: Db): Promise<void> {
  const keys = activeAuditKeys();
  await db.transaction().execute(async (tx) => {
    await keyedHead(tx, keys, new Date(Math.floor(nowMs())));
  });
  const marker = await db
    .selectFrom('audit_log')
    .selectAll()
    .where(sql<boolean>`action = 'audit.chain_keyed'`)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const { id: _id, hash, ...rest } = marker;
  if (entryHash(rest, keys) !== hash) {
    throw new ConfigError(
      `PONTE_AUDIT_KEY non è la chiave con cui è firmato il registro degli accessi di questo database (voce n. ${marker.id}): Ponte non si avvia, perché ogni voce che scriverebbe risulterebbe falsa. Configura la chiave giusta (in sviluppo: il file dev-audit-key della cartella dati che ha creato il database).`,
    );
  }
}

/** Why the walk stopped at an entry. */
export type BrokenReason =
  /** Its content changed and its hash was left as it was. */
  | 'hash_mismatch'
  /** It does not link to the entry before it, and no id is missing in between. */
  | 'link_broken'
  /** Entries are missing before it (a gap): its link names a hash that no longer precedes it. */
  | 'missing_entries'
  /** From here on the links were recomputed without the key (plain SHA-256): a rewritten tail. */
  | 'rewritten'
  /** The switch entry is signed with another key: PONTE_AUDIT_KEY is not the key of this log. */
  | 'wrong_key'
  /** No entry is keyed: the switch entry was removed (with everything after it rewritten) or never written. */
  | 'not_keyed';

export interface VerifyResult {
  ok: boolean;
  /** Entries verified before the first broken one (all of them when ok). */
  checked: number;
  /** The first entry whose content, link or order does not match the chain. */
  firstBroken?: {
    id: number;
    reason: BrokenReason /** for a rewritten tail: its last entry */;
    through?: number;
  };
  /** The last entry verified: id and hash (the head, when ok). */
  head?: { id: number; hash: string };
  /** The id of the switch entry, when the chain has one. */
  keyedFrom?: number;
}

/** Where a walk starts: after an entry known good (a checkpoint) or at the beginning. */
export interface WalkStart {
  afterId: number;
  prev: string;
  keyed: boolean;
}

const BEGINNING: WalkStart = { afterId: 0, prev: GENESIS_HASH, keyed: false };

/**
 * Walks the chain in id order, in pages, from `start`: entries before the switch are checked with SHA-256, the
 * switch and every entry after it with the key. Names the first entry that was edited, removed or rewritten.
 */
export async function verifyAuditChain(
  db: Db,
  opts: {
    keys?: AuditKeys;
    start?: WalkStart;
    pageSize?: number;
    /** Told of every entry verified: its id, its hash and how many entries were verified up to it. */
    observe?: (id: number, hash: string, checked: number) => void;
  } = {},
): Promise<VerifyResult> {
  const keys = opts.keys ?? activeAuditKeys();
  const start = opts.start ?? BEGINNING;
  const pageSize = opts.pageSize ?? 1000;
  let { prev, keyed } = start;
  let lastId = start.afterId;
  let checked = 0;
  let keyedFrom: number | undefined;
  let head: VerifyResult['head'];
  let rewritten: { id: number; through: number; prev: string } | undefined;
  const fail = (id: number, reason: BrokenReason, through?: number): VerifyResult => ({
    ok: false,
    checked,
    firstBroken: through === undefined ? { id, reason } : { id, reason, through },
    head,
    keyedFrom,
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const id = Number(row.id);
      const { id: _id, hash, ...rest } = row;
      if (rewritten) {
        // Following a rewritten tail to its end: links consistent, none of them keyed.
        if (row.prev_hash === rewritten.prev && entryHash(rest, keys) !== hash) {
          rewritten.through = id;
          rewritten.prev = hash;
          lastId = id;
          continue;
        }
        return fail(rewritten.id, 'rewritten', rewritten.through);
      }
      if (row.prev_hash !== prev) {
        // A deleted entry leaves its successor pointing at a hash that no longer precedes it.
        return fail(id, id !== lastId + 1 ? 'missing_entries' : 'link_broken');
      }
      const isMarker = !keyed && row.action === KEYED_MARKER;
      if (keyed || isMarker) {
        if (entryHash(rest, keys) !== hash) {
          const fingerprint = (row.details as { keyFingerprint?: unknown } | null)?.keyFingerprint;
          if (isMarker && fingerprint !== keys.fingerprint) return fail(id, 'wrong_key');
          if (legacyEntryHash(rest) === hash) {
            rewritten = { id, through: id, prev: hash };
            lastId = id;
            continue;
          }
          return fail(id, 'hash_mismatch');
        }
        if (isMarker) {
          keyed = true;
          keyedFrom = id;
        }
      } else if (legacyEntryHash(rest) !== hash) {
        return fail(id, 'hash_mismatch');
      }
      prev = hash;
      lastId = id;
      head = { id, hash };
      checked++;
      opts.observe?.(id, hash, checked);
    }
  }
  if (rewritten) return fail(rewritten.id, 'rewritten', rewritten.through);
  if (!keyed && head) return fail(head.id, 'not_keyed');
  return { ok: true, checked, head, keyedFrom };
}
