import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { PonteError } from '../../platform/errors.ts';
import { checkTexts } from '../../platform/forms/text.ts';
import {
  audit,
  type CourseRow,
  type Ctx,
  type Errors,
  edition,
  editionToManage,
  enrolmentOf,
  FormError,
  sessions,
} from './service.ts';

// The feedback questionnaire after a course (issue 14, decision 0061). Her answers are stored WITHOUT her: a row of
// `training_feedback` has the edition and the answers only (a random id, no person, no time), and a separate
// `training_feedback_given` row says that she has answered, to stop a second answer. Both are written in one
// transaction, and nothing (id, order, time) links the two. The trainer sees only the totals, and only once at
// least MIN_ANSWERS people have answered.

export const MIN_ANSWERS = 5;
export const SCALE = [1, 2, 3, 4, 5] as const;

export interface FeedbackState {
  course: CourseRow;
  editionId: string;
  /** Why she may not answer, as a message key, when she may not. */
  closed: string | null;
}

/** The questionnaire of an edition as she sees it; "not found" unless she is enrolled in it. */
export async function feedbackFor(db: Db, ctx: Ctx, editionId: string): Promise<FeedbackState> {
  const { edition: ed, course } = await edition(db, editionId);
  const n = await enrolmentOf(db, ed.id, ctx.userId);
  if (n?.status !== 'enrolled') throw new PonteError('PONTE_ERR_NOT_FOUND');
  const given = await db
    .selectFrom('training_feedback_given')
    .select('user_id')
    .where('edition_id', '=', ed.id)
    .where('user_id', '=', ctx.userId)
    .executeTakeFirst();
  let closed: string | null = null;
  if (given) closed = 'training.feedback.already';
  else if (!(await isOver(db, ed.id))) closed = 'training.feedback.notYet';
  return { course, editionId: ed.id, closed };
}

/** Every session of the edition has ended. */
export async function isOver(db: Db, editionId: string): Promise<boolean> {
  const ss = await sessions(db, editionId);
  return ss.length > 0 && ss.every((s) => s.ends_at.getTime() <= now().getTime());
}

/** A score typed on the scale from 1 to 5, or null. */
const score = (raw: string | undefined): number | null =>
  /^[1-5]$/.test((raw ?? '').trim()) ? Number(raw) : null;

/** Records her answers without her, and that she has answered; a second answer is refused. */
export async function giveFeedback(
  db: Db,
  ctx: Ctx,
  editionId: string,
  input: { usefulness?: string; clarity?: string; comment?: string },
): Promise<void> {
  const s = await feedbackFor(db, ctx, editionId);
  if (s.closed) throw new FormError({ feedback: s.closed });
  const e: Errors = {};
  const usefulness = score(input.usefulness);
  if (usefulness === null) e.usefulness = 'training.err.scale';
  const clarity = score(input.clarity);
  if (clarity === null) e.clarity = 'training.err.scale';
  const { values, errors } = checkTexts(input, { comment: { max: 2000, multiline: true } });
  if (errors.comment) e.comment = errors.comment;
  if (Object.keys(e).length) throw new FormError(e);
  await db.transaction().execute(async (tx) => {
    const marked = await tx
      .insertInto('training_feedback_given')
      .values({ edition_id: s.editionId, user_id: ctx.userId })
      .onConflict((oc) => oc.columns(['edition_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(marked.numInsertedOrUpdatedRows ?? 0) === 0)
      throw new FormError({ feedback: 'training.feedback.already' });
    await tx
      .insertInto('training_feedback')
      .values({
        id: randomUUID(),
        edition_id: s.editionId,
        usefulness: usefulness as number,
        clarity: clarity as number,
        comment: values.comment === '' ? null : values.comment,
      })
      .execute();
    // The audit says that she answered (as the marker does), never what.
    await audit(tx, ctx, 'training.feedback.given', 'training_edition', s.editionId);
  });
}

export interface FeedbackResults {
  answers: number;
  /** Null while fewer than MIN_ANSWERS people have answered. */
  totals: {
    usefulness: { average: number; counts: number[] };
    clarity: { average: number; counts: number[] };
    /** The comments, in alphabetical order (never the order they came in). */
    comments: string[];
  } | null;
}

/** The totals of an edition's questionnaire, for one who manages the course. */
export async function feedbackResults(db: Db, ctx: Ctx, editionId: string): Promise<FeedbackResults> {
  const { edition: ed } = await editionToManage(db, ctx, editionId);
  const rows = await db
    .selectFrom('training_feedback')
    .select(['usefulness', 'clarity', 'comment'])
    .where('edition_id', '=', ed.id)
    .orderBy(sql`comment`)
    .execute();
  if (rows.length < MIN_ANSWERS) return { answers: rows.length, totals: null };
  const of = (pick: (r: (typeof rows)[number]) => number) => ({
    average: Math.round((rows.reduce((n, r) => n + pick(r), 0) / rows.length) * 10) / 10,
    counts: SCALE.map((v) => rows.filter((r) => pick(r) === v).length),
  });
  return {
    answers: rows.length,
    totals: {
      usefulness: of((r) => r.usefulness),
      clarity: of((r) => r.clarity),
      comments: rows
        .map((r) => r.comment)
        .filter((c): c is string => !!c)
        .sort((a, b) => a.localeCompare(b, 'it')),
    },
  };
}
