import assert from 'node:assert/strict';
import {
  csrfFor,
  getTestDb,
  makeOrg,
  makeUser,
  type TestUser,
  testApp,
  testAt,
} from '../../../../test/helpers.ts';
import type * as svc from '../booking/service.ts';
import * as planSvc from '../planning/desks.ts';
import { trained, world } from '../test-fixtures.ts';
import * as avail from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Route tests of "La mia disponibilità": the officer's page (empty state, pagination), publishing with errors next
// to the fields (400, the form keeps what was typed), the withdrawal's confirmation, the director's days that stay
// hers (403), the director's desk page naming who published a day, and refusals: wrong role 403, another office 404.

async function post(user: TestUser, url: string, fields: Record<string, string>) {
  const app = await testApp();
  const { cookie, token } = await csrfFor(app, user.cookie, '/home');
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
  });
}
async function get(user: TestUser, url: string) {
  const app = await testApp();
  return app.inject({ method: 'GET', url, headers: { cookie: user.cookie, accept: 'text/html' } });
}
const fields = (desk: string, date: string, start = '09:00', end = '12:00') => ({
  desk,
  date,
  start,
  end,
  slot_minutes: '30',
  buffer_minutes: '0',
});

test('the officer publishes her availability: empty state, errors next to the fields, then listed', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono Ancona' });

  const empty = await get(w.officer, '/desks/availability');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /href="\/desks\/availability"[^>]*><span>La mia disponibilità</, 'in her menu');
  assert.match(empty.body, /Non hai giornate di sportello in programma\./);
  assert.match(empty.body, /href="#publish">Pubblica una giornata in cui sei disponibile/);
  assert.match(empty.body, new RegExp(`<option value="${desk}"[^>]*>Telefono Ancona \\(Telefono\\)`));

  const bad = await post(w.officer, '/desks/availability', fields(desk, '2027-06-02', '9:7'));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="field-date-error"[^>]*>[^<]*festivit/i);
  assert.match(bad.body, /value="9:7"/, 'the form keeps what was typed');
  const closed = await post(w.officer, '/desks/availability', fields(desk, '2027-06-05'));
  assert.equal(closed.statusCode, 400);
  assert.match(closed.body, /id="field-date-error"[^>]*>Il giorno è fuori dall’orario dello sportello/);

  const ok = await post(w.officer, '/desks/availability', {
    ...fields(desk, '2027-06-04'),
    officer: w.director.id,
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/desks/availability?ok=published');
  const list = await get(w.officer, '/desks/availability?ok=published');
  assert.match(list.body, /Giornata pubblicata/);
  assert.match(list.body, /venerdì 4 giugno 2027[^<]*09:00 – 12:00/);
  assert.match(list.body, /0 su 6/);
  assert.match(list.body, /Pubblicata da te/);
  assert.match(list.body, /href="\/desks\/availability\/[0-9a-f-]{36}\/cancel"/);

  // The overlap is told next to the start, naming the day.
  const overlap = await post(w.officer, '/desks/availability', fields(desk, '2027-06-04', '11:00', '13:00'));
  assert.equal(overlap.statusCode, 400);
  assert.match(overlap.body, /id="field-start-error"[^>]*>[^<]*4 giugno 2027, 09:00–12:00/);

  // The director's desk page says who published the day.
  const deskPage = await get(w.director, `/desks/${desk}`);
  assert.match(deskPage.body, /pubblicata dalla consulente/);
});

