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

// ── What a new password must be ────────────────────────────────────────────────────────────────────────────
// NIST SP 800-63B §3.1.1.2: a length floor (Ponte: 12), no composition rules, and a check against passwords that
// are known to be common, expected or compromised. The list is the 49,000 most common passwords of public breach
// corpora, as maintained in the npm package @zxcvbn-ts/language-common (Italian favourites such as "juventus" and
// "amoremio" included). A password is also refused when it only decorates one of them ("Juventus2026!",
// "P@ssw0rd1234"), repeats or counts ("aaaaaaaaaaaa", "abcdefghijkl"), or contains her username or Ponte's name.

/** Why a new password is refused (message keys `auth.password.err.*`), or null when it is acceptable. */
export type PasswordProblem = 'length' | 'common' | 'personal' | 'same';

let common: Promise<Set<string>> | undefined;

/** The common-password list, loaded on first use (about 49,000 lower-case entries). */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    (m) => new Set(m.dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return common;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** The words a decorated password may hide: as typed, without leading and trailing digits and symbols, de-leeted. */
function cores(password: string): string[] {
  const lower = password.toLowerCase().normalize('NFKC');
  const stripped = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const unleet = (s: string) => [...s].map((c) => LEET[c] ?? c).join('');
  return [...new Set([lower, stripped, unleet(lower), unleet(lower).replace(/^[\d\W_]+|[\d\W_]+$/gu, '')])];
}

/** "aaaaaaaaaaaa", "abcabcabcabc", "123456789012", "abcdefghijkl", "zyxwvutsrqpo": no secret in them. */
function trivial(password: string): boolean {
  const chars = [...password.toLowerCase()];
  for (let unit = 1; unit <= 4; unit++) {
    if (chars.length % unit === 0 && chars.every((c, i) => c === chars[i % unit])) return true;
  }
  // Each step between neighbours; digits count round the clock ("…7890123…" and "…3210987…").
  const steps = chars.slice(1).map((c, i) => {
    const prev = chars[i] ?? '';
    const step = (c.codePointAt(0) ?? 0) - (prev.codePointAt(0) ?? 0);
    if (!/\d/.test(c) || !/\d/.test(prev)) return step;
    const round = (step + 10) % 10;
    return round === 9 ? -1 : round;
  });
  return steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

/**
 * Checks a password someone chooses (her own, or an administrator's one-time password): at least PASSWORD_MIN
 * characters (at most PASSWORD_MAX), not common, not trivial, not built on her username or on Ponte's name, and —
 * when she changes it — not the current one.
 */
export async function passwordProblem(
  password: string,
  context: { username?: string | undefined; current?: string | undefined } = {},
): Promise<PasswordProblem | null> {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return 'length';
  if (context.current !== undefined && password === context.current) return 'same';
  const lower = password.toLowerCase();
  const personal = ['ponte', 'inpspertutti', context.username?.toLowerCase()].filter(
    (w): w is string => !!w && w.length >= 3,
  );
  if (personal.some((w) => lower.includes(w))) return 'personal';
  if (trivial(password)) return 'common';
  const list = await commonPasswords();
  if (cores(password).some((c) => c.length >= 3 && (list.has(c) || trivial(c)))) return 'common';
  return null;
}
