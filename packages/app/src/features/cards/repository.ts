import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { ApplicationStatus } from '../../platform/db/schema.ts';
import { offsetOf } from '../../platform/forms/page.ts';

// SQL only: the service decides. Every read that an organisation may not see is scoped here by that
// organisation (a card of another office, a case of another CAV, a territory outside the social worker's).

export interface CardRow {
  id: string;
  case_id: string;
  inps_office_id: string;
  office_name: string;
  cav_id: string;
  cav_name: string;
  cav_territory_id: string;
  code: string;
  age_band: string | null;
  benefits: string[];
  preferred_language: string | null;
  accessibility_needs: string | null;
  note: string | null;
  status: 'sent' | 'accepted' | 'declined' | 'closed';
  decline_reason: string | null;
  created_at: Date;
  accepted_at: Date | null;
  accepted_by_name: string | null;
  last_outcome_at: Date | null;
  closed_at: Date | null;
  closing_reason: string | null;
  version: number;
}

function cardQuery(db: Db) {
  return db
    .selectFrom('consultation_card as c')
    .innerJoin('organisation as o', 'o.id', 'c.inps_office_id')
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .innerJoin('organisation as cav', 'cav.id', 'f.cav_id')
    .leftJoin('app_user as acc', 'acc.id', 'c.accepted_by')
    .select([
      'c.id',
      'c.case_id',
      'c.inps_office_id',
      'o.name as office_name',
      'f.cav_id',
      'cav.name as cav_name',
      'cav.territory_id as cav_territory_id',
      'c.code',
      'c.age_band',
      'c.benefits',
      'c.preferred_language',
      'c.accessibility_needs',
      'c.note',
      'c.status',
      'c.decline_reason',
      'c.created_at',
      'c.accepted_at',
      'acc.display_name as accepted_by_name',
      'c.last_outcome_at',
      'c.closed_at',
      'c.closing_reason',
      'c.version',
    ]);
}

export async function cardById(db: Db, id: string): Promise<CardRow | undefined> {
  return (await cardQuery(db).where('c.id', '=', id).executeTakeFirst()) as CardRow | undefined;
}

export async function cardsOfCase(db: Db, caseId: string): Promise<CardRow[]> {
  return (await cardQuery(db)
    .where('c.case_id', '=', caseId)
    .orderBy('c.created_at', 'desc')
    .execute()) as CardRow[];
}

export interface InboxFilter {
  officeId: string;
  status?: string | undefined;
  benefit?: string | undefined;
  code?: string | undefined;
  page: number;
  pageSize: number;
}

export async function inbox(db: Db, f: InboxFilter): Promise<{ rows: CardRow[]; total: number }> {
  let q = cardQuery(db).where('c.inps_office_id', '=', f.officeId);
  if (f.status) q = q.where('c.status', '=', f.status as CardRow['status']);
  // A card withdrawn by her (referral consent revoked) says nothing of its benefits, not even through the filter.
  if (f.benefit)
    q = q
      .where(sql<boolean>`${f.benefit} = any(c.benefits)`)
      .where(sql<boolean>`c.closing_reason is distinct from 'referral_revoked'`);
  if (f.code) q = q.where('c.code', 'ilike', `%${f.code.replace(/[%_\\]/g, '\\$&')}%`);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const rows = (await q
    .orderBy(sql`case c.status when 'sent' then 0 when 'accepted' then 1 else 2 end`)
    .orderBy('c.created_at', 'desc')
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .execute()) as CardRow[];
  return { rows, total: Number(total?.n ?? 0) };
}

export interface CaseRow {
  id: string;
  code: string;
  cav_id: string;
  status: 'open' | 'closed';
}

export async function caseOfCav(db: Db, caseId: string, cavId: string): Promise<CaseRow | undefined> {
  return await db
    .selectFrom('case_file')
    .select(['id', 'code', 'cav_id', 'status'])
    .where('id', '=', caseId)
    .where('cav_id', '=', cavId)
    .executeTakeFirst();
}

/** Whether the case has a consent for `purpose` that is not revoked and covers `today`. */
export async function hasValidConsent(
  db: Db,
  caseId: string,
  purpose: string,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('consent')
    .select('id')
    .where('case_id', '=', caseId)
    .where('purpose', '=', purpose as 'referral_inps')
    .where('revoked_at', 'is', null)
    .where('given_on', '<=', today)
    .where('expires_on', '>=', today)
    .executeTakeFirst();
  return row !== undefined;
}

