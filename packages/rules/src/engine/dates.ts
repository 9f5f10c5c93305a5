// Dates as integers yyyymmdd: comparisons and whole-year ages need no Date objects (the engine is on the hot path).

/** Converts `YYYY-MM-DD` to the integer yyyymmdd (the string must already be validated). */
export function dayNum(s: string): number {
  // Digit by digit: no substring or number parsing per call (it runs for every date of every situation).
  // 53328 is the code of '0' (48) times 1111, the year digits' place values summed; 528 is 48 times 11.
  const y = s.charCodeAt(0) * 1000 + s.charCodeAt(1) * 100 + s.charCodeAt(2) * 10 + s.charCodeAt(3) - 53328;
  const m = s.charCodeAt(5) * 10 + s.charCodeAt(6) - 528;
  const d = s.charCodeAt(8) * 10 + s.charCodeAt(9) - 528;
  return y * 10000 + m * 100 + d;
}

/** Converts an integer yyyymmdd back to `YYYY-MM-DD`. */
export function dayStr(n: number): string {
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Age in completed years on `on` of someone born on `birth` (both yyyymmdd); the birthday counts as completed. */
export function ageYears(birth: number, on: number): number {
  return Math.floor((on - birth) / 10000);
}

/** Completed months between two yyyymmdd days. */
export function ageMonths(birth: number, on: number): number {
  const by = Math.floor(birth / 10000);
  const bm = Math.floor(birth / 100) % 100;
  const bd = birth % 100;
  const oy = Math.floor(on / 10000);
  const om = Math.floor(on / 100) % 100;
  const od = on % 100;
  return (oy - by) * 12 + (om - bm) - (od < bd ? 1 : 0);
}

const MONTHS = {
  it: 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre'.split(
    ' ',
  ),
  en: 'January February March April May June July August September October November December'.split(' '),
};

/** Formats yyyymmdd as people read it, the same in every Ponte text: "7 dicembre 2026" / "7 December 2026". */
export function formatDay(n: number, lang: 'it' | 'en'): string {
  const month = MONTHS[lang][(Math.floor(n / 100) % 100) - 1];
  return `${n % 100} ${month} ${Math.floor(n / 10000)}`;
}

/** The calendar day before a yyyymmdd day. */
export function dayBefore(n: number): number {
  const d = new Date(Date.UTC(Math.floor(n / 10000), (Math.floor(n / 100) % 100) - 1, (n % 100) - 1));
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** The day `n` days after a yyyymmdd day, as yyyymmdd (calendar arithmetic in UTC: no time zone involved). */
export function addDays(day: number, n: number): number {
  const d = new Date(Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, (day % 100) + n));
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** yyyymmdd plus `n` months, on the same day of the month (or the month's last day). */
export function addMonths(day: number, n: number): number {
  const y = Math.floor(day / 10000);
  const m = (Math.floor(day / 100) % 100) - 1 + n;
  const ny = y + Math.floor(m / 12);
  const nm = (m % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return ny * 10000 + nm * 100 + Math.min(day % 100, last);
}
