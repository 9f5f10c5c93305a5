import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { auditBy } from '../../platform/audit/audit.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import { openTotpSecret } from '../../platform/auth/totp-secret.ts';
import { now as clockNow, nowMs, todayInRome, todayIso, ZONE } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { PonteError } from '../../platform/errors.ts';
import { checkDate, FIRST_DAY, LAST_DAY } from '../../platform/forms/date.ts';
import { acceptedTypes } from '../../platform/forms/file-types.ts';
import { checkText, messageRef } from '../../platform/forms/text.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { findPii, type PiiFinding } from '../cases/index.ts';
import { isItalianHoliday } from '../desks/index.ts';
import { IcsError, type IcsReply, parseIcsReply } from './ics-reply.ts';
import * as repo from './repository.ts';
import type { ActionStatus, ItemKind, TableRole } from './schema.ts';

// Tavoli tecnici (issue 13): the decisions of the feature. SQL reads are in repository.ts, HTTP in routes.tsx.
// Every write runs in one transaction with its audit entry; free text that circulates passes the PII guard.

export interface Ctx {
  userId: string;
  orgId: string;
  ip?: string | null;
  requestId?: string | null;
}

/** Field name → message reference (the routes translate). */
export type Errors = Record<string, string>;

export class FormError extends Error {
  constructor(
    readonly errors: Errors,
    readonly findings: Record<string, PiiFinding[]> = {},
    /** 409: someone else changed the record meanwhile (nothing was written). */
    readonly conflict = false,
  ) {
    super('form');
  }
}

export const TABLE_ROLES = [
  'presidente',
  'segretaria',
  'componente',
  'invitata',
] as const satisfies readonly TableRole[];
export const ACTION_STATUSES = [
  'aperta',
  'in_corso',
  'completata',
  'annullata',
] as const satisfies readonly ActionStatus[];
export const ATTENDANCE = ['present', 'absent', 'excused'] as const;
export const RSVP = ['present', 'absent', 'delegating'] as const;
export type Rsvp = (typeof RSVP)[number];
export const MAX_UPLOAD = 20 * 1024 * 1024;
/** What an attachment may be, read from its content (never its name): PDF, office documents, images. */
export const ALLOWED_TYPES = acceptedTypes('pdf png jpg webp docx xlsx pptx odt ods odp cfb');

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);
const notFound = () => new PonteError('PONTE_ERR_NOT_FOUND');
const forbidden = () => new PonteError('PONTE_ERR_FORBIDDEN');

// ── Who may see and do what in a tavolo ─────────────────────────────────────────────────────────────────────

export interface TableAccess {
  table: repo.TableRow;
  /** Her active delegation to this tavolo. */
  delegate: repo.DelegateRow;
  role: TableRole;
}

/** The chair and the secretary run the tavolo's meetings and its register. */
export const runs = (a: TableAccess) => a.role === 'presidente' || a.role === 'segretaria';
/** Members with a vote may propose agenda items; a guest (invitata) only reads and answers invitations. */
export const proposes = (a: TableAccess) => a.role !== 'invitata';

/** The tavolo as its delegate sees it; anyone who is not an active delegate gets 404 (she cannot tell it exists). */
export async function tableFor(db: Db, id: string, userId: string): Promise<TableAccess> {
  if (!isUuid(id)) throw notFound();
  const table = await repo.tableById(db, id);
  if (!table) throw notFound();
  const delegate = await repo.activeDelegation(db, id, userId);
  if (!delegate) throw notFound();
  return { table, delegate, role: delegate.role };
}

/** A tavolo for its administration (roundtables.manage): any tavolo of the network. */
export async function tableForAdmin(db: Db, id: string): Promise<repo.TableRow> {
  const table = isUuid(id) ? await repo.tableById(db, id) : undefined;
  if (!table) throw notFound();
  return table;
}

export async function meetingOf(db: Db, a: TableAccess, meetingId: string): Promise<repo.MeetingRow> {
  const m = isUuid(meetingId) ? await repo.meetingById(db, meetingId) : undefined;
  if (!m || m.roundtable_id !== a.table.id) throw notFound();
  return m;
}

export function requireRuns(a: TableAccess): void {
  if (!runs(a)) throw forbidden();
}

// ── Shared checks ───────────────────────────────────────────────────────────────────────────────────────────

function text(
  errors: Errors,
  findings: Record<string, PiiFinding[]>,
  name: string,
  raw: unknown,
  o: { max: number; multiline?: boolean; required?: string; pii?: boolean },
): string {
  const r = checkText(raw, { max: o.max, multiline: o.multiline });
  if (r.error) errors[name] = r.error;
  else if (o.required && r.value === '') errors[name] = o.required;
  else if (o.pii && r.value) {
    const found = findPii(r.value);
    if (found.length) {
      errors[name] = 'roundtables.err.pii';
      findings[name] = found;
    }
  }
  return r.value;
}

function fail(errors: Errors, findings: Record<string, PiiFinding[]> = {}): void {
  if (Object.keys(errors).length) throw new FormError(errors, findings);
}

const one = (v: unknown): string | undefined =>
  Array.isArray(v) ? v[0] : typeof v === 'string' ? v : undefined;

/** A whole number of a form field within [min, max], or an error. */
function int(raw: unknown, min: number, max: number): number | null {
  const s = (one(raw) ?? '').trim();
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** A time of day typed as HH:MM. */
export function readTime(raw: unknown): Temporal.PlainTime | null {
  const s = (one(raw) ?? '').trim();
  if (!/^\d{1,2}[:.]\d{2}$/.test(s)) return null;
  const [h, m] = s.split(/[:.]/).map(Number) as [number, number];
  if (h > 23 || m > 59) return null;
  return Temporal.PlainTime.from({ hour: h, minute: m });
}

const hhmm = (t: Temporal.PlainTime) => t.toString({ smallestUnit: 'minute' });

/** The Italian time of day of an instant, HH:MM. */
export function romeTime(at: Date): string {
  return hhmm(Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(ZONE).toPlainTime());
}

/** The Italian date of an instant. */
export function romeDate(at: Date): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(ZONE).toPlainDate();
}

/**
 * The agenda of a meeting freezes `freeze_days` days before it starts (in Italy's calendar and clock): with 0, once
 * the meeting has begun.
 */
export function isFrozen(table: { freeze_days: number }, meeting: { starts_at: Date }, now = nowMs()) {
  const start = Temporal.Instant.fromEpochMilliseconds(meeting.starts_at.getTime()).toZonedDateTimeISO(ZONE);
  return now >= start.subtract({ days: table.freeze_days }).epochMilliseconds;
}

/** How many member organisations must be present: the tavolo's setting, or half of the members (rounded up). */
export function quorumOf(table: { quorum: number | null }, memberCount: number): number {
  return table.quorum ?? Math.max(1, Math.ceil(memberCount / 2));
}

