import { sql } from 'kysely';
import { appendAudit } from '../../../platform/audit/audit.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { ChangeActor } from '../../cases/index.ts';
import { appointmentChanged } from '../notify/notify.ts';

// When the woman revokes her referral consent, or her case closes, the appointments of her cards that have not
// started yet are cancelled in the same transaction (issue 11, finding 11): the officer's agenda and calendar
// feed list only booked and held-over appointments, so they drop out at once, and the `desks.notify` job tells
// the officer with the usual cancellation e-mail and its .ics CANCEL — times, place and card code, never why.

/** Why Ponte cancelled them itself; the CAV's case page shows it, the officer's e-mail does not. */
export type WithdrawReason = 'consent_revoked' | 'case_closed';

/** Cancels the held and booked appointments of the case's cards that start after now; returns how many. */
export async function cancelFutureAppointmentsOfCase(
  tx: Db,
  caseId: string,
  reason: WithdrawReason,
  actor: ChangeActor,
): Promise<number> {
  const at = clockNow();
  const future = await tx
    .selectFrom('appointment')
    .select(['id', 'card_id', 'status'])
    .where('status', 'in', ['held', 'booked'])
    .where(sql<boolean>`lower(during) > ${at.toISOString()}::timestamptz`)
    .where('card_id', 'in', (eb) =>
      eb.selectFrom('consultation_card').select('id').where('case_id', '=', caseId),
    )
    .forUpdate()
    .execute();
  if (future.length === 0) return 0;
  await tx
    .updateTable('appointment')
    .set({
      status: 'cancelled',
      reason,
      hold_expires_at: null,
      updated_at: at,
      version: sql<number>`version + 1`,
    })
    .where(
      'id',
      'in',
      future.map((a) => a.id),
    )
    .execute();
  for (const a of future) {
    await appendAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'desk.appointment.cancel',
      entityType: 'appointment',
      entityId: a.id,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      details: { card: a.card_id, reason },
    });
    // A booked one was announced to the officer: she is told, in this transaction's job (notify.ts).
    if (a.status === 'booked') await appointmentChanged(tx, a.id, 'cancelled');
  }
  return future.length;
}
