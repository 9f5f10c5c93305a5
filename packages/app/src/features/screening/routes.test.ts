import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rulesVersion } from '@ponte/rules';
import { testApp } from '../../../test/helpers.ts';

const situation = {
  id: 'api-auu',
  date: '2025-06-01',
  region: 'marche',
  person: {
    birthDate: '1975-01-01',
    sex: 'F',
    citizenship: 'it',
    residenceYears: 30,
    residenceContinuousYears: 30,
    work: 'inactive',
    disability: 'none',
  },
  household: { members: [{ relation: 'child', birthDate: '2020-02-01', disability: 'none' }], isee: 15000 },
};

test('POST /api/v1/screen assesses one situation with the rules version and nothing stored', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'POST', url: '/api/v1/screen', payload: situation });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.cookies.length, 0);
  const body = res.json();
  assert.equal(body.id, 'api-auu');
  assert.equal(body.rules, rulesVersion);
  const auu = body.results.find((r: { benefit: string }) => r.benefit === 'assegno_unico');
  assert.equal(auu.status, 'eligible');
  assert.equal(auu.amount.monthly, 201);
});

test('POST /api/v1/screen takes an array, answers in English, and marks invalid items with an error', async () => {
  const app = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/screen?lang=en',
    payload: [situation, { id: 'bad', date: 'not-a-date' }],
  });
  assert.equal(res.statusCode, 200);
  const [ok, bad] = res.json();
  assert.equal(ok.id, 'api-auu');
  assert.ok(ok.results.length > 0);
  assert.equal(bad.error.code, 'PONTE_ERR_INVALID_SITUATION');
  assert.match(bad.error.path, /date/);
});

test('POST /api/v1/screen?compact=1: statuses, amounts, missing facts and reason codes, the texts in the catalogue', async () => {
  const app = await testApp();
  const full = (await app.inject({ method: 'POST', url: '/api/v1/screen', payload: [situation] })).json()[0];
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/screen?compact=1',
    payload: [situation, { id: 'bad', date: 'not-a-date' }],
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], 'no-store');
  const [ok, bad] = res.json();
  assert.equal(ok.rules, rulesVersion);
  assert.equal(ok.results.length, full.results.length);
  for (const [i, r] of ok.results.entries()) {
    const f = full.results[i];
    assert.deepEqual(
      Object.keys(r),
      Object.keys(f).filter((k) =>
        ['benefit', 'status', 'amount', 'reasons', 'missing', 'error'].includes(k),
      ),
    );
    assert.equal(r.status, f.status);
    assert.deepEqual(r.amount, f.amount);
    assert.deepEqual(r.missing, f.missing);
    assert.deepEqual(
      r.reasons,
      f.reasons.map((x: { code: string; met: boolean | null; verify?: true }) =>
        x.verify ? { code: x.code, met: x.met, verify: true } : { code: x.code, met: x.met },
      ),
    );
  }
  assert.doesNotMatch(res.body, /"(text|name|source|documents|apply|compatibility)":/);
  assert.equal(bad.error.code, 'PONTE_ERR_INVALID_SITUATION');
  const one = await app.inject({ method: 'POST', url: '/api/v1/screen?compact=1', payload: situation });
  assert.equal(one.statusCode, 200);
  assert.deepEqual(one.json(), ok);
  const invalid = await app.inject({
    method: 'POST',
    url: '/api/v1/screen?compact=1',
    payload: { date: 'x' },
  });
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().error.code, 'PONTE_ERR_INVALID_SITUATION');
  const odd = await app.inject({ method: 'POST', url: '/api/v1/screen?compact=yes', payload: situation });
  assert.equal(odd.statusCode, 400);
});

