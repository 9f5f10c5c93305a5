// Dates and times of the desks pages, always in Europe/Rome, in the page's language (Italian or English): the
// platform's one format (decision 0047), under the names the desks pages already use.
import {
  formatDateTime,
  formatDay,
  formatTime,
  formatWeekday,
  formatWeekdayTime,
} from '../../../platform/format.ts';

/** "giovedì 3 dicembre 2026, 14:00". */
export const fmtWhen = (v: Date, lang: string): string => formatWeekdayTime(v, lang);
/** "3 dicembre 2026, 14:00". */
export const fmtWhenShort = (v: Date, lang: string): string => formatDateTime(v, lang);
/** "giovedì 3 dicembre 2026". */
export const fmtDay = (v: Date, lang: string): string => formatWeekday(v, lang);
/** "14:00". */
export const fmtTime = (v: Date, lang: string): string => formatTime(v, lang);

/** A calendar date (`YYYY-MM-DD`, no time zone) as "3 dicembre 2026". */
export function fmtIsoDate(iso: string, lang: string): string {
  return formatDay(iso, lang);
}

/**
 * A desk as people read it: its name and, in brackets, its kind, unless the name already says it ("Videochiamata
 * INPS", not "Videochiamata INPS (Videochiamata)").
 */
export function deskLabel(name: string, kind: string): string {
  return name.toLocaleLowerCase().includes(kind.toLocaleLowerCase()) ? name : `${name} (${kind})`;
}
