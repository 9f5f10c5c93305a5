// The component gallery in a real browser: every shared component and its examples, scanned by axe (WCAG 2.1 A
// and AA) as every page of the journeys is. The page exists only in development (the unit test
// platform/ui/examples.test.tsx proves that test and production have none).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { examples } from '../../packages/app/src/platform/ui/examples.tsx';
import { GALLERY_PATH } from '../../packages/app/src/platform/ui/gallery.tsx';
import { journey, noBrowser, type Ponte, startPonte, visit } from './harness.ts';

let dev: Ponte | undefined;
after(async () => {
  await dev?.close();
});

test('the gallery shows every component with its examples, with no accessibility violation', {
  skip: noBrowser,
}, async () => {
  dev = await startPonte({ env: 'development' });
  await journey(async ({ page }) => {
    assert.equal(await visit(page, GALLERY_PATH), 200);
    assert.match(await page.title(), /^Componenti/);
    for (const name of new Set(examples.map((e) => e.component))) {
      assert.equal(await page.locator(`#component-${name}`).count(), 1, name);
    }
    assert.equal(await page.locator('[dir="rtl"] legend').count(), 1, 'the right-to-left example');
  }, dev);
});
