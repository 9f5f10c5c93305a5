// Journeys of the public check of rights (issue 6): the check from the start to the result in Italian and in
// English with axe on every page, the quick exit (button and Shift ×3) after which Back does not return to the
// check, no cookie at any step, no request to another origin (the harness fails on any), the directory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browser, journey, noBrowser, scan, visit } from './harness.ts';
import { fill, motherOfOne, ownServer } from './rights-helpers.ts';

const server = ownServer();

type Answer = Record<string, string>;
const mother: Record<string, Answer> = {
  ...motherOfOne,
  victim: { victim: 'no' },
  comune: { comune: '' },
};

/** Clicks a button of the check and waits for the page the server sends back (swapped in place), then scans it. */
async function submit(page: Page, label: string) {
  await page.evaluate(() => {
    document.body.dataset.old = '1';
  });
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.waitForFunction(() => !document.body.dataset.old);
  await scan(page);
}

/** Answers the questions of `answers` (every other with "I don't know") until the result. */
async function walk(page: Page, answers: Record<string, Answer>, next: string): Promise<string[]> {
  const asked: string[] = [];
  for (let i = 0; i < 40; i++) {
    const q = page.locator('input[name="q"]');
    if ((await q.count()) === 0) return asked;
    const id = (await q.getAttribute('value')) ?? '';
    asked.push(id);
    const answer = answers[id];
    if (answer) for (const [name, value] of Object.entries(answer)) await fill(page, name, value);
    else {
      for (const input of await page.locator('input:not([type="hidden"])[value="unknown"]').all())
        await input.check({ force: true });
    }
    await submit(page, next);
  }
  throw new Error('no result after 40 questions');
}

test('the check in Italian: from the start to the result, one question per page, no cookie, same URL throughout', {
  skip: noBrowser,
}, async () => {
  const srv = await server();
  await journey(async ({ page, context }) => {
    assert.equal(await visit(page, '/'), 200);
    // The landing page is a public page: no cookie, a neutral title, the quick exit.
    assert.deepEqual(await context.cookies(), []);
    assert.equal(await page.title(), 'Informazioni');
    await page.getByRole('link', { name: /Verifica in modo anonimo/ }).click();
    await page.waitForURL(/\/diritti$/);
    await scan(page);
    assert.equal(await page.title(), 'Informazioni');
    await submit(page, 'Inizia in italiano');
    // She lives in Jesi, where no centre is listed: the nearest is the one of the province, in Ancona.
    const asked = await walk(page, { ...mother, comune: { comune: 'Jesi' } }, 'Continua');
    assert.ok(asked.includes('isee') && asked.includes('household'), asked.join(' '));
    assert.equal(new URL(page.url()).pathname, '/diritti', 'no step changed the address');
    assert.equal(await page.locator('h1').textContent(), 'Cosa potrebbe spettarti');
    assert.equal(await page.title(), 'Informazioni');
    const card = page.locator('[data-benefit="assegno_unico"]');
    assert.equal(await card.getAttribute('data-status'), 'eligible');
    assert.match((await card.textContent()) ?? '', /al mese/);
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /1522/);
    assert.match(main, /CAV Demo Ancona/);
    assert.doesNotMatch(main, /Casa rifugio/i);
    assert.deepEqual(await context.cookies(), []);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    // One history entry for the whole check, and none for the landing page: its link replaced it.
    assert.equal(await page.evaluate(() => history.length), 2);
  }, srv);
});

test('the check in English, with a wrong ISEE corrected on the same page', { skip: noBrowser }, async () => {
  const srv = await server();
  await journey(async ({ page, context }) => {
    assert.equal(await visit(page, '/diritti'), 200);
    await submit(page, 'Start in English');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // Walk up to the ISEE question, then type a word.
    for (let i = 0; i < 30; i++) {
      const id = await page.locator('input[name="q"]').getAttribute('value');
      if (id === 'isee') break;
      const answer = mother[id ?? ''];
      if (answer) for (const [name, value] of Object.entries(answer)) await fill(page, name, value);
      else
        for (const input of await page.locator('input:not([type="hidden"])[value="unknown"]').all())
          await input.check({ force: true });
      await submit(page, 'Continue');
    }
    await fill(page, 'isee__kind', 'value');
    await fill(page, 'isee', 'fifteen thousand');
    await submit(page, 'Continue');
    assert.equal(await page.locator('input[name="q"]').getAttribute('value'), 'isee');
    assert.match((await page.locator('#field-isee-error').textContent()) ?? '', /figures only/);
    assert.equal(await page.locator('#field-isee').inputValue(), 'fifteen thousand');
    assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary')), true);
    await fill(page, 'isee', '15000');
    await walk(page, mother, 'Continue');
    assert.equal(await page.locator('h1').textContent(), 'What you may be entitled to');
    assert.equal(
      await page.locator('[data-benefit="assegno_unico"]').getAttribute('data-status'),
      'eligible',
    );
    assert.deepEqual(await context.cookies(), []);
  }, srv);
});

