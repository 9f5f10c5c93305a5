// What a test process counts for the summary of scripts/test.mjs: the wall and CPU time of each test file (taken
// by scripts/all-tests.ts around every test and hook it registers) and the accessibility scans of the browser
// harness. Written as JSON to PONTE_TEST_STATS when the process exits.
import { readdirSync, readFileSync } from 'node:fs';

export const stats = {
  /** Calls of the harness' `scan` (every page a journey visits or follows, and every explicit scan). */
  axeScans: 0,
  /** Of those, the scans axe actually ran; the others met a page already scanned in the very same state. */
  axeRuns: 0,
  /** Per test file: wall and CPU milliseconds of its tests and hooks. */
  files: {} as Record<string, { wallMs: number; cpuMs: number; tests: number }>,
};

const TICK_MS = 10; // Linux reports CPU in clock ticks of 1/100 s (USER_HZ).

/**
 * CPU milliseconds of this process and of every process under it, live or ended (an ended child's time is
 * added to its parent when the parent waits for it): with a browser open, that is the browser's time too.
 * Falls back to this process alone where there is no /proc.
 */
export function treeCpuMs(): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // it ended meanwhile
    }
    // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17): comm may hold spaces and parentheses.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(Number(name), Number(f[1]));
    ticks.set(Number(name), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += t;
        break;
      }
    }
  }
  return total * TICK_MS;
}
