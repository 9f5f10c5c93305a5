// Findings of a walk through the isole di accoglienza, pinned in the browser: the header on a phone, and the
// details of the pages that a person would find wrong. Axe on every page, as everywhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journey, loginAs, noBrowser, visit } from './harness.ts';

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
