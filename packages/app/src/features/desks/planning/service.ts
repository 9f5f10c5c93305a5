import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../../platform/db/database.ts';
import type { DeskExceptionKind } from '../../../platform/db/schema.ts';
import { PonteError } from '../../../platform/errors.ts';
import { checkText } from '../../../platform/forms/text.ts';
import * as repo from '../booking/repository.ts';
import {
  dateError,
  isItalianHoliday,
  parseDate,
  parseTime,
  planDate,
  romeDateTime,
  romeDayStart,
  romeInstant,
  romeLabel,
} from '../common/calendar.ts';
import { audit, type Ctx, deskFor, type Errors, FormError, isUuid, nowOf } from '../common/context.ts';
import * as rr from './repository.ts';

// Recurring desk-day rules, exceptions, opening hours and the accoglienza training mark (issue 5, part A).
// Decisions only: SQL in rules-repository.ts, HTTP in rules-routes.tsx. A rule's days are materialised as
// desk_session rows (rule_id set), so booking, agendas and the exclusion constraints see one kind of desk day
// (docs/decisions/0031-desk-rules.md). Every write runs in one transaction with its audit entry.

/** Longest validity of a rule and span of an exception. */
export const MAX_MONTHS = 12;

/**
 * An Errors value carrying parameters: `key?name=value&…`. A value starting with `@` names message keys
 * (comma-separated) that the route translates too (rules-messages.ts, translateError).
 */
export function msg(key: string, params: Record<string, string | number> = {}): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return q ? `${key}?${q}` : key;
}

const todayOf = (ctx: Ctx) => romeDateTime(nowOf(ctx)).date;
const sqlState = (e: unknown) => (e as { code?: unknown } | null)?.code;
const minutes = (v: string | undefined, lo: number, hi: number, fallback?: string) => {
  const text = v?.trim() || fallback || '';
  const n = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  return n >= lo && n <= hi ? n : null;
};

// ── Opening hours ─────────────────────────────────────────────────────────────────────────────────────────
export interface Hours {
  open_days: number[];
  opens_at: string;
  closes_at: string;
}

/** Message parameters describing opening hours (day names are message keys, translated by the route). */
export function hoursParams(h: Hours): Record<string, string> {
  return {
    days: `@${h.open_days.map((d) => `desks.day.${d}`).join(',')}`,
    from: h.opens_at,
    to: h.closes_at,
  };
}

/** Whether a Rome wall-clock day and time range lies inside the opening hours. */
export function withinHours(
  h: Hours,
  date: Temporal.PlainDate,
  start: Temporal.PlainTime,
  end: Temporal.PlainTime,
): boolean {
  return (
    h.open_days.includes(date.dayOfWeek) &&
    Temporal.PlainTime.compare(start, Temporal.PlainTime.from(h.opens_at)) >= 0 &&
    Temporal.PlainTime.compare(end, Temporal.PlainTime.from(h.closes_at)) <= 0
  );
}

/** Whether the interval [from, to) lies inside the opening hours of one Rome day. */
export function instantsWithinHours(h: Hours, from: Date, to: Date): boolean {
  const a = romeDateTime(from);
  const b = romeDateTime(to);
  return a.date.equals(b.date) && withinHours(h, a.date, a.time, b.time);
}

export async function hoursOf(db: Db, deskId: string): Promise<rr.HoursRow> {
  const h = await rr.deskHours(db, deskId);
  if (!h) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return h;
}

/** Who may edit a desk's hours: the director of its INPS office, or the coordinator of the CAV hosting it. */
export function canEditHours(ctx: Ctx, desk: repo.DeskRow): boolean {
  return (
    (ctx.roles.includes('inps_director') && desk.inps_office_id === ctx.orgId) ||
    (ctx.roles.includes('cav_coordinator') && desk.organisation_id === ctx.orgId)
  );
}

export interface HoursInput {
  opens_at?: string;
  closes_at?: string;
  version?: string;
  [day: `day_${number}`]: string | undefined;
}

