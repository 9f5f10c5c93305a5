import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import type { PageContext } from '../ui/context.ts';
import { renderPage } from '../ui/layout.tsx';
import { menuFor } from '../ui/menu.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** The context every view receives (language, CSRF token, nonce, menu). */
    pageContext(): PageContext;
    /** Sends a full staff page. */
    page(title: string, body: VNode | VNode[] | string | null, opts?: PageOptions): FastifyReply;
  }
}

export interface PageOptions {
  status?: number;
  breadcrumb?: { href?: string; label: string }[];
}

/** Rendering of staff pages: every page gets the same shell, CSRF token and no-store caching. */
export const viewsPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    app.decorateReply('pageContext', function (this: FastifyReply): PageContext {
      const req: FastifyRequest = this.request;
      const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script ?? '';
      const reply = this;
      const isPublic = req.routeOptions.config?.publicPage === true;
      return {
        lang: req.lang,
        t: req.t,
        nonce,
        // Lazy: the CSRF cookie is set only when a page really renders a form that needs it, so an anonymous
        // visitor of a page without such a form (landing, 404) receives no cookie at all.
        get csrfToken() {
          return isPublic ? '' : reply.csrfToken();
        },
        path: req.url.split('?')[0] ?? '/',
        actor: req.actor ? { displayName: req.actor.displayName, orgName: req.actor.orgName } : undefined,
        menu: menuFor(req.actor?.roles ?? null),
        idleMinutes: req.actor ? opts.config.sessionIdleMinutes : undefined,
        warnMinutes: req.actor ? opts.config.sessionWarnMinutes : undefined,
      };
    });
    app.decorateReply(
      'page',
      function (
        this: FastifyReply,
        title: string,
        body: VNode | VNode[] | string | null,
        o: PageOptions = {},
      ) {
        const ctx = this.pageContext();
        const html = renderPage({ ctx, title, children: body, breadcrumb: o.breadcrumb });
        return this.code(o.status ?? this.statusCode ?? 200)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(html);
      },
    );
  },
  { name: 'ponte-views', dependencies: ['ponte-security', 'ponte-auth'] },
);
