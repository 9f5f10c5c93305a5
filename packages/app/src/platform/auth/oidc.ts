import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../../config.ts';
import { now, nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';

// The login through the organisation's identity provider (OpenID Connect, decision 0055), as a mechanism: the
// provider's metadata (discovery), the start of a login (authorization code + PKCE, state and nonce kept in
// `oidc_login` under the hash of a cookie of this browser), its end (the code exchanged, the ID token verified by
// openid-client), the identities linked to accounts, and the provider's logout. What a login means for a session
// (TOTP or not, the audit) is decided by features/auth; who may link an identity, by features/network.

/** The cookie that binds a login started at the provider to this browser (SameSite=Lax: the callback is a
 *  top-level navigation coming back from the provider's site). */
export const OIDC_COOKIE = 'ponte_oidc';
/** Minutes a browser has to come back from the provider. */
export const OIDC_LOGIN_MINUTES = 10;

/** Why the provider could not be used: said in Italian to the administrator (`ponte doctor`, the log). */
export class OidcUnavailable extends Error {
  override name = 'OidcUnavailable';
}

const DISCOVERY_TTL_MS = 60 * 60_000;
let cache: { key: string; at: number; value: client.Configuration } | undefined;

/** Forgets the provider's metadata (tests that start a new provider; the next login discovers again). */
export function forgetOidcDiscovery(): void {
  cache = undefined;
}

function plainHttp(cfg: OidcConfig): boolean {
  return new URL(cfg.issuer).protocol === 'http:';
}

/** Why a request to the provider failed, in words an operator can act on. */
export function unavailableReason(e: unknown, cfg: OidcConfig): string {
  // The network's error is a few causes deep (openid-client → fetch → the socket): read the whole chain.
  const err = e as { name?: string; code?: string };
  let text = '';
  let at: unknown = e;
  for (let depth = 0; at && depth < 5; depth++) {
    const x = at as { name?: string; code?: string; message?: string; cause?: unknown };
    text += ` ${x.name ?? ''} ${x.code ?? ''} ${x.message ?? ''}`;
    at = x.cause;
  }
  if (/ECONNREFUSED/.test(text)) return 'connessione rifiutata';
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || /timeout|aborted/i.test(text)) {
    return `nessuna risposta entro ${cfg.timeoutSeconds} s`;
  }
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'nome del server sconosciuto';
  if (/certificate|TLS|SSL/i.test(text)) return 'errore TLS (certificato o protocollo)';
  if (/issuer/i.test(text)) return 'l’emittente dichiarato dal provider non è PONTE_OIDC_ISSUER';
  if (/status code|unexpected HTTP|JSON|content-type/i.test(text)) {
    return 'risposta non valida (è davvero un provider OpenID Connect?)';
  }
  return `errore ${err.code ?? err.name ?? 'sconosciuto'}`;
}