// ── Administration (network admin) ─────────────────────────────────────────────────────────────────────────

export interface TableInput {
  name?: string;
  territory_id?: string;
  mailbox?: string;
  freeze_days?: string;
  quorum?: string;
  version?: string;
}

async function readTableInput(db: Db, input: TableInput, memberCount: number) {
  const errors: Errors = {};
  const findings: Record<string, PiiFinding[]> = {};
  const name = text(errors, findings, 'name', input.name, { max: 200, required: 'roundtables.err.name' });
  const territory = input.territory_id ? await repo.territory(db, input.territory_id) : undefined;
  if (!territory) errors.territory_id = 'roundtables.err.territory';
  const mailbox = text(errors, findings, 'mailbox', input.mailbox, {
    max: 254,
    required: 'roundtables.err.mailbox',
  });
  if (mailbox && !errors.mailbox && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mailbox))
    errors.mailbox = 'roundtables.err.mailbox';
  const freeze = (input.freeze_days ?? '').trim() === '' ? 7 : int(input.freeze_days, 0, 60);
  if (freeze === null) errors.freeze_days = 'roundtables.err.freeze';
  let quorum: number | null = null;
  if ((input.quorum ?? '').trim() !== '') {
    quorum = int(input.quorum, 1, 1000);
    if (quorum === null) errors.quorum = 'roundtables.err.quorum';
    else if (quorum > memberCount)
      errors.quorum = messageRef('roundtables.err.quorumAbove', { n: memberCount });
  }
  fail(errors, findings);
  return { name, territory_id: territory!.id, mailbox, freeze_days: freeze!, quorum };
}

export async function createTable(db: Db, input: TableInput, ctx: Ctx): Promise<string> {
  // A new tavolo has no member yet: the quorum is set once organisations are there.
  const v = await readTableInput(db, { ...input, quorum: '' }, 0);
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('roundtable')
      .values({ id, ...v, created_by: ctx.userId })
      .execute();
    // By default the members are the protocol's signatories of that territory (and of the territories in it).
    const signatories = await repo.signatoriesIn(tx, v.territory_id);
    if (signatories.length)
      await tx
        .insertInto('roundtable_org')
        .values(signatories.map((o) => ({ roundtable_id: id, organisation_id: o })))
        .execute();
    await auditBy(tx, ctx, 'roundtable.created', 'roundtable', id, { members: signatories.length });
  });
  return id;
}

export async function updateTable(db: Db, table: repo.TableRow, input: TableInput, ctx: Ctx): Promise<void> {
  const members = (await repo.memberOrgs(db, table.id)).length;
  const v = await readTableInput(db, input, members);
  const version = int(input.version, 0, 1_000_000);
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('roundtable')
      .set({ ...v, version: sql`version + 1` })
      .where('id', '=', table.id)
      .where('version', '=', version ?? -1)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new FormError({ name: 'roundtables.err.conflict' }, {}, true);
    await auditBy(tx, ctx, 'roundtable.updated', 'roundtable', table.id);
  });
}

export async function setActive(db: Db, table: repo.TableRow, active: boolean, ctx: Ctx): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('roundtable')
      .set({ active, version: sql`version + 1` })
      .where('id', '=', table.id)
      .execute();
    await auditBy(
      tx,
      ctx,
      active ? 'roundtable.reactivated' : 'roundtable.deactivated',
      'roundtable',
      table.id,
    );
  });
}

export async function addOrg(
  db: Db,
  table: repo.TableRow,
  orgId: string | undefined,
  ctx: Ctx,
): Promise<void> {
  const org = isUuid(orgId) ? await repo.organisation(db, orgId) : undefined;
  if (!org?.active) throw new FormError({ organisation_id: 'roundtables.err.org' });
  if (org.kind === 'shelter') throw new FormError({ organisation_id: 'roundtables.err.orgShelter' });
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('roundtable_org')
      .values({ roundtable_id: table.id, organisation_id: org.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await auditBy(tx, ctx, 'roundtable.org_added', 'roundtable', table.id, { organisation: org.id });
  });
}

export async function removeOrg(db: Db, table: repo.TableRow, orgId: string, ctx: Ctx): Promise<void> {
  if (!isUuid(orgId)) throw notFound();
  const active = await repo.delegates(db, table.id);
  if (active.some((d) => d.organisation_id === orgId && d.active))
    throw new FormError({ organisation_id: 'roundtables.err.orgHasDelegates' });
  const members = await repo.memberOrgs(db, table.id);
  if (table.quorum !== null && table.quorum > members.length - 1)
    throw new FormError({ organisation_id: 'roundtables.err.orgQuorum' });
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('roundtable_org')
      .where('roundtable_id', '=', table.id)
      .where('organisation_id', '=', orgId)
      .execute();
    await auditBy(tx, ctx, 'roundtable.org_removed', 'roundtable', table.id, { organisation: orgId });
  });
}

export async function addDelegate(
  db: Db,
  table: repo.TableRow,
  input: { user_id?: string; role?: string },
  ctx: Ctx,
): Promise<void> {
  const errors: Errors = {};
  const role = TABLE_ROLES.find((r) => r === input.role);
  if (!role) errors.role = 'roundtables.err.role';
  const candidates = await repo.delegateCandidates(db, table.id);
  const person = candidates.find((c) => c.user_id === input.user_id);
  if (!person) errors.user_id = 'roundtables.err.person';
  else if ((await repo.activeDelegation(db, table.id, person.user_id)) !== undefined)
    errors.user_id = 'roundtables.err.already';
  fail(errors);
  await db.transaction().execute(async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('roundtable_delegate')
      .values({
        id,
        roundtable_id: table.id,
        user_id: person!.user_id,
        organisation_id: person!.organisation_id,
        role: role!,
        added_by: ctx.userId,
      })
      .execute();
    await auditBy(tx, ctx, 'roundtable.delegate_added', 'roundtable', table.id, { delegate: id, role });
  });
}

export async function deactivateDelegate(
  db: Db,
  table: repo.TableRow,
  delegateId: string,
  ctx: Ctx,
): Promise<void> {
  if (!isUuid(delegateId)) throw notFound();
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('roundtable_delegate')
      .set({ active: false, deactivated_at: clockNow(), deactivated_by: ctx.userId })
      .where('id', '=', delegateId)
      .where('roundtable_id', '=', table.id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound();
    await auditBy(tx, ctx, 'roundtable.delegate_deactivated', 'roundtable', table.id, {
      delegate: delegateId,
    });
  });
}

// ── Meetings ───────────────────────────────────────────────────────────────────────────────────────────────

export interface MeetingInput {
  date?: string;
  time?: string;
  duration?: string;
  place_org_id?: string;
  video_link?: string;
  confirm?: string;
  version?: string;
}

