import { Temporal } from 'temporal-polyfill';
import { todayInRome } from '../clock.ts';
import { registerMessages } from '../i18n/index.ts';

// The one date reader of Ponte (issue 10), for every date a person types in a form or finds in a URL.
//
// A date is read as `YYYY-MM-DD` (what a date field sends) or as `gg/mm/aaaa` typed by hand (also with `-` or `.`),
// always with a four-digit year: `07/12/26` is refused with a message asking for four digits, never read as 1926 or
// 2026. A date that does not exist (30 February) is refused. Then each field has its RULE: the range of dates that
// are plausible for it, relative to today where that makes sense (a consent is given between 2000 and today; a
// desk day is planned between today and two years ahead). A date outside says which dates are allowed
// («La data deve essere tra il 1° gennaio 2000 e oggi»). Today is Italy's today, from the one clock.
//
// A date in a URL (an agenda, a booking page) is never an error page: `dateInUrl` answers the nearest date Ponte
// can show, and says whether it had to move it.

/** The first and the last day any page of Ponte shows or any form of Ponte stores (birth dates excepted). */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';

/** One end of a rule: a fixed date, or today moved by a duration (`{ days: 0 }` is today itself). */
export type DateBound = string | { fromToday: Temporal.DurationLike };

export interface DateRule {
  min: DateBound;
  max: DateBound;
}

/** Today. */
export const TODAY: DateBound = { fromToday: { days: 0 } };

/** A date that has happened: from `since` (2000 by default: nothing Ponte records is older) to today. */
export function plausiblePast(since: DateBound = FIRST_DAY): DateRule {
  return { min: since, max: TODAY };
}

/** A date still to come (today included) up to `ahead` from today. */
export function plausibleFuture(ahead: Temporal.DurationLike): DateRule {
  return { min: TODAY, max: { fromToday: ahead } };
}

/** From `back` before today to `ahead` after it (a decision recorded late, a date planned soon). */
export function aroundToday(back: Temporal.DurationLike, ahead: Temporal.DurationLike): DateRule {
  return { min: { fromToday: negate(back) }, max: { fromToday: ahead } };
}

/**
 * Something that happened and is recorded now — a consent given, an application filed, a declaration made: the
 * last five years, today included.
 */
export const RECENT_PAST: DateRule = plausiblePast({ fromToday: { years: -5 } });

/** Any date Ponte can show (a search filter, a URL). */
export const ANY_DAY: DateRule = { min: FIRST_DAY, max: LAST_DAY };

function negate(d: Temporal.DurationLike): Temporal.DurationLike {
  return Temporal.Duration.from(d).negated();
}

function isToday(b: DateBound): boolean {
  return typeof b !== 'string' && Temporal.Duration.from(b.fromToday).blank;
}

/** The date a bound names, on `today`. */
export function boundDate(b: DateBound, today: Temporal.PlainDate = todayInRome()): Temporal.PlainDate {
  if (typeof b === 'string') return Temporal.PlainDate.from(b);
  return isToday(b) ? today : today.add(b.fromToday);
}

/** Why a typed date was not read (message keys of this module). */
type Unreadable = 'forms.date.format' | 'forms.date.year' | 'forms.date.none';

function read(raw: string): Temporal.PlainDate | Unreadable {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const eu = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  let y: number;
  let m: number;
  let d: number;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (eu) [d, m, y] = [Number(eu[1]), Number(eu[2]), Number(eu[3])];
  else if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{1,3}$/.test(s) || /^\d{1,3}-\d{1,2}-\d{1,2}$/.test(s))
    return 'forms.date.year';
  else return 'forms.date.format';
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) return 'forms.date.none';
  try {
    return Temporal.PlainDate.from({ year: y, month: m, day: d }, { overflow: 'reject' });
  } catch {
    return 'forms.date.none';
  }
}

/** A date typed in a form or a URL (`YYYY-MM-DD`, or `gg/mm/aaaa` by hand), or null when it is not a real date. */
export function readDate(raw: string | undefined | null): Temporal.PlainDate | null {
  if (typeof raw !== 'string') return null;
  const d = read(raw);
  return typeof d === 'string' ? null : d;
}

