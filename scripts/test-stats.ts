// What a test process counts for the summary of scripts/test.mjs: the wall and CPU time of each test file (taken
// by scripts/all-tests.ts around every test and hook it registers) and the accessibility scans of the browser
// harness. Written as JSON to PONTE_TEST_STATS when the process exits.
import { readdirSync, readFileSync } from 'node:fs';

export const stats = {
  /** Calls of the harness' `scan` (every page a journey visits or follows, and every explicit scan). */
  axeScans: 0,
  /** Of those, the scans axe actually ran; the others met a page already scanned in the very same state. */
  axeRuns: 0,
  /** Wall milliseconds spent in axe's runs and in the digests of page states (scan's own cost). */
  axeMs: 0,
  /** Per test file: wall and CPU milliseconds of its tests and hooks. */
  files: {} as Record<string, { wallMs: number; cpuMs: number; tests: number }>,
};

const TICK_MS = 10; // Linux reports CPU in clock ticks of 1/100 s (USER_HZ).

/** The processes under this one seen so far: CPU ticks (own and of the children they waited for) and parent. */
const seen = new Map<number, { ticks: number; ppid: number; start: string }>();
/** CPU ticks of processes under this one that ended without a parent of ours to wait for them. */
let orphanTicks = 0;

/**
 * CPU milliseconds of this process and of every process under it, live or ended. An ended child's time is added
 * to its parent when the parent waits for it; a process left behind by its parent (Chromium's helpers when the
 * browser closes) is reparented and its time would be lost, so its last reading is kept. Falls back to this
 * process alone where there is no /proc.
 */
export function treeCpuMs(): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  const now = new Map<number, { ticks: number; ppid: number; start: string }>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // it ended meanwhile
    }
    // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17) … starttime(22): comm may hold spaces.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    now.set(Number(name), { ticks, ppid: Number(f[1]), start: f[19] ?? '' });
  }
  const ours = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = now.get(p)?.ppid) {
      if (p === process.pid) return true;
    }
    return false;
  };
  const ended = [...seen].filter(([pid, before]) => now.get(pid)?.start !== before.start);
  for (const [, before] of ended) {
    // Ended: left behind when last seen (reparented out of our tree), so its last reading is kept; else waited
    // for by its parent of ours, whose reading has its time (or will, or lost it with it: never counted twice).
    if (!seen.has(before.ppid)) orphanTicks += before.ticks;
  }
  for (const [pid] of ended) seen.delete(pid);
  let total = orphanTicks;
  for (const [pid, p] of now) {
    const known = seen.get(pid);
    if (pid === process.pid || ours(pid) || (known && known.start === p.start)) {
      seen.set(pid, p);
      total += p.ticks;
    }
  }
  return total * TICK_MS;
}

/** CPU milliseconds of processes under this one that ended after their parent had left them behind. */
export function orphanCpuMs(): number {
  return orphanTicks * TICK_MS;
}
