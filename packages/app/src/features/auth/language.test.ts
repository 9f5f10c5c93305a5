import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TestBrowser } from './test-browser.ts';
import { loginSetup, makeStaff, type Staff, TEST_PASSWORD, totpCode } from './test-staff.ts';

// Decision 0032: the staff member's language is stored on her account (app_user.lang). The header switch and
// her account page store it, in one transaction with the session's language, audited when it changes; at
// login it becomes the session's language. Through the real routes and database.

async function logIn(b: TestBrowser, s: Staff) {
  await b.get('/login');
  const r1 = await b.post('/login', { username: s.username, password: TEST_PASSWORD });
  assert.equal(r1.headers.location, '/login/totp');
  await b.get('/login/totp');
  const r2 = await b.post('/login/totp', { code: totpCode(s) });
  assert.equal(r2.statusCode, 303);
  return r2;
}

const storedLang = async (db: Db, userId: string) =>
  (await db.selectFrom('app_user').select('lang').where('id', '=', userId).executeTakeFirstOrThrow()).lang;

async function sessionLang(db: Db, b: TestBrowser) {
  const row = await db
    .selectFrom('session')
    .select('data')
    .where('id', '=', hashToken(b.sessionToken!))
    .executeTakeFirstOrThrow();
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return (data as { lang?: string }).lang;
}

const changes = (db: Db, userId: string) =>
  db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'actor_org_id', 'entity_id', 'details'])
    .where('action', '=', 'auth.language_changed')
    .where('entity_id', '=', userId)
    .orderBy('id')
    .execute();

test('the header switch, logged in, stores her language on her account and the session, audited once per change', async () => {
  const { db, s, b } = await loginSetup();
  await logIn(b, s);
  assert.equal(await storedLang(db, s.id), null);
  await b.get('/home');
  // Without the CSRF token nothing is stored.
  const refused = await b.post('/language', { lang: 'en', back: '/home' }, { csrf: false });
  assert.equal(refused.statusCode, 403);
  assert.equal(await storedLang(db, s.id), null);

  const r = await b.post('/language', { lang: 'en', back: '/home' });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/home');
  assert.equal(await storedLang(db, s.id), 'en');
  assert.equal(await sessionLang(db, b), 'en');
  assert.match((await b.get('/home')).body, /<html lang="en"/);
  // The same choice again changes nothing and is not audited twice.
  await b.post('/language', { lang: 'en', back: '/home' });
  const audited = await changes(db, s.id);
  assert.equal(audited.length, 1);
  assert.equal(audited[0]!.actor_user_id, s.id);
  assert.equal(audited[0]!.actor_org_id, s.orgId);
  assert.deepEqual(audited[0]!.details, { from: null, to: 'en' });
  // Back to Italian; a value that is no language stores nothing.
  await b.post('/language', { lang: 'it', back: '/home' });
  assert.equal(await storedLang(db, s.id), 'it');
  await b.get('/home');
  await b.post('/language', { lang: 'fr', back: '/home' });
  assert.equal(await storedLang(db, s.id), 'it');
  assert.equal((await changes(db, s.id)).length, 2);
});

test('anonymous, the switch only sets the browser cookie: no account is touched', async () => {
  const { db, s, b } = await loginSetup();
  const r = await b.post('/language', { lang: 'en', back: '/login' });
  assert.equal(r.statusCode, 303);
  assert.equal(b.jar.get('ponte_lang'), 'en');
  await logIn(b, s);
  // She never chose on her account: the browser's language still applies, and nothing is stored.
  assert.equal(await storedLang(db, s.id), null);
  assert.equal(await sessionLang(db, b), undefined);
  assert.match((await b.get('/home')).body, /<html lang="en"/);
});

test('at login her stored language becomes the session language, whatever the login page was in', async () => {
  const { db, s, b } = await loginSetup();
  await db.updateTable('app_user').set({ lang: 'en' }).where('id', '=', s.id).execute();
  const page = await b.get('/login');
  assert.match(page.body, /<html lang="it"/);
  await logIn(b, s);
  assert.equal(await sessionLang(db, b), 'en');
  assert.equal(b.jar.get('ponte_lang'), 'en', 'the browser remembers it for the pages after logout');
  const home = await b.get('/home');
  assert.match(home.body, /<html lang="en"/);

  // An Italian-preferring colleague who had picked English on the login page gets Italian.
  const other = await loginSetup();
  await other.db.updateTable('app_user').set({ lang: 'it' }).where('id', '=', other.s.id).execute();
  await other.b.post('/language', { lang: 'en', back: '/login' });
  await logIn(other.b, other.s);
  assert.equal(await sessionLang(other.db, other.b), 'it');
  assert.equal(other.b.jar.get('ponte_lang'), 'it');
  assert.match((await other.b.get('/home')).body, /<html lang="it"/);
});

test('the account page shows her language and changes it, for her own account only', async () => {
  const { db, s, b } = await loginSetup();
  const colleague = await makeStaff(db, { orgIds: [s.orgId] });
  await db.updateTable('app_user').set({ lang: 'it' }).where('id', '=', colleague.id).execute();
  await logIn(b, s);
  const page = await b.get('/account');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /data-stored-lang="none"/);
  assert.match(page.body, /le e-mail di Ponte ti arrivano in italiano e in inglese/);
  assert.match(page.body, /action="\/account\/language"/);

  // Nothing chosen: the error is next to the field, nothing stored.
  const bad = await b.post('/account/language', {});
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /id="field-lang-error"[^>]*>Scegli italiano o inglese\./);
  assert.match(bad.body, /href="#field-lang"/);
  assert.equal(await storedLang(db, s.id), null);
  const wrong = await b.post('/account/language', { lang: 'de' });
  assert.equal(wrong.statusCode, 422);

  // A field naming someone else is ignored: the route only ever changes the session's own user.
  const ok = await b.post('/account/language', { lang: 'en', userId: colleague.id, user: colleague.id });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/account?saved=lang');
  assert.equal(await storedLang(db, s.id), 'en');
  assert.equal(await storedLang(db, colleague.id), 'it');
  assert.equal((await changes(db, colleague.id)).length, 0);
  assert.equal(await sessionLang(db, b), 'en');
  const saved = await b.get('/account?saved=lang');
  assert.match(saved.body, /<html lang="en"/);
  assert.match(saved.body, /role="status">Language saved\./);
  assert.match(saved.body, /data-stored-lang="en"/);
  assert.match(saved.body, /Your language: English\./);
  assert.match(saved.body, /value="en" checked/);
  assert.deepEqual((await changes(db, s.id))[0]!.details, { from: null, to: 'en' });

  // Without the CSRF token, or logged out, nothing changes.
  const forged = await b.post('/account/language', { lang: 'it' }, { csrf: false });
  assert.equal(forged.statusCode, 403);
  assert.equal(await storedLang(db, s.id), 'en');
  const anon = await new (b.constructor as typeof TestBrowser)(b.app).post('/account/language', {
    lang: 'it',
  });
  assert.notEqual(anon.statusCode, 303);
  assert.equal(await storedLang(db, s.id), 'en');
});