test('quick exit: the button replaces the check in history, and Back does not return to it', {
  skip: noBrowser,
}, async () => {
  const srv = await server();
  await journey(async ({ page, context }) => {
    await visit(page, '/diritti');
    await submit(page, 'Inizia in italiano');
    await fill(page, 'citizenship', 'it');
    await submit(page, 'Continua');
    const exit = page.getByRole('link', { name: 'Esci subito' });
    // Sticky on top, also after scrolling to the bottom.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const box = await exit.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 80, `the quick exit is at y=${box?.y}`);
    const [exitCall] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/uscita') && r.method() === 'POST'),
      page.waitForURL(`${srv.url}/centri`),
      exit.click(),
    ]);
    assert.ok(exitCall);
    await page.goBack().catch(() => null);
    assert.ok(!page.url().includes('/diritti'), `Back returned to ${page.url()}`);
    assert.doesNotMatch(await page.content(), /cittadinanza|Domanda \d/);
    assert.deepEqual(await context.cookies(), []);
  }, srv);
});

test('quick exit after a check begun on the landing page: Back returns to no page of Ponte', {
  skip: noBrowser,
}, async () => {
  const srv = await server();
  await journey(async ({ page, context }) => {
    assert.equal(await visit(page, '/'), 200);
    assert.equal(await page.title(), 'Informazioni');
    assert.equal(await page.getByRole('link', { name: 'Esci subito' }).count(), 1);
    await page.getByRole('link', { name: /Verifica in modo anonimo/ }).click();
    await page.waitForURL(/\/diritti$/);
    await scan(page);
    await submit(page, 'Inizia in italiano');
    await fill(page, 'citizenship', 'it');
    await submit(page, 'Continua');
    await Promise.all([
      page.waitForURL(`${srv.url}/centri`),
      page.getByRole('link', { name: 'Esci subito' }).click(),
    ]);
    await page.goBack().catch(() => null);
    // Before the landing page there was nothing: Back leaves Ponte altogether.
    assert.ok(!page.url().startsWith(srv.url), `Back returned to ${page.url()}`);
    assert.doesNotMatch(await page.content(), /Inps per tutti|violenza|cittadinanza/);
    assert.deepEqual(await context.cookies(), []);
  }, srv);
});

test('quick exit: Shift pressed three times leaves the check', { skip: noBrowser }, async () => {
  const srv = await server();
  await journey(async ({ page }) => {
    await visit(page, '/diritti');
    await submit(page, 'Inizia in italiano');
    await Promise.all([
      page.waitForURL(`${srv.url}/centri`),
      (async () => {
        for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      })(),
    ]);
    await page.goBack().catch(() => null);
    assert.ok(!page.url().includes('/diritti'), `Back returned to ${page.url()}`);
  }, srv);
});

test('the directory of centres, and the quick exit without JavaScript', { skip: noBrowser }, async () => {
  const srv = await server();
  await journey(async ({ page, context }) => {
    assert.equal(await visit(page, '/centri'), 200);
    await page.getByLabel('Cerca per Comune o per nome').fill('Ancona');
    await submit(page, 'Cerca');
    assert.equal(new URL(page.url()).pathname, '/centri');
    assert.equal(new URL(page.url()).search, '');
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /CAV Demo Ancona/);
    assert.doesNotMatch(main, /Casa rifugio|Macerata/i);
    assert.deepEqual(await context.cookies(), []);
  }, srv);
  const ctx = await (await browser()).newContext({
    baseURL: srv.url,
    locale: 'it-IT',
    javaScriptEnabled: false,
  });
  try {
    const page = await ctx.newPage();
    await page.goto('/diritti');
    const [landed] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: 'Esci subito' }).click(),
    ]);
    assert.equal(page.url(), `${srv.url}/centri`);
    const exit = await landed?.request().redirectedFrom()?.response();
    assert.equal(exit?.url(), `${srv.url}/uscita`);
    assert.equal((await exit?.allHeaders())?.['clear-site-data'], '"cache", "cookies", "storage"');
    assert.deepEqual(await ctx.cookies(), []);
  } finally {
    await ctx.close();
  }
});
