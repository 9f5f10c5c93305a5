import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../platform/feature.ts';
import { readPage } from '../../platform/forms/page.ts';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import './messages.ts';
import * as svc from './service.ts';
import { AuditSearchView, VerifyResultView } from './views.tsx';

registerMenuItem({ href: '/audit', label: 'audit.menu', access: 'audit.read', order: 80 });

type Strings = Record<string, string | undefined>;
const ACCESS = { access: 'audit.read' } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string', maxLength: 300 } };

function who(req: FastifyRequest): svc.Who {
  // The route's access guarantees an actor; the fallback only satisfies the type.
  return { userId: req.actor?.userId ?? '', orgId: req.actor?.orgId ?? '', ip: req.ip, requestId: req.id };
}

/** The DPO's search of the audit log and the verification of its hash chain. */
export async function auditFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;

  app.get<{ Querystring: Strings }>(
    '/audit',
    { config: ACCESS, schema: { querystring: stringMap } },
    async (req, reply) => {
      const { filters, errors } = svc.parseFilters(req.query);
      const invalid = Object.keys(errors).length > 0;
      const result = invalid
        ? { rows: [], total: 0, page: 1 }
        : await svc.search(db, who(req), filters, readPage(req.query.page));
      return reply.page(
        req.t('audit.title'),
        <AuditSearchView
          ctx={reply.pageContext()}
          values={req.query}
          errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, req.t(v)]))}
          rows={result.rows}
          total={result.total}
          page={result.page}
          pageSize={svc.AUDIT_PAGE_SIZE}
        />,
        { status: invalid ? 400 : 200 },
      );
    },
  );

  app.post(
    '/audit/verify',
    { config: ACCESS, onRequest: app.csrfProtection, schema: { body: stringMap } },
    async (req, reply) => {
      const result = await svc.verify(db, who(req));
      return reply.page(
        req.t('audit.verify.title'),
        <VerifyResultView ctx={reply.pageContext()} result={result} />,
        {
          breadcrumb: [
            { href: '/audit', label: req.t('audit.title') },
            { label: req.t('audit.verify.title') },
          ],
        },
      );
    },
  );
}
