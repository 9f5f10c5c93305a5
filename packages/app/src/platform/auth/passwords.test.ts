import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hash, parseOptions } from '@node-rs/argon2';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

test('passwords are hashed with argon2id and the OWASP parameters (19 MiB, 2 passes, 1 lane)', async () => {
  const h = await hashPassword('correct horse battery staple');
  assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  const o = parseOptions(h);
  assert.equal(o.saltLen, 16);
  assert.notEqual(await hashPassword('correct horse battery staple'), h, 'a fresh salt each time');
  assert.equal(needsRehash(h), false);
});

test('verification accepts the password and nothing else, and never throws', async () => {
  const h = await hashPassword('correct horse battery staple');
  assert.equal(await verifyPassword(h, 'correct horse battery staple'), true);
  assert.equal(await verifyPassword(h, 'correct horse battery stapl'), false);
  assert.equal(await verifyPassword(h, ''), false);
  assert.equal(await verifyPassword(h, 'x'.repeat(10_000)), false);
  assert.equal(await verifyPassword(null, 'anything'), false, 'unknown user');
  assert.equal(
    await verifyPassword('x', 'anything'),
    false,
    'not an argon2 hash (e.g. a disabled placeholder)',
  );
  assert.equal(await verifyPassword('$argon2id$v=19$broken', 'anything'), false);
});

test('an unknown user costs an argon2 verification too (no timing oracle)', async () => {
  const h = await hashPassword('some password');
  await verifyPassword(null, 'warm-up');
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    for (let i = 0; i < 5; i++) await f();
    return performance.now() - t;
  };
  const known = await time(() => verifyPassword(h, 'wrong password'));
  const unknown = await time(() => verifyPassword(null, 'wrong password'));
  assert.ok(unknown > known / 3, `unknown ${unknown.toFixed(1)} ms vs known ${known.toFixed(1)} ms`);
});

test('weaker or different hashes are flagged for rehash at the next login', async () => {
  assert.equal(needsRehash(await hash('pw', { memoryCost: 4096, timeCost: 1 })), true);
  assert.equal(needsRehash(await hash('pw', { algorithm: 1, memoryCost: 19_456, timeCost: 2 })), true);
  assert.equal(needsRehash('not a hash'), true);
});
