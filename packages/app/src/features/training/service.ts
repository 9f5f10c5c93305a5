import { randomUUID } from 'node:crypto';
import { rulesVersion } from '@ponte/rules';
import { type Insertable, sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { auditBy } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { isoDateInRome, now, todayInRome, ZONE } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DB, Role } from '../../platform/db/schema.ts';
import { PonteError } from '../../platform/errors.ts';
import { aroundToday, checkDate, plausibleFuture } from '../../platform/forms/date.ts';
import { acceptedTypes } from '../../platform/forms/file-types.ts';
import { checkTexts, messageRef } from '../../platform/forms/text.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { buildCredential, newCode, signCredential } from './credential.ts';
import type { AttendanceStatus, Direction } from './schema.ts';
import { ATTENDANCE, DIRECTIONS } from './schema.ts';

// Reciprocal training (issue 14): the decisions. Routes translate HTTP into these calls; SQL is here too, in the
// small helpers at the bottom of each section, because each is used once. Every write runs in a transaction and
// every refusal of a form is a FormError with a message key per field.

export interface Ctx {
  userId: string;
  orgId: string;
  roles: readonly Role[];
  ip?: string;
  requestId?: string;
}

export type Errors = Record<string, string>;

export class FormError extends Error {
  constructor(readonly errors: Errors) {
    super('form');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
const notFound = (): never => {
  throw new PonteError('PONTE_ERR_NOT_FOUND');
};
/** Audits an action of the actor (in the transaction of the write). */
export const audit = (
  db: Db,
  ctx: Ctx,
  action: string,
  type: string,
  id: string,
  details: Record<string, unknown> = {},
) =>
  auditBy(
    db,
    { userId: ctx.userId, orgId: ctx.orgId, ip: ctx.ip, requestId: ctx.requestId },
    action,
    type,
    id,
    details,
  );

/** Inserts one row (its id generated here) and audits it, in one transaction; answers the id. */
async function insertAudited<
  T extends 'training_course' | 'training_material' | 'training_edition' | 'training_certificate',
>(
  db: Db,
  ctx: Ctx,
  table: T,
  row: Omit<Insertable<DB[T]>, 'id'>,
  action: string,
  details: Record<string, unknown> = {},
  id: string = randomUUID(),
): Promise<string> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto(table)
      .values({ id, ...row } as unknown as Insertable<DB[T]>)
      .execute();
    await audit(tx, ctx, action, table, id, details);
  });
  return id;
}

/** The mail job's kind: confirmation (with the ICS REQUEST), waiting list, moved up from the waiting list. */
export const MAIL_JOB = 'training.mail';
export type MailChange = 'enrolled' | 'waiting' | 'promoted';

// ── Courses ───────────────────────────────────────────────────────────────────────────────────────────────
export interface CourseRow {
  id: string;
  organisation_id: string;
  org_name: string;
  title: string;
  direction: Direction;
  objectives: string;
  hours: number;
  validity_months: number | null;
  desk_qualifying: boolean;
  min_attendance_pct: number;
  rules_version: string | null;
}

function courseQuery(db: Db) {
  return db
    .selectFrom('training_course as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.organisation_id',
      'o.name as org_name',
      'c.title',
      'c.direction',
      'c.objectives',
      'c.hours',
      'c.validity_months',
      'c.desk_qualifying',
      'c.min_attendance_pct',
      'c.rules_version',
    ]);
}
const toCourse = (r: Omit<CourseRow, 'hours'> & { hours: string }): CourseRow => ({
  ...r,
  hours: Number(r.hours),
});

export async function listCourses(db: Db, page: number, size: number) {
  const rows = await courseQuery(db)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  const total = await db
    .selectFrom('training_course')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirst();
  return { rows: rows.map(toCourse), total: Number(total?.n ?? 0) };
}

export async function course(db: Db, id: string): Promise<CourseRow> {
  if (!isUuid(id)) return notFound();
  const r = await courseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r ? toCourse(r) : notFound();
}

/** Whether the actor manages this course: training.manage in the organisation that gives it. */
export function manages(ctx: Ctx, c: { organisation_id: string }): boolean {
  return c.organisation_id === ctx.orgId && can(ctx.roles, 'training.manage');
}

/** The course, for one who manages it; another organisation's course is "not found". */
export async function courseToManage(db: Db, ctx: Ctx, id: string): Promise<CourseRow> {
  const c = await course(db, id);
  if (!manages(ctx, c)) return notFound();
  return c;
}

export interface CourseInput {
  title?: string;
  direction?: string;
  objectives?: string;
  hours?: string;
  validity_months?: string;
  desk_qualifying?: string;
  min_attendance_pct?: string;
}

