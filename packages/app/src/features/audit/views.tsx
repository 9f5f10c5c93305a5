import type { VerifyResult } from '../../platform/audit/audit.ts';
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  Notice,
  Pagination,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import type { AuditRow } from './repository.ts';
import { romeTime } from './service.ts';

type Values = Record<string, string | undefined>;

export function auditHref(values: Values, page: number): string {
  const q = new URLSearchParams();
  for (const k of ['who', 'action', 'entity_type', 'entity_id', 'from', 'to', 'ip']) {
    const v = values[k]?.trim();
    if (v) q.set(k, v);
  }
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/audit?${s}` : '/audit';
}

function VerifyForm({ ctx }: { ctx: PageContext }) {
  return (
    <Form ctx={ctx} action="/audit/verify" class="mb-4">
      <p class="form-text">{ctx.t('audit.verify.hint')}</p>
      <button type="submit" class="btn btn-outline-primary">
        {ctx.t('audit.verify')}
      </button>
    </Form>
  );
}

export function AuditSearchView(p: {
  ctx: PageContext;
  values: Values;
  errors: FieldErrors;
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  const { ctx, values: v, errors } = p;
  return (
    <>
      <p class="lead">{ctx.t('audit.intro')}</p>
      <VerifyForm ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action="/audit" method="get" class="row g-2 align-items-end mb-4">
        <div class="col-12 col-md-4">
          <Field
            ctx={ctx}
            name="who"
            label={ctx.t('audit.field.who')}
            value={v.who}
            errors={errors}
            maxLength={200}
          />
        </div>
        <div class="col-12 col-md-4">
          <Field
            ctx={ctx}
            name="action"
            label={ctx.t('audit.field.action')}
            hint={ctx.t('audit.field.action.hint')}
            value={v.action}
            errors={errors}
            maxLength={200}
          />
        </div>
        <div class="col-12 col-md-4">
          <Field
            ctx={ctx}
            name="ip"
            label={ctx.t('audit.field.ip')}
            value={v.ip}
            errors={errors}
            maxLength={45}
          />
        </div>
        <div class="col-12 col-md-6">
          <Field
            ctx={ctx}
            name="entity_type"
            label={ctx.t('audit.field.entityType')}
            value={v.entity_type}
            errors={errors}
            maxLength={200}
          />
        </div>
        <div class="col-12 col-md-6">
          <Field
            ctx={ctx}
            name="entity_id"
            label={ctx.t('audit.field.entityId')}
            value={v.entity_id}
            errors={errors}
            maxLength={200}
          />
        </div>
        <div class="col-12 col-md-6">
          <Field
            ctx={ctx}
            name="from"
            type="date"
            label={ctx.t('audit.field.from')}
            hint={ctx.t('audit.field.date.hint')}
            value={v.from}
            errors={errors}
          />
        </div>
        <div class="col-12 col-md-6">
          <Field
            ctx={ctx}
            name="to"
            type="date"
            label={ctx.t('audit.field.to')}
            hint={ctx.t('audit.field.date.hint')}
            value={v.to}
            errors={errors}
          />
        </div>
        <div class="col-12 mb-4">
          <button type="submit" class="btn btn-primary">
            {ctx.t('ui.search')}
          </button>
        </div>
      </Form>
      {p.rows.length === 0 ? (
        <p>{ctx.t('ui.empty')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm">
            <caption class="visually-hidden">{ctx.t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{ctx.t('audit.col.when')}</th>
                <th scope="col">{ctx.t('audit.col.who')}</th>
                <th scope="col">{ctx.t('audit.col.org')}</th>
                <th scope="col">{ctx.t('audit.col.action')}</th>
                <th scope="col">{ctx.t('audit.col.record')}</th>
                <th scope="col">{ctx.t('audit.col.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id} data-entry={r.id}>
                  <td>{r.id}</td>
                  <td>
                    <time datetime={r.at.toISOString()}>{romeTime(r.at, ctx.lang)}</time>
                  </td>
                  <td>{r.username ?? ctx.t('audit.system')}</td>
                  <td>{r.org_name ?? '—'}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.entity_type ? `${r.entity_type}${r.entity_id ? ` ${r.entity_id}` : ''}` : '—'}</td>
                  <td>{r.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        href={(n) => auditHref(v, n)}
      />
    </>
  );
}

export function VerifyResultView({ ctx, result }: { ctx: PageContext; result: VerifyResult }) {
  const b = result.firstBroken;
  return (
    <>
      {result.ok || !b ? (
        <Notice message={ctx.t('audit.verify.ok', { checked: result.checked })} />
      ) : (
        <div class="alert alert-danger" role="alert" data-broken-entry={b.id}>
          {ctx.t('audit.verify.broken', {
            id: b.id,
            reason: ctx.t(`audit.verify.reason.${b.reason}`),
            checked: result.checked,
          })}
        </div>
      )}
      <p>
        <a href="/audit">{ctx.t('audit.verify.back')}</a>
      </p>
    </>
  );
}
