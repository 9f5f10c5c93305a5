import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { getTestDb, makeOrg, testApp } from '../../../test/helpers.ts';
import { createSession, hashToken, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { openTotpSecret } from '../../platform/auth/totp-secret.ts';
import { freezeClock, nowMs, resetClock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { currentTotp } from './index.ts';
import { TestBrowser } from './test-browser.ts';
import { loginSetup, makeStaff, type Staff, TEST_PASSWORD, totpCode } from './test-staff.ts';

// The staff login journey through the real routes and database: password, TOTP, recovery codes, enrolment,
// rotation, logout, idle expiry and the audit trail of each.

async function passwordStep(b: TestBrowser, s: Staff, password = TEST_PASSWORD, next?: string) {
  await b.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  return b.post('/login', { username: s.username, password, ...(next ? { next } : {}) });
}

async function fullLogin(b: TestBrowser, s: Staff, steps = 0) {
  const r = await passwordStep(b, s);
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/login/totp');
  await b.get('/login/totp');
  return b.post('/login/totp', { code: totpCode(s, steps) });
}

/** A session of hers opened elsewhere (another browser, or planted before the login). */
const otherSession = (db: Db, s: Staff) =>
  createSession(db, { userId: s.id, stage: 'active', organisationId: s.orgId }, 15);

async function audit(db: Db, userId: string, action: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('actor_user_id', '=', userId)
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

test('full login: password, then a real TOTP code, lands on /home with a rotated active session', async () => {
  const { db, s, b } = await loginSetup();
  const r1 = await passwordStep(b, s);
  assert.equal(r1.statusCode, 303);
  assert.equal(r1.headers.location, '/login/totp');
  const pendingToken = b.sessionToken!;
  assert.ok(pendingToken);
  // Half logged in is logged out: the pending session opens no staff page.
  const home0 = await b.get('/home');
  assert.equal(home0.statusCode, 302);
  const totpPage = await b.get('/login/totp');
  assert.equal(totpPage.statusCode, 200);
  assert.match(totpPage.body, /autocomplete="one-time-code"/);
  assert.match(totpPage.body, /href="\/login\/recovery"/);
  const r2 = await b.post('/login/totp', { code: totpCode(s) });
  assert.equal(r2.statusCode, 303);
  assert.equal(r2.headers.location, '/home');
  assert.notEqual(b.sessionToken, pendingToken, 'the session token changes at the second factor');
  const old = await db
    .selectFrom('session')
    .select('id')
    .where('id', '=', hashToken(pendingToken))
    .executeTakeFirst();
  assert.equal(old, undefined, 'the pending session row is deleted');
  const home = await b.get('/home');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, new RegExp(`Persona di prova ${s.username.replace('.', '\\.')}`));
  const row = await db
    .selectFrom('session')
    .selectAll()
    .where('id', '=', hashToken(b.sessionToken!))
    .executeTakeFirstOrThrow();
  assert.equal(row.stage, 'active');
  assert.equal(row.organisation_id, s.orgId);
  const logins = await audit(db, s.id, 'auth.login');
  assert.equal(logins.length, 1);
  assert.equal(logins[0]!.actor_org_id, s.orgId);
  assert.equal(logins[0]!.ip, b.ip);
  assert.deepEqual(logins[0]!.details, { secondFactor: 'totp', method: 'password' });
});

test('the login goes on to a local `next`, never to another site', async () => {
  const { app, db, s, b } = await loginSetup();
  const page = await b.get('/login?next=%2Faccount');
  assert.match(page.body, /name="next" value="\/account"/);
  await b.post('/login', { username: s.username, password: TEST_PASSWORD, next: '/account' });
  await b.get('/login/totp');
  const r = await b.post('/login/totp', { code: totpCode(s) });
  assert.equal(r.headers.location, '/account');

  const s2 = await makeStaff(db);
  const b2 = new TestBrowser(app);
  await b2.get('/login');
  await b2.post('/login', { username: s2.username, password: TEST_PASSWORD, next: '//evil.example/x' });
  await b2.get('/login/totp');
  const r2 = await b2.post('/login/totp', { code: totpCode(s2) });
  assert.equal(r2.headers.location, '/home');
});

test('a wrong password and an unknown username get the same generic answer; the audit keeps no password', async () => {
  const { db, s, b } = await loginSetup();
  const wrong = await passwordStep(b, s, 'not-the-right-password');
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /Nome utente o password non corretti\./);
  assert.match(wrong.body, new RegExp(`value="${s.username.replace('.', '\\.')}"`), 'the username is kept');
  assert.doesNotMatch(wrong.body, /not-the-right-password/, 'the password is never sent back');
  assert.equal(b.sessionToken, undefined);

  const ghost = `nessuno.${randomUUID().slice(0, 8)}`;
  await b.get('/login');
  const unknown = await b.post('/login', { username: ghost, password: 'whatever-password' });
  assert.equal(unknown.statusCode, 422);
  assert.match(unknown.body, /Nome utente o password non corretti\./);

  const failed = await audit(db, s.id, 'auth.login_failed');
  assert.equal(failed.length, 1);
  assert.equal(failed[0]!.entity_id, s.id);
  assert.deepEqual(failed[0]!.details, { step: 'password', reason: 'bad_password' });
  const anon = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'auth.login_failed')
    .where('ip', '=', b.ip)
    .where('actor_user_id', 'is', null)
    .execute();
  assert.equal(anon.length, 1);
  const details = anon[0]!.details as Record<string, unknown>;
  assert.equal(details.reason, 'unknown_user');
  assert.match(String(details.usernameHmac), /^[0-9a-f]{64}$/);
  const all = JSON.stringify([...failed, ...anon]);
  assert.doesNotMatch(all, /not-the-right-password|whatever-password/);
  assert.ok(!all.includes(ghost), 'an unknown username is stored only as a keyed hash');
});

