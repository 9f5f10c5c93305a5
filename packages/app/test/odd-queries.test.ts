import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import * as svc from '../src/features/desks/booking/service.ts';
import * as planSvc from '../src/features/desks/planning/desks.ts';
import { makeCard, world } from '../src/features/desks/test-fixtures.ts';
import { PERMISSIONS, type Permission } from '../src/platform/auth/permissions.ts';
import {
  csrfFor,
  getTestDb,
  makeOrg,
  makeUser,
  postForm,
  type TestUser,
  testApp,
  testAt,
} from './helpers.ts';

// Odd page numbers and dates in the URL (issue 10): every GET route of the route table, called by a user who may
// open it, with page numbers and dates no form would send, answers a page or a clear 4xx — never a 5xx. Routes
// are read from the app itself, so a new route is covered the moment it exists.

const test = testAt('2026-11-26T12:00:00Z');

const ODD_PAGES = ['99999999999999999999', '-1', 'abc', '1.5', '0x10'];
const ODD_DATES = ['0001-01-01', '9999-12-31', '2026-02-30', '07/12/26', '+275760-09-13'];
const ZERO = '00000000-0000-4000-8000-000000000000';

/** The names of the query that the odd values fill. */
const ODD_NAMES = new Set(['page', 'date', 'view', 'from', 'to']);

/**
 * Notes which of `names` requests read from their `query` or their parsed `body`, until `stop()`: Fastify's
 * requests take that property through an accessor put on their common prototype (fastify/lib/request.js), which
 * hands out a proxy of the object. A value is read by a get (`query.page`, a spread, `Object.entries`); listing
 * the names alone reads no value. A route that reads none of the names, with or without them in its request,
 * answers the same whatever values they have: the odd values are tried only where they are read.
 */
function noteReads(
  property: 'query' | 'body',
  names: ReadonlySet<string>,
): { read: Set<string>; stop(): void } {
  /** A name read by the route's own code, not by Fastify's check of the schema every route shares (length and
   * characters of any value: it answers 400 to what it refuses, whatever the route). */
  const readByRoute = (name: string | symbol): name is string =>
    typeof name === 'string' &&
    names.has(name) &&
    !(new Error().stack ?? '').includes(`${sep}fastify${sep}lib${sep}validation.js`);
  const base = createRequire(import.meta.url)('fastify/lib/request.js') as { prototype: object };
  const read = new Set<string>();
  const own = Symbol(property);
  Object.defineProperty(base.prototype, property, {
    configurable: true,
    get(this: Record<symbol, unknown>) {
      return this[own];
    },
    set(this: Record<symbol, unknown>, value: unknown) {
      this[own] =
        value === null || typeof value !== 'object'
          ? value
          : new Proxy(value, {
              get(target, name, receiver) {
                if (readByRoute(name)) read.add(name);
                return Reflect.get(target, name, receiver);
              },
              has(target, name) {
                if (readByRoute(name)) read.add(name);
                return Reflect.has(target, name);
              },
            });
    },
  });
  return { read, stop: () => Reflect.deleteProperty(base.prototype, property) };
}

/** The query strings tried on every GET route. */
function oddQueries(): string[] {
  const out: string[] = [];
  for (const p of ODD_PAGES) out.push(`page=${encodeURIComponent(p)}`);
  for (const d of ODD_DATES) {
    const v = encodeURIComponent(d);
    for (const view of ['day', 'week']) out.push(`date=${v}&view=${view}`);
    out.push(`from=${v}&to=${v}`);
  }
  return out;
}

