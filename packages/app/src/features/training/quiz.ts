import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { PonteError } from '../../platform/errors.ts';
import { checkTexts, messageRef } from '../../platform/forms/text.ts';
import {
  audit,
  type CourseRow,
  type Ctx,
  courseToManage,
  type Errors,
  edition,
  enrolmentOf,
  FormError,
  progress,
} from './service.ts';

// The optional final quiz of a course (issue 14, decision 0061): the trainer writes questions with one right answer,
// a pass mark and how many attempts a person has; the person takes it once she has attended enough of the hours;
// with a quiz, completing the course (and so the certificate) needs a pass. Her answers are not kept, only the
// score of each attempt.

export const MAX_OPTIONS = 6;
export const MAX_QUESTIONS = 50;

export interface QuizQuestion {
  id: string;
  text: string;
  options: string[];
  correct: number;
}

export interface Quiz {
  passPct: number;
  maxAttempts: number;
  questions: QuizQuestion[];
}

const parseOptions = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? (JSON.parse(v) as string[]) : [];

/** The course's quiz, or null when the trainer has not set one. */
export async function quizOf(db: Db, courseId: string): Promise<Quiz | null> {
  const q = await db
    .selectFrom('training_quiz')
    .select(['pass_pct', 'max_attempts'])
    .where('course_id', '=', courseId)
    .executeTakeFirst();
  if (!q) return null;
  const rows = await db
    .selectFrom('training_quiz_question')
    .select(['id', 'text', 'options', 'correct'])
    .where('course_id', '=', courseId)
    .orderBy('position')
    .execute();
  return {
    passPct: q.pass_pct,
    maxAttempts: q.max_attempts,
    questions: rows.map((r) => ({
      id: r.id,
      text: r.text,
      options: parseOptions(r.options),
      correct: r.correct,
    })),
  };
}

/** A whole number typed in a form within [min, max], or null. */
function wholeIn(raw: string | undefined, min: number, max: number): number | null {
  const s = (raw ?? '').trim();
  if (!/^\d{1,4}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** Sets the pass mark and the attempts of the course's quiz (the trainer of the course). */
export async function saveQuizSettings(
  db: Db,
  ctx: Ctx,
  courseId: string,
  input: { pass_pct?: string; max_attempts?: string },
): Promise<void> {
  const c = await courseToManage(db, ctx, courseId);
  const e: Errors = {};
  const pass = wholeIn(input.pass_pct, 1, 100);
  if (pass === null) e.pass_pct = 'training.err.passPct';
  const attempts = wholeIn(input.max_attempts, 1, 10);
  if (attempts === null) e.max_attempts = 'training.err.maxAttempts';
  if (Object.keys(e).length) throw new FormError(e);
  const row = {
    pass_pct: pass as number,
    max_attempts: attempts as number,
    updated_by: ctx.userId,
    updated_at: now(),
  };
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('training_quiz')
      .values({ course_id: c.id, ...row })
      .onConflict((oc) => oc.column('course_id').doUpdateSet(row))
      .execute();
    await audit(tx, ctx, 'training.quiz.settings', 'training_course', c.id, {
      pass_pct: pass,
      max_attempts: attempts,
    });
  });
}

/** Adds a question: its text, two to six options (empty ones left out), and which one is right. */
export async function addQuestion(
  db: Db,
  ctx: Ctx,
  courseId: string,
  input: Record<string, string | undefined>,
): Promise<void> {
  const c = await courseToManage(db, ctx, courseId);
  const names = Array.from({ length: MAX_OPTIONS }, (_, i) => `option_${i + 1}`);
  const { values, errors } = checkTexts(input, {
    question: { max: 1000, multiline: true },
    ...Object.fromEntries(names.map((n) => [n, { max: 300 }])),
  });
  const e: Errors = { ...(errors as Errors) };
  if (!e.question && values.question === '') e.question = 'training.err.question';
  // The options typed, keeping the number of each so that "right answer" points at what she saw.
  const typed = names
    .map((n, i) => ({ i, text: (values as Record<string, string>)[n] ?? '' }))
    .filter((o) => o.text !== '');
  if (typed.length < 2) e.option_1 = 'training.err.options';
  const right = wholeIn(input.correct, 1, MAX_OPTIONS);
  const rightIndex = typed.findIndex((o) => o.i === (right ?? 0) - 1);
  if (right === null || rightIndex < 0) e.correct = 'training.err.correct';
  const quiz = await db
    .selectFrom('training_quiz')
    .select('course_id')
    .where('course_id', '=', c.id)
    .executeTakeFirst();
  if (!quiz) e.question = 'training.err.quizFirst';
  if (Object.keys(e).length) throw new FormError(e);
  await db.transaction().execute(async (tx) => {
    await tx
      .selectFrom('training_quiz')
      .select('course_id')
      .where('course_id', '=', c.id)
      .forUpdate()
      .execute();
    const last = await tx
      .selectFrom('training_quiz_question')
      .select([sql<number>`coalesce(max(position), 0)::int`.as('p'), sql<number>`count(*)::int`.as('n')])
      .where('course_id', '=', c.id)
      .executeTakeFirst();
    if (Number(last?.n ?? 0) >= MAX_QUESTIONS)
      throw new FormError({ question: messageRef('training.err.tooManyQuestions', { max: MAX_QUESTIONS }) });
    const id = randomUUID();
    await tx
      .insertInto('training_quiz_question')
      .values({
        id,
        course_id: c.id,
        position: Number(last?.p ?? 0) + 1,
        text: values.question as string,
        options: JSON.stringify(typed.map((o) => o.text)),
        correct: rightIndex,
        created_by: ctx.userId,
        created_at: now(),
      })
      .execute();
    await audit(tx, ctx, 'training.quiz.question', 'training_course', c.id, { question: id });
  });
}

