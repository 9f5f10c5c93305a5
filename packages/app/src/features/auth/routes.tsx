import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setLangCookie } from '../../platform/auth/plugin.ts';
import {
  deleteSession,
  findSession,
  hashToken,
  SESSION_COOKIE,
  type SessionRow,
} from '../../platform/auth/sessions.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { isLang } from '../../platform/i18n/index.ts';
import type { FieldErrors } from '../../platform/ui/components.tsx';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import './messages.ts';
import {
  finishOidcLogin,
  OIDC_COOKIE,
  OIDC_LOGIN_MINUTES,
  OidcUnavailable,
  oidcLogoutUrl,
  startOidcLogin,
} from '../../platform/auth/oidc.ts';
import { nowMs } from '../../platform/clock.ts';
import { PonteError } from '../../platform/errors.ts';
import { changePassword } from './password.ts';
import * as service from './service.ts';
import {
  AccountView,
  EnrolView,
  LoginView,
  OidcContinueView,
  OrganisationView,
  PasswordView,
  RecoveryCodesView,
  SecondFactorView,
  ThrottledView,
} from './views.tsx';

registerMenuItem({ href: '/account', label: 'auth.menu.account', access: 'authenticated', order: 900 });

/** The notices `/account?saved=…` may show; anything else is ignored. */
const SAVED: Record<string, string> = {
  lang: 'auth.account.lang.saved',
  password: 'auth.password.saved',
};

const str = (max: number) => ({ type: 'string', maxLength: max }) as const;
const formBody = (properties: Record<string, ReturnType<typeof str>>) => ({
  type: 'object',
  properties: { ...properties, _csrf: str(200) },
});

/**
 * The staff login (password, then TOTP or a recovery code, or the TOTP enrolment at first login), logout, the
 * account page with "end all my sessions", the organisation switch and the keepalive of the idle warning.
 */
