import { createPrivateKey, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CryptoError, derivedKeySpec, newKeySpec, parseKeyring } from './platform/crypto/index.ts';

/** Typed configuration of a Ponte process, read once from the environment and validated at start-up. */
export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** PostgreSQL server URL; when absent Ponte uses the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Role the app's connections switch to on a server (migrations run as the connecting user). */
  databaseRole: string | undefined;
  /** Folder of the embedded database and of the development secrets; `null` keeps PGlite in memory. */
  dataDir: string | null;
  /** Secret that signs cookies and derives CSRF tokens (32+ bytes, base64 or hex). */
  secret: string;
  sessionIdleMinutes: number;
  /** Hours after the login at which a session ends however active it is (the absolute lifetime). */
  sessionMaxHours: number;
  /** Minutes before the idle expiry at which the page warns the user. */
  sessionWarnMinutes: number;
  /** When true, cookies are marked Secure (Ponte served over HTTPS, directly or behind a proxy). */
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where the quick exit of the public pages sends the visitor. */
  quickExitUrl: string;
  /** The name shown in TOTP apps for staff accounts. */
  totpIssuer: string;
  /** Whether the background job worker runs in this process. */
  jobs: boolean;
  /**
   * Master keys of the envelope encryption of identifying data (`id:base64key,…`, the first one active).
   * Required in production; in development kept in the data folder, in memory derived from the secret.
   */
  encryptionKeys: string;
  /** Days after a consultation card's last outcome at which the card closes by itself. */
  cardCloseDays: number;
  /** Months after a case closes at which her identifying data is erased (the `cases.retention` job). */
  identityRetentionMonths: number;
  /**
   * Key of the audit log's links and checkpoints (HMAC-SHA-256), never stored in the database. Required in
   * production; in development kept in the data folder, in memory derived from the secret.
   */
  auditKey: string;
  /** File the signed checkpoints of the audit log are appended to (outside the database); null: log only. */
  auditCheckpointFile: string | null;
  /** Bearer token that reads /metrics; without one /metrics does not exist. */
  metricsToken: string | undefined;
  /** Login through the organisation's identity provider (OpenID Connect); null when not configured. */
  oidc: OidcConfig | null;
  /** A PostgreSQL streaming replica for heavy reads (`DATABASE_READ_URL`); undefined: the primary serves them. */
  databaseReadUrl: string | undefined;
  /** Seconds of replication lag beyond which heavy reads go back to the primary (`PONTE_READ_MAX_LAG_SECONDS`). */
  readMaxLagSeconds: number;
  /**
   * Private key (Ed25519, PKCS#8 PEM) that signs the training certificates (Open Badges 3.0 as VC-JWT), from
   * PONTE_BADGE_KEY; without it, in development kept in the data folder, otherwise derived from the secret.
   */
  badgeKey: string;
  /** The public address of Ponte (no trailing slash): the issuer's id and the verification address of certificates. */
  publicUrl: string;
}

/** The organisation's OpenID Connect provider (decision 0055). */
export interface OidcConfig {
  /** The issuer identifier; discovery at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback registered at the provider: `https://<ponte>/login/oidc/callback`. */
  redirectUri: string;
  /** The claim an administrator may link an account by besides the subject (`email`, `preferred_username`…);
   *  null: by subject only. */
  claim: string | null;
  /** `amr` values of the ID token that count as a second factor (then Ponte's TOTP is not asked). */
  mfaAmr: string[];
  /** `acr` values of the ID token that count as a second factor. */
  mfaAcr: string[];
  /** Seconds the provider has to answer (discovery, token). */
  timeoutSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${key} deve essere un intero tra ${min} e ${max} (trovato: ${JSON.stringify(raw)})`,
    );
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${key} deve essere true o false (trovato: ${JSON.stringify(raw)})`);
}

/** A development secret kept in the data folder, so that sessions survive a restart of `npm start`. */
function developmentSecret(dataDir: string | null): string {
  if (dataDir === null) return randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'dev-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A development encryption key kept in the data folder (like the secret), or derived when in memory. */
function developmentKeys(dataDir: string | null, secret: string): string {
  if (dataDir === null) return derivedKeySpec(secret);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'dev-encryption-keys');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const spec = newKeySpec('dev1');
  writeFileSync(file, spec, { mode: 0o600 });
  return spec;
}

