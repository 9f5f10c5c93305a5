// The one clock of Ponte. Every "now" and every "today" of the application comes from here — never from
// `new Date()`, `Date.now()`, `Temporal.Now` or SQL `now()` — so that a test (or a whole test run) can set the date
// and the application behaves exactly as it would on that date: a Saturday that is a public holiday, the night the
// clocks change, 29 February.
//
// The clock runs: setting it to an instant moves "now" there and lets time go on from it (an offset from the
// system clock), so sessions, holds and leases still expire in a run. `freezeClock` stops it for a unit test that
// needs the same instant twice.
import { Temporal } from 'temporal-polyfill';

export const ZONE = 'Europe/Rome';

// `baseOffsetMs` is where `resetClock` returns: the system clock, or the instant of PONTE_TEST_NOW (running from
// the start of the process), so that a test that sets and resets the clock inside a dated run stays on that date.
let baseOffsetMs = 0;
let offsetMs = 0;
let frozenMs: number | null = null;

/** Milliseconds since the epoch, as the application sees them. */
export function nowMs(): number {
  return frozenMs ?? Date.now() + offsetMs;
}

/** The current instant, as the application sees it. */
export function now(): Date {
  return new Date(nowMs());
}

/** The current instant as a Temporal.Instant. */
export function nowInstant(): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(nowMs());
}

/** The current date and time in Italy. */
export function nowInRome(): Temporal.ZonedDateTime {
  return nowInstant().toZonedDateTimeISO(ZONE);
}

/** Today's calendar date in Italy. */
export function todayInRome(): Temporal.PlainDate {
  return nowInRome().toPlainDate();
}

/** Today's calendar date in Italy, YYYY-MM-DD. */
export function todayIso(): string {
  return isoDateInRome(nowMs());
}

// The last Italian day asked for, with the instants where it starts and ends (issue 16): an instant of the same
// day — the usual case, "today" asked by every request and the rows of one day — is answered by two comparisons,
// with no Temporal or Intl object built; another day is computed once with Temporal and remembered.
let lastDay = { from: 0, to: 0, iso: '' };

/** The calendar date in Italy of an instant, YYYY-MM-DD (e.g. the day a case was opened). */
export function isoDateInRome(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (ms >= lastDay.from && ms < lastDay.to) return lastDay.iso;
  const day = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(ZONE).toPlainDate();
  const from = day.toZonedDateTime({ timeZone: ZONE }).epochMilliseconds;
  const to = day.add({ days: 1 }).toZonedDateTime({ timeZone: ZONE }).epochMilliseconds;
  const iso = day.toString();
  // Only an instant inside the computed bounds is remembered (NaN and far dates fall through, as before).
  if (ms >= from && ms < to) lastDay = { from, to, iso };
  return iso;
}

function toMs(at: Date | string | number | Temporal.Instant | Temporal.ZonedDateTime): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  if (typeof at === 'string') {
    // A bare date means 09:00 in Italy on that day; a date-time without an offset is read in Italy.
    if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
      return Temporal.PlainDate.from(at).toZonedDateTime({ timeZone: ZONE, plainTime: '09:00' })
        .epochMilliseconds;
    }
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(at)) {
      return Temporal.PlainDateTime.from(at).toZonedDateTime(ZONE).epochMilliseconds;
    }
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) throw new Error(`clock: unreadable instant ${JSON.stringify(at)}`);
    return ms;
  }
  return at.epochMilliseconds;
}

/**
 * Moves the clock to `at` and lets it run from there (`null`: like `resetClock`). Accepts an instant, or a
 * date / date-time read in Italy ('2026-12-24' is 09:00 that day).
 */
export function setClock(
  at: Date | string | number | Temporal.Instant | Temporal.ZonedDateTime | null,
): void {
  frozenMs = null;
  offsetMs = at === null ? baseOffsetMs : toMs(at) - Date.now();
}

/** Stops the clock at `at` (default: where it is now) until `setClock` or `resetClock`. */
export function freezeClock(at?: Date | string | number | Temporal.Instant | Temporal.ZonedDateTime): void {
  frozenMs = at === undefined ? nowMs() : toMs(at);
}

/** Moves the clock forward (or back, with a negative value) by `ms`. */
export function advanceClock(ms: number): void {
  if (frozenMs !== null) frozenMs += ms;
  else offsetMs += ms;
}

/** Back to the process's clock: the system clock, or the running clock of PONTE_TEST_NOW when that set it. */
export function resetClock(): void {
  frozenMs = null;
  offsetMs = baseOffsetMs;
}

/**
 * Outside production, `PONTE_TEST_NOW` (an instant, or a date read in Italy) sets the clock of the whole process
 * at start: CI runs the date-sensitive tests at fixed dates this way. Production always runs on the system clock.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  const at = env.PONTE_TEST_NOW;
  if (!at || env.NODE_ENV === 'production') return;
  setClock(at);
  baseOffsetMs = offsetMs;
}

clockFromEnvironment();

/**
 * SQL reading the database server's own clock, in milliseconds since the epoch: only to compare it with this clock
 * (the clock check of `ponte doctor` and `/readyz`), never as a "now" of the application. Kept here with the other
 * readings of a real clock.
 */
export const DATABASE_CLOCK_MS_SQL = 'select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms';
