import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { csrfFor, makeOrg, makeUser, ownTestDb, type TestUser, testConfig } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../platform/db/database.ts';
import { removeMembership } from './service.ts';

// Nobody may remove the network's last administrator (issue 10), by any path: removing the role, deactivating
// the account, or deactivating the organisation where the role is held. Only an administrator who can log in
// counts: an active account holding the role in an active organisation. The check runs inside the change's
// transaction, with the administrators' rows locked, so two administrators removing each other at once cannot
// both succeed. On a database of its own: the shared test database has administrators of every test.

let database: Database;
let app: FastifyInstance;
before(async () => {
  database = await ownTestDb();
  app = await buildApp({ config: testConfig(), database, logger: false });
});
after(async () => {
  await app?.close();
  await database?.close();
});

async function post(user: TestUser, url: string, form: Record<string, string> = {}) {
  const { cookie, token } = await csrfFor(app, user.cookie);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...form, _csrf: token }).toString(),
  });
}

const admins = async () =>
  (
    await database.db
      .selectFrom('membership as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
      .select('m.user_id')
      .where('m.role', '=', 'network_admin')
      .where('u.active', '=', true)
      .where('o.active', '=', true)
      .execute()
  ).map((r) => r.user_id);

async function clearAdmins() {
  await database.db.deleteFrom('membership').where('role', '=', 'network_admin').execute();
}

test('the last administrator: her role, her account and her organisation are each refused, with the reason', async () => {
  await clearAdmins();
  const { db } = database;
  const region = await makeOrg(db, 'regione');
  const a = await makeUser(db, region.id, ['network_admin']);
  // Administrators who cannot log in do not count: one deactivated, one whose organisation is closed.
  const cav = await makeOrg(db, 'cav');
  const gone = await makeUser(db, cav.id, ['network_admin']);
  await db.updateTable('app_user').set({ active: false }).where('id', '=', gone.id).execute();
  const closed = await makeOrg(db, 'ats');
  await makeUser(db, closed.id, ['network_admin']);
  await db.updateTable('organisation').set({ active: false }).where('id', '=', closed.id).execute();
  const other = await makeUser(db, cav.id, ['cav_coordinator']);
  // A second admin account of hers would be fine; `other` is no admin, so A is the last.
  assert.deepEqual(await admins(), [a.id]);

  const role = await post(a, `/network/users/${a.id}/memberships/remove`, {
    org: region.id,
    role: 'network_admin',
  });
  assert.equal(role.statusCode, 409);
  assert.match(role.body, /data-testid="refusal"[^>]*>[^<]*ultima persona che amministra la rete/);
  const org = await post(a, `/network/organisations/${region.id}/deactivate`);
  assert.equal(org.statusCode, 409);
  assert.match(org.body, /data-testid="refusal"[^>]*>Qui lavora l’ultima persona che amministra la rete/);
  const self = await post(a, `/network/users/${a.id}/deactivate`);
  assert.equal(self.statusCode, 409);
  assert.match(self.body, /Non puoi disattivare il tuo stesso account/);
  assert.deepEqual(await admins(), [a.id], 'nothing changed');
  assert.equal(
    (
      await db
        .selectFrom('organisation')
        .select('active')
        .where('id', '=', region.id)
        .executeTakeFirstOrThrow()
    ).active,
    true,
  );
  const refusedAudits = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', 'in', [a.id, region.id])
    .where('action', 'in', [
      'network.membership_removed',
      'network.org_deactivated',
      'network.user_deactivated',
    ])
    .execute();
  assert.deepEqual(refusedAudits, [], 'a refused change writes no audit entry of a change');

  // Other roles of hers, and other people's accounts, stay free to change.
  assert.equal((await post(a, `/network/users/${other.id}/deactivate`)).statusCode, 303);
});

test('with a second administrator the role can go; then the second is the last, even for her own organisation', async () => {
  await clearAdmins();
  const { db } = database;
  const region = await makeOrg(db, 'regione');
  const a = await makeUser(db, region.id, ['network_admin']);
  const cav = await makeOrg(db, 'cav');
  const b = await makeUser(db, cav.id, ['network_admin', 'cav_coordinator']);
  const removed = await post(a, `/network/users/${a.id}/memberships/remove`, {
    org: region.id,
    role: 'network_admin',
  });
  assert.equal(removed.statusCode, 303);
  assert.deepEqual(await admins(), [b.id]);
  assert.equal((await post(b, `/network/organisations/${cav.id}/deactivate`)).statusCode, 409);
  assert.equal(
    (await post(b, `/network/users/${b.id}/memberships/remove`, { org: cav.id, role: 'network_admin' }))
      .statusCode,
    409,
  );
  // Her other role is not protected.
  assert.equal(
    (await post(b, `/network/users/${b.id}/memberships/remove`, { org: cav.id, role: 'cav_coordinator' }))
      .statusCode,
    303,
  );
});

test('two administrators removing each other at the same moment: exactly one succeeds', async () => {
  await clearAdmins();
  const { db } = database;
  const region = await makeOrg(db, 'regione');
  const a = await makeUser(db, region.id, ['network_admin']);
  const b = await makeUser(db, region.id, ['network_admin']);
  const ctx = (u: TestUser) => ({ userId: u.id, orgId: region.id, ip: null, requestId: null });
  const results = await Promise.all([
    removeMembership(db, ctx(a), b.id, region.id, 'network_admin'),
    removeMembership(db, ctx(b), a.id, region.id, 'network_admin'),
  ]);
  assert.deepEqual(
    results.sort((x, y) => String(x).localeCompare(String(y))),
    [null, 'users.refused.lastAdmin'].sort((x, y) => String(x).localeCompare(String(y))),
  );
  assert.equal((await admins()).length, 1, 'one administrator is left');
});
