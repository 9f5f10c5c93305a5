import type { VNode } from 'preact';
import type { Db } from '../../platform/db/database.ts';
import type { ConsentPurpose } from '../../platform/db/schema.ts';
import type { PageContext } from '../../platform/ui/context.ts';

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

/** A section another feature adds to the case page (e.g. the consultation cards and who at INPS opened them). */
export interface CaseSection {
  /** Sections are shown in this order, after the due items. */
  order: number;
  /** Renders the section (its own h2 and content) for a case of the viewer's CAV; null shows nothing. */
  render(input: {
    db: Db;
    caseId: string;
    caseStatus: 'open' | 'closed';
    ctx: PageContext;
  }): Promise<VNode | null>;
}

const sections: CaseSection[] = [];

/** Adds a section to the case page (called once at module load by the feature that owns it). */
export function registerCaseSection(section: CaseSection): void {
  if (!sections.includes(section)) sections.push(section);
  sections.sort((a, b) => a.order - b.order);
}

export function caseSections(): readonly CaseSection[] {
  return sections;
}
