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
import * as repo from '../booking/repository.ts';
import * as svc from '../booking/service.ts';
import { makeCard, world } from '../test-fixtures.ts';
import * as planSvc from './desks.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Route tests of editing and retiring a desk: the pages through HTTP, errors next to their fields (400), a stale
// form (409) keeping what was typed, the retirement's confirmation and refusal (409), and 403 / 404.

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

test('the director edits a desk: errors next to the field, a stale form 409 keeping the input, then saved', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'video',
    name: 'Video Ancona',
    video_link: 'https://meet.example.org/ancona',
  });
  const page = await get(w.director, `/desks/${desk}`);
  assert.match(page.body, new RegExp(`href="/desks/${desk}/edit"[^>]*>Modifica lo sportello<`));
  assert.match(page.body, new RegExp(`href="/desks/${desk}/retire"[^>]*>Disattiva lo sportello<`));
  const form = await get(w.director, `/desks/${desk}/edit`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Il tipo \(Videochiamata\) e chi ospita lo sportello .* non si possono cambiare/);
  assert.match(form.body, /value="https:\/\/meet\.example\.org\/ancona"/);
  const version = String((await planSvc.manageableDesk(db, w.dirCtx, desk)).version);

  const bad = await post(w.director, `/desks/${desk}/edit`, {
    name: 'Video Ancona centro',
    capacity: '500',
    video_link: 'http://meet.example.org/x',
    version,
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="field-capacity-error"[^>]*>La capienza è un numero intero tra 1 e 100\./);
  assert.match(bad.body, /id="field-video_link-error"[^>]*>Il link deve iniziare con https:\/\//);
  assert.match(bad.body, /value="Video Ancona centro"/, 'the form keeps what was typed');
  assert.match(bad.body, /value="http:\/\/meet\.example\.org\/x"/);

  // Someone else saves first: this form's version is stale.
  await planSvc.editDesk(db, w.dirCtx, desk, {
    name: 'Video Marche',
    video_link: 'https://meet.example.org/marche',
    version,
  });
  const stale = await post(w.director, `/desks/${desk}/edit`, {
    name: 'Video Ancona centro',
    capacity: '2',
    video_link: 'https://meet.example.org/centro',
    version,
  });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Qualcun altro ha modificato lo sportello nel frattempo/);
  assert.match(stale.body, /Come è salvato ora: nome «Video Marche»/);
  assert.match(stale.body, /value="Video Ancona centro"/, 'the stale form keeps what was typed');
  assert.match(stale.body, /value="https:\/\/meet\.example\.org\/centro"/);
  const fresh = String(Number(version) + 1);
  assert.match(stale.body, new RegExp(`name="version" value="${fresh}"`));

  const saved = await post(w.director, `/desks/${desk}/edit`, {
    name: 'Video Ancona centro',
    capacity: '2',
    video_link: 'https://meet.example.org/centro',
    version: fresh,
  });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `/desks/${desk}?ok=edited`);
  const after = await get(w.director, saved.headers.location as string);
  assert.match(after.body, /Sportello modificato\./);
  assert.match(after.body, /Video Ancona centro/);
});

test('retiring asks first, is refused (409) while a booking is ahead, then retires; the desk is gone', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const coord = await makeUser(db, w.cav.id, ['cav_coordinator']);
  const room = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'cav_room',
    host: w.cav.id,
    name: 'Stanza rosa',
  });
  const s = await planSvc.createSession(db, w.dirCtx, room, {
    officer: w.officer.id,
    date: '2027-05-04',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const code = (await repo.cardOfCav(db, card, w.cav.id))?.code as string;
  const appt = await svc.holdSlot(db, w.opCtx, card, s, '2027-05-04T07:00:00.000Z');
  await svc.confirm(db, w.opCtx, appt);

  // The coordinator of the hosting CAV manages her room.
  // While a booking is ahead, the page says so before anything is confirmed, and offers no button.
  const blocked = await get(coord, `/desks/${room}/retire`);
  assert.equal(blocked.statusCode, 200);
  assert.match(blocked.body, /Appuntamenti attivi dello sportello: 1\. Il CAV deve spostarli/);
  assert.ok(blocked.body.includes(code));
  assert.doesNotMatch(blocked.body, /name="version"/);
  // A form posted anyway (an old tab) is refused the same.
  const version = String((await repo.desk(db, room))?.version);
  const refused = await post(coord, `/desks/${room}/retire`, { version });
  assert.equal(refused.statusCode, 409);
  assert.match(
    refused.body,
    /Appuntamenti futuri attivi dello sportello: 1\. Il CAV deve prima spostarli o annullarli:/,
  );
  assert.match(refused.body, new RegExp(`${code} 4 maggio 2027, 09:00`));
  assert.ok(await repo.desk(db, room));

  await svc.cancel(db, w.opCtx, appt, 'Spostato in sede INPS');
  const confirm = await get(coord, `/desks/${room}/retire`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Disattivare lo sportello «Stanza rosa»\?/);
  assert.match(confirm.body, /non sarà più proposto per le prenotazioni/);
  assert.ok(confirm.body.includes(`name="version" value="${version}"`));
  const done = await post(coord, `/desks/${room}/retire`, { version });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, '/desks?ok=retired');
  const list = await get(coord, '/desks?ok=retired');
  assert.match(list.body, /Sportello disattivato\./);
  assert.doesNotMatch(list.body, /Stanza rosa/);
  assert.equal((await get(coord, `/desks/${room}`)).statusCode, 404);
  assert.equal((await get(w.director, `/desks/${room}/edit`)).statusCode, 404);
  const audit = await db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id'])
    .where('entity_id', '=', room)
    .where('action', '=', 'desk.deactivate')
    .execute();
  assert.deepEqual(audit, [{ action: 'desk.deactivate', actor_user_id: coord.id }]);
});

