import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { makeOrg } from '../../../test/helpers.ts';
import { startSmtp } from '../../../test/smtp.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { currentTotp } from '../../platform/auth/totp.ts';
import type { Db } from '../../platform/db/database.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { createUser, resetPassword } from '../network/service.ts';
import { handlePasswordChanged, PASSWORD_CHANGED_JOB } from './password.ts';
import { TestBrowser } from './test-browser.ts';
import { loginSetup, type Staff, TEST_PASSWORD, totpCode } from './test-staff.ts';

// *Cambia password* on «Il mio account», and the one-time password an administrator sets (issue 10): through the
// real routes, database and a real SMTP server in this process.

const smtp = await startSmtp();
after(() => smtp.close());
const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Ponte <noreply@ponte.test>', dataDir: null });
after(() => mailer.close());

const NEW_PASSWORD = 'tre gatti sul tetto di via roma';
const fieldError = (body: string, name: string) =>
  new RegExp(`id="field-${name}-error"[^>]*>([^<]+)<`).exec(body)?.[1];

async function login(b: TestBrowser, s: Staff, password = TEST_PASSWORD, steps = 0) {
  await b.get('/login');
  const r = await b.post('/login', { username: s.username, password });
  assert.equal(r.statusCode, 303, 'password accepted');
  await b.get('/login/totp');
  return b.post('/login/totp', { code: totpCode(s, steps) });
}

async function change(b: TestBrowser, fields: { current: string; password: string; confirm?: string }) {
  await b.get('/account/password');
  return b.post('/account/password', { confirm: fields.password, ...fields });
}

const auditOf = (db: Db, userId: string, action: string) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', userId)
    .where('action', '=', action)
    .orderBy('id')
    .execute();

test('«Il mio account» links to *Cambia password*: three password fields, nothing filled in', async () => {
  const { s, b } = await loginSetup();
  await login(b, s);
  const account = await b.get('/account');
  assert.match(account.body, /<h2[^>]*>Password<\/h2>/);
  assert.match(account.body, /href="\/account\/password"[^>]*>Cambia password</);
  assert.match(account.body, /Non l’hai ancora cambiata/);
  const page = await b.get('/account/password');
  assert.equal(page.statusCode, 200);
  const inputs = [...page.body.matchAll(/<input[^>]*type="password"[^>]*>/g)].map((m) => m[0]);
  assert.equal(inputs.length, 3);
  assert.deepEqual(
    inputs.map((i) => [/name="(\w+)"/.exec(i)?.[1], /autocomplete="([\w-]+)"/.exec(i)?.[1]]),
    [
      ['current', 'current-password'],
      ['password', 'new-password'],
      ['confirm', 'new-password'],
    ],
  );
  for (const i of inputs) assert.doesNotMatch(i, /value="[^"]/, 'nothing filled in');
});

