// Login through the organisation's identity provider in the browser (decision 0055): the network administrator
// links the account, the person logs in at the test OpenID Connect provider (a real one, in this process), Ponte
// asks its own TOTP (the provider asserts no second factor), and the logout ends the session at the provider too.
// Every page is scanned by axe, the provider's pages included.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { hashPassword } from '../../packages/app/src/platform/auth/passwords.ts';
import { newTotpSecret } from '../../packages/app/src/platform/auth/totp.ts';
import { now } from '../../packages/app/src/platform/clock.ts';
import { makeOrg, makeUser } from '../../packages/app/test/helpers.ts';
import { startTestIdp, type TestIdp } from '../../packages/app/test/oidc-provider.ts';
import { follow, freshTotp, journey, noBrowser, type Ponte, scan, startPonte, visit } from './harness.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let idp: TestIdp | undefined;
let server: Ponte | undefined;
after(async () => {
  await server?.close();
  await idp?.close();
});

test('the network administrator links an account; she logs in with the organisation account, then TOTP; logout ends both', {
  skip: noBrowser,
}, async () => {
  const port = await freePort();
  const ponteUrl = `http://127.0.0.1:${port}`;
  idp = await startTestIdp({ redirectUri: `${ponteUrl}/login/oidc/callback` });
  const env = idp.env();
  server = await startPonte(
    {
      oidc: {
        issuer: env.PONTE_OIDC_ISSUER!,
        clientId: env.PONTE_OIDC_CLIENT_ID!,
        clientSecret: env.PONTE_OIDC_CLIENT_SECRET!,
        redirectUri: env.PONTE_OIDC_REDIRECT_URI!,
        claim: 'email',
        mfaAmr: ['mfa'],
        mfaAcr: [],
        timeoutSeconds: 5,
      },
    },
    { port },
  );
  const { db } = server.database;
  const region = await makeOrg(db, 'regione');
  const admin = await makeUser(db, region.id, ['network_admin']);
  const cav = await makeOrg(db, 'cav');
  const staff = await makeUser(db, cav.id, ['cav_operator']);
  const secret = newTotpSecret();
  await db
    .updateTable('app_user')
    .set({
      password_hash: await hashPassword('Una-password-mai-usata-2026'),
      totp_secret: secret,
      totp_enrolled_at: now(),
    })
    .where('id', '=', staff.id)
    .execute();
  await db.deleteFrom('session').where('user_id', '=', staff.id).execute();
  idp.accounts.set('m.rossi', { sub: 'ente-000123', email: 'm.rossi@ente.example', email_verified: true });
  const others = [idp.issuer];

  // The administrator links the account to the identity of the organisation (by its verified e-mail).
  await journey(async ({ page, context }) => {
    const [name, value] = admin.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: ponteUrl }]);
    assert.equal(await visit(page, `/network/users/${staff.id}`), 200);
    await page.getByLabel(/^Valore del campo «email»/).check();
    await page.getByLabel(/^Identità presso l’ente/).fill('M.Rossi@ente.example');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Collega l’identità dell’ente' })), 200);
    assert.match((await page.locator('main').textContent()) ?? '', /Identità dell’ente collegata/);
    assert.match((await page.getByTestId('oidc-identity').textContent()) ?? '', /m\.rossi@ente\.example/);
  }, server);

  await journey(
    async ({ page }) => {
      assert.equal(await visit(page, '/login'), 200);
      // To the provider: its login page.
      assert.equal(
        await follow(page, page.getByRole('link', { name: 'Accedi con l’account dell’ente' })),
        200,
      );
      assert.equal(new URL(page.url()).origin, idp!.issuer);
      await page.getByLabel('Account dell’ente').fill('m.rossi');
      // Back at Ponte, which asks its own second factor (the provider asserted none).
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/login/totp', { waitUntil: 'load' }),
        page.getByRole('button', { name: 'Entra' }).click(),
      ]);
      await scan(page);
      await page.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(secret));
      assert.equal(await follow(page, page.getByRole('button', { name: 'Verifica' })), 200);
      assert.equal(new URL(page.url()).pathname, '/home');
      // Logout: Ponte's session ends, then the provider asks to end its own, and sends her back to Ponte.
      assert.equal(await follow(page, page.getByRole('button', { name: 'Esci' })), 200);
      assert.equal(new URL(page.url()).origin, idp!.issuer);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Esci anche dall’ente' })), 200);
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.match((await page.locator('main').textContent()) ?? '', /Sei uscita da Ponte/);
      assert.equal(await visit(page, '/home'), 200);
      assert.equal(new URL(page.url()).pathname, '/login');
    },
    server,
    { otherOrigins: others },
  );
  const logins = await db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'auth.login')
    .where('actor_user_id', '=', staff.id)
    .execute();
  assert.deepEqual(
    logins.map((l) => l.details),
    [{ secondFactor: 'totp', method: 'oidc' }],
  );
});