/** Saves a desk's opening hours (optimistic concurrency); refused while future desk days fall outside them. */
export async function setHours(db: Db, ctx: Ctx, deskId: string, input: HoursInput): Promise<void> {
  const desk = await deskFor(db, ctx, deskId);
  if (!canEditHours(ctx, desk)) throw new PonteError('PONTE_ERR_FORBIDDEN');
  const errors: Errors = {};
  const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => input[`day_${d}`] === '1');
  if (days.length === 0) errors.days = 'desks.err.hoursDays';
  const opens = parseTime(input.opens_at);
  const closes = parseTime(input.closes_at);
  if (!opens) errors.opens_at = 'desks.err.time';
  if (!closes) errors.closes_at = 'desks.err.time';
  if (opens && closes && Temporal.PlainTime.compare(closes, opens) <= 0)
    errors.closes_at = 'desks.err.endBeforeStart';
  const version = Number(input.version);
  if (Object.keys(errors).length > 0 || !opens || !closes) throw new FormError(errors);
  const h: Hours = {
    open_days: days,
    opens_at: opens.toString({ smallestUnit: 'minute' }),
    closes_at: closes.toString({ smallestUnit: 'minute' }),
  };
  await db.transaction().execute(async (tx) => {
    const outside = (await rr.liveSessionsIn(tx, { deskId: desk.id }, nowOf(ctx), null, true)).filter(
      (s) => !instantsWithinHours(h, s.starts_at, s.ends_at),
    );
    if (outside.length > 0)
      throw new FormError({
        days: msg('desks.err.hoursConflict', {
          list: outside
            .slice(0, 5)
            .map((s) => romeLabel(s.starts_at))
            .join('; '),
          n: outside.length,
        }),
      });
    if (!Number.isInteger(version) || !(await rr.updateHours(tx, desk.id, version, h)))
      throw new FormError({ days: 'desks.err.hoursStale' });
    await audit(tx, ctx, 'desk.hours.update', 'desk', desk.id, h);
  });
}

// ── The accoglienza training mark ─────────────────────────────────────────────────────────────────────────
function directorOnly(ctx: Ctx): void {
  if (!ctx.roles.includes('inps_director') || ctx.orgKind !== 'inps_office')
    throw new PonteError('PONTE_ERR_FORBIDDEN');
}

async function officerOfOffice(db: Db, ctx: Ctx, userId: string): Promise<{ id: string; name: string }> {
  const o = isUuid(userId) ? (await repo.officersOf(db, ctx.orgId)).find((x) => x.id === userId) : undefined;
  if (!o) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return o;
}

export async function officers(db: Db, ctx: Ctx): Promise<rr.OfficerMark[]> {
  directorOnly(ctx);
  return rr.officersWithMark(db, ctx.orgId);
}

/** The director marks one of her officers as trained in accoglienza (until the training feature does it). */
export async function markTrained(db: Db, ctx: Ctx, userId: string): Promise<void> {
  directorOnly(ctx);
  const o = await officerOfOffice(db, ctx, userId);
  await db.transaction().execute(async (tx) => {
    if (await rr.setTrained(tx, o.id, 'director', ctx.userId, nowOf(ctx)))
      await audit(tx, ctx, 'desk.training.set', 'app_user', o.id, { source: 'director' });
  });
}

export async function unmarkTrained(db: Db, ctx: Ctx, userId: string): Promise<void> {
  directorOnly(ctx);
  const o = await officerOfOffice(db, ctx, userId);
  await db.transaction().execute(async (tx) => {
    if (await rr.removeTrained(tx, o.id, ctx.userId))
      await audit(tx, ctx, 'desk.training.remove', 'app_user', o.id);
  });
}

export async function officerName(db: Db, ctx: Ctx, userId: string): Promise<string> {
  directorOnly(ctx);
  return (await officerOfOffice(db, ctx, userId)).name;
}