test('empty fields are explained next to each field, and a post without the CSRF token is refused', async () => {
  const app = await testApp();
  const b = new TestBrowser(app);
  await b.get('/login');
  const empty = await b.post('/login', { username: '', password: '' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Inserisci il nome utente\./);
  assert.match(empty.body, /Inserisci la password\./);
  assert.match(empty.body, /data-error-summary/);
  const forged = await b.post('/login', { username: 'someone', password: 'x' }, { csrf: false });
  assert.equal(forged.statusCode, 403);
});

test('a wrong TOTP code is refused and audited; a replayed code is refused; the next step is accepted', async () => {
  const { app, db, s, b } = await loginSetup();
  await passwordStep(b, s);
  await b.get('/login/totp');
  const good = totpCode(s);
  const wrongCode = good === '000000' ? '111111' : '000000';
  const wrong = await b.post('/login/totp', { code: wrongCode });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /Il codice non è corretto o è già stato usato/);
  const notDigits = await b.post('/login/totp', { code: 'abc' });
  assert.equal(notDigits.statusCode, 422);
  const ok = await b.post('/login/totp', { code: good });
  assert.equal(ok.statusCode, 303);

  // Same code again, in a new login: refused even though it is still inside its 30 seconds.
  const b2 = new TestBrowser(app);
  await passwordStep(b2, s);
  await b2.get('/login/totp');
  const replay = await b2.post('/login/totp', { code: good });
  assert.equal(replay.statusCode, 422);
  const failures = (await audit(db, s.id, 'auth.login_failed')).map((e) => e.details);
  assert.deepEqual(failures, [
    { step: 'totp', reason: 'bad_code' },
    { step: 'totp', reason: 'bad_code' },
    { step: 'totp', reason: 'replayed_code' },
  ]);
  // The code of the next time step (clock drift of one step) is accepted.
  const nextStep = Math.floor(nowMs() / 1000 / 30) + 1;
  const next = await b2.post('/login/totp', { code: currentTotp(s.secret!, nextStep * 30) });
  assert.equal(next.statusCode, 303);
  const user = await db
    .selectFrom('app_user')
    .select('totp_last_step')
    .where('id', '=', s.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(user.totp_last_step), nextStep);
});

test('the TOTP and recovery pages without a login in progress send back to /login', async () => {
  const app = await testApp();
  const b = new TestBrowser(app);
  for (const url of ['/login/totp', '/login/recovery', '/login/enrol']) {
    const r = await b.get(url);
    assert.equal(r.statusCode, 303, url);
    assert.equal(r.headers.location, '/login?restart=1');
  }
  const page = await b.get('/login?restart=1');
  assert.match(page.body, /Ricomincia dal nome utente/);
  // Someone already logged in keeps her session when she comes back to a login step.
  const { db } = await getTestDb();
  const s = await makeStaff(db);
  const logged = new TestBrowser(app);
  await fullLogin(logged, s);
  const token = logged.sessionToken;
  const back = await logged.get('/login/totp');
  assert.equal(back.headers.location, '/home');
  assert.equal(logged.sessionToken, token);
  assert.equal((await logged.get('/login')).headers.location, '/home');
  assert.equal((await logged.get('/home')).statusCode, 200);
});