test('withdrawing: confirmation first, then gone; the director’s day stays hers (403 on the post)', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono Pesaro' });
  const offCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  const mine = await avail.publishDay(db, offCtx, fields(desk, '2027-06-08'));
  const theirs = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-06-09',
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
  });
  const list = await get(w.officer, '/desks/availability');
  assert.match(list.body, /Assegnata dalla direttrice[\s\S]*Può cambiarla solo la direttrice/);
  assert.doesNotMatch(list.body, new RegExp(`/desks/availability/${theirs}/cancel`));
  const director = await get(w.director, `/desks/${desk}`);
  assert.equal((director.body.match(/pubblicata dalla consulente/g) ?? []).length, 1, 'only her own day');

  const notYours = await get(w.officer, `/desks/availability/${theirs}/cancel`);
  assert.equal(notYours.statusCode, 200);
  assert.match(notYours.body, /decisa dalla direttrice: può cambiarla o toglierla solo lei/);
  assert.doesNotMatch(notYours.body, /type="submit"[^>]*>\s*Annulla la giornata/);
  assert.equal(
    (await post(w.officer, `/desks/availability/${theirs}/cancel`, { version: '1' })).statusCode,
    403,
  );

  const confirm = await get(w.officer, `/desks/availability/${mine}/cancel`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Annullare la giornata di sportello\?/);
  assert.match(confirm.body, /name="version" value="1"/);
  const stale = await post(w.officer, `/desks/availability/${mine}/cancel`, { version: '3' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /La giornata è cambiata nel frattempo/);
  const done = await post(w.officer, `/desks/availability/${mine}/cancel`, { version: '1' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, '/desks/availability?ok=withdrawn');
  const after = await get(w.officer, '/desks/availability?ok=withdrawn');
  assert.match(after.body, /Giornata annullata\./);
  assert.doesNotMatch(after.body, new RegExp(mine));
  assert.equal((await get(w.officer, `/desks/availability/${mine}/cancel`)).statusCode, 404);
});

test('a page of 20 days at a time; an untrained officer is told what to do and refused', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono Urbino' });
  const offCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  // 21 half-hour days, one after the other (08:00–08:30 … 18:00–18:30).
  for (let i = 0; i < 21; i++)
    await avail.publishDay(db, offCtx, fields(desk, '2027-09-06', hhmm(480 + 30 * i), hhmm(510 + 30 * i)));
  const p1 = await get(w.officer, '/desks/availability');
  assert.match(p1.body, /Risultati 1–20 di 21/);
  const p2 = await get(w.officer, '/desks/availability?page=2');
  assert.match(p2.body, /Risultati 21–21 di 21/);
  assert.match(p2.body, /18:00 – 18:30/);

  const novice = await makeUser(db, w.office.id, ['inps_officer']);
  const page = await get(novice, '/desks/availability');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Non risulti formata sull’accoglienza, quindi non puoi ancora pubblicare/);
  assert.doesNotMatch(page.body, /Pubblica la giornata/);
  const refused = await post(novice, '/desks/availability', fields(desk, '2027-09-07'));
  assert.equal(refused.statusCode, 400);
  assert.match(
    refused.body,
    /id="field-publish"[^>]*>Non risulti formata sull’accoglienza: non puoi pubblicare/,
  );
  await trained(db, novice.id, w.director.id);
  assert.equal((await post(novice, '/desks/availability', fields(desk, '2027-09-07'))).statusCode, 303);
});

test('wrong role 403 (CAV operator, director); another office’s officer 404 on the desk and on the day', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono Fano' });
  const offCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  const mine = await avail.publishDay(db, offCtx, fields(desk, '2027-06-08'));
  for (const user of [w.operator, w.director]) {
    assert.equal((await get(user, '/desks/availability')).statusCode, 403);
    assert.equal((await post(user, '/desks/availability', fields(desk, '2027-06-09'))).statusCode, 403);
    assert.equal((await get(user, `/desks/availability/${mine}/cancel`)).statusCode, 403);
    assert.equal((await post(user, `/desks/availability/${mine}/cancel`, { version: '1' })).statusCode, 403);
  }
  const office2 = await makeOrg(db, 'inps_office');
  const stranger = await makeUser(db, office2.id, ['inps_officer']);
  await trained(db, stranger.id, w.director.id);
  assert.equal((await post(stranger, '/desks/availability', fields(desk, '2027-06-09'))).statusCode, 404);
  assert.equal((await get(stranger, `/desks/availability/${mine}/cancel`)).statusCode, 404);
  assert.equal(
    (await post(stranger, `/desks/availability/${mine}/cancel`, { version: '1' })).statusCode,
    404,
  );
  const still = await db
    .selectFrom('desk_session')
    .select('cancelled_at')
    .where('id', '=', mine)
    .executeTakeFirstOrThrow();
  assert.equal(still.cancelled_at, null);
  assert.doesNotMatch((await get(stranger, '/desks/availability')).body, /Telefono Fano/);
});
