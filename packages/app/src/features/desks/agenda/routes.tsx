import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PonteError } from '../../../platform/errors.ts';
import type { FeatureOptions } from '../../../platform/feature.ts';
import { registerMenuItem } from '../../../platform/ui/menu.ts';
import { calendarFor, createFeed, type FeedActor, liveFeed, revokeFeed } from './feed.ts';
import { FEED_CONFIRM, FeedConfirmView, FeedView } from './views.tsx';
import '../notify/mail-messages.ts';

// Routes of the officer's calendar subscription (issue 5, part C): her page under /desks/agenda/feed
// (cards.work) and the public feed /calendar/<token>.ics, where the token is the credential. The feed reads no
// cookie and sets none (publicPage), is never cached, says nothing about unknown or revoked tokens (404), and
// is rate-limited per client address.

registerMenuItem({ href: '/desks/agenda/feed', label: 'desks.menu.feed', access: 'cards.work', order: 33 });

type Strings = Record<string, string | undefined>;
const formBody = { type: 'object', additionalProperties: { type: 'string', maxLength: 200 } } as const;
const query = { type: 'object', additionalProperties: { type: 'string', maxLength: 200 } } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const seenOf = (v: string | undefined) => (v && UUID.test(v) ? v : '');

function actorOf(req: FastifyRequest): FeedActor {
  return { userId: req.actor!.userId, orgId: req.actor!.orgId, ip: req.ip, requestId: req.id };
}

const isConflict = (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_CONFLICT';

export async function feedRoutes(app: FastifyInstance, opts: FeatureOptions): Promise<void> {
  const { db } = opts.database;
  const csrf = app.csrfProtection;

  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { url?: string; flash?: string; conflict?: boolean; status?: number } = {},
  ) {
    return reply.page(
      req.t('desks.feed.title'),
      <FeedView
        ctx={reply.pageContext()}
        live={await liveFeed(db, req.actor!.userId)}
        url={o.url}
        flash={o.flash}
        conflict={o.conflict}
      />,
      { status: o.status ?? 200 },
    );
  }

  app.get(
    '/desks/agenda/feed',
    { config: { access: 'cards.work' }, schema: { querystring: query } },
    (req, reply) =>
      page(req, reply, { flash: (req.query as Strings).ok === 'revoked' ? 'desks.feed.revoked' : undefined }),
  );

  // Creates the feed (`seen` empty: her first), or a new one in place of the live one `seen` names. The
  // response itself shows the URL: it never travels in a redirect, a query string or a log line.
  async function create(req: FastifyRequest, reply: FastifyReply, seen: string) {
    try {
      const token = await createFeed(db, actorOf(req), seen);
      return page(req, reply, { url: `${req.protocol}://${req.host}/calendar/${token}.ics` });
    } catch (e) {
      if (isConflict(e)) return page(req, reply, { conflict: true, status: 409 });
      throw e;
    }
  }

  // Only a first address: one that replaces the live address goes through the confirmation below, so a
  // stale page (it saw no feed) posting here is a conflict, never a silent replacement.
  app.post<{ Body: Strings }>(
    '/desks/agenda/feed',
    { config: { access: 'cards.work' }, onRequest: csrf, schema: { body: formBody } },
    (req, reply) => create(req, reply, ''),
  );

  // A new address stops the old one at once: asked first, like revoking. The two questions are one page each.
  for (const act of ['regenerate', 'revoke'] as const) {
    app.get(
      `/desks/agenda/feed/${act}`,
      { config: { access: 'cards.work' }, schema: { querystring: query } },
      async (req, reply) => {
        const live = await liveFeed(db, req.actor!.userId);
        if (!live) return reply.redirect('/desks/agenda/feed', 303);
        return reply.page(
          req.t(FEED_CONFIRM[act].title),
          <FeedConfirmView ctx={reply.pageContext()} feed={live.id} act={act} />,
        );
      },
    );
  }

  app.post<{ Body: Strings }>(
    '/desks/agenda/feed/regenerate',
    { config: { access: 'cards.work' }, onRequest: csrf, schema: { body: formBody } },
    async (req, reply) => {
      const seen = seenOf(req.body?.feed);
      if (!seen) return page(req, reply, { conflict: true, status: 409 });
      return create(req, reply, seen);
    },
  );

  app.post<{ Body: Strings }>(
    '/desks/agenda/feed/revoke',
    { config: { access: 'cards.work' }, onRequest: csrf, schema: { body: formBody } },
    async (req, reply) => {
      try {
        await revokeFeed(db, actorOf(req), seenOf(req.body?.feed));
      } catch (e) {
        if (isConflict(e)) return page(req, reply, { conflict: true, status: 409 });
        throw e;
      }
      return reply.redirect('/desks/agenda/feed?ok=revoked', 303);
    },
  );

  app.get<{ Params: { file: string } }>(
    '/calendar/:file',
    {
      config: { access: 'public', publicPage: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      // The path holds the secret token: at level warn, Fastify's request lines (which print the path) are not written.
      logLevel: 'warn',
    },
    async (req, reply) => {
      const file = req.params.file;
      const ics = file.endsWith('.ics') ? await calendarFor(db, file.slice(0, -4)) : null;
      reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer');
      if (ics === null)
        return reply.code(404).type('text/plain; charset=utf-8').send(req.t('error.PONTE_ERR_NOT_FOUND'));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="ponte.ics"')
        .send(ics);
    },
  );
}