/** The provider's metadata, discovered once an hour per process; throws OidcUnavailable when it does not answer. */
export async function oidcClient(cfg: OidcConfig): Promise<client.Configuration> {
  const key = `${cfg.issuer}\n${cfg.clientId}`;
  const t = performance.now();
  if (cache && cache.key === key && t - cache.at < DISCOVERY_TTL_MS) return cache.value;
  let value: client.Configuration;
  try {
    value = await client.discovery(
      new URL(cfg.issuer),
      cfg.clientId,
      { client_secret: cfg.clientSecret },
      client.ClientSecretBasic(cfg.clientSecret),
      {
        timeout: cfg.timeoutSeconds,
        // Plain http is accepted by config.ts only for a provider on this machine outside production.
        ...(plainHttp(cfg) ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
  } catch (e) {
    throw new OidcUnavailable(
      `il provider ${cfg.issuer} non risponde alla discovery: ${unavailableReason(e, cfg)}`,
    );
  }
  value.timeout = cfg.timeoutSeconds;
  cache = { key, at: t, value };
  return value;
}

const hash = (token: string) => createHash('sha256').update(`oidc-login:${token}`).digest('hex');

/**
 * Starts a login at the provider: state, nonce and PKCE verifier kept in `oidc_login` under the hash of a new
 * cookie token. Returns the cookie token and the provider's authorization URL.
 */
export async function startOidcLogin(
  db: Db,
  cfg: OidcConfig,
  input: { next?: string | undefined; lang?: 'it' | 'en' | undefined },
): Promise<{ cookie: string; url: string }> {
  const provider = await oidcClient(cfg);
  const cookie = randomBytes(32).toString('base64url');
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const challenge = await client.calculatePKCECodeChallenge(verifier);
  const scope = ['openid', ...(cfg.claim === 'email' ? ['email'] : cfg.claim ? ['profile', 'email'] : [])];
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: cfg.redirectUri,
    scope: scope.join(' '),
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(input.lang ? { ui_locales: input.lang } : {}),
  });
  const at = now();
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('oidc_login').where('expires_at', '<=', at).execute();
    await tx
      .insertInto('oidc_login')
      .values({
        id: hash(cookie),
        state,
        nonce,
        code_verifier: verifier,
        next: input.next ?? null,
        lang: input.lang ?? null,
        created_at: at,
        expires_at: new Date(nowMs() + OIDC_LOGIN_MINUTES * 60_000),
      })
      .execute();
  });
  return { cookie, url: url.href };
}

/** What the provider asserted about the person who came back, once every check passed. */
export interface OidcAssertion {
  issuer: string;
  subject: string;
  /** The value of the configured claim (from the ID token, else from userinfo); null when absent or unverified. */
  claimValue: string | null;
  amr: string[];
  acr: string | null;
  /** The provider asserted a second factor (an `amr` or `acr` of the configuration). */
  secondFactor: boolean;
}

export type OidcOutcome =
  | { kind: 'ok'; assertion: OidcAssertion; next: string | null; lang: 'it' | 'en' | null }
  /** No login started by this browser, or it expired: start again. */
  | { kind: 'no_login' }
  /** The provider answered with an error (the person cancelled, or was refused there). */
  | { kind: 'provider_error'; error: string }
  /** The answer failed a check (state, nonce, PKCE, signature, issuer, audience…): refused. */
  | { kind: 'invalid'; reason: string }
  /** The provider did not answer. */
  | { kind: 'unavailable'; reason: string };

/**
 * Ends a login at its callback: the row of this browser's cookie is taken (used once), the authorization response
 * checked against its state, the code exchanged with its PKCE verifier, the ID token verified with its nonce.
 */
export async function finishOidcLogin(
  db: Db,
  cfg: OidcConfig,
  cookie: string | undefined,
  query: Record<string, string | undefined>,
): Promise<OidcOutcome> {
  if (!cookie) return { kind: 'no_login' };
  const row = await db
    .deleteFrom('oidc_login')
    .where('id', '=', hash(cookie))
    .returningAll()
    .executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= nowMs()) return { kind: 'no_login' };
  let provider: client.Configuration;
  try {
    provider = await oidcClient(cfg);
  } catch (e) {
    return { kind: 'unavailable', reason: (e as Error).message };
  }
  const callback = new URL(cfg.redirectUri);
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') callback.searchParams.set(k, v);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, callback, {
      pkceCodeVerifier: row.code_verifier,
      expectedState: row.state,
      expectedNonce: row.nonce,
      idTokenExpected: true,
    });
  } catch (e) {
    if (e instanceof client.AuthorizationResponseError) {
      // access_denied, login_required…: the provider's own code, never its free text.
      const error = /^[a-z_]{1,40}$/.test(e.error) ? e.error : 'error';
      return { kind: 'provider_error', error };
    }
    if (e instanceof client.ResponseBodyError) {
      return { kind: 'invalid', reason: `token:${/^[a-z_]{1,40}$/.test(e.error) ? e.error : 'error'}` };
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('OAUTH_')) {
      return { kind: 'invalid', reason: code.toLowerCase() };
    }
    return {
      kind: 'unavailable',
      reason: `il provider ${cfg.issuer} non risponde: ${unavailableReason(e, cfg)}`,
    };
  }
  const claims = tokens.claims();
  if (!claims) return { kind: 'invalid', reason: 'no_id_token' };
  let claimValue: string | null = null;
  if (cfg.claim) {
    let source: Record<string, unknown> = claims;
    if (claims[cfg.claim] === undefined && provider.serverMetadata().userinfo_endpoint) {
      try {
        source = await client.fetchUserInfo(provider, tokens.access_token, claims.sub);
      } catch {
        source = claims;
      }
    }
    const v = source[cfg.claim];
    // An e-mail counts only when the provider says it verified it.
    const verified = cfg.claim !== 'email' || source.email_verified === true;
    if (typeof v === 'string' && v !== '' && v.length <= 320 && verified) {
      claimValue = cfg.claim === 'email' ? v.toLowerCase() : v;
    }
  }
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : [];
  const acr = typeof claims.acr === 'string' ? claims.acr : null;
  const secondFactor = amr.some((a) => cfg.mfaAmr.includes(a)) || (acr !== null && cfg.mfaAcr.includes(acr));
  return {
    kind: 'ok',
    assertion: { issuer: claims.iss, subject: claims.sub, claimValue, amr, acr, secondFactor },
    next: row.next,
    lang: row.lang,
  };
}

