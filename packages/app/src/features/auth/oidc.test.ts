import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getPage, getTestDb, makeOrg, makeUser, postForm, type TestUser } from '../../../test/helpers.ts';
import { startTestIdp, type TestIdp } from '../../../test/oidc-provider.ts';
import { buildApp } from '../../app.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { forgetOidcDiscovery } from '../../platform/auth/oidc.ts';
import { hashToken } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import { oidcCheck } from '../../platform/doctor.ts';
import { TestBrowser } from './test-browser.ts';
import { makeStaff, type Staff, totpCode } from './test-staff.ts';

// The login through the organisation's identity provider (decision 0055), against a real OpenID Connect provider
// started in this process (test/oidc-provider.ts): authorization code + PKCE, state, nonce, the linked identity,
// Ponte's TOTP unless the provider asserts a second factor, the refusals, the provider's logout, and the
// administrator's link and unlink.

const REDIRECT = 'http://127.0.0.1:3999/login/oidc/callback';
const BASE_ENV = { NODE_ENV: 'test', PONTE_SECRET: 'test-secret-test-secret-test-secret-0123' };

let idp: TestIdp;
let db: Db;
const apps: FastifyInstance[] = [];

async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
  forgetOidcDiscovery();
  const database = await getTestDb();
  const config = loadConfig({ ...BASE_ENV, ...env }, { dataDir: null, jobs: false });
  const app = await buildApp({
    config,
    database,
    logger: process.env.OIDC_DEBUG ? { level: 'error' } : false,
  });
  apps.push(app);
  return app;
}

let app: FastifyInstance;
let admin: TestUser;

