// The network administrator and the DPO at work in the browser: forms with errors, creation, confirmation
// pages, the audit search and the chain verification. Every page reached is scanned by axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { follow, journey, loginAs, noBrowser, visit } from './harness.ts';

test(
  'the network admin creates an organisation and a user, and reaches every confirmation page',
  { skip: noBrowser },
  () =>
    journey(async ({ page }) => {
      await loginAs(page, 'network_admin');
      assert.equal(await visit(page, '/network/organisations/new'), 200);
      await page.getByLabel(/^Nome/).fill('X');
      await page.getByLabel('Tipo di organizzazione').selectOption('shelter');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);
      assert.match(await page.content(), /Per una casa rifugio scegli il centro antiviolenza/);

      await page.getByLabel(/^Nome/).fill('CAV Prova Browser — dati di fantasia');
      await page.getByLabel('Tipo di organizzazione').selectOption('cav');
      await page.getByLabel('Territorio').selectOption('comune-jesi');
      // Bootstrap Italia draws the box on the label, which is what a person clicks.
      await page.locator('label[for="field-public_listing"]').click();
      assert.equal(await page.getByLabel('Mostra il centro nell’elenco pubblico').isChecked(), true);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
      assert.match(await page.content(), /Organizzazione creata/);
      assert.equal(await follow(page, page.getByRole('link', { name: 'Disattiva' })), 200);

      assert.equal(await visit(page, '/network/territories/new'), 200);
      await page.getByLabel('Livello').selectOption('comune');
      await page.getByLabel(/^Nome/).fill('Borgo di prova');
      await page.getByLabel('Appartiene a').selectOption('regione-marche');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);

      assert.equal(await visit(page, '/network/users/new'), 200);
      await page.getByLabel(/^Nome utente/).fill('browser.prova');
      await page.getByLabel(/^Nome e cognome/).fill('Prova Browser');
      await page.getByLabel(/^Password iniziale/).fill('corta');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);
      await page.getByLabel(/^Password iniziale/).fill('');
      await page.getByLabel('Organizzazione').selectOption({ label: 'CAV Prova Browser — dati di fantasia' });
      await page.getByLabel('Ruolo').selectOption('cav_operator');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
      assert.match(await page.content(), /Password iniziale generata/);
      assert.equal(await follow(page, page.getByRole('link', { name: /^Rimuovi/ })), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: 'Annulla' })), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: 'Azzera il secondo fattore' })), 200);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Azzera il secondo fattore' })), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: 'Disattiva l’account' })), 200);

      assert.equal(await visit(page, '/network/protocols'), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: /versione dimostrativa/ })), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: /^Rimuovi/ }).first()), 200);
    }),
);

test('the DPO searches the audit log and verifies the chain', { skip: noBrowser }, () =>
  journey(async ({ page }) => {
    await loginAs(page, 'dpo');
    assert.equal(await visit(page, '/audit'), 200);
    await page.getByLabel('Dal giorno', { exact: true }).fill('2026-03-02');
    await page.getByLabel('Al giorno', { exact: true }).fill('2026-03-01');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Cerca' })), 400);
    assert.equal(await visit(page, '/audit?action=network'), 200);
    assert.match(await page.content(), /network\.demo_seeded/);
    assert.equal(
      await follow(page, page.getByRole('button', { name: 'Verifica la catena del registro' })),
      200,
    );
    assert.match(await page.content(), /Registro integro/);
  }),
);