export async function authFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { config } = opts;
  const { db } = opts.database;
  const oidcOn = config.oidc !== null;
  // The house convention; platform/http/security.ts moves the check to preValidation, where `_csrf` is parsed.
  const csrf = { onRequest: app.csrfProtection };

  const ctxOf = (req: FastifyRequest): service.AuthContext => ({ db, config, ip: req.ip, requestId: req.id });
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
  } as const;
  // The CSRF tokens follow the session: a new session (each login step) or none (logout) renews them.
  const setSession = (reply: FastifyReply, token: string) => {
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
    reply.bindCsrf(token);
  };
  /** A completed login: the new session, and her stored language remembered by this browser too. */
  const loggedIn = (reply: FastifyReply, r: service.LoggedIn) => {
    setSession(reply, r.token);
    if (r.lang) setLangCookie(reply, r.lang, config.secureCookies);
  };
  const clearSession = (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    reply.bindCsrf(null);
  };
  const owner = (req: FastifyRequest): service.SessionOwner => ({
    userId: req.actor!.userId,
    orgId: req.actor!.orgId,
    sessionId: req.actor!.sessionId,
  });

  // Where `next` may lead after login: the first segment of a staff page of the route table (issue 11, finding 1).
  // Read at the first request, once every feature has registered its routes.
  let destinations: Set<string> | undefined;
  const firstSegment = (path: string) => path.split('/')[1] ?? '';
  const isDestination = (path: string) => {
    destinations ??= new Set(
      app.routeAccess
        .filter((r) => r.method === 'GET' && r.access !== 'public')
        .map((r) => firstSegment(r.url))
        .filter((segment) => segment !== '' && !segment.startsWith(':')),
    );
    return destinations.has(firstSegment(path));
  };
  const nextOf = (raw: unknown) => service.safeNext(raw, isDestination);

  /** The live session of a login in progress (password done, second factor due), or null. */
  async function pending(req: FastifyRequest): Promise<SessionRow | null> {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return null;
    const s = await findSession(db, token, config.sessionMaxHours);
    return s && s.stage !== 'active' && s.userId ? s : null;
  }

  function throttled(req: FastifyRequest, reply: FastifyReply, until: Date) {
    const seconds = Math.max(1, Math.ceil((until.getTime() - nowMs()) / 1000));
    return reply
      .header('retry-after', String(seconds))
      .page(req.t('auth.throttled.title'), <ThrottledView ctx={reply.pageContext()} until={until} />, {
        status: 429,
      });
  }

  function restart(req: FastifyRequest, reply: FastifyReply) {
    // Someone already logged in who reaches a login step (back button, bookmark) keeps her session.
    if (req.actor) return reply.redirect('/home', 303);
    clearSession(reply);
    return reply.redirect('/login?restart=1', 303);
  }

  function noOrganisation(req: FastifyRequest, reply: FastifyReply) {
    clearSession(reply);
    return reply.page(
      req.t('auth.login.title'),
      <LoginView
        ctx={reply.pageContext()}
        oidc={oidcOn}
        values={{}}
        notice={req.t('auth.login.noOrganisation')}
      />,
      { status: 403 },
    );
  }

  /** The answer to a second-factor step that ends the attempt (locked, start again, no organisation), or null. */
  function stepEnded(req: FastifyRequest, reply: FastifyReply, r: service.Refusal) {
    if (r.kind === 'throttled') return throttled(req, reply, r.until);
    if (r.kind === 'restart') return restart(req, reply);
    if (r.kind === 'no_organisation') return noOrganisation(req, reply);
    return null;
  }

  // ---- step one: username and password -------------------------------------------------------------------

  app.get<{
    Querystring: { next?: string; expired?: string; out?: string; ended?: string; restart?: string };
  }>(
    '/login',
    {
      config: { access: 'public' },
      schema: {
        querystring: {
          type: 'object',
          properties: { next: str(300), expired: str(5), out: str(5), ended: str(5), restart: str(5) },
        },
      },
    },
    async (req, reply) => {
      const next = nextOf(req.query.next);
      if (req.actor) return reply.redirect(next ?? '/home', 303);
      let notice: string | undefined;
      const token = req.cookies[SESSION_COOKIE];
      if (token && !(await findSession(db, token, config.sessionMaxHours))) {
        // A cookie whose session is gone: it expired while idle (logout clears the cookie itself).
        await deleteSession(db, hashToken(token));
        clearSession(reply);
        notice = req.t('auth.login.expired');
      }
      if (req.query.expired) notice = req.t('auth.login.expired');
      else if (req.query.out) notice = req.t('auth.login.loggedOut');
      else if (req.query.ended) notice = req.t('auth.login.endedAll');
      else if (req.query.restart) notice = req.t('auth.login.restart');
      return reply.page(
        req.t('auth.login.title'),
        <LoginView ctx={reply.pageContext()} oidc={oidcOn} values={{ next }} notice={notice} />,
      );
    },
  );

  app.post<{ Body: { username?: string; password?: string; next?: string } }>(
    '/login',
    {
      config: { access: 'public' },
      ...csrf,
      schema: { body: formBody({ username: str(200), password: str(1024), next: str(300) }) },
    },
    async (req, reply) => {
      const username = (req.body.username ?? '').trim();
      const password = req.body.password ?? '';
      const next = nextOf(req.body.next);
      const errors: FieldErrors = {};
      if (!username) errors.username = req.t('auth.login.username.required');
      if (!password) errors.password = req.t('auth.login.password.required');
      if (Object.keys(errors).length === 0) {
        const r = await service.passwordStep(ctxOf(req), {
          username,
          password,
          next,
          previousToken: req.cookies[SESSION_COOKIE],
        });
        if (r.kind === 'throttled') return throttled(req, reply, r.until);
        if (r.kind === 'ok') {
          setSession(reply, r.token);
          return reply.redirect(r.stage === 'enrol' ? '/login/enrol' : '/login/totp', 303);
        }
        // One message for every failure: it never says whether the username or the password was wrong.
        errors.username = req.t('auth.login.invalid');
      }
      return reply.page(
        req.t('auth.login.title'),
        <LoginView ctx={reply.pageContext()} oidc={oidcOn} values={{ username, next }} errors={errors} />,
        { status: 422 },
      );
    },
  );

  // ---- or step one at the organisation's identity provider (OIDC, decision 0055) ----------------------------

  const oidcCookie = {
    path: '/login/oidc',
    httpOnly: true,
    // Lax: the callback is a top-level navigation coming back from the provider's site.
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: OIDC_LOGIN_MINUTES * 60,
  } as const;

  /** The login page with a notice about the login through the provider (never a 5xx: local login stays). */
  const oidcNotice = (req: FastifyRequest, reply: FastifyReply, key: string, status: number) =>
    reply.page(
      req.t('auth.login.title'),
      <LoginView ctx={reply.pageContext()} oidc={oidcOn} values={{}} notice={req.t(key)} />,
      { status },
    );

  app.get<{ Querystring: { next?: string } }>(
    '/login/oidc',
    {
      config: { access: 'public' },
      schema: { querystring: { type: 'object', properties: { next: str(300) } } },
    },
    async (req, reply) => {
      if (!config.oidc) throw new PonteError('PONTE_ERR_NOT_FOUND');
      const next = nextOf(req.query.next);
      if (req.actor) return reply.redirect(next ?? '/home', 303);
      try {
        const started = await startOidcLogin(db, config.oidc, { next, lang: req.lang });
        reply.setCookie(OIDC_COOKIE, started.cookie, oidcCookie);
        return reply.redirect(started.url, 303);
      } catch (e) {
        if (!(e instanceof OidcUnavailable)) throw e;
        req.log.warn({ oidc: e.message }, 'oidc provider unavailable');
        return oidcNotice(req, reply, 'auth.oidc.unavailable', 200);
      }
    },
  );

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/login/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        querystring: { type: 'object', additionalProperties: { type: 'string', maxLength: 4096 } },
      },
    },
    async (req, reply) => {
      if (!config.oidc) throw new PonteError('PONTE_ERR_NOT_FOUND');
      const cookie = req.cookies[OIDC_COOKIE];
      reply.clearCookie(OIDC_COOKIE, { ...oidcCookie, maxAge: 0 });
      const out = await finishOidcLogin(db, config.oidc, cookie, req.query);
      if (out.kind !== 'ok') {
        if (out.kind === 'unavailable') {
          req.log.warn({ oidc: out.reason }, 'oidc provider unavailable');
          return oidcNotice(req, reply, 'auth.oidc.unavailable', 200);
        }
        await service.oidcRefused(
          ctxOf(req),
          out.kind === 'invalid' ? out.reason : out.kind === 'provider_error' ? out.error : 'no_login',
        );
        if (out.kind === 'no_login') return oidcNotice(req, reply, 'auth.oidc.restart', 400);
        if (out.kind === 'provider_error') return oidcNotice(req, reply, 'auth.oidc.refused', 403);
        return oidcNotice(req, reply, 'auth.oidc.invalid', 400);
      }
      const r = await service.oidcStep(ctxOf(req), {
        assertion: out.assertion,
        next: out.next ?? undefined,
        lang: out.lang ?? undefined,
        previousToken: req.cookies[SESSION_COOKIE],
      });
      if (r.kind === 'unlinked') {
        clearSession(reply);
        return oidcNotice(req, reply, 'auth.oidc.unlinked', 403);
      }
      let href: string;
      if (r.kind === 'ok') {
        loggedIn(reply, r);
        href = r.next;
      } else if (r.kind === 'pending') {
        setSession(reply, r.token);
        href = r.stage === 'enrol' ? '/login/enrol' : '/login/totp';
      } else {
        const ended = stepEnded(req, reply, r);
        if (ended) return ended;
        return oidcNotice(req, reply, 'auth.oidc.invalid', 400);
      }
      // Followed by the browser from Ponte's own page, so that the SameSite=Strict session cookie goes along.
      return reply
        .header('refresh', `0;url=${href}`)
        .page(req.t('auth.oidc.continue.title'), <OidcContinueView ctx={reply.pageContext()} href={href} />);
    },
  );

  // ---- step two: the code of the authenticator app, or without the phone a recovery code -----------------

  const CODE_STEPS = {
    totp: {
      title: 'auth.totp.title',
      required: 'auth.totp.required',
      invalid: 'auth.totp.invalid',
      maxLength: 20,
      check: service.totpStep,
    },
    recovery: {
      title: 'auth.recovery.title',
      required: 'auth.recovery.required',
      invalid: 'auth.recovery.invalid',
      maxLength: 40,
      check: service.recoveryStep,
    },
  } as const;

  for (const kind of ['totp', 'recovery'] as const) {
    const step = CODE_STEPS[kind];

    app.get(`/login/${kind}`, { config: { access: 'public' } }, async (req, reply) => {
      const s = await pending(req);
      if (!s) return restart(req, reply);
      if (s.stage === 'enrol') return reply.redirect('/login/enrol', 303);
      return reply.page(req.t(step.title), <SecondFactorView ctx={reply.pageContext()} kind={kind} />);
    });

    app.post<{ Body: { code?: string } }>(
      `/login/${kind}`,
      { config: { access: 'public' }, ...csrf, schema: { body: formBody({ code: str(step.maxLength) }) } },
      async (req, reply) => {
        const s = await pending(req);
        if (!s) return restart(req, reply);
        const code = (req.body.code ?? '').trim();
        let error = req.t(step.required);
        if (code) {
          const r = await step.check(ctxOf(req), s, code);
          if (r.kind === 'ok') {
            loggedIn(reply, r);
            return reply.redirect(r.next, 303);
          }
          const ended = stepEnded(req, reply, r);
          if (ended) return ended;
          error = req.t(step.invalid);
        }
        return reply.page(
          req.t(step.title),
          <SecondFactorView ctx={reply.pageContext()} kind={kind} errors={{ code: error }} />,
          { status: 422 },
        );
      },
    );
  }

  // ---- first login: enrol the authenticator app ----------------------------------------------------------

  /** The enrolment page (QR code and key of the pending secret), again with the error of a wrong code. */
  async function enrolPage(req: FastifyRequest, reply: FastifyReply, s: SessionRow, errors?: FieldErrors) {
    const e = await service.startEnrolment(ctxOf(req), s);
    if (!e) return restart(req, reply);
    return reply.page(
      req.t('auth.enrol.title'),
      <EnrolView
        ctx={reply.pageContext()}
        qrDataUrl={e.qrDataUrl}
        secret={e.secret}
        username={e.username}
        errors={errors}
      />,
      errors ? { status: 422 } : {},
    );
  }

  app.get('/login/enrol', { config: { access: 'public' } }, async (req, reply) => {
    const s = await pending(req);
    if (!s) return restart(req, reply);
    if (s.stage === 'password') return reply.redirect('/login/totp', 303);
    return enrolPage(req, reply, s);
  });

  app.post<{ Body: { code?: string } }>(
    '/login/enrol',
    { config: { access: 'public' }, ...csrf, schema: { body: formBody({ code: str(20) }) } },
    async (req, reply) => {
      const s = await pending(req);
      if (s?.stage !== 'enrol') return restart(req, reply);
      const code = (req.body.code ?? '').trim();
      let error = req.t('auth.totp.required');
      if (code) {
        const r = await service.confirmEnrolment(ctxOf(req), s, code);
        if (r.kind === 'ok') {
          loggedIn(reply, r);
          // Shown in this response and nowhere else: the codes in clear are never stored, not even in the session.
          return reply.page(
            req.t('auth.codes.title'),
            <RecoveryCodesView ctx={reply.pageContext()} codes={r.recoveryCodes} next={r.next} />,
          );
        }
        const ended = stepEnded(req, reply, r);
        if (ended) return ended;
        error = req.t('auth.enrol.invalid');
      }
      return enrolPage(req, reply, s, { code: error });
    },
  );

  // ---- logout, account, organisation, keepalive -----------------------------------------------------------

  // Public: a click on "Esci" after the session expired still clears the cookie and lands on the login page.
  app.post('/logout', { config: { access: 'public' }, ...csrf }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    // A session that came through the provider ends there too (RP-initiated logout), when it offers that.
    const viaProvider =
      config.oidc && token
        ? (await findSession(db, token, config.sessionMaxHours))?.data.oidc === true
        : false;
    await service.logout(ctxOf(req), token, req.actor ? owner(req) : null);
    clearSession(reply);
    const providerLogout = viaProvider && config.oidc ? await oidcLogoutUrl(config.oidc) : null;
    return reply.redirect(providerLogout ?? '/login?out=1', 303);
  });

  async function accountPage(
    req: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
    notice?: string,
  ) {
    const actor = req.actor!;
    const [sessions, orgs, recoveryLeft, lang, changedAt] = await Promise.all([
      service.activeSessionsOf(db, actor.userId),
      service.organisationsOf(db, actor.userId),
      service.countUnusedRecoveryCodes(db, actor.userId),
      service.storedLanguageOf(db, actor.userId),
      service.passwordChangedAt(db, actor.userId),
    ]);
    return reply.page(
      req.t('auth.account.title'),
      <AccountView
        ctx={reply.pageContext()}
        username={actor.username}
        orgName={actor.orgName}
        organisations={orgs.length}
        recoveryLeft={recoveryLeft}
        sessions={sessions}
        currentSessionId={actor.sessionId}
        idleMinutes={config.sessionIdleMinutes}
        storedLang={lang}
        passwordChangedAt={changedAt}
        errors={errors}
        notice={notice}
      />,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );
  }

  app.get<{ Querystring: { saved?: string } }>(
    '/account',
    {
      config: { access: 'authenticated' },
      schema: { querystring: { type: 'object', properties: { saved: str(10) } } },
    },
    async (req, reply) =>
      accountPage(
        req,
        reply,
        {},
        req.query.saved && Object.hasOwn(SAVED, req.query.saved) ? req.t(SAVED[req.query.saved]!) : undefined,
      ),
  );

  // ---- her password ----------------------------------------------------------------------------------------

  const passwordPage = (req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}) =>
    reply.page(
      req.t('auth.password.title'),
      <PasswordView ctx={reply.pageContext()} forced={req.actor!.mustChangePassword} errors={errors} />,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );

  // Open while a one-time password must be changed (the auth plugin sends every other page here).
  app.get(
    '/account/password',
    { config: { access: 'authenticated', duringPasswordChange: true } },
    async (req, reply) => passwordPage(req, reply),
  );

  app.post<{ Body: { current?: string; password?: string; confirm?: string } }>(
    '/account/password',
    {
      config: { access: 'authenticated', duringPasswordChange: true },
      ...csrf,
      schema: { body: formBody({ current: str(1024), password: str(1024), confirm: str(1024) }) },
    },
    async (req, reply) => {
      const r = await changePassword(ctxOf(req), owner(req), {
        current: req.body.current ?? '',
        password: req.body.password ?? '',
        confirm: req.body.confirm ?? '',
      });
      if (r.kind === 'throttled') return throttled(req, reply, r.until);
      if (r.kind === 'restart') return restart(req, reply);
      if (r.kind === 'invalid') {
        const errors = Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, req.t(v)]));
        return passwordPage(req, reply, errors);
      }
      setSession(reply, r.token);
      return reply.redirect('/account?saved=password', 303);
    },
  );

  // Her language, for the pages at each login and for her e-mails: always her own account (the session's user).
  app.post<{ Body: { lang?: string } }>(
    '/account/language',
    { config: { access: 'authenticated' }, ...csrf, schema: { body: formBody({ lang: str(5) }) } },
    async (req, reply) => {
      const lang = req.body.lang;
      if (!isLang(lang)) return accountPage(req, reply, { lang: req.t('auth.account.lang.required') });
      await service.setLanguage(ctxOf(req), owner(req), lang);
      setLangCookie(reply, lang, config.secureCookies);
      return reply.redirect('/account?saved=lang', 303);
    },
  );

  app.post<{ Body: { code?: string } }>(
    '/account/recovery-codes',
    { config: { access: 'authenticated' }, ...csrf, schema: { body: formBody({ code: str(20) }) } },
    async (req, reply) => {
      const code = (req.body.code ?? '').replaceAll(/\s/g, '');
      if (!/^\d{6}$/.test(code)) return accountPage(req, reply, { code: req.t('auth.account.renew.format') });
      const r = await service.regenerateRecoveryCodes(ctxOf(req), req.actor!.userId, code);
      if (r.kind === 'throttled') return throttled(req, reply, r.until);
      if (r.kind !== 'ok') return accountPage(req, reply, { code: req.t('auth.account.renew.invalid') });
      // Shown in this response and nowhere else, as at enrolment.
      return reply.page(
        req.t('auth.codes.title'),
        <RecoveryCodesView ctx={reply.pageContext()} codes={r.codes} next="/account" />,
      );
    },
  );

  app.post<{ Body: { confirm?: string } }>(
    '/logout/all',
    { config: { access: 'authenticated' }, ...csrf, schema: { body: formBody({ confirm: str(5) }) } },
    async (req, reply) => {
      if (req.body.confirm !== 'yes') {
        return accountPage(req, reply, { confirm: req.t('auth.account.endAll.required') });
      }
      await service.logoutAll(ctxOf(req), owner(req));
      clearSession(reply);
      return reply.redirect('/login?ended=1', 303);
    },
  );

  async function organisationPage(
    req: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
    notice?: string,
  ) {
    const orgs = await service.organisationsOf(db, req.actor!.userId);
    return reply.page(
      req.t('auth.organisation.title'),
      <OrganisationView
        ctx={reply.pageContext()}
        organisations={orgs}
        currentId={req.actor!.orgId}
        errors={errors}
        notice={notice}
      />,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );
  }

  app.get('/session/organisation', { config: { access: 'authenticated' } }, async (req, reply) =>
    organisationPage(req, reply),
  );

  app.post<{ Body: { organisationId?: string } }>(
    '/session/organisation',
    { config: { access: 'authenticated' }, ...csrf, schema: { body: formBody({ organisationId: str(64) }) } },
    async (req, reply) => {
      const orgId = req.body.organisationId ?? '';
      const ok =
        /^[0-9a-f-]{36}$/i.test(orgId) && (await service.switchOrganisation(ctxOf(req), owner(req), orgId));
      if (!ok) return organisationPage(req, reply, { organisationId: req.t('auth.organisation.invalid') });
      return reply.redirect('/home', 303);
    },
  );

  // The idle warning's "stay logged in": the auth plugin has already slid the expiry when it loaded the actor.
  app.post(
    '/session/keepalive',
    { config: { access: 'authenticated', duringPasswordChange: true }, ...csrf },
    async (_req, reply) =>
      reply.header('cache-control', 'no-store').send({ ok: true, idleMinutes: config.sessionIdleMinutes }),
  );
}
