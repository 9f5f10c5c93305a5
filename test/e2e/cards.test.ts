// The referral to INPS in the browser: the CAV operator refers a case (the PII guard stops a note with a phone
// number and keeps the text), the INPS officer accepts the card, records advice and an application up to its
// filing, the social worker records the Reddito di Libertà steps, and the CAV operator sees all of it; then she
// withdraws her referral consent and INPS sees only the card's code and its closure.
// Every page reached is scanned by axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseOf, openCase, recordConsent } from '../../packages/app/src/features/cases/index.ts';
import { todayIso as today } from '../../packages/app/src/platform/clock.ts';
import { follow, journey, loginAs, noBrowser, ponte, visit } from './harness.ts';

test('the CAV refers a case, INPS accepts it and records an application, the CAV sees the status', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const { db } = server.database;
  // The case is opened and the referral consent recorded through the cases service, as its pages do.
  const operator = await db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .select(['u.id', 'm.organisation_id'])
    .where('u.username', '=', 'demo.operatrice')
    .executeTakeFirstOrThrow();
  const actor = { userId: operator.id, orgId: operator.organisation_id };
  const opened = await openCase(db, actor);
  const caseRow = await caseOf(db, actor, opened.id);
  const consent = await recordConsent(db, actor, caseRow, {
    purpose: 'referral_inps',
    givenOn: today(),
    collectedBy: operator.id,
  });
  assert.ok(consent.ok);

  await journey(async ({ page }) => {
    await loginAs(page, 'cav_operator');
    assert.equal(await visit(page, `/cases/${opened.id}`), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Invia una scheda a INPS' })), 200);
    await page.getByLabel('Sede INPS').selectOption({ index: 1 });
    await page.getByLabel('Fascia d’età').selectOption('35-44');
    const rdl = page.locator('input[name="benefits"][value="reddito_di_liberta"]');
    await page.locator(`label[for="${await rdl.getAttribute('id')}"]`).click();
    await page.getByLabel('Lingua preferita').fill('italiano');
    const note = 'Chiamarla al 347 123 4567 solo al mattino.';
    await page.getByLabel('Nota per la consulente INPS').fill(note);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Invia la scheda a INPS' })), 400);
    assert.match(await page.content(), /Trovato: numero di telefono «347 123 4567»/);
    assert.equal(await page.getByLabel('Nota per la consulente INPS').inputValue(), note);
    await page
      .getByLabel('Nota per la consulente INPS')
      .fill('Preferisce il colloquio al mattino, presso il CAV.');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Invia la scheda a INPS' })), 200);
    assert.match(await page.content(), /Scheda inviata a INPS/);

    const card = await db
      .selectFrom('consultation_card')
      .select(['id', 'code'])
      .where('case_id', '=', opened.id)
      .executeTakeFirstOrThrow();

    await journey(async ({ page }) => {
      await loginAs(page, 'inps_officer');
      assert.equal(await visit(page, '/inps/cards'), 200);
      await page.getByLabel('Codice del caso').fill(card.code);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Cerca' })), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: `Apri la scheda ${card.code}` })), 200);
      assert.match(await page.content(), /Preferisce il colloquio al mattino/);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Rifiuta la scheda' })), 400);
      assert.match(await page.content(), /Scrivi il motivo del rifiuto/);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Accetta la scheda' })), 200);
      assert.match(await page.content(), /Scheda accettata/);
      await page.getByLabel('Consulenza data').fill('Spiegati i requisiti del Reddito di Libertà.');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Registra la consulenza' })), 200);
      await page.getByLabel('Prestazione', { exact: true }).selectOption('reddito_di_liberta');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Registra la domanda' })), 200);
      assert.match(await page.content(), /Domanda registrata/);
      await page.getByLabel('Chi presenta la domanda').selectOption('comune');
      await page.getByLabel('Presentata il').fill(today());
      await page.getByLabel('Numero di protocollo').fill('SR208/2026/7');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Salva i dati della domanda' })), 200);
      // Only the changes the history allows are offered (a forged one is refused: see the route tests).
      const offered = await page.getByLabel('Nuovo stato').locator('option').allTextContents();
      assert.deepEqual(offered, ['Presentata', 'Ritirata']);
      await page.getByLabel('Nuovo stato').selectOption('presentata');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Registra il nuovo stato' })), 400);
      assert.match(await page.content(), /Inserisci la data\./);
      await page.getByLabel('Nuovo stato').selectOption('presentata');
      await page.getByLabel(/^Data/).fill(today());
      assert.equal(await follow(page, page.getByRole('button', { name: 'Registra il nuovo stato' })), 200);
      assert.match(await page.content(), /Stato aggiornato/);
    });

    await journey(async ({ page }) => {
      await loginAs(page, 'social_worker');
      assert.equal(await visit(page, '/social/cards'), 200);
      assert.equal(await follow(page, page.getByRole('link', { name: card.code })), 200);
      await page.getByLabel('Data della dichiarazione').fill(today());
      assert.equal(await follow(page, page.getByRole('button', { name: 'Registra la dichiarazione' })), 200);
      await page.getByLabel('Data di presentazione').fill(today());
      await page.getByLabel('Numero di protocollo SR208').fill('SR208/2026/7');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Registra la presentazione' })), 200);
      assert.match(await page.content(), /Presentata il/);
    });

    // The same operator, still logged in, goes back to the case (one login: a code of the second factor is
    // accepted once).
    assert.equal(await visit(page, `/cases/${opened.id}`), 200);
    assert.equal(
      await follow(page, page.getByRole('link', { name: 'Schede INPS, chi le ha aperte e domande' })),
      200,
    );
    const html = await page.content();
    assert.match(html, /Demo Consulente INPS/);
    assert.match(html, /ha aperto la scheda/);
    assert.match(html, /Spiegati i requisiti del Reddito di Libertà/);
    assert.match(html, /Presentata/);
    assert.equal(await follow(page, page.getByRole('link', { name: /^Apri la domanda/ })), 200);
    assert.match(await page.content(), /In preparazione → Presentata/);

    // She withdraws her consent to the referral (issue 11, finding 11): the operator revokes it, and INPS then
    // sees only the card's code and that it closed for that reason.
    const referral = await db
      .selectFrom('consent')
      .select('id')
      .where('case_id', '=', opened.id)
      .where('purpose', '=', 'referral_inps')
      .executeTakeFirstOrThrow();
    assert.equal(await visit(page, `/cases/${opened.id}/consents/${referral.id}/revoke`), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Sì, revoca il consenso' })), 200);
    assert.match(await page.content(), /Consenso revocato\./);

    await journey(async ({ page }) => {
      await loginAs(page, 'inps_officer');
      assert.equal(await visit(page, `/inps/cards/${card.id}`), 200);
      const closed = await page.content();
      assert.ok(closed.includes(card.code));
      assert.match(closed, /Chiusa: consenso revocato/);
      assert.doesNotMatch(closed, /Preferisce il colloquio al mattino|Spiegati i requisiti|italiano/);
    });
  });
});
