// The officer's calendar subscription in the browser: she creates the secret address (shown once), her calendar
// program can read it, and she revokes it after a confirmation; then it answers 404. Axe on every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { follow, freshTotp, journey, noBrowser, ponte, visit } from './harness.ts';

async function login(page: Page, role: string): Promise<void> {
  const server = await ponte();
  const l = server.demoLogins.find((x) => x.role === role);
  assert.ok(l, role);
  await visit(page, '/login');
  await page.getByLabel(/^Nome utente/).fill(l.username);
  await page.getByLabel(/^Password/).fill(l.password);
  await follow(page, page.getByRole('button', { name: 'Accedi' }));
  await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(l.totpSecret));
  assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
}

test('the officer creates her calendar address, reads it, and revokes it after confirming', {
  skip: noBrowser,
}, async () => {
  await journey(async ({ page, context }) => {
    await login(page, 'inps_officer');
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

    assert.equal(await follow(page, page.getByRole('link', { name: 'Revoca l’indirizzo' })), 200);
    assert.match(await page.content(), /Revocare l’indirizzo del calendario\?/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Sì, revoca' })), 200);
    assert.match(await page.content(), /Indirizzo revocato/);
    assert.equal((await context.request.get(url)).status(), 404);
  });
});
