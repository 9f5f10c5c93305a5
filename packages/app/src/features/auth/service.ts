import { createHmac } from 'node:crypto';
import type { Config } from '../../config.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { linkedUserId, type OidcAssertion } from '../../platform/auth/oidc.ts';
import { hashPassword, needsRehash, verifyPassword } from '../../platform/auth/passwords.ts';
import { PASSWORD_CHANGE_PATH } from '../../platform/auth/plugin.ts';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  hashToken,
  type SessionRow,
  updateSessionData,
} from '../../platform/auth/sessions.ts';
import {
  blockedUntil,
  LOGIN_THROTTLE,
  recordFailure,
  resetThrottle,
  throttleKey,
} from '../../platform/auth/throttle.ts';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpQrDataUrl,
  totpUri,
  verifyTotp,
} from '../../platform/auth/totp.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SessionData } from '../../platform/db/schema.ts';
import type { Lang } from '../../platform/i18n/index.ts';
import * as repo from './repository.ts';

// The decisions of the staff login: password, second factor (TOTP or a recovery code), enrolment, throttling,
// session rotation, logout. Nothing here knows about HTTP.

/** What every login step needs to know about the request. */
export interface AuthContext {
  db: Db;
  config: Config;
  ip: string;
  requestId: string;
}

export type Refusal =
  /** Too many failures: the account or the address is locked until `until`. */
  | { kind: 'throttled'; until: Date }
  /** Wrong credentials or code: the same answer whatever was wrong. */
  | { kind: 'invalid' }
  /** The login cannot continue from here (no pending session, user disabled, already enrolled): start again. */
  | { kind: 'restart' }
  /** The second factor was right but the user belongs to no active organisation. */
  | { kind: 'no_organisation' };

export interface LoggedIn {
  kind: 'ok';
  /** The new session cookie value. */
  token: string;
  /** Where to go now (a local path). */
  next: string;
  /** How many organisations the user may switch between. */
  organisations: number;
  /** Her stored language, now the session's (null: not chosen, the session keeps the one of the login page). */
  lang: Lang | null;
}

/** How the login's second factor was proven; `provider`: asserted by the organisation's identity provider. */
export type SecondFactor = 'totp' | 'recovery' | 'enrolment' | 'provider';
/** The step a failure is counted for: the login's, or her current password typed to change it. */
export type FailedStep = 'password' | SecondFactor | 'password_change' | 'oidc';

/**
 * A local path safe to redirect to after login, or undefined: no open redirect, no loop back to /login. The path
 * is checked again once normalised (`/./`, `/../` and their encoded forms can turn `/.//host` into `//host`), and
 * `isKnown` (the routes of Ponte, from the route table) decides whether it names a page at all.
 */
export function safeNext(
  raw: unknown,
  isKnown: (pathname: string) => boolean = () => true,
): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 300) return undefined;
  // Visible ASCII only (a URL path arrives percent-encoded), one leading slash, no backslash (`/\host`).
  if (!/^\/[!-~]*$/.test(raw) || raw.startsWith('//') || raw.includes('\\')) return undefined;
  const base = 'http://ponte.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  const path = url.pathname;
  if (!path.startsWith('/') || path.includes('//') || /\\|%5c/i.test(path)) return undefined;
  if (/^\/(login|logout)(\/|$)/.test(path)) return undefined;
  if (!isKnown(path)) return undefined;
  return path + url.search;
}

/** A keyed hash of a username that matched no account: the audit can correlate attempts without storing what
 * was typed (it may be a password typed in the wrong field). */
export function usernameDigest(config: Config, username: string): string {
  return createHmac('sha256', config.secret).update(`login-username:${username}`).digest('hex');
}

const ipKey = (ip: string) => throttleKey('login-ip', ip);
export const accountKey = (userId: string) => throttleKey('login-account', `user:${userId}`);
// Unknown usernames are throttled exactly like real ones, so that a lockout reveals nothing.
const unknownAccountKey = (username: string) => throttleKey('login-account', `name:${username}`);