// ── Checks shared by one-off desk days and rules ──────────────────────────────────────────────────────────
/** The officer field's error: not an officer of the office, or not trained in accoglienza. */
export async function officerError(db: Db, officeId: string, officerId: unknown): Promise<string | null> {
  const officersOfOffice = await repo.officersOf(db, officeId);
  if (typeof officerId !== 'string' || !officersOfOffice.some((o) => o.id === officerId))
    return 'desks.err.officer';
  if (!(await rr.isTrained(db, officerId))) return 'desks.err.untrained';
  return null;
}

/** The error naming the live desk day that [from, to) would overlap, or null. */
export async function overlapError(
  db: Db,
  officerId: string,
  deskId: string,
  from: Date,
  to: Date,
): Promise<string | null> {
  const c = await rr.overlapping(db, officerId, deskId, from, to);
  if (!c) return null;
  return msg(c.officer_id === officerId ? 'desks.err.overlapOfficer' : 'desks.err.overlapDesk', {
    day: `${romeLabel(c.starts_at)}–${romeLabel(c.ends_at).slice(11)}`,
    desk: c.desk_name,
    officer: c.officer_name,
  });
}

/** The exception (closure of the desk, absence of the officer) covering a day, as an error, or null. */
async function exceptionError(
  db: Db,
  deskId: string,
  officerId: string,
  date: Temporal.PlainDate,
): Promise<string | null> {
  const day = date.toString();
  const found = await rr.exceptionsFor(db, deskId, officerId, day, day);
  const e = found[0];
  if (!e) return null;
  return msg(e.kind === 'closure' ? 'desks.err.inClosure' : 'desks.err.inAbsence', {
    from: e.from_date,
    to: e.to_date,
  });
}

/**
 * The checks of a one-off desk day beyond its own fields (called by createSession): trained officer, opening
 * hours, exceptions, overlap. Returns field errors.
 */
export async function checkDeskDay(
  db: Db,
  desk: { id: string; inps_office_id: string },
  officerId: unknown,
  date: Temporal.PlainDate,
  start: Temporal.PlainTime,
  end: Temporal.PlainTime,
  from: Date,
  to: Date,
): Promise<Errors> {
  const errors: Errors = {};
  const officer = await officerError(db, desk.inps_office_id, officerId);
  if (officer) errors.officer = officer;
  const h = await hoursOf(db, desk.id);
  if (!h.open_days.includes(date.dayOfWeek)) errors.date = msg('desks.err.closedDay', hoursParams(h));
  else if (!withinHours(h, date, start, end)) errors.start = msg('desks.err.outsideHours', hoursParams(h));
  if (officer || Object.keys(errors).length > 0) return errors;
  const exc = await exceptionError(db, desk.id, officerId as string, date);
  if (exc) errors.date = exc;
  const overlap = await overlapError(db, officerId as string, desk.id, from, to);
  if (overlap) errors.start = overlap;
  return errors;
}

/**
 * Inside the transaction that writes a one-off desk day: takes the office's planning lock and checks again that
 * no closure or absence recorded meanwhile covers the day.
 */
export async function guardDeskDay(
  tx: Db,
  desk: { id: string; inps_office_id: string },
  officerId: string,
  date: Temporal.PlainDate,
): Promise<void> {
  await rr.lockPlanning(tx, desk.inps_office_id);
  // A desk retired while this waited for the lock gets no new day (retireDesk holds the same lock).
  if (!(await repo.desk(tx, desk.id))) throw new PonteError('PONTE_ERR_NOT_FOUND');
  const exc = await exceptionError(tx, desk.id, officerId, date);
  if (exc) throw new FormError({ date: exc });
}

/** Turns a refusal by the overlap exclusion constraints (SQLSTATE 23P01) into a form error naming the day. */
export async function overlapRefusal(
  e: unknown,
  db: Db,
  officerId: string,
  deskId: string,
  days: { from: Date; to: Date }[],
  field = 'start',
): Promise<never> {
  if (sqlState(e) !== '23P01') throw e;
  for (const d of days) {
    const err = await overlapError(db, officerId, deskId, d.from, d.to);
    if (err) throw new FormError({ [field]: err });
  }
  throw new FormError({ [field]: 'desks.err.overlapRace' });
}