test('editing and retiring: wrong role 403; another INPS office or another CAV gets 404', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const phone = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const room = await planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.cav.id, name: 'Stanza' });
  const coord = await makeUser(db, w.cav.id, ['cav_coordinator']);
  const urls = (d: string) => [`/desks/${d}/edit`, `/desks/${d}/retire`];
  // Wrong role: the INPS officer and the CAV operator lack desks.manage.
  for (const u of [w.officer, w.operator])
    for (const url of urls(room)) {
      assert.equal((await get(u, url)).statusCode, 403, url);
      assert.equal((await post(u, url, { name: 'X', version: '1' })).statusCode, 403, url);
    }
  // Another office's director: 404 on both desks; another CAV's coordinator: 404 on the room.
  const otherOffice = await makeOrg(db, 'inps_office');
  const otherDirector = await makeUser(db, otherOffice.id, ['inps_director']);
  const otherCav = await makeOrg(db, 'cav');
  const otherCoord = await makeUser(db, otherCav.id, ['cav_coordinator']);
  for (const [u, d] of [
    [otherDirector, phone],
    [otherDirector, room],
    [otherCoord, room],
    [coord, phone], // a CAV coordinator manages only the rooms her CAV hosts
  ] as const)
    for (const url of urls(d)) {
      assert.equal((await get(u, url)).statusCode, 404, url);
      assert.equal((await post(u, url, { name: 'X', version: '1' })).statusCode, 404, url);
    }
  assert.equal((await planSvc.manageableDesk(db, w.dirCtx, room)).name, 'Stanza');
  assert.ok(await repo.desk(db, phone));
  assert.equal((await get(coord, `/desks/${room}/edit`)).statusCode, 200);
  assert.equal((await get(w.director, `/desks/${room}/retire`)).statusCode, 200);
});

test('the desk forms ask only what the kind uses: hints name the kind, ponte.js hides the rest, edit by kind', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  // The director's new-desk form: all fields without JavaScript, each kind-specific one in a wrapper naming its
  // kind (ponte.js shows it only for that kind) and with a hint saying so.
  const list = await get(w.director, '/desks');
  assert.equal(list.statusCode, 200);
  assert.match(
    list.body,
    /<div data-desk-kinds="cav_room"><div class="select-wrapper mb-4"><label for="field-host">CAV ospitante<\/label><small id="field-host-hint"[^>]*>Solo per il tipo «Stanza del CAV»\.<\/small>/,
  );
  assert.match(
    list.body,
    /<select id="field-host" name="host" class="form-select" aria-describedby="field-host-hint">/,
  );
  assert.match(
    list.body,
    /<div data-desk-kinds="video"><div class="form-group mb-4"><label for="field-video_link" class="active">Link della videochiamata<\/label><small id="field-video_link-hint"[^>]*>Solo per il tipo «Videochiamata», dove è obbligatorio/,
  );
  assert.match(list.body, /<script src="\/static\/(?:h\/)?ponte(?:\.[0-9a-f]{10})?\.js" defer/);
  const js = await (await testApp()).inject({ method: 'GET', url: '/static/ponte.js' });
  assert.equal(js.statusCode, 200);
  assert.match(js.body, /\[data-desk-kinds\]/);
  // A CAV's desks are all rooms of the CAV: no video link asked.
  const coordinator = await makeUser(db, w.cav.id, ['cav_coordinator']);
  const cavList = await get(coordinator, '/desks');
  assert.equal(cavList.statusCode, 200);
  assert.match(cavList.body, /name="office"/);
  assert.doesNotMatch(cavList.body, /video_link|data-desk-kinds/);

  // Editing: the link is asked of a video desk only (or of another kind still carrying one, to clear it).
  const phone = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono solo' });
  const phoneForm = await get(w.director, `/desks/${phone}/edit`);
  assert.equal(phoneForm.statusCode, 200);
  assert.doesNotMatch(phoneForm.body, /video_link/);
  const saved = await post(w.director, `/desks/${phone}/edit`, {
    name: 'Telefono solo',
    capacity: '1',
    version: String((await planSvc.manageableDesk(db, w.dirCtx, phone)).version),
  });
  assert.equal(saved.statusCode, 303);
  const video = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'video',
    name: 'Video solo',
    video_link: 'https://meet.example.org/solo',
  });
  const videoForm = await get(w.director, `/desks/${video}/edit`);
  assert.match(
    videoForm.body,
    /name="video_link"[^>]*value="https:\/\/meet\.example\.org\/solo"[^>]*required/,
  );
  const room = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'inps_room',
    name: 'Stanza con link',
    video_link: 'https://meet.example.org/stanza',
  });
  const roomForm = await get(w.director, `/desks/${room}/edit`);
  assert.match(roomForm.body, /value="https:\/\/meet\.example\.org\/stanza"/);
  assert.match(roomForm.body, /Solo per il tipo «Videochiamata»/);
});
