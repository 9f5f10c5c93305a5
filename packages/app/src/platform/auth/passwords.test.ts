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

test('a new password: at least 12 characters, not common or decorated-common, not trivial, not personal, not the same', async () => {
  const { passwordProblem } = await import('./passwords.ts');
  const cases: [string, Parameters<typeof passwordProblem>[1], string | null][] = [
    ['corta', {}, 'length'],
    ['undici-cara', {}, 'length'],
    ['x'.repeat(257), {}, 'length'],
    // Straight from the list of common passwords (Italian favourites too), in any case.
    ['password1234', {}, 'common'],
    ['123456789012', {}, 'common'],
    ['1Q2W3E4R5T6Y', {}, 'common'],
    // A common word dressed up with digits, symbols or leet.
    ['Juventus2026!', {}, 'common'],
    ['!!amoremio2024', {}, 'common'],
    ['P@ssw0rd12345', {}, 'common'],
    // Repetitions and sequences.
    ['aaaaaaaaaaaa', {}, 'common'],
    ['abcabcabcabc', {}, 'common'],
    ['abcdefghijklm', {}, 'common'],
    ['987654321098', {}, 'common'],
    // Her username, or Ponte's name.
    ['maria.rossi-2026!', { username: 'maria.rossi' }, 'personal'],
    ['La mia PONTE preferita', {}, 'personal'],
    ['il mio vecchio segreto', { current: 'il mio vecchio segreto' }, 'same'],
    // Long, and hers.
    ['tre gatti sul tetto di via roma', { username: 'maria.rossi' }, null],
    ['Ilmiogatto2019!', {}, null],
    ['correct horse battery staple', {}, null],
  ];
  for (const [password, context, expected] of cases)
    assert.equal(await passwordProblem(password, context), expected, password);
});
