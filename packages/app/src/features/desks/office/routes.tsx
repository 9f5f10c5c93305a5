import type { FastifyInstance } from 'fastify';
import type { FeatureOptions } from '../../../platform/feature.ts';
import { registerMenuItem } from '../../../platform/ui/menu.ts';
import { ctxOf, getSchema, type Strings, translate } from '../common/http.ts';
import { officePage } from './service.ts';
import './messages.ts';
import { OFFICE_PATH, OfficeAppointmentsView } from './views.tsx';

// HTTP of "Appuntamenti dell'ufficio" (the INPS director's list of her office's desk appointments); registered by
// desksFeature. Read-only, so one GET; the director's permission over her office's desks is desks.assign.

registerMenuItem({ href: OFFICE_PATH, label: 'desks.menu.office', access: 'desks.assign', order: 30.5 });

const PAGE_SIZE = 20;

export function registerOfficeRoutes(app: FastifyInstance, opts: FeatureOptions): void {
  const { db } = opts.database;

  app.get(OFFICE_PATH, { config: { access: 'desks.assign' }, schema: getSchema }, async (req, reply) => {
    const data = await officePage(db, ctxOf(req), req.query as Strings, PAGE_SIZE);
    const errors = translate(req, data.errors);
    return reply.page(
      req.t('desks.office.title'),
      <OfficeAppointmentsView ctx={reply.pageContext()} data={data} pageSize={PAGE_SIZE} errors={errors} />,
      // Dates that cannot be read: the form comes back with the message next to the field.
      { status: Object.keys(errors).length > 0 ? 400 : 200 },
    );
  });
}
