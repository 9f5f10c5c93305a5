import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';
import {
  type AuditKeys,
  activeAuditKeys,
  canonical,
  type VerifyResult,
  verifyAuditChain,
  type WalkStart,
} from './audit.ts';

// Checkpoints anchor the head of the audit chain outside the database (decision 0037). A checkpoint says: "at
// this time the chain had `entries` entries, the last one `seq` with hash `head`", signed with a key derived from
// PONTE_AUDIT_KEY. One JSON line per checkpoint, appended to a file (PONTE_AUDIT_CHECKPOINTS, by default
// <data>/audit-checkpoints.jsonl) and written to the process log, by the hourly `audit.checkpoint` job and by
// every successful `ponte audit verify`. A chain that was cut after a checkpoint is still a valid chain; only
// the checkpoint tells that entries are missing.

export interface Checkpoint {
  v: 1;
  /** The id of the last entry. */
  seq: number;
  /** How many entries the chain had up to and including `seq`. */
  entries: number;
  /** The hash of entry `seq`. */
  head: string;
  /** The id of the switch entry (`audit.chain_keyed`). */
  keyedFrom: number | null;
  /** When the checkpoint was written (ISO 8601). */
  at: string;
  /** The fingerprint of the audit key. */
  key: string;
  /** HMAC-SHA-256 of the other fields (canonical JSON) with the checkpoint key. */
  sig: string;
}

export type Unsigned = Omit<Checkpoint, 'sig'>;

const sign = (keys: AuditKeys, c: Unsigned) =>
  createHmac('sha256', keys.checkpoint).update(canonical(c)).digest('hex');

export function signCheckpoint(keys: AuditKeys, c: Unsigned): Checkpoint {
  const { v, seq, entries, head, keyedFrom, at, key } = c;
  const unsigned: Unsigned = { v, seq, entries, head, keyedFrom, at, key };
  return { ...unsigned, sig: sign(keys, unsigned) };
}

/** A line of the file as a checkpoint signed with this key, or null. */
export function parseCheckpoint(keys: AuditKeys, line: string): Checkpoint | null {
  let c: Checkpoint;
  try {
    c = JSON.parse(line) as Checkpoint;
  } catch {
    return null;
  }
  if (
    c === null ||
    typeof c !== 'object' ||
    c.v !== 1 ||
    !Number.isSafeInteger(c.seq) ||
    !Number.isSafeInteger(c.entries) ||
    typeof c.head !== 'string' ||
    !(c.keyedFrom === null || Number.isSafeInteger(c.keyedFrom)) ||
    typeof c.at !== 'string' ||
    typeof c.key !== 'string' ||
    typeof c.sig !== 'string' ||
    !/^[0-9a-f]{64}$/.test(c.sig)
  ) {
    return null;
  }
  const { sig, ...unsigned } = c;
  const expected = sign(keys, unsigned);
  return timingSafeEqual(Buffer.from(sig, 'hex'), Buffer.from(expected, 'hex')) ? c : null;
}

/** The checkpoints of a file: the valid ones, and the numbers of the lines that are not (altered, foreign). */
export function readCheckpoints(
  keys: AuditKeys,
  file: string | null,
): { valid: Checkpoint[]; invalidLines: number[] } {
  const valid: Checkpoint[] = [];
  const invalidLines: number[] = [];
  if (file === null || !existsSync(file)) return { valid, invalidLines };
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const c = parseCheckpoint(keys, line);
      if (c) valid.push(c);
      else invalidLines.push(i + 1);
    });
  return { valid, invalidLines };
}

function appendCheckpoint(file: string | null, c: Checkpoint): void {
  if (file === null) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
}

/** What the checkpoints say about the chain, beyond its links. */
export type AnchorFinding =
  /** The chain ends before the entry a checkpoint attests: its last entries were deleted. */
  | { kind: 'truncated'; checkpoint: Checkpoint; lastId: number | null }
  /** The entry a checkpoint attests has another hash now: the chain up to it was rewritten. */
  | { kind: 'rewritten'; checkpoint: Checkpoint }
  /** The entry a checkpoint attests is gone while later ones exist, or fewer entries lead up to it. */
  | { kind: 'gap'; checkpoint: Checkpoint }
  /** A line of the checkpoint file is not a checkpoint signed with this key. */
  | { kind: 'altered'; line: number };

export interface AuditCheck {
  ok: boolean;
  chain: VerifyResult;
  /** Valid checkpoints compared with the chain. */
  checkpoints: number;
  finding?: AnchorFinding;
  /** The checkpoint written for this verification (when everything held and a file is configured). */
  written?: Checkpoint;
}

