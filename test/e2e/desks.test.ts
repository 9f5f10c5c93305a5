// Isole di accoglienza in the browser: the INPS director sets up a desk and a desk day for an officer, the CAV
// operator holds a slot for an open card and confirms it, moves it to another time and records a no-show on an
// appointment that has started; the officer sees all of it on her agenda and records an outcome. Axe on every page.
// An appointment that has already started cannot be booked in the browser (slots in the past are refused), so the
// past desk day and its two appointments are planned through the service with its clock moved back (`ctx.now`),
// exactly as the browser would have done on that day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as desks from '../../packages/app/src/features/desks/booking/service.ts';
import * as planSvc from '../../packages/app/src/features/desks/planning/desks.ts';
import { demoDeskWorld, openDemoCard } from './desk-world.ts';
import { follow, journey, loginAs, noBrowser, ponte, visit } from './harness.ts';

test('the director sets a desk day, the CAV operator books it, moves it and records a no-show, the officer sees it and records an outcome', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const { db } = server.database;
  const w = await demoDeskWorld(db);
  const { operator, director, officer } = w;
  const { code, caseId } = await openDemoCard(db, w);

  // A desk day of Tuesday 4 March 2025 (08:00–10:00 in Rome), planned and booked back then.
  const then = new Date('2025-02-03T09:00:00Z');
  const dirCtx: desks.Ctx = {
    userId: director.id,
    orgId: director.organisation_id,
    orgKind: 'inps_office',
    roles: ['inps_director'],
    now: then,
  };
  const opCtx: desks.Ctx = {
    userId: operator.id,
    orgId: operator.organisation_id,
    orgKind: 'cav',
    roles: ['cav_operator'],
    now: then,
  };
  const pastDesk = await planSvc.createDesk(db, dirCtx, { kind: 'phone', name: 'Telefono marzo e2e' });
  const pastDay = await planSvc.createSession(db, dirCtx, pastDesk, {
    officer: officer.id,
    date: '2025-03-04',
    start: '08:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const came = await openDemoCard(db, w);
  const absent = await openDemoCard(db, w);
  for (const [card, start] of [
    [came.id, '2025-03-04T07:00:00.000Z'],
    [absent.id, '2025-03-04T07:30:00.000Z'],
  ] as const)
    await desks.confirm(db, opCtx, await desks.holdSlot(db, opCtx, card, pastDay, start));
  // A video desk day of Tuesday 7 September 2027, beyond the four weeks the booking page shows at once.
  const laterDesk = await planSvc.createDesk(
    db,
    { ...dirCtx, now: undefined },
    {
      kind: 'video',
      name: 'Videochiamata settembre e2e',
      video_link: 'https://video.example.invalid/e2e',
    },
  );
  await planSvc.createSession(db, { ...dirCtx, now: undefined }, laterDesk, {
    officer: officer.id,
    date: '2027-09-07',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_director');
    assert.equal(await visit(page, '/desks'), 200);
    await page.getByLabel('Tipo di sportello').selectOption('phone');
    await page.locator('#field-name').fill('Sportello telefonico e2e');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.match(await page.content(), /Sportello creato/);
    await page.getByLabel('Consulente INPS').selectOption({ index: 1 });
    await page.locator('#field-date').fill('2027-06-02');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);
    assert.match(await page.content(), /festività nazionale/);
    await page.locator('#field-date').fill('2027-06-03');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.match(await page.content(), /Giornata creata/);
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'cav_operator');
    assert.equal(await visit(page, '/desks/book'), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: `Prenota per la scheda ${code}` })), 200);
    assert.match(await page.content(), /Nessun appuntamento per questa scheda/);
    // Four weeks at a time (other journeys of this server may plan earlier days of the demo office, so the weeks
    // of 3 June are asked for); the September day is one link away, and back.
    const bookUrl = new URL(page.url()).pathname;
    assert.equal(await visit(page, `${bookUrl}?date=2027-06-03`), 200);
    assert.match(await page.content(), /Orari dal 3 giugno 2027 al 30 giugno 2027/);
    assert.doesNotMatch(await page.content(), /Videochiamata settembre e2e/);
    const later = page.getByRole('link', { name: 'Giorni successivi, dal 7 settembre 2027' });
    assert.equal(await follow(page, later), 200);
    assert.match(await page.content(), /Videochiamata settembre e2e/);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Settimane precedenti' })), 200);
    assert.match(await page.content(), /Orari dal 10 agosto 2027/);
    assert.equal(await visit(page, `${bookUrl}?date=2027-06-03`), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: /09:40/ }).first()), 200);
    assert.match(await page.content(), /bloccato per te fino alle \d\d:\d\d \(5 minuti\)/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Conferma la prenotazione' })), 200);
    assert.match(await page.content(), /Appuntamento prenotato/);
    // Her case page lists it, with the way to book again.
    assert.equal(await visit(page, `/cases/${caseId}`), 200);
    assert.match(await page.content(), /Sportello INPS/);
    assert.equal(await follow(page, page.getByRole('link', { name: /09:40/ })), 200);

    // She moves it: the reason is required, then the appointment moves to 10:20.
    assert.equal(await follow(page, page.getByRole('link', { name: 'Sposta l’appuntamento' })), 200);
    // The move page opens on the weeks of the appointment, so the times around it are in sight.
    assert.match(await page.content(), /Orari dal 3 giugno 2027 al 30 giugno 2027/);
    // Bootstrap Italia draws the radio on its label, which is what a person clicks.
    await page.locator('label', { hasText: /3 giugno 2027, 10:20/ }).click();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Sposta l’appuntamento' })), 400);
    assert.match(await page.content(), /Indica il motivo dello spostamento/);
    assert.ok(await page.getByLabel(/3 giugno 2027, 10:20/).isChecked(), 'the chosen time stays chosen');
    await page.getByLabel('Motivo dello spostamento').fill('La donna lavora fino alle 10');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Sposta l’appuntamento' })), 200);
    assert.match(await page.content(), /Appuntamento spostato/);
    assert.match(await page.content(), /10:20 – 10:50/);
    assert.equal(await follow(page, page.getByRole('link', { name: /09:40/ })), 200);
    assert.match(await page.content(), /Annullato — spostato/);
    assert.match(await page.content(), /La donna lavora fino alle 10/);

    // Her list of appointments: the one of 4 March 2025 has started, and the woman did not come.
    assert.equal(await visit(page, '/desks/appointments'), 200);
    await page.getByLabel('Codice della scheda').fill(absent.code);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Cerca' })), 200);
    assert.equal(
      await follow(page, page.getByRole('row', { name: new RegExp(absent.code) }).getByRole('link')),
      200,
    );
    assert.equal(await follow(page, page.getByRole('link', { name: 'Non si è presentata' })), 200);
    assert.match(await page.content(), /Confermi che la donna non si è presentata/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Sì, non si è presentata' })), 200);
    assert.match(await page.content(), /Registrato: la donna non si è presentata/);
    assert.doesNotMatch(await page.content(), /Non si è presentata<\/a>/, 'nothing more to record');
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_officer');
    assert.equal(await visit(page, '/desks/agenda?date=2027-06-03&view=week'), 200);
    assert.match(await page.content(), new RegExp(code));
    assert.match(await page.content(), /Sportello telefonico e2e/);
    assert.match(await page.content(), /10:20/);
    assert.doesNotMatch(await page.content(), /09:40/, 'the moved-away time is no longer on her agenda');
    // The card of the appointment, with its desk appointments.
    assert.equal(await follow(page, page.getByRole('link', { name: code }).first()), 200);
    assert.match(await page.content(), /Sportello INPS/);
    assert.match(
      await page.content(),
      /<td>Sportello telefonico e2e<\/td><td>Demo Consulente INPS<\/td><td>Prenotato<\/td>/,
    );

    assert.equal(await visit(page, '/desks/agenda?date=2025-03-04&view=day'), 200);
    const absentRow = page.getByRole('row', { name: new RegExp(absent.code) });
    assert.match((await absentRow.textContent()) ?? '', /Non presentata/);
    const cameRow = page.getByRole('row', { name: new RegExp(came.code) });
    assert.equal(await follow(page, cameRow.getByRole('button', { name: /^Svolto/ })), 200);
    assert.match(await page.content(), /Esito registrato/);
    assert.match(
      (await page.getByRole('row', { name: new RegExp(came.code) }).textContent()) ?? '',
      /Svolto/,
    );
  });
  const rows = await db
    .selectFrom('appointment')
    .select(['status', 'outcome_by'])
    .where('session_id', '=', pastDay)
    .orderBy('during')
    .execute();
  assert.deepEqual(rows, [
    { status: 'done', outcome_by: officer.id },
    { status: 'no_show', outcome_by: operator.id },
  ]);
});
