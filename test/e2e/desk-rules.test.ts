// Recurring desk days in the browser: the INPS director checks the training marks, sets a desk's opening hours,
// creates a rule (every 2nd and 4th Tuesday), is told next to the field when it is outside the hours, ends it with
// a confirmation, records and removes an absence, edits a desk's details and retires another desk after its
// confirmation. The demo officer publishes a desk day of her own on "La mia disponibilità" and cancels it.
// Axe on every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Temporal } from 'temporal-polyfill';
import * as desks from '../../packages/app/src/features/desks/booking/service.ts';
import { isItalianHoliday } from '../../packages/app/src/features/desks/common/calendar.ts';
import * as planSvc from '../../packages/app/src/features/desks/planning/desks.ts';
import { todayInRome } from '../../packages/app/src/platform/clock.ts';
import { demoDeskWorld, openDemoCard } from './desk-world.ts';
import { follow, journey, loginAs, noBrowser, ponte, visit } from './harness.ts';

test('the director sets opening hours, a recurring rule and an absence, edits a desk and retires another', {
  skip: noBrowser,
}, async () => {
  await journey(async ({ page }) => {
    await loginAs(page, 'inps_director');
    assert.equal(await visit(page, '/desks/officers'), 200);
    assert.match(await page.content(), /Demo Consulente INPS[\s\S]*Formata/);

    assert.equal(await visit(page, '/desks'), 200);
    await page.getByLabel('Tipo di sportello').selectOption('inps_room');
    await page.locator('#field-name').fill('Stanza riservata regole e2e');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Modifica l’orario' })), 200);
    await page.getByLabel('sabato').check({ force: true });
    await page.locator('#field-closes_at').fill('18:00');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva l’orario' })), 200);
    assert.match(await page.content(), /sabato, dalle 08:00 alle 18:00/);

    assert.equal(await follow(page, page.getByRole('link', { name: 'Giornate ricorrenti' })), 200);
    await page.getByLabel('Consulente INPS assegnata').selectOption({ index: 1 });
    await page.getByLabel('Giorno della settimana').selectOption('2');
    await page.getByLabel('2ª settimana').check({ force: true });
    await page.getByLabel('4ª settimana').check({ force: true });
    await page.locator('#field-end').fill('18:30');
    await page.locator('#field-valid_from').fill('2028-01-01');
    await page.locator('#field-valid_until').fill('2028-03-31');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Crea la regola' })), 400);
    assert.match(await page.content(), /fuori dall’orario dello sportello/);
    await page.locator('#field-end').fill('12:00');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Crea la regola' })), 200);
    assert.match(await page.content(), /Regola creata/);
    assert.match(await page.content(), /2° e 4° martedì del mese/);
    assert.match(await page.content(), /generate dalla regola: 6/);

    assert.equal(await follow(page, page.getByRole('link', { name: /Termina la regola/ })), 200);
    await page.locator('#field-first_day').fill('2028-02-01');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Termina la regola' })), 200);
    assert.match(await page.content(), /Regola terminata\. Giornate tolte: 4\./);

    assert.equal(await visit(page, '/desks/exceptions'), 200);
    await page.getByLabel('Tipo', { exact: true }).selectOption('absence');
    await page.getByLabel('Consulente (per un’assenza)').selectOption({ index: 1 });
    await page.locator('#field-from_date').fill('2028-05-01');
    await page.locator('#field-to_date').fill('2028-05-05');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Registra' })), 200);
    assert.match(await page.content(), /Registrata/);
    assert.equal(await follow(page, page.getByRole('link', { name: /^Togli/ }).first()), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Togli' })), 200);
    assert.match(await page.content(), /Tolta/);

    // A desk's details are edited (a wrong capacity is told next to the field), then another desk is retired
    // after its confirmation page: it leaves the list.
    assert.equal(await visit(page, '/desks'), 200);
    await page.getByLabel('Tipo di sportello').selectOption('phone');
    await page.locator('#field-name').fill('Telefono regole e2e');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Modifica lo sportello' })), 200);
    assert.match(await page.content(), /non si possono cambiare/);
    await page.locator('#field-name').fill('Telefono accoglienza e2e');
    await page.locator('#field-capacity').fill('500');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva le modifiche' })), 400);
    assert.match(await page.content(), /La capienza è un numero intero tra 1 e 100/);
    assert.equal(await page.locator('#field-name').inputValue(), 'Telefono accoglienza e2e');
    await page.locator('#field-capacity').fill('2');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva le modifiche' })), 200);
    assert.match(await page.content(), /Sportello modificato\./);
    assert.match(await page.content(), /Telefono accoglienza e2e/);

    assert.equal(await visit(page, '/desks'), 200);
    await follow(page, page.getByRole('link', { name: 'Stanza riservata regole e2e' }).first());
    assert.equal(await follow(page, page.getByRole('link', { name: 'Disattiva lo sportello' })), 200);
    assert.match(await page.content(), /Disattivare lo sportello «Stanza riservata regole e2e»\?/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Disattiva lo sportello' })), 200);
    assert.match(await page.content(), /Sportello disattivato\./);
    assert.doesNotMatch(await page.content(), /Stanza riservata regole e2e/);
    assert.match(await page.content(), /Telefono accoglienza e2e/);
  });
});

test('a desk with a booking ahead: the retire page lists it before anything is confirmed, with no button', {
  skip: noBrowser,
}, async () => {
  const { db } = (await ponte()).database;
  const w = await demoDeskWorld(db);
  const { officer, dirCtx, opCtx } = w;
  const desk = await planSvc.createDesk(db, dirCtx, { kind: 'phone', name: 'Telefono con prenotazioni e2e' });
  const day = await planSvc.createSession(db, dirCtx, desk, {
    officer: officer.id,
    date: '2028-06-07',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const { id: card, code } = await openDemoCard(db, w);
  await desks.confirm(db, opCtx, await desks.holdSlot(db, opCtx, card, day, '2028-06-07T07:00:00.000Z'));

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_director');
    assert.equal(await visit(page, `/desks/${desk}/retire`), 200);
    assert.match(await page.content(), /Appuntamenti attivi dello sportello: 1\./);
    assert.match(await page.content(), new RegExp(code));
    assert.equal(await page.getByRole('button', { name: 'Disattiva lo sportello' }).count(), 0);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Torna allo sportello' })), 200);
  });
});

test('the officer publishes her own desk day on "La mia disponibilità", sees it beside the director’s, cancels it', {
  skip: noBrowser,
}, async () => {
  const { db } = (await ponte()).database;
  const w = await demoDeskWorld(db);
  const { officer, dirCtx } = w;
  const desk = await planSvc.createDesk(db, dirCtx, { kind: 'phone', name: 'Telefono disponibilità e2e' });
  // Two working days a fortnight or more ahead (so they come first in her list): one hers, one the director's.
  // The Saturday of that week must be an ordinary one: a public holiday is refused as such, not as out of hours.
  const saturdayOf = (d: Temporal.PlainDate) => d.add({ days: 6 - d.dayOfWeek });
  let day = todayInRome().add({ days: 14 });
  while (
    day.dayOfWeek > 4 ||
    isItalianHoliday(day) ||
    isItalianHoliday(day.add({ days: 1 })) ||
    isItalianHoliday(saturdayOf(day))
  )
    day = day.add({ days: 1 });
  const saturday = saturdayOf(day);
  await planSvc.createSession(db, dirCtx, desk, {
    officer: officer.id,
    date: day.add({ days: 1 }).toString(),
    start: '14:00',
    end: '16:00',
    slot_minutes: '30',
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_officer');
    assert.equal(await follow(page, page.getByRole('link', { name: 'La mia disponibilità' }).first()), 200);
    assert.match(await page.content(), /Assegnata dalla direttrice/);
    await page.getByLabel('Sportello della tua sede').selectOption(desk);
    await page.locator('#field-date').fill(saturday.toString());
    await page.locator('#field-end').fill('11:00');
    await page.locator('#field-buffer_minutes').fill('0');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Pubblica la giornata' })), 400);
    assert.match(await page.content(), /Il giorno è fuori dall’orario dello sportello/);
    assert.equal(await page.locator('#field-end').inputValue(), '11:00', 'the form keeps what was typed');
    await page.locator('#field-date').fill(day.toString());
    assert.equal(await follow(page, page.getByRole('button', { name: 'Pubblica la giornata' })), 200);
    assert.match(await page.content(), /Giornata pubblicata/);
    assert.match(await page.content(), /Pubblicata da te[\s\S]*Assegnata dalla direttrice/);
    assert.match(await page.content(), /0 su 4/);

    assert.equal(await follow(page, page.getByRole('link', { name: /^Annulla la giornata/ })), 200);
    assert.match(await page.content(), /Annullare la giornata di sportello\?/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Annulla la giornata' })), 200);
    assert.match(await page.content(), /Giornata annullata\./);
    assert.doesNotMatch(await page.content(), /Pubblicata da te/);
    assert.match(await page.content(), /Assegnata dalla direttrice/);
  });
});
