// Each role of the demo network logs in through the browser (password and authenticator code), lands on her
// home with the menu of what she may do, and every page of that menu passes the accessibility scan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { follow, freshTotp, journey, noBrowser, ponte, visit } from './harness.ts';

test('every demo role logs in, lands on her home with her menu, and each menu page is accessible', {
  skip: noBrowser,
}, async (t) => {
  const server = await ponte();
  assert.equal(server.demoLogins.length, 8, 'one demo login per role');
  for (const login of server.demoLogins) {
    await t.test(login.role, () =>
      journey(async ({ page }) => {
        assert.equal(await visit(page, '/login'), 200);
        await page.getByLabel(/^Nome utente/).fill(login.username);
        await page.getByLabel(/^Password/).fill(login.password);
        assert.equal(await follow(page, page.getByRole('button', { name: 'Accedi' })), 200);
        await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(login.totpSecret));
        assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
        assert.equal(new URL(page.url()).pathname, '/home');

        const menu = page.getByRole('navigation', { name: 'Menu principale' });
        const links = await menu
          .getByRole('link')
          .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
        assert.ok(links.includes('/home'), `${login.role}: the menu leads home`);
        assert.ok(links.length >= 2, `${login.role}: the menu offers more than home (${links.join(', ')})`);
        for (const href of links.filter((h) => h !== '/home')) {
          assert.equal(await visit(page, href), 200, `${login.role}: ${href}`);
        }
      }),
    );
  }
});
