// Monitoraggio in the browser, keyboard only (issue 15): the coordinator reads the dashboard (charts as SVG images
// with their tables), gets a message for a period that ends before it starts, narrows to a Regione and opens the
// documented dataset; the DPO records a release (refused without a reason, then accepted); the network admin is
// refused a threshold below 3. Every page is scanned by axe, charts included. Its own server: the monitoring demo
// adds a synthetic network that the other journeys' demo network must not see.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { monitoringDemo } from '../../packages/app/src/features/monitoring/demo.ts';
import { follow, freshTotp, journey, noBrowser, type Ponte, scan, startPonte, visit } from './harness.ts';

let server: Promise<Ponte> | undefined;
const ours = () => {
  server ??= (async () => {
    const s = await startPonte({}, { demo: true });
    // A smaller synthetic history than `ponte start` makes: enough for figures above the threshold.
    await monitoringDemo(s.database.db, 400);
    return s;
  })();
  return server;
};
after(async () => {
  if (server) await (await server).close();
});

/** Types into the field named `label` after moving the focus there (as Tab would), without the mouse. */
async function typeInto(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label, { exact: typeof label === 'string' }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Types a date into a date input segment after segment, in the order of this Chromium (started in English:
 *  month, day, year). */
async function typeDate(page: Page, label: string, iso: string) {
  const [y, m, d] = iso.split('-');
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.type(`${m}${d}${y}`);
}

/** Presses Enter on the focused control and waits for the page it loads; scans it; returns its status. */
async function enter(page: Page): Promise<number> {
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.keyboard.press('Enter'),
  ]);
  await scan(page);
  return res?.status() ?? 0;
}

async function login(page: Page, s: Ponte, role: string) {
  const l = s.demoLogins.find((x) => x.role === role);
  assert.ok(l, role);
  // This machine may be busy: more than the harness's 5 s for a page.
  page.context().setDefaultTimeout(30_000);
  // The login as the harness's loginAs does it (on this server's demo accounts); the journey proper is keyboard only.
  await visit(page, '/login');
  await page.getByLabel(/^Nome utente/).fill(l.username);
  await page.getByLabel(/^Password/).fill(l.password);
  await follow(page, page.getByRole('button', { name: 'Accedi' }));
  await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(l.totpSecret));
  assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200, `login of ${role}`);
}

test('the coordinator reads Monitoraggio, filters it and opens the dataset, with the keyboard', {
  skip: noBrowser,
}, async () => {
  const s = await ours();
  await journey(async ({ page }) => {
    await login(page, s, 'cav_coordinator');
    assert.equal(await visit(page, '/monitoring'), 200);
    assert.match(await page.content(), /Dati aggiornati al/);
    const charts = page.locator('svg[role="img"]');
    assert.ok((await charts.count()) >= 3, 'charts are drawn');
    assert.match((await charts.first().getAttribute('aria-labelledby')) ?? '', /^chart-/);
    assert.ok((await page.locator('section[data-table="funnel"] tbody tr').count()) >= 9);

    // A period that ends before it starts: the message next to the field, what was typed kept.
    await typeDate(page, 'Dal', '2026-05-01');
    await typeDate(page, 'Al', '2026-02-01');
    assert.equal(await page.getByLabel('Al', { exact: true }).inputValue(), '2026-02-01');
    await page.getByRole('button', { name: 'Cerca' }).focus();
    assert.equal(await enter(page), 400);
    assert.match(await page.content(), /La fine del periodo viene prima dell’inizio/);
    assert.equal(await page.getByLabel('Dal', { exact: true }).inputValue(), '2026-05-01');

    // The whole synthetic Regione over the last year.
    await typeDate(page, 'Dal', '2025-06-01');
    await typeDate(page, 'Al', '2026-05-31');
    await page.getByLabel('Territorio', { exact: true }).focus();
    await page.keyboard.type('Regione Regione Sintetica (');
    assert.equal(await page.getByLabel('Territorio', { exact: true }).inputValue(), 'syn-regione');
    await page.getByRole('button', { name: 'Cerca' }).focus();
    assert.equal(await enter(page), 200);
    assert.match(page.url(), /territory=syn-regione/);
    assert.match(await page.content(), /Reddito di Libertà e budget regionale/);
    assert.ok((await page.locator('section[data-table="provinces"] tbody tr').count()) >= 3);

    await page.getByRole('link', { name: /Insieme di dati anonimi/ }).focus();
    assert.equal(await enter(page), 200);
    assert.match(await page.content(), /period_from/);
  }, s);
});

test('the DPO records a release; the network admin cannot set a threshold below 3', {
  skip: noBrowser,
}, async () => {
  const s = await ours();
  await journey(async ({ page }) => {
    await login(page, s, 'dpo');
    assert.equal(await visit(page, '/monitoring/releases'), 200);
    await page.getByLabel('Organizzazione di cui si rilasciano i dati').focus();
    await page.keyboard.type('CAV sintetico 1 (');
    await page.getByLabel('Organizzazione che li riceve').focus();
    await page.keyboard.type('CAV sintetico 2 (');
    await page.getByRole('button', { name: 'Registra il rilascio' }).focus();
    assert.equal(await enter(page), 400);
    assert.match(await page.content(), /Scrivi il motivo del rilascio/);
    await typeInto(page, /^Motivo/, 'Relazione annuale al tavolo provinciale');
    await page.getByRole('button', { name: 'Registra il rilascio' }).focus();
    assert.equal(await enter(page), 200);
    assert.match(await page.content(), /Rilascio registrato/);
    assert.match(await page.content(), /Relazione annuale al tavolo provinciale/);
  }, s);
  await journey(async ({ page }) => {
    await login(page, s, 'network_admin');
    assert.equal(await visit(page, '/monitoring/settings'), 200);
    await typeInto(page, /^Soglia del segreto statistico/, '2');
    assert.equal(await enter(page), 400);
    assert.match(await page.content(), /tra 3 e 100/);
  }, s);
});
