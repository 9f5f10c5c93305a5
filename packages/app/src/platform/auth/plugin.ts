import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import type { Db } from '../db/database.ts';
import { PonteError } from '../errors.ts';
import { isLang, type Lang, langFromHeader, translator } from '../i18n/index.ts';
import { type Access, can, isPermission } from './permissions.ts';
import { findActiveSession, SESSION_COOKIE, touchSession } from './sessions.ts';

export const LANG_COOKIE = 'ponte_lang';

/** Where a staff member whose password must be changed is sent, whatever she asks for. */
export const PASSWORD_CHANGE_PATH = '/account/password';

/** Remembers a language in this browser (pages before login, and after logout). */
export function setLangCookie(reply: FastifyReply, lang: Lang, secure: boolean): void {
  reply.setCookie(LANG_COOKIE, lang, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: 365 * 24 * 3600,
  });
}

/** A route and the access it declares, as registered (the authorization matrix test walks this list). */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  /** A public page (product.md): quick exit, neutral title, no cookie, no-store — a test checks each one. */
  publicPage: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeAccess: RouteAccess[];
  }
}

/**
 * Who is calling: reads the staff session (never on public pages), resolves the active organisation and its
 * roles, and enforces the access that every route must declare. A route without `config.access` stops the
 * start-up, so no route can be forgotten.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config; db: Db }) => {
    const { db, config } = opts;
    const routes: RouteAccess[] = [];
    app.decorate('routeAccess', routes);
    app.decorateRequest('actor', null);
    app.decorateRequest('lang', 'it');
    app.decorateRequest('t', translator('it'));

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/static/') || route.method === 'HEAD') return;
      const access = route.config?.access;
      if (access === undefined) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
      }
      if (access !== 'public' && access !== 'authenticated' && !isPermission(access)) {
        throw new Error(`route ${route.url} declares an unknown permission: ${access}`);
      }
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
        routes.push({
          method: String(method),
          url: route.url,
          access,
          publicPage: route.config?.publicPage === true,
        });
      }
    });

    app.addHook('onRequest', async (req: FastifyRequest) => {
      const cfg = req.routeOptions.config;
      let lang: Lang = langFromHeader(req.headers['accept-language']);
      if (!cfg?.publicPage) {
        const cookieLang = req.cookies[LANG_COOKIE];
        if (isLang(cookieLang)) lang = cookieLang;
        const token = req.cookies[SESSION_COOKIE];
        if (token) {
          const found = await findActiveSession(db, token, config.sessionMaxHours);
          if (found) {
            const { session } = found;
            req.actor = {
              userId: session.userId!,
              username: found.username,
              displayName: found.displayName,
              sessionId: session.id,
              orgId: session.organisationId!,
              orgKind: found.orgKind,
              orgName: found.orgName,
              territoryId: found.territoryId,
              roles: found.roles,
              mustChangePassword: found.passwordMustChange,
            };
            if (session.data.lang) lang = session.data.lang;
            await touchSession(db, session, config.sessionIdleMinutes, config.sessionMaxHours);
          }
        }
      }
      req.lang = lang;
      req.t = translator(lang);
    });

    app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
      const access = req.routeOptions.config?.access;
      if (access === undefined || access === 'public') return;
      if (!req.actor) throw new PonteError('PONTE_ERR_UNAUTHENTICATED');
      // A password an administrator set is a one-time password: nothing opens until she has chosen her own
      // (decision 0042). Any other page, and any action, lands on the change page without doing anything.
      if (req.actor.mustChangePassword && !req.routeOptions.config?.duringPasswordChange)
        return reply.redirect(PASSWORD_CHANGE_PATH, 303);
      if (access === 'authenticated') return;
      if (!can(req.actor.roles, access)) throw new PonteError('PONTE_ERR_FORBIDDEN');
    });
  },
  { name: 'ponte-auth', dependencies: ['ponte-security'] },
);
