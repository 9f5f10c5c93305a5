import { auditBy } from '../../../platform/audit/audit.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { OrgKind, Role } from '../../../platform/db/schema.ts';
import { PonteError } from '../../../platform/errors.ts';
import * as repo from '../booking/repository.ts';

// What every desk decision shares: the actor, form errors, the audit entry and the desk the actor may see. Its own
// file so that service.ts and rules.ts both build on it without importing each other.

export interface Ctx {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  roles: readonly Role[];
  ip?: string | null;
  requestId?: string | null;
  /** The current instant (tests move it). */
  now?: Date;
}

/** Field name → message key (the routes translate). */
export type Errors = Record<string, string>;

export class FormError extends Error {
  constructor(readonly errors: Errors) {
    super('form');
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);
/** The current instant of the actor (tests move it). */
export const nowOf = (ctx: Ctx) => ctx.now ?? clockNow();
/** An audit entry by the actor, in the transaction `db` of the write it records. */
export const audit = (db: Db, ctx: Ctx, action: string, entityType: string, entityId: string, details = {}) =>
  auditBy(db, ctx, action, entityType, entityId, details);

/** A desk the actor's organisation runs or hosts; otherwise 404. */
export async function deskFor(db: Db, ctx: Ctx, deskId: string): Promise<repo.DeskRow> {
  const d = isUuid(deskId) ? await repo.desk(db, deskId) : undefined;
  if (!d || (d.inps_office_id !== ctx.orgId && d.organisation_id !== ctx.orgId))
    throw new PonteError('PONTE_ERR_NOT_FOUND');
  return d;
}