/** A development audit key kept in the data folder (like the secret), or derived from the secret when in memory. */
function developmentAuditKey(dataDir: string | null, secret: string): string {
  if (dataDir === null) {
    return Buffer.from(hkdfSync('sha256', secret, 'ponte', 'ponte-dev-audit-key', 32)).toString('base64url');
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'dev-audit-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** An Ed25519 private key as PKCS#8 PEM from a 32-byte seed. */
function ed25519Pem(seed: Buffer): string {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
}

/** The development key that signs certificates: kept in the data folder, or derived from the secret in memory. */
function developmentBadgeKey(dataDir: string | null, secret: string): string {
  if (dataDir === null)
    return ed25519Pem(Buffer.from(hkdfSync('sha256', secret, 'ponte', 'ponte-dev-badge-key', 32)));
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'dev-badge-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const pem = ed25519Pem(randomBytes(32));
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

/** An optional secret of at least 32 characters. */
function longSecret(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new ConfigError(`${key} deve avere almeno 32 caratteri`);
  return raw;
}

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The OIDC settings, all or nothing: a half configuration stops the start with the name of what is missing. */
function oidcConfig(env: NodeJS.ProcessEnv, nodeEnv: string): OidcConfig | null {
  const keys = [
    'PONTE_OIDC_ISSUER',
    'PONTE_OIDC_CLIENT_ID',
    'PONTE_OIDC_CLIENT_SECRET',
    'PONTE_OIDC_REDIRECT_URI',
  ] as const;
  const set = keys.filter((k) => (env[k] ?? '') !== '');
  const extra = ['PONTE_OIDC_CLAIM', 'PONTE_OIDC_MFA_AMR', 'PONTE_OIDC_MFA_ACR'].filter(
    (k) => (env[k] ?? '') !== '',
  );
  if (set.length === 0) {
    if (extra.length > 0) {
      throw new ConfigError(`${extra[0]} è impostato ma PONTE_OIDC_ISSUER no: l'accesso con l'ente è spento`);
    }
    return null;
  }
  const missing = keys.filter((k) => !set.includes(k));
  if (missing.length > 0) {
    throw new ConfigError(`accesso con l'account dell'ente: manca ${missing.join(', ')}`);
  }
  const url = (key: string) => {
    const raw = env[key]!;
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new ConfigError(`${key} deve essere un indirizzo https://… (trovato: ${JSON.stringify(raw)})`);
    }
    const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    // Plain http only to this machine outside production (a provider started by a test or a developer).
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local && nodeEnv !== 'production')) {
      throw new ConfigError(`${key} deve iniziare con https:// (trovato: ${JSON.stringify(raw)})`);
    }
    if (u.search || u.hash) throw new ConfigError(`${key} non deve contenere ? o #`);
    return raw;
  };
  const issuer = url('PONTE_OIDC_ISSUER');
  const redirectUri = url('PONTE_OIDC_REDIRECT_URI');
  if (!new URL(redirectUri).pathname.endsWith('/login/oidc/callback')) {
    throw new ConfigError('PONTE_OIDC_REDIRECT_URI deve terminare con /login/oidc/callback');
  }
  const clientSecret = env.PONTE_OIDC_CLIENT_SECRET!;
  if (nodeEnv === 'production' && clientSecret.length < 16) {
    throw new ConfigError('PONTE_OIDC_CLIENT_SECRET è troppo corto (almeno 16 caratteri)');
  }
  const claim = (env.PONTE_OIDC_CLAIM ?? '').trim() || null;
  if (claim !== null && (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(claim) || claim === 'sub')) {
    throw new ConfigError(
      `PONTE_OIDC_CLAIM deve essere il nome di un claim come email o preferred_username (trovato: ${JSON.stringify(claim)})`,
    );
  }
  const mfaAmr = env.PONTE_OIDC_MFA_AMR === undefined ? ['mfa'] : list(env.PONTE_OIDC_MFA_AMR);
  const mfaAcr = list(env.PONTE_OIDC_MFA_ACR);
  for (const [key, values] of [
    ['PONTE_OIDC_MFA_AMR', mfaAmr],
    ['PONTE_OIDC_MFA_ACR', mfaAcr],
  ] as const) {
    const bad = values.find((v) => v.length > 200 || /\s/.test(v));
    if (bad !== undefined) throw new ConfigError(`${key}: valore non valido ${JSON.stringify(bad)}`);
  }
  return {
    issuer,
    clientId: env.PONTE_OIDC_CLIENT_ID!,
    clientSecret,
    redirectUri,
    claim,
    mfaAmr,
    mfaAcr,
    timeoutSeconds: int(env, 'PONTE_OIDC_TIMEOUT_SECONDS', 10, 1, 60),
  };
}

