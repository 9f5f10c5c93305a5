import type { Feature } from '../../platform/feature.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { onCaseClosed, onConsentRevoked } from '../cases/index.ts';
import { cardsFeature } from './routes.tsx';
import { closeCardsOfCase, closeStaleCards } from './service.ts';

export { cardsFeature } from './routes.tsx';
export { type InpsCardSection, registerInpsCardSection } from './sections.ts';
export {
  type Ctx as CardCtx,
  caseForCav,
  closeCardsOfCase,
  closeStaleCards,
  createCard,
  FormError as CardFormError,
  type ReferralInput,
} from './service.ts';

// Revoking the referral consent closes the open cards; so does closing the case (product.md: revoking consent
// closes what depended on it). Both run inside the transaction of the change.
onConsentRevoked(async (tx, e) => {
  if (e.purpose === 'referral_inps') await closeCardsOfCase(tx, e.caseId, 'referral_revoked', e.actor);
});
onCaseClosed(async (tx, e) => {
  await closeCardsOfCase(tx, e.caseId, 'case_closed', e.actor);
});

/** The hourly job that closes cards `days` after their last outcome (PONTE_CARD_CLOSE_DAYS, default 30; idempotent). */
export function cardJobs(days: number): JobDefinition[] {
  return [
    {
      kind: 'cards.autoclose',
      schedule: { every: 'hour' },
      handler: async (_payload, { db }) => {
        await closeStaleCards(db, days);
      },
    },
  ];
}

/** Consultation cards (schede di consultazione) between a CAV and INPS. */
export const feature: Feature = {
  name: 'cards',
  routes: cardsFeature,
  jobs: ({ config }) => cardJobs(config.cardCloseDays),
};