test('every refusal is said next to its field and nothing typed comes back: wrong current, short, common, personal, same, mismatch', async () => {
  const { db, s, b } = await loginSetup({ prefix: 'pw' });
  await login(b, s);
  const cases: [Record<string, string>, string, RegExp][] = [
    [
      { current: 'not-my-password-at-all', password: NEW_PASSWORD },
      'current',
      /password attuale non è corretta/,
    ],
    [{ current: TEST_PASSWORD, password: 'corta-1' }, 'password', /almeno 12 caratteri/],
    [{ current: TEST_PASSWORD, password: 'Juventus2026!' }, 'password', /tra le più usate o è prevedibile/],
    [{ current: TEST_PASSWORD, password: 'P@ssw0rd12345' }, 'password', /tra le più usate/],
    [{ current: TEST_PASSWORD, password: 'abcdefghijklmn' }, 'password', /prevedibile/],
    [{ current: TEST_PASSWORD, password: 'aaaaaaaaaaaaaaa' }, 'password', /prevedibile/],
    [{ current: TEST_PASSWORD, password: `il mio ${s.username} segreto` }, 'password', /nome utente/],
    [{ current: TEST_PASSWORD, password: 'la mia ponte segreta' }, 'password', /«ponte»/],
    [{ current: TEST_PASSWORD, password: TEST_PASSWORD }, 'password', /diversa da quella attuale/],
    [
      { current: TEST_PASSWORD, password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` },
      'confirm',
      /non coincidono/,
    ],
    [{ current: '', password: '' }, 'current', /password attuale/],
  ];
  for (const [fields, field, message] of cases) {
    const r = await change(b, fields as { current: string; password: string });
    assert.equal(r.statusCode, 422, JSON.stringify(fields));
    assert.match(fieldError(r.body, field) ?? '', message, JSON.stringify(fields));
    for (const v of Object.values(fields)) if (v) assert.ok(!r.body.includes(v), `"${v}" is not sent back`);
  }
  // Nothing changed, and the wrong current password was counted like a failed login (never the password itself).
  const row = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('id', '=', s.id)
    .executeTakeFirstOrThrow();
  assert.equal(await verifyPassword(row.password_hash, TEST_PASSWORD), true);
  const failed = await auditOf(db, s.id, 'auth.login_failed');
  assert.ok(failed.some((a) => (a.details as { step?: string }).step === 'password_change'));
  assert.ok(!JSON.stringify(failed).includes('not-my-password-at-all'));
});

test('the change ends her other sessions, rotates this one, is audited, and e-mails her (never the password)', async () => {
  const { app, db, s, b } = await loginSetup({ prefix: 'pwc' });
  const email = `pw-${randomUUID().slice(0, 8)}@example.test`;
  await db.updateTable('app_user').set({ email }).where('id', '=', s.id).execute();
  await login(b, s);
  // She is also logged in on another device.
  const other = new TestBrowser(app);
  await login(other, s, TEST_PASSWORD, 1);
  assert.equal((await other.get('/home')).statusCode, 200);
  const before = b.sessionToken;

  const r = await change(b, { current: TEST_PASSWORD, password: NEW_PASSWORD });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/account?saved=password');
  assert.notEqual(b.sessionToken, before, 'a new session token for this browser');
  const account = await b.get(r.headers.location as string);
  assert.equal(account.statusCode, 200, 'she stays logged in here');
  assert.match(account.body, /Password cambiata\. Le tue altre sessioni sono state chiuse/);
  assert.match(account.body, /L’hai cambiata l’ultima volta il/);
  assert.equal((await other.get('/home')).statusCode, 302, 'the other device is logged out');

  const row = await db
    .selectFrom('app_user')
    .select(['password_hash', 'password_changed_at', 'password_must_change'])
    .where('id', '=', s.id)
    .executeTakeFirstOrThrow();
  assert.equal(await verifyPassword(row.password_hash, NEW_PASSWORD), true);
  assert.ok(row.password_changed_at);
  assert.equal(row.password_must_change, false);
  const [entry] = await auditOf(db, s.id, 'auth.password_changed');
  assert.deepEqual(entry?.details, { otherSessionsEnded: 1, oneTimePassword: false });
  assert.ok(!JSON.stringify(entry).includes(NEW_PASSWORD));

  // The e-mail goes through the platform mailer, from the job enqueued with the change.
  const job = await db
    .selectFrom('job')
    .select('payload')
    .where('kind', '=', PASSWORD_CHANGED_JOB)
    .where('unique_key', 'like', `${PASSWORD_CHANGED_JOB}:${s.id}:%`)
    .executeTakeFirstOrThrow();
  const payload = (typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload) as Record<
    string,
    unknown
  >;
  assert.equal(await handlePasswordChanged(db, mailer, payload), 'sent');
  const [mail] = smtp.to(email);
  assert.ok(mail, 'she got an e-mail');
  assert.equal(mail.subject, 'Ponte: la password del tuo account è stata cambiata');
  assert.match(
    mail.text,
    new RegExp(
      `La password del tuo account Ponte \\(${s.username.replace('.', '\\.')}\\) è stata cambiata il`,
    ),
  );
  assert.match(mail.text, /Se non l’hai cambiata tu, rivolgiti subito/);
  assert.match(mail.text, /— English —/, 'no language chosen: Italian, then English');
  assert.ok(!mail.raw.includes(NEW_PASSWORD) && !mail.raw.includes(TEST_PASSWORD));

  // The old password no longer opens; the new one does.
  const fresh = new TestBrowser(app);
  await fresh.get('/login');
  assert.equal(
    (await fresh.post('/login', { username: s.username, password: TEST_PASSWORD })).statusCode,
    422,
  );
  const ok = await fresh.post('/login', { username: s.username, password: NEW_PASSWORD });
  assert.equal(ok.headers.location, '/login/totp', 'the new password passes the first step');
});

test('wrong current passwords count for the login throttle: the fifth locks her account', async () => {
  const { s, b } = await loginSetup({ prefix: 'pwt' });
  await login(b, s);
  let last = await change(b, { current: 'wrong-password-0', password: NEW_PASSWORD });
  for (let i = 1; i < 5; i++)
    last = await change(b, { current: `wrong-password-${i}`, password: NEW_PASSWORD });
  assert.equal(last.statusCode, 429);
  assert.ok(last.headers['retry-after']);
  // Locked: even the right current password waits for the window to end.
  assert.equal((await change(b, { current: TEST_PASSWORD, password: NEW_PASSWORD })).statusCode, 429);
});

test('a one-time password (account created by an administrator) must be changed before any page opens', async () => {
  const { app, db } = await loginSetup();
  const cav = await makeOrg(db, 'cav');
  const username = `nuova.${randomUUID().slice(0, 8)}`;
  const created = await createUser(
    db,
    { userId: null, orgId: null, ip: null, requestId: null },
    { username, display_name: 'Operatrice Nuova', organisation_id: cav.id, role: 'cav_operator' },
  );
  assert.ok(created.ok);
  const oneTime = created.value.generatedPassword!;
  const b = new TestBrowser(app);
  await b.get('/login');
  const r1 = await b.post('/login', { username, password: oneTime });
  assert.equal(r1.headers.location, '/login/enrol');
  const enrol = await b.get('/login/enrol');
  const secret = /data-totp-secret="([A-Z2-7]+)"/.exec(enrol.body)?.[1];
  assert.ok(secret);
  const codes = await b.post('/login/enrol', { code: currentTotp(secret) });
  assert.equal(codes.statusCode, 200);
  assert.match(codes.body, /href="\/account\/password"/, 'after the recovery codes, the password change');

  // Every other page, and every action, lands on the change page without doing anything.
  for (const url of ['/home', '/account', '/cases', '/session/organisation']) {
    const r = await b.get(url);
    assert.equal(r.statusCode, 303, url);
    assert.equal(r.headers.location, '/account/password', url);
  }
  await b.get('/account/password'); // a page with the CSRF token: the action itself must still be refused
  const lang = await b.post('/account/language', { lang: 'en' });
  assert.equal(lang.statusCode, 303);
  assert.equal(lang.headers.location, '/account/password');
  const user = () =>
    db
      .selectFrom('app_user')
      .select(['lang', 'password_must_change'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  assert.deepEqual(await user(), { lang: null, password_must_change: true }, 'the action did nothing');

  const page = await b.get('/account/password');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /vale una sola volta: per continuare scegline una tua/);
  const done = await b.post('/account/password', {
    current: oneTime,
    password: NEW_PASSWORD,
    confirm: NEW_PASSWORD,
  });
  assert.equal(done.statusCode, 303);
  assert.equal((await user()).password_must_change, false);
  assert.equal((await b.get('/home')).statusCode, 200, 'now every page opens');
  const [entry] = await auditOf(db, created.value.id, 'auth.password_changed');
  assert.equal((entry?.details as { oneTimePassword?: boolean } | undefined)?.oneTimePassword, true);
});

test('an administrator resets a forgotten password: a one-time password, her sessions end, changed at next login', async () => {
  const { app, db, s, b } = await loginSetup({ prefix: 'pwr' });
  await login(b, s);
  const oneTime = await resetPassword(db, { userId: null, orgId: null, ip: null, requestId: null }, s.id);
  assert.ok(oneTime.length >= 16);
  assert.equal((await b.get('/home')).statusCode, 302, 'her open session ended');
  const [entry] = await auditOf(db, s.id, 'network.user_password_reset');
  assert.ok(entry && !JSON.stringify(entry).includes(oneTime));
  const again = new TestBrowser(app);
  const r = await login(again, s, oneTime, 1);
  assert.equal(r.headers.location, '/account/password', 'the login goes straight to the change');
  assert.equal((await again.get('/cases')).headers.location, '/account/password');
});