export async function lastScreening(
  db: Db,
  caseId: string,
): Promise<{ situation: unknown; assessment: unknown } | undefined> {
  return await db
    .selectFrom('screening')
    .select(['situation', 'assessment'])
    .where('case_id', '=', caseId)
    .orderBy('run_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function inpsOffices(db: Db): Promise<Array<{ id: string; name: string }>> {
  return await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', '=', 'inps_office')
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}

export async function openCardFor(
  db: Db,
  caseId: string,
  officeId: string,
): Promise<{ id: string; status: CardRow['status'] } | undefined> {
  return await db
    .selectFrom('consultation_card')
    .select(['id', 'status'])
    .where('case_id', '=', caseId)
    .where('inps_office_id', '=', officeId)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
}

export interface AccessRow {
  kind: 'opened' | 'identity_revealed';
  at: Date;
  user_name: string;
  org_name: string;
}

export async function accessesOfCard(db: Db, cardId: string): Promise<AccessRow[]> {
  return await db
    .selectFrom('card_access as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .innerJoin('organisation as o', 'o.id', 'a.org_id')
    .select(['a.kind', 'a.at', 'u.display_name as user_name', 'o.name as org_name'])
    .where('a.card_id', '=', cardId)
    .orderBy('a.at', 'desc')
    .limit(200)
    .execute();
}

/** The one query of `cardsOfCaseWithOpenings`, compiled once (decision 0069). */
const cardsWithOpeningsQuery = prepared((db: Db, caseId: string) =>
  cardQuery(db)
    .select((eb) => [
      eb
        .selectFrom('card_access as a')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('a.card_id', '=', 'c.id')
        .where('a.kind', '=', 'opened')
        .as('opened'),
      jsonObjectFrom(
        eb
          .selectFrom('card_access as a')
          .innerJoin('app_user as u', 'u.id', 'a.user_id')
          .select(['u.display_name as user_name', 'a.at'])
          .whereRef('a.card_id', '=', 'c.id')
          .where('a.kind', '=', 'opened')
          .orderBy('a.at', 'desc')
          .limit(1),
      ).as('last_opened'),
    ])
    .where('c.case_id', '=', caseId)
    .orderBy('c.created_at', 'desc'),
);

/**
 * The cards of a case, each with how often INPS opened it and who last did and when: one query whatever the
 * number of cards (issue 16: the case page's round trips are pinned by a test).
 */
export async function cardsOfCaseWithOpenings(
  db: Db,
  caseId: string,
): Promise<(CardRow & { opened: number; last_opened: { user_name: string; at: Date } | null })[]> {
  const rows = await cardsWithOpeningsQuery(db, caseId);
  return rows.map((r) => ({
    ...(r as unknown as CardRow),
    opened: Number(r.opened ?? 0),
    last_opened: r.last_opened
      ? { user_name: r.last_opened.user_name, at: new Date(r.last_opened.at) }
      : null,
  }));
}

export interface AdviceRow {
  id: string;
  text: string;
  at: Date;
  user_name: string;
}

export async function adviceOfCard(db: Db, cardId: string): Promise<AdviceRow[]> {
  return await db
    .selectFrom('card_advice as a')
    .innerJoin('app_user as u', 'u.id', 'a.by_user')
    .select(['a.id', 'a.text', 'a.at', 'u.display_name as user_name'])
    .where('a.card_id', '=', cardId)
    .orderBy('a.at')
    .execute();
}

export interface ChecklistItem {
  document: string;
  done: boolean;
}

export interface ApplicationRow {
  id: string;
  case_id: string;
  card_id: string | null;
  benefit: string;
  filed_by_channel: 'inps_online' | 'patronato' | 'comune' | 'employer' | null;
  filed_on: string | null;
  protocol_number: string | null;
  status: ApplicationStatus;
  amount_granted_cents: number | null;
  checklist: ChecklistItem[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const APP_COLUMNS = [
  'id',
  'case_id',
  'card_id',
  'benefit',
  'filed_by_channel',
  'filed_on',
  'protocol_number',
  'status',
  'amount_granted_cents',
  'checklist',
  'version',
  'created_at',
  'updated_at',
] as const;

function normaliseApp(row: Record<string, unknown>): ApplicationRow {
  const checklist = typeof row.checklist === 'string' ? JSON.parse(row.checklist) : row.checklist;
  return {
    ...(row as unknown as ApplicationRow),
    checklist: Array.isArray(checklist) ? (checklist as ChecklistItem[]) : [],
    amount_granted_cents: row.amount_granted_cents === null ? null : Number(row.amount_granted_cents),
  };
}

export async function applicationById(db: Db, id: string): Promise<ApplicationRow | undefined> {
  const row = await db.selectFrom('application').select(APP_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? normaliseApp(row) : undefined;
}

/** The query of `applicationsOfCase`, compiled once (decision 0069). */
const applicationsOfCaseQuery = prepared((db: Db, caseId: string) =>
  db.selectFrom('application').select(APP_COLUMNS).where('case_id', '=', caseId).orderBy('created_at'),
);

export async function applicationsOfCase(db: Db, caseId: string): Promise<ApplicationRow[]> {
  const rows = await applicationsOfCaseQuery(db, caseId);
  return rows.map(normaliseApp);
}

export async function applicationsOfCard(db: Db, cardId: string): Promise<ApplicationRow[]> {
  const rows = await db
    .selectFrom('application')
    .select(APP_COLUMNS)
    .where('card_id', '=', cardId)
    .orderBy('created_at')
    .execute();
  return rows.map(normaliseApp);
}

export interface EventRow {
  application_id: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  at: string;
  recorded_at: Date;
  note: string | null;
  user_name: string;
}

export async function eventsOf(db: Db, applicationIds: string[]): Promise<EventRow[]> {
  if (applicationIds.length === 0) return [];
  return await db
    .selectFrom('application_event as e')
    .innerJoin('app_user as u', 'u.id', 'e.by_user')
    .select([
      'e.application_id',
      'e.from_status',
      'e.to_status',
      'e.at',
      'e.recorded_at',
      'e.note',
      'u.display_name as user_name',
    ])
    .where('e.application_id', 'in', applicationIds)
    .orderBy('e.recorded_at')
    .execute();
}

/** Whether `territoryId` is `ancestorId` or lies under it. */
export async function territoryWithin(db: Db, territoryId: string, ancestorId: string): Promise<boolean> {
  const row = await sql<{ ok: boolean }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from territory where id = ${territoryId}
      union all
      select t.id, t.parent_id from territory t join up on t.id = up.parent_id
    )
    select exists(select 1 from up where id = ${ancestorId}) as ok`.execute(db);
  return row.rows[0]?.ok === true;
}

export interface SocialRow extends CardRow {
  declaration_id: string | null;
  declared_on: string | null;
  sr208_filed_on: string | null;
  sr208_protocol: string | null;
  declaration_version: number | null;
}

/** Cards of the social worker's territory that involve the Reddito di Libertà (on the card or an application). */
export async function socialCards(
  db: Db,
  o: { orgId: string; territoryId: string; pending: boolean; page: number; pageSize: number },
): Promise<{ rows: SocialRow[]; total: number }> {
  const base = sql`
    with recursive down(id) as (
      select id from territory where id = ${o.territoryId}
      union all
      select t.id from territory t join down on t.parent_id = down.id
    )`;
  const where = sql`
    c.status in ('sent', 'accepted')
    and cav.territory_id in (select id from down)
    and ('reddito_di_liberta' = any(c.benefits)
      or exists (select 1 from application a where a.card_id = c.id and a.benefit = 'reddito_di_liberta'))
    ${o.pending ? sql`and (d.id is null or d.sr208_filed_on is null)` : sql``}`;
  const from = sql`
    from consultation_card c
    join case_file f on f.id = c.case_id
    join organisation cav on cav.id = f.cav_id
    join organisation o on o.id = c.inps_office_id
    left join social_declaration d on d.card_id = c.id and d.ats_or_comune_id = ${o.orgId}`;
  const total = await sql<{ n: string }>`${base} select count(*) as n ${from} where ${where}`.execute(db);
  const rows = await sql<SocialRow>`${base}
    select c.id, c.case_id, c.inps_office_id, o.name as office_name, f.cav_id, cav.name as cav_name,
      cav.territory_id as cav_territory_id, c.code, c.age_band, c.benefits, c.preferred_language,
      c.accessibility_needs, c.note, c.status, c.decline_reason, c.created_at, c.accepted_at,
      null as accepted_by_name, c.last_outcome_at, c.closed_at, c.closing_reason, c.version,
      d.id as declaration_id, d.declared_on, d.sr208_filed_on, d.sr208_protocol, d.version as declaration_version
    ${from} where ${where}
    order by c.created_at desc limit ${o.pageSize} offset ${offsetOf(o.page, o.pageSize)}`.execute(db);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function declarationOf(
  db: Db,
  cardId: string,
  orgId: string,
): Promise<
  | {
      id: string;
      declared_on: string | null;
      declared_by_name: string | null;
      sr208_filed_on: string | null;
      sr208_protocol: string | null;
      version: number;
    }
  | undefined
> {
  return await db
    .selectFrom('social_declaration as d')
    .leftJoin('app_user as u', 'u.id', 'd.declared_by')
    .select([
      'd.id',
      'd.declared_on',
      'u.display_name as declared_by_name',
      'd.sr208_filed_on',
      'd.sr208_protocol',
      'd.version',
    ])
    .where('d.card_id', '=', cardId)
    .where('d.ats_or_comune_id', '=', orgId)
    .executeTakeFirst();
}

export async function declarationsOfCase(
  db: Db,
  caseId: string,
): Promise<
  Array<{
    card_id: string | null;
    org_name: string;
    declared_on: string | null;
    sr208_filed_on: string | null;
    sr208_protocol: string | null;
  }>
> {
  return await db
    .selectFrom('social_declaration as d')
    .innerJoin('organisation as o', 'o.id', 'd.ats_or_comune_id')
    .select(['d.card_id', 'o.name as org_name', 'd.declared_on', 'd.sr208_filed_on', 'd.sr208_protocol'])
    .where('d.case_id', '=', caseId)
    .execute();
}

/** What the INPS officer's card page shows besides the sections of other features. */
export interface InpsCardPageData {
  card: CardRow;
  advice: AdviceRow[];
  apps: ApplicationRow[];
  /** The woman consented on `day` to show her identity to INPS (whether the card is open is the caller's part). */
  identityConsent: boolean;
  /** `userId` opened the card after `openedSince` (her opening is already on record). */
  openedRecently: boolean;
}

/** The one query of `inpsCardPageOf`, compiled once (decision 0069). */
const inpsCardPageQuery = prepared(
  (db: Db, cardId: string, officeId: string, userId: string, day: string, openedSince: Date) =>
    cardQuery(db)
      .select((eb) => [
        jsonArrayFrom(
          eb
            .selectFrom('card_advice as a')
            .innerJoin('app_user as u', 'u.id', 'a.by_user')
            .select(['a.id', 'a.text', 'a.at', 'u.display_name as user_name'])
            .whereRef('a.card_id', '=', 'c.id')
            .orderBy('a.at'),
        ).as('advice'),
        jsonArrayFrom(
          eb
            .selectFrom('application as ap')
            .select(APP_COLUMNS.map((k) => `ap.${k}` as const))
            .whereRef('ap.card_id', '=', 'c.id')
            .orderBy('ap.created_at'),
        ).as('apps'),
        eb
          .exists(
            eb
              .selectFrom('consent as k')
              .select('k.id')
              .whereRef('k.case_id', '=', 'c.case_id')
              .where('k.purpose', '=', 'identity_to_inps')
              .where('k.revoked_at', 'is', null)
              .where('k.given_on', '<=', day)
              .where('k.expires_on', '>=', day),
          )
          .as('identity_consent'),
        eb
          .exists(
            eb
              .selectFrom('card_access as ca')
              .select('ca.id')
              .whereRef('ca.card_id', '=', 'c.id')
              .where('ca.kind', '=', 'opened')
              .where('ca.user_id', '=', userId)
              .where('ca.at', '>', openedSince),
          )
          .as('opened_recently'),
      ])
      .where('c.id', '=', cardId)
      .where('c.inps_office_id', '=', officeId),
);

/**
 * The card of `officeId` with its advice, its applications, whether the identity consent holds on `day` and
 * whether `userId` opened it since `openedSince` — one query whatever their numbers (issue 16: the page's round
 * trips are pinned by a test), each list in the order of its own query above. Undefined for another office's card.
 */
export async function inpsCardPageOf(
  db: Db,
  input: { cardId: string; officeId: string; userId: string; day: string; openedSince: Date },
): Promise<InpsCardPageData | undefined> {
  const [row] = await inpsCardPageQuery(
    db,
    input.cardId,
    input.officeId,
    input.userId,
    input.day,
    input.openedSince,
  );
  if (!row) return undefined;
  const { advice, apps, identity_consent, opened_recently, ...card } = row;
  return {
    card: card as CardRow,
    advice: advice.map((a) => ({ ...a, at: new Date(a.at) })),
    apps: apps.map((a) =>
      normaliseApp({ ...a, created_at: new Date(a.created_at), updated_at: new Date(a.updated_at) }),
    ),
    identityConsent: Boolean(identity_consent),
    openedRecently: Boolean(opened_recently),
  };
}
