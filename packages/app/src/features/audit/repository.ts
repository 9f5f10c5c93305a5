import type { Db } from '../../platform/db/database.ts';
import { offsetOf } from '../../platform/forms/page.ts';

// SQL of the audit search. The log is only ever read here; appends go through platform/audit.

export interface AuditFilters {
  who?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive lower bound and exclusive upper bound, as instants. */
  from?: Date;
  until?: Date;
  ip?: string;
}

export interface AuditRow {
  id: number;
  at: Date;
  username: string | null;
  org_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchAudit(
  db: Db,
  f: AuditFilters,
  page: number,
  pageSize: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_user_id')
    .leftJoin('organisation as o', 'o.id', 'a.actor_org_id');
  if (f.who) q = q.where('u.username', 'ilike', like(f.who));
  if (f.action) q = q.where('a.action', 'ilike', like(f.action));
  if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.until) q = q.where('a.at', '<', f.until);
  if (f.ip) q = q.where('a.ip', '=', f.ip);
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'a.id',
      'a.at',
      'u.username',
      'o.name as org_name',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.ip',
    ])
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset(offsetOf(page, pageSize))
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) })),
    total: Number(count.n),
  };
}
