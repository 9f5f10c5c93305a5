// Two Ponte instances against one PostgreSQL server (architecture.md §4: app processes are stateless). Runs in
// the database group only (`DATABASE_URL=… node scripts/test.mjs --db`): PGlite is one process's database.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { currentTotp } from '../src/features/auth/index.ts';
import { appendAudit, verifyAuditChain } from '../src/platform/audit/audit.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { newTotpSecret } from '../src/platform/auth/totp.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { enqueue, JobWorker } from '../src/platform/jobs/jobs.ts';
import { getTestDb, makeOrg, makeUser, testConfig } from './helpers.ts';

const url = process.env.DATABASE_URL;
const skip = url ? false : 'needs a PostgreSQL server (DATABASE_URL)';

interface Instance {
  app: FastifyInstance;
  database: Database;
  base: string;
}

const open: Instance[] = [];
after(async () => {
  for (const i of open) {
    await i.app.close();
    await i.database.close();
  }
});

/** One more Ponte process: its own connection pool, its own HTTP server on a free port. */
async function instance(): Promise<Instance> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  const app = await buildApp({ config: testConfig({ databaseUrl: url }), database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const i = { app, database, base: `http://127.0.0.1:${address.port}` };
  open.push(i);
  return i;
}

/** A browser's cookie jar over fetch: keeps what the server sets, follows no redirect by itself. */
class Client {
  private readonly jar = new Map<string, string>();
  private csrf = '';

  async get(base: string, path: string): Promise<Response> {
    return this.keep(await fetch(base + path, { headers: { cookie: this.cookie() }, redirect: 'manual' }));
  }

  async post(base: string, path: string, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ ...fields, _csrf: this.csrf }).toString();
    return this.keep(
      await fetch(base + path, {
        method: 'POST',
        body,
        headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      }),
    );
  }

  private cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async keep(res: Response): Promise<Response> {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line))
        this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), value);
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return new Response(text, { status: res.status, headers: res.headers });
  }
}

test('a login started on one instance finishes on the other; the session works on both and ends on both', {
  skip,
}, async () => {
  const { db } = await getTestDb();
  const [a, b] = [await instance(), await instance()];
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const secret = newTotpSecret();
  await db
    .updateTable('app_user')
    .set({ password_hash: await hashPassword('Due-istanze-2026'), totp_secret: secret })
    .where('id', '=', user.id)
    .execute();
  await db.deleteFrom('session').where('user_id', '=', user.id).execute();

  const browser = new Client();
  assert.equal((await browser.get(a.base, '/login')).status, 200);
  const password = await browser.post(a.base, '/login', {
    username: user.username,
    password: 'Due-istanze-2026',
  });
  assert.equal(password.status, 303);
  assert.equal(password.headers.get('location'), '/login/totp');
  // The second factor on the other instance: the half-open session is in the database, not in a process.
  assert.equal((await browser.get(b.base, '/login/totp')).status, 200);
  const totp = await browser.post(b.base, '/login/totp', { code: currentTotp(secret) });
  assert.equal(totp.status, 303);
  for (const i of [a, b]) {
    const home = await browser.get(i.base, '/home');
    assert.equal(home.status, 200);
    assert.match(await home.text(), new RegExp(user.username));
  }

  // Logout on A ends the session for B too.
  assert.equal((await browser.post(a.base, '/logout', {})).status, 303);
  const after = await browser.get(b.base, '/home');
  assert.equal(after.status, 302);
  assert.match(String(after.headers.get('location')), /^\/login/);
});

test('jobs enqueued on one instance run exactly once across the workers of both', { skip }, async () => {
  const [a, b] = [await instance(), await instance()];
  const kind = `test.multi.${Date.now()}`;
  const runs: string[] = [];
  const handler = (who: string) => async (payload: Record<string, unknown>) => {
    runs.push(`${who}:${payload.n}`);
  };
  for (let n = 0; n < 30; n++) await enqueue(a.database.db, kind, { n });
  const wa = new JobWorker(a.database.db, { workerId: 'instance-a' }).register(kind, handler('a'));
  const wb = new JobWorker(b.database.db, { workerId: 'instance-b' }).register(kind, handler('b'));
  const [ra, rb] = await Promise.all([wa.drain(), wb.drain()]);
  assert.equal(ra + rb, 30);
  const ns = runs.map((r) => Number(r.split(':')[1])).sort((x, y) => x - y);
  assert.deepEqual(
    ns,
    Array.from({ length: 30 }, (_, i) => i),
  );
});

test('audit entries appended at once from both instances keep one unbroken chain', { skip }, async () => {
  const [a, b] = [await instance(), await instance()];
  await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      appendAudit((n % 2 ? a : b).database.db, { action: 'test.multi_instance', details: { n } }),
    ),
  );
  const result = await verifyAuditChain(a.database.db);
  assert.equal(result.ok, true, JSON.stringify(result.firstBroken));
  assert.ok(result.checked >= 20);
});
