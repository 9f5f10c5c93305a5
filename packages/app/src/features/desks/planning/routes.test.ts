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
import * as svc from '../booking/service.ts';
import { makeCard, world } from '../test-fixtures.ts';
import * as planSvc from './desks.ts';
import * as rules from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Route tests of recurring desk days, exceptions, opening hours and the training mark: the INPS director's
// pages end to end through HTTP, errors next to their fields, confirmations, and the refusals (403, 404).

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
  return app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });
}

const rule = (officer: string, extra: Record<string, string> = {}) => ({
  officer,
  weekday: '2',
  week_every: '1',
  week_2: '1',
  week_4: '1',
  start: '09:00',
  end: '12:00',
  slot_minutes: '30',
  buffer_minutes: '0',
  valid_from: '2027-09-01',
  valid_until: '2027-12-31',
  ...extra,
});

test('the director sets a recurring rule, sees its days, and ends it with a confirmation', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono regole' });
  const deskPage = await get(w.director, `/desks/${desk}`);
  assert.match(deskPage.body, /lunedì, martedì, mercoledì, giovedì, venerdì, dalle 08:00 alle 19:00/);
  assert.match(deskPage.body, new RegExp(`href="/desks/${desk}/rules"`));
  assert.equal((await get(w.director, `/desks/${desk}/rules`)).statusCode, 200);

  const outside = await post(w.director, `/desks/${desk}/rules`, rule(w.officer.id, { end: '20:00' }));
  assert.equal(outside.statusCode, 400);
  assert.match(outside.body, /id="field-start-error"[^>]*>L’orario è fuori dall’orario dello sportello/);
  assert.match(outside.body, /value="20:00"/, 'the form keeps what was typed');
  const created = await post(w.director, `/desks/${desk}/rules`, rule(w.officer.id));
  assert.equal(created.statusCode, 303);
  const page = await get(w.director, created.headers.location as string);
  assert.match(page.body, /Regola creata/);
  assert.match(page.body, /2° e 4° martedì del mese, 09:00–12:00/);
  // 2nd and 4th Tuesdays, September to December 2027: 14, 28 Sep; 12, 26 Oct; 9, 23 Nov; 14, 28 Dec.
  assert.match(page.body, /Giornate in programma generate dalla regola: 8/);
  assert.match(page.body, /martedì 26 ottobre 2027/);
  // Every Monday in April 2028 leaves out Easter Monday (17 April) and says so.
  const easter = await post(
    w.director,
    `/desks/${desk}/rules`,
    rule(w.officer.id, {
      weekday: '1',
      week_2: '',
      week_4: '',
      valid_from: '2028-04-01',
      valid_until: '2028-04-30',
    }),
  );
  assert.equal(easter.statusCode, 303);
  assert.match(
    (await get(w.director, `/desks/${desk}/rules`)).body,
    /Festività nazionali escluse: 17 aprile 2028/,
  );

  const overlap = await post(
    w.director,
    `/desks/${desk}/rules`,
    rule(w.officer.id, { week_2: '', start: '11:00', end: '13:00' }),
  );
  assert.equal(overlap.statusCode, 400);
  assert.match(overlap.body, /ha già una giornata che si sovrappone: 28 settembre 2027, 09:00–12:00/);

  const ruleId = (
    await db
      .selectFrom('desk_rule')
      .select('id')
      .where('desk_id', '=', desk)
      .where('valid_from', '=', '2027-09-01')
      .executeTakeFirstOrThrow()
  ).id;
  const confirm = await get(w.director, `/desks/rules/${ruleId}/end`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Terminare la regola\?/);
  assert.match(
    confirm.body,
    /valida dal 1 settembre 2027 al 31 dicembre 2027/,
    'dates as everywhere else, not ISO',
  );
  const version = /name="version" value="(\d+)"/.exec(confirm.body)?.[1] as string;
  const past = await post(w.director, `/desks/rules/${ruleId}/end`, { first_day: '2020-01-01', version });
  assert.equal(past.statusCode, 400);
  assert.match(past.body, /id="field-first_day-error"/);
  const ended = await post(w.director, `/desks/rules/${ruleId}/end`, { first_day: '2027-11-01', version });
  assert.equal(ended.statusCode, 200);
  assert.match(ended.body, /Regola terminata\. Giornate tolte: 4\./);
});

