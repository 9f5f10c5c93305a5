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
import type { Db } from '../../../platform/db/database.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, world } from '../test-fixtures.ts';
import * as svc from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Route tests of rescheduling, the CAV's no-show and the CAV's list of appointments (issue 5, part B).

type World = Awaited<ReturnType<typeof world>>;

async function post(user: TestUser, url: string, fields: Record<string, string>) {
  const app = await testApp();
  const { cookie, token } = await csrfFor(app, user.cookie);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
  });
}

async function get(user: TestUser, url: string) {
  const app = await testApp();
  return app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });
}

/** A phone desk day of four 30-minute slots from 09:00 Rome; `now` moves the clock back to plan a past day. */
async function day(db: Db, w: World, date: string, now?: Date) {
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono spostamenti' });
  return planSvc.createSession(db, { ...w.dirCtx, ...(now ? { now } : {}) }, desk, {
    officer: w.officer.id,
    date,
    start: '09:00',
    end: '11:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
}

async function book(db: Db, w: World, session: string, start: string, now?: Date, card?: string) {
  const c = card ?? (await makeCard(db, w.cav.id, w.office.id, w.operator.id));
  const ctx = { ...w.opCtx, ...(now ? { now } : {}) };
  const id = await svc.holdSlot(db, ctx, c, session, start);
  await svc.confirm(db, ctx, id);
  return { id, card: c };
}

const status = async (db: Db, id: string) =>
  (await db.selectFrom('appointment').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

test('the CAV moves an appointment from its page: free slots without its own, errors kept, 409 for a taken slot or a stale form, history both ways', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-06-08');
  const a = await book(db, w, s, '2027-06-08T07:00:00.000Z');
  const other = await book(db, w, s, '2027-06-08T07:30:00.000Z');
  const url = `/desks/appointments/${a.id}`;

  const page = await get(w.operator, url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`href="${url}/move"`));
  const form = await get(w.operator, `${url}/move`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Scegli il nuovo orario/);
  assert.match(form.body, new RegExp(`value="${s}\\|2027-06-08T08:00:00.000Z"`));
  assert.doesNotMatch(form.body, /2027-06-08T07:00:00.000Z/, 'its own slot is not offered');
  assert.doesNotMatch(form.body, /2027-06-08T07:30:00.000Z/, 'a taken slot is not offered');
  assert.match(form.body, /name="version" value="2"/);
  // The way back names the appointment: a bare «Annulla» beside «Sposta l’appuntamento» reads as cancelling it.
  assert.match(
    form.body,
    new RegExp(`<a class="btn btn-outline-secondary" href="${url}">Torna all’appuntamento</a>`),
  );
  assert.doesNotMatch(form.body, />Annulla</);

  const noReason = await post(w.operator, `${url}/move`, {
    slot: `${s}|2027-06-08T08:00:00.000Z`,
    reason: '',
    version: '2',
  });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /id="field-reason-error"[^>]*>Indica il motivo dello spostamento/);
  assert.match(
    noReason.body,
    /value="[^"]*2027-06-08T08:00:00.000Z"\s+checked/,
    'the chosen slot stays chosen',
  );

  const taken = await post(w.operator, `${url}/move`, {
    slot: `${s}|2027-06-08T07:30:00.000Z`,
    reason: 'Turno di lavoro',
    version: '2',
  });
  assert.equal(taken.statusCode, 409);
  assert.match(taken.body, /appena stato preso/);
  assert.match(taken.body, /value="Turno di lavoro"/);
  assert.equal(await status(db, a.id), 'booked');

  const stale = await post(w.operator, `${url}/move`, {
    slot: `${s}|2027-06-08T08:00:00.000Z`,
    reason: 'Turno di lavoro',
    version: '1',
  });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /modificato da qualcun altro nel frattempo/);
  assert.match(stale.body, /name="version" value="2"/, 'the form now carries the current version');

  const moved = await post(w.operator, `${url}/move`, {
    slot: `${s}|2027-06-08T08:00:00.000Z`,
    reason: 'Turno di lavoro',
    version: '2',
  });
  assert.equal(moved.statusCode, 303);
  const newUrl = (moved.headers.location as string).split('?')[0] as string;
  assert.notEqual(newUrl, url);
  const shownNew = await get(w.operator, moved.headers.location as string);
  assert.match(shownNew.body, /Appuntamento spostato/);
  assert.match(shownNew.body, /Spostato da/);
  assert.match(shownNew.body, new RegExp(`href="${url}"`));
  const shownOld = await get(w.operator, url);
  assert.match(shownOld.body, /Annullato — spostato/);
  assert.match(shownOld.body, /Spostato a/);
  assert.match(shownOld.body, /Turno di lavoro/);
  assert.match(shownOld.body, new RegExp(`href="${newUrl}"`));
  assert.doesNotMatch(shownOld.body, /\/move"/, 'a cancelled appointment offers no move');
  assert.equal((await get(w.operator, `${url}/move`)).statusCode, 303);
  const list = await get(w.operator, `/desks/appointments?card=${a.card}`);
  assert.match(list.body, /Annullato — spostato/);
  assert.match(list.body, new RegExp(`href="${newUrl}"`));
  assert.equal(await status(db, other.id), 'booked');
});

