import { randomUUID } from 'node:crypto';
import { type TestContext, type TestOptions, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { configureAuditKey } from '../src/platform/audit/audit.ts';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { now, resetClock, setClock } from '../src/platform/clock.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { migratedImage as migratedImageOf } from '../src/platform/db/migrated-image.ts';
import type { OrgKind, Role } from '../src/platform/db/schema.ts';
import { unformatted } from '../src/platform/format.ts';

// One migrated database per test process (architecture.md: PGlite boots in seconds, so never one per file).
// With DATABASE_URL set, the same tests run against a PostgreSQL server, on a schema rebuilt from scratch.
let shared: Promise<Database> | undefined;
let sharedApp: Promise<FastifyInstance> | undefined;
/** See `migratedPglite`. */
let migratedImage: Promise<Blob> | undefined;

async function open(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await sql`drop schema if exists public cascade`.execute(admin.db);
    await sql`create schema public`.execute(admin.db);
    await admin.close();
    // Closed by `closeTestDb` after the last test; the pool lets the process exit when idle meanwhile.
    const database = await openDatabase({ databaseUrl: url, allowExitOnIdle: true });
    await migrateToLatest(database.db);
    return database;
  }
  const image = await migratedPglite();
  const database = await openDatabase({ dataDir: null, loadDataDir: image, allowExitOnIdle: true });
  // Already at the latest version: this only checks it, as the test would if it migrated.
  await migrateToLatest(database.db);
  return database;
}

/**
 * The data folder of a freshly migrated PGlite database, as a tar image: the shared test database, `ownTestDb()`,
 * `migratedDataDir()` and the browser journeys' servers start from it instead of booting an empty PGlite (initdb,
 * the costly part: about 5 s of CPU against 1 s to load the image) and migrating it again. It is the image an empty
 * data folder of `ponte start` starts from (platform/db/migrated-image.ts, decision 0067), kept in
 * node_modules/.cache/ponte under a hash of its sources; scripts/test.mjs makes it before the test processes start.
 */
export function migratedPglite(): Promise<Blob> {
  migratedImage ??= migratedImageOf();
  return migratedImage;
}

/**
 * Makes `dir` a PGlite data folder holding a freshly migrated, empty database, as `ponte migrate` would leave it
 * (for the tests that run Ponte as a process on a data folder); closed again when returned.
 */
export async function migratedDataDir(dir: string): Promise<void> {
  const database = await openDatabase({ dataDir: dir, loadDataDir: await migratedPglite() });
  await database.close();
}

/**
 * Moves the application clock to `at` (it runs on from there) for the rest of test `t`, and back to the process's
 * clock (the system's, or PONTE_TEST_NOW's) when `t` ends. A date alone is 09:00 in Italy that day.
 */
export function clockAt(t: { after(fn: () => void): void }, at: Parameters<typeof setClock>[0]): void {
  setClock(at);
  t.after(() => resetClock());
}

/**
 * `test` of node:test with the application clock at `at` (running from there) at the start of each test, and back
 * to the process's clock after it: for the files whose tests are written against fixed dates.
 */
export function testAt(at: Parameters<typeof setClock>[0]) {
  type Fn = (t: TestContext) => void | Promise<void>;
  return (name: string, optionsOrFn: TestOptions | Fn, maybeFn?: Fn) => {
    const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn!;
    const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
    return test(name, options, async (t) => {
      setClock(at);
      try {
        await fn(t);
      } finally {
        resetClock();
      }
    });
  };
}

/**
 * A day inside the years of the benefits engine's rules (2023–2026), for the tests that run the check: the engine
 * refuses any other date, so they must not run on the real date or on a CI date such as 2028-02-29.
 */
export const RULES_DAY = '2026-11-16T10:00';

/** The process-wide migrated test database. */
export function getTestDb(): Promise<Database> {
  // Tests that append to the audit log without an app use the key every test app has.
  configureAuditKey(testConfig().auditKey);
  shared ??= open();
  return shared;
}

/**
 * Closes the process-wide test database, if it was opened: scripts/all-tests.ts calls it after the last test. An
 * embedded database started from an image keeps a timer of PGlite's alive, so the process would not end by itself.
 */
export async function closeTestDb(): Promise<void> {
  if (shared) await (await shared).close();
}

let ownSeq = 0;

/**
 * A migrated, empty database of the caller's own (for tests that need a database with nothing else in it, like
 * the demo seeds): in-memory PGlite, or with DATABASE_URL a database created on that server for this process,
 * dropped again by `close()`.
 */
