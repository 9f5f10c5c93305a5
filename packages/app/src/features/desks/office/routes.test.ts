import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTestDb, makeOrg, makeUser, testApp } from '../../../../test/helpers.ts';
import * as planSvc from '../planning/desks.ts';
import { world } from '../test-fixtures.ts';
import { officeWorld } from './test-fixtures.ts';

// "Appuntamenti dell'ufficio" over HTTP: the director's page, the roles refused, another office's director.

const get = (app: Awaited<ReturnType<typeof testApp>>, url: string, cookie: string) =>
  app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });

test('the director lists her office’s appointments with counts and links to the INPS card, nothing more', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const o = await officeWorld(db);
  const codes = await db
    .selectFrom('consultation_card')
    .select(['id', 'code'])
    .where(
      'id',
      'in',
      Object.values(o.appts).map((a) => a.card),
    )
    .execute();
  const res = await get(app, '/desks/office', o.director.cookie);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Appuntamenti dell’ufficio/);
  // Today is in 2026: every appointment of 2027 is upcoming, so the counts are the ones of the world.
  assert.match(
    res.body,
    /In tutto: <strong>2 prenotati · 1 svolto · 1 non presentata · 1 annullato<\/strong>/,
  );
  for (const c of codes) assert.match(res.body, new RegExp(`<a href="/inps/cards/${c.id}">${c.code}</a>`));
  assert.match(res.body, /Telefono ufficio A/);
  assert.match(res.body, /href="\/desks\/office"/, 'the menu names the page');
  // The filters are kept, in the page links too.
  const filtered = await get(app, `/desks/office?desk=${o.deskB}&status=cancelled`, o.director.cookie);
  assert.equal(filtered.statusCode, 200);
  assert.match(filtered.body, new RegExp(`<option value="${o.deskB}" selected`));
  assert.match(filtered.body, /<option value="cancelled" selected/);
  assert.match(
    filtered.body,
    /Con il periodo, la consulente e lo sportello scelti: <strong>1 prenotato · 0 svolti/,
  );
  assert.match(filtered.body, /Annullato/);
  assert.doesNotMatch(filtered.body, /Telefono ufficio A<\/td>/);
  const en = await app.inject({
    method: 'GET',
    url: '/desks/office',
    headers: { cookie: o.director.cookie, 'accept-language': 'en' },
  });
  assert.match(en.body, /In all: <strong>2 booked · 1 done · 1 no-show · 1 cancelled<\/strong>/);
  const none = await get(app, '/desks/office?from=2030-01-01', o.director.cookie);
  assert.match(none.body, /Nessun appuntamento con questi filtri/);
  assert.match(none.body, /value="2030-01-01"/);
});

test('an unreadable date comes back next to its field, with what was typed', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const res = await get(app, '/desks/office?from=31%2F02%2F2027&to=2027-01-01', w.director.cookie);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /id="field-from-error"[^>]*>Questa data non esiste nel calendario/);
  assert.match(res.body, /value="31\/02\/2027"/);
  assert.match(res.body, /aria-invalid="true"/);
  const reversed = await get(app, '/desks/office?from=2027-02-01&to=2027-01-01', w.director.cookie);
  assert.equal(reversed.statusCode, 400);
  assert.match(reversed.body, /id="field-to-error"[^>]*>Il giorno finale viene prima/);
});

test('an office without desks is told what to do; an office without appointments too', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const office = await makeOrg(db, 'inps_office');
  const director = await makeUser(db, office.id, ['inps_director']);
  const bare = await get(app, '/desks/office', director.cookie);
  assert.equal(bare.statusCode, 200);
  assert.match(bare.body, /La tua sede non ha ancora sportelli/);
  assert.match(bare.body, /<a href="\/desks">Vai agli sportelli<\/a>/);
  const w = await world(db);
  await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono vuoto' });
  const empty = await get(app, '/desks/office', w.director.cookie);
  assert.match(empty.body, /non c’è ancora nessun appuntamento/);
});

test('CAV operator, CAV coordinator and INPS officer are refused; another office’s director sees none of these', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const o = await officeWorld(db);
  // One read-only page, the director's own (desks.assign: the authorization matrix refuses every other role).
  assert.deepEqual(
    app.routeAccess.filter((r) => r.url === '/desks/office').map((r) => `${r.method} ${r.access}`),
    ['GET desks.assign'],
  );
  const coordinator = await makeUser(db, o.cav.id, ['cav_coordinator']);
  for (const cookie of [o.operator.cookie, coordinator.cookie, o.officer.cookie])
    assert.equal((await get(app, '/desks/office', cookie)).statusCode, 403);
  const other = await world(db);
  const theirs = await get(app, '/desks/office', other.director.cookie);
  assert.equal(theirs.statusCode, 200);
  assert.match(theirs.body, /La tua sede non ha ancora sportelli/);
  assert.doesNotMatch(theirs.body, /Telefono ufficio/);
  for (const a of Object.values(o.appts)) assert.doesNotMatch(theirs.body, new RegExp(a.card));
  assert.equal((await get(app, `/desks/office?desk=${o.deskA}`, other.director.cookie)).statusCode, 404);
  assert.equal(
    (await get(app, `/desks/office?officer=${o.second.id}`, other.director.cookie)).statusCode,
    404,
  );
});