/** The checks of a meeting form; `warnings` (past date, public holiday) need her confirmation. */
async function readMeeting(db: Db, a: TableAccess, input: MeetingInput) {
  const errors: Errors = {};
  const d = checkDate(input.date, { min: FIRST_DAY, max: LAST_DAY }, { required: 'roundtables.err.date' });
  if (!d.ok) errors.date = d.error;
  const time = readTime(input.time);
  if (!time) errors.time = 'roundtables.err.time';
  const duration = int(input.duration, 15, 600);
  if (duration === null) errors.duration = 'roundtables.err.duration';
  let place: string | null = null;
  if (input.place_org_id) {
    const members = await repo.memberOrgs(db, a.table.id);
    const org = members.find((o) => o.id === input.place_org_id);
    // Never a casa rifugio: its address is secret (product.md); refused even if it were a member.
    if (!org || org.kind === 'shelter')
      errors.place_org_id =
        org?.kind === 'shelter' ? 'roundtables.err.placeShelter' : 'roundtables.err.place';
    else place = org.id;
  }
  const link = checkText(input.video_link, { max: 500 });
  let video: string | null = null;
  if (link.error) errors.video_link = link.error;
  else if (link.value) {
    try {
      const u = new URL(link.value);
      if (u.protocol !== 'https:') throw new Error('scheme');
      video = u.toString();
    } catch {
      errors.video_link = 'roundtables.err.video';
    }
  }
  if (!place && !video && !errors.place_org_id && !errors.video_link)
    errors.place_org_id = 'roundtables.err.where';
  fail(errors);
  const date = (d as { date: Temporal.PlainDate }).date;
  const zdt = date.toPlainDateTime(time!).toZonedDateTime(ZONE);
  const startsAt = new Date(zdt.epochMilliseconds);
  const past = startsAt.getTime() < nowMs();
  const holiday = isItalianHoliday(date);
  // A past date or a public holiday is allowed, once she confirms it (the form then shows the confirmation box).
  if ((past || holiday) && input.confirm !== '1') {
    throw new FormError({
      date:
        past && holiday
          ? 'roundtables.warn.pastHoliday'
          : past
            ? 'roundtables.warn.past'
            : 'roundtables.warn.holiday',
    });
  }
  return { startsAt, duration: duration!, place, video };
}

export async function createMeeting(db: Db, a: TableAccess, input: MeetingInput, ctx: Ctx): Promise<string> {
  requireRuns(a);
  if (!a.table.active) throw new FormError({ date: 'roundtables.err.inactive' });
  const v = await readMeeting(db, a, input);
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('rt_meeting')
      .values({
        id,
        roundtable_id: a.table.id,
        starts_at: v.startsAt,
        duration_minutes: v.duration,
        place_org_id: v.place,
        video_link: v.video,
        created_by: ctx.userId,
      })
      .execute();
    // Every agenda starts with the approval of the previous verbale and the state of the open actions.
    await tx
      .insertInto('rt_item')
      .values([
        {
          id: randomUUID(),
          meeting_id: id,
          position: 1,
          kind: 'verbale',
          title: 'Approvazione del verbale della seduta precedente',
        },
        { id: randomUUID(), meeting_id: id, position: 2, kind: 'azioni', title: 'Stato delle azioni aperte' },
      ])
      .execute();
    await auditBy(tx, ctx, 'roundtable.meeting_created', 'rt_meeting', id, { roundtable: a.table.id });
  });
  return id;
}

export async function updateMeeting(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  input: MeetingInput,
  ctx: Ctx,
): Promise<void> {
  requireRuns(a);
  if (m.status === 'cancelled') throw new FormError({ date: 'roundtables.err.cancelled' });
  const v = await readMeeting(db, a, input);
  const version = int(input.version, 0, 1_000_000);
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('rt_meeting')
      .set({
        starts_at: v.startsAt,
        duration_minutes: v.duration,
        place_org_id: v.place,
        video_link: v.video,
        ics_sequence: sql`ics_sequence + 1`,
        reminded_at: null,
        version: sql`version + 1`,
      })
      .where('id', '=', m.id)
      .where('version', '=', version ?? -1)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new FormError({ date: 'roundtables.err.conflict' }, {}, true);
    // Those already invited get the update: same UID, higher SEQUENCE.
    if (m.invited_at) await enqueue(tx, 'roundtables.invite', { meeting: m.id, method: 'REQUEST' });
    await auditBy(tx, ctx, 'roundtable.meeting_updated', 'rt_meeting', m.id);
  });
}

export async function cancelMeeting(db: Db, a: TableAccess, m: repo.MeetingRow, ctx: Ctx): Promise<void> {
  requireRuns(a);
  if (m.status === 'cancelled') return;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('rt_meeting')
      .set({ status: 'cancelled', ics_sequence: sql`ics_sequence + 1`, version: sql`version + 1` })
      .where('id', '=', m.id)
      .execute();
    if (m.invited_at) await enqueue(tx, 'roundtables.invite', { meeting: m.id, method: 'CANCEL' });
    await auditBy(tx, ctx, 'roundtable.meeting_cancelled', 'rt_meeting', m.id);
  });
}

export async function invite(db: Db, a: TableAccess, m: repo.MeetingRow, ctx: Ctx): Promise<void> {
  requireRuns(a);
  if (m.status === 'cancelled') throw new FormError({ invite: 'roundtables.err.cancelled' });
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('rt_meeting').set({ invited_at: clockNow() }).where('id', '=', m.id).execute();
    await enqueue(tx, 'roundtables.invite', { meeting: m.id, method: 'REQUEST' });
    await auditBy(tx, ctx, 'roundtable.invitation_sent', 'rt_meeting', m.id);
  });
}

export async function answerInvitation(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  input: { rsvp?: string; rsvp_delegate?: string },
  ctx: Ctx,
): Promise<void> {
  const errors: Errors = {};
  const rsvp = RSVP.find((r) => r === input.rsvp);
  if (!rsvp) errors.rsvp = 'roundtables.err.rsvp';
  // Delegating, she names a person of her organisation (an account of it, not herself).
  let delegate: { id: string; display_name: string } | undefined;
  if (rsvp === 'delegating') {
    const people = await repo.colleagues(db, a.delegate.organisation_id, ctx.userId);
    delegate = people.find((p) => p.id === input.rsvp_delegate);
    if (!delegate) errors.rsvp_delegate = 'roundtables.err.rsvpDelegate';
  }
  if (m.status === 'cancelled') errors.rsvp = 'roundtables.err.cancelled';
  fail(errors, {});
  await db.transaction().execute(async (tx) => {
    await recordAnswer(tx, m.id, ctx.userId, a.delegate.organisation_id, rsvp!, delegate ?? null, null);
    await auditBy(tx, ctx, 'roundtable.rsvp', 'rt_meeting', m.id, { rsvp });
  });
}

