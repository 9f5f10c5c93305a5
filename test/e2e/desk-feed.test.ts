// The officer's calendar subscription in the browser: she creates the secret address (shown once), her calendar
// program can read it, she replaces it after a confirmation (the old one then answers 404), and she revokes it
// after a confirmation; then it answers 404. Axe on every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { follow, journey, loginAs, noBrowser } from './harness.ts';

test('the officer creates her calendar address, reads it, replaces it and revokes it, each after confirming', {
  skip: noBrowser,
}, async () => {
  await journey(async ({ page, context }) => {
    await loginAs(page, 'inps_officer');
    assert.equal(
      await follow(page, page.getByRole('link', { name: 'Calendario in abbonamento' }).first()),
      200,
    );
    assert.match(await page.content(), /Non hai un indirizzo attivo/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Crea l’indirizzo' })), 200);
    const url = await page.getByRole('textbox', { name: 'Indirizzo del calendario' }).inputValue();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    assert.match(await page.content(), /una sola volta/);
    // A calendar program: no cookie of the session is needed (a fresh request context).
    const feed = await context.request.get(url, { headers: { cookie: '' } });
    assert.equal(feed.status(), 200);
    assert.match(await feed.text(), /BEGIN:VCALENDAR/);

    // A new address replaces the live one only after a confirmation; cancelling keeps the old one working.
    assert.equal(await follow(page, page.getByRole('link', { name: 'Torna all’agenda' })), 200);
    assert.equal(
      await follow(page, page.getByRole('link', { name: 'Calendario in abbonamento' }).first()),
      200,
    );
    assert.equal(await follow(page, page.getByRole('link', { name: 'Crea un nuovo indirizzo' })), 200);
    assert.match(await page.content(), /Il vecchio indirizzo smetterà di funzionare subito/);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Annulla' })), 200);
    assert.equal((await context.request.get(url, { headers: { cookie: '' } })).status(), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Crea un nuovo indirizzo' })), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Sì, crea un nuovo indirizzo' })), 200);
    const fresh = await page.getByRole('textbox', { name: 'Indirizzo del calendario' }).inputValue();
    assert.notEqual(fresh, url);
    assert.equal((await context.request.get(url, { headers: { cookie: '' } })).status(), 404);

    assert.equal(await follow(page, page.getByRole('link', { name: 'Revoca l’indirizzo' })), 200);
    assert.match(await page.content(), /Revocare l’indirizzo del calendario\?/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Sì, revoca' })), 200);
    assert.match(await page.content(), /Indirizzo revocato/);
    assert.equal((await context.request.get(fresh)).status(), 404);
  });
});
