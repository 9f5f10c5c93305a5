import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../../platform/feature.ts';
import { loadPage, offsetOf, readPage } from '../../../platform/forms/page.ts';
import { flashFrom } from '../../../platform/http/page-schemas.ts';
import { registerMenuItem } from '../../../platform/ui/menu.ts';
import './messages.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import type * as svc from '../booking/service.ts';
import { ctxOf, formPage, getPage, postForm, type Strings, translate } from '../common/http.ts';
import * as avail from './service.ts';
import { AvailabilityCancelView, AvailabilityView } from './views.tsx';

// HTTP of "La mia disponibilità" (the officer's own desk days); registered by desksFeature.

registerMenuItem({
  href: '/desks/availability',
  label: 'desks.menu.availability',
  access: 'desks.publish',
  order: 32.5,
});

const PAGE_SIZE = 20;
const flashOf = flashFrom({ published: 'desks.avail.published', withdrawn: 'desks.avail.withdrawn' });

export function registerAvailabilityRoutes(app: FastifyInstance, opts: FeatureOptions): void {
  const { db } = opts.database;

  formPage(
    app,
    '/desks/availability',
    'desks.publish',
    'desks.avail.title',
    async (req, reply, form) => {
      const ctx = ctxOf(req);
      const { rows, total, page } = await loadPage(readPage((req.query as Strings).page), PAGE_SIZE, (p) =>
        avail.ownDays(db, ctx, PAGE_SIZE, offsetOf(p, PAGE_SIZE)),
      );
      return (
        <AvailabilityView
          ctx={reply.pageContext()}
          rows={rows}
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          desks={await avail.desksForOfficer(db, ctx)}
          trained={await avail.canPublish(db, ctx)}
          now={clockNow()}
          {...form}
          flash={flashOf(req.query)}
        />
      );
    },
    async (req, b) => {
      await avail.publishDay(db, ctxOf(req), b);
      return '/desks/availability?ok=published';
    },
  );

  async function cancelPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: svc.Errors,
    status = 200,
  ) {
    const ctx = ctxOf(req);
    const day = await avail.ownDay(db, ctx, id);
    return reply.page(
      req.t('desks.avail.cancelTitle'),
      <AvailabilityCancelView
        ctx={reply.pageContext()}
        day={day}
        own={avail.isOwnPublication(ctx, day)}
        now={clockNow()}
        errors={translate(req, errors)}
      />,
      { status },
    );
  }

  type DayP = { sessionId: string };
  getPage<DayP>(app, '/desks/availability/:sessionId/cancel', 'desks.publish', (req, reply) =>
    cancelPage(req, reply, req.params.sessionId, {}),
  );

  postForm<DayP>(
    app,
    '/desks/availability/:sessionId/cancel',
    'desks.publish',
    async (req, b) => {
      await avail.withdrawDay(db, ctxOf(req), req.params.sessionId, b);
      return '/desks/availability?ok=withdrawn';
    },
    // A booking taken meanwhile, or a form older than the day: the day's state conflicts (409).
    (req, reply, _b, errors) => cancelPage(req, reply, req.params.sessionId, errors, 409),
  );
}
