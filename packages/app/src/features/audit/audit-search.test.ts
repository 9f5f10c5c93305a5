import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import {
  csrfFor,
  getTestDb,
  makeOrg,
  makeUser,
  ownTestDb,
  type TestUser,
  testApp,
  testConfig,
} from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { appendAudit, entryHash, GENESIS_HASH, verifyAuditChain } from '../../platform/audit/audit.ts';
import { now } from '../../platform/clock.ts';

type Db = Awaited<ReturnType<typeof getTestDb>>['db'];

async function dpoUser(db: Db): Promise<TestUser> {
  const org = await makeOrg(db, 'regione');
  return makeUser(db, org.id, ['dpo']);
}
const get = (app: FastifyInstance, u: TestUser, url: string) =>
  app.inject({ url, headers: { cookie: u.cookie } });
/** The ids of the entries listed on a result page, in page order. */
const entries = (body: string) => [...body.matchAll(/data-entry="(\d+)"/g)].map((m) => Number(m[1]));

test('audit search: filters by who, action, record, address and dates; newest first; paginated', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const dpo = await dpoUser(db);
  const cav = await makeOrg(db, 'cav');
  const actor = await makeUser(db, cav.id, ['cav_operator']);
  const entity = randomUUID();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < 55; i++) {
      await appendAudit(tx, {
        actorUserId: actor.id,
        actorOrgId: cav.id,
        action: i % 5 === 0 ? 'case.read' : 'case.updated',
        entityType: 'case',
        entityId: i === 7 ? entity : `c-${i}`,
        ip: i === 9 ? '203.0.113.9' : '198.51.100.1',
      });
    }
  });
  const byWho = await get(app, dpo, `/audit?who=${actor.username}`);
  assert.equal(byWho.statusCode, 200);
  assert.match(byWho.body, /Risultati 1–50 di 55/);
  const ids = entries(byWho.body);
  assert.equal(ids.length, 50);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => b - a),
  );
  assert.match(byWho.body, new RegExp(cav.name));
  const page2 = await get(app, dpo, `/audit?who=${actor.username}&page=2`);
  assert.equal(entries(page2.body).length, 5);
  assert.ok(Math.max(...entries(page2.body)) < Math.min(...ids));

  const byAction = await get(app, dpo, `/audit?who=${actor.username}&action=case.read`);
  assert.match(byAction.body, /Risultati 1–11 di 11/);
  const byRecord = await get(app, dpo, `/audit?entity_type=case&entity_id=${entity}`);
  assert.equal(entries(byRecord.body).length, 1);
  assert.match(byRecord.body, new RegExp(`case ${entity}`));
  const byIp = await get(app, dpo, `/audit?who=${actor.username}&ip=203.0.113.9`);
  assert.equal(entries(byIp.body).length, 1);
  assert.match(byIp.body, /203\.0\.113\.9/);

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(now());
  const inRange = await get(app, dpo, `/audit?who=${actor.username}&from=${today}&to=${today}`);
  assert.match(inRange.body, /di 55/);
  const future = await get(app, dpo, `/audit?who=${actor.username}&from=2099-12-31`);
  assert.equal(future.statusCode, 200);
  assert.match(future.body, /Nessun risultato/);

  // The search itself is recorded, with its filters.
  const logged = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'audit.searched')
    .where('actor_user_id', '=', dpo.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const details = (typeof logged.details === 'string' ? JSON.parse(logged.details) : logged.details) as {
    filters: { who?: string; from?: string };
  };
  assert.equal(details.filters.who, actor.username);
  // The start of 31 December 2099 in Italy (UTC+1 in winter).
  assert.equal(details.filters.from, '2099-12-30T23:00:00.000Z');
});

