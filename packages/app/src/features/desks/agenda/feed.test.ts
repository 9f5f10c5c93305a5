import assert from 'node:assert/strict';
import { getPage, getTestDb, makeUser, postForm, testApp, testAt } from '../../../../test/helpers.ts';
import { now } from '../../../platform/clock.ts';
import { writeIdentity } from '../../cases/identity.ts';
import * as svc from '../booking/service.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, world } from '../test-fixtures.ts';
import { hashToken } from './feed.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// The officer's calendar subscription through HTTP: the URL shown once, only its hash stored, regenerate and
// revoke (with confirmation), and the public feed that answers 404 to anything but a live token and carries
// only times, place and card code of her own appointments.

const NAME = 'Giuseppina Marchetti';
const PHONE = '+39 347 7654321';

async function setup() {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'cav_room',
    host: w.cav.id,
    name: 'Stanza verde',
  });
  const session = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2026-12-15',
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const caseId = (
    await db
      .selectFrom('consultation_card')
      .select('case_id')
      .where('id', '=', card)
      .executeTakeFirstOrThrow()
  ).case_id;
  await db.transaction().execute((tx) => writeIdentity(tx, caseId, { name: NAME, phone: PHONE }, 0));
  const book = async (start: string) => {
    const id = await svc.holdSlot(db, w.opCtx, card, session, start);
    await svc.confirm(db, w.opCtx, id);
    return id;
  };
  // 09:00, 09:30 (then done) and 10:00 (then cancelled) on Tuesday 15 December 2026, Rome (UTC+1).
  const booked = await book('2026-12-15T08:00:00.000Z');
  const done = await book('2026-12-15T08:30:00.000Z');
  await db
    .updateTable('appointment')
    .set({ status: 'done', outcome_by: w.officer.id, outcome_at: now() })
    .where('id', '=', done)
    .execute();
  const cancelled = await book('2026-12-15T09:00:00.000Z');
  await svc.cancel(db, w.opCtx, cancelled, 'rinviato');
  const code = (
    await db.selectFrom('consultation_card').select('code').where('id', '=', card).executeTakeFirstOrThrow()
  ).code;
  return { app, db, w, booked, done, cancelled, code };
}

const PAGE = '/desks/agenda/feed';
const urlIn = (html: string) => /id="feed-url"[^>]*value="([^"]+)"/.exec(html)?.[1];
const tokenOf = (url: string) => /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)?.[1];

test('the officer creates her feed: URL shown once, only its SHA-256 stored, the calendar has her appointments only', async () => {
  const s = await setup();
  const other = await setup();
  const first = await getPage(s.app, s.w.officer, PAGE);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /Non hai un indirizzo attivo/);

  const created = await postForm(s.app, s.w.officer, PAGE, { feed: '' }, PAGE);
  assert.equal(created.statusCode, 200);
  assert.equal(created.headers['cache-control'], 'no-store');
  const url = urlIn(created.body);
  assert.ok(url, 'the URL is on the page');
  const token = tokenOf(url)!;
  assert.ok(token);
  const rows = await s.db
    .selectFrom('calendar_feed')
    .selectAll()
    .where('user_id', '=', s.w.officer.id)
    .execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.token_hash, hashToken(token));
  assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is not stored');
  // Shown once: the page seen again says a feed is live, without its URL.
  const again = await getPage(s.app, s.w.officer, PAGE);
  assert.match(again.body, /Hai un indirizzo attivo/);
  assert.ok(!again.body.includes(token));

  const res = await s.app.inject({ method: 'GET', url: `/calendar/${token}.ics` });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/calendar/);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.headers['set-cookie'], undefined);
  assert.match(res.body, /METHOD:PUBLISH/);
  assert.ok(res.body.includes(`UID:${s.booked}@ponte`));
  assert.ok(res.body.includes(`UID:${s.done}@ponte`));
  assert.ok(!res.body.includes(s.cancelled), 'a cancelled appointment is not in the feed');
  assert.ok(res.body.includes(s.code));
  // Unfolded (iCalendar folds lines at 75 octets): the room, its kind and the CAV hosting it; a clear name.
  const ics = res.body.replace(/\r\n[ \t]/g, '');
  assert.ok(ics.includes(`LOCATION:Stanza verde (Stanza del CAV) — ${s.w.cav.name}\r\n`), ics);
  assert.match(ics, /X-WR-CALNAME:Ponte — appuntamenti allo sportello INPS\r\n/);
  assert.ok(!res.body.includes(other.booked), 'another officer’s appointments never appear');
  for (const secret of [NAME, 'Marchetti', PHONE, '7654321']) assert.ok(!res.body.includes(secret), secret);
});

