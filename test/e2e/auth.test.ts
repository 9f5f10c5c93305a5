// Staff login in the browser: password and authenticator code, first-login enrolment with QR code and recovery
// codes, login with a recovery code, logout, and the end of an idle session. Every page is scanned by axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../packages/app/src/platform/auth/passwords.ts';
import { hashToken, SESSION_COOKIE } from '../../packages/app/src/platform/auth/sessions.ts';
import { newTotpSecret } from '../../packages/app/src/platform/auth/totp.ts';
import { now, nowMs } from '../../packages/app/src/platform/clock.ts';
import { makeOrg, makeUser } from '../../packages/app/test/helpers.ts';
import { follow, freshTotp, journey, noBrowser, type Ponte, ponte, visit } from './harness.ts';

const PASSWORD = 'Prova-del-browser-2026';

/** A CAV operator with a password; with a TOTP secret when `enrolled`, otherwise she enrols at first login. */
async function staff(server: Ponte, enrolled: boolean) {
  const { db } = server.database;
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const secret = enrolled ? newTotpSecret() : null;
  await db
    .updateTable('app_user')
    .set({
      password_hash: await hashPassword(PASSWORD),
      totp_secret: secret,
      totp_enrolled_at: enrolled ? now() : null,
    })
    .where('id', '=', user.id)
    .execute();
  await db.deleteFrom('session').where('user_id', '=', user.id).execute();
  return { ...user, secret };
}

async function passwordStep(page: Page, username: string): Promise<void> {
  assert.equal(await visit(page, '/login'), 200);
  await page.getByLabel(/^Nome utente/).fill(username);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  assert.equal(await follow(page, page.getByRole('button', { name: 'Accedi' })), 200);
}

async function logout(page: Page): Promise<void> {
  assert.equal(await follow(page, page.getByRole('button', { name: 'Esci' })), 200);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.match((await page.locator('main').textContent()) ?? '', /Sei uscita da Ponte/);
}

test('login with password and authenticator code, then logout', { skip: noBrowser }, async () => {
  const server = await ponte();
  const user = await staff(server, true);
  await journey(async ({ page }) => {
    // A protected page first: after the login she lands where she was going.
    await visit(page, '/account');
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.getByLabel(/^Nome utente/).fill(user.username);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Accedi' })), 200);
    assert.equal(new URL(page.url()).pathname, '/login/totp');

    // A wrong code is refused next to the field; the right one opens the session.
    await page.getByLabel(/^Codice di 6 cifre/).fill('000000');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 422);
    assert.match((await page.locator('main').textContent()) ?? '', /codice/i);
    await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(user.secret!));
    assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
    assert.equal(new URL(page.url()).pathname, '/account');
    assert.equal(await visit(page, '/home'), 200);
    assert.match((await page.locator('h1').textContent()) ?? '', new RegExp(user.username));

    await logout(page);
    await visit(page, '/home');
    assert.equal(new URL(page.url()).pathname, '/login', 'after logout the session is gone');
  });
});

test('first login: enrolment with the QR code, ten recovery codes, then a login with one of them', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const user = await staff(server, false);
  await journey(async ({ page }) => {
    await passwordStep(page, user.username);
    assert.equal(new URL(page.url()).pathname, '/login/enrol');
    const qr = page.getByRole('img', { name: /QR/ });
    assert.match(String(await qr.getAttribute('src')), /^data:image\/png;base64,/);
    const secret = String(await page.locator('[data-totp-secret]').getAttribute('data-totp-secret'));
    assert.match(secret, /^[A-Z2-7]{16,}$/);

    await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(secret));
    assert.equal(await follow(page, page.getByRole('button', { name: 'Conferma e attiva' })), 200);
    const codes = await page.locator('[data-recovery-codes] code').allTextContents();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.equal(await follow(page, page.getByRole('link', { name: /continua/ })), 200);
    assert.equal(new URL(page.url()).pathname, '/home');
    await logout(page);

    // Without the phone: a recovery code instead of the authenticator code.
    await passwordStep(page, user.username);
    assert.equal(new URL(page.url()).pathname, '/login/totp');
    assert.equal(await follow(page, page.getByRole('link', { name: /codice di recupero/ })), 200);
    await page.getByLabel(/^Codice di recupero/).fill(codes[0]!);
    assert.equal(
      await follow(page, page.getByRole('button', { name: 'Accedi con il codice di recupero' })),
      200,
    );
    assert.equal(new URL(page.url()).pathname, '/home');
    await logout(page);

    // A recovery code works once.
    await passwordStep(page, user.username);
    await follow(page, page.getByRole('link', { name: /codice di recupero/ }));
    await page.getByLabel(/^Codice di recupero/).fill(codes[0]!);
    assert.equal(
      await follow(page, page.getByRole('button', { name: 'Accedi con il codice di recupero' })),
      422,
    );
    assert.match((await page.locator('main').textContent()) ?? '', /già stato usato/);
  });
});

test('an idle session ends: the next page asks to log in again and says why', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const { db } = server.database;
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  await journey(async ({ page, context }) => {
    const token = user.cookie.slice(`${SESSION_COOKIE}=`.length);
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
    assert.equal(await visit(page, '/home'), 200);
    // Time passes: the session is past its idle expiry (as after PONTE_SESSION_IDLE_MINUTES without a request).
    await db
      .updateTable('session')
      .set({ expires_at: new Date(nowMs() - 1000) })
      .where('id', '=', hashToken(token))
      .execute();
    await visit(page, '/home');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.match((await page.locator('main').textContent()) ?? '', /La sessione è scaduta per inattività/);
  });
});

test('her language on the account page: stored, saved with a message, and hers again at the next login', {
  skip: noBrowser,
}, async () => {
  const server = await ponte();
  const user = await staff(server, true);
  const stored = async () =>
    (
      await server.database.db
        .selectFrom('app_user')
        .select('lang')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).lang;
  await journey(async ({ page, context }) => {
    await passwordStep(page, user.username);
    await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(user.secret!));
    assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
    assert.equal(await visit(page, '/account'), 200);
    assert.match((await page.locator('main').textContent()) ?? '', /in italiano e in inglese/);

    // Saved without a choice: the error is next to the question; then English.
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva la lingua' })), 422);
    assert.match((await page.locator('#field-lang-error').textContent()) ?? '', /Scegli italiano o inglese/);
    // Bootstrap Italia draws the radio on its label, which is what a person clicks.
    await page.locator('label[for="field-lang-en"]').click();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva la lingua' })), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /Language saved/);
    assert.equal(await stored(), 'en');

    // Logged out, and in a browser that never chose a language: the next login is in English again.
    assert.equal(await follow(page, page.getByRole('button', { name: 'Log out' })), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await context.clearCookies();
    await passwordStep(page, user.username);
    await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(user.secret!));
    assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    // The header switch stores the change too.
    await page.getByLabel('Language', { exact: true }).selectOption('it');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Change language' })), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    assert.equal(await stored(), 'it');
  });
});