/** Reads a number typed in a form (a comma accepted as the decimal sign). */
function numberOf(raw: string | undefined): number | null {
  const s = (raw ?? '').trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

export async function createCourse(db: Db, ctx: Ctx, input: CourseInput): Promise<string> {
  if (!can(ctx.roles, 'training.manage')) throw new PonteError('PONTE_ERR_FORBIDDEN');
  const { values, errors } = checkTexts(input, {
    title: { max: 200 },
    objectives: { max: 4000, multiline: true },
  });
  const e: Errors = { ...(errors as Errors) };
  if (!e.title && values.title === '') e.title = 'training.err.title';
  if (!e.objectives && values.objectives === '') e.objectives = 'training.err.objectives';
  const direction = input.direction as Direction;
  if (!DIRECTIONS.includes(direction)) e.direction = 'training.err.direction';
  const hours = numberOf(input.hours);
  if (hours === null || hours <= 0 || hours > 500 || Math.round(hours * 10) !== hours * 10)
    e.hours = 'training.err.hours';
  let validity: number | null = null;
  if ((input.validity_months ?? '').trim() !== '') {
    const v = numberOf(input.validity_months);
    if (v === null || !Number.isInteger(v) || v < 1 || v > 120) e.validity_months = 'training.err.validity';
    else validity = v;
  }
  let minPct = 75;
  if ((input.min_attendance_pct ?? '').trim() !== '') {
    const v = numberOf(input.min_attendance_pct);
    if (v === null || !Number.isInteger(v) || v < 1 || v > 100) e.min_attendance_pct = 'training.err.minPct';
    else minPct = v;
  }
  if (Object.keys(e).length) throw new FormError(e);
  return insertAudited(
    db,
    ctx,
    'training_course',
    {
      organisation_id: ctx.orgId,
      title: values.title,
      direction,
      objectives: values.objectives,
      hours: hours as number,
      validity_months: validity,
      desk_qualifying: input.desk_qualifying === '1' || input.desk_qualifying === 'on',
      min_attendance_pct: minPct,
      // An INPS → CAV course teaches the benefits: the rules version its modules were read from (the catalogue).
      rules_version: direction === 'inps_cav' ? rulesVersion : null,
      created_by: ctx.userId,
      created_at: now(),
    },
    'training.course.create',
    { direction },
  );
}

// ── Materials ─────────────────────────────────────────────────────────────────────────────────────────────
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The types a material file may have, read from its content (file-type), never from its name; each its extension. */
export const MATERIAL_TYPES = acceptedTypes('pdf docx pptx odt odp png jpg mp4 mp3');

export async function materials(db: Db, courseId: string) {
  return db
    .selectFrom('training_material')
    .select(['id', 'kind', 'title', 'url', 'filename', 'mime', 'size', 'added_at'])
    .where('course_id', '=', courseId)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
}

export async function addLink(db: Db, ctx: Ctx, courseId: string, input: { title?: string; url?: string }) {
  const c = await courseToManage(db, ctx, courseId);
  const { values, errors } = checkTexts(input, { title: { max: 200 }, url: { max: 2000 } });
  const e: Errors = { ...(errors as Errors) };
  if (!e.title && values.title === '') e.title = 'training.err.materialTitle';
  if (!e.url && !isHttpUrl(values.url)) e.url = 'training.err.url';
  if (Object.keys(e).length) throw new FormError(e);
  await insertAudited(
    db,
    ctx,
    'training_material',
    {
      course_id: c.id,
      kind: 'link',
      title: values.title,
      url: values.url,
      added_by: ctx.userId,
      added_at: now(),
    },
    'training.material.add',
    { kind: 'link' },
  );
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export async function addFile(
  db: Db,
  ctx: Ctx,
  courseId: string,
  input: { title?: string; file?: { filename: string; data: Buffer } | undefined; tooLarge?: boolean },
) {
  const c = await courseToManage(db, ctx, courseId);
  const { values, errors } = checkTexts(input, { title: { max: 200 } });
  const e: Errors = { ...(errors as Errors) };
  if (!e.title && values.title === '') e.title = 'training.err.materialTitle';
  let mime: string | undefined;
  if (input.tooLarge) e.file = 'training.err.fileTooLarge';
  else if (!input.file || input.file.data.length === 0) e.file = 'training.err.fileMissing';
  else {
    const { fileTypeFromBuffer } = await import('file-type');
    const found = await fileTypeFromBuffer(input.file.data);
    if (!found || !Object.hasOwn(MATERIAL_TYPES, found.mime)) e.file = 'training.err.fileType';
    else mime = found.mime;
  }
  if (Object.keys(e).length) throw new FormError(e);
  const file = input.file as { filename: string; data: Buffer };
  const ext = MATERIAL_TYPES[mime as string] as string;
  const base =
    file.filename
      .replace(/\.[^.]*$/, '')
      .replace(/[^\p{L}\p{N} _.-]/gu, '')
      .slice(0, 80) || 'materiale';
  await insertAudited(
    db,
    ctx,
    'training_material',
    {
      course_id: c.id,
      kind: 'file',
      title: values.title,
      filename: `${base}.${ext}`,
      mime: mime as string,
      size: file.data.length,
      content: file.data,
      added_by: ctx.userId,
      added_at: now(),
    },
    'training.material.add',
    { kind: 'file', mime },
  );
}

export async function materialFile(db: Db, id: string) {
  if (!isUuid(id)) return notFound();
  const m = await db
    .selectFrom('training_material')
    .select(['filename', 'mime', 'content'])
    .where('id', '=', id)
    .where('kind', '=', 'file')
    .executeTakeFirst();
  return m?.content
    ? { filename: m.filename as string, mime: m.mime as string, content: m.content }
    : notFound();
}

// ── Editions and sessions ─────────────────────────────────────────────────────────────────────────────────
export async function editions(db: Db, courseId: string) {
  const rows = await db
    .selectFrom('training_edition as e')
    .select([
      'e.id',
      'e.label',
      'e.capacity',
      sql<string | null>`(select min(s.starts_at) from training_session s where s.edition_id = e.id)`.as(
        'first_at',
      ),
      sql<number>`(select count(*)::int from training_enrolment n where n.edition_id = e.id and n.status = 'enrolled')`.as(
        'enrolled',
      ),
    ])
    .where('e.course_id', '=', courseId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    enrolled: Number(r.enrolled),
    first_at: r.first_at ? new Date(r.first_at) : null,
  }));
}