/**
 * The whole verification: walks the chain with the key, compares it with every checkpoint of the file, and when
 * everything holds writes a new checkpoint of the head (to the file; the caller writes it to its log).
 */
export async function checkAudit(
  db: Db,
  opts: { file: string | null; keys?: AuditKeys; write?: boolean },
): Promise<AuditCheck> {
  const keys = opts.keys ?? activeAuditKeys();
  const { valid, invalidLines } = readCheckpoints(keys, opts.file);
  const bySeq = new Map<number, Checkpoint[]>();
  for (const c of valid) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
  const seen = new Map<number, { hash: string; checked: number }>();
  const chain = await verifyAuditChain(db, {
    keys,
    observe: (id, hash, checked) => {
      if (bySeq.has(id)) seen.set(id, { hash, checked });
    },
  });
  const result: AuditCheck = { ok: false, chain, checkpoints: valid.length };
  if (!chain.ok) return result;
  const lastId = chain.head?.id ?? null;
  const findings: AnchorFinding[] = [];
  for (const c of valid) {
    const at = seen.get(c.seq);
    if (!at) {
      findings.push(
        lastId === null || c.seq > lastId
          ? { kind: 'truncated', checkpoint: c, lastId }
          : { kind: 'gap', checkpoint: c },
      );
    } else if (at.hash !== c.head) findings.push({ kind: 'rewritten', checkpoint: c });
    else if (at.checked < c.entries) findings.push({ kind: 'gap', checkpoint: c });
  }
  for (const line of invalidLines) findings.push({ kind: 'altered', line });
  const order: AnchorFinding['kind'][] = ['rewritten', 'gap', 'truncated', 'altered'];
  findings.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  result.finding = findings[0];
  result.ok = findings.length === 0;
  if (result.ok && opts.write !== false && chain.head) {
    result.written = signCheckpoint(keys, {
      v: 1,
      seq: chain.head.id,
      entries: chain.checked,
      head: chain.head.hash,
      keyedFrom: chain.keyedFrom ?? null,
      at: new Date(nowMs()).toISOString(),
      key: keys.fingerprint,
    });
    appendCheckpoint(opts.file, result.written);
  }
  return result;
}

export type CheckpointOutcome =
  | { kind: 'written'; checkpoint: Checkpoint }
  /** Nothing to anchor: the log is empty. */
  | { kind: 'empty' }
  /** The chain does not hold since the last checkpoint: nothing is written (the caller logs an error). */
  | { kind: 'broken'; chain?: VerifyResult; finding?: AnchorFinding };

/**
 * The periodic checkpoint (`audit.checkpoint` job): verifies the chain from the last checkpoint of the file (or
 * from the beginning) and, when it holds, appends a new checkpoint of the head.
 */
export async function writeCheckpoint(
  db: Db,
  opts: { file: string | null; keys?: AuditKeys },
): Promise<CheckpointOutcome> {
  const keys = opts.keys ?? activeAuditKeys();
  const last = readCheckpoints(keys, opts.file).valid.at(-1);
  let start: WalkStart | undefined;
  if (last) {
    const row = await db
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .where('id', '=', last.seq)
      .executeTakeFirst();
    if (!row) {
      const max = await db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const lastId = max ? Number(max.id) : null;
      return {
        kind: 'broken',
        finding:
          lastId === null || last.seq > lastId
            ? { kind: 'truncated', checkpoint: last, lastId }
            : { kind: 'gap', checkpoint: last },
      };
    }
    if (row.hash !== last.head) return { kind: 'broken', finding: { kind: 'rewritten', checkpoint: last } };
    start = { afterId: last.seq, prev: last.head, keyed: last.keyedFrom !== null };
  }
  const chain = await verifyAuditChain(db, { keys, ...(start ? { start } : {}) });
  if (!chain.ok) return { kind: 'broken', chain };
  const head = chain.head ?? (last ? { id: last.seq, hash: last.head } : undefined);
  if (!head) return { kind: 'empty' };
  const checkpoint = signCheckpoint(keys, {
    v: 1,
    seq: head.id,
    entries: (last?.entries ?? 0) + chain.checked,
    head: head.hash,
    keyedFrom: chain.keyedFrom ?? last?.keyedFrom ?? null,
    at: new Date(nowMs()).toISOString(),
    key: keys.fingerprint,
  });
  appendCheckpoint(opts.file, checkpoint);
  return { kind: 'written', checkpoint };
}
