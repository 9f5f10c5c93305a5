import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { OrgKind, Role, TerritoryKind } from '../../platform/db/schema.ts';
import { offsetOf } from '../../platform/forms/page.ts';

// SQL of the network feature and nothing else (style.md §2). Counts are normalised to numbers here.

/** A LIKE pattern matching `text` anywhere, with the wildcards of the user's text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Page {
  page: number;
  pageSize: number;
}

// ── Organisations ────────────────────────────────────────────────────────────────────────────────────────

export interface OrgRow {
  id: string;
  name: string;
  kind: OrgKind;
  territory_id: string;
  territory_name: string;
  managing_cav_id: string | null;
  managing_cav_name: string | null;
  public_listing: boolean;
  phone: string | null;
  opening_hours: string | null;
  website: string | null;
  active: boolean;
}

function orgQuery(db: Db) {
  return db
    .selectFrom('organisation as o')
    .innerJoin('territory as t', 't.id', 'o.territory_id')
    .leftJoin('organisation as m', 'm.id', 'o.managing_cav_id')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.territory_id',
      't.name as territory_name',
      'o.managing_cav_id',
      'm.name as managing_cav_name',
      'o.public_listing',
      'o.phone',
      'o.opening_hours',
      'o.website',
      'o.active',
    ]);
}

export async function listOrgs(
  db: Db,
  f: { q?: string; kind?: OrgKind } & Page,
): Promise<{ rows: OrgRow[]; total: number }> {
  let base = db.selectFrom('organisation as o');
  if (f.q) base = base.where('o.name', 'ilike', containsPattern(f.q));
  if (f.kind) base = base.where('o.kind', '=', f.kind);
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  let q = orgQuery(db);
  if (f.q) q = q.where('o.name', 'ilike', containsPattern(f.q));
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  const rows = await q
    .orderBy('o.active', 'desc')
    .orderBy('o.name')
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .execute();
  return { rows, total: Number(count.n) };
}

export async function getOrg(db: Db, id: string): Promise<OrgRow | undefined> {
  return orgQuery(db).where('o.id', '=', id).executeTakeFirst();
}

export async function orgNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('organisation').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface OrgValues {
  name: string;
  kind: OrgKind;
  territory_id: string;
  managing_cav_id: string | null;
  public_listing: boolean;
  phone: string | null;
  opening_hours: string | null;
  website: string | null;
}

export async function insertOrg(db: Db, id: string, v: OrgValues): Promise<void> {
  await db
    .insertInto('organisation')
    .values({ id, ...v })
    .execute();
}

export async function updateOrg(db: Db, id: string, v: OrgValues): Promise<void> {
  await db.updateTable('organisation').set(v).where('id', '=', id).execute();
}

export async function setOrgActive(db: Db, id: string, active: boolean): Promise<void> {
  await db.updateTable('organisation').set({ active }).where('id', '=', id).execute();
}

export async function orgOptions(
  db: Db,
  f: { kind?: OrgKind; activeOnly?: boolean } = {},
): Promise<{ id: string; name: string; kind: OrgKind; active: boolean }[]> {
  let q = db.selectFrom('organisation').select(['id', 'name', 'kind', 'active']);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.activeOnly) q = q.where('active', '=', true);
  return q.orderBy('name').execute();
}

export async function activeOrgKind(db: Db, id: string): Promise<OrgKind | undefined> {
  const r = await db
    .selectFrom('organisation')
    .select('kind')
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  return r?.kind;
}

export async function countManagedShelters(db: Db, cavId: string): Promise<number> {
  const r = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('managing_cav_id', '=', cavId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countOrgs(db: Db): Promise<number> {
  const r = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── Territories ──────────────────────────────────────────────────────────────────────────────────────────

export interface TerritoryRow {
  id: string;
  kind: TerritoryKind;
  name: string;
  parent_id: string | null;
  parent_name: string | null;
  children: number;
}

export async function listTerritories(
  db: Db,
  f: { q?: string; kind?: TerritoryKind; parent?: string } & Page,
): Promise<{ rows: TerritoryRow[]; total: number }> {
  let base = db.selectFrom('territory as t');
  if (f.q) base = base.where('t.name', 'ilike', containsPattern(f.q));
  if (f.kind) base = base.where('t.kind', '=', f.kind);
  if (f.parent) base = base.where('t.parent_id', '=', f.parent);
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('territory as p', 'p.id', 't.parent_id')
    .select((eb) => [
      't.id',
      't.kind',
      't.name',
      't.parent_id',
      'p.name as parent_name',
      eb
        .selectFrom('territory as c')
        .select((e2) => e2.fn.countAll().as('n'))
        .whereRef('c.parent_id', '=', 't.id')
        .as('children'),
    ])
    // The tree order: regione, provincia, ATS, comune, then by name.
    .orderBy(sql`case t.kind when 'regione' then 0 when 'provincia' then 1 when 'ats' then 2 else 3 end`)
    .orderBy('t.name')
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, children: Number(r.children ?? 0) })),
    total: Number(count.n),
  };
}

export async function allTerritories(
  db: Db,
): Promise<{ id: string; kind: TerritoryKind; name: string; parent_id: string | null }[]> {
  return db.selectFrom('territory').select(['id', 'kind', 'name', 'parent_id']).orderBy('name').execute();
}

export async function getTerritory(
  db: Db,
  id: string,
): Promise<{ id: string; kind: TerritoryKind; name: string; parent_id: string | null } | undefined> {
  return db
    .selectFrom('territory')
    .select(['id', 'kind', 'name', 'parent_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function territorySiblingExists(
  db: Db,
  kind: TerritoryKind,
  name: string,
  parentId: string | null,
): Promise<boolean> {
  let q = db
    .selectFrom('territory')
    .select('id')
    .where('kind', '=', kind)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase());
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function territoryIdExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('territory').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

export async function insertTerritory(
  db: Db,
  v: { id: string; kind: TerritoryKind; name: string; parent_id: string | null },
): Promise<void> {
  await db.insertInto('territory').values(v).execute();
}

// ── Protocol ─────────────────────────────────────────────────────────────────────────────────────────────

export interface ProtocolRow {
  id: string;
  title: string;
  signed_on: string;
  valid_until: string;
  signatories: number;
}

export async function listProtocols(db: Db, f: Page): Promise<{ rows: ProtocolRow[]; total: number }> {
  const count = await db
    .selectFrom('protocol')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('protocol as p')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.signed_on',
      'p.valid_until',
      eb
        .selectFrom('protocol_signatory as s')
        .select((e2) => e2.fn.countAll().as('n'))
        .whereRef('s.protocol_id', '=', 'p.id')
        .as('signatories'),
    ])
    .orderBy('p.signed_on', 'desc')
    .orderBy('p.title')
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, signatories: Number(r.signatories ?? 0) })),
    total: Number(count.n),
  };
}

export async function getProtocol(
  db: Db,
  id: string,
): Promise<{ id: string; title: string; signed_on: string; valid_until: string } | undefined> {
  return db
    .selectFrom('protocol')
    .select(['id', 'title', 'signed_on', 'valid_until'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertProtocol(
  db: Db,
  v: { id: string; title: string; signed_on: string; valid_until: string },
): Promise<void> {
  await db.insertInto('protocol').values(v).execute();
}

export async function updateProtocol(
  db: Db,
  id: string,
  v: { title: string; signed_on: string; valid_until: string },
): Promise<void> {
  await db.updateTable('protocol').set(v).where('id', '=', id).execute();
}

export async function signatoriesOf(
  db: Db,
  protocolId: string,
): Promise<{ id: string; name: string; kind: OrgKind }[]> {
  return db
    .selectFrom('protocol_signatory as s')
    .innerJoin('organisation as o', 'o.id', 's.organisation_id')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('s.protocol_id', '=', protocolId)
    .orderBy('o.name')
    .execute();
}

export async function addSignatory(db: Db, protocolId: string, orgId: string): Promise<void> {
  await db
    .insertInto('protocol_signatory')
    .values({ protocol_id: protocolId, organisation_id: orgId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeSignatory(db: Db, protocolId: string, orgId: string): Promise<number> {
  const r = await db
    .deleteFrom('protocol_signatory')
    .where('protocol_id', '=', protocolId)
    .where('organisation_id', '=', orgId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ── Users and memberships ────────────────────────────────────────────────────────────────────────────────

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  active: boolean;
  demo: boolean;
  totp_enrolled_at: Date | null;
}

export interface MembershipRow {
  user_id: string;
  organisation_id: string;
  org_name: string;
  role: Role;
}

export async function listUsers(
  db: Db,
  f: { q?: string } & Page,
): Promise<{ rows: UserRow[]; total: number }> {
  let base = db.selectFrom('app_user');
  if (f.q) {
    const p = containsPattern(f.q);
    base = base.where((eb) => eb.or([eb('username', 'ilike', p), eb('display_name', 'ilike', p)]));
  }
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['id', 'username', 'display_name', 'email', 'active', 'demo', 'totp_enrolled_at'])
    .orderBy('active', 'desc')
    .orderBy('username')
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .execute();
  return { rows, total: Number(count.n) };
}

export async function getUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'email', 'active', 'demo', 'totp_enrolled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (
    (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) !==
    undefined
  );
}

export async function insertUser(
  db: Db,
  v: {
    id: string;
    username: string;
    display_name: string;
    email: string | null;
    password_hash: string;
    password_must_change?: boolean;
    demo?: boolean;
    totp_secret?: string | null;
    totp_enrolled_at?: Date | null;
  },
): Promise<void> {
  await db.insertInto('app_user').values(v).execute();
}

export async function setUserActive(db: Db, id: string, active: boolean): Promise<void> {
  await db.updateTable('app_user').set({ active }).where('id', '=', id).execute();
}

/** Forgets the second factor: the next login enrols a new secret and new recovery codes. */
export async function clearSecondFactor(db: Db, id: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_enrolled_at: null, totp_last_step: 0 })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('recovery_code').where('user_id', '=', id).execute();
}