/** Her answer to the invitation, from Ponte (`sequence` null) or from her calendar's reply (the SEQUENCE it answered). */
export async function recordAnswer(
  tx: Db,
  meetingId: string,
  userId: string,
  orgId: string,
  rsvp: Rsvp,
  delegate: { id: string; display_name: string } | null,
  sequence: number | null,
): Promise<void> {
  const answer = {
    rsvp,
    rsvp_delegate: delegate?.display_name ?? null,
    rsvp_delegate_user: delegate?.id ?? null,
    rsvp_sequence: sequence,
    rsvp_at: clockNow(),
  };
  await tx
    .insertInto('rt_attendance')
    .values({ meeting_id: meetingId, user_id: userId, organisation_id: orgId, ...answer })
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet(answer))
    .execute();
}

// ── Calendar replies (iMIP METHOD:REPLY) ──────────────────────────────────────────────────────────────────

const PARTSTAT: Record<string, Rsvp> = { ACCEPTED: 'present', DECLINED: 'absent', DELEGATED: 'delegating' };

/**
 * A delegate's calendar reply that reached the tavolo's mailbox, given to Ponte by the chair or the secretary: its
 * UID names a meeting of this tavolo, its SEQUENCE the invitation as last sent, its one ATTENDEE an active delegate
 * (by address); PARTSTAT becomes her answer — ACCEPTED present, DECLINED absent, DELEGATED delegating the person of
 * her organisation named by DELEGATED-TO. Anything else is refused with its reason, next to the field.
 */
export async function importCalendarReply(
  db: Db,
  a: TableAccess,
  raw: string,
  field: string,
  ctx: Ctx,
): Promise<{ name: string; rsvp: Rsvp; delegate: string | null; startsAt: Date; meetingId: string }> {
  requireRuns(a);
  const refuse = (key: string, params: Record<string, string | number> = {}): never => {
    throw new FormError({ [field]: messageRef(key, params) });
  };
  if (raw.trim() === '') refuse('roundtables.ics.err.missing');
  let reply: IcsReply;
  try {
    reply = parseIcsReply(raw);
  } catch (e) {
    if (e instanceof IcsError) return refuse(e.key, e.params);
    throw e;
  }
  if (reply.method !== 'REPLY') refuse('roundtables.ics.err.method', { method: reply.method || '—' });
  const id = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@ponte-tavoli$/i.exec(
    reply.uid,
  )?.[1];
  const m = id ? await repo.meetingById(db, id.toLowerCase()) : undefined;
  if (!m || m.roundtable_id !== a.table.id)
    return refuse('roundtables.ics.err.uid', { uid: reply.uid.slice(0, 120) });
  if (m.status === 'cancelled') refuse('roundtables.ics.err.cancelled');
  if (!m.invited_at) refuse('roundtables.ics.err.notInvited');
  if (reply.sequence !== m.ics_sequence)
    refuse(
      reply.sequence < m.ics_sequence
        ? 'roundtables.ics.err.oldSequence'
        : 'roundtables.ics.err.sequenceUnknown',
      {
        got: reply.sequence,
        current: m.ics_sequence,
      },
    );
  if (reply.attendees.length !== 1) refuse('roundtables.ics.err.attendees', { n: reply.attendees.length });
  const att = reply.attendees[0]!;
  const people = (await repo.delegates(db, a.table.id)).filter((d) => d.active && d.email);
  const who = people.find((d) => d.email!.toLowerCase() === att.email);
  if (!who) return refuse('roundtables.ics.err.attendee', { email: att.email });
  const rsvp = PARTSTAT[att.partstat];
  if (!rsvp) return refuse('roundtables.ics.err.partstat', { partstat: att.partstat });
  let delegate: { id: string; display_name: string } | null = null;
  if (rsvp === 'delegating') {
    if (!att.delegatedTo) refuse('roundtables.ics.err.delegatedTo');
    const colleagues = await repo.colleagues(db, who.organisation_id, who.user_id);
    const found = colleagues.find((c) => c.email !== null && c.email.toLowerCase() === att.delegatedTo);
    delegate = found ? { id: found.id, display_name: found.display_name } : null;
    if (!delegate) refuse('roundtables.ics.err.delegateUnknown', { email: att.delegatedTo ?? '' });
  }
  await db.transaction().execute(async (tx) => {
    await recordAnswer(tx, m.id, who.user_id, who.organisation_id, rsvp, delegate, reply.sequence);
    await auditBy(tx, ctx, 'roundtable.rsvp_calendar', 'rt_meeting', m.id, {
      rsvp,
      sequence: reply.sequence,
      delegate: who.user_id,
    });
  });
  return {
    name: who.display_name,
    rsvp,
    delegate: delegate?.display_name ?? null,
    startsAt: m.starts_at,
    meetingId: m.id,
  };
}

// ── Agenda ─────────────────────────────────────────────────────────────────────────────────────────────────

export async function addItem(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  input: { title?: string; kind?: string; proposing_org_id?: string; late_reason?: string },
  ctx: Ctx,
): Promise<void> {
  if (!proposes(a)) throw forbidden();
  const { errors, findings, value: title } = prose('title', input.title, 300, 'roundtables.err.title', false);
  const kind = (['decisione', 'informativa'] as const).find((k) => k === input.kind);
  if (!kind) errors.kind = 'roundtables.err.kind';
  const members = await repo.memberOrgs(db, a.table.id);
  const org = members.find((o) => o.id === (input.proposing_org_id || a.delegate.organisation_id));
  if (!org) errors.proposing_org_id = 'roundtables.err.org';
  let late: string | null = null;
  if (m.status === 'cancelled') errors.title = 'roundtables.err.cancelled';
  else if (isFrozen(a.table, m)) {
    if (a.role !== 'presidente') errors.title = 'roundtables.err.frozen';
    else {
      late = text(errors, findings, 'late_reason', input.late_reason, {
        max: 500,
        required: 'roundtables.err.lateReason',
        pii: true,
      });
    }
  }
  if (await repo.verbaleOf(db, m.id)) errors.title = 'roundtables.err.verbaleStarted';
  fail(errors, findings);
  await db.transaction().execute(async (tx) => {
    const last = await tx
      .selectFrom('rt_item')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('meeting_id', '=', m.id)
      .executeTakeFirst();
    const id = randomUUID();
    await tx
      .insertInto('rt_item')
      .values({
        id,
        meeting_id: m.id,
        position: Number(last?.p ?? 0) + 1,
        kind: kind as ItemKind,
        title,
        proposing_org_id: org!.id,
        added_by: ctx.userId,
        late_reason: late,
      })
      .execute();
    await auditBy(tx, ctx, 'roundtable.item_added', 'rt_meeting', m.id, { item: id, late: late !== null });
  });
}

