import { createHash, createPrivateKey, createPublicKey, type KeyObject, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';

// The certificate as an Open Badges 3.0 `OpenBadgeCredential`, secured as a VC-JWT (decision 0053: one proof format
// only, EdDSA over Ed25519 with `jose`). The JWT's payload IS the credential (VC 2.0, VC-JOSE-COSE), with the
// registered claims mirroring it (iss, jti, nbf, exp). No JSON-LD processing happens anywhere: the two contexts are
// the pinned constants below, never fetched, and a verifier needs only the public key Ponte publishes.

/** The contexts, in the order Open Badges 3.0 requires: VC 2.0 first, then the OB context of a fixed version. */
export const CONTEXTS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
] as const;

export const JWT_TYPE = 'vc+jwt';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  jwk: JWK;
}

const keyCache = new Map<string, Promise<SigningKey>>();

/** The signing key of a configuration (PKCS#8 PEM), with its public JWK and key id (the JWK thumbprint). */
export function signingKey(pem: string): Promise<SigningKey> {
  let k = keyCache.get(pem);
  if (!k) {
    k = (async () => {
      const privateKey = createPrivateKey(pem);
      const publicKey = createPublicKey(privateKey);
      const { calculateJwkThumbprint, exportJWK } = await import('jose');
      const jwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(jwk);
      return { privateKey, publicKey, kid, jwk: { ...jwk, kid, alg: 'EdDSA', use: 'sig' } };
    })();
    keyCache.set(pem, k);
  }
  return k;
}

/** The JWKS Ponte publishes (/verifica/chiavi): the public key that verifies every certificate. */
export async function jwks(pem: string): Promise<{ keys: JWK[] }> {
  return { keys: [(await signingKey(pem)).jwk] };
}

export interface CredentialInput {
  certificateId: string;
  courseId: string;
  publicUrl: string;
  issuerName: string;
  courseTitle: string;
  objectives: string;
  directionLabel: string;
  hours: number;
  minAttendancePct: number;
  firstDay: string;
  lastDay: string;
  validFrom: Date;
  validUntil: Date | null;
  /** Her e-mail (or, without one, her account id), hashed with a fresh salt: never a public profile. */
  recipient: { value: string; type: 'emailAddress' | 'identifier' };
  code: string;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The issuer's id: the address of Ponte's issuer profile. */
export const issuerId = (publicUrl: string) => `${publicUrl}/verifica/emittente`;
/** The verification address of a code (the QR code of the PDF). */
export const verifyUrl = (publicUrl: string, code: string) =>
  `${publicUrl}/verifica?codice=${encodeURIComponent(code)}`;

/** The salted hash of an identity, as Open Badges 3.0 writes it (`sha256$` + hex). */
export function identityHash(value: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(value + salt)
    .digest('hex')}`;
}

/** The unsigned credential. */
export function buildCredential(i: CredentialInput): Record<string, unknown> {
  const salt = randomBytes(16).toString('hex');
  const value =
    i.recipient.type === 'emailAddress' ? i.recipient.value.trim().toLowerCase() : i.recipient.value;
  return {
    '@context': [...CONTEXTS],
    id: `urn:uuid:${i.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: i.courseTitle,
    issuer: { id: issuerId(i.publicUrl), type: ['Profile'], name: i.issuerName, url: i.publicUrl },
    validFrom: iso(i.validFrom),
    ...(i.validUntil ? { validUntil: iso(i.validUntil) } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: identityHash(value, salt),
          identityType: i.recipient.type,
          hashed: true,
          salt,
        },
      ],
      activityStartDate: `${i.firstDay}T00:00:00Z`,
      activityEndDate: `${i.lastDay}T00:00:00Z`,
      creditsEarned: i.hours,
      achievement: {
        id: `urn:uuid:${i.courseId}`,
        type: ['Achievement'],
        achievementType: 'Course',
        name: i.courseTitle,
        description: i.objectives,
        criteria: {
          narrative: `Frequenza di almeno il ${i.minAttendancePct}% delle ore del corso (${i.hours} ore).`,
        },
        creditsAvailable: i.hours,
        tag: [i.directionLabel],
      },
    },
    evidence: [
      { type: ['Evidence'], id: verifyUrl(i.publicUrl, i.code), name: 'Verifica', narrative: i.code },
    ],
  };
}

