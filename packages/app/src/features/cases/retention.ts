import { appendAudit } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { casesToErase, eraseIdentity } from './identity.ts';

// Retention (issue 4, product.md): N months after a case closes (PONTE_IDENTITY_RETENTION_MONTHS, default 24)
// her identifying data is erased — identity, safe-contact code word and hours, consent notes, and the free text and
// identifiers written about her on cards and applications (docs/decisions/0030) — one case per transaction with its
// audit entry. What stays is anonymised: the case code, its dates, consents without notes, the screenings, the
// cards and applications as statuses, benefits, dates and amounts, and the benefits checks with birth years instead
// of birth dates, for statistics. Idempotent: an erased case is marked and skipped.

/** The instant `months` calendar months before `now` (the day clamped to the month's last). */
export function retentionCutoff(months: number, now = clockNow()): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** Erases the identifying data of every case closed more than `months` ago; returns how many it erased. */
export async function eraseExpiredIdentities(
  db: Db,
  months: number,
  now = clockNow(),
  batchSize = 100,
): Promise<number> {
  const cutoff = retentionCutoff(months, now);
  const skipped = new Set<string>();
  let erased = 0;
  for (;;) {
    const ids = (await casesToErase(db, cutoff, batchSize + skipped.size)).filter((id) => !skipped.has(id));
    if (ids.length === 0) return erased;
    for (const id of ids) {
      const done = await db.transaction().execute(async (tx) => {
        // Locked and checked again: closed, and long enough ago (a concurrent run may have erased it).
        const c = await tx
          .selectFrom('case_file')
          .select(['id', 'closed_at'])
          .where('id', '=', id)
          .where('status', '=', 'closed')
          .where('closed_at', '<', cutoff)
          .forUpdate()
          .executeTakeFirst();
        if (!c) return false;
        const what = await eraseIdentity(tx, id);
        if (!what) return false;
        const notes = await tx
          .updateTable('consent')
          .set({ note: null })
          .where('case_id', '=', id)
          .where('note', 'is not', null)
          .executeTakeFirst();
        const text = await eraseFreeText(tx, id);
        const screenings = await birthYearsOnly(tx, id);
        await appendAudit(tx, {
          action: 'case.identity_erased',
          entityType: 'case',
          entityId: id,
          details: {
            retentionMonths: months,
            closedAt: c.closed_at?.toISOString(),
            identity: what.identity,
            codeWord: what.codeWord,
            consentNotes: Number(notes.numUpdatedRows),
            ...text,
            screenings,
          },
        });
        return true;
      });
      if (done) erased++;
      else skipped.add(id);
    }
  }
}

/**
 * Free text written about her outside the identity record, and the identifiers of her applications: card notes,
 * accessibility needs and decline reasons, INPS advice, application notes and protocol numbers, SR208 protocols.
 * They passed the PII guard when written, but they are still about her; statuses, dates and amounts stay.
 */
async function eraseFreeText(tx: Db, caseId: string): Promise<Record<string, number>> {
  const cards = tx.selectFrom('consultation_card').select('id').where('case_id', '=', caseId);
  const apps = tx.selectFrom('application').select('id').where('case_id', '=', caseId);
  const n = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
    Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0);
  const cardText = await tx
    .updateTable('consultation_card')
    .set({ note: null, accessibility_needs: null, decline_reason: null })
    .where('case_id', '=', caseId)
    .where((eb) =>
      eb.or([
        eb('note', 'is not', null),
        eb('accessibility_needs', 'is not', null),
        eb('decline_reason', 'is not', null),
      ]),
    )
    .executeTakeFirst();
  const advice = await tx.deleteFrom('card_advice').where('card_id', 'in', cards).executeTakeFirst();
  const appNotes = await tx
    .updateTable('application_event')
    .set({ note: null })
    .where('application_id', 'in', apps)
    .where('note', 'is not', null)
    .executeTakeFirst();
  const protocols = await tx
    .updateTable('application')
    .set({ protocol_number: null })
    .where('case_id', '=', caseId)
    .where('protocol_number', 'is not', null)
    .executeTakeFirst();
  const sr208 = await tx
    .updateTable('social_declaration')
    .set({ sr208_protocol: null })
    .where('case_id', '=', caseId)
    .where('sr208_protocol', 'is not', null)
    .executeTakeFirst();
  return {
    cardTexts: n(cardText),
    advice: n(advice),
    applicationNotes: n(appNotes),
    applicationProtocols: n(protocols),
    sr208Protocols: n(sr208),
  };
}

/** A birth date (any `…birthDate` key holding `YYYY-MM-DD`) kept as its year only, anywhere in a JSON value. */
export function yearsOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(yearsOnly);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      /birthdate$/i.test(k) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? v.slice(0, 4)
        : yearsOnly(v),
    ]),
  );
}

/**
 * The stored benefits checks keep birth dates (hers and her household's) as years only: with her name gone, a full
 * date of birth would still single her out; the year keeps what the indicators need (age bands). Returns how many
 * checks changed.
 */
async function birthYearsOnly(tx: Db, caseId: string): Promise<number> {
  const rows = await tx
    .selectFrom('screening')
    .select(['id', 'situation', 'answers'])
    .where('case_id', '=', caseId)
    .execute();
  let changed = 0;
  for (const r of rows) {
    const situation = yearsOnly(r.situation);
    const answers = yearsOnly(r.answers);
    if (
      JSON.stringify(situation) === JSON.stringify(r.situation) &&
      JSON.stringify(answers) === JSON.stringify(r.answers)
    )
      continue;
    await tx
      .updateTable('screening')
      .set({ situation: JSON.stringify(situation), answers: JSON.stringify(answers) })
      .where('id', '=', r.id)
      .execute();
    changed++;
  }
  return changed;
}

/** The hourly `cases.retention` job: identifying data past its retention is erased (idempotent). */
export function caseJobs(months: number): JobDefinition[] {
  return [
    {
      kind: 'cases.retention',
      schedule: { every: 'hour' },
      handler: async (_payload, { db }) => {
        await eraseExpiredIdentities(db, months);
      },
    },
  ];
}