export async function createEdition(
  db: Db,
  ctx: Ctx,
  courseId: string,
  input: { label?: string; capacity?: string },
) {
  const c = await courseToManage(db, ctx, courseId);
  const { values, errors } = checkTexts(input, { label: { max: 200 } });
  const e: Errors = { ...(errors as Errors) };
  if (!e.label && values.label === '') e.label = 'training.err.label';
  const cap = numberOf(input.capacity);
  if (cap === null || !Number.isInteger(cap) || cap < 1 || cap > 500) e.capacity = 'training.err.capacity';
  if (Object.keys(e).length) throw new FormError(e);
  return insertAudited(
    db,
    ctx,
    'training_edition',
    {
      course_id: c.id,
      label: values.label,
      capacity: cap as number,
      created_by: ctx.userId,
      created_at: now(),
    },
    'training.edition.create',
  );
}

export interface EditionRow {
  id: string;
  course_id: string;
  label: string;
  capacity: number;
}

export async function edition(db: Db, id: string): Promise<{ edition: EditionRow; course: CourseRow }> {
  if (!isUuid(id)) return notFound();
  const e = await db
    .selectFrom('training_edition')
    .select(['id', 'course_id', 'label', 'capacity'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!e) return notFound();
  return { edition: e as EditionRow, course: await course(db, e.course_id) };
}

export async function editionToManage(db: Db, ctx: Ctx, id: string) {
  const r = await edition(db, id);
  if (!manages(ctx, r.course)) return notFound();
  return r;
}

export interface SessionRow {
  id: string;
  trainer_id: string;
  trainer_name: string;
  starts_at: Date;
  ends_at: Date;
  mode: 'in_person' | 'online';
  venue_name: string | null;
  online_url: string | null;
}

export async function sessions(db: Db, editionId: string): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom('training_session as s')
    .innerJoin('app_user as u', 'u.id', 's.trainer_id')
    .leftJoin('organisation as o', 'o.id', 's.venue_org_id')
    .select([
      's.id',
      's.trainer_id',
      'u.display_name as trainer_name',
      's.starts_at',
      's.ends_at',
      's.mode',
      'o.name as venue_name',
      's.online_url',
    ])
    .where('s.edition_id', '=', editionId)
    .orderBy('s.starts_at')
    .execute();
  return rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at), ends_at: new Date(r.ends_at) }));
}

/** Who may hold a session of the organisation's courses: its trainers and training managers. */
export async function trainersOf(db: Db, orgId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name as name'])
    .where('m.organisation_id', '=', orgId)
    .where('m.role', 'in', ['trainer', 'cav_coordinator', 'inps_director'])
    .where('u.active', '=', true)
    .distinct()
    .orderBy('u.display_name')
    .execute();
}

/** The premises a session may be held at: member organisations, never a shelter (product.md). */
export async function venues(db: Db) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', 'in', ['cav', 'inps_office', 'ats', 'comune', 'regione'])
    .orderBy('name')
    .execute();
}