/** Signs a credential as a VC-JWT (compact JWS, EdDSA); the registered claims mirror the credential. */
export async function signCredential(credential: Record<string, unknown>, pem: string): Promise<string> {
  const key = await signingKey(pem);
  const issuer = credential.issuer as { id: string };
  const secs = (s: unknown) => Math.floor(new Date(String(s)).getTime() / 1000);
  const payload = {
    ...credential,
    iss: issuer.id,
    jti: credential.id,
    nbf: secs(credential.validFrom),
    ...(credential.validUntil ? { exp: secs(credential.validUntil) } : {}),
  };
  const { CompactSign } = await import('jose');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: JWT_TYPE, kid: key.kid })
    .sign(key.privateKey);
}

export type CheckedCredential =
  | { ok: true; payload: Record<string, unknown>; certificateId: string }
  | { ok: false; reason: 'malformed' | 'signature' | 'not_ours' };

const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Verifies a VC-JWT's signature with Ponte's key (not its dates: the state comes from the certificate's record). */
export async function verifyJwt(jwt: string, pem: string): Promise<CheckedCredential> {
  const text = jwt.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text))
    return { ok: false, reason: 'malformed' };
  // jose is loaded at the first credential signed or checked, not at every start (issue 16).
  const { compactVerify, decodeJwt } = await import('jose');
  let payload: Record<string, unknown>;
  try {
    payload = decodeJwt(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const key = await signingKey(pem);
  try {
    await compactVerify(text, key.publicKey, { algorithms: ['EdDSA'] });
  } catch {
    return { ok: false, reason: 'signature' };
  }
  const m = UUID_URN.exec(String(payload.jti ?? payload.id ?? ''));
  if (!m) return { ok: false, reason: 'not_ours' };
  return { ok: true, payload, certificateId: (m[1] as string).toLowerCase() };
}

/** A JSON value with its keys in a fixed order, to compare two credentials field by field. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const JWT_CLAIMS = ['iss', 'jti', 'nbf', 'exp', 'iat', 'sub'];

/** The credential of a signed payload, without the JWT's registered claims. */
export function credentialOf(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !JWT_CLAIMS.includes(k)));
}

/**
 * Whether a credential posted as JSON is exactly the one signed in `jwt` (an EnvelopedVerifiableCredential
 * carries the JWT itself and is checked as such by the caller). One character changed anywhere: false.
 */
export function sameCredential(posted: unknown, signedPayload: Record<string, unknown>): boolean {
  if (!posted || typeof posted !== 'object' || Array.isArray(posted)) return false;
  return (
    canonical(credentialOf(posted as Record<string, unknown>)) === canonical(credentialOf(signedPayload))
  );
}

/** The credential id (its certificate's uuid) a posted JSON names, or null. */
export function certificateIdOf(posted: unknown): string | null {
  if (!posted || typeof posted !== 'object') return null;
  const m = UUID_URN.exec(String((posted as { id?: unknown }).id ?? ''));
  return m ? (m[1] as string).toLowerCase() : null;
}

/** The JWT inside a VC 2.0 EnvelopedVerifiableCredential (`data:application/vc+jwt,<jwt>`), or null. */
export function envelopedJwt(posted: unknown): string | null {
  if (!posted || typeof posted !== 'object') return null;
  const o = posted as { type?: unknown; id?: unknown };
  const types = Array.isArray(o.type) ? o.type : [o.type];
  if (!types.includes('EnvelopedVerifiableCredential')) return null;
  const m = /^data:application\/vc\+jwt,(.+)$/.exec(String(o.id ?? ''));
  return m ? (m[1] as string) : null;
}

// ── Verification codes ─────────────────────────────────────────────────────────────────────────────────────
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new verification code, e.g. PNT-7KQ2-MX4D-9RTA (60 random bits, no 0/O/1/I to misread). */
export function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `PNT-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The code as typed (spaces, lower case, missing dashes forgiven), or null when it cannot be one. */
export function readCode(raw: string | undefined | null): string | null {
  if (typeof raw !== 'string' || raw.length > 60) return null;
  const s = raw.toUpperCase().replace(/[\s-]/g, '');
  const m = /^PNT([A-Z2-9]{4})([A-Z2-9]{4})([A-Z2-9]{4})$/.exec(s);
  if (!m) return null;
  return `PNT-${m[1]}-${m[2]}-${m[3]}`;
}
