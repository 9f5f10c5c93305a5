import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PERMISSIONS, type Permission, ROLES } from '../src/platform/auth/permissions.ts';
import type { OrgKind, Role } from '../src/platform/db/schema.ts';
import { csrfFor, getTestDb, makeOrg, makeUser, testApp } from './helpers.ts';

// The authorization matrix (issue 2): for EVERY route the app registers, each role that lacks the route's
// permission is refused, and so is an anonymous visitor. Routes are read from the app itself, so a new route
// is covered the moment it exists. Refusals of records of another organisation are tested by each feature,
// where the records are (features/*/…authorization.test.ts).

const ORG_OF_ROLE: Record<Role, OrgKind> = {
  cav_operator: 'cav',
  cav_coordinator: 'cav',
  inps_officer: 'inps_office',
  inps_director: 'inps_office',
  social_worker: 'ats',
  trainer: 'inps_office',
  network_admin: 'regione',
  dpo: 'regione',
};

function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) =>
    /id$/i.test(name) ? '00000000-0000-4000-8000-000000000000' : 'x',
  );
}

test('every route declares its access, and each permission names only known roles', async () => {
  const app = await testApp();
  assert.ok(app.routeAccess.length > 5);
  for (const [permission, roles] of Object.entries(PERMISSIONS)) {
    for (const role of roles)
      assert.ok((ROLES as readonly string[]).includes(role), `${permission}: ${role}`);
  }
});

test('each route refuses every role that lacks its permission, and anonymous visitors', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const users = new Map<Role, { cookie: string; token: string }>();
  for (const role of ROLES) {
    const org = await makeOrg(db, ORG_OF_ROLE[role]);
    const user = await makeUser(db, org.id, [role]);
    users.set(role, await csrfFor(app, user.cookie));
  }
  const guarded = app.routeAccess.filter((r) => r.access !== 'public');
  assert.ok(guarded.length > 0);
  let checked = 0;
  for (const route of guarded) {
    const url = concrete(route.url);
    const method = route.method as 'GET' | 'POST';
    const anon = await app.inject({ method, url, headers: { accept: 'text/html' } });
    assert.ok(
      [302, 401, 403].includes(anon.statusCode),
      `${route.method} ${route.url} answered ${anon.statusCode} to an anonymous visitor`,
    );
    if (route.access === 'authenticated') continue;
    const allowed: readonly Role[] = PERMISSIONS[route.access as Permission];
    for (const role of ROLES) {
      if (allowed.includes(role)) continue;
      const u = users.get(role)!;
      const res = await app.inject({
        method,
        url,
        headers: { cookie: u.cookie, 'x-csrf-token': u.token, accept: 'text/html' },
        ...(method === 'GET' ? {} : { payload: { _csrf: u.token } }),
      });
      assert.equal(res.statusCode, 403, `${route.method} ${route.url} as ${role}: ${res.statusCode}`);
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test('"La mia disponibilità": only an INPS officer publishes her own desk days (desks.publish)', async () => {
  // The director plans desk days for her officers (desks.assign); the officer publishes only her own.
  assert.deepEqual([...PERMISSIONS['desks.publish']], ['inps_officer']);
  assert.deepEqual([...PERMISSIONS['desks.assign']], ['inps_director']);
  const app = await testApp();
  const routes = app.routeAccess.filter((r) => r.url.startsWith('/desks/availability'));
  assert.deepEqual(routes.map((r) => `${r.method} ${r.url} ${r.access}`).sort(), [
    'GET /desks/availability desks.publish',
    'GET /desks/availability/:sessionId/cancel desks.publish',
    'POST /desks/availability desks.publish',
    'POST /desks/availability/:sessionId/cancel desks.publish',
  ]);
});