/** Reads and validates the configuration; throws ConfigError with an Italian message on the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'test' && nodeEnv !== 'production') {
    throw new ConfigError(`NODE_ENV deve essere development, test o production (trovato: ${nodeEnv})`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL deve iniziare con postgres:// o postgresql://');
  }
  const dataDir =
    overrides.dataDir !== undefined
      ? overrides.dataDir
      : env.PONTE_DATA_DIR === ':memory:'
        ? null
        : resolve(env.PONTE_DATA_DIR || 'data');
  let secret = env.PONTE_SECRET ?? '';
  if (secret === '') {
    if (nodeEnv === 'production') {
      throw new ConfigError('PONTE_SECRET è obbligatorio in produzione (almeno 32 caratteri casuali)');
    }
    secret = overrides.secret ?? developmentSecret(dataDir);
  } else if (secret.length < 32) {
    throw new ConfigError('PONTE_SECRET deve avere almeno 32 caratteri');
  }
  if (nodeEnv === 'production' && !databaseUrl) {
    throw new ConfigError(
      'In produzione serve DATABASE_URL (un server PostgreSQL): il database incorporato è per prova e sviluppo',
    );
  }
  let encryptionKeys = env.PONTE_ENCRYPTION_KEYS ?? '';
  if (encryptionKeys === '') {
    if (nodeEnv === 'production') {
      throw new ConfigError(
        'PONTE_ENCRYPTION_KEYS è obbligatorio in produzione (id:chiave-base64 di 32 byte, la prima è attiva)',
      );
    }
    encryptionKeys = overrides.encryptionKeys ?? developmentKeys(dataDir, secret);
  }
  try {
    parseKeyring(encryptionKeys);
  } catch (e) {
    if (e instanceof CryptoError) throw new ConfigError(`PONTE_ENCRYPTION_KEYS: ${e.message}`);
    throw e;
  }
  let auditKey = longSecret(env, 'PONTE_AUDIT_KEY');
  if (auditKey === undefined) {
    if (nodeEnv === 'production') {
      throw new ConfigError(
        'PONTE_AUDIT_KEY è obbligatorio in produzione (almeno 32 caratteri casuali, fuori dal database)',
      );
    }
    auditKey = overrides.auditKey ?? developmentAuditKey(dataDir, secret);
  }
  const databaseReadUrl = env.DATABASE_READ_URL || undefined;
  if (databaseReadUrl && !/^postgres(ql)?:\/\//.test(databaseReadUrl)) {
    throw new ConfigError('DATABASE_READ_URL deve iniziare con postgres:// o postgresql://');
  }
  if (databaseReadUrl && !databaseUrl) {
    throw new ConfigError('DATABASE_READ_URL (la replica) richiede DATABASE_URL (il primario PostgreSQL)');
  }
  let badgeKey = env.PONTE_BADGE_KEY ?? '';
  if (badgeKey === '') {
    // Without its own key, production derives one from PONTE_SECRET (stable while the secret is): certificates
    // already issued stay verifiable. Decision 0053 recommends a key of its own, rotated apart from the secret.
    badgeKey =
      overrides.badgeKey ??
      (nodeEnv === 'production' ? developmentBadgeKey(null, secret) : developmentBadgeKey(dataDir, secret));
  }
  try {
    const key = createPrivateKey(badgeKey);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    throw new ConfigError('PONTE_BADGE_KEY deve essere una chiave privata Ed25519 in formato PEM (PKCS#8)');
  }
  const publicUrl = (env.PONTE_PUBLIC_URL || 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl))
    throw new ConfigError('PONTE_PUBLIC_URL deve essere un indirizzo http(s)');
  const idle = int(env, 'PONTE_SESSION_IDLE_MINUTES', 15, 1, 24 * 60);
  const config: Config = {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    databaseRole: env.PONTE_DB_ROLE || undefined,
    dataDir,
    secret,
    sessionIdleMinutes: idle,
    sessionMaxHours: int(env, 'PONTE_SESSION_MAX_HOURS', 12, 1, 7 * 24),
    sessionWarnMinutes: Math.min(2, Math.max(0, idle - 1)),
    secureCookies: bool(env, 'PONTE_SECURE_COOKIES', nodeEnv === 'production'),
    trustProxy: bool(env, 'PONTE_TRUST_PROXY', false),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.PONTE_MAIL_FROM || 'Ponte <noreply@ponte.invalid>',
    quickExitUrl: env.PONTE_QUICK_EXIT_URL || 'https://www.google.com/search?q=meteo',
    totpIssuer: env.PONTE_TOTP_ISSUER || 'Ponte',
    jobs: bool(env, 'PONTE_JOBS', true),
    encryptionKeys,
    cardCloseDays: int(env, 'PONTE_CARD_CLOSE_DAYS', 30, 1, 3650),
    identityRetentionMonths: int(env, 'PONTE_IDENTITY_RETENTION_MONTHS', 24, 1, 240),
    auditKey,
    auditCheckpointFile: env.PONTE_AUDIT_CHECKPOINTS
      ? resolve(env.PONTE_AUDIT_CHECKPOINTS)
      : dataDir === null
        ? null
        : join(dataDir, 'audit-checkpoints.jsonl'),
    metricsToken: longSecret(env, 'PONTE_METRICS_TOKEN'),
    oidc: oidcConfig(env, nodeEnv),
    databaseReadUrl,
    readMaxLagSeconds: int(env, 'PONTE_READ_MAX_LAG_SECONDS', 30, 1, 86_400),
    badgeKey,
    publicUrl,
    ...overrides,
  };
  return config;
}
