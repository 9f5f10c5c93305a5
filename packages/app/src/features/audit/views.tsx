import type { VerifyResult } from '../../platform/audit/audit.ts';
import {
  DataTable,
  ErrorSummary,
  Field,
  type FieldErrors,
  FilterBar,
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

/** The search fields, in the order of the form: label and hint are message keys. */
const FILTERS: {
  name: string;
  label: string;
  width: 4 | 6;
  type?: 'date';
  hint?: string;
  maxLength?: number;
}[] = [
  { name: 'who', label: 'audit.field.who', width: 4, maxLength: 200 },
  { name: 'action', label: 'audit.field.action', hint: 'audit.field.action.hint', width: 4, maxLength: 200 },
  { name: 'ip', label: 'audit.field.ip', width: 4, maxLength: 45 },
  { name: 'entity_type', label: 'audit.field.entityType', width: 6, maxLength: 200 },
  { name: 'entity_id', label: 'audit.field.entityId', width: 6, maxLength: 200 },
  { name: 'from', label: 'audit.field.from', hint: 'audit.field.date.hint', width: 6, type: 'date' },
  { name: 'to', label: 'audit.field.to', hint: 'audit.field.date.hint', width: 6, type: 'date' },
];

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
      <FilterBar ctx={ctx} action="/audit" layout="stacked">
        {FILTERS.map((f) => (
          <div key={f.name} class={`col-12 col-md-${f.width}`}>
            <Field
              ctx={ctx}
              name={f.name}
              type={f.type}
              label={ctx.t(f.label)}
              hint={f.hint && ctx.t(f.hint)}
              value={v[f.name]}
              errors={errors}
              maxLength={f.name === 'ip' ? f.maxLength : undefined}
              maxChars={f.name === 'ip' ? undefined : f.maxLength}
            />
          </div>
        ))}
      </FilterBar>
      <DataTable
        ctx={ctx}
        caption={ctx.t('audit.title')}
        headers={[
          '#',
          ctx.t('audit.col.when'),
          ctx.t('audit.col.who'),
          ctx.t('audit.col.org'),
          ctx.t('audit.col.action'),
          ctx.t('audit.col.record'),
          ctx.t('audit.col.ip'),
        ]}
        rows={p.rows}
        small
        row={(r) => (
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
        )}
      />
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