test('audit search: invalid filters give a 400 page with messages next to the fields, values kept', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const dpo = await dpoUser(db);
  const res = await get(app, dpo, '/audit?from=2026-02-30&ip=not%20an%20ip&who=maria');
  assert.equal(res.statusCode, 400);
  assert.match(
    res.body,
    /id="field-from-error"[^>]*>Questa data non esiste nel calendario: controlla il giorno e il mese\./,
  );
  assert.match(res.body, /id="field-ip-error"/);
  assert.match(res.body, /value="maria"/);
  assert.match(res.body, /value="2026-02-30"/);
  const early = await get(app, dpo, '/audit?from=0001-01-01&to=99999-01-01');
  assert.equal(early.statusCode, 400);
  assert.match(
    early.body,
    /id="field-from-error"[^>]*>La data deve essere tra il 1° gennaio 2000 e il 31 dicembre 2099\./,
  );
  assert.match(early.body, /id="field-to-error"[^>]*>Scrivi la data come gg\/mm\/aaaa/);
  const range = await get(app, dpo, '/audit?from=2026-03-02&to=2026-03-01');
  assert.equal(range.statusCode, 400);
  assert.match(range.body, /id="field-to-error"[^>]*>La data finale deve essere uguale o successiva/);
});

// The tests that verify the whole chain run on a database of their own: on the process's shared database the chain
// holds every entry the other files have written, and each verification would walk all of them.
describe('on a database of its own', () => {
  let database: Awaited<ReturnType<typeof ownTestDb>>;
  const own = {} as { app: FastifyInstance; db: Db };
  before(async () => {
    database = await ownTestDb();
    own.db = database.db;
    own.app = await buildApp({ config: testConfig(), database, logger: false });
    // A first entry, as any running Ponte has: it switches the chain to keyed links (audit.chain_keyed).
    await appendAudit(own.db, {
      action: 'test.started',
      entityType: 'test',
      entityId: 'own',
      ip: '192.0.2.1',
    });
  });
  after(async () => {
    await own.app?.close();
    await database?.close();
  });

  test('audit search: times are shown in Europe/Rome local time', async () => {
    const { app, db } = own;
    const dpo = await dpoUser(db);
    const marker = `tz-${randomUUID()}`;
    // An entry at a known instant (summer time: UTC+2), appended to the chain exactly as appendAudit would.
    await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${0x504f4e5445})`.execute(tx);
      const last = await tx
        .selectFrom('audit_log')
        .select('hash')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row = {
        at: new Date('2026-07-01T10:00:00.000Z'),
        actor_user_id: null,
        actor_org_id: null,
        action: 'test.timezone',
        entity_type: 'test',
        entity_id: marker,
        ip: null,
        request_id: null,
        details: {},
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      await tx
        .insertInto('audit_log')
        .values({ ...row, details: JSON.stringify({}), hash: entryHash(row) })
        .execute();
    });
    const res = await get(app, dpo, `/audit?entity_id=${marker}`);
    assert.match(res.body, /1 luglio 2026, 12:00:00/);
    assert.match(res.body, /datetime="2026-07-01T10:00:00.000Z"/);
    assert.match(res.body, /sistema/);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('verify button: intact chain, then a tampered entry is named, then intact again', async () => {
    const { app, db } = own;
    const dpo = await dpoUser(db);
    const verify = async () => {
      const { cookie, token } = await csrfFor(app, dpo.cookie, '/audit');
      return app.inject({
        method: 'POST',
        url: '/audit/verify',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(token)}`,
      });
    };
    const ok = await verify();
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Registro integro: \d+ voci verificate\./);
    assert.ok(
      await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'audit.verified')
        .where('actor_user_id', '=', dpo.id)
        .executeTakeFirst(),
    );

    const marker = `tamper-${randomUUID()}`;
    await appendAudit(db, { action: 'test.tamper', entityType: 'test', entityId: marker, ip: '192.0.2.1' });
    const row = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', marker)
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    // A superuser disables the append-only trigger and edits the entry: verify must name it.
    const tamper = async (ip: string) => {
      await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
      try {
        await sql`update audit_log set ip = ${ip} where id = ${id}`.execute(db);
      } finally {
        await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
      }
    };
    await tamper('10.0.0.66');
    try {
      const broken = await verify();
      assert.equal(broken.statusCode, 200);
      assert.match(
        broken.body,
        new RegExp(
          `Registro ALTERATO: la prima voce non valida è la n\\. ${id} \\(il contenuto è stato modificato\\)`,
        ),
      );
      assert.match(broken.body, new RegExp(`data-broken-entry="${id}"`));
    } finally {
      await tamper('192.0.2.1');
    }
    const again = await verify();
    assert.match(again.body, /Registro integro/);
  });
});
