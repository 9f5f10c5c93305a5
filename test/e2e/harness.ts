// The browser-test harness: a real Ponte server in this process (PGlite in memory, migrated, listening on a free
// port of 127.0.0.1) and Debian's Chromium driven by playwright-core. Every page a journey visits is scanned with
// axe (WCAG 2.1 A and AA); a journey also fails on any request to another origin, on console errors (CSP
// violations are reported there by Chromium) and on uncaught page errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after } from 'node:test';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../packages/app/src/app.ts';
import type { Config } from '../../packages/app/src/config.ts';
import { currentTotp } from '../../packages/app/src/features/auth/index.ts';
import { type DemoLoginInfo, seedDemo } from '../../packages/app/src/features/network/index.ts';
import { configureAuditKey } from '../../packages/app/src/platform/audit/audit.ts';
import { advanceClock, clockFromEnvironment, nowMs } from '../../packages/app/src/platform/clock.ts';
import { configureKeys } from '../../packages/app/src/platform/crypto/index.ts';
import { type Database, openDatabase } from '../../packages/app/src/platform/db/database.ts';
import { migrateToLatest } from '../../packages/app/src/platform/db/migrate.ts';
import { migratedPglite, testConfig } from '../../packages/app/test/helpers.ts';
import { stats } from '../../scripts/test-stats.ts';

/**
 * The instant the journeys run at (a Wednesday morning in Italy, far from holidays and clock changes): the
 * server's clock starts there and runs on, so no journey depends on today's date. PONTE_TEST_NOW, when set, wins
 * (`node scripts/test.mjs --e2e` at a chosen date): the journeys compute their dates from the application's clock.
 * Set as the base of the process's clock, so a test's `resetClock` returns here too.
 */
export const JOURNEYS_AT = '2026-06-10T10:00';
clockFromEnvironment({ ...process.env, PONTE_TEST_NOW: process.env.PONTE_TEST_NOW || JOURNEYS_AT });

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why the journeys cannot run here, or false when they can. Without Chromium a developer's run skips them loudly;
 * in CI a missing browser is a failure, never a silent skip.
 */
export const noBrowser: string | false = (() => {
  if (existsSync(CHROMIUM)) return false;
  const why = `${CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium) to run the browser journeys`;
  if (process.env.CI) throw new Error(`CI: ${why}`);
  console.warn(`\n!!!!!!!!!!\n!!! BROWSER JOURNEYS SKIPPED: ${why}\n!!!!!!!!!!\n`);
  return why;
})();

export interface Ponte {
  app: FastifyInstance;
  database: Database;
  /** http://127.0.0.1:<port> */
  url: string;
  /** One login per role of the demo network (empty unless started with `demo`). */
  demoLogins: DemoLoginInfo[];
  close(): Promise<void>;
}

/**
 * Starts a Ponte server on a fresh in-memory database, on a free port, as `server.ts` does; with `demo`, the
 * demo network is loaded first, as `npm start` does on an empty database.
 */
export async function startPonte(
  overrides: Partial<Config> = {},
  /** `port`: a port chosen before the start (a test provider must know Ponte's callback address first). */
  opts: { demo?: boolean; port?: number } = {},
): Promise<Ponte> {
  const database = await openDatabase({ dataDir: null, loadDataDir: await migratedPglite() });
  // Already at the latest version (the migrated image of the checkout): this only checks it.
  await migrateToLatest(database.db);
  const config = testConfig(overrides);
  configureKeys(config.encryptionKeys);
  configureAuditKey(config.auditKey);
  const demoLogins = opts.demo ? await seedDemo(database.db) : [];
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    app,
    database,
    demoLogins,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let sharedPonte: Promise<Ponte> | undefined;
let sharedBrowser: Promise<Browser> | undefined;

/** The server shared by the journeys of this process (one PGlite boot for all of them), with the demo network. */
export function ponte(): Promise<Ponte> {
  sharedPonte ??= startPonte({}, { demo: true });
  return sharedPonte;
}

/**
 * The browser shared by the journeys of this process. Every context it opens puts axe-core in each of its
 * documents as they start (an init script, compiled once by the browser), so that a scan does not send and
 * compile axe's half a megabyte again on every page; `runAxe` still puts it in a page that lacks it.
 */
export function browser(): Promise<Browser> {
  sharedBrowser ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).then((launched) => {
    const newContext = launched.newContext.bind(launched);
    launched.newContext = async (options) => {
      const context = await newContext(options);
      await context.addInitScript({ content: axe.source });
      return context;
    };
    return launched;
  });
  return sharedBrowser;
}

