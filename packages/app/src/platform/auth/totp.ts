import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import { nowMs } from '../clock.ts';

// The second factor: TOTP (RFC 6238, SHA-1, 6 digits, 30 s: what every authenticator app reads) and the
// single-use recovery codes. Replay protection lives in the caller, which stores the last accepted time step.
// "Now" is the application's clock (platform/clock.ts): a test that moves it gets the codes of that time.

export const TOTP_PERIOD = 30;

/** A new random TOTP secret: 20 bytes (160 bits, RFC 4226 §4), Base32 as the apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI that an authenticator app reads from the QR code. */
export function totpUri(issuer: string, username: string, secret: string): string {
  return generateURI({ issuer, label: username, secret });
}

/** The QR code of the URI, as a PNG data: URL (the CSP allows `img-src data:`; no third-party request). */
export async function totpQrDataUrl(uri: string): Promise<string> {
  // Loaded at the first enrolment, not at every start (issue 16).
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}

/** The code an authenticator app shows for `secret` now (or at `epochSeconds`): for tests and the demo. */
export function currentTotp(secret: string, epochSeconds = Math.floor(nowMs() / 1000)): string {
  return generateSync({ secret, epoch: epochSeconds });
}

/** The TOTP time step of an instant. */
export function totpStep(epochSeconds = Math.floor(nowMs() / 1000)): number {
  return Math.floor(epochSeconds / TOTP_PERIOD);
}

/**
 * Checks a 6-digit code against the secret, accepting one step before and after now (clock drift), and
 * refusing any step at or before `lastStep` (a code already used cannot be replayed). Returns the matched
 * step, which the caller must store as the new `lastStep` atomically.
 */
export function verifyTotp(
  secret: string,
  code: string,
  lastStep: number,
  epochSeconds = Math.floor(nowMs() / 1000),
): { valid: true; step: number } | { valid: false } {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return { valid: false };
  try {
    const r = verifySync({
      secret,
      token,
      epoch: epochSeconds,
      epochTolerance: TOTP_PERIOD,
      afterTimeStep: lastStep,
    });
    // The functional API types the result for TOTP and HOTP alike; a TOTP result carries its time step.
    return r.valid && 'timeStep' in r ? { valid: true, step: r.timeStep } : { valid: false };
  } catch {
    // A malformed secret is a refusal, never a 5xx.
    return { valid: false };
  }
}

// Recovery codes: 16 symbols of Crockford's Base32 (no I, L, O, U), 80 random bits, shown as XXXX-XXXX-XXXX-XXXX.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_COUNT = 10;

/** `count` new recovery codes, formatted for display. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0; i < 16; i++) s += CROCKFORD[randomInt(32)];
    return s.match(/.{4}/g)!.join('-');
  });
}

/** The canonical form of a typed recovery code: upper case, no separators, Crockford's look-alikes mapped. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/**
 * The stored form of a recovery code: SHA-256 over the user id and the normalised code. The code carries 80
 * random bits, so even a fast hash cannot be brute-forced from a leaked table, and the lookup is one indexed
 * equality instead of ten argon2 verifications per attempt (docs/decisions/0011-staff-login.md).
 */
export function hashRecoveryCode(userId: string, code: string): string {
  return createHash('sha256')
    .update(`ponte-recovery:${userId}:${normaliseRecoveryCode(code)}`)
    .digest('hex');
}

/** Whether a typed string has the shape of a recovery code (after normalisation). */
export function looksLikeRecoveryCode(input: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(normaliseRecoveryCode(input));
}
