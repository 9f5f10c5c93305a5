import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { type Identity, type IdentityActor, readIdentity } from '../cases/index.ts';
import type * as repo from './repository.ts';

// What the cards feature needs from the cases feature, through its index: the one audited accessor of identity.

function actorOf(req: FastifyRequest): IdentityActor {
  const a = req.actor!;
  return { userId: a.userId, orgId: a.orgId, roles: a.roles, ip: req.ip, requestId: req.id };
}

/** The names of her identity record, for the PII guard of the referral note (an audited read, purpose pii_guard). */
export async function identityNamesForGuard(db: Db, req: FastifyRequest, caseId: string): Promise<string[]> {
  const identity = await readIdentity(db, actorOf(req), caseId, { kind: 'pii_guard' });
  return identity?.name ? [identity.name] : [];
}

/** Reads identity through the card (the accessor checks again, audits and records `card_access`). */
export async function revealIdentity(
  db: Db,
  req: FastifyRequest,
  card: repo.CardRow,
): Promise<Identity | null> {
  return readIdentity(db, actorOf(req), card.case_id, { kind: 'inps_card', cardId: card.id });
}