test('first login: enrolment with a QR code and the secret, then ten recovery codes shown once, each single-use', async () => {
  const { app, db, s, b } = await loginSetup({ enrolled: false });
  const r1 = await passwordStep(b, s);
  assert.equal(r1.statusCode, 303);
  assert.equal(r1.headers.location, '/login/enrol');
  assert.equal((await b.get('/login/totp')).headers.location, '/login/enrol');
  const page = await b.get('/login/enrol');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"[^>]* alt="Codice QR/);
  const secret = /data-totp-secret="([A-Z2-7]+)"/.exec(page.body)?.[1];
  assert.ok(secret && secret.length >= 32, 'the secret is shown for manual entry');
  const again = await b.get('/login/enrol');
  assert.ok(again.body.includes(`data-totp-secret="${secret}"`), 'a reload shows the same secret');
  const wrong = await b.post('/login/enrol', {
    code: '000000' === currentTotp(secret) ? '111111' : '000000',
  });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /Il codice non corrisponde/);
  assert.ok(wrong.body.includes(secret), 'the same secret after an error');

  const done = await b.post('/login/enrol', { code: currentTotp(secret) });
  assert.equal(done.statusCode, 200);
  assert.match(done.body, /Ho salvato i codici, continua/);
  const codes = [
    ...done.body.matchAll(/<li><code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/code><\/li>/g),
  ].map((m) => m[1]!);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  assert.equal((await b.get('/home')).statusCode, 200, 'logged in after enrolment');

  const user = await db.selectFrom('app_user').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
  assert.ok(user.totp_secret && !user.totp_secret.includes(secret), 'the secret is never stored in clear');
  assert.match(user.totp_secret, /^v1\./, 'sealed in an envelope');
  assert.equal(openTotpSecret(s.id, user.totp_secret), secret);
  assert.ok(user.totp_enrolled_at);
  const stored = await db.selectFrom('recovery_code').selectAll().where('user_id', '=', s.id).execute();
  assert.equal(stored.length, 10);
  for (const c of codes) assert.ok(!JSON.stringify(stored).includes(c), 'codes are stored only hashed');
  const session = await db.selectFrom('session').select('data').where('user_id', '=', s.id).execute();
  assert.ok(!JSON.stringify(session).includes(codes[0]!), 'codes are not kept in the session either');
  assert.equal((await audit(db, s.id, 'auth.totp_enrolled')).length, 1);
  assert.equal((await b.get('/login/enrol')).statusCode, 303, 'no second enrolment');

  // Every code opens one login, and only one.
  const enrolled = { ...s, secret };
  for (const [i, c] of codes.entries()) {
    const bi = new TestBrowser(app);
    await passwordStep(bi, enrolled);
    const rp = await bi.get('/login/recovery');
    assert.equal(rp.statusCode, 200);
    const ok = await bi.post('/login/recovery', {
      code: i % 2 === 0 ? c : c.toLowerCase().replaceAll('-', ' '),
    });
    assert.equal(ok.statusCode, 303, `code ${i} works once`);
    assert.equal((await bi.get('/home')).statusCode, 200);
    if (i === 0)
      assert.match((await bi.get('/account')).body, /Codici di recupero non ancora usati: 9 su 10\./);
    if (i === 7) assert.match((await bi.get('/account')).body, /Ti restano pochi codici di recupero/);
    const bj = new TestBrowser(app);
    await passwordStep(bj, enrolled);
    await bj.get('/login/recovery');
    const reused = await bj.post('/login/recovery', { code: c });
    assert.equal(reused.statusCode, 422, `code ${i} works only once`);
    assert.match(reused.body, /non è valido o è già stato usato/);
  }
  const used = await audit(db, s.id, 'auth.recovery_used');
  assert.equal(used.length, 10);
  assert.deepEqual(used.at(-1)!.details, { remaining: 0 });
  const logins = (await audit(db, s.id, 'auth.login')).map(
    (e) => (e.details as { secondFactor: string }).secondFactor,
  );
  assert.deepEqual(logins, ['enrolment', ...Array(10).fill('recovery')]);
});