export interface SessionInput {
  trainer?: string;
  date?: string;
  start?: string;
  end?: string;
  mode?: string;
  venue?: string;
  url?: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall-clock time in Rome on a day, as an instant (DST gaps and folds resolved the usual way). */
export function romeInstant(day: Temporal.PlainDate, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const z = day.toZonedDateTime({ timeZone: ZONE, plainTime: new Temporal.PlainTime(h, m) });
  return new Date(z.epochMilliseconds);
}

export async function addSession(db: Db, ctx: Ctx, editionId: string, input: SessionInput): Promise<string> {
  const { edition: ed } = await editionToManage(db, ctx, editionId);
  const e: Errors = {};
  const trainers = await trainersOf(db, ctx.orgId);
  if (!trainers.some((t) => t.id === input.trainer)) e.trainer = 'training.err.trainer';
  const d = checkDate(input.date, aroundToday({ years: 2 }, { years: 2 }), { required: 'training.err.date' });
  if (!d.ok) e.date = d.error;
  const start = (input.start ?? '').trim();
  const end = (input.end ?? '').trim();
  if (!TIME.test(start)) e.start = 'training.err.time';
  if (!TIME.test(end)) e.end = 'training.err.time';
  else if (TIME.test(start) && end <= start) e.end = 'training.err.endBeforeStart';
  const mode = input.mode;
  let venue: string | null = null;
  let url: string | null = null;
  if (mode === 'in_person') {
    const v = await venues(db);
    if (!v.some((o) => o.id === input.venue)) e.venue = 'training.err.venue';
    else venue = input.venue as string;
  } else if (mode === 'online') {
    const { values, errors } = checkTexts(input, { url: { max: 2000 } });
    if (errors.url) e.url = errors.url;
    else if (!isHttpUrl(values.url)) e.url = 'training.err.url';
    else url = values.url;
  } else e.mode = 'training.err.mode';
  if (Object.keys(e).length) throw new FormError(e);
  const day = (d as { date: Temporal.PlainDate }).date;
  const from = romeInstant(day, start);
  const to = romeInstant(day, end);
  const id = randomUUID();
  try {
    await db.transaction().execute(async (tx) => {
      const clash = await tx
        .selectFrom('training_session as s')
        .innerJoin('training_edition as e', 'e.id', 's.edition_id')
        .innerJoin('training_course as c', 'c.id', 'e.course_id')
        .select(['s.starts_at', 's.ends_at', 'c.title'])
        .where('s.trainer_id', '=', input.trainer as string)
        .where('s.starts_at', '<', to)
        .where('s.ends_at', '>', from)
        .executeTakeFirst();
      if (clash) throw new FormError({ start: messageRef('training.err.overlap', { course: clash.title }) });
      await tx
        .insertInto('training_session')
        .values({
          id,
          edition_id: ed.id,
          trainer_id: input.trainer as string,
          starts_at: from,
          ends_at: to,
          mode: mode as 'in_person' | 'online',
          venue_org_id: venue,
          online_url: url,
          created_at: now(),
        })
        .execute();
      await audit(tx, ctx, 'training.session.create', 'training_session', id);
    });
  } catch (err) {
    // Two requests at once: the database's exclusion constraint refuses the second.
    if ((err as { code?: string }).code === '23P01')
      throw new FormError({ start: messageRef('training.err.overlap', { course: '' }) });
    throw err;
  }
  return id;
}

// ── Enrolment and waiting list ────────────────────────────────────────────────────────────────────────────
export interface EnrolmentRow {
  id: string;
  user_id: string;
  name: string;
  org_name: string;
  status: 'enrolled' | 'waiting' | 'withdrawn';
}

export async function enrolments(db: Db, editionId: string): Promise<EnrolmentRow[]> {
  return db
    .selectFrom('training_enrolment as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .innerJoin('organisation as o', 'o.id', 'n.organisation_id')
    .select(['n.id', 'n.user_id', 'u.display_name as name', 'o.name as org_name', 'n.status'])
    .where('n.edition_id', '=', editionId)
    .where('n.status', '<>', 'withdrawn')
    .orderBy(sql`case n.status when 'enrolled' then 0 else 1 end`)
    .orderBy('n.seq')
    .execute();
}

export async function enrolmentOf(db: Db, editionId: string, userId: string) {
  return db
    .selectFrom('training_enrolment')
    .select(['id', 'status'])
    .where('edition_id', '=', editionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Whether the actor coordinates staff (and so may enrol the members of her organisation). */
export const coordinates = (ctx: Ctx) =>
  ctx.roles.includes('cav_coordinator') || ctx.roles.includes('inps_director');

/** The members of the actor's organisation she may enrol (a coordinator), by name. */
export async function staffOf(db: Db, orgId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name as name'])
    .where('m.organisation_id', '=', orgId)
    .where('u.active', '=', true)
    .distinct()
    .orderBy('u.display_name')
    .execute();
}

/** The person the actor acts for: herself, or a member of her organisation when she coordinates it. */
async function personFor(db: Db, ctx: Ctx, person: string | undefined): Promise<string> {
  if (!person || person === ctx.userId) return ctx.userId;
  if (!coordinates(ctx) || !isUuid(person)) throw new FormError({ person: 'training.err.person' });
  const staff = await staffOf(db, ctx.orgId);
  if (!staff.some((s) => s.id === person)) throw new FormError({ person: 'training.err.person' });
  return person;
}

/**
 * Enrols a person in an edition: a place while there is one, else the waiting list (the answer says which). The
 * edition's row is locked so two enrolments for the last place cannot both get it.
 */
export async function enrol(
  db: Db,
  ctx: Ctx,
  editionId: string,
  person: string | undefined,
): Promise<'enrolled' | 'waiting' | 'already'> {
  const { edition: ed } = await edition(db, editionId);
  const userId = await personFor(db, ctx, person);
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('training_edition').select('id').where('id', '=', ed.id).forUpdate().execute();
    const existing = await enrolmentOf(tx, ed.id, userId);
    if (existing && existing.status !== 'withdrawn') return 'already';
    const taken = await tx
      .selectFrom('training_enrolment')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('edition_id', '=', ed.id)
      .where('status', '=', 'enrolled')
      .executeTakeFirst();
    const status = Number(taken?.n ?? 0) < ed.capacity ? 'enrolled' : 'waiting';
    // Her organisation at enrolment: the actor's (herself, or her coordinator's organisation).
    const orgId = ctx.orgId;
    let id: string;
    if (existing) {
      id = existing.id;
      await tx
        .updateTable('training_enrolment')
        .set({
          status,
          organisation_id: orgId,
          enrolled_by: ctx.userId,
          changed_at: now(),
          seq: sql`nextval('training_enrolment_seq_seq')`,
        })
        .where('id', '=', id)
        .execute();
    } else {
      id = randomUUID();
      await tx
        .insertInto('training_enrolment')
        .values({
          id,
          edition_id: ed.id,
          user_id: userId,
          organisation_id: orgId,
          status,
          enrolled_by: ctx.userId,
          created_at: now(),
          changed_at: now(),
        })
        .execute();
    }
    await audit(tx, ctx, 'training.enrol', 'training_enrolment', id, { status });
    await enqueue(tx, MAIL_JOB, { enrolment: id, change: status });
    return status;
  });
}

/** Withdraws a person; a place freed goes to the first on the waiting list, who is told by e-mail. */
export async function withdraw(
  db: Db,
  ctx: Ctx,
  editionId: string,
  person: string | undefined,
): Promise<boolean> {
  const { edition: ed } = await edition(db, editionId);
  const userId = await personFor(db, ctx, person);
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('training_edition').select('id').where('id', '=', ed.id).forUpdate().execute();
    const existing = await enrolmentOf(tx, ed.id, userId);
    if (!existing || existing.status === 'withdrawn') return false;
    await tx
      .updateTable('training_enrolment')
      .set({ status: 'withdrawn', changed_at: now() })
      .where('id', '=', existing.id)
      .execute();
    await audit(tx, ctx, 'training.withdraw', 'training_enrolment', existing.id);
    if (existing.status === 'enrolled') await promote(tx, ctx, ed);
    return true;
  });
}

