// What one anonymous address may ask of the public benefits API (issue 11, finding 3). The cost of a request is
// the number of situations it holds, so the limit counts situations, not requests; a batch is small so that no
// request holds the process for long, and the work yields between slices of SLICE situations (routes.ts).
// Large lists are for `ponte screen` (JSON Lines, run where the data is), not for the anonymous API.
export const SCREEN_LIMITS = {
  /** Situations in one anonymous request (an array); above: 413. */
  batchMax: 50,
  /** Situations per address per minute, counted in the database for every instance; above: 429. */
  perMinute: 500,
  /** The window of perMinute, in seconds. */
  windowSeconds: 60,
  /** Requests per address per minute, whatever their size (a single situation costs as little as a request). */
  requestsPerMinute: 120,
} as const;

/** Situations assessed between two yields of the event loop (about 0.4 ms each with their JSON). */
export const SLICE = 5;
