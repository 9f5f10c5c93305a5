// Journeys of the public check in its six languages (issue 6): from the start page to the result in Italian,
// English, French, Spanish, Arabic (right to left) and Ukrainian, with axe on every page, no cookie at any step,
// no request to another origin (the harness fails on any), the sheet offered; the quick exit then Back never
// returns to the check; and the weight of the check page measured from the browser's network log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { type PublicLang, publicTranslator } from '../../packages/app/src/platform/i18n/index.ts';
import '../../packages/app/src/features/public/messages.ts';
import { browser, journey, noBrowser, scan, visit } from './harness.ts';
import { fill, motherOfOne, ownServer } from './rights-helpers.ts';

const server = ownServer();

type Answer = Record<string, string>;
const mother: Record<string, Answer> = {
  ...motherOfOne,
  victim: { victim: 'yes' },
  cav: { cav: 'yes' },
  comune: { comune: 'Jesi' },
};

/** Clicks a button of the check, waits for the page swapped in place, checks lang and dir, scans it. */
async function submit(page: Page, label: string, lang: string) {
  await page.evaluate(() => {
    document.body.dataset.old = '1';
  });
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.waitForFunction(() => !document.body.dataset.old);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  await scan(page);
}

const LANGS: PublicLang[] = ['it', 'en', 'fr', 'es', 'ar', 'uk'];

for (const lang of LANGS) {
  test(`the check in ${lang}: start to result, every page in ${lang} and scanned, no cookie, the sheet offered`, {
    skip: noBrowser,
  }, async () => {
    const srv = await server();
    const t = publicTranslator(lang);
    await journey(async ({ page, context }) => {
      assert.equal(await visit(page, '/diritti'), 200);
      // The language is chosen at the start: each button names its language in that language.
      await submit(page, t('pub.start.begin'), lang);
      for (let i = 0; i < 40; i++) {
        const q = page.locator('input[name="q"]');
        if ((await q.count()) === 0) break;
        const id = (await q.getAttribute('value')) ?? '';
        assert.equal(await page.locator('h1').textContent(), t(`pub.q.${id}`));
        const answer = mother[id];
        if (answer) for (const [name, value] of Object.entries(answer)) await fill(page, name, value);
        else
          for (const input of await page.locator('input:not([type="hidden"])[value="unknown"]').all())
            await input.check({ force: true });
        await submit(page, t('pub.step.next'), lang);
        assert.deepEqual(await context.cookies(), [], `a cookie after step ${i}`);
      }
      assert.equal(await page.locator('h1').textContent(), t('pub.result.heading'));
      assert.equal(await page.title(), t('public.title'));
      assert.equal(new URL(page.url()).pathname, '/diritti');
      const card = page.locator('[data-benefit="assegno_unico"]');
      assert.equal(await card.getAttribute('data-status'), 'eligible');
      if (lang !== 'it' && lang !== 'en')
        assert.equal(await card.locator('h3').textContent(), t('pub.b.assegno_unico.name'));
      const main = (await page.locator('main').textContent()) ?? '';
      assert.match(main, /CAV Demo Ancona/);
      assert.doesNotMatch(main, /Casa rifugio Demo/i);
      // The sheet downloads as a PDF with a neutral name; the page stays where it is.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: t('pub.sheet.download') }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'informazioni.pdf');
      // The print button appears with JavaScript.
      assert.equal(await page.getByRole('button', { name: t('pub.sheet.print') }).isVisible(), true);
      assert.deepEqual(await context.cookies(), []);
      assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    }, srv);
  });
}

test('quick exit in Arabic: the button replaces the check in history, Back does not return to it', {
  skip: noBrowser,
}, async () => {
  const srv = await server();
  const t = publicTranslator('ar');
  await journey(async ({ page, context }) => {
    await visit(page, '/diritti?lang=ar');
    await submit(page, t('pub.start.begin'), 'ar');
    await submit(page, t('pub.step.next'), 'ar');
    const exit = page.getByRole('link', { name: t('public.exit') });
    await Promise.all([page.waitForURL(`${srv.url}/centri`), exit.click()]);
    await page.goBack().catch(() => null);
    assert.ok(!page.url().includes('/diritti'), `Back returned to ${page.url()}`);
    assert.doesNotMatch(await page.content(), new RegExp(t('pub.step.count', { n: '\\d' })));
    assert.deepEqual(await context.cookies(), []);
  }, srv);
});