/** Fills the free places from the waiting list, in order; each one moved up is told. */
async function promote(tx: Db, ctx: Ctx, ed: EditionRow): Promise<void> {
  const taken = await tx
    .selectFrom('training_enrolment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('edition_id', '=', ed.id)
    .where('status', '=', 'enrolled')
    .executeTakeFirst();
  const free = ed.capacity - Number(taken?.n ?? 0);
  if (free <= 0) return;
  const waiting = await tx
    .selectFrom('training_enrolment')
    .select('id')
    .where('edition_id', '=', ed.id)
    .where('status', '=', 'waiting')
    .orderBy('seq')
    .limit(free)
    .execute();
  for (const w of waiting) {
    await tx
      .updateTable('training_enrolment')
      .set({ status: 'enrolled', changed_at: now() })
      .where('id', '=', w.id)
      .execute();
    await audit(tx, ctx, 'training.promote', 'training_enrolment', w.id);
    await enqueue(tx, MAIL_JOB, { enrolment: w.id, change: 'promoted' });
  }
}

// ── Attendance and completion ─────────────────────────────────────────────────────────────────────────────
export async function sessionToManage(db: Db, ctx: Ctx, sessionId: string) {
  if (!isUuid(sessionId)) return notFound();
  const s = await db
    .selectFrom('training_session')
    .select(['id', 'edition_id', 'starts_at', 'ends_at'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!s) return notFound();
  const r = await editionToManage(db, ctx, (s as { edition_id: string }).edition_id);
  return { session: { ...s, starts_at: new Date(s.starts_at), ends_at: new Date(s.ends_at) }, ...r };
}

export async function attendanceOf(db: Db, sessionId: string): Promise<Map<string, AttendanceStatus>> {
  const rows = await db
    .selectFrom('training_attendance')
    .select(['user_id', 'status'])
    .where('session_id', '=', sessionId)
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.status]));
}

/**
 * Records the register of a session: `marks` maps a person to her status. Someone not enrolled in the edition, or
 * a status that is not one of the four, is refused with a message; nothing is recorded then.
 */
export async function recordAttendance(db: Db, ctx: Ctx, sessionId: string, marks: Record<string, string>) {
  const { session: s, edition: ed } = await sessionToManage(db, ctx, sessionId);
  const enrolled = new Set(
    (await enrolments(db, ed.id)).filter((n) => n.status === 'enrolled').map((n) => n.user_id),
  );
  const e: Errors = {};
  for (const [userId, status] of Object.entries(marks)) {
    if (!enrolled.has(userId)) e.register = 'training.err.notEnrolled';
    else if (status !== '' && !ATTENDANCE.includes(status as AttendanceStatus))
      e[`att_${userId}`] = 'training.err.status';
  }
  if (Object.keys(e).length) throw new FormError(e);
  await db.transaction().execute(async (tx) => {
    for (const [userId, status] of Object.entries(marks)) {
      if (status === '') continue;
      await tx
        .insertInto('training_attendance')
        .values({
          session_id: s.id,
          user_id: userId,
          status: status as AttendanceStatus,
          recorded_by: ctx.userId,
          recorded_at: now(),
        })
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'user_id'])
            .doUpdateSet({ status: status as AttendanceStatus, recorded_by: ctx.userId, recorded_at: now() }),
        )
        .execute();
    }
    await audit(tx, ctx, 'training.attendance', 'training_session', s.id, {
      marks: Object.keys(marks).length,
    });
  });
}

const hoursOf = (s: { starts_at: Date; ends_at: Date }) =>
  (s.ends_at.getTime() - s.starts_at.getTime()) / 3_600_000;

export interface Progress {
  plannedHours: number;
  attendedHours: number;
  pct: number;
  /** Every session is over. */
  over: boolean;
  /** The course's final quiz: null when it has none, else whether she has passed it. */
  quizPassed: boolean | null;
  completed: boolean;
}

/** Her attendance in an edition: hours present or late over the hours of its sessions, against the course's share. */
export async function progress(db: Db, c: CourseRow, editionId: string, userId: string): Promise<Progress> {
  const ss = await sessions(db, editionId);
  const att = await db
    .selectFrom('training_attendance as a')
    .innerJoin('training_session as s', 's.id', 'a.session_id')
    .select(['a.session_id', 'a.status'])
    .where('s.edition_id', '=', editionId)
    .where('a.user_id', '=', userId)
    .execute();
  const attended = new Set(
    att.filter((a) => a.status === 'present' || a.status === 'late').map((a) => a.session_id),
  );
  const planned = ss.reduce((n, s) => n + hoursOf(s), 0);
  const done = ss.filter((s) => attended.has(s.id)).reduce((n, s) => n + hoursOf(s), 0);
  const pct = planned > 0 ? Math.floor((done / planned) * 100) : 0;
  const over = ss.length > 0 && ss.every((s) => s.ends_at.getTime() <= now().getTime());
  const quizPassed = await quizPassedBy(db, c.id, editionId, userId);
  return {
    plannedHours: planned,
    attendedHours: done,
    pct,
    over,
    quizPassed,
    completed: over && pct >= c.min_attendance_pct && quizPassed !== false,
  };
}

/** Whether she passed the course's final quiz in the edition; null when the course has no quiz (or no question). */
export async function quizPassedBy(
  db: Db,
  courseId: string,
  editionId: string,
  userId: string,
): Promise<boolean | null> {
  const q = await db
    .selectFrom('training_quiz as q')
    .select([
      sql<number>`(select count(*)::int from training_quiz_question x where x.course_id = q.course_id)`.as(
        'n',
      ),
      sql<number>`(select count(*)::int from training_quiz_attempt a where a.edition_id = ${editionId} and a.user_id = ${userId} and a.passed)`.as(
        'passed',
      ),
    ])
    .where('q.course_id', '=', courseId)
    .executeTakeFirst();
  if (!q || Number(q.n) === 0) return null;
  return Number(q.passed) > 0;
}