// ── Rule expansion (pure) ─────────────────────────────────────────────────────────────────────────────────
/** Which weeks of the month: null = every week; 1–5 = the nth such weekday; -1 = the last one. */
export type Weeks = number[] | null;

/** The nth occurrence (1–5) of its weekday in the month. */
export const nthOfMonth = (d: Temporal.PlainDate) => Math.ceil(d.day / 7);
/** Whether it is the last occurrence of its weekday in the month. */
export const isLastOfMonth = (d: Temporal.PlainDate) => d.day + 7 > d.daysInMonth;

export function matchesWeeks(d: Temporal.PlainDate, weeks: Weeks): boolean {
  if (!weeks) return true;
  return weeks.some((w) => (w === -1 ? isLastOfMonth(d) : nthOfMonth(d) === w));
}

/** Every date from `from` to `until` (both included) that falls on `weekday` in the chosen weeks. */
export function ruleDates(
  weekday: number,
  weeks: Weeks,
  from: Temporal.PlainDate,
  until: Temporal.PlainDate,
): Temporal.PlainDate[] {
  const out: Temporal.PlainDate[] = [];
  let d = from.add({ days: (weekday - from.dayOfWeek + 7) % 7 });
  for (; Temporal.PlainDate.compare(d, until) <= 0; d = d.add({ days: 7 }))
    if (matchesWeeks(d, weeks)) out.push(d);
  return out;
}

export type SkipReason = 'holiday' | 'closure' | 'absence' | 'past' | 'gap' | 'overlap';
export interface PlannedDay {
  date: Temporal.PlainDate;
  from: Date;
  to: Date;
}

/**
 * The desk days a rule yields between two dates: its dates at the rule's Rome wall-clock times, skipping public
 * holidays, days inside an exception, days already started and times that do not exist (DST gap).
 */
export function planDays(
  r: {
    weekday: number;
    weeks: Weeks;
    start: Temporal.PlainTime;
    end: Temporal.PlainTime;
    from: Temporal.PlainDate;
    until: Temporal.PlainDate;
  },
  now: Date,
  exceptions: readonly { kind: DeskExceptionKind; from_date: string; to_date: string }[] = [],
): { days: PlannedDay[]; skipped: { date: string; reason: SkipReason }[] } {
  const days: PlannedDay[] = [];
  const skipped: { date: string; reason: SkipReason }[] = [];
  for (const date of ruleDates(r.weekday, r.weeks, r.from, r.until)) {
    const day = date.toString();
    const exc = exceptions.find((e) => e.from_date <= day && day <= e.to_date);
    const from = romeInstant(date, r.start);
    const to = romeInstant(date, r.end);
    let reason: SkipReason | null = null;
    if (isItalianHoliday(date)) reason = 'holiday';
    else if (exc) reason = exc.kind;
    else if (!from || !to) reason = 'gap';
    else if (from <= now) reason = 'past';
    if (reason || !from || !to) skipped.push({ date: day, reason: reason ?? 'gap' });
    else days.push({ date, from, to });
  }
  return { days, skipped };
}

// ── Rules ─────────────────────────────────────────────────────────────────────────────────────────────────
export interface RuleInput {
  officer?: string;
  weekday?: string;
  week_every?: string;
  week_1?: string;
  week_2?: string;
  week_3?: string;
  week_4?: string;
  week_5?: string;
  week_last?: string;
  start?: string;
  end?: string;
  slot_minutes?: string;
  buffer_minutes?: string;
  valid_from?: string;
  valid_until?: string;
}

export interface ParsedRule {
  weekday: number;
  weeks: Weeks;
  start: Temporal.PlainTime;
  end: Temporal.PlainTime;
  slot: number;
  buffer: number;
  from: Temporal.PlainDate;
  until: Temporal.PlainDate;
}

