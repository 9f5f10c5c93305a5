import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../packages/app/src/app.ts';
import { ConfigError, loadConfig } from '../../packages/app/src/config.ts';
import { getTestDb, testApp, testConfig } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 8: /metrics was public, so an anonymous visitor read per-route counts (how many identity
// reveals were refused, for instance). It is now served only to a bearer token from configuration.

const TOKEN = 'metrics-token-for-the-test-0123456789abcdef';

test('finding 8: without a configured token /metrics does not exist for anyone', async () => {
  const app = await testApp();
  const anon = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(anon.statusCode, 404);
  assert.doesNotMatch(anon.body, /ponte_http_request_duration_seconds/);
  const guessed = await app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: 'Bearer undefined' },
  });
  assert.equal(guessed.statusCode, 404);
});

test('finding 8: with PONTE_METRICS_TOKEN only that bearer token reads /metrics', async () => {
  const database = await getTestDb();
  const app = await buildApp({ config: testConfig({ metricsToken: TOKEN }), database, logger: false });
  try {
    for (const authorization of [undefined, 'Bearer', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      assert.equal(res.statusCode, 401, String(authorization));
      assert.doesNotMatch(res.body, /ponte_http_request_duration_seconds/);
      assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    }
    const ok = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /ponte_http_request_duration_seconds/);
    assert.equal(ok.headers['cache-control'], 'no-store');
  } finally {
    await app.close();
  }
});

test('finding 8: PONTE_METRICS_TOKEN is read from the environment and must be long enough', () => {
  const env = { NODE_ENV: 'test', PONTE_SECRET: 'test-secret-test-secret-test-secret-0123' };
  assert.equal(loadConfig({ ...env, PONTE_METRICS_TOKEN: TOKEN }, { dataDir: null }).metricsToken, TOKEN);
  assert.equal(loadConfig(env, { dataDir: null }).metricsToken, undefined);
  assert.throws(
    () => loadConfig({ ...env, PONTE_METRICS_TOKEN: 'short' }, { dataDir: null }),
    (e: unknown) => e instanceof ConfigError && /PONTE_METRICS_TOKEN/.test(e.message),
  );
});
