// Journeys of a visitor who is not logged in: the landing page and the 404 page in both languages, the skip
// link, the 1522 helpline in the footer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { follow, journey, noBrowser, visit } from './harness.ts';

test(
  'the landing page follows the browser, links to English and back, always shows 1522; a staff page remembers a chosen language',
  { skip: noBrowser },
  () =>
    journey(async ({ page, context }) => {
      assert.equal(await visit(page, '/'), 200);
      assert.equal(await page.getAttribute('html', 'lang'), 'it');
      assert.equal(await page.title(), 'Informazioni');
      assert.match((await page.locator('footer').textContent()) ?? '', /1522/);
      assert.equal(await page.locator('footer a[href="tel:1522"]').count(), 1);

      assert.equal(await follow(page, page.getByRole('link', { name: 'English' })), 200);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.title(), 'Information');
      assert.match((await page.locator('footer').textContent()) ?? '', /1522/);
      assert.equal(await follow(page, page.getByRole('link', { name: 'Italiano' })), 200);
      assert.equal(await page.getAttribute('html', 'lang'), 'it');
      assert.deepEqual(await context.cookies(), [], 'a public page sets no cookie');

      // The staff pages' switch (here on the 404 page) is remembered by the browser for the staff pages.
      assert.equal(await visit(page, '/pagina-che-non-esiste'), 404);
      await page.getByLabel('Lingua').selectOption('en');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Cambia lingua' })), 404);
      assert.equal(new URL(page.url()).pathname, '/pagina-che-non-esiste');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.locator('h1').textContent()) ?? '', /not found/i);
      assert.match((await page.locator('footer').textContent()) ?? '', /1522/);
      assert.equal(await visit(page, '/nessuna/pagina'), 404);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByLabel('Language').selectOption('it');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Change language' })), 404);
      assert.equal(await page.getAttribute('html', 'lang'), 'it');
    }),
);

test('the 404 page is in Italian by default, with a way back and the helpline', { skip: noBrowser }, () =>
  journey(async ({ page }) => {
    assert.equal(await visit(page, '/nessuna/pagina'), 404);
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    assert.match((await page.locator('h1').textContent()) ?? '', /Pagina non trovata/);
    assert.match((await page.locator('footer').textContent()) ?? '', /1522/);
  }),
);

test(
  'the skip link is the first thing the keyboard reaches on a staff page and moves focus to the content',
  { skip: noBrowser },
  () =>
    journey(async ({ page }) => {
      await visit(page, '/login');
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      assert.equal(await focused.getAttribute('href'), '#main');
      assert.equal(((await focused.textContent()) ?? '').trim(), 'Vai al contenuto principale');
      assert.ok(await focused.isVisible(), 'the skip link is visible when focused');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      // The next Tab continues inside the content, not back in the header.
      await page.keyboard.press('Tab');
      assert.ok(
        await page.evaluate(() => document.getElementById('main')?.contains(document.activeElement) ?? false),
        'focus continues inside <main>',
      );
      // On a public page the quick exit comes first, then the helpline, then the skip link.
      await visit(page, '/');
      await page.keyboard.press('Tab');
      assert.equal(((await page.locator(':focus').textContent()) ?? '').trim(), 'Esci subito');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await page.locator(':focus').getAttribute('href'), '#main');
    }),
);
