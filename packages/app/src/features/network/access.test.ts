import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { csrfFor, getTestDb, makeOrg, makeUser, testApp } from '../../../test/helpers.ts';
import { PERMISSIONS, ROLES } from '../../platform/auth/permissions.ts';
import type { Role } from '../../platform/db/schema.ts';

// Every page of the network administration and of the audit search refuses every role that lacks its
// permission (403) and sends an anonymous visitor to the login page; nothing is written by a refused post.

test('every network and audit route refuses the other roles with 403 and anonymous visitors', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const regione = await makeOrg(db, 'regione');
  const cav = await makeOrg(db, 'cav');
  const target = await makeUser(db, cav.id, ['cav_operator']);
  const protocolId = randomUUID();
  await db
    .insertInto('protocol')
    .values({ id: protocolId, title: 'Prot', signed_on: '2023-07-01', valid_until: '2026-12-31' })
    .execute();
  await db
    .insertInto('protocol_signatory')
    .values({ protocol_id: protocolId, organisation_id: cav.id })
    .execute();

  const network: [string, string][] = [
    ['GET', '/network'],
    ['GET', '/network/organisations'],
    ['GET', '/network/organisations/new'],
    ['POST', '/network/organisations/new'],
    ['GET', `/network/organisations/${cav.id}`],
    ['POST', `/network/organisations/${cav.id}`],
    ['GET', `/network/organisations/${cav.id}/deactivate`],
    ['POST', `/network/organisations/${cav.id}/deactivate`],
    ['GET', '/network/territories'],
    ['GET', '/network/territories/new'],
    ['POST', '/network/territories/new'],
    ['GET', '/network/protocols'],
    ['GET', '/network/protocols/new'],
    ['POST', '/network/protocols/new'],
    ['GET', `/network/protocols/${protocolId}`],
    ['POST', `/network/protocols/${protocolId}`],
    ['POST', `/network/protocols/${protocolId}/signatories`],
    ['GET', `/network/protocols/${protocolId}/signatories/${cav.id}/remove`],
    ['POST', `/network/protocols/${protocolId}/signatories/${cav.id}/remove`],
    ['GET', '/network/users'],
    ['GET', '/network/users/new'],
    ['POST', '/network/users/new'],
    ['GET', `/network/users/${target.id}`],
    ['POST', `/network/users/${target.id}/memberships`],
    ['GET', `/network/users/${target.id}/memberships/remove?org=${cav.id}&role=cav_operator`],
    ['POST', `/network/users/${target.id}/memberships/remove`],
    ['GET', `/network/users/${target.id}/deactivate`],
    ['POST', `/network/users/${target.id}/deactivate`],
    ['GET', `/network/users/${target.id}/reset-second-factor`],
    ['POST', `/network/users/${target.id}/reset-second-factor`],
  ];
  const audit: [string, string][] = [
    ['GET', '/audit'],
    ['GET', '/audit?who=x'],
    ['POST', '/audit/verify'],
  ];
  const cases: { routes: [string, string][]; allowed: readonly Role[] }[] = [
    { routes: network, allowed: PERMISSIONS['network.manage'] },
    { routes: audit, allowed: PERMISSIONS['audit.read'] },
  ];
  let checked = 0;
  for (const { routes, allowed } of cases) {
    for (const role of ROLES.filter((r) => !allowed.includes(r))) {
      const user = await makeUser(db, role === 'network_admin' || role === 'dpo' ? regione.id : cav.id, [
        role,
      ]);
      const { cookie, token } = await csrfFor(app, user.cookie);
      for (const [method, url] of routes) {
        const res =
          method === 'GET'
            ? await app.inject({ method, url, headers: { cookie } })
            : await app.inject({
                method: 'POST',
                url,
                headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
                payload: `_csrf=${encodeURIComponent(token)}&name=Hacked&org=${cav.id}&role=cav_operator`,
              });
        assert.equal(res.statusCode, 403, `${role} ${method} ${url}`);
        assert.match(res.body, /Il tuo ruolo non consente questa operazione/, `${role} ${method} ${url}`);
        checked++;
      }
    }
    for (const [method, url] of routes) {
      const res = await app.inject({ method: method as 'GET' | 'POST', url });
      if (method === 'GET') {
        assert.equal(res.statusCode, 302, `anonymous ${url}`);
        assert.match(String(res.headers.location), /^\/login\?next=/);
      } else {
        assert.ok(
          res.statusCode === 401 || res.statusCode === 403,
          `anonymous ${method} ${url}: ${res.statusCode}`,
        );
      }
    }
  }
  assert.ok(checked >= 7 * network.length + 7 * audit.length);
  // Nothing was changed by any refused request.
  const t = await db
    .selectFrom('app_user')
    .select(['active'])
    .where('id', '=', target.id)
    .executeTakeFirstOrThrow();
  assert.equal(t.active, true);
  const c = await db
    .selectFrom('organisation')
    .select(['active', 'name'])
    .where('id', '=', cav.id)
    .executeTakeFirstOrThrow();
  assert.equal(c.active, true);
  assert.notEqual(c.name, 'Hacked');
  const after = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('action', 'like', 'network.%')
    .where('entity_id', 'in', [cav.id, target.id, protocolId])
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.n), 0);
});

test('the network admin and the DPO reach their pages; menus list them only for their role', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const regione = await makeOrg(db, 'regione');
  const admin = await makeUser(db, regione.id, ['network_admin']);
  const dpo = await makeUser(db, regione.id, ['dpo']);
  const adminHome = await app.inject({ url: '/home', headers: { cookie: admin.cookie } });
  assert.match(adminHome.body, /href="\/network\/organisations"/);
  assert.doesNotMatch(adminHome.body, /href="\/audit"/);
  const dpoHome = await app.inject({ url: '/home', headers: { cookie: dpo.cookie } });
  assert.match(dpoHome.body, /href="\/audit"/);
  assert.doesNotMatch(dpoHome.body, /href="\/network\/users"/);
  assert.equal((await app.inject({ url: '/network', headers: { cookie: admin.cookie } })).statusCode, 302);
  assert.equal((await app.inject({ url: '/audit', headers: { cookie: dpo.cookie } })).statusCode, 200);
});
