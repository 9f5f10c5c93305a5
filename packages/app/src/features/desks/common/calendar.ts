import { Temporal } from 'temporal-polyfill';
import {
  ANY_DAY,
  boundDate,
  checkDate,
  dateInUrl,
  plausibleFuture,
  rangeError,
  readDate,
} from '../../../platform/forms/date.ts';

// Italian time and closed days for desk days (issue 5). All wall-clock times are Europe/Rome; instants are UTC.
export const ROME = 'Europe/Rome';

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

/**
 * The Italian national public holidays of a year (ISO dates): the fixed ones, Easter Sunday and Easter Monday,
 * and from 2026 the 4th of October (San Francesco, restored as a national holiday by L. 151/2025).
 */
export function italianHolidays(year: number): Set<string> {
  const fixed = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];
  if (year >= 2026) fixed.push('10-04');
  const pad = String(year).padStart(4, '0');
  const days = new Set(fixed.map((md) => `${pad}-${md}`));
  const easter = easterSunday(year);
  days.add(easter.toString());
  days.add(easter.add({ days: 1 }).toString());
  return days;
}

export function isItalianHoliday(date: Temporal.PlainDate): boolean {
  return italianHolidays(date.year).has(date.toString());
}

/** A Rome wall-clock date and time as an instant; null when the time does not exist (spring-forward gap). */
export function romeInstant(date: Temporal.PlainDate, time: Temporal.PlainTime): Date | null {
  try {
    const zdt = date.toPlainDateTime(time).toZonedDateTime(ROME, { disambiguation: 'reject' });
    return new Date(zdt.epochMilliseconds);
  } catch {
    return null;
  }
}

/** The Rome wall-clock date and time of an instant, as `YYYY-MM-DD HH:MM`. */
export function romeLabel(at: Date): string {
  const z = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(ROME);
  return `${z.toPlainDate().toString()} ${z.toPlainTime().toString({ smallestUnit: 'minute' })}`;
}

/** Every day the date reader reads (four-digit years). */
const EVERY_DAY = { min: '0001-01-01', max: '9999-12-31' };

/** How far ahead a desk day, a recurring desk day or a closure may start: two years from today. */
export const PLAN_AHEAD = plausibleFuture({ years: 2 });

/**
 * A date of a desks form, read by the one date reader: the date, or the error that says what is wrong with it —
 * the year, a day that does not exist, or a start further ahead than PLAN_AHEAD (the message says until when).
 * Whether it has passed is each form's own check (a desk day of today has passed once its time has).
 */
export function planDate(
  value: string | undefined,
  today: Temporal.PlainDate,
): { date: Temporal.PlainDate; error?: undefined } | { date: null; error: string } {
  // Any real day reads here (a past one is the caller's «non può essere nel passato»); only the end is checked.
  const checked = checkDate(value, EVERY_DAY, { required: 'forms.date.required', today });
  if (!checked.ok) return { date: null, error: checked.error };
  if (!checked.date) return { date: null, error: 'forms.date.required' };
  const max = boundDate(PLAN_AHEAD.max, today);
  if (Temporal.PlainDate.compare(checked.date, max) > 0)
    return { date: null, error: rangeError(PLAN_AHEAD, today, max) };
  return { date: checked.date };
}

/** Why a date of a desks form cannot be read (the year, a day that does not exist, the form of it). */
export function dateError(value: string | undefined): string {
  const checked = checkDate(value, ANY_DAY, { required: 'forms.date.required' });
  return checked.ok ? 'desks.err.date' : checked.error;
}

/**
 * A date of a desks form or URL, read by the one date reader (platform/forms/date.ts); null when it cannot be read
 * or is not a day Ponte can show (before 2000, after 2099). Each form field then applies its own rule.
 */
export function parseDate(value: string | undefined): Temporal.PlainDate | null {
  const d = readDate(value);
  return d && dateInUrl(d.toString())?.moved === null ? d : null;
}

export function parseTime(value: string | undefined): Temporal.PlainTime | null {
  if (!value || !/^\d{2}:\d{2}$/.test(value)) return null;
  try {
    return Temporal.PlainTime.from(value, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/** The Rome wall-clock date and time of an instant. */
export function romeDateTime(at: Date): { date: Temporal.PlainDate; time: Temporal.PlainTime } {
  const z = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(ROME);
  return { date: z.toPlainDate(), time: z.toPlainTime() };
}

/** The instant a Rome calendar day starts (midnight exists every day in Rome: the clocks change at 02:00/03:00). */
export function romeDayStart(date: Temporal.PlainDate): Date {
  return new Date(date.toZonedDateTime({ timeZone: ROME }).epochMilliseconds);
}
