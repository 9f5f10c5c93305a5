import { hash, parseOptions, verify } from '@node-rs/argon2';

// Password hashing with argon2id and the OWASP Password Storage Cheat Sheet's first recommended parameter set:
// 19 MiB of memory, 2 passes, 1 degree of parallelism (about 25–40 ms on this machine).
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id: the enum is a `const enum` that isolated modules cannot import.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** The smallest and largest password length accepted (NIST SP 800-63B: at least 8, allow long passphrases). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** The argon2id PHC string of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Whether `password` matches `passwordHash`. With `passwordHash` null (unknown user) a dummy hash is verified
 * anyway, so that the answer takes the same time and does not reveal whether the username exists.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (password.length === 0 || password.length > PASSWORD_MAX) return false;
  if (passwordHash === null || !passwordHash.startsWith('$argon2')) {
    dummy ??= hashPassword('ponte-dummy-password-for-timing');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a refusal, never a 5xx.
    return false;
  }
}

/** Whether a stored hash was made with weaker (or different) parameters than today's, so it should be redone. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const o = parseOptions(passwordHash);
    return (
      o.algorithm !== ARGON2_OPTIONS.algorithm ||
      o.memoryCost < ARGON2_OPTIONS.memoryCost ||
      o.timeCost < ARGON2_OPTIONS.timeCost
    );
  } catch {
    return true;
  }
}
