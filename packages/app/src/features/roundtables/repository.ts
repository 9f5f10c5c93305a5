import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { OrgKind } from '../../platform/db/schema.ts';
import type { TableRole } from './schema.ts';
import './schema.ts';

// The SQL of the tavoli tecnici (reads; the writes are in service.ts with their audit entries).

export type TableRow = NonNullable<Awaited<ReturnType<typeof tableById>>>;
export type DelegateRow = NonNullable<Awaited<ReturnType<typeof activeDelegation>>>;
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingById>>>;
export type ItemRow = NonNullable<Awaited<ReturnType<typeof itemById>>>;
export type VerbaleRow = NonNullable<Awaited<ReturnType<typeof verbaleOf>>>;
export type ActionRow = NonNullable<Awaited<ReturnType<typeof actionById>>>;

export function tableById(db: Db, id: string) {
  return db
    .selectFrom('roundtable as r')
    .innerJoin('territory as t', 't.id', 'r.territory_id')
    .select([
      'r.id',
      'r.name',
      'r.territory_id',
      't.name as territory_name',
      'r.mailbox',
      'r.freeze_days',
      'r.quorum',
      'r.active',
      'r.version',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export function activeDelegation(db: Db, tableId: string, userId: string) {
  return db
    .selectFrom('roundtable_delegate')
    .select(['id', 'user_id', 'organisation_id', 'role'])
    .where('roundtable_id', '=', tableId)
    .where('user_id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
}

export function territory(db: Db, id: string) {
  return db.selectFrom('territory').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}

export function territories(db: Db) {
  return db.selectFrom('territory').select(['id', 'name', 'kind']).orderBy('kind').orderBy('name').execute();
}

export function organisation(db: Db, id: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active organisations that may sit at a tavolo (never a casa rifugio). */
export function candidateOrgs(db: Db) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('active', '=', true)
    .where('kind', '<>', 'shelter')
    .orderBy('name')
    .execute();
}

/** The organisations that signed a protocol, situated in the territory or in a territory inside it. */
export async function signatoriesIn(db: Db, territoryId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    with recursive t(id) as (
      select id from territory where id = ${territoryId}
      union all select territory.id from territory join t on territory.parent_id = t.id
    )
    select distinct o.id from organisation o
      join protocol_signatory s on s.organisation_id = o.id
    where o.territory_id in (select id from t) and o.active and o.kind <> 'shelter'`.execute(db);
  return r.rows.map((x) => x.id);
}

export function memberOrgs(
  db: Db,
  tableId: string,
): Promise<Array<{ id: string; name: string; kind: OrgKind }>> {
  return db
    .selectFrom('roundtable_org as ro')
    .innerJoin('organisation as o', 'o.id', 'ro.organisation_id')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('ro.roundtable_id', '=', tableId)
    .orderBy('o.name')
    .execute();
}

export function delegates(db: Db, tableId: string) {
  return db
    .selectFrom('roundtable_delegate as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .innerJoin('organisation as o', 'o.id', 'd.organisation_id')
    .select([
      'd.id',
      'd.user_id',
      'd.organisation_id',
      'd.role',
      'd.active',
      'd.added_at',
      'd.deactivated_at',
      'u.display_name',
      'u.email',
      'u.lang',
      'o.name as org_name',
    ])
    .where('d.roundtable_id', '=', tableId)
    .orderBy('d.active', 'desc')
    .orderBy('o.name')
    .orderBy('u.display_name')
    .execute();
}

/** Staff of the member organisations who may be made delegates (active accounts). */
export function delegateCandidates(db: Db, tableId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .innerJoin('roundtable_org as ro', 'ro.organisation_id', 'm.organisation_id')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.user_id', 'm.organisation_id', 'u.display_name', 'o.name as org_name'])
    .distinctOn(['m.user_id', 'm.organisation_id'])
    .where('ro.roundtable_id', '=', tableId)
    .where('u.active', '=', true)
    .orderBy('m.user_id')
    .orderBy('m.organisation_id')
    .execute();
}

/** The people of her organisation she may delegate to attend in her place (active accounts, not herself). */
export function colleagues(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.email'])
    .distinct()
    .where('m.organisation_id', '=', orgId)
    .where('u.active', '=', true)
    .where('u.id', '<>', userId)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .limit(500)
    .execute();
}

/** The tavoli she is an active delegate of. */
export function tablesOf(db: Db, userId: string) {
  return db
    .selectFrom('roundtable_delegate as d')
    .innerJoin('roundtable as r', 'r.id', 'd.roundtable_id')
    .innerJoin('territory as t', 't.id', 'r.territory_id')
    .select(['r.id', 'r.name', 't.name as territory_name', 'd.role', 'r.active'])
    .where('d.user_id', '=', userId)
    .where('d.active', '=', true)
    .orderBy('r.name')
    .execute();
}

export async function allTables(db: Db, page: number, pageSize: number) {
  const rows = await db
    .selectFrom('roundtable as r')
    .innerJoin('territory as t', 't.id', 'r.territory_id')
    .select(['r.id', 'r.name', 't.name as territory_name', 'r.active'])
    .orderBy('r.name')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await db
    .selectFrom('roundtable')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export function meetingById(db: Db, id: string) {
  return db
    .selectFrom('rt_meeting as m')
    .leftJoin('organisation as o', 'o.id', 'm.place_org_id')
    .select([
      'm.id',
      'm.roundtable_id',
      'm.starts_at',
      'm.duration_minutes',
      'm.place_org_id',
      'o.name as place_name',
      'm.video_link',
      'm.status',
      'm.ics_sequence',
      'm.invited_at',
      'm.reminded_at',
      'm.version',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export function upcomingMeetings(db: Db, tableId: string, from: Date) {
  return db
    .selectFrom('rt_meeting as m')
    .leftJoin('organisation as o', 'o.id', 'm.place_org_id')
    .select(['m.id', 'm.starts_at', 'm.status', 'o.name as place_name', 'm.video_link'])
    .where('m.roundtable_id', '=', tableId)
    .where('m.starts_at', '>=', from)
    .orderBy('m.starts_at')
    .limit(20)
    .execute();
}

export async function pastMeetings(db: Db, tableId: string, before: Date, page: number, pageSize: number) {
  const rows = await db
    .selectFrom('rt_meeting as m')
    .leftJoin('rt_verbale as v', 'v.meeting_id', 'm.id')
    .select(['m.id', 'm.starts_at', 'm.status', 'v.year', 'v.number', 'v.state', 'v.revision'])
    .where('m.roundtable_id', '=', tableId)
    .where('m.starts_at', '<', before)
    .orderBy('m.starts_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await db
    .selectFrom('rt_meeting')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('roundtable_id', '=', tableId)
    .where('starts_at', '<', before)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export function nextMeetingAfter(db: Db, tableId: string, after: Date) {
  return db
    .selectFrom('rt_meeting')
    .select(['id', 'starts_at'])
    .where('roundtable_id', '=', tableId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', after)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
}

/** The last meeting held before `before` (not cancelled). */
export function previousMeeting(db: Db, tableId: string, before: Date) {
  return db
    .selectFrom('rt_meeting')
    .select(['id', 'starts_at'])
    .where('roundtable_id', '=', tableId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', before)
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function itemById(db: Db, id: string) {
  return db
    .selectFrom('rt_item')
    .select(['id', 'meeting_id', 'position', 'kind', 'title', 'proposing_org_id', 'added_by', 'summary'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function itemsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('rt_item as i')
    .leftJoin('organisation as o', 'o.id', 'i.proposing_org_id')
    .select([
      'i.id',
      'i.position',
      'i.kind',
      'i.title',
      'i.added_at',
      'i.added_by',
      'i.late_reason',
      'i.summary',
      'o.name as org_name',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .execute();
}

export function attachmentsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('rt_attachment as a')
    .innerJoin('rt_item as i', 'i.id', 'a.item_id')
    .select(['a.id', 'a.item_id', 'a.title', 'a.filename', 'a.content_type', 'a.size_bytes', 'a.uploaded_at'])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('a.uploaded_at')
    .execute();
}

export function attachment(db: Db, id: string) {
  return db
    .selectFrom('rt_attachment as a')
    .innerJoin('rt_item as i', 'i.id', 'a.item_id')
    .innerJoin('rt_meeting as m', 'm.id', 'i.meeting_id')
    .select(['a.id', 'a.filename', 'a.content_type', 'a.content', 'm.roundtable_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** The active delegates, and whoever has an attendance row for the meeting, with it. */
export function delegatesForMeeting(db: Db, tableId: string, meetingId: string) {
  return db
    .selectFrom('roundtable_delegate as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .innerJoin('organisation as o', 'o.id', 'd.organisation_id')
    .leftJoin('rt_attendance as a', (j) =>
      j.onRef('a.user_id', '=', 'd.user_id').on('a.meeting_id', '=', meetingId),
    )
    .select([
      'd.user_id',
      'd.organisation_id',
      'd.role',
      'u.display_name',
      'o.name as org_name',
      'a.rsvp',
      'a.rsvp_delegate',
      'a.rsvp_delegate_user',
      'a.rsvp_sequence',
      'a.status',
      'a.arrived',
      'a.left_at',
    ])
    .where('d.roundtable_id', '=', tableId)
    .where((eb) => eb.or([eb('d.active', '=', true), eb('a.user_id', 'is not', null)]))
    .orderBy('o.name')
    .orderBy('u.display_name')
    .execute();
}

/** Member organisations with a voting delegate marked present. */
export async function presentOrgs(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('rt_attendance as a')
    .innerJoin('rt_meeting as m', 'm.id', 'a.meeting_id')
    .innerJoin('roundtable_delegate as d', (j) =>
      j.onRef('d.user_id', '=', 'a.user_id').onRef('d.roundtable_id', '=', 'm.roundtable_id'),
    )
    .select('a.organisation_id')
    .distinct()
    .where('a.meeting_id', '=', meetingId)
    .where('a.status', '=', 'present')
    .where('d.role', '<>', 'invitata')
    .execute();
  return rows.map((r) => r.organisation_id);
}

export async function wasPresent(db: Db, meetingId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('rt_attendance')
    .select('user_id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .where('status', '=', 'present')
    .executeTakeFirst();
  return r !== undefined;
}

export function verbaleOf(db: Db, meetingId: string) {
  return db
    .selectFrom('rt_verbale as v')
    .leftJoin('app_user as c', 'c.id', 'v.chair_signed_by')
    .leftJoin('app_user as s', 's.id', 'v.secretary_signed_by')
    .select([
      'v.id',
      'v.meeting_id',
      'v.roundtable_id',
      'v.year',
      'v.number',
      'v.state',
      'v.amend_until',
      'v.approved_on',
      'v.approved_meeting_id',
      'v.chair_signed_by',
      'v.chair_signed_at',
      'c.display_name as chair_name',
      'v.secretary_signed_by',
      'v.secretary_signed_at',
      's.display_name as secretary_name',
      'v.pdf',
      'v.pdf_sha256',
      'v.revision',
      'v.correction_reason',
      'v.version',
    ])
    .where('v.meeting_id', '=', meetingId)
    .executeTakeFirst();
}

export function decisionsOfItem(db: Db, itemId: string) {
  return db.selectFrom('rt_decision').select(['id', 'text']).where('item_id', '=', itemId).execute();
}

export function decisionsOfMeeting(db: Db, meetingId: string) {
  return db
    .selectFrom('rt_decision as d')
    .innerJoin('rt_item as i', 'i.id', 'd.item_id')
    .select([
      'd.id',
      'd.item_id',
      'd.text',
      'd.voted',
      'd.favour',
      'd.against',
      'd.abstaining',
      'd.dissenting',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('d.created_at')
    .execute();
}

const actionColumns = [
  'x.id',
  'x.roundtable_id',
  'x.item_id',
  'x.decision_id',
  'x.what',
  'x.owner_org_id',
  'o.name as owner_org_name',
  'x.owner_user_id',
  'u.display_name as owner_name',
  'x.due_on',
  'x.review_on',
  'r.done_at as review_done_at',
  'x.status',
  'x.progress',
  'x.version',
] as const;

function actions(db: Db) {
  return db
    .selectFrom('rt_action as x')
    .innerJoin('organisation as o', 'o.id', 'x.owner_org_id')
    .innerJoin('app_user as u', 'u.id', 'x.owner_user_id')
    .leftJoin('rt_due as r', 'r.action_id', 'x.id')
    .select([...actionColumns]);
}

export function actionById(db: Db, id: string) {
  return actions(db).where('x.id', '=', id).executeTakeFirst();
}

export function actionsOfMeeting(db: Db, meetingId: string) {
  return actions(db)
    .innerJoin('rt_item as i', 'i.id', 'x.item_id')
    .where('i.meeting_id', '=', meetingId)
    .orderBy('x.created_at')
    .execute();
}

/** The open actions of a tavolo (aperta, in corso), by organisation and due date. */
export function openActions(db: Db, tableId: string) {
  return actions(db)
    .where('x.roundtable_id', '=', tableId)
    .where('x.status', 'in', ['aperta', 'in_corso'])
    .orderBy('o.name')
    .orderBy('x.due_on')
    .execute();
}

export function actionNotes(db: Db, actionId: string) {
  return db
    .selectFrom('rt_action_note as n')
    .innerJoin('app_user as u', 'u.id', 'n.noted_by')
    .select(['n.id', 'n.status', 'n.progress', 'n.note', 'n.noted_at', 'u.display_name'])
    .where('n.action_id', '=', actionId)
    .orderBy('n.noted_at', 'desc')
    .execute();
}

/** A page of the decisions of the tavolo, newest first, each with the mean progress of its actions (null: none). */
export async function decisionsWithProgress(db: Db, tableId: string, page: number, pageSize: number) {
  const rows = await db
    .selectFrom('rt_decision as d')
    .innerJoin('rt_item as i', 'i.id', 'd.item_id')
    .innerJoin('rt_meeting as m', 'm.id', 'i.meeting_id')
    .leftJoin('rt_action as x', (j) =>
      j.onRef('x.decision_id', '=', 'd.id').on('x.status', '<>', 'annullata'),
    )
    .select([
      'd.id',
      'd.text',
      'm.id as meeting_id',
      'm.starts_at',
      sql<string | null>`avg(x.progress)`.as('progress'),
      sql<string>`count(x.id)`.as('actions'),
    ])
    .where('m.roundtable_id', '=', tableId)
    .groupBy(['d.id', 'd.text', 'd.created_at', 'm.id', 'm.starts_at'])
    .orderBy('m.starts_at', 'desc')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await db
    .selectFrom('rt_decision as d')
    .innerJoin('rt_item as i', 'i.id', 'd.item_id')
    .innerJoin('rt_meeting as m', 'm.id', 'i.meeting_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('m.roundtable_id', '=', tableId)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** A page of the open actions of a tavolo, by organisation and due date; `overdue` counts all of them past due. */
export async function openActionsPage(
  db: Db,
  tableId: string,
  today: string,
  page: number,
  pageSize: number,
) {
  const rows = await actions(db)
    .where('x.roundtable_id', '=', tableId)
    .where('x.status', 'in', ['aperta', 'in_corso'])
    .orderBy('o.name')
    .orderBy('x.due_on')
    .orderBy('x.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await db
    .selectFrom('rt_action')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      sql<string>`count(*) filter (where due_on < ${today})`.as('overdue'),
    ])
    .where('roundtable_id', '=', tableId)
    .where('status', 'in', ['aperta', 'in_corso'])
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n), overdue: Number(count.overdue) };
}

export function amendmentsOf(db: Db, verbaleId: string) {
  return db
    .selectFrom('rt_amendment as a')
    .innerJoin('app_user as u', 'u.id', 'a.author_id')
    .leftJoin('rt_item as i', 'i.id', 'a.item_id')
    .select(['a.id', 'a.text', 'a.created_at', 'u.display_name', 'i.position'])
    .where('a.verbale_id', '=', verbaleId)
    .orderBy('a.created_at')
    .execute();
}

export function revisionsOf(db: Db, verbaleId: string) {
  return db
    .selectFrom('rt_verbale_revision')
    .select(['revision', 'replaced_reason', 'replaced_at', 'pdf_sha256'])
    .where('verbale_id', '=', verbaleId)
    .orderBy('revision')
    .execute();
}

export function revision(db: Db, verbaleId: string, revision: number) {
  return db
    .selectFrom('rt_verbale_revision')
    .select(['revision', 'content', 'replaced_reason', 'replaced_at', 'pdf', 'pdf_sha256'])
    .where('verbale_id', '=', verbaleId)
    .where('revision', '=', revision)
    .executeTakeFirst();
}

/** Which verbale of the tavolo (current or an earlier version) a PDF's SHA-256 is. */
export async function verbaleBySha(db: Db, tableId: string, sha: string) {
  const current = await db
    .selectFrom('rt_verbale')
    .select(['meeting_id', 'year', 'number', 'revision'])
    .where('roundtable_id', '=', tableId)
    .where('pdf_sha256', '=', sha)
    .executeTakeFirst();
  if (current) return { ...current, superseded: false };
  const old = await db
    .selectFrom('rt_verbale_revision as r')
    .innerJoin('rt_verbale as v', 'v.id', 'r.verbale_id')
    .select(['v.meeting_id', 'v.year', 'v.number', 'r.revision'])
    .where('v.roundtable_id', '=', tableId)
    .where('r.pdf_sha256', '=', sha)
    .executeTakeFirst();
  return old ? { ...old, superseded: true } : undefined;
}

export function snapshotsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('rt_snapshot')
    .select(['id', 'title', 'taken_at', 'columns', 'rows'])
    .where('meeting_id', '=', meetingId)
    .orderBy('attached_at')
    .execute();
}

/**
 * What the home tile says to a delegate: her open and overdue actions, the due items their review dates raised
 * (open, from their day on), her next meeting; and what is hers today — the reviews due and the overdue actions, a
 * few of each, with their tavolo.
 */
export async function homeFacts(db: Db, userId: string, today: string, now: Date) {
  const mine = await db
    .selectFrom('rt_action as x')
    .innerJoin('roundtable_delegate as d', (j) =>
      j.onRef('d.roundtable_id', '=', 'x.roundtable_id').onRef('d.user_id', '=', 'x.owner_user_id'),
    )
    .innerJoin('roundtable as t', 't.id', 'x.roundtable_id')
    .leftJoin('rt_due as r', (j) => j.onRef('r.action_id', '=', 'x.id').on('r.done_at', 'is', null))
    .select(['x.what', 'x.due_on', 'r.due_on as review_due', 't.name as table_name'])
    .where('x.owner_user_id', '=', userId)
    .where('d.active', '=', true)
    .where('x.status', 'in', ['aperta', 'in_corso'])
    .orderBy('x.due_on')
    .execute();
  const next = await db
    .selectFrom('rt_meeting as m')
    .innerJoin('roundtable_delegate as d', 'd.roundtable_id', 'm.roundtable_id')
    .innerJoin('roundtable as r', 'r.id', 'm.roundtable_id')
    .select(['m.starts_at', 'r.name'])
    .where('d.user_id', '=', userId)
    .where('d.active', '=', true)
    .where('m.status', '=', 'scheduled')
    .where('m.starts_at', '>=', now)
    .orderBy('m.starts_at')
    .limit(1)
    .executeTakeFirst();
  const overdue = mine.filter((x) => x.due_on < today);
  const review = mine.filter((x) => x.review_due !== null && x.review_due <= today);
  return { open: mine.length, overdue, review, next };
}

/** Meetings starting within the window, invited and not yet reminded (the reminder job). */
export function meetingsToRemind(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('rt_meeting')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('invited_at', 'is not', null)
    .where('reminded_at', 'is', null)
    .where('starts_at', '>', from)
    .where('starts_at', '<=', to)
    .execute();
}

export type { TableRole };
