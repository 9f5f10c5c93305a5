import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { CaseStatus, ConsentPurpose, ContactChannel, SafetyAnswer } from '../../platform/db/schema.ts';
import { offsetOf } from '../../platform/forms/page.ts';
import { type IdentityMeta, identityMetaFromJson, identityMetaJson } from './identity.ts';

// SQL of the cases feature (never case_identity: that is identity.ts alone).

export interface CaseRow {
  id: string;
  code: string;
  cav_id: string;
  status: CaseStatus;
  opened_at: Date;
  opened_by_name: string;
  closed_at: Date | null;
  closing_reason: string | null;
  version: number;
}

/** The columns of a case as `CaseRow` has them (its opener's name from `app_user as u`). */
const caseColumns = [
  'c.id',
  'c.code',
  'c.cav_id',
  'c.status',
  'c.opened_at',
  'u.display_name as opened_by_name',
  'c.closed_at',
  'c.closing_reason',
  'c.version',
] as const;

/** A case of her CAV, or undefined (another CAV's case is as good as absent). */
export async function findCase(db: Db, cavId: string, caseId: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('case_file as c')
    .innerJoin('app_user as u', 'u.id', 'c.opened_by')
    .select(caseColumns)
    .where('c.id', '=', caseId)
    .where('c.cav_id', '=', cavId)
    .executeTakeFirst();
}

export interface CaseListFilter {
  cavId: string;
  code?: string;
  status?: CaseStatus;
  page: number;
  pageSize: number;
}

export async function listCases(db: Db, f: CaseListFilter): Promise<{ rows: CaseRow[]; total: number }> {
  let q = db
    .selectFrom('case_file as c')
    .innerJoin('app_user as u', 'u.id', 'c.opened_by')
    .where('c.cav_id', '=', f.cavId);
  if (f.code) q = q.where('c.code', 'like', `%${f.code.replace(/[%_\\]/g, '')}%`);
  if (f.status) q = q.where('c.status', '=', f.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(caseColumns)
    .orderBy('c.opened_at', 'desc')
    .orderBy('c.id')
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .execute();
  return { rows, total: Number(total.n) };
}

export async function codeExists(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('case_file').select('id').where('code', '=', code).executeTakeFirst());
}

export interface ConsentRow {
  id: string;
  purpose: ConsentPurpose;
  given_on: string;
  expires_on: string;
  collected_by_name: string;
  revoked_at: Date | null;
  revoked_by_name: string | null;
  note: string | null;
  version: number;
}