export async function ownTestDb(): Promise<Database> {
  configureAuditKey(testConfig().auditKey);
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: null, loadDataDir: await migratedPglite() });
    // Already at the latest version: this only checks it, as the test would if it migrated.
    await migrateToLatest(database.db);
    return database;
  }
  const name = `ponte_own_${process.pid}_${++ownSeq}_${randomUUID().slice(0, 8)}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1, allowExitOnIdle: true });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: own.toString(), allowExitOnIdle: true });
  try {
    await migrateToLatest(database.db);
  } catch (e) {
    await database.close();
    await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
    await admin.close();
    throw e;
  }
  return {
    ...database,
    close: async () => {
      await database.close();
      await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
      await admin.close();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { NODE_ENV: 'test', PONTE_SECRET: 'test-secret-test-secret-test-secret-0123' },
    { dataDir: null, jobs: false, ...overrides },
  );
}

/** The process-wide app on the test database (call buildApp yourself for a different config). */
export function testApp(): Promise<FastifyInstance> {
  sharedApp ??= (async () => {
    const database = await getTestDb();
    return scanFormats(await buildApp({ config: testConfig(), database, logger: false }));
  })();
  return sharedApp;
}

/** The text a person reads on an HTML page: no scripts, tags, attributes or field hints (input formats). */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<(script|style|textarea)[\s\S]*?<\/\1>/g, ' ')
      // A field's hint describes what to type (an input format, e.g. the protocol's AAAA-MM-GG), not a date shown.
      .replace(/<small[^>]*class="form-text[^"]*"[^>]*>[\s\S]*?<\/small>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
  );
}

/**
 * Every HTML page the shared test app serves is read for dates and money outside Ponte's one format (decision
 * 0047): an ISO date, a two-digit year or an unformatted amount fails the route test that asked for the page.
 */
function scanFormats(app: FastifyInstance): FastifyInstance {
  const inject = app.inject.bind(app) as (o: unknown) => Promise<LightMyRequestResponse>;
  const scanned = async (opts: unknown) => {
    const res = await inject(opts);
    // The one format is Italian's and English's; the public pages in other languages follow their own locale.
    const html = String(res.headers['content-type'] ?? '').startsWith('text/html');
    if (html && /<html lang="(it|en)"/.test(res.body)) {
      const bad = unformatted(visibleText(res.body));
      if (bad.length) throw new Error(`page shows dates or money outside the one format: ${bad.join(' | ')}`);
    }
    return res;
  };
  (app as unknown as { inject: unknown }).inject = (opts?: unknown) =>
    opts === undefined ? inject(opts) : scanned(opts);
  return app;
}

let territorySeq = 0;

/** A fresh territory chain regione → provincia → comune, unique per call. */
export async function makeTerritory(
  db: Database['db'],
): Promise<{ regione: string; provincia: string; comune: string }> {
  const n = `${process.pid}-${++territorySeq}-${randomUUID().slice(0, 6)}`;
  const regione = `test-reg-${n}`;
  const provincia = `test-prov-${n}`;
  const comune = `test-com-${n}`;
  await db
    .insertInto('territory')
    .values([
      { id: regione, kind: 'regione', name: `Regione di prova ${n}`, parent_id: null },
      { id: provincia, kind: 'provincia', name: `Provincia di prova ${n}`, parent_id: regione },
      { id: comune, kind: 'comune', name: `Comune di prova ${n}`, parent_id: provincia },
    ])
    .execute();
  return { regione, provincia, comune };
}

/** An organisation of the given kind; a shelter gets its own managing CAV. */
export async function makeOrg(
  db: Database['db'],
  kind: OrgKind,
  territoryId?: string,
): Promise<{ id: string; name: string; territoryId: string }> {
  const tid = territoryId ?? (await makeTerritory(db)).comune;
  let managing: string | null = null;
  if (kind === 'shelter') managing = (await makeOrg(db, 'cav', tid)).id;
  const id = randomUUID();
  const name = `Org di prova ${kind} ${id.slice(0, 8)}`;
  await db
    .insertInto('organisation')
    .values({ id, kind, name, territory_id: tid, managing_cav_id: managing })
    .execute();
  return { id, name, territoryId: tid };
}

export interface TestUser {
  id: string;
  username: string;
  orgId: string;
  roles: Role[];
  /** Cookie header of a fully logged-in session (second factor done). */
  cookie: string;
}

/**
 * A staff user with the given roles in `orgId`, already logged in: the session is created directly, because
 * the login journey itself is tested on its own (features/auth).
 */
export async function makeUser(db: Database['db'], orgId: string, roles: Role[]): Promise<TestUser> {
  const id = randomUUID();
  const username = `u${id.replaceAll('-', '').slice(0, 12)}`;
  await db
    .insertInto('app_user')
    .values({
      id,
      username,
      display_name: `Utente di prova ${username}`,
      password_hash: 'x',
      totp_enrolled_at: now(),
    })
    .execute();
  if (roles.length > 0) {
    await db
      .insertInto('membership')
      .values(roles.map((role) => ({ user_id: id, organisation_id: orgId, role })))
      .execute();
  }
  const token = await createSession(db, { userId: id, stage: 'active', organisationId: orgId }, 15);
  return { id, username, orgId, roles, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Extracts the CSRF cookie and token from a page, to post a form as a browser would. */
export async function csrfFor(
  app: FastifyInstance,
  cookie: string,
  url = '/home',
): Promise<{ cookie: string; token: string }> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  const set = res.cookies.find((c) => c.name === 'ponte_csrf');
  if (!token || !set) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
  return { cookie: `${cookie}; ponte_csrf=${set.value}`, token };
}

export function cookiesOf(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export type FormFields = Record<string, string | string[]>;

/** POSTs a form as a browser would (a list as repeated names, the CSRF token of `page`), as `user`. */
export async function postForm(
  app: FastifyInstance,
  user: { cookie: string },
  url: string,
  fields: FormFields = {},
  page = '/home',
) {
  const { cookie, token } = await csrfFor(app, user.cookie, page);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  body.set('_csrf', token);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: body.toString(),
  });
}

/** GETs a page as `user`, asking for HTML. */
export function getPage(app: FastifyInstance, user: { cookie: string }, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: user.cookie, accept: 'text/html' } });
}