test('login rotates the session: a cookie held before the login is dead after it', async () => {
  const { app, db, s, b } = await loginSetup();
  // A cookie planted before the login (session fixation) or left over from an earlier login.
  const before = await otherSession(db, s);
  b.jar.set(SESSION_COOKIE, before);
  assert.equal((await b.get('/home')).statusCode, 200);
  const r = await fullLogin(b, s);
  assert.equal(r.statusCode, 303);
  assert.notEqual(b.sessionToken, before);
  const stale = await app.inject({
    method: 'GET',
    url: '/home',
    headers: { cookie: `${SESSION_COOKIE}=${before}` },
  });
  assert.equal(stale.statusCode, 302);
  assert.equal((await b.get('/home')).statusCode, 200);
});

test('logout ends this session only, clears the cookie and is audited', async () => {
  const { app, db, s, b } = await loginSetup();
  const other = await otherSession(db, s);
  await fullLogin(b, s);
  const token = b.sessionToken!;
  await b.get('/home');
  const out = await b.post('/logout', {});
  assert.equal(out.statusCode, 303);
  assert.equal(out.headers.location, '/login?out=1');
  assert.equal(b.sessionToken, undefined, 'the cookie is cleared');
  const dead = await app.inject({
    method: 'GET',
    url: '/home',
    headers: { cookie: `${SESSION_COOKIE}=${token}` },
  });
  assert.equal(dead.statusCode, 302);
  const alive = await app.inject({
    method: 'GET',
    url: '/home',
    headers: { cookie: `${SESSION_COOKIE}=${other}` },
  });
  assert.equal(alive.statusCode, 200, 'other sessions stay');
  assert.match((await b.get('/login?out=1')).body, /Sei uscita da Ponte/);
  assert.equal((await audit(db, s.id, 'auth.logout')).length, 1);
});

test('the account page lists her sessions; "end all my sessions" asks for confirmation, then ends every one', async () => {
  const { app, db, s, b } = await loginSetup();
  const other = await otherSession(db, s);
  await fullLogin(b, s);
  const page = await b.get('/account');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Le tue sessioni attive/);
  assert.equal([...page.body.matchAll(/<tr data-current="true">/g)].length, 1);
  assert.equal([...page.body.matchAll(/Altro dispositivo o scheda/g)].length, 1);
  assert.match(page.body, /href="\/account"/, 'the menu links the account page');

  const unconfirmed = await b.post('/logout/all', {});
  assert.equal(unconfirmed.statusCode, 422);
  assert.match(unconfirmed.body, /Conferma di voler chiudere tutte le sessioni/);
  assert.equal((await b.get('/home')).statusCode, 200, 'nothing ended without confirmation');

  await b.get('/account');
  const ended = await b.post('/logout/all', { confirm: 'yes' });
  assert.equal(ended.statusCode, 303);
  assert.equal(ended.headers.location, '/login?ended=1');
  const otherNow = await app.inject({
    method: 'GET',
    url: '/home',
    headers: { cookie: `${SESSION_COOKIE}=${other}` },
  });
  assert.equal(otherNow.statusCode, 302, 'the other session is dead');
  assert.equal((await b.get('/home')).statusCode, 302, 'this one too');
  const left = await db.selectFrom('session').select('id').where('user_id', '=', s.id).execute();
  assert.equal(left.length, 0);
  const entries = await audit(db, s.id, 'auth.logout_all');
  assert.equal(entries.length, 1);
  assert.deepEqual(entries[0]!.details, { sessions: 2 });
});

test('an idle session expires: its cookie is logged out everywhere and /login says why', async () => {
  const { app, db, s, b } = await loginSetup();
  await fullLogin(b, s);
  assert.equal((await b.get('/account')).statusCode, 200);
  await db
    .updateTable('session')
    .set({ expires_at: new Date(nowMs() - 1000) })
    .where('id', '=', hashToken(b.sessionToken!))
    .execute();
  const home = await b.get('/home');
  assert.equal(home.statusCode, 302);
  assert.equal(home.headers.location, '/login?next=%2Fhome');
  const keep = await app.inject({
    method: 'POST',
    url: '/session/keepalive',
    headers: { cookie: b.cookieHeader(), 'x-csrf-token': b.csrf!, 'content-type': 'application/json' },
    payload: '{}',
  });
  assert.equal(keep.statusCode, 401, 'an expired session cannot be kept alive');
  const login = await b.get('/login?next=%2Fhome');
  assert.equal(login.statusCode, 200);
  assert.match(login.body, /La sessione è scaduta per inattività/);
  assert.equal(b.sessionToken, undefined, 'the dead cookie is cleared');
  assert.match(
    (await new TestBrowser(app).get('/login?expired=1')).body,
    /La sessione è scaduta per inattività/,
  );
});

