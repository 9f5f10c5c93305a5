// The guided check: which question comes next, following the engine's `missing`, and the final assessment.
// Stateless: the state is rebuilt from the posted form at every step and never stored.
import { type Assessment, assess, type Lang, type Result } from '@ponte/rules';
import {
  buildSituation,
  type FieldSpec,
  PLACE,
  parseField,
  type Question,
  questionById,
  questionForPath,
  type Values,
} from './questions.ts';

/** At most this many questions from the engine, then the result (the place question comes on top). */
export const MAX_QUESTIONS = 15;

/** Benefits shown as information (for her children, for a future employer): they never drive the questions. */
export const INFO_ONLY: ReadonlySet<string> = new Set(['orfani_crimini_domestici', 'esonero_assunzione']);

export interface CheckState {
  /** Question ids in the order they were answered. */
  asked: string[];
  values: Values;
}

/**
 * Rebuilds the state from the hidden fields (`asked` and `a.<field>`), parsing every value again: a value that
 * does not parse (the form was altered) drops its question, which will simply be asked again.
 */
export function restoreState(body: Record<string, string>, today: string): CheckState {
  const state: CheckState = { asked: [], values: {} };
  const ids = (body.asked ?? '').split(' ').filter(Boolean).slice(0, 80);
  for (const id of ids) {
    const q = questionById(id);
    if (!q || state.asked.includes(id) || (q.when && !q.when(state.values))) continue;
    const raw: Record<string, string> = {};
    for (const f of q.fields(state.values)) raw[f.name] = body[`a.${f.name}`] ?? '';
    const parsed = parseAll(q.fields(state.values), raw, today);
    if (!parsed.ok) continue;
    Object.assign(state.values, parsed.values);
    state.asked.push(id);
  }
  return state;
}

export type ParsedAnswers =
  | { ok: true; values: Values }
  | { ok: false; errors: Record<string, string>; typed: Record<string, string> };

/** Parses the fields of one question; errors are message keys by field name. */
export function parseAll(fields: FieldSpec[], raw: Record<string, string>, today: string): ParsedAnswers {
  const values: Values = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const r = parseField(f, raw, today);
    if (r.ok) values[f.name] = r.value;
    else errors[f.name] = r.error;
  }
  return Object.keys(errors).length ? { ok: false, errors, typed: raw } : { ok: true, values };
}

/** Records the answers to `q` (replacing an earlier answer to the same question). */
export function answer(state: CheckState, q: Question, values: Values): CheckState {
  const asked = state.asked.filter((id) => id !== q.id);
  asked.push(q.id);
  return { asked, values: { ...state.values, ...values } };
}

/** Forgets the last answered question; returns it with its answers, to show it again. */
export function stepBack(state: CheckState): { state: CheckState; question?: Question; values: Values } {
  const last = state.asked.at(-1);
  const q = last === undefined ? undefined : questionById(last);
  if (!q) return { state, values: {} };
  const values: Values = {};
  const rest: Values = { ...state.values };
  for (const f of q.fields(state.values)) {
    if (f.name in rest) values[f.name] = rest[f.name] as string;
    delete rest[f.name];
  }
  return { state: { asked: state.asked.slice(0, -1), values: rest }, question: q, values };
}

/**
 * Whether the engine's rules cover `day`. The engine knows its years (parameters with dated values) and refuses any
 * other date with PONTE_ERR_DATE_OUT_OF_RANGE, whatever the situation: then no check can give a result, and the
 * pages say so instead of showing an empty result.
 */
export function rulesCover(day: string): boolean {
  if (covered?.day !== day)
    covered = { day, ok: assess({ date: day }).error?.code !== 'PONTE_ERR_DATE_OUT_OF_RANGE' };
  return covered.ok;
}
let covered: { day: string; ok: boolean } | undefined;

export function assessState(state: CheckState, today: string, lang: Lang, region?: string): Assessment {
  return assess(buildSituation(state.asked, state.values, today, region), { lang });
}

/**
 * The most decisive unanswered question: the contract paths missing from the results that are still open
 * (undetermined results count twice, eligible ones only for their amount), by how many results they would
 * settle, then by how early the results list them. Paths without a question, or already asked, are skipped.
 */
export function nextQuestion(state: CheckState, assessment: Assessment): Question | undefined {
  const engineAsked = state.asked.filter((id) => id !== PLACE.id).length;
  if (engineAsked < MAX_QUESTIONS) {
    const scores = new Map<string, { n: number; pos: number }>();
    for (const r of assessment.results) {
      if (r.status === 'not_eligible' || INFO_ONLY.has(r.benefit)) continue;
      const weight = r.status === 'undetermined' ? 2 : 1;
      r.missing.forEach((path, i) => {
        const q = questionForPath(path);
        if (!q) return;
        const s = scores.get(q.id) ?? { n: 0, pos: 0 };
        s.n += weight;
        s.pos += i;
        scores.set(q.id, s);
      });
    }
    const ranked = [...scores.entries()].sort((a, b) => b[1].n - a[1].n || a[1].pos - b[1].pos);
    for (const [id] of ranked) {
      const q = questionById(id);
      if (!q || state.asked.includes(id)) continue;
      if (q.when && !q.when(state.values)) continue;
      return q;
    }
  }
  if (!state.asked.includes(PLACE.id)) return PLACE;
  return undefined;
}

/** The questions that would still settle a result (for "what is left to check" on the result page). */
export function openQuestions(r: Result): Question[] {
  const out: Question[] = [];
  for (const p of r.missing) {
    const q = questionForPath(p);
    if (q && !out.includes(q)) out.push(q);
  }
  return out;
}
