// Findings of a walk through the isole di accoglienza, pinned in the browser: the header on a phone, and the
// details of the pages that a person would find wrong. Axe on every page, as everywhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as planSvc from '../../packages/app/src/features/desks/planning/desks.ts';
import { demoDeskWorld, openDemoCard } from './desk-world.ts';
import { follow, journey, loginAs, noBrowser, ponte, scan, visit } from './harness.ts';

test('on a 375-pixel phone the menu stays inside the header and leaves the page title visible', {
  skip: noBrowser,
}, async () => {
  await journey(async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await loginAs(page, 'inps_director');
    assert.equal(await visit(page, '/desks'), 200);
    const header = await page.locator('header').boundingBox();
    const menu = await page.getByRole('navigation', { name: 'Menu principale' }).boundingBox();
    const title = await page.locator('h1').boundingBox();
    assert.ok(header && menu && title);
    const headerBottom = header.y + header.height;
    assert.ok(
      menu.y + menu.height <= headerBottom + 0.5,
      `the menu ends at ${menu.y + menu.height}, the header at ${headerBottom}`,
    );
    assert.ok(
      title.y >= headerBottom,
      `the title starts at ${title.y}, under the header ending at ${headerBottom}`,
    );
    assert.ok(
      (await page.evaluate(() => document.documentElement.scrollWidth)) <= 375,
      'no sideways scrolling',
    );
  });
});

test('the operator lets a hold go, books, is told the card is booked ahead and finds her way back; the officer jumps to her next appointment', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const { db } = server.database;
  const w = await demoDeskWorld(db);
  const { officer, dirCtx } = w;
  const desk = await planSvc.createDesk(db, dirCtx, { kind: 'phone', name: 'Telefono passeggiata e2e' });
  // Wednesday 6 October 2027.
  await planSvc.createSession(db, dirCtx, desk, {
    officer: officer.id,
    date: '2027-10-06',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const { id: cardId, code } = await openDemoCard(db, w);

  await journey(async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await loginAs(page, 'cav_operator');
    // Other journeys of this process plan earlier desk days: the weeks of 6 October are asked for.
    const weeks = `/desks/cards/${cardId}?date=2027-10-04`;
    assert.equal(await visit(page, weeks), 200);
    await page.getByRole('button', { name: /6 ottobre 2027, 09:30/ }).click();
    await page.waitForURL(/\/desks\/appointments\//);
    await scan(page);
    assert.match(await page.content(), /bloccato per te fino alle \d\d:\d\d \(5 minuti\)/);
    assert.equal(await page.getByLabel('Motivo dell’annullamento').count(), 0, 'a hold asks for no reason');
    assert.equal(await follow(page, page.getByRole('button', { name: /Lascia libero l’orario/ })), 200);
    assert.match(
      page.url(),
      new RegExp(`/desks/cards/${cardId}\\?date=2027-10-06$`),
      'back on the weeks of that time',
    );
    assert.match(await page.content(), /Nessun appuntamento per questa scheda/);

    assert.equal(await follow(page, page.getByRole('button', { name: /6 ottobre 2027, 09:30/ })), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Conferma la prenotazione' })), 200);
    const crumbs = page.getByRole('navigation', { name: 'Percorso di navigazione' });
    assert.equal(await follow(page, crumbs.getByRole('link', { name: 'Appuntamenti allo sportello' })), 200);
    assert.equal(await visit(page, `/desks/cards/${cardId}`), 200);
    assert.match(
      await page.content(),
      /Questa scheda ha già un appuntamento prenotato: mercoledì 6 ottobre 2027/,
    );
    assert.equal(await follow(page, page.getByRole('link', { name: 'Apri l’appuntamento prenotato' })), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Sposta l’appuntamento' })), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Torna all’appuntamento' })), 200);
    assert.match(await page.content(), /Prenotato/);
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_officer');
    assert.equal(await visit(page, '/desks/agenda?date=2027-10-04&view=day'), 200);
    assert.match(await page.content(), /<p>lunedì 4 ottobre 2027<\/p>/);
    const next = page.getByRole('link', {
      name: /^Prossimo appuntamento: mercoledì 6 ottobre 2027, 09:30$/,
    });
    assert.equal(await follow(page, next), 200);
    assert.ok(await page.getByRole('row', { name: new RegExp(code) }).isVisible());
  });
});