test('regenerate revokes the old URL; revoke asks first; unknown and revoked tokens answer 404 alike', async () => {
  const s = await setup();
  const t1 = tokenOf(urlIn((await postForm(s.app, s.w.officer, PAGE, { feed: '' }, PAGE)).body)!)!;
  const live1 = await s.db
    .selectFrom('calendar_feed')
    .select('id')
    .where('user_id', '=', s.w.officer.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  // A second "create" from a stale page (it saw no feed) is a conflict, not a second live feed.
  const stale = await postForm(s.app, s.w.officer, PAGE, { feed: '' }, PAGE);
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /cambiato nel frattempo/);

  // Replacing the live address is asked first: the page only links to the confirmation, and the page's own
  // POST never replaces it (even naming the live feed).
  const withLive = await getPage(s.app, s.w.officer, PAGE);
  assert.match(
    withLive.body,
    /<a[^>]*href="\/desks\/agenda\/feed\/regenerate"[^>]*>Crea un nuovo indirizzo<\/a>/,
  );
  assert.doesNotMatch(withLive.body, new RegExp(`name="feed" value="${live1.id}"`));
  const unasked = await postForm(s.app, s.w.officer, PAGE, { feed: live1.id }, PAGE);
  assert.equal(unasked.statusCode, 409);
  assert.equal(urlIn(unasked.body), undefined);
  assert.equal((await s.app.inject({ method: 'GET', url: `/calendar/${t1}.ics` })).statusCode, 200);
  const ask = await getPage(s.app, s.w.officer, `${PAGE}/regenerate`);
  assert.equal(ask.statusCode, 200);
  assert.match(ask.body, /Il vecchio indirizzo smetterà di funzionare subito/);
  assert.match(ask.body, new RegExp(`action="${PAGE}/regenerate"`));
  assert.match(ask.body, new RegExp(`name="feed" value="${live1.id}"`));
  assert.match(ask.body, new RegExp(`href="${PAGE}"[^>]*>Annulla`));
  const blank = await postForm(s.app, s.w.officer, `${PAGE}/regenerate`, { feed: '' }, PAGE);
  assert.equal(blank.statusCode, 409);
  const regen = await postForm(s.app, s.w.officer, `${PAGE}/regenerate`, { feed: live1.id }, PAGE);
  assert.equal(regen.statusCode, 200);
  const t2 = tokenOf(urlIn(regen.body)!)!;
  assert.notEqual(t1, t2);
  const old = await s.app.inject({ method: 'GET', url: `/calendar/${t1}.ics` });
  assert.equal(old.statusCode, 404);
  assert.equal((await s.app.inject({ method: 'GET', url: `/calendar/${t2}.ics` })).statusCode, 200);

  // Another officer (another office) cannot revoke it by its id.
  const stranger = await setup();
  const live2 = await s.db
    .selectFrom('calendar_feed')
    .select('id')
    .where('user_id', '=', s.w.officer.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  const theft = await postForm(s.app, stranger.w.officer, `${PAGE}/revoke`, { feed: live2.id }, PAGE);
  assert.equal(theft.statusCode, 409);
  const swap = await postForm(s.app, stranger.w.officer, `${PAGE}/regenerate`, { feed: live2.id }, PAGE);
  assert.equal(swap.statusCode, 409);
  assert.equal((await s.app.inject({ method: 'GET', url: `/calendar/${t2}.ics` })).statusCode, 200);

  const confirm = await getPage(s.app, s.w.officer, `${PAGE}/revoke`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Revocare l’indirizzo del calendario\?/);
  assert.match(confirm.body, new RegExp(`name="feed" value="${live2.id}"`));
  const revoked = await postForm(s.app, s.w.officer, `${PAGE}/revoke`, { feed: live2.id }, PAGE);
  assert.equal(revoked.statusCode, 303);
  assert.equal(revoked.headers.location, `${PAGE}?ok=revoked`);
  const gone = await s.app.inject({ method: 'GET', url: `/calendar/${t2}.ics` });
  assert.equal(gone.statusCode, 404);
  const unknown = await s.app.inject({ method: 'GET', url: `/calendar/${'A'.repeat(43)}.ics` });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.body, gone.body);
  assert.equal(gone.headers['cache-control'], 'no-store');
  assert.equal(gone.headers['set-cookie'], undefined);
  for (const bad of ['x.ics', `${t2}.txt`, `${t2}`])
    assert.equal((await s.app.inject({ method: 'GET', url: `/calendar/${bad}` })).statusCode, 404, bad);
  const audit = await s.db
    .selectFrom('audit_log')
    .select('action')
    .where('actor_user_id', '=', s.w.officer.id)
    .where('entity_type', '=', 'calendar_feed')
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['desk.feed.create', 'desk.feed.revoke', 'desk.feed.create', 'desk.feed.revoke'],
  );
});

test('the feed page is for INPS staff only: a CAV operator is refused (403)', async () => {
  const s = await setup();
  assert.equal((await getPage(s.app, s.w.operator, PAGE)).statusCode, 403);
  assert.equal((await postForm(s.app, s.w.operator, PAGE, { feed: '' })).statusCode, 403);
  const coordinator = await makeUser(s.db, s.w.cav.id, ['cav_coordinator']);
  assert.equal((await getPage(s.app, coordinator, `${PAGE}/revoke`)).statusCode, 403);
  assert.equal((await getPage(s.app, coordinator, `${PAGE}/regenerate`)).statusCode, 403);
  assert.equal((await postForm(s.app, s.w.operator, `${PAGE}/regenerate`, { feed: '' })).statusCode, 403);
});

test('the public feed is rate-limited per client address (60 a minute), whatever the token', async () => {
  const app = await testApp();
  const get = () =>
    app.inject({ method: 'GET', url: `/calendar/${'B'.repeat(43)}.ics`, remoteAddress: '10.77.0.9' });
  const statuses = [];
  for (let i = 0; i < 61; i++) statuses.push((await get()).statusCode);
  assert.deepEqual([...new Set(statuses.slice(0, 60))], [404]);
  assert.equal(statuses[60], 429);
  // Another address is not affected.
  const other = await app.inject({
    method: 'GET',
    url: `/calendar/${'B'.repeat(43)}.ics`,
    remoteAddress: '10.77.0.10',
  });
  assert.equal(other.statusCode, 404);
});
