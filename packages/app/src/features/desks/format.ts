// Dates and times of the desks pages, always in Europe/Rome, in the page's language (Italian or English).

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'it-IT');
const format = (opts: Intl.DateTimeFormatOptions) => (v: Date, lang: string) =>
  new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', ...opts }).format(v);

/** "giovedì 3 dicembre 2026 alle ore 14:00". */
export const fmtWhen = format({ dateStyle: 'full', timeStyle: 'short' });
/** "3 dicembre 2026 alle ore 14:00". */
export const fmtWhenShort = format({ dateStyle: 'long', timeStyle: 'short' });
/** "giovedì 3 dicembre 2026". */
export const fmtDay = format({ dateStyle: 'full' });
/** "14:00". */
export const fmtTime = format({ timeStyle: 'short' });

/** A calendar date (`YYYY-MM-DD`, no time zone) as "3 dicembre 2026". */
export function fmtIsoDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}