/** Checks the fields of a rule (pure): field errors, or the parsed rule. */
export function parseRule(
  input: RuleInput,
  today: Temporal.PlainDate,
): { errors: Errors; rule: ParsedRule | null } {
  const errors: Errors = {};
  const weekday = /^[1-7]$/.test(input.weekday ?? '') ? Number(input.weekday) : null;
  if (!weekday) errors.weekday = 'desks.err.weekday';
  const picked = [1, 2, 3, 4, 5].filter((n) => input[`week_${n}` as keyof RuleInput] === '1');
  if (input.week_last === '1') picked.push(-1);
  // Weeks ticked win over "every week" (ticked by default), so ticking the 2nd and 4th is enough.
  const weeks: Weeks = picked.length > 0 ? picked : input.week_every === '1' ? null : [];
  if (weeks && weeks.length === 0) errors.weeks = 'desks.err.weeks';
  const start = parseTime(input.start);
  const end = parseTime(input.end);
  if (!start) errors.start = 'desks.err.time';
  if (!end) errors.end = 'desks.err.time';
  if (start && end && Temporal.PlainTime.compare(end, start) <= 0) errors.end = 'desks.err.endBeforeStart';
  const slot = minutes(input.slot_minutes, 5, 240);
  if (slot === null) errors.slot_minutes = 'desks.err.slot';
  const buffer = minutes(input.buffer_minutes, 0, 120, '0');
  if (buffer === null) errors.buffer_minutes = 'desks.err.buffer';
  if (start && end && slot && !errors.end && start.until(end).total('minutes') < slot)
    errors.end = 'desks.err.tooShort';
  const plannedFrom = planDate(input.valid_from, today);
  const from = plannedFrom.date;
  const until = parseDate(input.valid_until);
  if (!from) errors.valid_from = plannedFrom.error ?? 'desks.err.date';
  else if (Temporal.PlainDate.compare(from, today) < 0) errors.valid_from = 'desks.err.past';
  if (!until) errors.valid_until = dateError(input.valid_until);
  else if (from && Temporal.PlainDate.compare(until, from) < 0)
    errors.valid_until = 'desks.err.untilBeforeFrom';
  else if (from && Temporal.PlainDate.compare(until, from.add({ months: MAX_MONTHS })) > 0)
    errors.valid_until = msg('desks.err.tooLong', { months: MAX_MONTHS });
  if (
    Object.keys(errors).length > 0 ||
    !weekday ||
    !start ||
    !end ||
    !slot ||
    buffer === null ||
    !from ||
    !until
  )
    return { errors, rule: null };
  return { errors, rule: { weekday, weeks, start, end, slot, buffer, from, until } };
}

async function directorDesk(db: Db, ctx: Ctx, deskId: string): Promise<repo.DeskRow> {
  directorOnly(ctx);
  const d = await deskFor(db, ctx, deskId);
  if (d.inps_office_id !== ctx.orgId) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return d;
}

/** A desk of the director's office, for the rules page (404 otherwise). */
export const deskForRules = directorDesk;

/**
 * The director assigns an officer to a desk with a recurring rule. Its desk days are created at once over the
 * rule's validity, skipping public holidays and exceptions; a day overlapping another live desk day of the
 * officer or the desk refuses the whole rule, naming that day.
 */