/** Reads an uploaded file: its size and its real type from the content (an .exe renamed .pdf is refused). */
export async function addAttachment(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  itemId: string,
  input: { title?: string; file?: { filename: string; data: Buffer; truncated: boolean } },
  ctx: Ctx,
): Promise<void> {
  if (!proposes(a)) throw forbidden();
  const item = isUuid(itemId) ? await repo.itemById(db, itemId) : undefined;
  if (!item || item.meeting_id !== m.id) throw notFound();
  if (!runs(a) && item.added_by !== ctx.userId) throw forbidden();
  const {
    errors,
    findings,
    value: title,
  } = prose('att_title', input.title, 200, 'roundtables.err.attTitle', false);
  const f = input.file;
  let type: string | undefined;
  if (f && (f.truncated || f.data.length > MAX_UPLOAD)) errors.file = 'roundtables.err.fileTooLarge';
  else if (!f || f.data.length === 0) errors.file = 'roundtables.err.fileMissing';
  else {
    // file-type is loaded at the first upload, not at every start (issue 16).
    const { fileTypeFromBuffer } = await import('file-type');
    type = (await fileTypeFromBuffer(f.data))?.mime;
    if (!type || !Object.hasOwn(ALLOWED_TYPES, type)) errors.file = 'roundtables.err.fileType';
  }
  fail(errors, findings);
  const filename = (f!.filename.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'documento').trim();
  await db.transaction().execute(async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('rt_attachment')
      .values({
        id,
        item_id: item.id,
        title,
        filename,
        content_type: type!,
        size_bytes: f!.data.length,
        content: f!.data,
        uploaded_by: ctx.userId,
      })
      .execute();
    await auditBy(tx, ctx, 'roundtable.attachment_added', 'rt_meeting', m.id, { attachment: id, type });
  });
}

// ── Attendance and quorum ──────────────────────────────────────────────────────────────────────────────────

export async function recordAttendance(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  body: Record<string, unknown>,
  ctx: Ctx,
): Promise<void> {
  requireRuns(a);
  const people = await repo.delegatesForMeeting(db, a.table.id, m.id);
  const errors: Errors = {};
  const rows: Array<{
    user_id: string;
    organisation_id: string;
    status: 'present' | 'absent' | 'excused' | null;
    arrived: string | null;
    left_at: string | null;
  }> = [];
  for (const p of people) {
    const k = p.user_id;
    const raw = one(body[`status_${k}`]);
    const status = raw ? (ATTENDANCE.find((s) => s === raw) ?? null) : null;
    if (raw && !status) errors[`status_${k}`] = 'roundtables.err.attendance';
    const arrivedRaw = (one(body[`arrived_${k}`]) ?? '').trim();
    const leftRaw = (one(body[`left_${k}`]) ?? '').trim();
    const arrived = arrivedRaw ? readTime(arrivedRaw) : null;
    const left = leftRaw ? readTime(leftRaw) : null;
    if (arrivedRaw && !arrived) errors[`arrived_${k}`] = 'roundtables.err.time';
    if (leftRaw && !left) errors[`left_${k}`] = 'roundtables.err.time';
    if (arrived && left && Temporal.PlainTime.compare(left, arrived) < 0)
      errors[`left_${k}`] = 'roundtables.err.leftBefore';
    if ((arrived || left) && status !== 'present') errors[`status_${k}`] = 'roundtables.err.timesNotPresent';
    rows.push({
      user_id: k,
      organisation_id: p.organisation_id,
      status,
      arrived: arrived ? hhmm(arrived) : null,
      left_at: left ? hhmm(left) : null,
    });
  }
  fail(errors);
  await db.transaction().execute(async (tx) => {
    for (const r of rows) {
      await tx
        .insertInto('rt_attendance')
        .values({ meeting_id: m.id, ...r })
        .onConflict((oc) =>
          oc
            .columns(['meeting_id', 'user_id'])
            .doUpdateSet({ status: r.status, arrived: r.arrived, left_at: r.left_at }),
        )
        .execute();
    }
    await auditBy(tx, ctx, 'roundtable.attendance_recorded', 'rt_meeting', m.id);
  });
}

export interface Quorum {
  present: number;
  required: number;
  members: number;
  reached: boolean;
}

/** Member organisations with at least one voting delegate present, against the tavolo's quorum. */
export async function quorum(db: Db, table: repo.TableRow, meetingId: string): Promise<Quorum> {
  const members = await repo.memberOrgs(db, table.id);
  const present = await repo.presentOrgs(db, meetingId);
  const n = present.filter((o) => members.some((x) => x.id === o)).length;
  const required = quorumOf(table, members.length);
  return { present: n, required, members: members.length, reached: n >= required };
}

// ── The verbale ────────────────────────────────────────────────────────────────────────────────────────────

const LOCKED = ['approvato', 'firmato'];

/** The verbale of a meeting, created (numbered in the register of its year) the first time it is written. */
async function ensureVerbale(tx: Db, a: TableAccess, m: repo.MeetingRow): Promise<repo.VerbaleRow> {
  const found = await repo.verbaleOf(tx, m.id);
  if (found) return found;
  // One number at a time per tavolo: the row lock of the tavolo queues concurrent first writes.
  await tx.selectFrom('roundtable').select('id').where('id', '=', a.table.id).forUpdate().execute();
  const again = await repo.verbaleOf(tx, m.id);
  if (again) return again;
  const year = romeDate(m.starts_at).year;
  const last = await tx
    .selectFrom('rt_verbale')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('roundtable_id', '=', a.table.id)
    .where('year', '=', year)
    .executeTakeFirst();
  const id = randomUUID();
  await tx
    .insertInto('rt_verbale')
    .values({ id, meeting_id: m.id, roundtable_id: a.table.id, year, number: Number(last?.n ?? 0) + 1 })
    .execute();
  return (await repo.verbaleOf(tx, m.id))!;
}

/**
 * Runs a change of the verbale's content: only the chair or the secretary, only while it is not approved or
 * signed, and only if nobody changed it since she loaded it (`version`): else 409 and nothing is written.
 */
async function changeVerbale(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  versionRaw: unknown,
  field: string,
  change: (tx: Db, v: repo.VerbaleRow) => Promise<void>,
  ctx: Ctx,
  action: string,
): Promise<void> {
  requireRuns(a);
  await db.transaction().execute(async (tx) => {
    const v = await ensureVerbale(tx, a, m);
    if (LOCKED.includes(v.state)) throw new FormError({ [field]: 'roundtables.err.locked' });
    const expected = int(versionRaw, 0, 1_000_000);
    // A verbale not yet created is version 1 once created: the form of an empty verbale posts 1 as well.
    const r = await tx
      .updateTable('rt_verbale')
      .set({ version: sql`version + 1` })
      .where('id', '=', v.id)
      .where('version', '=', expected ?? -1)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new FormError({ [field]: 'roundtables.err.conflict' }, {}, true);
    await change(tx, v);
    await auditBy(tx, ctx, action, 'rt_verbale', v.id);
  });
}

async function itemOf(db: Db, m: repo.MeetingRow, itemId: string): Promise<repo.ItemRow> {
  const item = isUuid(itemId) ? await repo.itemById(db, itemId) : undefined;
  if (!item || item.meeting_id !== m.id) throw notFound();
  return item;
}