after(async () => {
  if (sharedBrowser) await (await sharedBrowser).close();
  if (sharedPonte) await (await sharedPonte).close();
});

/** What went wrong in a page besides its accessibility: foreign requests, console errors, page errors. */
const problems = new WeakMap<Page, string[]>();

function guard(page: Page, origin: string, others: readonly string[] = []): void {
  const list: string[] = [];
  problems.set(page, list);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:')) return;
    const at = new URL(url).origin;
    if (at !== origin && !others.includes(at)) list.push(`request to another origin: ${req.method()} ${url}`);
  });
  // A sub-resource that fails (a missing script, style or icon); the status of the page itself is for the
  // journey to check (a 404 page is a right answer), so Chromium's console line about it is ignored.
  page.on('response', (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document') {
      list.push(`sub-resource failed: ${res.status()} ${res.url()}`);
    }
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (text.startsWith('Failed to load resource:')) return;
    list.push(
      `console error: ${text.length > 400 ? `${text.slice(0, 400)}…` : text} (${msg.location().url})`,
    );
  });
  page.on('pageerror', (err) => list.push(`uncaught error in the page: ${err.message}`));
}

/** Fails with every problem the page has met so far, then forgets them. */
export function assertClean(page: Page): void {
  const list = problems.get(page) ?? [];
  const found = list.splice(0);
  assert.deepEqual(found, [], `the page ${page.url()} had problems:\n  ${found.join('\n  ')}`);
}

/** Formats axe violations as lines a person can act on. */
function describeViolations(results: Pick<axe.AxeResults, 'violations'>): string {
  return results.violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `      on ${n.target.join(' ')}\n         ${n.failureSummary?.replaceAll('\n', '\n         ')}`,
        )
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) in the page: axe-core is put in the page once per document, then `axe.run`
 * checks the whole document, as @axe-core/playwright's legacy mode does, without its second copy of axe and the
 * extra tab it opens for every scan.
 */
async function runAxe(page: Page): Promise<Pick<axe.AxeResults, 'violations'>> {
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(axe.source);
  // Only the violations are asked for (`resultTypes`: axe keeps one node of each passed rule instead of all) and
  // only they come back from the page: the same rules run on the same document, the verdict is the same.
  return page.evaluate(
    (values) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] })
        .then((r) => ({ violations: r.violations })),
    AXE_TAGS,
  );
}

/**
 * What axe sees of the page, as a digest: the whole document with the values a person has typed or chosen, and
 * the size of the window; without what changes at every response and cannot change a result (the CSRF token
 * and other hidden values, nonces). Two scans with the same digest would give the same answer.
 */
async function pageState(page: Page): Promise<string> {
  const state = await page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    const live = document.documentElement.querySelectorAll('input, select, textarea');
    clone.querySelectorAll('input, select, textarea').forEach((el, i) => {
      const from = live[i] as HTMLInputElement;
      if (el instanceof HTMLInputElement && el.type === 'hidden') el.removeAttribute('value');
      else el.setAttribute('data-state', `${from.value}|${from.checked ?? ''}`);
    });
    clone.querySelectorAll('[nonce]').forEach((el) => {
      el.removeAttribute('nonce');
    });
    return `${innerWidth}x${innerHeight} ${document.activeElement?.id ?? ''} ${clone.outerHTML}`;
  });
  return createHash('sha256').update(state).digest('hex');
}

