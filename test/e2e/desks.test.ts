// Isole di accoglienza in the browser: the INPS director sets up a desk and a desk day for an officer, the CAV
// operator holds a slot for an open card and confirms it, the officer sees it on her agenda. Axe on every page.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { follow, freshTotp, journey, noBrowser, ponte, visit } from './harness.ts';

async function login(page: Page, role: string): Promise<void> {
  const server = await ponte();
  const l = server.demoLogins.find((x) => x.role === role);
  assert.ok(l, role);
  await visit(page, '/login');
  await page.getByLabel(/^Nome utente/).fill(l.username);
  await page.getByLabel(/^Password/).fill(l.password);
  await follow(page, page.getByRole('button', { name: 'Accedi' }));
  await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(l.totpSecret));
  assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
}

test('the director sets a desk day, the CAV operator books it, the officer sees it on her agenda', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const { db } = server.database;
  const member = (username: string) =>
    db
      .selectFrom('app_user as u')
      .innerJoin('membership as m', 'm.user_id', 'u.id')
      .select(['u.id', 'm.organisation_id'])
      .where('u.username', '=', username)
      .executeTakeFirstOrThrow();
  const operator = await member('demo.operatrice');
  const director = await member('demo.direttrice');
  const caseId = randomUUID();
  const code = `DS-2026-${randomUUID().replaceAll('-', '').slice(0, 5).toUpperCase()}`;
  await db
    .insertInto('case_file')
    .values({ id: caseId, code, cav_id: operator.organisation_id, opened_by: operator.id })
    .execute();
  const cardId = randomUUID();
  await db
    .insertInto('consultation_card')
    .values({
      id: cardId,
      case_id: caseId,
      inps_office_id: director.organisation_id,
      code,
      created_by: operator.id,
    })
    .execute();

  await journey(async ({ page }) => {
    await login(page, 'inps_director');
    assert.equal(await visit(page, '/desks'), 200);
    await page.getByLabel('Tipo di sportello').selectOption('phone');
    await page.locator('#field-name').fill('Sportello telefonico e2e');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.match(await page.content(), /Sportello creato/);
    await page.getByLabel('Consulente INPS').selectOption({ index: 1 });
    await page.locator('#field-date').fill('2027-06-02');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);
    assert.match(await page.content(), /festività nazionale/);
    await page.locator('#field-date').fill('2027-06-03');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.match(await page.content(), /Giornata creata/);
  });

  await journey(async ({ page }) => {
    await login(page, 'cav_operator');
    assert.equal(await visit(page, '/desks/book'), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: `Prenota per la scheda ${code}` })), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: /09:40/ }).first()), 200);
    assert.match(await page.content(), /bloccato per 5 minuti/);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Conferma la prenotazione' })), 200);
    assert.match(await page.content(), /Appuntamento prenotato/);
  });

  await journey(async ({ page }) => {
    await login(page, 'inps_officer');
    assert.equal(await visit(page, '/desks/agenda?date=2027-06-03&view=week'), 200);
    assert.match(await page.content(), new RegExp(code));
    assert.match(await page.content(), /Sportello telefonico e2e/);
  });
});