test('moves and no-shows: wrong role 403, another CAV 404', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-06-09');
  const a = await book(db, w, s, '2027-06-09T07:00:00.000Z');
  const url = `/desks/appointments/${a.id}`;
  const otherCav = await makeOrg(db, 'cav', w.office.territoryId);
  const otherOp = await makeUser(db, otherCav.id, ['cav_operator']);
  const fields = { slot: `${s}|2027-06-09T08:00:00.000Z`, reason: 'x', version: '2' };
  for (const user of [w.officer, w.director]) {
    assert.equal((await get(user, `${url}/move`)).statusCode, 403);
    assert.equal((await post(user, `${url}/move`, fields)).statusCode, 403);
    assert.equal((await get(user, `${url}/no-show`)).statusCode, 403);
    assert.equal((await post(user, `${url}/no-show`, { version: '2' })).statusCode, 403);
    assert.equal((await get(user, '/desks/appointments')).statusCode, 403);
  }
  assert.equal((await get(otherOp, `${url}/move`)).statusCode, 404);
  assert.equal((await post(otherOp, `${url}/move`, fields)).statusCode, 404);
  assert.equal((await get(otherOp, `${url}/no-show`)).statusCode, 404);
  assert.equal((await post(otherOp, `${url}/no-show`, { version: '2' })).statusCode, 404);
  const list = await get(otherOp, '/desks/appointments');
  assert.equal(list.statusCode, 200);
  assert.doesNotMatch(list.body, new RegExp(a.id));
  assert.match(list.body, /Nessun appuntamento ancora/);
  assert.match(list.body, /href="\/desks\/book"/);
  assert.equal(await status(db, a.id), 'booked');
});

test('the CAV marks a no-show after confirming, only once the appointment has started; the officer sees it', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const past = new Date('2025-01-10T10:00:00Z');
  const s = await day(db, w, '2025-03-04', past);
  const started = await book(db, w, s, '2025-03-04T08:00:00.000Z', past);
  const future = await book(db, w, await day(db, w, '2027-06-10'), '2027-06-10T07:00:00.000Z');

  const early = await post(w.operator, `/desks/appointments/${future.id}/no-show`, { version: '2' });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /solo dopo l’inizio dell’appuntamento/);
  assert.equal(await status(db, future.id), 'booked');
  const futurePage = await get(w.operator, `/desks/appointments/${future.id}`);
  assert.doesNotMatch(futurePage.body, /no-show"/, 'no no-show button before the start');

  const url = `/desks/appointments/${started.id}`;
  const page = await get(w.operator, url);
  assert.match(page.body, new RegExp(`href="${url}/no-show"`));
  assert.doesNotMatch(page.body, /\/move"/, 'a started appointment cannot be moved');
  const confirm = await get(w.operator, `${url}/no-show`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Confermi che la donna non si è presentata/);
  assert.match(confirm.body, /name="version" value="2"/);
  const stale = await post(w.operator, `${url}/no-show`, { version: '1' });
  assert.equal(stale.statusCode, 409);
  assert.equal(await status(db, started.id), 'booked');
  const done = await post(w.operator, `${url}/no-show`, { version: '2' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, `${url}?ok=noshow`);
  assert.equal(await status(db, started.id), 'no_show');
  const shown = await get(w.operator, done.headers.location as string);
  assert.match(shown.body, /Registrato: la donna non si è presentata/);
  assert.match(shown.body, new RegExp(`Esito registrato</dt><dd>da Utente di prova ${w.operator.username}`));
  const agenda = await get(w.officer, '/desks/agenda?date=2025-03-04&view=day');
  assert.equal(agenda.statusCode, 200);
  assert.match(agenda.body, /Non presentata/);
  assert.doesNotMatch(agenda.body, /name="outcome"/, 'nothing left to record');
});

test('the CAV lists her appointments, upcoming first, by status and code, and the card page lists its own', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const past = new Date('2025-01-10T10:00:00Z');
  const old = await book(db, w, await day(db, w, '2025-03-05', past), '2025-03-05T08:00:00.000Z', past);
  const s = await day(db, w, '2027-06-11');
  const soon = await book(db, w, s, '2027-06-11T07:00:00.000Z', undefined, old.card);
  const later = await book(db, w, s, '2027-06-11T08:00:00.000Z');
  const code = async (card: string) =>
    (await db.selectFrom('consultation_card').select('code').where('id', '=', card).executeTakeFirstOrThrow())
      .code;

  const all = await get(w.operator, '/desks/appointments');
  assert.equal(all.statusCode, 200);
  const order = [soon.id, later.id, old.id].map((id) => all.body.indexOf(`/desks/appointments/${id}"`));
  assert.ok(
    order.every((i) => i > 0),
    String(order),
  );
  assert.deepEqual(
    [...order].sort((x, y) => x - y),
    order,
    'upcoming soonest first, then the past',
  );

  const booked = await get(
    w.operator,
    `/desks/appointments?status=booked&q=${encodeURIComponent(await code(later.card))}`,
  );
  assert.match(booked.body, new RegExp(later.id));
  assert.doesNotMatch(booked.body, new RegExp(soon.id));
  const none = await get(w.operator, '/desks/appointments?status=done');
  assert.match(none.body, /Nessun appuntamento con questi filtri/);

  const cardPage = await get(w.operator, `/desks/cards/${old.card}`);
  assert.equal(cardPage.statusCode, 200);
  assert.match(cardPage.body, /Appuntamenti di questa scheda/);
  assert.match(cardPage.body, new RegExp(`/desks/appointments/${old.id}"`));
  assert.match(cardPage.body, new RegExp(`/desks/appointments/${soon.id}"`));
  assert.doesNotMatch(cardPage.body, new RegExp(`/desks/appointments/${later.id}"`));
  const fresh = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  assert.match(
    (await get(w.operator, `/desks/cards/${fresh}`)).body,
    /Nessun appuntamento per questa scheda/,
  );
});