const FONT = /\.(woff2?|ttf|otf)(\?|$)/;

test('the check page weighs at most 100 KB transferred, fonts excluded, measured from the network log', {
  skip: noBrowser,
}, async () => {
  const srv = await server();
  await journey(async ({ page }) => {
    const sizes: Promise<{ url: string; bytes: number }>[] = [];
    page.on('requestfinished', (req) => {
      if (req.resourceType() === 'font' || FONT.test(req.url())) return;
      sizes.push(
        req.sizes().then((s) => ({ url: req.url(), bytes: s.responseBodySize + s.responseHeadersSize })),
      );
    });
    await page.goto('/diritti', { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const list = await Promise.all(sizes);
    const total = list.reduce((n, x) => n + x.bytes, 0);
    console.log(
      `check page: ${total} bytes transferred without fonts\n${list.map((x) => `  ${x.bytes}\t${x.url}`).join('\n')}`,
    );
    assert.ok(list.some((x) => x.url.endsWith('/diritti')));
    assert.ok(total <= 100 * 1024, `the check page transfers ${total} bytes`);
    await scan(page);
  }, srv);
});

test('the directory of centres in each language: lang and dir set, searched by Comune, scanned, no cookie', {
  skip: noBrowser,
}, async () => {
  const srv = await server();
  await journey(async ({ page, context }) => {
    for (const lang of LANGS) {
      const t = publicTranslator(lang);
      assert.equal(await visit(page, lang === 'it' ? '/centri' : `/centri?lang=${lang}`), 200);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await page.getByLabel(t('pub.dir.search')).fill('Ancona');
      await submit(page, t('pub.dir.submit'), lang);
      assert.match((await page.locator('main').textContent()) ?? '', /CAV Demo Ancona/);
      assert.equal(new URL(page.url()).search, lang === 'it' ? '' : `?lang=${lang}`);
    }
    assert.deepEqual(await context.cookies(), []);
  }, srv);
});

test('without JavaScript, in Ukrainian: the check by plain form posts to the result, and the sheet downloads', {
  skip: noBrowser,
}, async () => {
  const srv = await server();
  const t = publicTranslator('uk');
  const ctx = await (await browser()).newContext({
    baseURL: srv.url,
    locale: 'uk-UA',
    javaScriptEnabled: false,
  });
  try {
    ctx.setDefaultTimeout(5000);
    const page = await ctx.newPage();
    await page.goto('/diritti?lang=uk');
    const click = (name: string) =>
      Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    await click(t('pub.start.begin'));
    for (let i = 0; i < 40; i++) {
      const q = page.locator('input[name="q"]');
      if ((await q.count()) === 0) break;
      const id = (await q.getAttribute('value')) ?? '';
      const answer = mother[id];
      if (answer) for (const [name, value] of Object.entries(answer)) await fill(page, name, value);
      else
        for (const input of await page.locator('input:not([type="hidden"])[value="unknown"]').all())
          await input.check({ force: true });
      await click(t('pub.step.next'));
      assert.equal(await page.getAttribute('html', 'lang'), 'uk');
    }
    assert.equal(await page.locator('h1').textContent(), t('pub.result.heading'));
    // No answer in the address: every step was a POST.
    assert.equal(new URL(page.url()).search, '');
    // Without JavaScript there is no Print button (the browser's own Print works), and the sheet downloads.
    assert.equal(await page.getByRole('button', { name: t('pub.sheet.print') }).count(), 0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t('pub.sheet.download') }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'informazioni.pdf');
    assert.deepEqual(await ctx.cookies(), []);
  } finally {
    await ctx.close();
  }
});