test('POST /api/v1/screen refuses bad bodies with a clear 4xx, never a 5xx', async () => {
  const app = await testApp();
  const single = await app.inject({
    method: 'POST',
    url: '/api/v1/screen',
    payload: { id: 'x', date: '1999-01-01' },
  });
  assert.equal(single.statusCode, 400);
  assert.equal(single.json().error.code, 'PONTE_ERR_DATE_OUT_OF_RANGE');
  const tooMany = await app.inject({
    method: 'POST',
    url: '/api/v1/screen',
    payload: Array.from({ length: 1001 }, () => situation),
  });
  // Above the anonymous batch size (test/security/screen-cost.test.ts): 413, with the limit in the message.
  assert.equal(tooMany.statusCode, 413);
  assert.equal(tooMany.json().error.code, 'PONTE_ERR_PAYLOAD_TOO_LARGE');
  const empty = await app.inject({ method: 'POST', url: '/api/v1/screen', payload: [] });
  assert.equal(empty.statusCode, 400);
  assert.equal(empty.json().error.code, 'PONTE_ERR_VALIDATION');
  const notJson = await app.inject({
    method: 'POST',
    url: '/api/v1/screen',
    headers: { 'content-type': 'application/json' },
    payload: '{"id":',
  });
  assert.equal(notJson.statusCode, 400);
  const wrongType = await app.inject({
    method: 'POST',
    url: '/api/v1/screen',
    headers: { 'content-type': 'text/csv' },
    payload: 'a,b',
  });
  assert.equal(wrongType.statusCode, 415);
  const scalar = await app.inject({
    method: 'POST',
    url: '/api/v1/screen',
    payload: '42',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(scalar.statusCode, 400);
});

test('GET /api/v1/benefits lists the catalogue in Italian and English; /api/docs is OpenAPI 3', async () => {
  const app = await testApp();
  const it = (await app.inject({ method: 'GET', url: '/api/v1/benefits' })).json();
  const en = (await app.inject({ method: 'GET', url: '/api/v1/benefits?lang=en' })).json();
  assert.equal(it.rules, rulesVersion);
  assert.ok(it.benefits.length >= 1);
  assert.deepEqual(
    it.benefits.map((b: { id: string }) => b.id),
    en.benefits.map((b: { id: string }) => b.id),
  );
  const rdlIt = it.benefits.find((b: { id: string }) => b.id === 'reddito_di_liberta');
  const rdlEn = en.benefits.find((b: { id: string }) => b.id === 'reddito_di_liberta');
  assert.ok(rdlIt.acts.length > 0);
  assert.notEqual(rdlIt.description, rdlEn.description);
  const bad = await app.inject({ method: 'GET', url: '/api/v1/benefits?lang=xx' });
  assert.equal(bad.statusCode, 400);
  const docs = await app.inject({ method: 'GET', url: '/api/docs' });
  assert.equal(docs.statusCode, 200);
  const spec = docs.json();
  assert.match(spec.openapi, /^3\./);
  assert.ok(spec.paths['/api/v1/screen'].post);
  assert.ok(spec.paths['/api/v1/benefits'].get);
});

test('the public API limit (120 a minute per address) is shared by every instance on the database', async () => {
  const app = await testApp();
  const { buildApp } = await import('../../app.ts');
  const { getTestDb, testConfig } = await import('../../../test/helpers.ts');
  const other = await buildApp({ config: testConfig(), database: await getTestDb(), logger: false });
  try {
    const remoteAddress = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const call = (a: typeof app) =>
      a.inject({ method: 'POST', url: '/api/v1/screen', payload: situation, remoteAddress });
    for (let i = 0; i < 60; i++) assert.equal((await call(app)).statusCode, 200);
    for (let i = 0; i < 60; i++) assert.equal((await call(other)).statusCode, 200);
    const refused = await call(app);
    assert.equal(refused.statusCode, 429, 'the 121st request, on either instance, is refused');
    assert.equal((await call(other)).statusCode, 429);
    const another = await app.inject({
      method: 'POST',
      url: '/api/v1/screen',
      payload: situation,
      remoteAddress: '10.251.251.251',
    });
    assert.equal(another.statusCode, 200, 'another address is not affected');
    const keys = await (await getTestDb()).db.selectFrom('throttle').select('key').execute();
    assert.ok(!keys.some((k) => k.key.includes(remoteAddress)), 'the address is stored only hashed');
  } finally {
    await other.close();
  }
});