async function setUp() {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const coordinator = await makeUser(db, w.cav.id, ['cav_coordinator']);
  const ats = await makeOrg(db, 'ats', w.office.territoryId);
  const social = await makeUser(db, ats.id, ['social_worker']);
  const trainer = await makeUser(db, w.office.id, ['trainer']);
  const regione = await makeOrg(db, 'regione');
  const admin = await makeUser(db, regione.id, ['network_admin']);
  const dpo = await makeUser(db, regione.id, ['dpo']);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono di prova' });
  const session = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2026-12-01',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const appointment = await svc.holdSlot(db, w.opCtx, card, session, '2026-12-01T08:00:00.000Z');
  await svc.confirm(db, w.opCtx, appointment);
  const caseId = (
    await db
      .selectFrom('consultation_card')
      .select('case_id')
      .where('id', '=', card)
      .executeTakeFirstOrThrow()
  ).case_id;
  const users: Record<string, TestUser> = {
    cav_operator: w.operator,
    cav_coordinator: coordinator,
    inps_officer: w.officer,
    inps_director: w.director,
    social_worker: social,
    trainer,
    network_admin: admin,
    dpo,
  };
  /** A real record for each parameter a URL names, where the test has one. */
  const param = (url: string, name: string): string => {
    if (name === 'id' && url.startsWith('/network/organisations')) return w.cav.id;
    if (name === 'id' && url.startsWith('/network/users')) return w.officer.id;
    if (name === 'id' || name === 'caseId') return url.startsWith('/cases') ? caseId : ZERO;
    if (name === 'cardId') return card;
    if (name === 'appointmentId') return appointment;
    if (name === 'deskId') return desk;
    if (name === 'sessionId') return session;
    if (name === 'userId') return w.officer.id;
    if (name === 'file') return 'x.ics';
    return ZERO;
  };
  return { app, users, param };
}

