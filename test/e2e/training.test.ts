// Reciprocal training in the browser (issue 14): the trainer creates a course that qualifies for the desks and an
// edition with a session; a CAV operator enrols herself and the INPS director enrols a new officer; the trainer
// records attendance and issues the certificate, which anyone verifies on /verifica; the director can now assign
// the newly trained officer to a desk day and not an untrained one; the trainer revokes the certificate and
// /verifica says so. The trainer sets the final quiz, adds a question after the certificate; the operator passes it
// and answers the feedback questionnaire. Every page reached is scanned by axe.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { now } from '../../packages/app/src/platform/clock.ts';
import { follow, journey, loginAs, noBrowser, ponte, visit } from './harness.ts';

test('a course, an edition, enrolment, attendance, a certificate verified, a desk, a revocation', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const { db } = server.database;
  const office = await db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .select('m.organisation_id')
    .where('u.username', '=', 'demo.consulente')
    .executeTakeFirstOrThrow();
  // Two officers of the demo office, fictional: one will be trained here, the other is not.
  const officer = async (name: string) => {
    const id = randomUUID();
    await db
      .insertInto('app_user')
      .values({
        id,
        username: `e2e.${id.slice(0, 8)}`,
        display_name: name,
        email: `e2e.${id.slice(0, 8)}@example.invalid`,
        password_hash: 'x',
        created_at: now(),
      })
      .execute();
    await db
      .insertInto('membership')
      .values({ user_id: id, organisation_id: office.organisation_id, role: 'inps_officer' })
      .execute();
    return id;
  };
  await officer('Nuova Consulente Prova');
  await officer('Consulente Senza Corso');

  let editionUrl = '';
  let courseUrl = '';
  await journey(async ({ page }) => {
    await loginAs(page, 'trainer');
    assert.equal(await visit(page, '/formazione'), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Nuovo corso' })), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Crea il corso' })), 400);
    assert.match(await page.content(), /Scrivi il titolo del corso/);
    await page.locator('#field-title').fill('Accoglienza allo sportello (prova)');
    await page.getByLabel('CAV → INPS').check({ force: true });
    await page.locator('#field-objectives').fill('Accogliere una donna in difficoltà allo sportello.');
    await page.locator('#field-hours').fill('4');
    await page.locator('#field-validity_months').fill('24');
    await page.getByLabel('Abilita agli sportelli di accoglienza').check({ force: true });
    assert.equal(await follow(page, page.getByRole('button', { name: 'Crea il corso' })), 200);
    assert.match(await page.content(), /Corso creato/);
    courseUrl = new URL(page.url()).pathname;
    assert.equal(await follow(page, page.getByRole('link', { name: 'Quiz finale del corso' })), 200);
    await page.locator('#field-pass_pct').fill('60');
    await page.locator('#field-max_attempts').fill('2');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva soglia e tentativi' })), 200);
    assert.match(await page.content(), /Soglia e tentativi del quiz salvati/);
    assert.equal(await visit(page, courseUrl), 200);
    await page.locator('#field-label').fill('Ancona, giugno');
    await page.locator('#field-capacity').fill('5');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Crea l’edizione' })), 200);
    editionUrl = new URL(page.url()).pathname;
    await page.locator('#field-trainer').selectOption({ index: 1 });
    await page.locator('#field-date').fill('2026-06-08');
    await page.locator('#field-start').fill('09:00');
    await page.locator('#field-end').fill('13:00');
    await page.locator('label[for="field-mode"]').click();
    await page.locator('#field-venue').selectOption({ index: 1 });
    assert.equal(await follow(page, page.getByRole('button', { name: 'Aggiungi la sessione' })), 200);
    assert.match(await page.content(), /Sessione aggiunta/);
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'cav_operator');
    assert.equal(await visit(page, editionUrl), 200);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Iscriviti' })), 200);
    assert.match(await page.content(), /Iscrizione fatta/);
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_director');
    assert.equal(await visit(page, editionUrl), 200);
    await page.locator('#field-person').selectOption({ label: 'Nuova Consulente Prova' });
    assert.equal(await follow(page, page.getByRole('button', { name: 'Iscrivi', exact: true })), 200);
    assert.match(await page.content(), /Iscrizione fatta/);
  });

  let code = '';
  await journey(async ({ page }) => {
    await loginAs(page, 'trainer');
    assert.equal(await visit(page, editionUrl), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Registro presenze' })), 200);
    for (const group of await page.getByRole('group').all())
      await group.locator('label', { hasText: /^Presente$/ }).click();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva il registro' })), 200);
    assert.match(await page.content(), /Registro salvato/);
    assert.equal(await visit(page, editionUrl), 200);
    assert.equal(
      await follow(page, page.getByRole('button', { name: 'Rilascia l’attestato a Nuova Consulente Prova' })),
      200,
    );
    assert.match(await page.content(), /Attestato rilasciato/);
    code = /PNT-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(await page.content())?.[0] ?? '';
    assert.ok(code);
  });

  await journey(async ({ page, context }) => {
    assert.equal(await visit(page, '/verifica'), 200);
    await page.locator('#field-codice').fill(code);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica il codice' })), 200);
    const text = await page.content();
    assert.match(text, /Valido fino al/);
    assert.match(text, /Nuova Consulente Prova/);
    assert.match(text, /Accoglienza allo sportello \(prova\)/);
    assert.equal((await context.cookies()).length, 0, 'no cookie on the public page');
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'inps_director');
    assert.equal(await visit(page, '/desks'), 200);
    await page.getByLabel('Tipo di sportello').selectOption('phone');
    await page.locator('#field-name').fill('Sportello formazione e2e');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    const select = page.getByLabel('Consulente INPS');
    await select.selectOption({ label: 'Consulente Senza Corso (non formata sull’accoglienza)' });
    await page.locator('#field-date').fill('2026-06-17');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 400);
    assert.match(await page.content(), /non è formata sull’accoglienza|non può essere assegnata/);
    await page.getByLabel('Consulente INPS').selectOption({ label: 'Nuova Consulente Prova' });
    await page.locator('#field-date').fill('2026-06-17');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.match(await page.content(), /Giornata creata/);
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'trainer');
    assert.equal(await visit(page, editionUrl), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Revoca' })), 200);
    await page.locator('#field-reason').fill('Registro presenze da correggere');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Revoca l’attestato' })), 200);
    assert.match(await page.content(), /Attestato revocato/);
    assert.equal(await visit(page, `${courseUrl}/quiz`), 200);
    await page.locator('#field-question').fill('Chi decide il percorso?');
    await page.locator('#field-option_1').fill('La donna');
    await page.locator('#field-option_2').fill('Lo sportello');
    await page
      .getByRole('group', { name: 'Risposta giusta' })
      .locator('label', { hasText: 'Opzione 1' })
      .click();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Aggiungi la domanda' })), 200);
    assert.match(await page.content(), /Domanda aggiunta/);
  });

  await journey(async ({ page }) => {
    await loginAs(page, 'cav_operator');
    assert.equal(await visit(page, editionUrl), 200);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Fai il quiz finale' })), 200);
    await page
      .getByRole('group', { name: /Domanda 1/ })
      .locator('label', { hasText: 'La donna' })
      .click();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Consegna le risposte' })), 200);
    assert.match(await page.content(), /Quiz superato/);
    assert.equal(await visit(page, editionUrl), 200);
    assert.equal(
      await follow(page, page.getByRole('link', { name: 'Rispondi al questionario di gradimento' })),
      200,
    );
    await page.getByRole('group', { name: /utile/ }).locator('label', { hasText: '4 – molto' }).click();
    await page
      .getByRole('group', { name: /chiaro/ })
      .locator('label', { hasText: '5 – moltissimo' })
      .click();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Invia le risposte' })), 200);
    assert.match(await page.content(), /registrate senza il tuo nome/);
  });

  await journey(async ({ page }) => {
    assert.equal(await visit(page, `/verifica?codice=${code}`), 200);
    const text = await page.content();
    assert.match(text, /Revocato il/);
    assert.doesNotMatch(text, /da correggere/);
  });
});
