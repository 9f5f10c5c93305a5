import { Temporal } from 'temporal-polyfill';
import { appendAudit, type VerifyResult, verifyAuditChain } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { formatDateTimeSeconds } from '../../platform/format.ts';
import { ANY_DAY, checkDate } from '../../platform/forms/date.ts';
import { loadPage } from '../../platform/forms/page.ts';
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
    const v = text(field);
    if (v.length > 200) errors[field] = 'audit.err.text';
    else if (v) filters[key] = v;
  }
  const from = text('from');
  const to = text('to');
  // Any day Ponte can show (platform/forms/date.ts): the message says the range, or what is wrong with the date.
  const fromCheck = checkDate(from, ANY_DAY);
  const toCheck = checkDate(to, ANY_DAY);
  const fromDay = fromCheck.ok ? fromCheck.date : null;
  const toDay = toCheck.ok ? toCheck.date : null;
  if (!fromCheck.ok) errors.from = fromCheck.error;
  if (!toCheck.ok) errors.to = toCheck.error;
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

/** Runs a search and records it in the log, in one transaction; `page` is the page shown. */
export async function search(
  db: Db,
  who: Who,
  filters: AuditFilters,
  page: number,
): Promise<{ rows: AuditRow[]; total: number; page: number }> {
  return db.transaction().execute(async (tx) => {
    // A page after the last one shows the last page (platform/forms/page.ts), and the log records that page.
    const result = await loadPage(page, AUDIT_PAGE_SIZE, (p) => searchAudit(tx, filters, p, AUDIT_PAGE_SIZE));
    await appendAudit(tx, {
      actorUserId: who.userId,
      actorOrgId: who.orgId,
      ip: who.ip,
      requestId: who.requestId,
      action: 'audit.searched',
      details: { filters: recordedFilters(filters), page: result.page, results: result.total },
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
  return formatDateTimeSeconds(at, lang);
}