export async function saveSummary(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  itemId: string,
  input: { summary?: string; version?: string },
  ctx: Ctx,
): Promise<void> {
  const {
    item,
    errors,
    findings,
    value: summary,
  } = await itemForm(db, a, m, itemId, 'summary', input.summary, 8000);
  fail(errors, findings);
  await changeVerbale(
    db,
    a,
    m,
    input.version,
    'summary',
    async (tx) => {
      await tx
        .updateTable('rt_item')
        .set({ summary: summary || null })
        .where('id', '=', item.id)
        .execute();
    },
    ctx,
    'roundtable.verbale_summary',
  );
}

/**
 * The start of every form on one agenda item of the verbale: she runs the meeting, the item is of it, and its text
 * (multi-line, checked by the identifying-data guard, `required` the message when empty) is read.
 */
async function itemForm(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  itemId: string,
  name: string,
  raw: string | undefined,
  max: number,
  required?: string,
) {
  requireRuns(a);
  const item = await itemOf(db, m, itemId);
  return { item, ...prose(name, raw, max, required) };
}

/** A new form's errors and findings, with its first text read (PII guard; `required`: the message if empty). */
function prose(name: string, raw: unknown, max: number, required?: string, multiline = true) {
  const errors: Errors = {};
  const findings: Record<string, PiiFinding[]> = {};
  const value = text(errors, findings, name, raw, {
    max,
    multiline,
    pii: true,
    ...(required ? { required } : {}),
  });
  return { errors, findings, value };
}

/** A new entry under an agenda item of the verbale (a decision, an action), from its form's fields. */
type ItemEntry = (
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  itemId: string,
  input: Record<string, string | undefined>,
  ctx: Ctx,
) => Promise<void>;

export const addDecision: ItemEntry = async (db, a, m, itemId, input, ctx) => {
  const f = await itemForm(db, a, m, itemId, 'decision', input.decision, 2000, 'roundtables.err.decision');
  const { item, errors, findings, value: body } = f;
  const voted = input.voted === '1';
  let favour: number | null = null;
  let against: number | null = null;
  let abstaining: number | null = null;
  if (voted) {
    favour = int(input.favour, 0, 1000);
    against = int(input.against, 0, 1000);
    abstaining = int(input.abstaining, 0, 1000);
    if (favour === null) errors.favour = 'roundtables.err.votes';
    if (against === null) errors.against = 'roundtables.err.votes';
    if (abstaining === null) errors.abstaining = 'roundtables.err.votes';
  }
  const dissenting = text(errors, findings, 'dissenting', input.dissenting, { max: 500, pii: true });
  fail(errors, findings);
  await changeVerbale(
    db,
    a,
    m,
    input.version,
    'decision',
    async (tx) => {
      await tx
        .insertInto('rt_decision')
        .values({
          id: randomUUID(),
          item_id: item.id,
          text: body,
          voted,
          favour,
          against,
          abstaining,
          dissenting: dissenting || null,
          created_by: ctx.userId,
        })
        .execute();
    },
    ctx,
    'roundtable.verbale_decision',
  );
};

export const addAction: ItemEntry = async (db, a, m, itemId, input, ctx) => {
  const f = await itemForm(db, a, m, itemId, 'what', input.what, 1000, 'roundtables.err.what');
  const { item, errors, findings, value: what } = f;
  const people = await repo.delegates(db, a.table.id);
  const owner = people.find((p) => p.active && p.user_id === input.owner);
  if (!owner) errors.owner = 'roundtables.err.owner';
  const meetingDay = romeDate(m.starts_at).toString();
  const rule = { min: meetingDay, max: LAST_DAY };
  const due = checkDate(input.due_on, rule, { required: 'roundtables.err.due' });
  if (!due.ok)
    errors.due_on = due.error.startsWith('forms.date.between') ? 'roundtables.err.dueBefore' : due.error;
  const review = checkDate(input.review_on, rule);
  if (!review.ok)
    errors.review_on = review.error.startsWith('forms.date.between')
      ? 'roundtables.err.reviewBefore'
      : review.error;
  const decisions = await repo.decisionsOfItem(db, item.id);
  const decision = input.decision_id ? decisions.find((d) => d.id === input.decision_id) : undefined;
  if (input.decision_id && !decision) errors.decision_id = 'roundtables.err.decisionRef';
  fail(errors, findings);
  await changeVerbale(
    db,
    a,
    m,
    input.version,
    'what',
    async (tx) => {
      const id = randomUUID();
      const reviewOn = (review as { iso: string }).iso || null;
      await tx
        .insertInto('rt_action')
        .values({
          id,
          roundtable_id: a.table.id,
          item_id: item.id,
          decision_id: decision?.id ?? null,
          what,
          owner_org_id: owner!.organisation_id,
          owner_user_id: owner!.user_id,
          due_on: (due as { iso: string }).iso,
          review_on: reviewOn,
          created_by: ctx.userId,
        })
        .execute();
      // Its review date raises a due item for the owner (decision 0060).
      if (reviewOn)
        await tx
          .insertInto('rt_due')
          .values({
            id: randomUUID(),
            action_id: id,
            user_id: owner!.user_id,
            due_on: reviewOn,
            created_at: clockNow(),
          })
          .execute();
    },
    ctx,
    'roundtable.verbale_action',
  );
};

/** Bozza → in revisione: circulated to the delegates who were present, who may amend until `amend_until`. */
export async function circulate(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  input: { amend_until?: string; version?: string },
  ctx: Ctx,
): Promise<void> {
  requireRuns(a);
  const v = await repo.verbaleOf(db, m.id);
  if (!v) throw new FormError({ amend_until: 'roundtables.err.empty' });
  if (v.state !== 'bozza') throw new FormError({ amend_until: 'roundtables.err.state' });
  const d = checkDate(
    input.amend_until,
    { min: todayIso(), max: LAST_DAY },
    { required: 'roundtables.err.amendUntil' },
  );
  if (!d.ok) throw new FormError({ amend_until: d.error });
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('rt_verbale')
      .set({ state: 'revisione', amend_until: d.iso, version: sql`version + 1` })
      .where('id', '=', v.id)
      .where('state', '=', 'bozza')
      .where('version', '=', int(input.version, 0, 1_000_000) ?? -1)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new FormError({ amend_until: 'roundtables.err.conflict' }, {}, true);
    await auditBy(tx, ctx, 'roundtable.verbale_circulated', 'rt_verbale', v.id);
  });
}

/** The default end of the amendments: two days before the next meeting, else a week from today. */
export async function defaultAmendUntil(db: Db, table: repo.TableRow, m: repo.MeetingRow): Promise<string> {
  const next = await repo.nextMeetingAfter(db, table.id, m.starts_at);
  const today = todayInRome();
  const candidate = next ? romeDate(next.starts_at).subtract({ days: 2 }) : today.add({ days: 7 });
  return (Temporal.PlainDate.compare(candidate, today) < 0 ? today : candidate).toString();
}

