// The one way Ponte writes dates, times and money for people (decision 0047). Every page, e-mail and PDF uses
// these functions, so that a date reads "7 dicembre 2026" (English "7 December 2026") with the time as "09:00",
// never ISO and never a two-digit year, and an amount reads "6.360,00 €" (English "€6,360.00") with its cents.
// Instants are shown in Italy's time zone; a calendar day (`YYYY-MM-DD`) is shown as it is, with no zone.
import { ZONE } from './clock.ts';

/** The Intl locale of a page language: Italian and British English; other public languages with Latin digits. */
export function localeOf(lang: string): string {
  if (lang === 'it') return 'it-IT';
  if (lang === 'en') return 'en-GB';
  return `${lang}-u-nu-latn`;
}

// Every formatter is built once per language and kind, then reused (issue 16: a page of a thousand rows builds
// none; format.test.ts counts the constructions). The options are built once too: a call allocates nothing but
// its result.
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'long', ...DAY };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const KINDS = {
  date: { timeZone: ZONE, ...DAY },
  weekday: { timeZone: ZONE, ...WEEKDAY },
  weekdayNoYear: { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long' },
  time: { timeZone: ZONE, ...TIME },
  seconds: { timeZone: ZONE, ...TIME, second: '2-digit' },
  day: { timeZone: 'UTC', ...DAY },
  weekdayDay: { timeZone: 'UTC', ...WEEKDAY },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type Kind = keyof typeof KINDS;

const cache = new Map<string, Record<Kind, Intl.DateTimeFormat | undefined>>();
function dtf(lang: string, kind: Kind): Intl.DateTimeFormat {
  let forLang = cache.get(lang);
  if (!forLang) {
    forLang = {} as Record<Kind, Intl.DateTimeFormat | undefined>;
    cache.set(lang, forLang);
  }
  let f = forLang[kind];
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(localeOf(lang), KINDS[kind]);
    } catch {
      f = new Intl.DateTimeFormat('it-IT', KINDS[kind]);
    }
    forLang[kind] = f;
  }
  return f;
}

type Instant = Date | string | number;
const toDate = (at: Instant): Date => (at instanceof Date ? at : new Date(at));
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** A calendar day (`YYYY-MM-DD`, or the date part of a longer string) as a plain UTC date, or undefined. */
function calendarDay(day: string): Date | undefined {
  const m = ISO_DAY.exec(day);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(Number(m[1]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** An instant's day in Italy: "7 dicembre 2026". */
export function formatDate(at: Instant | null | undefined, lang: string): string {
  if (at === null || at === undefined || at === '') return '';
  return dtf(lang, 'date').format(toDate(at));
}

/** An instant's day in Italy with its weekday: "lunedì 7 dicembre 2026". */
export function formatWeekday(at: Instant, lang: string): string {
  return dtf(lang, 'weekday').format(toDate(at));
}

/** An instant's time in Italy: "09:00". */
export function formatTime(at: Instant, lang: string): string {
  return dtf(lang, 'time').format(toDate(at));
}

/** An instant in Italy: "7 dicembre 2026, 09:00". */
export function formatDateTime(at: Instant | null | undefined, lang: string): string {
  if (at === null || at === undefined || at === '') return '';
  return `${formatDate(at, lang)}, ${formatTime(at, lang)}`;
}

/** An instant in Italy to the second, for the audit log: "7 dicembre 2026, 09:00:05". */
export function formatDateTimeSeconds(at: Instant, lang: string): string {
  const time = dtf(lang, 'seconds').format(toDate(at));
  return `${formatDate(at, lang)}, ${time}`;
}

/** An instant's day in Italy with its weekday and no year: "lunedì 7 dicembre" (a reminder of a near day). */
export function formatWeekdayNoYear(at: Instant, lang: string): string {
  return dtf(lang, 'weekdayNoYear').format(toDate(at));
}

/** An instant in Italy with its weekday: "lunedì 7 dicembre 2026, 09:00". */
export function formatWeekdayTime(at: Instant, lang: string): string {
  return `${formatWeekday(at, lang)}, ${formatTime(at, lang)}`;
}

/** A calendar day (`YYYY-MM-DD`, no zone) as "7 dicembre 2026"; anything else comes back as it was. */
export function formatDay(day: string | null | undefined, lang: string): string {
  if (!day) return '';
  const d = calendarDay(day);
  return d ? dtf(lang, 'day').format(d) : day;
}

/** A calendar day with its weekday: "lunedì 7 dicembre 2026". */
export function formatWeekdayDay(day: string, lang: string): string {
  const d = calendarDay(day);
  return d ? dtf(lang, 'weekdayDay').format(d) : day;
}

const money = new Map<string, Intl.NumberFormat>();
/** Euros as "6.360,00 €" (English "€6,360.00"): always grouped, always two decimals. */
export function formatMoney(euros: number, lang: string): string {
  let f = money.get(lang);
  if (!f) {
    const opts: Intl.NumberFormatOptions = {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      // Italian CLDR leaves four-digit amounts ungrouped ("6360,00 €"); Ponte groups every amount the same way.
      useGrouping: 'always' as unknown as boolean,
    };
    try {
      f = new Intl.NumberFormat(localeOf(lang), opts);
    } catch {
      f = new Intl.NumberFormat('it-IT', opts);
    }
    money.set(lang, f);
  }
  return f.format(euros);
}

/** A count or a measure as people read it: "17,3" (English "17.3"), grouped from four digits. */
const numbers = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number, lang: string): string {
  let f = numbers.get(lang);
  if (!f) {
    try {
      f = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 });
    } catch {
      f = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
    }
    numbers.set(lang, f);
  }
  return f.format(n);
}

/** Integer cents as "6.360,00 €". */
export function formatCents(cents: number, lang: string): string {
  return formatMoney(cents / 100, lang);
}

/**
 * What a page, e-mail or PDF for people must never show, for the tests that scan them: an ISO date or instant,
 * a date with a two-digit year, an amount in euros without its grouping or its cents. Returns the offending pieces.
 */
export function unformatted(text: string): string[] {
  const out: string[] = [];
  const add = (re: RegExp) => {
    for (const m of text.matchAll(re)) out.push(m[0]);
  };
  // A real calendar day, not digits inside a code such as "ABCD-5142-10-03" (a test's fictional case code).
  add(/(?<![\w-])\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?![\w-])/g);
  add(/\b\d{1,2}([/-])\d{1,2}\1\d{2}(?![\d/.-])/g);
  // Amounts: "€ 12", "12 €", "6360,00 €", "6.360 €", "€6,360" — anything but the two shapes above.
  for (const m of text.matchAll(/(?:€\s?-?[\d.,]*\d|-?\d[\d.,]*\s?€)/g)) {
    const s = m[0];
    const it = /^-?\d{1,3}(?:\.\d{3})*,\d{2}\s€$/.test(s);
    const en = /^-?€\d{1,3}(?:,\d{3})*\.\d{2}$/.test(s);
    if (!it && !en) out.push(s);
  }
  return out;
}