test('one-off days: an untrained officer and a day outside the hours are refused next to the field', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const novice = await makeUser(db, w.office.id, ['inps_officer']);
  const page = await get(w.director, `/desks/${desk}`);
  assert.match(page.body, /\(non formata sull’accoglienza\)/);
  const day = { date: '2027-09-07', start: '09:00', end: '12:00', slot_minutes: '30', buffer_minutes: '0' };
  const r1 = await post(w.director, `/desks/${desk}/sessions`, { ...day, officer: novice.id });
  assert.equal(r1.statusCode, 400);
  assert.match(r1.body, /id="field-officer-error"[^>]*>Questa consulente non è formata sull’accoglienza/);
  const r2 = await post(w.director, `/desks/${desk}/sessions`, {
    ...day,
    date: '2027-09-11',
    officer: w.officer.id,
  });
  assert.equal(r2.statusCode, 400);
  assert.match(
    r2.body,
    /id="field-date-error"[^>]*>Il giorno è fuori dall’orario dello sportello: è aperto lunedì/,
  );
});

test('opening hours: the form saves, a stale version is a 409 that keeps what was typed', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const form = await get(w.director, `/desks/${desk}/hours`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="day_1" value="1" checked/);
  assert.doesNotMatch(form.body, /name="day_6" value="1" checked/);
  const fields = { day_1: '1', day_2: '1', day_6: '1', opens_at: '09:00', closes_at: '14:00', version: '1' };
  const bad = await post(w.director, `/desks/${desk}/hours`, { ...fields, closes_at: '08:00' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="field-closes_at-error"/);
  assert.equal((await post(w.director, `/desks/${desk}/hours`, fields)).statusCode, 303);
  const stale = await post(w.director, `/desks/${desk}/hours`, { ...fields, closes_at: '15:00' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Qualcun altro ha cambiato l’orario/);
  assert.match(stale.body, /value="15:00"/);
  const shown = await get(w.director, `/desks/${desk}`);
  assert.match(shown.body, /lunedì, martedì, sabato, dalle 09:00 alle 14:00/);
});

test('the training mark page: list, mark, confirm before removing; audited', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const novice = await makeUser(db, w.office.id, ['inps_officer']);
  const list = await get(w.director, '/desks/officers');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Non formata/);
  assert.equal((await post(w.director, `/desks/officers/${novice.id}/mark`, {})).statusCode, 303);
  const after = await get(w.director, '/desks/officers?ok=marked');
  assert.match(after.body, /Consulente segnata come formata/);
  assert.doesNotMatch(after.body, /Non formata/);
  const confirm = await get(w.director, `/desks/officers/${novice.id}/unmark`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Togliere la formazione\?/);
  assert.equal((await post(w.director, `/desks/officers/${novice.id}/unmark`, {})).statusCode, 303);
  const actions = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', novice.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    actions.map((a) => a.action),
    ['desk.training.set', 'desk.training.remove'],
  );
});

test('exceptions: refused with the bookings listed, then recorded; removal asks for confirmation', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono chiusure' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-09-14',
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const appt = await svc.holdSlot(db, w.opCtx, card, s, '2027-09-14T07:00:00.000Z');
  await svc.confirm(db, w.opCtx, appt);
  const code = (
    await db.selectFrom('consultation_card').select('code').where('id', '=', card).executeTakeFirstOrThrow()
  ).code;
  const closure = { kind: 'closure', desk, from_date: '2027-09-13', to_date: '2027-09-17', note: 'Trasloco' };
  const refused = await post(w.director, '/desks/exceptions', closure);
  assert.equal(refused.statusCode, 400);
  assert.match(
    refused.body,
    new RegExp(
      `id="field-from_date-error"[^>]*>Appuntamenti attivi nel periodo: 1\\. Chiedi al CAV di spostarli prima: ${code} 14 settembre 2027, 09:00`,
    ),
  );
  await svc.cancel(db, w.opCtx, appt, 'Spostato');
  const ok = await post(w.director, '/desks/exceptions', closure);
  assert.equal(ok.statusCode, 303);
  const list = await get(w.director, '/desks/exceptions?ok=exception');
  assert.match(list.body, /Telefono chiusure/);
  assert.match(list.body, /Trasloco/);
  const exc = await db
    .selectFrom('desk_exception')
    .select(['id', 'version'])
    .where('desk_id', '=', desk)
    .executeTakeFirstOrThrow();
  const confirm = await get(w.director, `/desks/exceptions/${exc.id}/remove`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Togliere la chiusura o l’assenza\?/);
  const removed = await post(w.director, `/desks/exceptions/${exc.id}/remove`, {
    version: String(exc.version),
  });
  assert.equal(removed.statusCode, 303);
  assert.equal(removed.headers.location, '/desks/exceptions?ok=exceptionRemoved');
});