/** A delegate who was present proposes an amendment, while the verbale is in revisione and until its deadline. */
export async function amend(
  db: Db,
  _a: TableAccess,
  m: repo.MeetingRow,
  input: { amendment?: string; item_id?: string },
  ctx: Ctx,
): Promise<void> {
  const v = await repo.verbaleOf(db, m.id);
  const {
    errors,
    findings,
    value: body,
  } = prose('amendment', input.amendment, 2000, 'roundtables.err.amendment');
  if (v?.state !== 'revisione') errors.amendment = 'roundtables.err.notInReview';
  else if (v.amend_until && todayIso() > v.amend_until) errors.amendment = 'roundtables.err.amendClosed';
  else if (!(await repo.wasPresent(db, m.id, ctx.userId))) errors.amendment = 'roundtables.err.notPresent';
  let itemId: string | null = null;
  if (input.item_id) {
    const item = isUuid(input.item_id) ? await repo.itemById(db, input.item_id) : undefined;
    if (!item || item.meeting_id !== m.id) errors.item_id = 'roundtables.err.item';
    else itemId = item.id;
  }
  fail(errors, findings);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('rt_amendment')
      .values({ id: randomUUID(), verbale_id: v!.id, item_id: itemId, author_id: ctx.userId, text: body })
      .execute();
    await auditBy(tx, ctx, 'roundtable.verbale_amended', 'rt_verbale', v!.id);
  });
}

/**
 * Records, under the first item of meeting `m`, the approval of the previous meeting's verbale: from the day of
 * `m`, when that verbale is in revisione.
 */
export async function approvePrevious(db: Db, a: TableAccess, m: repo.MeetingRow, ctx: Ctx): Promise<void> {
  requireRuns(a);
  const prev = await repo.previousMeeting(db, a.table.id, m.starts_at);
  const v = prev ? await repo.verbaleOf(db, prev.id) : undefined;
  if (!v) throw new FormError({ approve: 'roundtables.err.noPrevious' });
  if (v.state !== 'revisione') throw new FormError({ approve: 'roundtables.err.approveState' });
  const day = romeDate(m.starts_at).toString();
  if (m.status === 'cancelled' || todayIso() < day)
    throw new FormError({ approve: 'roundtables.err.approveDay' });
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('rt_verbale')
      .set({ state: 'approvato', approved_on: day, approved_meeting_id: m.id, version: sql`version + 1` })
      .where('id', '=', v.id)
      .where('state', '=', 'revisione')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new FormError({ approve: 'roundtables.err.conflict' }, {}, true);
    await auditBy(tx, ctx, 'roundtable.verbale_approved', 'rt_verbale', v.id, { at: m.id });
  });
}

/**
 * The chair or the secretary signs the approved verbale with her second factor (a fresh TOTP code, never one
 * already used). With both signatures the verbale is firmato: `render` makes its PDF, whose SHA-256 is stored.
 */
export async function sign(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  code: string | undefined,
  ctx: Ctx,
  render: (tx: Db, verbaleId: string) => Promise<Buffer>,
): Promise<'signed' | 'complete'> {
  const as = a.role === 'presidente' ? 'chair' : a.role === 'segretaria' ? 'secretary' : null;
  if (!as) throw forbidden();
  const v = await repo.verbaleOf(db, m.id);
  if (v?.state !== 'approvato') throw new FormError({ code: 'roundtables.err.signState' });
  if ((as === 'chair' ? v.chair_signed_by : v.secretary_signed_by) !== null)
    throw new FormError({ code: 'roundtables.err.signedAlready' });
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'totp_secret', 'totp_last_step'])
    .where('id', '=', ctx.userId)
    .executeTakeFirstOrThrow();
  if (!user.totp_secret) throw new FormError({ code: 'roundtables.err.noTotp' });
  const secret = openTotpSecret(user.id, user.totp_secret);
  const r = verifyTotp(secret, code ?? '', Number(user.totp_last_step));
  if (!r.valid) {
    await auditBy(db, ctx, 'roundtable.signature_refused', 'rt_verbale', v.id);
    throw new FormError({ code: 'roundtables.err.code' });
  }
  const complete = await db.transaction().execute(async (tx) => {
    // Atomic: a code moves her step forward once; a replay in a parallel request is refused.
    const step = await tx
      .updateTable('app_user')
      .set({ totp_last_step: r.step })
      .where('id', '=', user.id)
      .where('totp_last_step', '<', r.step)
      .executeTakeFirst();
    if (Number(step.numUpdatedRows) !== 1) throw new FormError({ code: 'roundtables.err.code' });
    const at = clockNow();
    const set =
      as === 'chair'
        ? { chair_signed_by: ctx.userId, chair_signed_at: at }
        : { secretary_signed_by: ctx.userId, secretary_signed_at: at };
    const u = await tx
      .updateTable('rt_verbale')
      .set({ ...set, version: sql`version + 1` })
      .where('id', '=', v.id)
      .where('state', '=', 'approvato')
      .where(as === 'chair' ? 'chair_signed_by' : 'secretary_signed_by', 'is', null)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new FormError({ code: 'roundtables.err.conflict' }, {}, true);
    await auditBy(tx, ctx, 'roundtable.verbale_signed', 'rt_verbale', v.id, { as });
    const now = (await repo.verbaleOf(tx, m.id))!;
    if (!now.chair_signed_by || !now.secretary_signed_by) return false;
    await tx.updateTable('rt_verbale').set({ state: 'firmato' }).where('id', '=', v.id).execute();
    const pdf = await render(tx, v.id);
    await tx
      .updateTable('rt_verbale')
      .set({ pdf, pdf_sha256: sha256(pdf) })
      .where('id', '=', v.id)
      .execute();
    await auditBy(tx, ctx, 'roundtable.verbale_final', 'rt_verbale', v.id, { sha256: sha256(pdf) });
    return true;
  });
  return complete ? 'complete' : 'signed';
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A correction of a signed verbale: the signed version (its content and PDF) is kept, readable; the verbale
 * becomes a new version (a draft again, with the reason), to be circulated, approved and signed again.
 */