// ── Certificates ──────────────────────────────────────────────────────────────────────────────────────────
export interface IssueConfig {
  badgeKey: string;
  publicUrl: string;
}

export const DIRECTION_LABEL: Record<Direction, string> = {
  cav_inps: 'CAV → INPS',
  inps_cav: 'INPS → CAV',
  joint: 'Congiunto',
};

/** Issues her certificate of an edition, once she has completed it (signed VC-JWT and the fields it certifies). */
export async function issueCertificate(
  db: Db,
  ctx: Ctx,
  editionId: string,
  userId: string,
  config: IssueConfig,
): Promise<string> {
  const { edition: ed, course: c } = await editionToManage(db, ctx, editionId);
  const n = isUuid(userId) ? await enrolmentOf(db, ed.id, userId) : undefined;
  if (n?.status !== 'enrolled') throw new FormError({ issue: 'training.err.notEnrolled' });
  const p = await progress(db, c, ed.id, userId);
  if (!p.completed)
    throw new FormError({
      issue: messageRef(
        !p.over
          ? 'training.err.notOver'
          : p.pct < c.min_attendance_pct
            ? 'training.err.notCompleted'
            : 'training.err.quizNotPassed',
        { pct: p.pct, min: c.min_attendance_pct },
      ),
    });
  const existing = await db
    .selectFrom('training_certificate')
    .select('id')
    .where('edition_id', '=', ed.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (existing) return existing.id;
  const person = await db
    .selectFrom('app_user')
    .select(['display_name', 'email'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const enrolledIn = await db
    .selectFrom('training_enrolment')
    .select('organisation_id')
    .where('id', '=', n.id)
    .executeTakeFirstOrThrow();
  const ss = await sessions(db, ed.id);
  const firstDay = isoDateInRome((ss[0] as SessionRow).starts_at);
  const lastDay = isoDateInRome((ss.at(-1) as SessionRow).ends_at);
  const validFrom = new Date(Math.floor(now().getTime() / 1000) * 1000);
  const validUntil =
    c.validity_months === null
      ? null
      : new Date(
          Temporal.Instant.fromEpochMilliseconds(validFrom.getTime())
            .toZonedDateTimeISO(ZONE)
            .add({ months: c.validity_months }).epochMilliseconds,
        );
  const id = randomUUID();
  const code = newCode();
  const credential = buildCredential({
    certificateId: id,
    courseId: c.id,
    publicUrl: config.publicUrl,
    issuerName: `Ponte – ${c.org_name}`,
    courseTitle: c.title,
    objectives: c.objectives,
    directionLabel: DIRECTION_LABEL[c.direction],
    hours: c.hours,
    minAttendancePct: c.min_attendance_pct,
    firstDay,
    lastDay,
    validFrom,
    validUntil,
    recipient: person.email
      ? { value: person.email, type: 'emailAddress' }
      : { value: userId, type: 'identifier' },
    code,
  });
  const jwt = await signCredential(credential, config.badgeKey);
  return insertAudited(
    db,
    ctx,
    'training_certificate',
    {
      code,
      edition_id: ed.id,
      course_id: c.id,
      user_id: userId,
      organisation_id: enrolledIn.organisation_id,
      recipient_name: person.display_name,
      course_title: c.title,
      direction: c.direction,
      hours: c.hours,
      first_day: firstDay,
      last_day: lastDay,
      valid_from: validFrom,
      valid_until: validUntil,
      issuer_name: `Ponte – ${c.org_name}`,
      desk_qualifying: c.desk_qualifying,
      jwt,
      issued_by: ctx.userId,
      issued_at: now(),
    },
    'training.certificate.issue',
    {},
    id,
  );
}

export interface CertificateRow {
  id: string;
  code: string;
  user_id: string;
  organisation_id: string;
  course_id: string;
  edition_id: string;
  recipient_name: string;
  course_title: string;
  direction: Direction;
  hours: number;
  first_day: string;
  last_day: string;
  valid_from: Date;
  valid_until: Date | null;
  issuer_name: string;
  desk_qualifying: boolean;
  jwt: string;
  revoked_at: Date | null;
}

function certQuery(db: Db) {
  return db
    .selectFrom('training_certificate')
    .select([
      'id',
      'code',
      'user_id',
      'organisation_id',
      'course_id',
      'edition_id',
      'recipient_name',
      'course_title',
      'direction',
      'hours',
      'first_day',
      'last_day',
      'valid_from',
      'valid_until',
      'issuer_name',
      'desk_qualifying',
      'jwt',
      'revoked_at',
    ]);
}
type RawCert = Omit<
  CertificateRow,
  'hours' | 'valid_from' | 'valid_until' | 'revoked_at' | 'first_day' | 'last_day'
> & {
  hours: string;
  valid_from: Date | string;
  valid_until: Date | string | null;
  revoked_at: Date | string | null;
  first_day: string | Date;
  last_day: string | Date;
};
const day = (d: string | Date) =>
  typeof d === 'string'
    ? d.slice(0, 10)
    : Temporal.PlainDate.from({
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
      }).toString();
const toCert = (r: RawCert): CertificateRow => ({
  ...r,
  hours: Number(r.hours),
  first_day: day(r.first_day),
  last_day: day(r.last_day),
  valid_from: new Date(r.valid_from),
  valid_until: r.valid_until ? new Date(r.valid_until) : null,
  revoked_at: r.revoked_at ? new Date(r.revoked_at) : null,
});

export async function certificateById(db: Db, id: string): Promise<CertificateRow | null> {
  if (!isUuid(id)) return null;
  const r = await certQuery(db).where('id', '=', id).executeTakeFirst();
  return r ? toCert(r as RawCert) : null;
}

export async function certificateByCode(db: Db, code: string): Promise<CertificateRow | null> {
  const r = await certQuery(db).where('code', '=', code).executeTakeFirst();
  return r ? toCert(r as RawCert) : null;
}

export async function certificatesOfUser(db: Db, userId: string): Promise<CertificateRow[]> {
  const rows = await certQuery(db)
    .where('user_id', '=', userId)
    .orderBy('last_day', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => toCert(r as RawCert));
}

export async function certificatesOfEdition(db: Db, editionId: string): Promise<CertificateRow[]> {
  const rows = await certQuery(db).where('edition_id', '=', editionId).execute();
  return rows.map((r) => toCert(r as RawCert));
}

export type CertState = 'valid' | 'expired' | 'revoked';
export function stateOf(
  c: { revoked_at: Date | null; valid_until: Date | null },
  at: Date = now(),
): CertState {
  if (c.revoked_at) return 'revoked';
  if (c.valid_until && c.valid_until.getTime() <= at.getTime()) return 'expired';
  return 'valid';
}

/** Her own certificate (another person's is "not found"). */
export async function ownCertificate(db: Db, ctx: Ctx, id: string): Promise<CertificateRow> {
  const c = await certificateById(db, id);
  if (!c || c.user_id !== ctx.userId) return notFound();
  return c;
}

/** A certificate of a course the actor manages. */
export async function certificateToManage(db: Db, ctx: Ctx, id: string) {
  const cert = await certificateById(db, id);
  if (!cert) return notFound();
  const c = await course(db, cert.course_id);
  if (!manages(ctx, c)) return notFound();
  return cert;
}

/** Revokes a certificate with a reason (audited; the reason is never shown publicly). */
export async function revokeCertificate(db: Db, ctx: Ctx, id: string, input: { reason?: string }) {
  const cert = await certificateToManage(db, ctx, id);
  const { values, errors } = checkTexts(input, { reason: { max: 1000, multiline: true } });
  const e: Errors = { ...(errors as Errors) };
  if (!e.reason && values.reason === '') e.reason = 'training.err.reason';
  if (Object.keys(e).length) throw new FormError(e);
  if (cert.revoked_at) return;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('training_certificate')
      .set({ revoked_at: now(), revoked_by: ctx.userId, revoke_reason: values.reason })
      .where('id', '=', cert.id)
      .where('revoked_at', 'is', null)
      .execute();
    await audit(tx, ctx, 'training.certificate.revoke', 'training_certificate', cert.id, {
      reason: values.reason,
    });
  });
}

/** Her hours per calendar year (of the last day of each course), from certificates not revoked. */
export function hoursPerYear(certs: readonly CertificateRow[]): { year: number; hours: number }[] {
  const by = new Map<number, number>();
  for (const c of certs) {
    if (c.revoked_at) continue;
    const y = Number(c.last_day.slice(0, 4));
    by.set(y, (by.get(y) ?? 0) + c.hours);
  }
  return [...by.entries()].sort((a, b) => b[0] - a[0]).map(([year, hours]) => ({ year, hours }));
}

export const YEARLY_TARGET_HOURS = 40;

// ── Desk qualification ────────────────────────────────────────────────────────────────────────────────────
/**
 * Whether a person may staff a desk today: a valid certificate (not revoked, not expired) of a course with the desk
 * flag, or a recognised earlier training not revoked and not expired.
 */
export async function isDeskQualified(db: Db, userId: string, at: Date = now()): Promise<boolean> {
  return (await deskQualified(db, [userId], at)).has(userId);
}

/** The certificates of `userIds` that qualify for the desks at `at`: of a desk course, not revoked, not expired. */
const qualifyingCertificates = (db: Db, userIds: readonly string[], at: Date) =>
  db
    .selectFrom('training_certificate')
    .where('user_id', 'in', userIds)
    .where('desk_qualifying', '=', true)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', at)]));

/** The recognitions in force on `today` (YYYY-MM-DD): not revoked, not expired. */
const recognitionsInForce = (db: Db, today: string) =>
  db
    .selectFrom('training_recognition')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]));