/** The later of the two locks (address, account) that currently block this attempt, if any. */
export async function currentLock(ctx: AuthContext, account: string): Promise<Date | null> {
  const [ip, acct] = await Promise.all([
    blockedUntil(ctx.db, ipKey(ctx.ip), LOGIN_THROTTLE.ip),
    blockedUntil(ctx.db, account, LOGIN_THROTTLE.account),
  ]);
  if (ip && acct) return new Date(Math.max(ip.getTime(), acct.getTime()));
  return ip ?? acct;
}

/**
 * Records a failed attempt: counts it for the account and the address, and audits it (and the lock, once, when
 * this failure engages it), all in one transaction.
 */
export async function fail(
  ctx: AuthContext,
  who: { userId: string | null; username?: string },
  account: string,
  step: FailedStep,
  reason: string,
): Promise<Refusal> {
  return ctx.db.transaction().execute(async (tx) => {
    const acct = await recordFailure(tx, account, LOGIN_THROTTLE.account);
    const ip = await recordFailure(tx, ipKey(ctx.ip), LOGIN_THROTTLE.ip);
    const base = {
      actorUserId: who.userId,
      entityType: 'app_user',
      entityId: who.userId,
      ip: ctx.ip,
      requestId: ctx.requestId,
    };
    const details: Record<string, unknown> = { step, reason };
    if (!who.userId && who.username !== undefined)
      details.usernameHmac = usernameDigest(ctx.config, who.username);
    await appendAudit(tx, { ...base, action: 'auth.login_failed', details });
    for (const [scope, r, rule] of [
      ['account', acct, LOGIN_THROTTLE.account],
      ['ip', ip, LOGIN_THROTTLE.ip],
    ] as const) {
      if (r.hits === rule.limit) {
        await appendAudit(tx, {
          ...base,
          action: 'auth.throttled',
          details: { ...details, scope, until: r.until.toISOString(), failures: r.hits },
        });
      }
    }
    const locks = [acct, ip].filter((r) => r.blocked).map((r) => r.until);
    if (locks.length === 0) return { kind: 'invalid' } as const;
    return { kind: 'throttled', until: new Date(Math.max(...locks.map((d) => d.getTime()))) } as const;
  });
}

/** Normalises what was typed in the username field (usernames are lower case). */
export function normaliseUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * Step one: username and password. On success the previous session of this browser (if any) is discarded and a
 * new one is created in stage `password` (second factor due) or `enrol` (no second factor yet).
 */
export async function passwordStep(
  ctx: AuthContext,
  input: {
    username: string;
    password: string;
    next?: string | undefined;
    previousToken?: string | undefined;
    lang?: SessionData['lang'];
  },
): Promise<Refusal | { kind: 'ok'; token: string; stage: 'password' | 'enrol' }> {
  const username = normaliseUsername(input.username);
  const user = /^[a-z0-9._-]{3,64}$/.test(username) ? await repo.findUserByUsername(ctx.db, username) : null;
  const account = user ? accountKey(user.id) : unknownAccountKey(username);
  const lock = await currentLock(ctx, account);
  if (lock) return { kind: 'throttled', until: lock };

  // Verified even for an unknown or disabled user, so that the time taken reveals nothing.
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || !user.active) {
    const reason = !user ? 'unknown_user' : !ok ? 'bad_password' : 'inactive_user';
    return fail(ctx, { userId: user?.id ?? null, username }, account, 'password', reason);
  }
  if (needsRehash(user.passwordHash)) {
    await repo.updatePasswordHash(ctx.db, user.id, await hashPassword(input.password));
  }
  const stage = user.totpEnrolled ? 'password' : 'enrol';
  const data: SessionData = {};
  const next = safeNext(input.next);
  if (next) data.next = next;
  if (input.lang) data.lang = input.lang;
  const token = await ctx.db.transaction().execute(async (tx) => {
    if (input.previousToken) await deleteSession(tx, hashToken(input.previousToken));
    await repo.deleteExpiredSessionsOf(tx, user.id);
    return createSession(
      tx,
      { userId: user.id, stage, organisationId: null, data },
      ctx.config.sessionIdleMinutes,
      ctx.config.sessionMaxHours,
    );
  });
  return { kind: 'ok', token, stage };
}

