// The CAV operator at work on a case in the browser: she opens a case, records a consent (first with a date in
// the future), records identity and reveals it, sets the safe contact, runs the benefits check and reads the
// assessment, and downloads her data (right of access). Every page reached is scanned by axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Temporal } from 'temporal-polyfill';
import { todayInRome } from '../../packages/app/src/platform/clock.ts';
import { follow, journey, loginAs, noBrowser, visit } from './harness.ts';

const ddmmyyyy = (d: Temporal.PlainDate) =>
  `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;

/** Answers the question on the page: "yes" where offered, else "does not know", else the first choice. */
async function answerStep(page: Page): Promise<void> {
  const radios = await page.locator('form input[type="radio"]').evaluateAll((els) =>
    els.map((e) => ({
      id: e.id,
      name: (e as HTMLInputElement).name,
      value: (e as HTMLInputElement).value,
    })),
  );
  const groups = new Map<string, { id: string; value: string }[]>();
  for (const r of radios) groups.set(r.name, [...(groups.get(r.name) ?? []), r]);
  for (const options of groups.values()) {
    const pick =
      options.find((o) => o.value === 'yes') ?? options.find((o) => o.value === 'unknown') ?? options[0];
    if (pick) await page.locator(`label[for="${pick.id}"]`).click();
  }
  const boxes = await page
    .locator('form input[type="checkbox"][value="unknown"]')
    .evaluateAll((els) => els.map((e) => e.id));
  for (const id of boxes) await page.locator(`label[for="${id}"]`).click();
  const texts = await page.locator('form input[type="text"]').evaluateAll((els) => els.map((e) => e.id));
  for (const id of texts) {
    const name = id.replace(/^field-/, '');
    if (groups.has(`${name}__kind`) || boxes.includes(`${id}-unknown`)) continue;
    await page
      .locator(`#${id.replaceAll('.', '\\.')}`)
      .fill(/birthDate/.test(id) ? '01/05/1990' : /Date|pathStart/.test(id) ? '01/05/2025' : '1');
  }
}

test(
  'the CAV operator opens a case, records consent and identity, runs the check and reads the assessment',
  { skip: noBrowser },
  () =>
    journey(async ({ page }) => {
      await loginAs(page, 'cav_operator');
      assert.equal(await visit(page, '/cases'), 200);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Apri un nuovo caso' })), 200);
      const code = /Caso aperto con il codice (PC-\d{4}-[0-9A-Z]{5})/.exec(await page.content())?.[1];
      assert.ok(code, 'the new code is shown');
      const caseUrl = new URL(page.url()).pathname;
      assert.doesNotMatch(page.url(), /[A-Z]{6}\d{2}/, 'nothing identifying in the address');

      // Consent: a date in the future is refused next to the field, saying which dates are allowed, then recorded.
      assert.equal(await follow(page, page.getByRole('link', { name: 'Registra un consenso' })), 200);
      await page.getByLabel('Finalità').selectOption('referral_inps');
      const tomorrow = todayInRome().add({ days: 2 });
      await page.getByLabel(/^Data del consenso/).fill(ddmmyyyy(tomorrow));
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);
      assert.match(await page.content(), /La data deve essere tra (il |l’)\d+°? \p{L}+ \d{4} e oggi\./u);
      await page.getByLabel(/^Data del consenso/).fill(ddmmyyyy(todayInRome()));
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
      assert.match(await page.content(), /Consenso registrato/);
      assert.match(await page.content(), /Invio all’INPS/);

      // Identity: an invalid codice fiscale is refused; a valid one is stored and shown only on request.
      assert.equal(
        await follow(page, page.getByRole('link', { name: 'Registra o modifica i dati identificativi' })),
        200,
      );
      await page.getByLabel('Nome e cognome').fill('Anna Esempio');
      await page.getByLabel(/^Codice fiscale/).fill('RSSMRA85T10A562T');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);
      assert.match(await page.content(), /carattere di controllo/);
      await page.getByLabel(/^Codice fiscale/).fill('RSSMRA85T10A562S');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
      assert.doesNotMatch(await page.content(), /Anna Esempio/);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Mostra dati identificativi' })), 200);
      assert.match(await page.content(), /Anna Esempio/);
      assert.equal(new URL(page.url()).pathname, `${caseUrl}/identity/reveal`);

      // Safe contact.
      assert.equal(await visit(page, caseUrl), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: 'Modifica il contatto sicuro' })), 200);
      await page.locator('label[for="field-abuserKnows-no"]').click();
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);

      // The benefits check: a few guided questions, then the assessment.
      assert.equal(
        await follow(page, page.getByRole('link', { name: 'Esegui la verifica delle prestazioni' })),
        200,
      );
      for (let i = 0; i < 4; i++) {
        await answerStep(page);
        const status = await follow(page, page.getByRole('button', { name: 'Continua' }));
        assert.equal(status, 200, `step ${i}`);
        if (page.url().includes('/screenings/')) break;
      }
      if (!page.url().includes('/screenings/')) {
        await answerStep(page);
        assert.equal(
          await follow(page, page.getByRole('button', { name: 'Calcola con le risposte date' })),
          200,
        );
      }
      assert.match(page.url(), /\/screenings\//);
      const result = await page.content();
      assert.match(result, /Esito della verifica/);
      assert.match(result, /Motivi/);
      assert.match(result, /Chi presenta la domanda/);
      assert.match(result, /Prima verifica di questo caso/);

      // Back on the case, the last check is listed; the list finds the case by its code.
      assert.equal(await follow(page, page.getByRole('link', { name: 'Torna al caso' })), 200);
      assert.match(await page.content(), /Ultima verifica/);
      assert.equal(await visit(page, `/cases?code=${code}`), 200);
      assert.match(await page.content(), new RegExp(code));
      assert.equal(await visit(page, '/cases/due'), 200);

      // Right of access: a confirmation page, then her data downloads with a neutral name.
      assert.equal(await visit(page, caseUrl), 200);
      assert.equal(
        await follow(page, page.getByRole('link', { name: 'Esporta i suoi dati (diritto di accesso)' })),
        200,
      );
      assert.match(await page.content(), /contiene i suoi dati identificativi/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Scarica il file JSON' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `dati-${code}.json`);
      assert.equal(await visit(page, `${caseUrl}/close`), 200);
    }),
);