/** The active or inactive account linked to this assertion (by subject first, then by the claim), or null. */
export async function linkedUserId(db: Db, a: OidcAssertion): Promise<string | null> {
  const bySub = await db
    .selectFrom('oidc_identity')
    .select('user_id')
    .where('issuer', '=', a.issuer)
    .where('kind', '=', 'sub')
    .where('value', '=', a.subject)
    .executeTakeFirst();
  if (bySub) return bySub.user_id;
  if (a.claimValue === null) return null;
  const byClaim = await db
    .selectFrom('oidc_identity')
    .select('user_id')
    .where('issuer', '=', a.issuer)
    .where('kind', '=', 'claim')
    .where('value', '=', a.claimValue)
    .executeTakeFirst();
  return byClaim?.user_id ?? null;
}

export interface LinkedIdentity {
  issuer: string;
  kind: 'sub' | 'claim';
  value: string;
  linkedAt: Date;
}

/** The identity linked to an account, or null. */
export async function identityOf(db: Db, userId: string): Promise<LinkedIdentity | null> {
  const r = await db.selectFrom('oidc_identity').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return r ? { issuer: r.issuer, kind: r.kind, value: r.value, linkedAt: new Date(r.linked_at) } : null;
}

/** Links (or re-links) an account to an identity; false when that identity is another account's. */
export async function linkIdentity(
  db: Db,
  input: { userId: string; issuer: string; kind: 'sub' | 'claim'; value: string; by: string | null },
): Promise<boolean> {
  const taken = await db
    .selectFrom('oidc_identity')
    .select('user_id')
    .where('issuer', '=', input.issuer)
    .where('kind', '=', input.kind)
    .where('value', '=', input.value)
    .where('user_id', '<>', input.userId)
    .executeTakeFirst();
  if (taken) return false;
  await db.deleteFrom('oidc_identity').where('user_id', '=', input.userId).execute();
  await db
    .insertInto('oidc_identity')
    .values({
      user_id: input.userId,
      issuer: input.issuer,
      kind: input.kind,
      value: input.value,
      linked_at: now(),
      linked_by: input.by,
    })
    .execute();
  return true;
}

/** Removes the link of an account; false when there was none. */
export async function unlinkIdentity(db: Db, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('oidc_identity').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The provider's logout for a session that came through it, or null when it offers none (or does not answer). */
export async function oidcLogoutUrl(cfg: OidcConfig): Promise<string | null> {
  let provider: client.Configuration;
  try {
    provider = await oidcClient(cfg);
  } catch {
    return null;
  }
  if (!provider.serverMetadata().end_session_endpoint) return null;
  const back = new URL('/login?out=1', cfg.redirectUri).href;
  return client.buildEndSessionUrl(provider, { client_id: cfg.clientId, post_logout_redirect_uri: back })
    .href;
}