/**
 * The second factor succeeded: the pending session is replaced by a new one (new token, old row deleted) in
 * stage `active`, in the first organisation of the user alphabetically. Runs inside the caller's transaction.
 */
async function completeLogin(
  tx: Db,
  ctx: AuthContext,
  user: { id: string; lang: Lang | null; passwordMustChange: boolean },
  /** The pending session (null: the provider asserted both factors, there is none). */
  pending: { id: string | null; data: SessionData },
  via: SecondFactor,
): Promise<LoggedIn | Refusal> {
  const userId = user.id;
  const method = pending.data.oidc ? 'oidc' : 'password';
  if (pending.id !== null) await deleteSession(tx, pending.id);
  const orgs = await repo.organisationsOf(tx, userId);
  if (orgs.length === 0) {
    await appendAudit(tx, {
      actorUserId: userId,
      action: 'auth.login_failed',
      entityType: 'app_user',
      entityId: userId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { step: via, reason: 'no_organisation', method },
    });
    return { kind: 'no_organisation' };
  }
  const org = orgs[0]!;
  // Her stored language wins over the one chosen on the login page (decision 0032).
  const lang = user.lang ?? pending.data.lang;
  const data: SessionData = lang ? { lang } : {};
  // A session that came through the provider ends there too at logout.
  if (pending.data.oidc) data.oidc = true;
  const token = await createSession(
    tx,
    { userId, stage: 'active', organisationId: org.id, data },
    ctx.config.sessionIdleMinutes,
    ctx.config.sessionMaxHours,
  );
  // A full success forgets the account's failures; the address counter is never reset by a success, so an
  // attacker holding one valid account cannot use it to wipe the failures she causes on other accounts.
  await resetThrottle(tx, accountKey(userId));
  await appendAudit(tx, {
    actorUserId: userId,
    actorOrgId: org.id,
    action: 'auth.login',
    entityType: 'app_user',
    entityId: userId,
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: { secondFactor: via, method },
  });
  return {
    kind: 'ok',
    token,
    // A one-time password set by an administrator is changed before anything else (decision 0042).
    next:
      user.passwordMustChange && method === 'password'
        ? PASSWORD_CHANGE_PATH
        : (pending.data.next ?? '/home'),
    organisations: orgs.length,
    lang: user.lang,
  };
}

/**
 * The login came back from the organisation's provider, every check passed (platform/auth/oidc.ts). The identity
 * must be linked by an administrator to an active account — a login never creates one. When the provider asserted
 * a second factor (`amr`/`acr` of the configuration) the login completes here; otherwise a pending session asks
 * Ponte's own TOTP (or its enrolment) exactly as after a password.
 */
export async function oidcStep(
  ctx: AuthContext,
  input: {
    assertion: OidcAssertion;
    next?: string | undefined;
    lang?: SessionData['lang'] | undefined;
    previousToken?: string | undefined;
  },
): Promise<
  Refusal | { kind: 'unlinked' } | LoggedIn | { kind: 'pending'; token: string; stage: 'password' | 'enrol' }