test('the keepalive slides the idle expiry, with the CSRF token in the x-csrf-token header', async () => {
  const { app, db, s, b } = await loginSetup();
  await fullLogin(b, s);
  await b.get('/home');
  const id = hashToken(b.sessionToken!);
  // As if the last request was 10 minutes ago.
  await db
    .updateTable('session')
    .set({
      last_seen_at: new Date(nowMs() - 600_000),
      expires_at: new Date(nowMs() + 300_000),
    })
    .where('id', '=', id)
    .execute();
  const headers = { cookie: b.cookieHeader(), 'content-type': 'application/json' };
  const forged = await app.inject({ method: 'POST', url: '/session/keepalive', headers, payload: '{}' });
  assert.equal(forged.statusCode, 403);
  const r = await app.inject({
    method: 'POST',
    url: '/session/keepalive',
    headers: { ...headers, 'x-csrf-token': b.csrf! },
    payload: '{}',
  });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { ok: true, idleMinutes: 15 });
  const row = await db
    .selectFrom('session')
    .select('expires_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const left = new Date(row.expires_at).getTime() - nowMs();
  assert.ok(left > 14 * 60_000, `expiry slid to 15 minutes from now (${left} ms)`);
});

test('a busy session is written at most once a minute, and never ends sooner than her idle time', async () => {
  const { db, s, b } = await loginSetup();
  await fullLogin(b, s);
  const id = hashToken(b.sessionToken!);
  const row = () =>
    db
      .selectFrom('session')
      .select(['last_seen_at', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const start = nowMs() + 5 * 60_000;
  try {
    const seen: number[] = [];
    // A page every 20 seconds for three minutes: 10 requests, 4 writes (at 0, 60, 120 and 180 s).
    for (let at = 0; at <= 180_000; at += 20_000) {
      freezeClock(start + at);
      assert.equal((await b.get('/account')).statusCode, 200);
      const r = await row();
      seen.push(new Date(r.last_seen_at).getTime());
      assert.ok(
        new Date(r.expires_at).getTime() >= start + at + 15 * 60_000,
        `at ${at / 1000} s the session lives at least 15 minutes after this request`,
      );
    }
    assert.equal(new Set(seen).size, 4, 'one write each minute: at 0, 60, 120 and 180 s');
  } finally {
    resetClock();
  }
});

test('several organisations: the first alphabetically is active, and she can switch to another of hers', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const tag = randomUUID().slice(0, 8);
  const zeta = await makeOrg(db, 'cav');
  const alfa = await makeOrg(db, 'inps_office');
  const foreign = await makeOrg(db, 'cav');
  await db
    .updateTable('organisation')
    .set({ name: `Zeta centro ${tag}` })
    .where('id', '=', zeta.id)
    .execute();
  await db
    .updateTable('organisation')
    .set({ name: `alfa sede ${tag}` })
    .where('id', '=', alfa.id)
    .execute();
  const s = await makeStaff(db, { orgIds: [zeta.id, alfa.id] });
  const b = new TestBrowser(app);
  await fullLogin(b, s);
  const id = hashToken(b.sessionToken!);
  const row = await db
    .selectFrom('session')
    .select('organisation_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(row.organisation_id, alfa.id);
  const account = await b.get('/account');
  assert.match(account.body, /href="\/session\/organisation"/);
  const page = await b.get('/session/organisation');
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(`alfa sede ${tag}`) && page.body.includes(`Zeta centro ${tag}`));
  const refused = await b.post('/session/organisation', { organisationId: foreign.id });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Scegli una delle tue organizzazioni/);
  const bad = await b.post('/session/organisation', { organisationId: 'not-a-uuid' });
  assert.equal(bad.statusCode, 422);
  const ok = await b.post('/session/organisation', { organisationId: zeta.id });
  assert.equal(ok.statusCode, 303);
  const after = await db
    .selectFrom('session')
    .select('organisation_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(after.organisation_id, zeta.id);
  assert.match((await b.get('/home')).body, new RegExp(`Zeta centro ${tag}`));
  const switched = await audit(db, s.id, 'auth.organisation_switched');
  assert.equal(switched.length, 1);
  assert.equal(switched[0]!.actor_org_id, zeta.id);
});

test('a user with no active organisation passes both factors but gets no session', async () => {
  const { db, s, b } = await loginSetup({ orgIds: [] });
  const r = await fullLogin(b, s);
  assert.equal(r.statusCode, 403);
  assert.match(r.body, /non è collegato a nessuna organizzazione attiva/);
  assert.equal(b.sessionToken, undefined);
  const left = await db.selectFrom('session').select('id').where('user_id', '=', s.id).execute();
  assert.equal(left.length, 0);
});

test('a disabled user is refused with the same generic message', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const s = await makeStaff(db);
  await db.updateTable('app_user').set({ active: false }).where('id', '=', s.id).execute();
  const b = new TestBrowser(app);
  const r = await passwordStep(b, s);
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /Nome utente o password non corretti\./);
  assert.deepEqual((await audit(db, s.id, 'auth.login_failed'))[0]!.details, {
    step: 'password',
    reason: 'inactive_user',
  });
});

