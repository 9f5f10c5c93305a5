import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ownTestDb, testConfig } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { ROLES } from '../../platform/auth/permissions.ts';
import { openTotpSecret } from '../../platform/auth/totp-secret.ts';
import { configureKeys } from '../../platform/crypto/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { currentTotp } from '../auth/index.ts';
import { createUserFromCli, DEMO_PASSWORD, demoTotpSecret, seedDemo, seedDemoIfEmpty } from './index.ts';

// The demo seed needs an empty database: it gets its own, not the shared test database (with its audit key set).
let database: Database;
before(async () => {
  configureKeys(testConfig().encryptionKeys);
  database = await ownTestDb();
});
after(async () => {
  await database?.close();
});

const count = async (
  table: 'organisation' | 'territory' | 'app_user' | 'membership' | 'protocol_signatory',
) =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('organisations made by hand without any user count as real data', async () => {
  const { db } = database;
  const id = crypto.randomUUID();
  await db.insertInto('territory').values({ id: 'r', kind: 'regione', name: 'R', parent_id: null }).execute();
  await db
    .insertInto('organisation')
    .values({ id, kind: 'regione', name: 'Regione vera', territory_id: 'r' })
    .execute();
  assert.equal(await seedDemoIfEmpty(db), null);
  await assert.rejects(seedDemo(db), /dati reali/);
  // Back to an empty database for the tests that follow.
  await db.deleteFrom('organisation').where('id', '=', id).execute();
  await db.deleteFrom('territory').where('id', '=', 'r').execute();
  assert.equal(await count('organisation'), 0);
});

test('on an empty database the demo network of Regione Marche is seeded and one login per role returned', async () => {
  const { db } = database;
  const logins = await seedDemoIfEmpty(db);
  assert.ok(logins);
  assert.deepEqual(logins.map((l) => l.role).sort(), [...ROLES].sort());
  for (const l of logins) {
    assert.equal(l.password, DEMO_PASSWORD);
    assert.match(l.totpSecret, /^[A-Z2-7]{32}$/);
    assert.match(l.organisation, /demo|fantasia/i);
  }
  // Real geography: Marche, its five provinces, the ATS of Ancona under its province, the capitals.
  const provinces = await db
    .selectFrom('territory')
    .select('name')
    .where('parent_id', '=', 'regione-marche')
    .execute();
  assert.deepEqual(provinces.map((p) => p.name).sort(), [
    'Ancona',
    'Ascoli Piceno',
    'Fermo',
    'Macerata',
    'Pesaro e Urbino',
  ]);
  const ats11 = await db
    .selectFrom('territory')
    .selectAll()
    .where('name', '=', 'ATS 11 Ancona')
    .executeTakeFirstOrThrow();
  assert.equal(ats11.parent_id, 'provincia-ancona');
  for (const capital of ['Ancona', 'Pesaro', 'Macerata', 'Fermo', 'Ascoli Piceno']) {
    const c = await db
      .selectFrom('territory')
      .select('kind')
      .where('name', '=', capital)
      .where('kind', '=', 'comune')
      .executeTakeFirst();
    assert.ok(c, capital);
  }
  // Every comune sits under an ATS or a provincia, every ATS under a provincia.
  const bad = await db
    .selectFrom('territory as t')
    .innerJoin('territory as p', 'p.id', 't.parent_id')
    .select(['t.name', 't.kind', 'p.kind as parent_kind'])
    .execute();
  for (const r of bad) {
    const ok =
      (r.kind === 'provincia' && r.parent_kind === 'regione') ||
      (r.kind === 'ats' && r.parent_kind === 'provincia') ||
      (r.kind === 'comune' && (r.parent_kind === 'ats' || r.parent_kind === 'provincia'));
    assert.ok(ok, `${r.kind} ${r.name} under ${r.parent_kind}`);
  }

  const orgs = await db.selectFrom('organisation').selectAll().execute();
  assert.deepEqual(orgs.map((o) => o.kind).sort(), [
    'ats',
    'cav',
    'cav',
    'comune',
    'inps_office',
    'regione',
    'shelter',
  ]);
  for (const o of orgs) assert.match(o.name, /demo|fantasia/i);
  const shelter = orgs.find((o) => o.kind === 'shelter');
  const listed = orgs.filter((o) => o.kind === 'cav' && o.public_listing);
  assert.equal(listed.length, 1);
  assert.equal(orgs.find((o) => o.id === shelter?.managing_cav_id)?.kind, 'cav');

  const protocol = await db.selectFrom('protocol').selectAll().executeTakeFirstOrThrow();
  assert.equal(protocol.valid_until, '2026-12-31');
  assert.match(protocol.signed_on, /^2023-07-/);
  assert.equal(await count('protocol_signatory'), orgs.length);

  const users = await db.selectFrom('app_user').selectAll().execute();
  assert.equal(users.length, ROLES.length);
  for (const u of users) {
    assert.equal(u.demo, true);
    assert.ok(u.totp_enrolled_at, 'second factor already enrolled');
    assert.match(u.display_name, /^Demo /);
    // A clearly fictional address on the reserved .invalid domain, which never delivers (RFC 2606).
    assert.equal(u.email, `${u.username}@ponte-demo.invalid`);
  }
  assert.equal(
    users.find((u) => u.username === 'demo.consulente')?.email,
    'demo.consulente@ponte-demo.invalid',
  );
  assert.equal(await verifyPassword(users[0]?.password_hash ?? '', DEMO_PASSWORD), true);
  const seeded = await db
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'network.demo_seeded')
    .execute();
  assert.equal(seeded.length, 1);
  assert.equal((await verifyAuditChain(db)).ok, true);
});