export async function createRule(
  db: Db,
  ctx: Ctx,
  deskId: string,
  input: RuleInput,
): Promise<{ id: string; created: number; skipped: { date: string; reason: SkipReason }[] }> {
  const desk = await directorDesk(db, ctx, deskId);
  const now = nowOf(ctx);
  const { errors, rule } = parseRule(input, todayOf(ctx));
  const officer = await officerError(db, ctx.orgId, input.officer);
  if (officer) errors.officer = officer;
  if (rule) {
    const h = await hoursOf(db, desk.id);
    if (!h.open_days.includes(rule.weekday)) errors.weekday = msg('desks.err.closedDay', hoursParams(h));
    else if (
      !withinHours(
        h,
        rule.from.add({ days: (rule.weekday - rule.from.dayOfWeek + 7) % 7 }),
        rule.start,
        rule.end,
      )
    )
      errors.start = msg('desks.err.outsideHours', hoursParams(h));
  }
  if (Object.keys(errors).length > 0 || !rule) throw new FormError(errors);
  const officerId = input.officer as string;
  const id = randomUUID();
  const time = (t: Temporal.PlainTime) => t.toString({ smallestUnit: 'minute' });
  let plan: ReturnType<typeof planDays> = { days: [], skipped: [] };
  try {
    await db.transaction().execute(async (tx) => {
      // Exceptions are read under the office's planning lock: a closure recorded meanwhile is seen, or waits.
      await rr.lockPlanning(tx, desk.inps_office_id);
      if (!(await repo.desk(tx, desk.id))) throw new PonteError('PONTE_ERR_NOT_FOUND');
      const exceptions = await rr.exceptionsFor(
        tx,
        desk.id,
        officerId,
        rule.from.toString(),
        rule.until.toString(),
      );
      plan = planDays(rule, now, exceptions);
      if (plan.days.length === 0) throw new FormError({ valid_until: 'desks.err.ruleNoDays' });
      for (const d of plan.days) {
        const overlap = await overlapError(tx, officerId, desk.id, d.from, d.to);
        if (overlap) throw new FormError({ start: overlap });
      }
      await rr.insertRule(tx, {
        id,
        deskId: desk.id,
        officerId,
        weekday: rule.weekday,
        weeks: rule.weeks,
        start: time(rule.start),
        end: time(rule.end),
        slot: rule.slot,
        buffer: rule.buffer,
        from: rule.from.toString(),
        until: rule.until.toString(),
        createdBy: ctx.userId,
      });
      for (const d of plan.days)
        await rr.insertSession(tx, {
          id: randomUUID(),
          deskId: desk.id,
          officerId,
          ruleId: id,
          from: d.from,
          to: d.to,
          slot: rule.slot,
          buffer: rule.buffer,
          createdBy: ctx.userId,
        });
      await audit(tx, ctx, 'desk.rule.create', 'desk_rule', id, {
        desk: desk.id,
        officer: officerId,
        weekday: rule.weekday,
        weeks: rule.weeks,
        from: rule.from.toString(),
        until: rule.until.toString(),
        days: plan.days.length,
        skipped: plan.skipped.length,
      });
    });
  } catch (e) {
    if (e instanceof FormError) throw e;
    return overlapRefusal(e, db, officerId, desk.id, plan.days);
  }
  return { id, created: plan.days.length, skipped: plan.skipped };
}

export interface KeptDay {
  starts_at: Date;
  cards: string[];
}

/**
 * Ends a rule: its desk days from `first_day` on (default today, never in the past) are removed — cancelled,
 * so past appointments keep their day — except the days with an active appointment, which are kept and listed.
 */
export async function endRule(
  db: Db,
  ctx: Ctx,
  ruleId: string,
  input: { first_day?: string; version?: string },
): Promise<{ removed: number; kept: KeptDay[] }> {
  directorOnly(ctx);
  const r = isUuid(ruleId) ? await rr.rule(db, ruleId) : undefined;
  if (!r) throw new PonteError('PONTE_ERR_NOT_FOUND');
  await directorDesk(db, ctx, r.desk_id);
  const now = nowOf(ctx);
  const today = todayOf(ctx);
  const planned = input.first_day?.trim() ? planDate(input.first_day, today) : { date: today };
  const first = planned.date;
  if (!first) throw new FormError({ first_day: planned.error ?? 'desks.err.date' });
  if (Temporal.PlainDate.compare(first, today) < 0) throw new FormError({ first_day: 'desks.err.past' });
  if (r.ended_at) throw new FormError({ first_day: 'desks.err.ruleEnded' });
  const version = Number(input.version);
  return db.transaction().execute(async (tx) => {
    const from = new Date(Math.max(romeDayStart(first).getTime(), now.getTime()));
    const days = await rr.liveSessionsIn(tx, { ruleId: r.id }, from, null, true);
    const active = await rr.activeAppointmentsOf(
      tx,
      days.map((d) => d.id),
      now,
    );
    const kept = days
      .filter((d) => active.some((a) => a.session_id === d.id))
      .map((d) => ({
        starts_at: d.starts_at,
        cards: active.filter((a) => a.session_id === d.id).map((a) => a.card_code),
      }));
    const removable = days.filter((d) => !active.some((a) => a.session_id === d.id)).map((d) => d.id);
    const removed = await rr.cancelSessions(tx, removable, now, 'rule_ended');
    const last = first.subtract({ days: 1 }).toString();
    if (!Number.isInteger(version) || !(await rr.endRule(tx, r.id, version, last, ctx.userId, now)))
      throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'desk.rule.end', 'desk_rule', r.id, {
      first_day: first.toString(),
      removed,
      kept: kept.length,
    });
    return { removed, kept };
  });
}