export async function membershipsOf(db: Db, userIds: string[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.user_id', 'm.organisation_id', 'o.name as org_name', 'm.role'])
    .where('m.user_id', 'in', userIds)
    .orderBy('o.name')
    .orderBy('m.role')
    .execute();
}

export async function membershipExists(db: Db, userId: string, orgId: string, role: Role): Promise<boolean> {
  return (
    (await db
      .selectFrom('membership')
      .select('role')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', orgId)
      .where('role', '=', role)
      .executeTakeFirst()) !== undefined
  );
}

export async function insertMembership(db: Db, userId: string, orgId: string, role: Role): Promise<void> {
  await db
    .insertInto('membership')
    .values({ user_id: userId, organisation_id: orgId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteMembership(db: Db, userId: string, orgId: string, role: Role): Promise<number> {
  const r = await db
    .deleteFrom('membership')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', orgId)
    .where('role', '=', role)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends the sessions a user holds in one organisation (after her role there is removed). */
export async function deleteSessionsIn(db: Db, userId: string, orgId: string): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).where('organisation_id', '=', orgId).execute();
}

/**
 * The memberships that make network administrators — the role, held by an active account in an active
 * organisation — locked (with their accounts and organisations) until the end of the transaction.
 */
export async function lockNetworkAdmins(db: Db): Promise<{ user_id: string; organisation_id: string }[]> {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.user_id', 'm.organisation_id'])
    .where('m.role', '=', 'network_admin')
    .where('u.active', '=', true)
    .where('o.active', '=', true)
    .orderBy('m.user_id')
    .orderBy('m.organisation_id')
    .forUpdate()
    .execute();
}

/** A password an administrator set: she must change it at her next login. */
export async function setOneTimePassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, password_must_change: true })
    .where('id', '=', userId)
    .execute();
}

/** How many people can administer the network: active accounts with the role in an active organisation. */
export async function countNetworkAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select((eb) => eb.fn.count('m.user_id').distinct().as('n'))
    .where('m.role', '=', 'network_admin')
    .where('u.active', '=', true)
    .where('o.active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
