import { randomBytes, randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { appendAudit } from '../../platform/audit/audit.ts';
import { linkIdentity, unlinkIdentity } from '../../platform/auth/oidc.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import { ROLES } from '../../platform/auth/permissions.ts';
import { deleteUserSessions } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrgKind, Role, TerritoryKind } from '../../platform/db/schema.ts';
import { ANY_DAY, checkDate, plausiblePast } from '../../platform/forms/date.ts';
import { checkText } from '../../platform/forms/text.ts';
import * as repo from './repository.ts';

// Decisions of the network feature: validation, the rules of the territory tree and of shelters, and the audit
// entry of every write, in the same transaction as the write. Nothing here knows about HTTP.

export const ORG_KINDS = [
  'inps_office',
  'cav',
  'shelter',
  'ats',
  'comune',
  'regione',
] as const satisfies readonly OrgKind[];
export const TERRITORY_KINDS = [
  'regione',
  'provincia',
  'ats',
  'comune',
] as const satisfies readonly TerritoryKind[];
export const PAGE_SIZE = 20;

/** Who does the write, for the audit entry. */
export interface AuditCtx {
  userId: string | null;
  orgId: string | null;
  ip: string | null;
  requestId: string | null;
}

/** Field name → message key. */
export type Errors = Record<string, string>;
export type Raw = Record<string, string | undefined>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Errors };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TERRITORY_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}
export function isTerritoryId(v: unknown): v is string {
  return typeof v === 'string' && TERRITORY_ID.test(v);
}
export function isOrgKind(v: unknown): v is OrgKind {
  return (ORG_KINDS as readonly unknown[]).includes(v);
}
export function isTerritoryKind(v: unknown): v is TerritoryKind {
  return (TERRITORY_KINDS as readonly unknown[]).includes(v);
}
export function isRole(v: unknown): v is Role {
  return (ROLES as readonly unknown[]).includes(v);
}

const str = (v: string | undefined) => (v ?? '').trim();
/** A free-text field through the platform's check (platform/forms/text.ts): its error, if any, goes in `errors`. */
const text = (errors: Errors, field: string, v: string | undefined, max: number): string => {
  const r = checkText(v, { max });
  if (r.error) errors[field] = r.error;
  return r.value;
};
const orNull = (v: string) => (v === '' ? null : v);
const checked = (v: string | undefined) => v === 'on' || v === 'true' || v === '1';

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

async function audited(db: Db, ctx: AuditCtx, fn: (tx: Db) => Promise<AuditEntryInput>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const entry = await fn(tx);
    await appendAudit(tx, {
      actorUserId: ctx.userId,
      actorOrgId: ctx.orgId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      ...entry,
    });
  });
}
interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

// ── Organisations ────────────────────────────────────────────────────────────────────────────────────────

async function validateOrg(db: Db, raw: Raw, existing?: repo.OrgRow): Promise<Result<repo.OrgValues>> {
  const errors: Errors = {};
  const name = text(errors, 'name', raw.name, 200);
  const kind = str(raw.kind);
  const territory = str(raw.territory_id);
  if (!errors.name && name.length < 2) errors.name = 'orgs.err.name';
  else if (!errors.name && (await repo.orgNameTaken(db, name, existing?.id)))
    errors.name = 'orgs.err.nameTaken';
  if (!isOrgKind(kind)) errors.kind = 'orgs.err.kind';
  if (!isTerritoryId(territory) || !(await repo.territoryIdExists(db, territory)))
    errors.territory_id = 'orgs.err.territory';
  let managing: string | null = null;
  if (kind === 'shelter') {
    const m = str(raw.managing_cav_id);
    if (!isUuid(m) || m === existing?.id || (await repo.activeOrgKind(db, m)) !== 'cav')
      errors.managing_cav_id = 'orgs.err.managingCav';
    else managing = m;
  }
  let phone: string | null = null;
  let hours: string | null = null;
  let website: string | null = null;
  let listed = false;
  // The public directory fields exist only for a CAV; for any other kind they are dropped, never stored.
  if (kind === 'cav') {
    listed = checked(raw.public_listing);
    phone = orNull(text(errors, 'phone', raw.phone, 30));
    if (!errors.phone && phone !== null && !/^\+?[0-9][0-9 ./()-]{2,29}$/.test(phone))
      errors.phone = 'orgs.err.phone';
    hours = orNull(text(errors, 'opening_hours', raw.opening_hours, 300));
    website = orNull(text(errors, 'website', raw.website, 300));
    if (!errors.website && website !== null && !validWebsite(website)) errors.website = 'orgs.err.website';
  }
  if (existing?.kind === 'cav' && kind !== 'cav' && (await repo.countManagedShelters(db, existing.id)) > 0)
    errors.kind = 'orgs.err.kindManages';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      kind: kind as OrgKind,
      territory_id: territory,
      managing_cav_id: managing,
      public_listing: listed,
      phone,
      opening_hours: hours,
      website,
    },
  };
}