test('every GET route answers odd page numbers and dates with a page or a 4xx, never a 5xx', async (t) => {
  const { app, users, param } = await setUp();
  const reading = noteReads('query', ODD_NAMES);
  t.after(reading.stop);
  const routes = app.routeAccess.filter((r) => r.method === 'GET');
  assert.ok(routes.length > 40, `${routes.length} GET routes`);
  const queries = oddQueries();
  /** Every odd name at once: a route reading one of them only when another is present reads it here. */
  const together = `page=abc&date=${encodeURIComponent('2026-02-30')}&view=week&from=0001-01-01&to=9999-12-31`;
  let calls = 0;
  let readers = 0;
  const failures: string[] = [];
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, (_m, name: string) => param(r.url, name));
    let cookie: string | undefined;
    if (r.access === 'authenticated') cookie = users.cav_operator!.cookie;
    else if (r.access !== 'public') {
      const role = PERMISSIONS[r.access as Permission][0];
      cookie = users[role]!.cookie;
    }
    // A readiness probe says 503 while the instance is not ready for traffic: that is its answer, with or without a
    // query, not an error. Any other 5xx, and a 503 that only odd values cause, is a failure.
    reading.read.clear();
    const plain = await app.inject({
      method: 'GET',
      url: path,
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    });
    if (plain.statusCode >= 500 && plain.statusCode !== 503)
      failures.push(`GET ${path} (${r.access}): ${plain.statusCode}`);
    const all = await app.inject({
      method: 'GET',
      url: `${path}?${together}`,
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    });
    calls++;
    if (all.statusCode >= 500 && !(all.statusCode === 503 && plain.statusCode === 503))
      failures.push(`GET ${path}?${together} (${r.access}): ${all.statusCode}`);
    // Neither request read a name the odd values fill: no value of them can change this route's answer.
    if (![...reading.read].some((name) => ODD_NAMES.has(name))) continue;
    readers++;
    for (const q of queries) {
      const url = `${path}?${q}`;
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
      });
      calls++;
      if (res.statusCode >= 500 && !(res.statusCode === 503 && plain.statusCode === 503))
        failures.push(`GET ${url} (${r.access}): ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
  // The routes with lists, agendas and periods read them: a proxy that stopped noting reads would skip them all.
  assert.ok(readers >= 15, `${readers} routes read the odd names`);
  assert.ok(calls > readers * queries.length, `${calls} calls`);
});

test('the odd URLs of the report: the last page for a page number too large, the day asked kept in range', async () => {
  const { app, users } = await setUp();
  const get = (u: TestUser, url: string) =>
    app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: u.cookie } });
  const huge = 'page=99999999999999999999';
  for (const [role, url] of [
    ['dpo', `/audit?${huge}`],
    ['cav_operator', `/desks/appointments?${huge}`],
    ['cav_operator', `/desks/book?${huge}`],
    ['cav_operator', `/cases?${huge}`],
    ['inps_officer', `/inps/cards?${huge}`],
    ['network_admin', `/network/organisations?${huge}`],
    ['network_admin', `/network/users?${huge}`],
  ] as const) {
    const res = await get(users[role]!, url);
    assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
    // The last page: its summary ends with the total («Risultati 41–45 di 45»), and it lists something when the
    // list is not empty.
    const summary = /Risultati (\d+)–(\d+) di (\d+)/.exec(res.body);
    if (summary) {
      assert.equal(summary[2], summary[3], `${url}: ${summary[0]}`);
      if (summary[3] !== '0') assert.notEqual(summary[1], '0', `${url}: ${summary[0]}`);
    }
  }
  const audit = await get(users.dpo!, `/audit?${huge}`);
  assert.match(audit.body, /data-entry="\d+"/, 'the last page of the audit log lists its entries');
  const appointments = await get(users.cav_operator!, `/desks/appointments?${huge}`);
  assert.match(appointments.body, /Risultati 1–1 di 1/, 'her one appointment, on the only page');
  // The agenda of a day outside the years Ponte can show answers the nearest day it can, with a clear notice.
  const agenda = await get(users.inps_officer!, '/desks/agenda?date=0001-01-01&view=week');
  assert.equal(agenda.statusCode, 200);
  assert.match(
    agenda.body,
    /<div class="alert alert-info" role="status">Qui si possono vedere le date tra il 1° gennaio 2000 e il 31 dicembre 2099: ecco il giorno più vicino/,
  );
  assert.match(agenda.body, /domenica 2 gennaio 2000/, 'the week of 1 January 2000');
});

test('a desk day, a recurring desk day and a closure far ahead, or with a two-digit year, say which dates are allowed', async () => {
  const { app, users, param } = await setUp();
  const director = users.inps_director!;
  const desk = param('/desks/:deskId', 'deskId');
  const post = (url: string, fields: Record<string, string>) => postForm(app, director, url, fields);
  const fieldError = (body: string, name: string) =>
    new RegExp(`id="field-${name}-error"[^>]*>([^<]*)<`).exec(body)?.[1];
  // The clock is at 26 November 2026: two years ahead is 26 November 2028.
  const ahead = 'La data deve essere tra oggi e il 26 novembre 2028.';
  const day = await post(`/desks/${desk}/sessions`, {
    officer: users.inps_officer!.id,
    date: '9999-12-31',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  assert.equal(day.statusCode, 400);
  assert.equal(fieldError(day.body, 'date'), ahead);
  assert.match(day.body, /value="9999-12-31"/, 'the form keeps what was typed');
  const twoDigits = await post(`/desks/${desk}/sessions`, {
    officer: users.inps_officer!.id,
    date: '01/12/26',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  assert.equal(
    fieldError(twoDigits.body, 'date'),
    'Scrivi l’anno con quattro cifre, per esempio 15/03/2026.',
  );
  const rule = await post(`/desks/${desk}/rules`, {
    officer: users.inps_officer!.id,
    weekday: '2',
    week_every: '1',
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
    buffer_minutes: '0',
    valid_from: '2999-01-05',
    valid_until: '2026-02-30',
  });
  assert.equal(rule.statusCode, 400);
  assert.equal(fieldError(rule.body, 'valid_from'), ahead);
  assert.equal(
    fieldError(rule.body, 'valid_until'),
    'Questa data non esiste nel calendario: controlla il giorno e il mese.',
  );
  const closure = await post('/desks/exceptions', {
    kind: 'closure',
    desk,
    from_date: '0001-01-01',
    to_date: '9999-12-31',
  });
  assert.equal(closure.statusCode, 400);
  assert.equal(
    fieldError(closure.body, 'to_date'),
    'La data deve essere tra il 1° gennaio 2000 e il 31 dicembre 2099.',
  );
  assert.ok(fieldError(closure.body, 'from_date'), 'the start of the closure is refused next to its field');
});

test('every form posted with odd dates and page numbers answers a page or a 4xx, never a 5xx', async (t) => {
  const { app, users, param } = await setUp();
  // The network's actions on a user or an organisation (deactivate, reset the password) act on ones of their own,
  // so that the walk keeps its users logged in.
  const { db } = await getTestDb();
  const victimOrg = await makeOrg(db, 'cav');
  const victim = await makeUser(db, victimOrg.id, ['cav_operator']);
  const target = (url: string, name: string) => {
    if (name === 'id' && url.startsWith('/network/users')) return victim.id;
    if (name === 'id' && url.startsWith('/network/organisations')) return victimOrg.id;
    return param(url, name);
  };
  const fields = [
    'date',
    'from',
    'to',
    'valid_from',
    'valid_until',
    'from_date',
    'to_date',
    'first_day',
    'givenOn',
    'expiresOn',
    'filed_on',
    'at',
    'declared_on',
    'signed_on',
  ];
  // Logging out or ending her sessions would only leave the rest of the walk without a session.
  const skipped = /^\/(logout|session\/|account\/|uscita)/;
  const routes = app.routeAccess.filter((r) => r.method === 'POST' && !skipped.test(r.url));
  assert.ok(routes.length > 30, `${routes.length} POST routes`);
  const reading = noteReads('body', new Set(['page', 'view', ...fields]));
  t.after(reading.stop);
  const tokens = new Map<string, { cookie: string; token: string }>();
  const failures: string[] = [];
  let calls = 0;
  let refused = 0;
  let readers = 0;
  for (const r of routes) {
    const url = r.url.replace(/:(\w+)/g, (_m, name: string) => target(r.url, name));
    let user: TestUser | undefined;
    if (r.access === 'authenticated') user = users.cav_operator;
    else if (r.access !== 'public') user = users[PERMISSIONS[r.access as Permission][0]];
    let auth: { cookie: string; token: string } | undefined;
    if (user) {
      auth = tokens.get(user.id) ?? (await csrfFor(app, user.cookie));
      tokens.set(user.id, auth);
    }
    reading.read.clear();
    for (const [i, odd] of [...ODD_DATES, ...ODD_PAGES].entries()) {
      // After the first value, only a form that read one of the fields is posted the others.
      if (i === 1 && reading.read.size === 0) break;
      if (i === 1) readers++;
      const body = new URLSearchParams({ page: odd, view: 'week' });
      for (const f of fields) body.set(f, odd);
      if (auth) body.set('_csrf', auth.token);
      const res = await app.inject({
        method: 'POST',
        url,
        headers: {
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
          ...(auth ? { cookie: auth.cookie } : {}),
        },
        payload: body.toString(),
      });
      calls++;
      if (res.statusCode === 400) refused++;
      if (res.statusCode >= 500) failures.push(`POST ${url} (${r.access}) with ${odd}: ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
  // The forms with dates read them: a proxy that stopped noting reads would leave them all at one value.
  assert.ok(readers >= 15, `${readers} forms read the odd fields`);
  assert.ok(calls > readers * 10, `${calls} calls`);
  // The forms were read (with their CSRF token, by a role that may post them): many are refused next to their fields.
  assert.ok(refused > 100, `${refused} forms refused with 400`);
});
