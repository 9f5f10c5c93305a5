import { Temporal } from 'temporal-polyfill';
import { appendAudit, type VerifyResult, verifyAuditChain } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { checkText } from '../../platform/forms/text.ts';
import { type AuditFilters, type AuditRow, searchAudit } from './repository.ts';

// The DPO's search of the audit log. Searching the log is itself an access that the log records.

export const AUDIT_PAGE_SIZE = 50;
const ZONE = 'Europe/Rome';

export type Raw = Record<string, string | undefined>;
export interface Who {
  userId: string;
  orgId: string;
  ip: string | null;
  requestId: string | null;
}

function day(v: string): Temporal.PlainDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  try {
    return Temporal.PlainDate.from(v, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/** The filters of a search as typed, validated; dates are days in Italian time. */
export function parseFilters(raw: Raw): { filters: AuditFilters; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const filters: AuditFilters = {};
  const text = (k: string) => (raw[k] ?? '').trim();
  for (const [field, key] of [
    ['who', 'who'],
    ['action', 'action'],
    ['entity_type', 'entityType'],
    ['entity_id', 'entityId'],
  ] as const) {
    const { value: v, error } = checkText(raw[field], { max: 200 });
    if (error) errors[field] = error;
    else if (v) filters[key] = v;
  }
  const from = text('from');
  const to = text('to');
  const fromDay = from ? day(from) : null;
  const toDay = to ? day(to) : null;
  if (from && !fromDay) errors.from = 'audit.err.date';
  if (to && !toDay) errors.to = 'audit.err.date';
  if (fromDay && toDay && Temporal.PlainDate.compare(toDay, fromDay) < 0) errors.to = 'audit.err.range';
  // A day starts at midnight in Rome, whatever the DST offset of that day.
  if (fromDay) filters.from = new Date(fromDay.toZonedDateTime({ timeZone: ZONE }).epochMilliseconds);
  if (toDay)
    filters.until = new Date(toDay.add({ days: 1 }).toZonedDateTime({ timeZone: ZONE }).epochMilliseconds);
  const ip = text('ip');
  if (ip && !/^[0-9a-fA-F:.]{2,45}$/.test(ip)) errors.ip = 'audit.err.ip';
  else if (ip) filters.ip = ip;
  return { filters, errors };
}

/**
 * The filters as the log records them. Absent filters are left out rather than set to undefined: the chain
 * hashes the details as given, while the JSON stored drops undefined keys, so the two would differ.
 */
function recordedFilters(f: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v instanceof Date) out[k] = v.toISOString();
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Runs a search and records it in the log, in one transaction. */
export async function search(
  db: Db,
  who: Who,
  filters: AuditFilters,
  page: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  return db.transaction().execute(async (tx) => {
    const result = await searchAudit(tx, filters, page, AUDIT_PAGE_SIZE);
    await appendAudit(tx, {
      actorUserId: who.userId,
      actorOrgId: who.orgId,
      ip: who.ip,
      requestId: who.requestId,
      action: 'audit.searched',
      details: { filters: recordedFilters(filters), page, results: result.total },
    });
    return result;
  });
}

/** Verifies the whole chain and records that it was verified, with the outcome. */
export async function verify(db: Db, who: Who): Promise<VerifyResult> {
  const result = await verifyAuditChain(db);
  await appendAudit(db, {
    actorUserId: who.userId,
    actorOrgId: who.orgId,
    ip: who.ip,
    requestId: who.requestId,
    action: 'audit.verified',
    details: { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken ?? null },
  });
  return result;
}

/** An instant as the DPO reads it: local time in Rome. */
export function romeTime(at: Date, lang: 'it' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}