function validWebsite(v: string): boolean {
  if (v.length > 300) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && u.hostname.includes('.');
  } catch {
    return false;
  }
}

export async function createOrg(db: Db, ctx: AuditCtx, raw: Raw): Promise<Result<string>> {
  const v = await validateOrg(db, raw);
  if (!v.ok) return v;
  const id = randomUUID();
  try {
    await audited(db, ctx, async (tx) => {
      await repo.insertOrg(tx, id, v.value);
      return {
        action: 'network.org_created',
        entityType: 'organisation',
        entityId: id,
        details: { kind: v.value.kind, name: v.value.name },
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { name: 'orgs.err.nameTaken' } };
    throw e;
  }
  return { ok: true, value: id };
}

export async function updateOrg(
  db: Db,
  ctx: AuditCtx,
  existing: repo.OrgRow,
  raw: Raw,
): Promise<Result<string>> {
  const v = await validateOrg(db, raw, existing);
  if (!v.ok) return v;
  const changed = (Object.keys(v.value) as (keyof repo.OrgValues)[]).filter(
    (k) => v.value[k] !== existing[k],
  );
  try {
    await audited(db, ctx, async (tx) => {
      await repo.updateOrg(tx, existing.id, v.value);
      return {
        action: 'network.org_updated',
        entityType: 'organisation',
        entityId: existing.id,
        details: { changed },
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { name: 'orgs.err.nameTaken' } };
    throw e;
  }
  return { ok: true, value: existing.id };
}

/**
 * Deactivates an organisation (never deleted: cases and the audit log refer to it) and ends its sessions; refused
 * (a message key) when the network's last administrators hold the role only there.
 */
export async function deactivateOrg(db: Db, ctx: AuditCtx, org: repo.OrgRow): Promise<string | null> {
  return guarded(db, ctx, org.id, { kind: 'deactivate_org', orgId: org.id }, async (tx) => {
    await repo.setOrgActive(tx, org.id, false);
    await tx.deleteFrom('session').where('organisation_id', '=', org.id).execute();
    return { action: 'network.org_deactivated', entityType: 'organisation', entityId: org.id };
  });
}

// ── Territories ──────────────────────────────────────────────────────────────────────────────────────────

/** The kinds a parent of each territory kind may have (regione → provincia → ATS → comune). */
export const PARENT_KINDS: Record<TerritoryKind, readonly TerritoryKind[]> = {
  regione: [],
  provincia: ['regione'],
  ats: ['provincia'],
  comune: ['ats', 'provincia'],
};
const PARENT_ERROR: Record<TerritoryKind, string> = {
  regione: 'terr.err.parentRegione',
  provincia: 'terr.err.parentProvincia',
  ats: 'terr.err.parentAts',
  comune: 'terr.err.parentComune',
};

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export async function createTerritory(db: Db, ctx: AuditCtx, raw: Raw): Promise<Result<string>> {
  const errors: Errors = {};
  const kind = str(raw.kind);
  const name = text(errors, 'name', raw.name, 120);
  const parentId = orNull(str(raw.parent_id));
  if (!isTerritoryKind(kind)) errors.kind = 'terr.err.kind';
  if (!errors.name && name.length < 2) errors.name = 'terr.err.name';
  let parent: Awaited<ReturnType<typeof repo.getTerritory>>;
  if (parentId !== null) {
    parent = isTerritoryId(parentId) ? await repo.getTerritory(db, parentId) : undefined;
    if (!parent) errors.parent_id = 'terr.err.parent';
  }
  if (isTerritoryKind(kind) && !errors.parent_id) {
    const allowed = PARENT_KINDS[kind];
    const ok =
      allowed.length === 0 ? parent === undefined : parent !== undefined && allowed.includes(parent.kind);
    if (!ok) errors.parent_id = PARENT_ERROR[kind];
  }
  if (
    Object.keys(errors).length === 0 &&
    (await repo.territorySiblingExists(db, kind as TerritoryKind, name, parentId))
  )
    errors.name = 'terr.err.duplicate';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const base = `${kind}-${slug(name) || 'territorio'}`;
  let id = base;
  for (let n = 2; await repo.territoryIdExists(db, id); n++) id = `${base}-${n}`;
  await audited(db, ctx, async (tx) => {
    await repo.insertTerritory(tx, { id, kind: kind as TerritoryKind, name, parent_id: parentId });
    return {
      action: 'network.territory_created',
      entityType: 'territory',
      entityId: id,
      details: { kind, name },
    };
  });
  return { ok: true, value: id };
}

/** The territories in tree order, each with its depth, for pickers. */
export async function territoryTree(
  db: Db,
): Promise<{ id: string; kind: TerritoryKind; name: string; depth: number }[]> {
  const all = await repo.allTerritories(db);
  const children = new Map<string | null, typeof all>();
  for (const t of all) {
    const list = children.get(t.parent_id) ?? [];
    list.push(t);
    children.set(t.parent_id, list);
  }
  const out: { id: string; kind: TerritoryKind; name: string; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort(
      (a, b) =>
        TERRITORY_KINDS.indexOf(a.kind) - TERRITORY_KINDS.indexOf(b.kind) ||
        a.name.localeCompare(b.name, 'it'),
    );
    for (const t of list) {
      out.push({ id: t.id, kind: t.kind, name: t.name, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

// ── Protocol ─────────────────────────────────────────────────────────────────────────────────────────────

export interface ProtocolValues {
  title: string;
  signed_on: string;
  valid_until: string;
}

function validateProtocol(raw: Raw): Result<ProtocolValues> {
  const errors: Errors = {};
  const title = text(errors, 'title', raw.title, 300);
  if (!errors.title && title.length < 3) errors.title = 'prot.err.title';
  // A protocol was signed between 2000 and today; it runs until a day Ponte can show, not before its signature.
  const signedCheck = checkDate(raw.signed_on, plausiblePast(), { required: true });
  const signed = signedCheck.ok ? signedCheck.date : null;
  if (!signedCheck.ok) errors.signed_on = signedCheck.error;
  const untilCheck = checkDate(raw.valid_until, ANY_DAY, { required: true });
  const until = untilCheck.ok ? untilCheck.date : null;
  if (!untilCheck.ok) errors.valid_until = untilCheck.error;
  else if (until && signed && Temporal.PlainDate.compare(until, signed) < 0)
    errors.valid_until = 'prot.err.validUntil';
  if (Object.keys(errors).length > 0 || !signed || !until) return { ok: false, errors };
  return { ok: true, value: { title, signed_on: signed.toString(), valid_until: until.toString() } };
}

export async function createProtocol(db: Db, ctx: AuditCtx, raw: Raw): Promise<Result<string>> {
  const v = validateProtocol(raw);
  if (!v.ok) return v;
  const id = randomUUID();
  await audited(db, ctx, async (tx) => {
    await repo.insertProtocol(tx, { id, ...v.value });
    return {
      action: 'network.protocol_created',
      entityType: 'protocol',
      entityId: id,
      details: { title: v.value.title },
    };
  });
  return { ok: true, value: id };
}

export async function updateProtocol(db: Db, ctx: AuditCtx, id: string, raw: Raw): Promise<Result<string>> {
  const v = validateProtocol(raw);
  if (!v.ok) return v;
  await audited(db, ctx, async (tx) => {
    await repo.updateProtocol(tx, id, v.value);
    return { action: 'network.protocol_updated', entityType: 'protocol', entityId: id };
  });
  return { ok: true, value: id };
}

export async function addSignatory(
  db: Db,
  ctx: AuditCtx,
  protocolId: string,
  raw: Raw,
): Promise<Result<string>> {
  const orgId = str(raw.organisation_id);
  const current = await repo.signatoriesOf(db, protocolId);
  if (!isUuid(orgId) || !(await repo.activeOrgKind(db, orgId)) || current.some((s) => s.id === orgId))
    return { ok: false, errors: { organisation_id: 'prot.err.org' } };
  await audited(db, ctx, async (tx) => {
    await repo.addSignatory(tx, protocolId, orgId);
    return {
      action: 'network.protocol_signatory_added',
      entityType: 'protocol',
      entityId: protocolId,
      details: { organisationId: orgId },
    };
  });
  return { ok: true, value: orgId };
}

export async function removeSignatory(
  db: Db,
  ctx: AuditCtx,
  protocolId: string,
  orgId: string,
): Promise<void> {
  await audited(db, ctx, async (tx) => {
    await repo.removeSignatory(tx, protocolId, orgId);
    return {
      action: 'network.protocol_signatory_removed',
      entityType: 'protocol',
      entityId: protocolId,
      details: { organisationId: orgId },
    };
  });
}

// ── Users and memberships ────────────────────────────────────────────────────────────────────────────────

/** A random initial password (16 characters of base64url, 96 bits), shown once to the administrator. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export interface NewUser {
  id: string;
  username: string;
  /** The organisation of her first membership. */
  organisationId: string;
  /** Present when Ponte generated the initial password: to be shown once. */
  generatedPassword?: string;
}

async function validateMembership(
  db: Db,
  raw: Raw,
  errors: Errors,
): Promise<{ orgId: string; role: Role } | null> {
  const orgId = str(raw.organisation_id);
  const role = str(raw.role);
  if (!isUuid(orgId) || !(await repo.activeOrgKind(db, orgId))) errors.organisation_id = 'users.err.org';
  if (!isRole(role)) errors.role = 'users.err.role';
  return errors.organisation_id || errors.role ? null : { orgId, role: role as Role };
}

/** The first organisation of an empty network, made together with its first administrator (`ponte users create`). */
export interface FirstOrganisation {
  /** The organisation's name, e.g. "Regione Marche". */
  name: string;
  /** The region it covers, e.g. "Marche" (a new territory of kind regione). */
  region: string;
}

export async function createUser(
  db: Db,
  ctx: AuditCtx,
  raw: Raw,
  via: 'web' | 'cli' = 'web',
  first?: FirstOrganisation,
): Promise<Result<NewUser>> {
  const errors: Errors = {};
  const username = str(raw.username).toLowerCase();
  const displayName = text(errors, 'display_name', raw.display_name, 120);
  const email = orNull(text(errors, 'email', raw.email, 254));
  const password = raw.password ?? '';
  if (!/^[a-z0-9._-]{3,64}$/.test(username)) errors.username = 'users.err.username';
  else if (await repo.usernameTaken(db, username)) errors.username = 'users.err.usernameTaken';
  if (!errors.display_name && displayName.length < 2) errors.display_name = 'users.err.displayName';
  if (!errors.email && email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.email = 'users.err.email';
  if (password !== '') {
    // Even a one-time password is checked: it must not be guessable in the hours before she changes it.
    const problem = await passwordProblem(password, { username });
    if (problem) errors.password = problem === 'length' ? 'users.err.password' : 'users.err.passwordWeak';
  }
  let membership: { orgId: string; role: Role } | null;
  let firstOrg: { territoryId: string; values: repo.OrgValues } | null = null;
  if (first) {
    // Only on an empty network: every later organisation is made by an administrator, in the pages.
    const name = first.name.trim();
    const region = first.region.trim();
    if ((await repo.countOrgs(db)) > 0) errors.new_org = 'users.err.firstOrgExists';
    else if (name.length < 2 || name.length > 200) errors.new_org = 'orgs.err.name';
    if (region.length < 2 || region.length > 120) errors.region = 'terr.err.name';
    if (str(raw.role) !== 'network_admin') errors.role = 'users.err.firstOrgRole';
    const territoryId = `regione-${slug(region) || 'regione'}`;
    firstOrg = {
      territoryId,
      values: {
        name,
        kind: 'regione',
        territory_id: territoryId,
        managing_cav_id: null,
        public_listing: false,
        phone: null,
        opening_hours: null,
        website: null,
      },
    };
    membership = { orgId: randomUUID(), role: 'network_admin' };
  } else membership = await validateMembership(db, raw, errors);
  if (Object.keys(errors).length > 0 || !membership) return { ok: false, errors };
  const generated = password === '' ? generatePassword() : undefined;
  const passwordHash = await hashPassword(generated ?? password);
  const id = randomUUID();
  const m = membership;
  try {
    await audited(db, ctx, async (tx) => {
      if (firstOrg) {
        await repo.insertTerritory(tx, {
          id: firstOrg.territoryId,
          kind: 'regione',
          name: first?.region.trim() ?? '',
          parent_id: null,
        });
        await repo.insertOrg(tx, m.orgId, firstOrg.values);
        await appendAudit(tx, {
          actorUserId: ctx.userId,
          actorOrgId: ctx.orgId,
          ip: ctx.ip,
          requestId: ctx.requestId,
          action: 'network.org_created',
          entityType: 'organisation',
          entityId: m.orgId,
          details: { kind: 'regione', name: firstOrg.values.name, territoryId: firstOrg.territoryId, via },
        });
      }
      await repo.insertUser(tx, {
        id,
        username,
        display_name: displayName,
        email,
        password_hash: passwordHash,
        // Set by an administrator (or the `ponte` command): a one-time password, changed at first login.
        password_must_change: true,
      });
      await repo.insertMembership(tx, id, m.orgId, m.role);
      return {
        action: 'network.user_created',
        entityType: 'app_user',
        entityId: id,
        details: { username, organisationId: m.orgId, role: m.role, via },
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { username: 'users.err.usernameTaken' } };
    throw e;
  }
  return {
    ok: true,
    value: {
      id,
      username,
      organisationId: m.orgId,
      ...(generated ? { generatedPassword: generated } : {}),
    },
  };
}

export async function addMembership(
  db: Db,
  ctx: AuditCtx,
  userId: string,
  raw: Raw,
): Promise<Result<string>> {
  const errors: Errors = {};
  const m = await validateMembership(db, raw, errors);
  if (!m) return { ok: false, errors };
  if (await repo.membershipExists(db, userId, m.orgId, m.role))
    return { ok: false, errors: { role: 'users.err.membershipExists' } };
  await audited(db, ctx, async (tx) => {
    await repo.insertMembership(tx, userId, m.orgId, m.role);
    return {
      action: 'network.membership_added',
      entityType: 'app_user',
      entityId: userId,
      details: { organisationId: m.orgId, role: m.role },
    };
  });
  return { ok: true, value: userId };
}

/** A change that could leave the network without an administrator. */
export type LockoutChange =
  | { kind: 'deactivate' }
  | { kind: 'remove_role'; orgId: string; role: Role }
  | { kind: 'deactivate_org'; orgId: string };

/**
 * Why a change would lock the network out of its own administration, or null: nobody deactivates her own account,
 * and the last network administrator — an active account holding the role in an active organisation, the only
 * kind that can log in and administer — keeps her role, her account and her organisation (`users.refused.*`).
 * Run it in the transaction of the change: it locks the administrators' memberships (and their users and
 * organisations), so that two administrators removing each other at the same moment cannot both succeed.
 */
export async function lockoutRefusal(
  db: Db,
  ctx: AuditCtx,
  subjectId: string,
  change: LockoutChange,
): Promise<string | null> {
  if (change.kind === 'deactivate' && subjectId === ctx.userId) return 'users.refused.self';
  if (change.kind === 'remove_role' && change.role !== 'network_admin') return null;
  const admins = await repo.lockNetworkAdmins(db);
  const remaining = admins.filter((a) => {
    if (change.kind === 'deactivate') return a.user_id !== subjectId;
    if (change.kind === 'deactivate_org') return a.organisation_id !== change.orgId;
    return !(a.user_id === subjectId && a.organisation_id === change.orgId);
  });
  if (remaining.length === admins.length || remaining.length > 0) return null;
  return change.kind === 'deactivate_org' ? 'orgs.refused.lastAdmin' : 'users.refused.lastAdmin';
}

/** Runs a change that could lock the network out, refusing it (a message key) when it would; audited. */
async function guarded(
  db: Db,
  ctx: AuditCtx,
  subjectId: string,
  change: LockoutChange,
  fn: (tx: Db) => Promise<AuditEntryInput>,
): Promise<string | null> {
  return db.transaction().execute(async (tx) => {
    const refused = await lockoutRefusal(tx, ctx, subjectId, change);
    if (refused) return refused;
    const entry = await fn(tx);
    await appendAudit(tx, {
      actorUserId: ctx.userId,
      actorOrgId: ctx.orgId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      ...entry,
    });
    return null;
  });
}

/**
 * Removes a role; her sessions in that organisation end, so the role stops working at once. Returns why it was
 * refused (the last network administrator), or null when done.
 */
export async function removeMembership(
  db: Db,
  ctx: AuditCtx,
  userId: string,
  orgId: string,
  role: Role,
): Promise<string | null> {
  return guarded(db, ctx, userId, { kind: 'remove_role', orgId, role }, async (tx) => {
    await repo.deleteMembership(tx, userId, orgId, role);
    await repo.deleteSessionsIn(tx, userId, orgId);
    return {
      action: 'network.membership_removed',
      entityType: 'app_user',
      entityId: userId,
      details: { organisationId: orgId, role },
    };
  });
}

/** Deactivates an account and ends its sessions; returns why it was refused (herself, the last admin) or null. */
export async function deactivateUser(db: Db, ctx: AuditCtx, userId: string): Promise<string | null> {
  return guarded(db, ctx, userId, { kind: 'deactivate' }, async (tx) => {
    await repo.setUserActive(tx, userId, false);
    const ended = await deleteUserSessions(tx, userId);
    return {
      action: 'network.user_deactivated',
      entityType: 'app_user',
      entityId: userId,
      details: { sessionsEnded: ended },
    };
  });
}

/**
 * An administrator sets a new one-time password for her (she forgot hers): generated, shown once to the
 * administrator, to be changed at the next login; every session of hers ends. Audited, never the password.
 */
export async function resetPassword(db: Db, ctx: AuditCtx, userId: string): Promise<string> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  await audited(db, ctx, async (tx) => {
    await repo.setOneTimePassword(tx, userId, hash);
    const ended = await deleteUserSessions(tx, userId);
    return {
      action: 'network.user_password_reset',
      entityType: 'app_user',
      entityId: userId,
      details: { sessionsEnded: ended },
    };
  });
  return password;
}

export async function resetSecondFactor(db: Db, ctx: AuditCtx, userId: string): Promise<void> {
  await audited(db, ctx, async (tx) => {
    await repo.clearSecondFactor(tx, userId);
    await deleteUserSessions(tx, userId);
    return { action: 'network.user_totp_reset', entityType: 'app_user', entityId: userId };
  });
}

// ── Identity of the organisation's provider (OIDC, decision 0055) ────────────────────────────────────────

/**
 * Links an account to an identity of the configured provider: its subject (`sub`) or the value of the configured
 * claim. Audited; an identity already linked to another account is refused next to the field. A link grants no
 * role: memberships stay as they are.
 */
export async function linkOidcIdentity(
  db: Db,
  ctx: AuditCtx,
  userId: string,
  provider: { issuer: string; claim: string | null },
  body: Record<string, string | undefined>,
): Promise<Result<null>> {
  const errors: Errors = {};
  const kind =
    body.oidc_kind === 'claim' && provider.claim ? 'claim' : body.oidc_kind === 'sub' ? 'sub' : null;
  if (!kind) errors.oidc_kind = 'users.oidc.kind.required';
  let value = text(errors, 'oidc_value', body.oidc_value, 320);
  if (!errors.oidc_value && value === '') errors.oidc_value = 'users.oidc.value.required';
  if (kind === 'claim' && provider.claim === 'email') value = value.toLowerCase();
  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
  let taken = false;
  try {
    await audited(db, ctx, async (tx) => {
      if (!(await linkIdentity(tx, { userId, issuer: provider.issuer, kind, value, by: ctx.userId }))) {
        throw new IdentityTaken();
      }
      return {
        action: 'network.user_oidc_linked',
        entityType: 'app_user',
        entityId: userId,
        details: { issuer: provider.issuer, kind, ...(kind === 'claim' ? { claim: provider.claim } : {}) },
      };
    });
  } catch (e) {
    if (!(e instanceof IdentityTaken) && !isUniqueViolation(e)) throw e;
    taken = true;
  }
  if (taken) return { ok: false, errors: { oidc_value: 'users.oidc.taken' } };
  return { ok: true, value: null };
}

class IdentityTaken extends Error {}

/** Removes the link of an account to the provider (audited); false when there was none. */
export async function unlinkOidcIdentity(db: Db, ctx: AuditCtx, userId: string): Promise<boolean> {
  let removed = false;
  await db.transaction().execute(async (tx) => {
    removed = await unlinkIdentity(tx, userId);
    if (!removed) return;
    await appendAudit(tx, {
      actorUserId: ctx.userId,
      actorOrgId: ctx.orgId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'network.user_oidc_unlinked',
      entityType: 'app_user',
      entityId: userId,
    });
  });
  return removed;
}