test('the CAV list pages through her appointments, 20 a page, keeping the filters in the page links', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono pagine' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-06-15',
    start: '08:00',
    end: '19:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const ids: string[] = [];
  for (let i = 0; i < 21; i++)
    ids.push(
      (await book(db, w, s, new Date(Date.parse('2027-06-15T06:00:00.000Z') + i * 30 * 60_000).toISOString()))
        .id,
    );
  const first = await get(w.operator, '/desks/appointments?status=booked');
  assert.match(first.body, /Risultati 1–20 di 21/);
  assert.match(first.body, new RegExp(`/desks/appointments/${ids[19]}"`));
  assert.doesNotMatch(first.body, new RegExp(`/desks/appointments/${ids[20]}"`));
  assert.match(first.body, /href="\/desks\/appointments\?q=&amp;status=booked&amp;page=2"/);
  const second = await get(w.operator, '/desks/appointments?status=booked&page=2');
  assert.match(second.body, /Risultati 21–21 di 21/);
  assert.match(second.body, new RegExp(`/desks/appointments/${ids[20]}"`));
});

test('the appointment page tells the CAV where: desk kind, host, the video link and the accessibility notes', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'video',
    name: 'Video INPS',
    video_link: 'https://video.example.invalid/stanza-7',
    accessibility_notes: 'Sottotitoli disponibili',
  });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-06-09',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const a = await book(db, w, s, '2027-06-09T07:00:00.000Z');
  const page = await get(w.operator, `/desks/appointments/${a.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Video INPS \(Videochiamata\)/);
  assert.match(page.body, /href="https:\/\/video\.example\.invalid\/stanza-7"/);
  assert.match(page.body, /Sottotitoli disponibili/);
  // The director sees how full the desk day is.
  const deskPage = await get(w.director, `/desks/${desk}`);
  assert.equal(deskPage.statusCode, 200);
  assert.match(deskPage.body, /<td>1 su 2<\/td>/);
  // Her case page lists the appointment and offers to book for the open card.
  const c = await db
    .selectFrom('consultation_card')
    .select(['case_id', 'code'])
    .where('id', '=', a.card)
    .executeTakeFirstOrThrow();
  const casePage = await get(w.operator, `/cases/${c.case_id}`);
  assert.equal(casePage.statusCode, 200);
  assert.match(casePage.body, /Sportello INPS/);
  assert.ok(casePage.body.includes(`href="/desks/appointments/${a.id}"`));
  assert.ok(casePage.body.includes(`href="/desks/cards/${a.card}"`));
  // The card already has a booking ahead: the link offers another one, so nobody books twice by mistake.
  assert.ok(casePage.body.includes(`Prenota un altro appuntamento per la scheda ${c.code}`));
  // The INPS officer's card page lists it too.
  const cardPage = await get(w.officer, `/inps/cards/${a.card}`);
  assert.equal(cardPage.statusCode, 200);
  assert.match(cardPage.body, /Sportello INPS/);
  assert.match(
    cardPage.body,
    /<td>mercoledì 9 giugno 2027, 09:00 – 09:30<\/td><td>Video INPS<\/td><td>Utente di prova \w+<\/td><td>Prenotato<\/td>/,
  );
  // Once it is cancelled, the case page offers a plain booking again.
  await svc.cancel(db, w.opCtx, a.id, 'Non serve più');
  const afterCancel = await get(w.operator, `/cases/${c.case_id}`);
  assert.ok(afterCancel.body.includes(`>Prenota per la scheda ${c.code}<`));
});