export async function ruleFor(db: Db, ctx: Ctx, ruleId: string): Promise<rr.RuleRow> {
  directorOnly(ctx);
  const r = isUuid(ruleId) ? await rr.rule(db, ruleId) : undefined;
  if (!r) throw new PonteError('PONTE_ERR_NOT_FOUND');
  await directorDesk(db, ctx, r.desk_id);
  return r;
}

// ── Exceptions ────────────────────────────────────────────────────────────────────────────────────────────
export interface ExceptionInput {
  kind?: string;
  desk?: string;
  officer?: string;
  from_date?: string;
  to_date?: string;
  note?: string;
}

/**
 * Records a closure of a desk or an absence of an officer. Its future desk days are removed (cancelled); if any
 * of them has an active appointment the exception is refused, listing those appointments (card code and time)
 * so the CAV can move them first.
 */
export async function createException(
  db: Db,
  ctx: Ctx,
  input: ExceptionInput,
): Promise<{ id: string; cancelled: number }> {
  directorOnly(ctx);
  const errors: Errors = {};
  const kind: DeskExceptionKind | null =
    input.kind === 'closure' || input.kind === 'absence' ? input.kind : null;
  if (!kind) errors.kind = 'desks.err.exceptionKind';
  let deskId: string | null = null;
  let officerId: string | null = null;
  if (kind === 'closure') {
    const d = isUuid(input.desk) ? await repo.desk(db, input.desk) : undefined;
    if (!d || d.inps_office_id !== ctx.orgId) errors.desk = 'desks.err.exceptionDesk';
    else deskId = d.id;
  } else if (kind === 'absence') {
    const o = (await repo.officersOf(db, ctx.orgId)).find((x) => x.id === input.officer);
    if (!o) errors.officer = 'desks.err.officer';
    else officerId = o.id;
  }
  const today = todayOf(ctx);
  const plannedFrom = planDate(input.from_date, today);
  const from = plannedFrom.date;
  const to = parseDate(input.to_date);
  if (!from) errors.from_date = plannedFrom.error ?? 'desks.err.date';
  else if (Temporal.PlainDate.compare(from, today) < 0) errors.from_date = 'desks.err.past';
  if (!to) errors.to_date = dateError(input.to_date);
  else if (from && Temporal.PlainDate.compare(to, from) < 0) errors.to_date = 'desks.err.untilBeforeFrom';
  else if (from && Temporal.PlainDate.compare(to, from.add({ months: MAX_MONTHS })) > 0)
    errors.to_date = msg('desks.err.tooLong', { months: MAX_MONTHS });
  const checked = checkText(input.note, { max: 500 });
  const note = checked.value || null;
  if (checked.error) errors.note = checked.error;
  if (Object.keys(errors).length > 0 || !kind || !from || !to) throw new FormError(errors);

  const now = nowOf(ctx);
  const id = randomUUID();
  return db.transaction().execute(async (tx) => {
    await rr.lockPlanning(tx, ctx.orgId);
    const start = new Date(Math.max(romeDayStart(from).getTime(), now.getTime()));
    const end = romeDayStart(to.add({ days: 1 }));
    // Locked: a slot held meanwhile waits for this transaction, then finds its desk day cancelled (holdSlot).
    const days = await rr.liveSessionsIn(tx, { deskId, officerId }, start, end, true);
    const active = await rr.activeAppointmentsOf(
      tx,
      days.map((d) => d.id),
      now,
    );
    if (active.length > 0)
      throw new FormError({
        from_date: msg('desks.err.exceptionBooked', {
          n: active.length,
          list: active.map((a) => `${a.card_code} ${romeLabel(a.starts_at)}`).join('; '),
        }),
      });
    await rr.insertException(tx, {
      id,
      officeId: ctx.orgId,
      kind,
      deskId,
      officerId,
      from: from.toString(),
      to: to.toString(),
      note,
      createdBy: ctx.userId,
    });
    const cancelled = await rr.cancelSessions(
      tx,
      days.map((d) => d.id),
      now,
      kind,
    );
    await audit(tx, ctx, 'desk.exception.create', 'desk_exception', id, {
      kind,
      desk: deskId,
      officer: officerId,
      from: from.toString(),
      to: to.toString(),
      cancelled,
    });
    return { id, cancelled };
  });
}