> {
  const a = input.assertion;
  const userId = await linkedUserId(ctx.db, a);
  const user = userId ? await repo.findUserById(ctx.db, userId) : null;
  if (!user?.active) {
    // Nothing of the identity in clear: the audit keeps a keyed digest of it (usernameHmac), to correlate attempts.
    const identity = `oidc:${a.issuer}|${a.subject}`;
    const r = await fail(
      ctx,
      user ? { userId: user.id } : { userId: null, username: identity },
      user ? accountKey(user.id) : unknownAccountKey(identity),
      'oidc',
      user ? 'inactive_user' : 'unlinked_identity',
    );
    return r.kind === 'throttled' ? r : { kind: 'unlinked' };
  }
  const account = accountKey(user.id);
  const lock = await currentLock(ctx, account);
  if (lock) return { kind: 'throttled', until: lock };
  const data: SessionData = { oidc: true };
  const next = safeNext(input.next);
  if (next) data.next = next;
  if (input.lang) data.lang = input.lang;
  const provider = { amr: a.amr, acr: a.acr, secondFactor: a.secondFactor };
  return ctx.db.transaction().execute(async (tx) => {
    if (input.previousToken) await deleteSession(tx, hashToken(input.previousToken));
    await repo.deleteExpiredSessionsOf(tx, user.id);
    await appendAudit(tx, {
      actorUserId: user.id,
      action: 'auth.oidc_verified',
      entityType: 'app_user',
      entityId: user.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { issuer: a.issuer, ...provider },
    });
    if (a.secondFactor) return completeLogin(tx, ctx, user, { id: null, data }, 'provider');
    const stage = user.totpEnrolled ? 'password' : 'enrol';
    const token = await createSession(
      tx,
      { userId: user.id, stage, organisationId: null, data },
      ctx.config.sessionIdleMinutes,
      ctx.config.sessionMaxHours,
    );
    return { kind: 'pending', token, stage } as const;
  });
}

/** A callback from the provider that was refused before any account was known (audited; the reason is a code of
 *  openid-client or of the provider, never free text). Counted for the address like a failed password. */
export async function oidcRefused(ctx: AuthContext, reason: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await recordFailure(tx, ipKey(ctx.ip), LOGIN_THROTTLE.ip);
    await appendAudit(tx, {
      actorUserId: null,
      action: 'auth.login_failed',
      entityType: 'app_user',
      entityId: null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { step: 'oidc', reason: reason.slice(0, 80) },
    });
  });
}

/** Loads the user of a pending session, or null when the login cannot continue. */
async function pendingUser(ctx: AuthContext, pending: SessionRow) {
  if (!pending.userId || pending.stage === 'active') return null;
  const user = await repo.findUserById(ctx.db, pending.userId);
  return user?.active ? user : null;
}

/** Step two with the authenticator app: a 6-digit code, ±1 time step, never a step already used. */
export async function totpStep(
  ctx: AuthContext,
  pending: SessionRow,
  code: string,
): Promise<LoggedIn | Refusal> {
  const user = await pendingUser(ctx, pending);
  if (!user || pending.stage !== 'password' || !user.totpEnrolled || !user.totpSecret)
    return { kind: 'restart' };
  const account = accountKey(user.id);
  const lock = await currentLock(ctx, account);
  if (lock) return { kind: 'throttled', until: lock };
  const secret = user.totpSecret;
  const r = verifyTotp(secret, code, user.totpLastStep);
  if (!r.valid) {
    const replay = verifyTotp(secret, code, 0).valid;
    return fail(ctx, { userId: user.id }, account, 'totp', replay ? 'replayed_code' : 'bad_code');
  }
  const result = await ctx.db.transaction().execute(async (tx) => {
    // Atomic: of two requests carrying the same code, only one moves the step forward.
    if (!(await repo.advanceTotpStep(tx, user.id, r.step))) return null;
    return completeLogin(tx, ctx, user, pending, 'totp');
  });
  return result ?? fail(ctx, { userId: user.id }, account, 'totp', 'replayed_code');
}