export async function correct(
  db: Db,
  a: TableAccess,
  m: repo.MeetingRow,
  input: { reason?: string },
  ctx: Ctx,
  content: (verbaleId: string) => Promise<unknown>,
): Promise<void> {
  requireRuns(a);
  const v = await repo.verbaleOf(db, m.id);
  const { errors, findings, value: reason } = prose('reason', input.reason, 1000, 'roundtables.err.reason');
  if (v?.state !== 'firmato') errors.reason = 'roundtables.err.correctState';
  fail(errors, findings);
  const frozen = await content(v!.id);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('rt_verbale_revision')
      .values({
        verbale_id: v!.id,
        revision: v!.revision,
        content: JSON.stringify(frozen),
        pdf: v!.pdf,
        pdf_sha256: v!.pdf_sha256,
        replaced_reason: reason,
        replaced_by: ctx.userId,
      })
      .execute();
    await tx
      .updateTable('rt_verbale')
      .set({
        state: 'bozza',
        revision: v!.revision + 1,
        correction_reason: reason,
        chair_signed_by: null,
        chair_signed_at: null,
        secretary_signed_by: null,
        secretary_signed_at: null,
        approved_on: null,
        approved_meeting_id: null,
        amend_until: null,
        pdf: null,
        pdf_sha256: null,
        version: sql`version + 1`,
      })
      .where('id', '=', v!.id)
      .execute();
    await auditBy(tx, ctx, 'roundtable.verbale_corrected', 'rt_verbale', v!.id, {
      revision: v!.revision + 1,
    });
  });
}

// ── Actions across meetings ────────────────────────────────────────────────────────────────────────────────

export async function actionOf(db: Db, a: TableAccess, actionId: string): Promise<repo.ActionRow> {
  const x = isUuid(actionId) ? await repo.actionById(db, actionId) : undefined;
  if (!x || x.roundtable_id !== a.table.id) throw notFound();
  return x;
}

/** The owner (or the chair / secretary) updates her action: status, progress, a dated note. */
export async function updateAction(
  db: Db,
  a: TableAccess,
  x: repo.ActionRow,
  input: Record<string, string | undefined>,
  ctx: Ctx,
): Promise<void> {
  if (x.owner_user_id !== ctx.userId && !runs(a)) throw forbidden();
  const errors: Errors = {};
  const findings: Record<string, PiiFinding[]> = {};
  const status = ACTION_STATUSES.find((s) => s === input.status);
  if (!status) errors.status = 'roundtables.err.status';
  const progress = int(input.progress, 0, 100);
  if (progress === null) errors.progress = 'roundtables.err.progress';
  const note = text(errors, findings, 'note', input.note, { max: 2000, multiline: true, pii: true });
  fail(errors, findings);
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('rt_action')
      .set({
        status: status!,
        progress: status === 'completata' ? 100 : progress!,
        version: sql`version + 1`,
      })
      .where('id', '=', x.id)
      .where('version', '=', int(input.version, 0, 1_000_000) ?? -1)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new FormError({ status: 'roundtables.err.conflict' }, {}, true);
    await tx
      .insertInto('rt_action_note')
      .values({
        id: randomUUID(),
        action_id: x.id,
        status: status!,
        progress: status === 'completata' ? 100 : progress!,
        note: note || null,
        noted_by: ctx.userId,
      })
      .execute();
    // The review is done when an update is recorded from its day on, or the action is closed.
    const closed = status === 'completata' || status === 'annullata';
    await tx
      .updateTable('rt_due')
      .set({ done_at: clockNow(), done_by: ctx.userId })
      .where('action_id', '=', x.id)
      .where('done_at', 'is', null)
      .$if(!closed, (q) => q.where('due_on', '<=', todayIso()))
      .execute();
    await auditBy(tx, ctx, 'roundtable.action_updated', 'rt_action', x.id, { status, progress });
  });
}

/** Whether an open action is past its due date (Italian today). */
export const isOverdue = (x: { status: string; due_on: string }, today = todayIso()) =>
  (x.status === 'aperta' || x.status === 'in_corso') && x.due_on < today;

// ── Indicator snapshots (the monitoring feature attaches them) ─────────────────────────────────────────────

export interface Snapshot {
  title: string;
  takenAt: Date;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * Attaches a frozen table of indicators to a meeting. The caller (monitoring) has already anonymised it: only
 * consenting cases, small cells suppressed. Ponte stores it as given, checked for shape and for identifying text.
 */
export async function attachSnapshot(
  db: Db,
  meetingId: string,
  s: Snapshot,
  actorId: string,
): Promise<string> {
  if (!isUuid(meetingId) || !(await repo.meetingById(db, meetingId))) throw notFound();
  const title = checkText(s.title, { max: 200 });
  if (title.error || !title.value) throw new Error('snapshot: a title of 1–200 characters');
  if (!(s.takenAt instanceof Date) || Number.isNaN(s.takenAt.getTime())) throw new Error('snapshot: takenAt');
  if (!Array.isArray(s.columns) || s.columns.length === 0 || s.columns.length > 30)
    throw new Error('snapshot: 1–30 columns');
  if (!Array.isArray(s.rows) || s.rows.length > 500) throw new Error('snapshot: at most 500 rows');
  const cells = [...s.columns, ...s.rows.flat()];
  for (const row of s.rows)
    if (!Array.isArray(row) || row.length !== s.columns.length) throw new Error('snapshot: a row per column');
  for (const c of cells) {
    if (c !== null && typeof c !== 'string' && typeof c !== 'number') throw new Error('snapshot: cell type');
    if (typeof c === 'string' && (checkText(c, { max: 200 }).error || findPii(c).length))
      throw new Error('snapshot: a cell holds text that is not allowed');
  }
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('rt_snapshot')
      .values({
        id,
        meeting_id: meetingId,
        title: title.value,
        taken_at: s.takenAt,
        columns: JSON.stringify(s.columns),
        rows: JSON.stringify(s.rows),
        attached_by: actorId,
      })
      .execute();
    await auditBy(
      tx,
      { userId: actorId, orgId: null },
      'roundtable.snapshot_attached',
      'rt_meeting',
      meetingId,
      {
        snapshot: id,
      },
    );
  });
  return id;
}

/** A meeting a snapshot may be attached to, for a picker (monitoring's "attach to a meeting"). */
export interface SnapshotTarget {
  meetingId: string;
  tableName: string;
  startsAt: Date;
}

/**
 * The meetings she may attach a snapshot to: the scheduled meetings to come of the active tavoli where she is the
 * active chair or secretary, soonest first. `attachSnapshot` is called only for one of these.
 */
export async function snapshotTargets(db: Db, userId: string, at: Date): Promise<SnapshotTarget[]> {
  const rows = await db
    .selectFrom('rt_meeting as m')
    .innerJoin('roundtable as r', 'r.id', 'm.roundtable_id')
    .innerJoin('roundtable_delegate as d', 'd.roundtable_id', 'r.id')
    .select(['m.id', 'r.name', 'm.starts_at'])
    .where('d.user_id', '=', userId)
    .where('d.active', '=', true)
    .where('d.role', 'in', ['presidente', 'segretaria'])
    .where('r.active', '=', true)
    .where('m.status', '=', 'scheduled')
    .where('m.starts_at', '>=', at)
    .orderBy('m.starts_at')
    .limit(50)
    .execute();
  return rows.map((r) => ({ meetingId: r.id, tableName: r.name, startsAt: r.starts_at }));
}
