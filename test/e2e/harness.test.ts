// The harness must be able to fail: an accessibility violation, a request to another origin and a console
// error each make a journey fail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClean, journey, noBrowser, scan, visit } from './harness.ts';

test(
  'the harness fails on an axe violation, a foreign request and a console error',
  { skip: noBrowser },
  () =>
    journey(async ({ page }) => {
      await visit(page, '/');
      await page.evaluate(() => {
        const input = document.createElement('input');
        input.type = 'text';
        document.getElementById('main')?.append(input);
      });
      await assert.rejects(scan(page), /accessibility violations[\s\S]*label/);

      await page.evaluate(() => document.querySelector('#main input')?.remove());
      await page.evaluate(() => fetch('http://example.invalid/x').catch(() => undefined));
      await page.evaluate(() => console.error('boom'));
      await page.waitForTimeout(200);
      // The CSP stops the fetch before it leaves; Chromium reports that on the console.
      assert.throws(() => assertClean(page), /Content Security Policy[\s\S]*console error: boom/);

      await page.goto('http://127.0.0.2:9/').catch(() => undefined);
      assert.throws(() => assertClean(page), /request to another origin: GET http:\/\/127\.0\.0\.2:9\//);
    }),
);