/** Step two with a recovery code: each code works once. */
export async function recoveryStep(
  ctx: AuthContext,
  pending: SessionRow,
  code: string,
): Promise<(LoggedIn & { remaining: number }) | Refusal> {
  const user = await pendingUser(ctx, pending);
  if (!user || pending.stage !== 'password' || !user.totpEnrolled) return { kind: 'restart' };
  const account = accountKey(user.id);
  const lock = await currentLock(ctx, account);
  if (lock) return { kind: 'throttled', until: lock };
  if (!looksLikeRecoveryCode(code)) return fail(ctx, { userId: user.id }, account, 'recovery', 'bad_code');
  const result = await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.useRecoveryCode(tx, user.id, hashRecoveryCode(user.id, code)))) return null;
    const remaining = await repo.countUnusedRecoveryCodes(tx, user.id);
    await appendAudit(tx, {
      actorUserId: user.id,
      action: 'auth.recovery_used',
      entityType: 'app_user',
      entityId: user.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { remaining },
    });
    const done = await completeLogin(tx, ctx, user, pending, 'recovery');
    return done.kind === 'ok' ? { ...done, remaining } : done;
  });
  return result ?? fail(ctx, { userId: user.id }, account, 'recovery', 'bad_code');
}

export interface Enrolment {
  secret: string;
  uri: string;
  qrDataUrl: string;
  username: string;
}

/** The TOTP secret being enrolled: kept in the pending session, so that a reload shows the same QR code. */
export async function startEnrolment(ctx: AuthContext, pending: SessionRow): Promise<Enrolment | null> {
  const user = await pendingUser(ctx, pending);
  if (!user || pending.stage !== 'enrol' || user.totpEnrolled) return null;
  let secret = pending.data.pendingTotp;
  if (!secret) {
    secret = newTotpSecret();
    await updateSessionData(ctx.db, pending.id, { ...pending.data, pendingTotp: secret });
  }
  const uri = totpUri(ctx.config.totpIssuer, user.username, secret);
  return { secret, uri, qrDataUrl: await totpQrDataUrl(uri), username: user.username };
}

/** Replaces her recovery codes by the hashes of `codes` and audits it, in the caller's transaction. */
async function storeRecoveryCodes(
  tx: Db,
  ctx: AuthContext,
  userId: string,
  codes: string[],
  action: 'auth.totp_enrolled' | 'auth.recovery_codes_renewed',
): Promise<void> {
  await repo.replaceRecoveryCodes(
    tx,
    userId,
    codes.map((c) => hashRecoveryCode(userId, c)),
  );
  await appendAudit(tx, {
    actorUserId: userId,
    action,
    entityType: 'app_user',
    entityId: userId,
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: { recoveryCodes: codes.length },
  });
}

/**
 * Confirms the enrolment with a first code: stores the secret, creates ten recovery codes (only their hashes are
 * kept) and completes the login. The codes in clear are returned once, to be shown once, and never stored.
 */
export async function confirmEnrolment(
  ctx: AuthContext,
  pending: SessionRow,
  code: string,
): Promise<(LoggedIn & { recoveryCodes: string[] }) | Refusal> {
  const user = await pendingUser(ctx, pending);
  const secret = pending.data.pendingTotp;
  if (!user || pending.stage !== 'enrol' || user.totpEnrolled || !secret) return { kind: 'restart' };
  const account = accountKey(user.id);
  const lock = await currentLock(ctx, account);
  if (lock) return { kind: 'throttled', until: lock };
  const r = verifyTotp(secret, code, 0);
  if (!r.valid) return fail(ctx, { userId: user.id }, account, 'enrolment', 'bad_code');
  const codes = newRecoveryCodes();
  const result = await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.enrolTotp(tx, user.id, secret, r.step))) return { kind: 'restart' } as const;
    await storeRecoveryCodes(tx, ctx, user.id, codes, 'auth.totp_enrolled');
    return completeLogin(tx, ctx, user, pending, 'enrolment');
  });
  return result.kind === 'ok' ? { ...result, recoveryCodes: codes } : result;
}

