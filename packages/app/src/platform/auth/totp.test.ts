import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  currentTotp,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpQrDataUrl,
  totpStep,
  totpUri,
  verifyTotp,
} from './totp.ts';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" (Base32 below), 8-digit codes truncated to 6.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('codes match the RFC 6238 test vectors (last 6 digits)', () => {
  assert.equal(currentTotp(RFC_SECRET, 59), '287082');
  assert.equal(currentTotp(RFC_SECRET, 1111111109), '081804');
  assert.equal(currentTotp(RFC_SECRET, 1234567890), '005924');
});

test('a code is accepted one step before and after now, not two', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000;
  const at = (steps: number) => currentTotp(secret, now + steps * 30);
  for (const steps of [-1, 0, 1]) {
    const r = verifyTotp(secret, at(steps), 0, now);
    assert.ok(r.valid, `step ${steps}`);
    assert.equal(r.step, totpStep(now) + steps);
  }
  for (const steps of [-3, -2, 2, 3]) {
    const code = at(steps);
    // A far step may by chance share its code with a near one; skip that (one chance in ~300,000).
    if ([-1, 0, 1].some((s) => at(s) === code)) continue;
    assert.equal(verifyTotp(secret, code, 0, now).valid, false, `step ${steps}`);
  }
});

test('a step at or before the last accepted one is refused (no replay)', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000;
  const step = totpStep(now);
  const code = currentTotp(secret, now);
  assert.ok(verifyTotp(secret, code, step - 1, now).valid);
  assert.equal(verifyTotp(secret, code, step, now).valid, false);
  assert.equal(verifyTotp(secret, code, step + 1, now).valid, false);
});

test('malformed codes and secrets are refusals, never exceptions', () => {
  const secret = newTotpSecret();
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), (code) => {
      const r = verifyTotp(secret, code, 0);
      assert.equal(typeof r.valid, 'boolean');
    }),
  );
  assert.equal(verifyTotp('not base32 at all!', '123456', 0).valid, false);
  assert.equal(verifyTotp('', '123456', 0).valid, false);
  assert.ok(
    verifyTotp(secret, ` ${currentTotp(secret).slice(0, 3)} ${currentTotp(secret).slice(3)} `, 0).valid,
  );
});

test('secrets are 160-bit Base32, the URI names issuer and account, the QR is a PNG data URL', async () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.notEqual(secret, newTotpSecret());
  const uri = totpUri('Ponte', 'm.rossi', secret);
  assert.equal(uri, `otpauth://totp/Ponte:m.rossi?secret=${secret}&issuer=Ponte`);
  assert.match(await totpQrDataUrl(uri), /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
});

test('recovery codes: ten distinct 80-bit codes, normalised when typed, hashed per user', () => {
  const codes = newRecoveryCodes();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) {
    assert.match(c, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.ok(looksLikeRecoveryCode(c));
    assert.ok(looksLikeRecoveryCode(c.toLowerCase().replaceAll('-', ' ')));
  }
  assert.equal(normaliseRecoveryCode(' abco-il12 '), 'ABC01112');
  const c = codes[0]!;
  const h = hashRecoveryCode('user-a', c);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(hashRecoveryCode('user-a', c.toLowerCase().replaceAll('-', '')), h);
  assert.notEqual(hashRecoveryCode('user-b', c), h, 'the same code of another user hashes differently');
  assert.equal(looksLikeRecoveryCode('AAAA-BBBB-CCCC'), false);
  assert.equal(looksLikeRecoveryCode('UUUU-UUUU-UUUU-UUUU'), false);
});
