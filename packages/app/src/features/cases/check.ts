import { randomUUID } from 'node:crypto';
import { type Assessment, assess, type Lang, type Result, rulesVersion } from '@ponte/rules';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now, todayIso } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  buildSituation,
  nextQuestion,
  parseAll,
  type Question,
  questionById,
  restoreState,
  rulesCover,
  toRaw,
  type Values,
} from '../public/index.ts';
import type { CaseRow } from './repository.ts';
import { type Actor, requireOpen } from './service.ts';

// The benefits check on a case: the public check's questions (features/public), asked one topic per page in the
// order the engine's `missing` makes decisive, then stored with the situation, the assessment and the rules
// version. A re-run starts from the last answers: only what changed (or what a changed answer now needs) is asked.

export interface CheckState {
  asked: string[];
  values: Values;
}

/** Not a contract question: where she lives is not needed on a case (her CAV knows). */
const PLACE_ID = 'comune';

export function stateFromBody(body: Record<string, string>, today = todayIso()): CheckState {
  return restoreState(body, today);
}

/** Records the answers to `q`, keeping its place if it was answered before (dependent questions stay valid). */
export function answer(state: CheckState, q: Question, values: Values): CheckState {
  const asked = state.asked.includes(q.id) ? state.asked : [...state.asked, q.id];
  return { asked, values: { ...state.values, ...values } };
}

export function assessState(state: CheckState, lang: Lang, today = todayIso()): Assessment {
  return assess(buildSituation(state.asked, state.values, today), { lang });
}

/** Whether the engine's rules cover `today`; outside them every check would come back empty (issue 10). */
export function rulesCoverToday(today = todayIso()): boolean {
  return rulesCover(today);
}

/** The next decisive question, or undefined when the check has nothing more to ask. */
export function next(state: CheckState, assessment: Assessment): Question | undefined {
  const q = nextQuestion(state, assessment);
  return q && q.id !== PLACE_ID ? q : undefined;
}

export function parseStep(q: Question, state: CheckState, body: Record<string, string>, today = todayIso()) {
  return parseAll(q.fields(state.values), body, today);
}

export { questionById };

/** The form values that show stored answers again (editing a question): the public check's own. */
export const rawOf = toRaw;

export interface BenefitChange {
  benefit: string;
  name: string;
  before?: { status: Result['status']; amount?: Record<string, number> };
  after?: { status: Result['status']; amount?: Record<string, number> };
}

/** What changed between two assessments, per benefit: status or amount. */
export function changes(before: Assessment | undefined, after: Assessment): BenefitChange[] {
  if (!before) return [];
  const prev = new Map(before.results.map((r) => [r.benefit, r]));
  const out: BenefitChange[] = [];
  for (const r of after.results) {
    const p = prev.get(r.benefit);
    prev.delete(r.benefit);
    if (p && p.status === r.status && JSON.stringify(p.amount ?? null) === JSON.stringify(r.amount ?? null))
      continue;
    out.push({
      benefit: r.benefit,
      name: r.name,
      before: p ? { status: p.status, amount: p.amount } : undefined,
      after: { status: r.status, amount: r.amount },
    });
  }
  for (const p of prev.values())
    out.push({ benefit: p.benefit, name: p.name, before: { status: p.status, amount: p.amount } });
  return out;
}

const MONTHS = new Map(
  [
    'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    'january february march april may june july august september october november december',
  ].flatMap((names) => names.split(' ').map((n, i) => [n, String(i + 1).padStart(2, '0')] as const)),
);

/** The calendar days written in a text: "7 dicembre 2026" / "7 December 2026" (the engine's), dd/mm/yyyy, ISO. */
export function datesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(\d{1,2}) (\p{L}+) (\d{4})\b/gu)) {
    const month = MONTHS.get((m[2] as string).toLowerCase());
    if (month) out.push(`${m[3]}-${month}-${(m[1] as string).padStart(2, '0')}`);
  }
  for (const m of text.matchAll(/\b(\d{2})\/(\d{2})\/(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b/g))
    out.push(m[1] ? `${m[3]}-${m[2]}-${m[1]}` : `${m[4]}-${m[5]}-${m[6]}`);
  return out;
}

/**
 * Deadlines the engine states with a date (reasons about a deadline, still met, for a benefit that is not
 * excluded): the latest date in the reason's text, if it is today or later.
 */
export function deadlines(
  a: Assessment,
  today = todayIso(),
): { benefit: string; name: string; dueOn: string }[] {
  const out: { benefit: string; name: string; dueOn: string }[] = [];
  for (const r of a.results) {
    if (r.status === 'not_eligible') continue;
    let due: string | undefined;
    for (const reason of r.reasons) {
      if (!/deadline/.test(reason.code) || reason.met === false) continue;
      for (const day of datesIn(reason.text)) if (day >= today && (!due || day > due)) due = day;
    }
    if (due) out.push({ benefit: r.benefit, name: r.name, dueOn: due });
  }
  return out;
}

/**
 * Stores a run of the check (situation, assessment, rules version, answers) and replaces the engine's open due
 * items of the case with the deadlines of this run, in one audited transaction. Returns the screening id.
 */
export async function saveScreening(
  db: Db,
  actor: Actor,
  c: CaseRow,
  state: CheckState,
  lang: Lang,
): Promise<string> {
  requireOpen(c);
  const today = todayIso();
  const situation = buildSituation(state.asked, state.values, today);
  const assessment = assess(situation, { lang });
  // Never store an assessment the engine refused (a date outside its rules): it has no results, and would replace
  // the case's deadlines with none. The routes show why before it comes to this.
  if (assessment.error)
    throw new Error(`saveScreening: the engine refused the situation (${assessment.error.code})`);
  const id = randomUUID();
  const due = deadlines(assessment, today);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('screening')
      .values({
        id,
        case_id: c.id,
        situation: JSON.stringify(situation),
        assessment: JSON.stringify(assessment),
        rules_version: rulesVersion,
        run_by: actor.userId,
        run_at: now(),
        answers: JSON.stringify({ asked: state.asked, values: state.values }),
      })
      .execute();
    await tx
      .deleteFrom('due_item')
      .where('case_id', '=', c.id)
      .where('source', '=', 'engine')
      .where('done_at', 'is', null)
      .execute();
    if (due.length) {
      await tx
        .insertInto('due_item')
        .values(
          due.map((d) => ({
            id: randomUUID(),
            case_id: c.id,
            kind: 'apply',
            benefit: d.benefit,
            due_on: d.dueOn,
            title_key: 'cases.due.apply',
            params: JSON.stringify({ name: d.name }),
            source: 'engine' as const,
            created_at: now(),
          })),
        )
        .execute();
    }
    await appendAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'case.screening_run',
      entityType: 'case',
      entityId: c.id,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      details: {
        screeningId: id,
        rulesVersion,
        eligible: assessment.results.filter((r) => r.status === 'eligible').map((r) => r.benefit),
        dueItems: due.length,
      },
    });
  });
  return id;
}

/** The answers of the last run, to start a re-run from. */
export function stateOf(answers: { asked?: string[]; values?: Values } | undefined): CheckState {
  return { asked: [...(answers?.asked ?? [])], values: { ...(answers?.values ?? {}) } };
}

/** The hidden fields that carry the state between steps (the format restoreState reads). */
export function hiddenOf(state: CheckState): Record<string, string> {
  const out: Record<string, string> = { asked: state.asked.join(' ') };
  for (const [k, v] of Object.entries(state.values)) out[`a.${k}`] = v;
  return out;
}