test('wrong role 403; another INPS office or another CAV gets 404', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const r = await rules.createRule(db, w.dirCtx, desk, rule(w.officer.id));
  const e = await rules.createException(db, w.dirCtx, {
    kind: 'absence',
    officer: w.officer.id,
    from_date: '2027-08-01',
    to_date: '2027-08-05',
  });
  const coord = await makeUser(db, w.cav.id, ['cav_coordinator']);
  // Wrong role: the officer, the CAV operator and the CAV coordinator are refused the director's pages.
  for (const u of [w.officer, w.operator, coord]) {
    assert.equal((await get(u, '/desks/officers')).statusCode, 403);
    assert.equal((await get(u, '/desks/exceptions')).statusCode, 403);
    assert.equal((await get(u, `/desks/${desk}/rules`)).statusCode, 403);
    assert.equal((await post(u, `/desks/officers/${w.officer.id}/unmark`, {})).statusCode, 403);
  }
  assert.equal((await get(w.officer, `/desks/${desk}/hours`)).statusCode, 403);
  // Another office's director: 404 on every record of this office.
  const otherOffice = await makeOrg(db, 'inps_office');
  const other = await makeUser(db, otherOffice.id, ['inps_director']);
  assert.equal((await get(other, `/desks/${desk}/rules`)).statusCode, 404);
  assert.equal((await post(other, `/desks/${desk}/rules`, rule(w.officer.id))).statusCode, 404);
  assert.equal((await get(other, `/desks/rules/${r.id}/end`)).statusCode, 404);
  assert.equal((await post(other, `/desks/rules/${r.id}/end`, { version: '1' })).statusCode, 404);
  assert.equal((await get(other, `/desks/exceptions/${e.id}/remove`)).statusCode, 404);
  assert.equal((await post(other, `/desks/exceptions/${e.id}/remove`, { version: '1' })).statusCode, 404);
  assert.equal((await post(other, `/desks/officers/${w.officer.id}/mark`, {})).statusCode, 404);
  assert.equal((await get(other, `/desks/officers/${w.officer.id}/unmark`)).statusCode, 404);
  assert.equal((await get(other, `/desks/${desk}/hours`)).statusCode, 404);
  assert.doesNotMatch((await get(other, '/desks/officers')).body, new RegExp(w.officer.username));
  const closure = await post(other, '/desks/exceptions', {
    kind: 'closure',
    desk,
    from_date: '2027-08-01',
    to_date: '2027-08-02',
  });
  assert.equal(closure.statusCode, 400);
  assert.match(closure.body, /Scegli uno sportello della tua sede/);
  // Another CAV's coordinator cannot edit the hours of this CAV's room (404), her own CAV's coordinator can.
  const room = await planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.cav.id, name: 'Stanza' });
  const otherCav = await makeOrg(db, 'cav');
  const otherCoord = await makeUser(db, otherCav.id, ['cav_coordinator']);
  assert.equal((await get(otherCoord, `/desks/${room}/hours`)).statusCode, 404);
  assert.equal((await get(coord, `/desks/${room}/hours`)).statusCode, 200);
  // The CAV coordinator sees the room but not the INPS office's phone desk hours form.
  assert.equal((await get(coord, `/desks/${desk}/hours`)).statusCode, 404);
});
