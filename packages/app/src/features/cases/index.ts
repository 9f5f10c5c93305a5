// The cases feature's public face, for other features (cards, home) and the `ponte` command.
import type { Feature } from '../../platform/feature.ts';
import { caseJobs } from './retention.ts';
import { casesFeature } from './routes.tsx';

export {
  type CaseClosed,
  type CaseSection,
  type ChangeActor,
  type ConsentRevoked,
  onCaseClosed,
  onConsentRevoked,
  registerCaseSection,
} from './hooks.ts';
export {
  type Identity,
  type IdentityActor,
  type IdentityPurpose,
  readIdentity,
  rotateKeys,
  systemActor,
  useKeys,
} from './identity.ts';
export {
  findPii,
  findShelterWords,
  findStreetAddresses,
  isClean,
  type PiiFinding,
  type PiiKind,
} from './pii-guard.ts';
export type { CaseRow, SafeContactRow } from './repository.ts';
export { type DueRow as DueItemView, dueItems, safeContactOf } from './repository.ts';
export { caseJobs, eraseExpiredIdentities } from './retention.ts';
export { casesFeature } from './routes.tsx';
export {
  type Actor,
  caseOf,
  closeCase,
  contactUnknownToAbuser,
  hasConsent,
  openCase,
  recordConsent,
  revokeConsent,
  saveIdentity,
} from './service.ts';

/** Cases, consent, safe contact, screening, referrals and the right of access; its job enforces retention. */
export const feature: Feature = {
  name: 'cases',
  routes: casesFeature,
  jobs: ({ config }) => caseJobs(config.identityRetentionMonths),
};
