import type { JobWorker } from '../../platform/jobs/jobs.ts';
import { onCaseClosed, onConsentRevoked } from '../cases/index.ts';
import { closeCardsOfCase, closeStaleCards } from './service.ts';

export { findPii, isClean, type PiiFinding, type PiiKind } from './pii-guard.ts';
export { cardsFeature } from './routes.tsx';
export { closeCardsOfCase, closeStaleCards } from './service.ts';

/** Days after a card's last outcome at which it closes (PONTE_CARD_CLOSE_DAYS, default 30). */
export function cardCloseDays(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PONTE_CARD_CLOSE_DAYS ?? 30);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : 30;
}

// Revoking the referral consent closes the open cards; so does closing the case (product.md: revoking consent
// closes what depended on it). Both run inside the transaction of the change.
onConsentRevoked(async (tx, e) => {
  if (e.purpose === 'referral_inps') await closeCardsOfCase(tx, e.caseId, 'referral_revoked', e.actor);
});
onCaseClosed(async (tx, e) => {
  await closeCardsOfCase(tx, e.caseId, 'case_closed', e.actor);
});

/** The job that closes cards N days after their last outcome (idempotent). */
export function registerCardJobs(worker: JobWorker): void {
  worker.register('cards.autoclose', async (payload, { db }) => {
    const days = typeof payload.days === 'number' ? payload.days : cardCloseDays();
    await closeStaleCards(db, days);
  });
}