/** The people among `userIds` who may staff a desk at `at`. */
export async function deskQualified(
  db: Db,
  userIds: readonly string[],
  at: Date = now(),
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const today = isoDateInRome(at);
  const certs = await qualifyingCertificates(db, userIds, at).select('user_id').execute();
  const recs = await recognitionsInForce(db, today)
    .select('user_id')
    .where('user_id', 'in', userIds)
    .execute();
  return new Set([...certs, ...recs].map((r) => r.user_id));
}

// ── Recognised earlier training ───────────────────────────────────────────────────────────────────────────
/** The officers of the director's office, each with her recognitions and whether she qualifies for the desks. */
export async function officersForRecognition(db: Db, officeId: string) {
  const officers = await db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name as name'])
    .where('m.organisation_id', '=', officeId)
    .where('m.role', '=', 'inps_officer')
    .orderBy('u.display_name')
    .execute();
  const ids = officers.map((o) => o.id);
  const qualified = await deskQualified(db, ids);
  const recs = ids.length
    ? await db
        .selectFrom('training_recognition as r')
        .innerJoin('app_user as b', 'b.id', 'r.recognised_by')
        .select([
          'r.id',
          'r.user_id',
          'r.reason',
          'r.expires_on',
          'r.recognised_at',
          'r.migrated',
          'r.revoked_at',
          'b.display_name as by_name',
        ])
        .where('r.user_id', 'in', ids)
        .orderBy('r.recognised_at', 'desc')
        .execute()
    : [];
  return officers.map((o) => ({
    ...o,
    qualified: qualified.has(o.id),
    recognitions: recs
      .filter((r) => r.user_id === o.id)
      .map((r) => ({
        ...r,
        recognised_at: new Date(r.recognised_at),
        revoked_at: r.revoked_at ? new Date(r.revoked_at) : null,
        expires_on: r.expires_on ? day(r.expires_on as string | Date) : null,
      })),
  }));
}

