import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getPage, getTestDb, makeOrg, makeUser, testApp } from '../../../test/helpers.ts';
import { makeCard } from '../desks/test-fixtures.ts';

// Issue 10: the home page names the network and her organisation, and each tile says what waits for her there,
// counted in her own organisation only, with what to do next when nothing does.

const tile = (html: string, href: string) => {
  const i = html.indexOf(`data-home-tile="${href}"`);
  return i < 0 ? undefined : html.slice(i, html.indexOf('</div></div></div>', i));
};

test('home per role: the network and her organisation, tiles with counts, next steps, scoped to her organisation', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const otherCav = await makeOrg(db, 'cav', cav.territoryId);
  const office = await makeOrg(db, 'inps_office', cav.territoryId);
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const otherOperator = await makeUser(db, otherCav.id, ['cav_operator']);
  const officer = await makeUser(db, office.id, ['inps_officer']);
  const admin = await makeUser(db, cav.id, ['network_admin']);

  const empty = (await getPage(app, operator, '/home')).body;
  assert.match(
    empty,
    new RegExp(`<p class="lead mb-1" data-home-org="true">${cav.name} · rete Inps per tutti</p>`),
  );
  assert.match(empty, new RegExp(`Rete Inps per tutti · ${cav.name}`), 'the header names her organisation');
  assert.match(tile(empty, '/cases') ?? '', /Nessun caso aperto\. Apri il primo caso/);
  assert.match(tile(empty, '/cases/due') ?? '', /Nessuna scadenza aperta\./);
  assert.match(tile(empty, '/desks/appointments') ?? '', /Nessun appuntamento in programma\. Prenotalo/);

  await makeCard(db, cav.id, office.id, operator.id);
  const one = (await getPage(app, operator, '/home')).body;
  assert.match(tile(one, '/cases') ?? '', /1 caso aperto\./);
  assert.match(tile((await getPage(app, otherOperator, '/home')).body, '/cases') ?? '', /Nessun caso aperto/);

  const inps = (await getPage(app, officer, '/home')).body;
  assert.equal(tile(inps, '/cases'), undefined, 'no tile of a page she may not open');
  assert.match(tile(inps, '/inps/cards') ?? '', /Schede da accettare: 1\..*Schede in corso: 0\./s);
  assert.match(tile(inps, '/desks/agenda') ?? '', /Nessun appuntamento in programma\./);
  assert.match(inps, new RegExp(`${office.name} · rete Inps per tutti`));

  const adminHome = await getPage(app, admin, '/home');
  assert.equal(adminHome.statusCode, 200);
  assert.ok(tile(adminHome.body, '/network/users'), 'the administrator’s tiles link her pages');
  assert.equal(tile(adminHome.body, '/cases'), undefined);

  const en = await app.inject({
    method: 'GET',
    url: '/home',
    headers: { cookie: `${operator.cookie}; ponte_lang=en`, accept: 'text/html' },
  });
  assert.equal(en.statusCode, 200);
});

test('the home page greets her without assuming a gender (the person behind an account is unknown)', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const res = await getPage(app, user, '/home');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1[^>]*>Buongiorno, /);
  assert.doesNotMatch(res.body, /Benvenut[ao]\b/);
});