export type DateCheck =
  | { ok: true; date: Temporal.PlainDate; iso: string }
  | { ok: true; date: null; iso: '' }
  | { ok: false; error: string };

/**
 * Reads the date of a form field under its rule. An empty field is allowed unless `required` (then the error is
 * `required`, by default `forms.date.required`, so a field can say what it asks for). The error is a message key,
 * with the allowed range in it for a date out of range (translated by `translate` of platform/i18n).
 */
export function checkDate(
  raw: string | undefined | null,
  rule: DateRule,
  opts: { required?: boolean | string; today?: Temporal.PlainDate } = {},
): DateCheck {
  const text = (raw ?? '').trim();
  if (text === '') {
    if (!opts.required) return { ok: true, date: null, iso: '' };
    return { ok: false, error: typeof opts.required === 'string' ? opts.required : 'forms.date.required' };
  }
  const d = read(text);
  if (typeof d === 'string') return { ok: false, error: d };
  const today = opts.today ?? todayInRome();
  const min = boundDate(rule.min, today);
  const max = boundDate(rule.max, today);
  if (Temporal.PlainDate.compare(d, min) < 0 || Temporal.PlainDate.compare(d, max) > 0)
    return { ok: false, error: rangeError(rule, min, max) };
  return { ok: true, date: d, iso: d.toString() };
}

/** The message of a date out of `rule`'s range: which dates are allowed, "today" said as such. */
export function rangeError(rule: DateRule, min: Temporal.PlainDate, max: Temporal.PlainDate): string {
  if (isToday(rule.max)) return `forms.date.untilToday?min=${min}`;
  if (isToday(rule.min)) return `forms.date.fromToday?max=${max}`;
  return `forms.date.between?min=${min}&max=${max}`;
}

/**
 * A date in a URL (the day of an agenda, the first day of a booking page): the date, or the nearest date of `rule`
 * when it is outside (`moved`: the message that says so), or null when it cannot be read at all (the page then shows its usual day).
 */
export function dateInUrl(
  raw: unknown,
  rule: DateRule = ANY_DAY,
  today: Temporal.PlainDate = todayInRome(),
): { date: Temporal.PlainDate; moved: string | null } | null {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string' || text.length > 40) return null;
  const d = readDate(text);
  if (!d) return null;
  const min = boundDate(rule.min, today);
  const max = boundDate(rule.max, today);
  const moved = `forms.date.moved?min=${min}&max=${max}`;
  if (Temporal.PlainDate.compare(d, min) < 0) return { date: min, moved };
  if (Temporal.PlainDate.compare(d, max) > 0) return { date: max, moved };
  return { date: d, moved: null };
}

registerMessages({
  it: {
    'forms.date.required': 'Inserisci la data.',
    'forms.date.format': 'Scrivi la data come gg/mm/aaaa, per esempio 15/03/2026.',
    'forms.date.year': 'Scrivi l’anno con quattro cifre, per esempio 15/03/2026.',
    'forms.date.none': 'Questa data non esiste nel calendario: controlla il giorno e il mese.',
    'forms.date.untilToday': 'La data deve essere tra {min} e oggi.',
    'forms.date.fromToday': 'La data deve essere tra oggi e {max}.',
    'forms.date.between': 'La data deve essere tra {min} e {max}.',
    'forms.date.moved':
      'Qui si possono vedere le date tra {min} e {max}: ecco il giorno più vicino a quello chiesto.',
  },
  en: {
    'forms.date.required': 'Enter the date.',
    'forms.date.format': 'Write the date as dd/mm/yyyy, for example 15/03/2026.',
    'forms.date.year': 'Write the year with four digits, for example 15/03/2026.',
    'forms.date.none': 'This date does not exist in the calendar: check the day and the month.',
    'forms.date.untilToday': 'The date must be between {min} and today.',
    'forms.date.fromToday': 'The date must be between today and {max}.',
    'forms.date.between': 'The date must be between {min} and {max}.',
    'forms.date.moved':
      'This page shows dates between {min} and {max}: here is the day nearest to the one asked.',
  },
});
