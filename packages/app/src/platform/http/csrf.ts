import { createHmac } from 'node:crypto';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { hashToken, SESSION_COOKIE } from '../auth/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session the CSRF tokens of this response are bound to, once a login or logout changed it. */
    csrfSession: string | null | undefined;
  }
  interface FastifyReply {
    /** The CSRF token of this response (one per response, bound to the session the browser will hold). */
    csrfToken(): string;
    /**
     * The browser's session changes in this response (a login step, a logout): renews the CSRF secret cookie
     * and binds the tokens rendered from now on to the new session token (null: no session).
     */
    bindCsrf(sessionToken: string | null): void;
  }
}

/** What a CSRF token is bound to: the session cookie the browser sends (only its hash), or none. */
function csrfSubject(sessionToken: string | null | undefined): string {
  return sessionToken ? `session:${hashToken(sessionToken)}` : 'anonymous';
}

// One CSRF token per response: on a first visit (no secret cookie yet) every generateCsrf() call makes a new
// secret and the last cookie wins, so a form rendered from an earlier token would carry a dead one.
const csrfTokens = new WeakMap<FastifyReply, string>();

/**
 * CSRF protection: a secret in a signed cookie, and tokens derived from it and bound to the browser's session,
 * so a token of another session (another user's, or this browser's before its login) does not verify.
 */
export const csrfPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    // The token is bound to the session (issue 11, finding 7): a token of another session, or of the same
    // browser before its login, does not verify. Over HTTPS the cookie carries the `__Host-` prefix (Secure,
    // Path=/, no Domain: no sibling host can plant or overwrite it).
    const csrfCookie = opts.config.secureCookies ? '__Host-ponte_csrf' : 'ponte_csrf';
    await app.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: csrfCookie,
      cookieOpts: {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.config.secureCookies,
        signed: true,
      },
      getToken: (req) => {
        const body = req.body as Record<string, unknown> | undefined;
        const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
        const header = req.headers['x-csrf-token'];
        return fromBody ?? (typeof header === 'string' ? header : undefined);
      },
      getUserInfo: (req) => csrfSubject(req.cookies[SESSION_COOKIE]),
      csrfOpts: { hmacKey: createHmac('sha256', opts.config.secret).update('ponte-csrf-session').digest() },
    });
    app.decorateRequest('csrfSession', undefined);
    const subjectOf = (req: FastifyRequest) =>
      csrfSubject(req.csrfSession === undefined ? req.cookies[SESSION_COOKIE] : req.csrfSession);
    app.decorateReply('csrfToken', function (this: FastifyReply): string {
      let token = csrfTokens.get(this);
      if (token === undefined) {
        token = this.generateCsrf({ userInfo: subjectOf(this.request) } as never);
        csrfTokens.set(this, token);
      }
      return token;
    });
    app.decorateReply('bindCsrf', function (this: FastifyReply, sessionToken: string | null): void {
      this.request.csrfSession = sessionToken;
      csrfTokens.delete(this);
      // Without the old secret, the next token comes with a new secret cookie.
      delete this.request.cookies[csrfCookie];
      this.csrfToken();
    });
  },
  { name: 'ponte-csrf' },
);