test('oversized or malformed input is a 4xx, never a 5xx', async () => {
  const app = await testApp();
  const b = new TestBrowser(app);
  await b.get('/login');
  const long = await b.post('/login', { username: 'x'.repeat(5000), password: 'y' });
  assert.equal(long.statusCode, 400);
  const json = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: b.cookieHeader(), 'content-type': 'application/json' },
    payload: '{not json',
  });
  assert.ok(json.statusCode >= 400 && json.statusCode < 500, String(json.statusCode));
  const q = await b.get(`/login?next=${'a'.repeat(1000)}`);
  assert.equal(q.statusCode, 400);
});

test('she makes new recovery codes herself with a current code: shown once, the old ones stop, no replay, audited', async (t) => {
  // The clock stands still, so that "the code of the login" is still the current one when it is replayed (a
  // 30-second step that ticked in between made the replay a fresh code, and the test flaky).
  freezeClock();
  t.after(() => resetClock());
  const { app, db, s, b } = await loginSetup();
  await fullLogin(b, s);
  const before = await db
    .selectFrom('recovery_code')
    .select('code_hash')
    .where('user_id', '=', s.id)
    .execute();
  const page = await b.get('/account');
  assert.match(page.body, /Genera nuovi codici di recupero/);

  const badFormat = await b.post('/account/recovery-codes', { code: '12ab' });
  assert.equal(badFormat.statusCode, 422);
  assert.match(badFormat.body, /Scrivi le 6 cifre/);
  // The code of the login itself was used already: a replay is refused like a wrong code.
  const replay = await b.post('/account/recovery-codes', { code: totpCode(s) });
  assert.equal(replay.statusCode, 422);
  assert.match(replay.body, /non è valido o è già stato usato/);
  assert.deepEqual(
    await db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', s.id).execute(),
    before,
    'nothing changed',
  );

  const ok = await b.post('/account/recovery-codes', { code: totpCode(s, 1) });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['cache-control'], 'no-store');
  const codes = [
    ...ok.body.matchAll(/<li><code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/code><\/li>/g),
  ].map((m) => m[1]!);
  assert.equal(codes.length, 10);
  const after = await db
    .selectFrom('recovery_code')
    .select('code_hash')
    .where('user_id', '=', s.id)
    .execute();
  assert.equal(after.length, 10);
  assert.ok(!after.some((a) => before.some((x) => x.code_hash === a.code_hash)), 'the old codes are gone');
  for (const c of codes) assert.ok(!JSON.stringify(after).includes(c), 'stored only hashed');
  assert.equal((await audit(db, s.id, 'auth.recovery_codes_renewed')).length, 1);
  // A new code logs in once.
  const bi = new TestBrowser(app);
  await passwordStep(bi, s);
  await bi.get('/login/recovery');
  assert.equal((await bi.post('/login/recovery', { code: codes[0] })).statusCode, 303);
  // Anonymous visitors cannot call it.
  const anon = await app.inject({
    method: 'POST',
    url: '/account/recovery-codes',
    payload: { code: '123456' },
  });
  assert.ok([302, 303, 401, 403].includes(anon.statusCode), `anonymous: ${anon.statusCode}`);
});