/** The states of pages this process has scanned without a violation. */
const scanned = new Set<string>();

/**
 * Scans the current page with axe (WCAG 2.0/2.1 A and AA) and fails on any violation. A page in the very state
 * already scanned without violation (the login page of every journey) counts as scanned, and is not scanned
 * again; the summary of scripts/test.mjs prints both numbers.
 */
export async function scan(page: Page): Promise<void> {
  stats.axeScans += 1;
  const t0 = performance.now();
  const state = await pageState(page);
  if (!scanned.has(state)) {
    stats.axeRuns += 1;
    const results = await runAxe(page);
    assert.equal(
      results.violations.length,
      0,
      `accessibility violations on ${page.url()}:\n${describeViolations(results)}`,
    );
    scanned.add(state);
  }
  stats.axeMs += performance.now() - t0;
  assertClean(page);
}

/** Opens a path (or absolute URL) of the server, checks the page, scans it, and returns the response status. */
export async function visit(page: Page, url: string): Promise<number> {
  // Relative paths resolve against the server of the journey (the context's baseURL).
  const res = await page.goto(url, { waitUntil: 'load' });
  await scan(page);
  return res?.status() ?? 0;
}

/**
 * Clicks something that loads a new page (a form's button, a link), waits for that page, scans it, and returns
 * its status.
 */
export async function follow(page: Page, target: Locator): Promise<number> {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
  await scan(page);
  return res?.status() ?? 0;
}

export interface Journey {
  page: Page;
  context: BrowserContext;
  server: Ponte;
}

/**
 * Runs `fn` in a fresh browser context (no cookies from other journeys) on `server` (default: the shared one),
 * then checks that nothing went wrong in the page since the last scan.
 */
export async function journey(
  fn: (j: Journey) => Promise<void>,
  server?: Ponte,
  /** Origins the journey may also visit (the test identity provider of the OIDC journey). */
  opts: { otherOrigins?: readonly string[] } = {},
): Promise<void> {
  const srv = server ?? (await ponte());
  const context = await (await browser()).newContext({ baseURL: srv.url, locale: 'it-IT' });
  try {
    // Fail in seconds, not after Playwright's default 30 s, when an element is missing.
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    guard(page, srv.url, opts.otherOrigins);
    await fn({ page, context, server: srv });
    assertClean(page);
  } finally {
    await context.close();
  }
}

const lastStep = new Map<string, number>();

/**
 * A second-factor code for `secret` that no earlier login of this process has used. Ponte refuses a replayed
 * code (same 30-second step), and the journeys log the same demo users in one after another: take the next
 * step (accepted within the ±1 window), and when even that one is spent, move the server's clock (this process's
 * application clock) on by one step, as 30 seconds of waiting would, without the wait.
 */
export async function freshTotp(secret: string): Promise<string> {
  const last = lastStep.get(secret) ?? -1;
  while (last + 1 > Math.floor(nowMs() / 30_000) + 1) advanceClock(30_000);
  const step = Math.max(Math.floor(nowMs() / 30_000), last + 1);
  lastStep.set(secret, step);
  return currentTotp(secret, step * 30);
}

/** Logs in as the demo user of `role` through the real login pages (password, then a fresh TOTP code). */
export async function loginAs(page: Page, role: string): Promise<void> {
  const server = await ponte();
  const l = server.demoLogins.find((x) => x.role === role);
  assert.ok(l, `no demo login for ${role}`);
  await visit(page, '/login');
  await page.getByLabel(/^Nome utente/).fill(l.username);
  await page.getByLabel(/^Password/).fill(l.password);
  await follow(page, page.getByRole('button', { name: 'Accedi' }));
  await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(l.totpSecret));
  assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
}
