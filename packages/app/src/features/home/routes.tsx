import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/auth/permissions.ts';
import { setLangCookie } from '../../platform/auth/plugin.ts';
import { cachedReplicaState } from '../../platform/db/replica.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { isLang, translator } from '../../platform/i18n/index.ts';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import { renderPublicPage } from '../../platform/ui/public-layout.tsx';
import { setLanguage } from '../auth/index.ts';
import { dueItems } from '../cases/index.ts';
import './messages.ts';
import { now, todayIso } from '../../platform/clock.ts';
import { readiness } from '../../platform/doctor.ts';
import { homeSummaryOf } from '../../platform/ui/home.ts';
import { HomeView, LandingView } from './views.tsx';

registerMenuItem({ href: '/home', label: 'home.menu', access: 'authenticated', order: 0 });

/** The landing page, each role's home, the language switch and the health check. */
export async function homeFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;

  // The landing page is a public page like the check (product.md): the neutral title, the quick exit, the 1522
  // helpline, no cookie read or set, no-store. Its language follows the browser, or `?lang=` from its own links.
  app.get<{ Querystring: { lang?: string } }>(
    '/',
    {
      config: { access: 'public', publicPage: true },
      schema: { querystring: { type: 'object', properties: { lang: { type: 'string', maxLength: 10 } } } },
    },
    async (req, reply) => {
      const lang = isLang(req.query.lang) ? req.query.lang : req.lang;
      const t = translator(lang);
      const html = renderPublicPage({
        lang,
        t,
        exitUrl: opts.config.quickExitUrl,
        heading: t('landing.title'),
        linkLang: lang,
        children: <LandingView t={t} lang={lang} />,
      });
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );

  app.get('/home', { config: { access: 'authenticated' } }, async (req, reply) => {
    const ctx = reply.pageContext();
    // CAV staff see the next deadlines of their centre's open cases (issue 4).
    const due = can(req.actor!.roles, 'cases.work')
      ? await dueItems(db, { cavId: req.actor!.orgId, openOnly: true, limit: 5 })
      : undefined;
    // Each tile says what waits for her there; only the pages of her menu are asked (her permissions hold).
    const actor = req.actor!;
    const input = {
      db,
      userId: actor.userId,
      orgId: actor.orgId,
      lang: req.lang,
      t: req.t,
      now: now(),
      today: todayIso(),
    };
    const summaries: Record<string, string[]> = {};
    for (const m of ctx.menu) {
      const summary = homeSummaryOf(m.href);
      if (summary) summaries[m.href] = await summary(input);
    }
    return reply.page(
      req.t('home.title', { name: actor.displayName }),
      <HomeView ctx={ctx} roles={actor.roles} due={due} today={todayIso()} summaries={summaries} />,
    );
  });

  app.post<{ Body: { lang?: string; back?: string } }>(
    '/language',
    {
      config: { access: 'public' },
      // Logged in, the switch writes her session, so it needs the CSRF token. Anonymous, it only sets a
      // language cookie: no token is asked, so the landing and error pages need no CSRF cookie.
      preValidation: (req, reply, done) => {
        if (req.actor) app.csrfProtection(req, reply, done);
        else done();
      },
      schema: {
        body: {
          type: 'object',
          properties: {
            lang: { type: 'string', maxLength: 5 },
            back: { type: 'string', maxLength: 300 },
            _csrf: { type: 'string' },
          },
        },
      },
    },
    async (req, reply) => {
      const chosen = isLang(req.body.lang) ? req.body.lang : null;
      const lang = chosen ?? 'it';
      // Only a local path is a safe place to go back to (no open redirect).
      const back = req.body.back && /^\/(?!\/)[\w\-/.]*$/.test(req.body.back) ? req.body.back : '/';
      // Logged in, the choice is hers: stored on her account too (login language, e-mails; decision 0032).
      // A value that is no language (a crafted post) shows Italian and stores nothing.
      if (req.actor && chosen) {
        const { userId, orgId, sessionId } = req.actor;
        await setLanguage(
          { db, config: opts.config, ip: req.ip, requestId: req.id },
          { userId, orgId, sessionId },
          chosen,
        );
      }
      setLangCookie(reply, lang, opts.config.secureCookies);
      return reply.redirect(back, 303);
    },
  );

  app.get('/healthz', { config: { access: 'public' } }, async (_req, reply) => {
    await db.selectFrom('organisation').select('id').limit(1).execute();
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  // Readiness, for the load balancer: 503 until the checks of `ponte doctor` that are cheap pass (database, schema,
  // keys, audit key, clock, disk; not SMTP: a mail outage must not take every instance out). Only the names and
  // verdicts leave, never the texts (they name folders and keys). /healthz stays the liveness probe.
  // With a read replica (DATABASE_READ_URL), its state is reported too (`replica`: ok, or avviso when the heavy
  // reads fall back to the primary); a replica never makes the instance unready.
  const ready = readiness(
    db,
    opts.config,
    undefined,
    opts.readDatabase !== opts.database
      ? () => cachedReplicaState(opts.readDatabase, opts.config.readMaxLagSeconds)
      : undefined,
  );
  app.get('/readyz', { config: { access: 'public' } }, async (_req, reply) => {
    const { ready: isReady, checks } = await ready();
    return reply
      .code(isReady ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        status: isReady ? 'ready' : 'not_ready',
        checks: Object.fromEntries(checks.map((c) => [c.id, c.level])),
      });
  });
}