export async function recognise(
  db: Db,
  ctx: Ctx,
  input: { person?: string; reason?: string; expires_on?: string },
): Promise<void> {
  const officers = await officersForRecognition(db, ctx.orgId);
  const e: Errors = {};
  if (!officers.some((o) => o.id === input.person)) e.person = 'training.err.officer';
  const { values, errors } = checkTexts(input, { reason: { max: 1000, multiline: true } });
  if (errors.reason) e.reason = errors.reason;
  else if (values.reason === '') e.reason = 'training.err.recogniseReason';
  const d = checkDate(input.expires_on, plausibleFuture({ years: 10 }));
  if (!d.ok) e.expires_on = d.error;
  if (Object.keys(e).length) throw new FormError(e);
  await db.transaction().execute(async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('training_recognition')
      .values({
        id,
        user_id: input.person as string,
        organisation_id: ctx.orgId,
        recognised_by: ctx.userId,
        recognised_at: now(),
        reason: values.reason,
        expires_on: d.ok && d.iso ? d.iso : null,
      })
      .execute();
    await audit(tx, ctx, 'training.recognition.add', 'app_user', input.person as string, { recognition: id });
  });
}

export async function revokeRecognition(db: Db, ctx: Ctx, recognitionId: string): Promise<void> {
  if (!isUuid(recognitionId)) return notFound();
  const officers = await officersForRecognition(db, ctx.orgId);
  const rec = officers.flatMap((o) => o.recognitions).find((r) => r.id === recognitionId);
  if (!rec) return notFound();
  if (rec.revoked_at) return;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('training_recognition')
      .set({ revoked_at: now(), revoked_by: ctx.userId })
      .where('id', '=', recognitionId)
      .execute();
    await audit(tx, ctx, 'training.recognition.revoke', 'app_user', rec.user_id, {
      recognition: recognitionId,
    });
  });
}

export { todayInRome };

// ── What the desks read (through index.ts) ────────────────────────────────────────────────────────────────
export interface DeskMark {
  trained: boolean;
  /** 'training': a valid certificate of a desk-flagged course; 'director': a recognised earlier training. */
  source: 'director' | 'training' | null;
  set_at: Date | null;
  set_by_name: string | null;
}

/** The desk qualification of each person: from a certificate first, else from a recognition. */
export async function deskMarks(
  db: Db,
  userIds: readonly string[],
  at: Date = now(),
): Promise<Map<string, DeskMark>> {
  const out = new Map<string, DeskMark>();
  if (userIds.length === 0) return out;
  const today = isoDateInRome(at);
  const recs = await db
    .selectFrom('training_recognition as r')
    .innerJoin('app_user as b', 'b.id', 'r.recognised_by')
    .select(['r.user_id', 'r.recognised_at', 'b.display_name'])
    .where('r.user_id', 'in', userIds)
    .where('r.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('r.expires_on', 'is', null), eb('r.expires_on', '>=', today)]))
    .orderBy('r.recognised_at', 'desc')
    .execute();
  for (const r of recs)
    if (!out.has(r.user_id))
      out.set(r.user_id, {
        trained: true,
        source: 'director',
        set_at: new Date(r.recognised_at),
        set_by_name: r.display_name,
      });
  const certs = await qualifyingCertificates(db, userIds, at)
    .select(['user_id', 'issued_at', 'issuer_name'])
    .orderBy('issued_at', 'desc')
    .execute();
  for (const c of certs)
    out.set(c.user_id, {
      trained: true,
      source: 'training',
      set_at: new Date(c.issued_at),
      set_by_name: c.issuer_name,
    });
  return out;
}

/** The reason of a recognition made with the desks page's one-click mark (kept for its existing flow). */
export const DESK_MARK_REASON =
  'Segnata come formata sull’accoglienza dal direttore nella pagina «Funzionari formati» degli sportelli';

/** A recognition from the desks page's mark; false when she already holds one in force. */
export async function recordDeskMark(db: Db, userId: string, by: string, at: Date): Promise<boolean> {
  const today = isoDateInRome(at);
  const existing = await recognitionsInForce(db, today)
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (existing) return false;
  const org = await db
    .selectFrom('membership')
    .select('organisation_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'inps_officer')
    .orderBy('organisation_id')
    .executeTakeFirst();
  await db
    .insertInto('training_recognition')
    .values({
      id: randomUUID(),
      user_id: userId,
      organisation_id: org?.organisation_id ?? null,
      recognised_by: by,
      recognised_at: at,
      reason: DESK_MARK_REASON,
    })
    .execute();
  return true;
}

/** Revokes her recognitions in force (the desks page's "remove the mark"); her certificates are not touched. */
export async function revokeDeskRecognitions(
  db: Db,
  userId: string,
  by: string | null,
  at: Date = now(),
): Promise<boolean> {
  const r = await db
    .updateTable('training_recognition')
    .set({ revoked_at: at, revoked_by: by })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
