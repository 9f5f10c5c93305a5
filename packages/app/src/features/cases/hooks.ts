import type { Db } from '../../platform/db/database.ts';
import type { ConsentPurpose } from '../../platform/db/schema.ts';

// What other features do when something on a case changes (the cards feature closes an open consultation card
// when the referral consent is revoked or the case closes). Listeners run INSIDE the transaction of the change:
// if one fails, the change is rolled back with everything it closed.

export interface ChangeActor {
  userId: string;
  orgId: string;
  ip?: string | null;
  requestId?: string | null;
}

export interface ConsentRevoked {
  caseId: string;
  consentId: string;
  purpose: ConsentPurpose;
  actor: ChangeActor;
}

export interface CaseClosed {
  caseId: string;
  reason: string;
  actor: ChangeActor;
}

type Listener<E> = (tx: Db, event: E) => Promise<void>;

const consentListeners: Listener<ConsentRevoked>[] = [];
const closeListeners: Listener<CaseClosed>[] = [];

/** Registers a listener called (in the revoking transaction) whenever a consent is revoked. */
export function onConsentRevoked(listener: Listener<ConsentRevoked>): void {
  if (!consentListeners.includes(listener)) consentListeners.push(listener);
}

/** Registers a listener called (in the closing transaction) whenever a case is closed. */
export function onCaseClosed(listener: Listener<CaseClosed>): void {
  if (!closeListeners.includes(listener)) closeListeners.push(listener);
}

export async function emitConsentRevoked(tx: Db, event: ConsentRevoked): Promise<void> {
  for (const l of consentListeners) await l(tx, event);
}

export async function emitCaseClosed(tx: Db, event: CaseClosed): Promise<void> {
  for (const l of closeListeners) await l(tx, event);
}