test('on the demo database the same logins come back every time, and seeding again adds nothing', async () => {
  const { db } = database;
  const first = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'totp_secret'])
    .orderBy('username')
    .execute();
  const before = await Promise.all(
    (['organisation', 'territory', 'app_user', 'membership', 'protocol_signatory'] as const).map(count),
  );
  const again = await seedDemoIfEmpty(db);
  assert.ok(again);
  assert.equal(again.length, ROLES.length);
  for (const u of first) assert.match(u.totp_secret ?? '', /^v1\./, 'stored sealed, never in clear');
  const byUser = new Map(first.map((u) => [u.username, openTotpSecret(u.id, u.totp_secret ?? '')]));
  for (const l of again) assert.equal(l.totpSecret, byUser.get(l.username));
  // A demo database seeded when the demo accounts had no address gets theirs at start; an address set by
  // someone is kept.
  await db.updateTable('app_user').set({ email: null }).where('username', '=', 'demo.consulente').execute();
  await db
    .updateTable('app_user')
    .set({ email: 'scelta@esempio.invalid' })
    .where('username', '=', 'demo.operatrice')
    .execute();
  await seedDemoIfEmpty(db);
  const emails = new Map(
    (await db.selectFrom('app_user').select(['username', 'email']).execute()).map((u) => [
      u.username,
      u.email,
    ]),
  );
  assert.equal(emails.get('demo.consulente'), 'demo.consulente@ponte-demo.invalid');
  assert.equal(emails.get('demo.operatrice'), 'scelta@esempio.invalid');
  await db
    .updateTable('app_user')
    .set({ email: 'demo.operatrice@ponte-demo.invalid' })
    .where('username', '=', 'demo.operatrice')
    .execute();
  const reseeded = await seedDemo(db);
  assert.equal(reseeded.length, ROLES.length);
  const afterCounts = await Promise.all(
    (['organisation', 'territory', 'app_user', 'membership', 'protocol_signatory'] as const).map(count),
  );
  assert.deepEqual(afterCounts, before);
});

test('a newcomer logs in as the demo network admin with the demo password and the code of demo-code', async () => {
  const app = await buildApp({ config: testConfig(), database, logger: false });
  try {
    const jar = new Map<string, string>();
    let token = '';
    const keep = (res: LightMyRequestResponse) => {
      for (const c of res.cookies) jar.set(c.name, c.value);
      token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? token;
      return res;
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (url: string) => keep(await app.inject({ url, headers: { cookie: cookie() } }));
    const post = async (url: string, form: Record<string, string>) =>
      keep(
        await app.inject({
          method: 'POST',
          url,
          headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ ...form, _csrf: token }).toString(),
        }),
      );
    await get('/login');
    const pw = await post('/login', { username: 'demo.admin', password: DEMO_PASSWORD });
    assert.equal(pw.statusCode, 303);
    assert.equal(pw.headers.location, '/login/totp');
    await get('/login/totp');
    const code = currentTotp(await demoTotpSecret(database.db, 'demo.admin'));
    const done = await post('/login/totp', { code });
    assert.equal(done.statusCode, 303);
    const orgs = await get('/network/organisations');
    assert.equal(orgs.statusCode, 200);
    assert.match(orgs.body, /CAV Demo Ancona — dati di fantasia/);
    assert.match(orgs.body, /Casa rifugio Demo/);
  } finally {
    await app.close();
  }
});

test('demo-code gives the secret of a demo user only', async () => {
  const { db } = database;
  const secret = await demoTotpSecret(db, 'demo.operatrice');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await assert.rejects(demoTotpSecret(db, 'nobody.here'), /inesistente/);
});

test('users create from the command line validates, then creates a real user; the demo seed then refuses', async () => {
  const { db } = database;
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('kind', '=', 'cav')
    .executeTakeFirstOrThrow();
  await assert.rejects(
    createUserFromCli(db, {
      username: 'maria.rossi',
      name: 'Maria Rossi',
      org: 'not-an-id',
      role: 'cav_operator',
    }),
    /--org: Scegli un’organizzazione attiva/,
  );
  await assert.rejects(
    createUserFromCli(db, { username: 'maria.rossi', name: 'Maria Rossi', org: org.id, role: 'boss' }),
    /--role/,
  );
  await assert.rejects(
    createUserFromCli(db, {
      username: 'maria.rossi',
      name: 'Maria Rossi',
      org: org.id,
      role: 'cav_operator',
      password: 'short',
    }),
    /--password/,
  );
  const out = await createUserFromCli(db, {
    username: 'maria.rossi',
    name: 'Maria Rossi',
    org: org.id,
    role: 'cav_operator',
  });
  const password = /Password iniziale, mostrata solo ora e valida per un solo accesso: (\S+)/.exec(out)?.[1];
  assert.ok(password);
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', 'maria.rossi')
    .executeTakeFirstOrThrow();
  assert.equal(user.demo, false);
  assert.equal(await verifyPassword(user.password_hash, password), true);
  const m = await db
    .selectFrom('membership')
    .select(['role', 'organisation_id'])
    .where('user_id', '=', user.id)
    .execute();
  assert.deepEqual(m, [{ role: 'cav_operator', organisation_id: org.id }]);

  // Now the database holds real data: no logins are printed and the seed refuses, in Italian.
  assert.equal(await seedDemoIfEmpty(db), null);
  await assert.rejects(seedDemo(db), /dati reali/);
  await assert.rejects(demoTotpSecret(db, 'maria.rossi'), /non è un utente dimostrativo/);
});
