// "Appuntamenti dell'ufficio" in the browser: the INPS director lists the appointments on her office's desks,
// narrows them to a desk of this journey (other journeys of the shared server book on the demo office too), reads
// the counts per status, types an unreadable date and is told so next to the field, and opens the INPS card of an
// appointment. The desk day and its appointments are planned through the service, as the browser would.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import * as desks from '../../packages/app/src/features/desks/booking/service.ts';
import * as planSvc from '../../packages/app/src/features/desks/planning/desks.ts';
import { demoDeskWorld, openDemoCard } from './desk-world.ts';
import { follow, journey, loginAs, noBrowser, ponte } from './harness.ts';

test('the INPS director lists her office’s appointments, filters them, reads the counts and opens a card', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const { db } = server.database;
  const w = await demoDeskWorld(db);
  const { officer, dirCtx, opCtx } = w;
  const deskName = `Telefono ufficio e2e ${randomUUID().slice(0, 4)}`;
  const desk = await planSvc.createDesk(db, dirCtx, { kind: 'phone', name: deskName });
  const day = await planSvc.createSession(db, dirCtx, desk, {
    officer: officer.id,
    date: '2027-10-13',
    start: '09:00',
    end: '11:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const kept = await openDemoCard(db, w);
  const dropped = await openDemoCard(db, w);
  const book = async (card: string, start: string) => {
    const id = await desks.holdSlot(db, opCtx, card, day, start);
    await desks.confirm(db, opCtx, id);
    return id;
  };
  await book(kept.id, '2027-10-13T07:00:00.000Z');
  await desks.cancel(db, opCtx, await book(dropped.id, '2027-10-13T07:30:00.000Z'), 'Ha trovato lavoro');

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_director');
    const menu = page.getByRole('navigation', { name: 'Menu principale' });
    assert.equal(await follow(page, menu.getByRole('link', { name: 'Appuntamenti dell’ufficio' })), 200);
    assert.match(await page.content(), /In tutto:/);

    await page.getByLabel('Sportello', { exact: true }).selectOption({ label: deskName });
    assert.equal(await follow(page, page.getByRole('button', { name: 'Cerca' })), 200);
    assert.match(
      (await page.locator('[data-counts]').textContent()) ?? '',
      /1 prenotato · 0 svolti · 0 non presentate · 1 annullato/,
    );
    const rows = page.getByRole('row');
    assert.equal(await rows.count(), 3, 'the header and her two appointments');
    assert.match((await rows.nth(1).textContent()) ?? '', new RegExp(`${kept.code}.*Prenotato`));
    assert.match((await rows.nth(2).textContent()) ?? '', new RegExp(`${dropped.code}.*Annullato`));
    assert.doesNotMatch(await page.content(), /Ha trovato lavoro/, 'the reasons stay on the CAV side');

    // A date she cannot mean: the message is next to the field, and what she typed and chose stays.
    await page.getByLabel(/^Dal giorno/).fill('31/02/2027');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Cerca' })), 400);
    assert.match((await page.locator('#field-from-error').textContent()) ?? '', /non esiste nel calendario/);
    assert.equal(await page.getByLabel(/^Dal giorno/).inputValue(), '31/02/2027');
    assert.equal(await page.getByLabel('Sportello', { exact: true }).inputValue(), desk);

    await page.getByLabel(/^Dal giorno/).fill('13/10/2027');
    await page.getByLabel(/^Al giorno/).fill('13/10/2027');
    await page.getByLabel('Stato', { exact: true }).selectOption({ label: 'Prenotato' });
    assert.equal(await follow(page, page.getByRole('button', { name: 'Cerca' })), 200);
    assert.equal(await page.getByRole('row').count(), 2);
    assert.equal(await follow(page, page.getByRole('link', { name: kept.code })), 200);
    assert.equal(new URL(page.url()).pathname, `/inps/cards/${kept.id}`);
  });
});