/**
 * She replaces her own recovery codes (some used, or a sheet lost), proving her second factor with a current code:
 * no replay (the step moves forward atomically, as at login), failures counted by the login throttle. The new
 * codes in clear are returned once, to be shown once; the old ones stop working in the same transaction.
 */
export async function regenerateRecoveryCodes(
  ctx: AuthContext,
  userId: string,
  code: string,
): Promise<{ kind: 'ok'; codes: string[] } | Refusal> {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user?.active || !user.totpEnrolled || !user.totpSecret) return { kind: 'restart' };
  const account = accountKey(user.id);
  const lock = await currentLock(ctx, account);
  if (lock) return { kind: 'throttled', until: lock };
  const r = verifyTotp(user.totpSecret, code, user.totpLastStep);
  if (!r.valid) return fail(ctx, { userId: user.id }, account, 'totp', 'recovery_renewal');
  const codes = newRecoveryCodes();
  const done = await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.advanceTotpStep(tx, user.id, r.step))) return false;
    await storeRecoveryCodes(tx, ctx, user.id, codes, 'auth.recovery_codes_renewed');
    return true;
  });
  return done ? { kind: 'ok', codes } : { kind: 'invalid' };
}

/** Who is logged in, as the logout and account actions need it. */
export interface SessionOwner {
  userId: string;
  orgId: string;
  sessionId: string;
}

/** Ends one session (audited when it was a logged-in one). */
export async function logout(
  ctx: AuthContext,
  token: string | undefined,
  actor: SessionOwner | null,
): Promise<void> {
  if (!token) return;
  await ctx.db.transaction().execute(async (tx) => {
    await deleteSession(tx, hashToken(token));
    if (actor) {
      await appendAudit(tx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: 'auth.logout',
        entityType: 'app_user',
        entityId: actor.userId,
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
    }
  });
}

/** Ends every session of the user, this one included ("end all my sessions"). Returns how many ended. */
export async function logoutAll(ctx: AuthContext, actor: SessionOwner): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const n = await deleteUserSessions(tx, actor.userId);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'auth.logout_all',
      entityType: 'app_user',
      entityId: actor.userId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { sessions: n },
    });
    return n;
  });
}

/** Her stored language; null when she never chose one. */
export async function storedLanguageOf(db: Db, userId: string): Promise<Lang | null> {
  return (await repo.userLang(db, userId))?.lang ?? null;
}

/**
 * She chooses her language (the header switch or her account page): stored on her account, so that it is the
 * session's language at every login and the language of her e-mails, and set on this session. One transaction;
 * audited when the stored choice changes, like the other changes to her account.
 */
export async function setLanguage(ctx: AuthContext, actor: SessionOwner, lang: Lang): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await repo.lockUserLang(tx, actor.userId);
    await repo.setSessionLang(tx, actor.sessionId, lang);
    if (!before || before.lang === lang) return;
    await repo.setUserLang(tx, actor.userId, lang);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'auth.language_changed',
      entityType: 'app_user',
      entityId: actor.userId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { from: before.lang, to: lang },
    });
  });
}

/** Moves the session to another organisation of the user; false when she has no role there. */
export async function switchOrganisation(
  ctx: AuthContext,
  actor: SessionOwner,
  orgId: string,
): Promise<boolean> {
  const orgs = await repo.organisationsOf(ctx.db, actor.userId);
  if (!orgs.some((o) => o.id === orgId)) return false;
  if (orgId === actor.orgId) return true;
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setSessionOrganisation(tx, actor.sessionId, orgId);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: orgId,
      action: 'auth.organisation_switched',
      entityType: 'organisation',
      entityId: orgId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { from: actor.orgId },
    });
  });
  return true;
}

export {
  activeSessionsOf,
  countUnusedRecoveryCodes,
  organisationsOf,
  passwordChangedAt,
} from './repository.ts';
