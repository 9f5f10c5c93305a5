import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { PonteError } from '../../platform/errors.ts';
import { Form, Select } from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import { collectAccessExport, recordAccessExport } from './access-export.ts';
import './access-messages.ts';
import { now } from '../../platform/clock.ts';
import { accessPdf } from './access-pdf.ts';
import type { CaseRow } from './repository.ts';
import * as svc from './service.ts';

// Right of access: a confirmation page (the file holds identifying data), then a POST that answers with the
// file itself, as a download with a neutral name, never cached and never stored.

const ACCESS = { access: 'cases.work' } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string', maxLength: 100 } } as const;

function AccessExportView({ ctx, c }: { ctx: PageContext; c: CaseRow }) {
  const t = ctx.t;
  const items = ['identity', 'consents', 'contact', 'screenings', 'cards', 'applications', 'due'];
  return (
    <>
      <p class="lead">{t('cases.export.intro')}</p>
      <div class="alert alert-warning" role="note">
        <p class="mb-0">{t('cases.export.warning')}</p>
      </div>
      <p>{t('cases.export.contents')}</p>
      <ul>
        {items.map((k) => (
          <li key={k}>{t(`cases.export.contents.${k}`)}</li>
        ))}
      </ul>
      <Form ctx={ctx} action={`/cases/${c.id}/export`}>
        <Select
          ctx={ctx}
          name="lang"
          label={t('cases.export.lang')}
          value={ctx.lang === 'en' ? 'en' : 'it'}
          options={[
            { value: 'it', label: t('cases.export.lang.it') },
            { value: 'en', label: t('cases.export.lang.en') },
          ]}
        />
        <div class="d-flex flex-wrap gap-2">
          <button type="submit" name="format" value="pdf" class="btn btn-primary">
            {t('cases.export.pdf.button')}
          </button>
          <button type="submit" name="format" value="json" class="btn btn-outline-primary">
            {t('cases.export.json.button')}
          </button>
          <a class="btn btn-outline-secondary" href={`/cases/${c.id}`}>
            {t('cases.cancel')}
          </a>
        </div>
      </Form>
    </>
  );
}

export function registerAccessRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { id: string } }>(
    '/cases/:id/export',
    { config: ACCESS, schema: { querystring: stringMap } },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      return reply.page(
        req.t('cases.export.title', { code: c.code }),
        <AccessExportView ctx={reply.pageContext()} c={c} />,
        {
          breadcrumb: [
            { href: '/cases', label: req.t('cases.crumb') },
            { href: `/cases/${c.id}`, label: c.code },
            { label: req.t('cases.export') },
          ],
        },
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, string | undefined> }>(
    '/cases/:id/export',
    { config: ACCESS, onRequest: app.csrfProtection, schema: { body: stringMap, querystring: stringMap } },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const format = req.body.format;
      if (format !== 'pdf' && format !== 'json') throw new PonteError('PONTE_ERR_BAD_REQUEST');
      const lang = req.body.lang ?? 'it';
      if (lang !== 'it' && lang !== 'en') throw new PonteError('PONTE_ERR_BAD_REQUEST');
      const a = req.actor!;
      const actor = { userId: a.userId, orgId: a.orgId, roles: a.roles, ip: req.ip, requestId: req.id };
      const data = await collectAccessExport(db, actor, c, now(), lang);
      const file =
        format === 'json'
          ? `${JSON.stringify(data, null, 2)}\n`
          : await accessPdf(data, { compress: true, lang });
      await recordAccessExport(db, actor, c.id, format, data);
      reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .header('content-disposition', `attachment; filename="dati-${c.code}.${format}"`);
      return reply.type(format === 'json' ? 'application/json; charset=utf-8' : 'application/pdf').send(file);
    },
  );
}