export async function exceptionFor(
  db: Db,
  ctx: Ctx,
  id: string,
): Promise<rr.ExceptionRow & { office: string }> {
  directorOnly(ctx);
  const e = isUuid(id) ? await rr.exception(db, id) : undefined;
  if (!e || e.office !== ctx.orgId) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return e;
}

/**
 * Removes an exception and gives back the rule days it had removed (running rules of that desk or officer, in
 * the exception's future dates). A day that now overlaps another desk day, or falls in another exception, stays
 * out; the count of skipped days is returned.
 */
export async function removeException(
  db: Db,
  ctx: Ctx,
  id: string,
  input: { version?: string },
): Promise<{ restored: number; skipped: number }> {
  const e = await exceptionFor(db, ctx, id);
  const now = nowOf(ctx);
  const today = todayOf(ctx).toString();
  const version = Number(input.version);
  return db.transaction().execute(async (tx) => {
    await rr.lockPlanning(tx, ctx.orgId);
    if (!Number.isInteger(version) || !(await rr.removeException(tx, e.id, version, ctx.userId, now)))
      throw new PonteError('PONTE_ERR_CONFLICT');
    const lo = laterDay(e.from_date, today);
    let restored = 0;
    let skipped = 0;
    if (lo <= e.to_date) {
      const rules = await rr.runningRules(tx, { deskId: e.desk_id, officerId: e.officer_id }, lo, e.to_date);
      for (const r of rules) {
        const from = Temporal.PlainDate.from(laterDay(r.valid_from, lo));
        const until = Temporal.PlainDate.from(earlierDay(r.valid_until, e.to_date));
        const others = await rr.exceptionsFor(tx, r.desk_id, r.officer_id, from.toString(), until.toString());
        const plan = planDays(
          {
            weekday: r.weekday,
            weeks: r.weeks,
            start: Temporal.PlainTime.from(r.start_time),
            end: Temporal.PlainTime.from(r.end_time),
            from,
            until,
          },
          now,
          others,
        );
        for (const d of plan.days) {
          if (await rr.overlapping(tx, r.officer_id, r.desk_id, d.from, d.to)) {
            skipped++;
            continue;
          }
          await rr.insertSession(tx, {
            id: randomUUID(),
            deskId: r.desk_id,
            officerId: r.officer_id,
            ruleId: r.id,
            from: d.from,
            to: d.to,
            slot: r.slot_minutes,
            buffer: r.buffer_minutes,
            createdBy: ctx.userId,
          });
          restored++;
        }
      }
    }
    await audit(tx, ctx, 'desk.exception.remove', 'desk_exception', e.id, { restored, skipped });
    return { restored, skipped };
  });
}

/** The later (earlier) of two ISO dates: they sort as text. */
const laterDay = (a: string, b: string) => [a, b].sort()[1] as string;
const earlierDay = (a: string, b: string) => [a, b].sort()[0] as string;

export async function exceptionsOfOffice(db: Db, ctx: Ctx): Promise<rr.ExceptionRow[]> {
  directorOnly(ctx);
  return rr.exceptionsOf(db, ctx.orgId, todayOf(ctx).toString());
}
