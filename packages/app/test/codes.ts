// Case and card codes for the fictional cases of tests and benchmarks. A code must match
// `^[A-Z]{2,4}-[0-9]{4}-[0-9A-Z]{5}$` and be unique in the database, which the database tests share between test
// files and runs: a random four-letter prefix and number per process, then a counter, so a process never repeats
// itself and two processes collide only if they draw the same prefix and number (one chance in about 4.5 billion).
// Five random hex digits per code, as before, collided within one run of bench/free-slots (300 codes).

import { randomInt } from 'node:crypto';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const prefix = Array.from({ length: 4 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
const number = String(randomInt(10_000)).padStart(4, '0');
let next = 0;

/** A code never handed out before in this process (up to 36^5 ≈ 60 million per run). */
export function uniqueCode(): string {
  const n = next++;
  return `${prefix}-${number}-${n.toString(36).toUpperCase().padStart(5, '0')}`;
}