export interface QuizState {
  course: CourseRow;
  editionId: string;
  quiz: Quiz;
  attempts: { attempt: number; score_pct: number; passed: boolean }[];
  /** She may take it now: enrolled, enough hours attended, not passed yet, attempts left. */
  open: boolean;
  /** Why she may not, as a message key (with its parameters), when she may not. */
  closed: { key: string; params: Record<string, string | number> } | null;
}

/** The quiz of an edition as she sees it; "not found" when the course has no quiz or she is not enrolled. */
export async function quizFor(db: Db, ctx: Ctx, editionId: string): Promise<QuizState> {
  const { edition: ed, course: c } = await edition(db, editionId);
  const quiz = await quizOf(db, c.id);
  const n = await enrolmentOf(db, ed.id, ctx.userId);
  if (!quiz || quiz.questions.length === 0 || n?.status !== 'enrolled')
    throw new PonteError('PONTE_ERR_NOT_FOUND');
  const attempts = await db
    .selectFrom('training_quiz_attempt')
    .select(['attempt', 'score_pct', 'passed'])
    .where('edition_id', '=', ed.id)
    .where('user_id', '=', ctx.userId)
    .orderBy('attempt')
    .execute();
  const p = await progress(db, c, ed.id, ctx.userId);
  let closed: QuizState['closed'] = null;
  if (attempts.some((a) => a.passed)) closed = { key: 'training.quiz.alreadyPassed', params: {} };
  else if (attempts.length >= quiz.maxAttempts)
    closed = { key: 'training.quiz.noAttempts', params: { n: quiz.maxAttempts } };
  else if (p.pct < c.min_attendance_pct)
    closed = { key: 'training.quiz.notYet', params: { pct: p.pct, min: c.min_attendance_pct } };
  return { course: c, editionId: ed.id, quiz, attempts, open: closed === null, closed };
}

/**
 * Records an attempt: every question answered with one of its options (else a message next to it, nothing
 * recorded); the score is the share of right answers, a pass at the course's mark. Answers `passed`.
 */
export async function takeQuiz(
  db: Db,
  ctx: Ctx,
  editionId: string,
  answers: Record<string, string | undefined>,
): Promise<{ passed: boolean; score: number }> {
  const s = await quizFor(db, ctx, editionId);
  if (!s.open) throw new FormError({ quiz: messageRef(s.closed?.key as string, s.closed?.params ?? {}) });
  const e: Errors = {};
  let right = 0;
  for (const q of s.quiz.questions) {
    const raw = answers[`q_${q.id}`];
    const n = raw === undefined ? null : wholeIn(raw, 0, q.options.length - 1);
    if (n === null) e[`q_${q.id}`] = 'training.err.answer';
    else if (n === q.correct) right++;
  }
  if (Object.keys(e).length) throw new FormError(e);
  const score = Math.floor((right / s.quiz.questions.length) * 100);
  const passed = score >= s.quiz.passPct;
  await db.transaction().execute(async (tx) => {
    // Her enrolment is locked so that two attempts sent at once cannot both count as the last one.
    await tx
      .selectFrom('training_enrolment')
      .select('id')
      .where('edition_id', '=', s.editionId)
      .where('user_id', '=', ctx.userId)
      .forUpdate()
      .execute();
    const done = await tx
      .selectFrom('training_quiz_attempt')
      .select([sql<number>`count(*)::int`.as('n'), sql<number>`count(*) filter (where passed)::int`.as('ok')])
      .where('edition_id', '=', s.editionId)
      .where('user_id', '=', ctx.userId)
      .executeTakeFirst();
    if (Number(done?.ok ?? 0) > 0 || Number(done?.n ?? 0) >= s.quiz.maxAttempts)
      throw new FormError({ quiz: messageRef('training.quiz.noAttempts', { n: s.quiz.maxAttempts }) });
    const id = randomUUID();
    await tx
      .insertInto('training_quiz_attempt')
      .values({
        id,
        edition_id: s.editionId,
        user_id: ctx.userId,
        attempt: Number(done?.n ?? 0) + 1,
        score_pct: score,
        passed,
        taken_at: now(),
      })
      .execute();
    await audit(tx, ctx, 'training.quiz.attempt', 'training_edition', s.editionId, { score, passed });
  });
  return { passed, score };
}