// One describe, so that its before/after hooks are this file's alone when the suite runs in one process (at the
// top level they would run at the start and the end of the whole process).
describe('the organisation account (OpenID Connect)', () => {
  before(async () => {
    idp = await startTestIdp({ redirectUri: REDIRECT });
    db = (await getTestDb()).db;
    app = await appWith(
      idp.env({ PONTE_OIDC_CLAIM: 'email', PONTE_OIDC_MFA_ACR: 'https://www.spid.gov.it/SpidL2' }),
    );
    admin = await makeUser(db, (await makeOrg(db, 'regione')).id, ['network_admin']);
  });

  after(async () => {
    for (const a of apps) await a.close();
    await idp.close();
  });

  /** A staff member of Ponte and her account at the provider (not linked yet). */
  async function person(
    opts: { enrolled?: boolean } = {},
  ): Promise<{ s: Staff; login: string; sub: string }> {
    const s = await makeStaff(db, { prefix: 'oidc', ...opts });
    const sub = `sub-${randomUUID()}`;
    const login = `persona.${randomUUID().slice(0, 8)}`;
    idp.accounts.set(login, { sub, email: `${login}@ente.example`, email_verified: true });
    return { s, login, sub };
  }

  async function link(userId: string, kind: 'sub' | 'claim', value: string, a = app) {
    const r = await postForm(a, admin, `/network/users/${userId}/oidc`, {
      oidc_kind: kind,
      oidc_value: value,
    });
    assert.equal(r.statusCode, 303, r.body.slice(0, 500));
    return r;
  }

  /** The browser goes to the provider through Ponte, logs in there as `login`, and comes back to the callback. */
  async function throughProvider(b: TestBrowser, login: string, next?: string) {
    const start = await b.get(next ? `/login/oidc?next=${encodeURIComponent(next)}` : '/login/oidc');
    assert.equal(start.statusCode, 303, start.body.slice(0, 300));
    const authUrl = new URL(start.headers.location as string);
    const back = await idp.login(authUrl.href, login);
    return { authUrl, back, callback: `${back.pathname}${back.search}` };
  }

  const audit = (action: string, userId: string | null) =>
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where((eb) => (userId ? eb('actor_user_id', '=', userId) : eb('actor_user_id', 'is', null)))
      .orderBy('id')
      .execute();

  test('the login page offers the organisation account only when a provider is configured', async () => {
    const b = new TestBrowser(app);
    const page = await b.get('/login');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Accedi con l’account dell’ente/);
    assert.match(page.body, /href="\/login\/oidc"/);
    const plain = await appWith({});
    const p2 = await new TestBrowser(plain).get('/login');
    assert.doesNotMatch(p2.body, /account dell’ente/);
    assert.equal((await new TestBrowser(plain).get('/login/oidc')).statusCode, 404);
  });

  test('login through the provider: code + PKCE, state and nonce; without a second factor there, Ponte asks TOTP', async () => {
    const { s, login, sub } = await person();
    await link(s.id, 'sub', sub);
    const b = new TestBrowser(app);
    const { authUrl, back, callback } = await throughProvider(b, login, '/account');
    assert.equal(authUrl.origin, idp.issuer);
    assert.equal(authUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authUrl.searchParams.get('code_challenge'));
    assert.ok(authUrl.searchParams.get('state'));
    assert.ok(authUrl.searchParams.get('nonce'));
    assert.equal(authUrl.searchParams.get('redirect_uri'), REDIRECT);
    assert.ok(back.searchParams.get('code'));

    const cb = await b.get(callback);
    assert.equal(cb.statusCode, 200, cb.body.slice(0, 500));
    assert.equal(cb.headers.refresh, '0;url=/login/totp');
    assert.match(cb.body, /href="\/login\/totp"/);
    // Half logged in is logged out.
    assert.equal((await b.get('/home')).statusCode, 302);
    assert.equal((await b.get('/login/totp')).statusCode, 200);
    const done = await b.post('/login/totp', { code: totpCode(s) });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/account');
    assert.equal((await b.get('/home')).statusCode, 200);

    const logins = await audit('auth.login', s.id);
    assert.equal(logins.length, 1);
    assert.deepEqual(logins[0]!.details, { secondFactor: 'totp', method: 'oidc' });
    const verified = await audit('auth.oidc_verified', s.id);
    assert.equal(verified.length, 1);
    assert.equal((verified[0]!.details as { secondFactor: boolean }).secondFactor, false);
    // The login's state was used once: the same callback again is refused.
    const again = await new TestBrowser(app).get(callback);
    assert.equal(again.statusCode, 400);
  });

  test('amr rules: `mfa` (configured) skips Ponte TOTP; `pwd` alone does not; a configured acr does too', async () => {
    const { s, login, sub } = await person();
    await link(s.id, 'sub', sub);

    idp.assert.amr = ['pwd', 'mfa'];
    try {
      const b = new TestBrowser(app);
      const cb = await b.get((await throughProvider(b, login)).callback);
      assert.equal(cb.statusCode, 200);
      assert.equal(cb.headers.refresh, '0;url=/home');
      assert.equal((await b.get('/home')).statusCode, 200);
      const l = await audit('auth.login', s.id);
      assert.deepEqual(l.at(-1)!.details, { secondFactor: 'provider', method: 'oidc' });

      idp.assert.amr = ['pwd'];
      const b2 = new TestBrowser(app);
      const cb2 = await b2.get((await throughProvider(b2, login)).callback);
      assert.equal(cb2.headers.refresh, '0;url=/login/totp');
      assert.equal((await b2.get('/home')).statusCode, 302);

      idp.assert.amr = undefined;
      idp.assert.acr = 'https://www.spid.gov.it/SpidL2';
      const b3 = new TestBrowser(app);
      const cb3 = await b3.get((await throughProvider(b3, login)).callback);
      assert.equal(cb3.headers.refresh, '0;url=/home');

      // Another configuration: only `hwk` counts; `mfa` then asks TOTP.
      idp.assert.acr = undefined;
      idp.assert.amr = ['mfa'];
      const strict = await appWith(idp.env({ PONTE_OIDC_MFA_AMR: 'hwk' }));
      const b4 = new TestBrowser(strict);
      const cb4 = await b4.get((await throughProvider(b4, login)).callback);
      assert.equal(cb4.headers.refresh, '0;url=/login/totp');
    } finally {
      idp.assert.amr = undefined;
      idp.assert.acr = undefined;
      forgetOidcDiscovery();
    }
  });

  test('a person not enrolled in TOTP is asked to enrol after the provider', async () => {
    const { s, login, sub } = await person({ enrolled: false });
    await link(s.id, 'sub', sub);
    const b = new TestBrowser(app);
    const cb = await b.get((await throughProvider(b, login)).callback);
    assert.equal(cb.headers.refresh, '0;url=/login/enrol');
    assert.equal((await b.get('/login/enrol')).statusCode, 200);
  });

  test('linked by the configured claim (a verified e-mail)', async () => {
    const { s, login } = await person();
    await link(s.id, 'claim', `${login.toUpperCase()}@ENTE.example`);
    const b = new TestBrowser(app);
    const cb = await b.get((await throughProvider(b, login)).callback);
    assert.equal(cb.headers.refresh, '0;url=/login/totp');
    // An e-mail the provider did not verify links nothing.
    const other = await person();
    idp.accounts.set(other.login, {
      sub: other.sub,
      email: `${other.login}@ente.example`,
      email_verified: false,
    });
    await link(other.s.id, 'claim', `${other.login}@ente.example`);
    const b2 = new TestBrowser(app);
    const r = await b2.get((await throughProvider(b2, other.login)).callback);
    assert.equal(r.statusCode, 403);
  });

  test('an identity the provider does not know is refused there, and Ponte says so (no session)', async () => {
    const b = new TestBrowser(app);
    const { back, callback } = await throughProvider(b, 'nessuno.sconosciuto');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    const r = await b.get(callback);
    assert.equal(r.statusCode, 403);
    assert.match(r.body, /non ha confermato l’accesso/);
    assert.equal(b.sessionToken, undefined);
  });

  test('an identity known to the provider but linked to no account is refused: no account is created', async () => {
    const { login, sub } = await person();
    const users = await db.selectFrom('app_user').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const b = new TestBrowser(app);
    const r = await b.get((await throughProvider(b, login)).callback);
    assert.equal(r.statusCode, 403);
    assert.match(r.body, /non è collegata a nessun account attivo/);
    assert.equal(b.sessionToken, undefined);
    const after = await db.selectFrom('app_user').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(users.n));
    const failed = (await audit('auth.login_failed', null)).filter(
      (e) => (e.details as { reason?: string }).reason === 'unlinked_identity',
    );
    assert.ok(failed.length >= 1);
    // Nothing of the identity in clear in the audit.
    assert.ok(failed.every((e) => !JSON.stringify(e.details).includes(sub)));
  });

  test('unlinked by the administrator (audited): the next login through the provider is refused', async () => {
    const { s, login, sub } = await person();
    await link(s.id, 'sub', sub);
    const page = await getPage(app, admin, `/network/users/${s.id}`);
    assert.match(page.body, new RegExp(sub));
    const confirm = await getPage(app, admin, `/network/users/${s.id}/oidc/remove`);
    assert.equal(confirm.statusCode, 200);
    const r = await postForm(app, admin, `/network/users/${s.id}/oidc/remove`, {});
    assert.equal(r.statusCode, 303);
    assert.equal(
      (await audit('network.user_oidc_linked', admin.id)).filter((e) => e.entity_id === s.id).length,
      1,
    );
    assert.equal(
      (await audit('network.user_oidc_unlinked', admin.id)).filter((e) => e.entity_id === s.id).length,
      1,
    );
    const b = new TestBrowser(app);
    const cb = await b.get((await throughProvider(b, login)).callback);
    assert.equal(cb.statusCode, 403);
    // A deactivated account linked to an identity is refused too.
    await link(s.id, 'sub', sub);
    await db.updateTable('app_user').set({ active: false }).where('id', '=', s.id).execute();
    const b2 = new TestBrowser(app);
    assert.equal((await b2.get((await throughProvider(b2, login)).callback)).statusCode, 403);
  });

  test('link: only a network administrator; an identity of another account is refused next to the field', async () => {
    const { s, sub } = await person();
    const other = await person();
    const operator = await makeUser(db, other.s.orgId, ['cav_operator']);
    const denied = await postForm(app, operator, `/network/users/${s.id}/oidc`, {
      oidc_kind: 'sub',
      oidc_value: sub,
    });
    assert.equal(denied.statusCode, 403);
    await link(s.id, 'sub', sub);
    const taken = await postForm(app, admin, `/network/users/${other.s.id}/oidc`, {
      oidc_kind: 'sub',
      oidc_value: sub,
    });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /già collegata a un altro account/);
    const empty = await postForm(app, admin, `/network/users/${other.s.id}/oidc`, {
      oidc_kind: 'sub',
      oidc_value: ' ',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Inserisci l’identità presso l’ente/);
    const unknownUser = await postForm(app, admin, `/network/users/${randomUUID()}/oidc`, {
      oidc_kind: 'sub',
      oidc_value: 'x',
    });
    assert.equal(unknownUser.statusCode, 404);
  });

  test('tampering: a changed state, nonce or PKCE verifier, or a callback from another browser, is refused', async () => {
    const { s, login, sub } = await person();
    await link(s.id, 'sub', sub);

    // state: the provider's answer carries another state than this browser's login.
    const b1 = new TestBrowser(app);
    const { back } = await throughProvider(b1, login);
    back.searchParams.set('state', 'stato-altrui');
    const r1 = await b1.get(`${back.pathname}${back.search}`);
    assert.equal(r1.statusCode, 400);
    assert.match(r1.body, /non ha superato i controlli di sicurezza/);
    assert.equal(b1.sessionToken, undefined);

    // nonce: the ID token answers another login's nonce.
    const b2 = new TestBrowser(app);
    const t2 = await throughProvider(b2, login);
    await db.updateTable('oidc_login').set({ nonce: 'nonce-altrui' }).where('id', 'is not', null).execute();
    const r2 = await b2.get(t2.callback);
    assert.equal(r2.statusCode, 400);
    assert.equal(b2.sessionToken, undefined);

    // PKCE: the code is exchanged with another verifier: the provider refuses it.
    const b3 = new TestBrowser(app);
    const t3 = await throughProvider(b3, login);
    await db
      .updateTable('oidc_login')
      .set({ code_verifier: 'x'.repeat(43) })
      .where('id', 'is not', null)
      .execute();
    const r3 = await b3.get(t3.callback);
    assert.equal(r3.statusCode, 400);
    assert.equal(b3.sessionToken, undefined);

    // Another browser brings the code (login CSRF): no login of this browser to finish.
    const b4 = new TestBrowser(app);
    const t4 = await throughProvider(b4, login);
    const r4 = await new TestBrowser(app).get(t4.callback);
    assert.equal(r4.statusCode, 400);
    assert.match(r4.body, /non è partito da questo browser/);

    const reasons = (await audit('auth.login_failed', null))
      .map((e) => e.details as { step?: string; reason?: string })
      .filter((d) => d.step === 'oidc')
      .map((d) => d.reason);
    assert.ok(reasons.includes('no_login'));
    assert.ok(reasons.some((r) => r?.startsWith('token:') || r?.startsWith('oauth_')));
    assert.equal((await audit('auth.login', s.id)).length, 0);
  });

  test('logout of a session opened through the provider ends it there too (RP-initiated logout)', async () => {
    const { s, login, sub } = await person();
    await link(s.id, 'sub', sub);
    idp.assert.amr = ['mfa'];
    try {
      const b = new TestBrowser(app);
      await b.get((await throughProvider(b, login)).callback);
      const token = b.sessionToken!;
      const home = await b.get('/home');
      // The logout form may be redirected to the provider's origin, and to no other.
      assert.match(
        String(home.headers['content-security-policy']),
        new RegExp(`form-action 'self' ${idp.issuer}[;]`),
      );
      const out = await b.post('/logout', {});
      assert.equal(out.statusCode, 303);
      const to = new URL(out.headers.location as string);
      assert.equal(to.origin, idp.issuer);
      assert.equal(to.searchParams.get('client_id'), idp.clientId);
      assert.equal(to.searchParams.get('post_logout_redirect_uri'), 'http://127.0.0.1:3999/login?out=1');
      const row = await db
        .selectFrom('session')
        .select('id')
        .where('id', '=', hashToken(token))
        .executeTakeFirst();
      assert.equal(row, undefined);
      // The provider knows this logout request.
      const there = await fetch(to, { redirect: 'manual' });
      assert.equal(there.status, 200);
    } finally {
      idp.assert.amr = undefined;
    }
    // A local login's logout stays local.
    const local = await makeStaff(db, { prefix: 'oidc' });
    const b = new TestBrowser(app);
    await b.get('/login');
    await b.post('/login', { username: local.username, password: 'una-password-di-prova-lunga' });
    await b.get('/login/totp');
    await b.post('/login/totp', { code: totpCode(local) });
    await b.get('/home');
    const out = await b.post('/logout', {});
    assert.equal(out.headers.location, '/login?out=1');
  });

  test('an issuer that does not answer: a clear message on the login page, never a 5xx; local login stays', async () => {
    const down = await appWith({
      PONTE_OIDC_ISSUER: 'http://127.0.0.1:9',
      PONTE_OIDC_CLIENT_ID: 'x',
      PONTE_OIDC_CLIENT_SECRET: 'y',
      PONTE_OIDC_REDIRECT_URI: REDIRECT,
      PONTE_OIDC_TIMEOUT_SECONDS: '2',
    });
    const b = new TestBrowser(down);
    const r = await b.get('/login/oidc');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /non risponde in questo momento/);
    assert.match(r.body, /name="username"/);
    // A callback while the provider is down: same message.
    const r2 = await b.get('/login/oidc/callback?code=abc&state=def');
    assert.ok(r2.statusCode < 500);
    forgetOidcDiscovery();
  });

  test('wrong OIDC settings stop the start with a message naming the setting', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PONTE_OIDC_ISSUER: 'https://idp.example' }, /manca PONTE_OIDC_CLIENT_ID/],
      [
        {
          PONTE_OIDC_ISSUER: 'http://idp.example',
          PONTE_OIDC_CLIENT_ID: 'a',
          PONTE_OIDC_CLIENT_SECRET: 'b',
          PONTE_OIDC_REDIRECT_URI: 'https://ponte.example/login/oidc/callback',
        },
        /PONTE_OIDC_ISSUER deve iniziare con https/,
      ],
      [
        {
          PONTE_OIDC_ISSUER: 'https://idp.example',
          PONTE_OIDC_CLIENT_ID: 'a',
          PONTE_OIDC_CLIENT_SECRET: 'b',
          PONTE_OIDC_REDIRECT_URI: 'https://ponte.example/altro',
        },
        /PONTE_OIDC_REDIRECT_URI deve terminare con \/login\/oidc\/callback/,
      ],
      [{ PONTE_OIDC_CLAIM: 'email' }, /PONTE_OIDC_CLAIM è impostato ma PONTE_OIDC_ISSUER no/],
      [
        {
          PONTE_OIDC_ISSUER: 'https://idp.example',
          PONTE_OIDC_CLIENT_ID: 'a',
          PONTE_OIDC_CLIENT_SECRET: 'b',
          PONTE_OIDC_REDIRECT_URI: 'https://ponte.example/login/oidc/callback',
          PONTE_OIDC_CLAIM: 'e mail',
        },
        /PONTE_OIDC_CLAIM deve essere/,
      ],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => loadConfig({ ...BASE_ENV, ...env }, { dataDir: null }),
        (e: unknown) => e instanceof ConfigError && message.test(e.message),
      );
    }
  });

  /** A port of this machine where nothing listens (fetch refuses "bad ports" such as 9 by itself). */
  async function closedPort(): Promise<number> {
    const s = createServer();
    await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
    const { port } = s.address() as AddressInfo;
    await new Promise<void>((ok) => s.close(() => ok()));
    return port;
  }

  test('ponte doctor checks that the provider answers its discovery (and says why not)', async () => {
    const port = await closedPort();
    const good = await oidcCheck(loadConfig({ ...BASE_ENV, ...idp.env() }, { dataDir: null }));
    assert.equal(good.level, 'ok');
    assert.match(good.text, /raggiungibile \(con logout dell’ente\)/);
    const down = await oidcCheck(
      loadConfig(
        {
          ...BASE_ENV,
          ...idp.env({ PONTE_OIDC_ISSUER: `http://127.0.0.1:${port}`, PONTE_OIDC_TIMEOUT_SECONDS: '2' }),
        },
        { dataDir: null },
      ),
    );
    assert.equal(down.level, 'errore');
    assert.match(down.text, /non risponde alla discovery: connessione rifiutata/);
    const none = await oidcCheck(loadConfig(BASE_ENV, { dataDir: null }));
    assert.equal(none.level, 'ok');
  });
});