export async function consentsOf(db: Db, caseId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('consent as k')
    .innerJoin('app_user as c', 'c.id', 'k.collected_by')
    .leftJoin('app_user as r', 'r.id', 'k.revoked_by')
    .select([
      'k.id',
      'k.purpose',
      'k.given_on',
      'k.expires_on',
      'c.display_name as collected_by_name',
      'k.revoked_at',
      'r.display_name as revoked_by_name',
      'k.note',
      'k.version',
    ])
    .where('k.case_id', '=', caseId)
    .orderBy('k.revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('k.given_on', 'desc')
    .execute();
}

export interface SafeContactRow {
  channels: ContactChannel[];
  hours: string | null;
  has_code_word: boolean;
  abuser_knows: SafetyAnswer | null;
  version: number;
}

export async function safeContactOf(db: Db, caseId: string): Promise<SafeContactRow | undefined> {
  return db
    .selectFrom('safe_contact')
    .select([
      'channels',
      'hours',
      sql<boolean>`code_word_cipher is not null`.as('has_code_word'),
      'abuser_knows',
      'version',
    ])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/** Staff of the CAV who may collect consent (its operators and coordinators). */
export async function caseWorkers(db: Db, cavId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name as name'])
    .distinct()
    .where('m.organisation_id', '=', cavId)
    .where('m.role', 'in', ['cav_operator', 'cav_coordinator'])
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute();
}

export interface ScreeningRow {
  id: string;
  situation: Record<string, unknown>;
  assessment: Record<string, unknown>;
  rules_version: string;
  run_at: Date;
  run_by_name: string;
  answers: { asked?: string[]; values?: Record<string, string> };
}

/** A screening's own columns (`screening as s`), for the case's list and its page's latest one; with them the
 * name of who ran it (`run_by_name`). */
const screeningColumns = [
  's.id',
  's.situation',
  's.assessment',
  's.rules_version',
  's.run_at',
  's.answers',
] as const;

export async function screeningsOf(db: Db, caseId: string, limit = 20): Promise<ScreeningRow[]> {
  return db
    .selectFrom('screening as s')
    .innerJoin('app_user as u', 'u.id', 's.run_by')
    .select([...screeningColumns, 'u.display_name as run_by_name'])
    .where('s.case_id', '=', caseId)
    .orderBy('s.run_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
}

export interface DueRow {
  id: string;
  case_id: string;
  code: string;
  kind: string;
  benefit: string | null;
  due_on: string;
  title_key: string;
  params: Record<string, unknown>;
  done_at: Date | null;
  version: number;
}

/** The columns of a due item as `DueRow` has them (the case's code from `case_file as c`). */
const dueColumns = [
  'd.id',
  'd.case_id',
  'c.code',
  'd.kind',
  'd.benefit',
  'd.due_on',
  'd.title_key',
  'd.params',
  'd.done_at',
  'd.version',
] as const;

export async function dueItems(
  db: Db,
  f: { cavId: string; caseId?: string; openOnly?: boolean; limit?: number },
): Promise<DueRow[]> {
  let q = db
    .selectFrom('due_item as d')
    .innerJoin('case_file as c', 'c.id', 'd.case_id')
    .select(dueColumns)
    .where('c.cav_id', '=', f.cavId);
  if (f.caseId) q = q.where('d.case_id', '=', f.caseId);
  if (f.openOnly) q = q.where('d.done_at', 'is', null).where('c.status', '=', 'open');
  return q
    .orderBy('d.due_on')
    .orderBy('d.id')
    .limit(f.limit ?? 200)
    .execute();
}

/** What the case page shows of the case itself, loaded in one round trip (issue 16). */
export interface CasePageData {
  c: CaseRow;
  identity: IdentityMeta;
  consents: ConsentRow[];
  contact: SafeContactRow | undefined;
  lastScreening: ScreeningRow | undefined;
  due: DueRow[];
  /** A statistics consent valid on `day`. */
  statistics: boolean;
}

// JSON carries timestamps as text: these turn them back into the Dates the rows promise.
const date = (v: string | Date) => new Date(v);
const dateOrNull = (v: string | Date | null) => (v === null ? null : new Date(v));

/** The one query of `casePageOf`, compiled once (decision 0069). */
const casePageQuery = prepared((db: Db, cavId: string, caseId: string, day: string) =>
  db
    .selectFrom('case_file as c')
    .innerJoin('app_user as u', 'u.id', 'c.opened_by')
    .select((eb) => [
      ...caseColumns,
      identityMetaJson(eb.ref('c.id')).as('identity'),
      jsonArrayFrom(
        eb
          .selectFrom('consent as k')
          .innerJoin('app_user as kc', 'kc.id', 'k.collected_by')
          .leftJoin('app_user as kr', 'kr.id', 'k.revoked_by')
          .select([
            'k.id',
            'k.purpose',
            'k.given_on',
            'k.expires_on',
            'kc.display_name as collected_by_name',
            'k.revoked_at',
            'kr.display_name as revoked_by_name',
            'k.note',
            'k.version',
          ])
          .whereRef('k.case_id', '=', 'c.id')
          .orderBy('k.revoked_at', (ob) => ob.desc().nullsFirst())
          .orderBy('k.given_on', 'desc'),
      ).as('consents'),
      jsonObjectFrom(
        eb
          .selectFrom('safe_contact as sc')
          .select([
            'sc.channels',
            'sc.hours',
            sql<boolean>`sc.code_word_cipher is not null`.as('has_code_word'),
            'sc.abuser_knows',
            'sc.version',
          ])
          .whereRef('sc.case_id', '=', 'c.id'),
      ).as('contact'),
      jsonObjectFrom(
        eb
          .selectFrom('screening as s')
          .innerJoin('app_user as su', 'su.id', 's.run_by')
          .select([...screeningColumns, 'su.display_name as run_by_name'])
          .whereRef('s.case_id', '=', 'c.id')
          .orderBy('s.run_at', 'desc')
          .orderBy('s.id', 'desc')
          .limit(1),
      ).as('screening'),
      jsonArrayFrom(
        eb
          .selectFrom('due_item as d')
          .select(dueColumns)
          .whereRef('d.case_id', '=', 'c.id')
          .orderBy('d.due_on')
          .orderBy('d.id')
          .limit(200),
      ).as('due'),
      eb
        .exists(
          eb
            .selectFrom('consent as ks')
            .select('ks.id')
            .whereRef('ks.case_id', '=', 'c.id')
            .where('ks.purpose', '=', 'statistics')
            .where('ks.revoked_at', 'is', null)
            .where('ks.given_on', '<=', day)
            .where('ks.expires_on', '>=', day),
        )
        .as('statistics'),
    ])
    .where('c.id', '=', caseId)
    .where('c.cav_id', '=', cavId),
);

/**
 * The case of her CAV with its identity's metadata, consents, safe contact, last check, due items and whether a
 * statistics consent holds on `day` — one query whatever their numbers, each section in the order of its own
 * list query above. Undefined when the case is not her CAV's.
 */
export async function casePageOf(
  db: Db,
  cavId: string,
  caseId: string,
  day: string,
): Promise<CasePageData | undefined> {
  const [row] = await casePageQuery(db, cavId, caseId, day);
  if (!row) return undefined;
  const { identity, consents, contact, screening, due, statistics, ...c } = row;
  return {
    c,
    identity: identityMetaFromJson(identity),
    consents: consents.map((k) => ({ ...k, revoked_at: dateOrNull(k.revoked_at) })),
    contact: contact ?? undefined,
    lastScreening: screening ? { ...screening, run_at: date(screening.run_at) } : undefined,
    due: due.map((d) => ({ ...d, done_at: dateOrNull(d.done_at) })),
    statistics: Boolean(statistics),
  };
}
