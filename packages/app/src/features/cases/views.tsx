import type { Assessment, Result } from '@ponte/rules';
import type { VNode } from 'preact';
import type { ConsentPurpose, ContactChannel } from '../../platform/db/schema.ts';
import { formatDate, formatDateTime, formatDay, formatMoney } from '../../platform/format.ts';
import type { T } from '../../platform/i18n/index.ts';
import {
  Checkbox,
  CheckboxGroup,
  ChoiceBox,
  Confirmation,
  DataTable,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  FormActions,
  fieldOf,
  Notice,
  Pagination,
  RadioGroup,
  SearchField,
  Select,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import {
  AmountInput,
  amountWords,
  type FieldSpec,
  type Question,
  UnknownBox,
  type Values,
  withoutVerifyPrefix,
} from '../public/index.ts';
import type { BenefitChange } from './check.ts';
import type { Identity } from './identity.ts';
import type { CaseRow, ConsentRow, DueRow, SafeContactRow, ScreeningRow } from './repository.ts';
import { CHANNELS, CLOSING_REASONS, PURPOSES, SAFETY_ANSWERS } from './service.ts';

// Views of the cases feature. Nothing identifying ever goes in a URL: forms that show identity are POSTs.

export type Strings = Record<string, string | undefined>;

/** A calendar day as the date inputs take it ("07/12/2026"): for prefilled form values, never for display. */
export function inputDay(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function ConflictNotice({ ctx, conflict }: { ctx: PageContext; conflict?: boolean }) {
  if (!conflict) return null;
  return (
    <div class="alert alert-warning" role="alert">
      {ctx.t('cases.conflict')}
    </div>
  );
}

// ── list ──────────────────────────────────────────────────────────────────────────────────────────────────

export function CaseListView(p: {
  ctx: PageContext;
  rows: CaseRow[];
  total: number;
  page: number;
  pageSize: number;
  filter: { code: string; status: string };
}) {
  const { ctx } = p;
  const href = (page: number) => {
    const q = new URLSearchParams();
    if (p.filter.code) q.set('code', p.filter.code);
    if (p.filter.status) q.set('status', p.filter.status);
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return s ? `/cases?${s}` : '/cases';
  };
  return (
    <>
      <p class="lead">{ctx.t('cases.intro')}</p>
      <Form ctx={ctx} action="/cases" class="mb-4">
        <button type="submit" class="btn btn-primary">
          {ctx.t('cases.open')}
        </button>
      </Form>
      <form method="get" action="/cases" class="row g-3 align-items-end mb-3">
        <SearchField
          ctx={ctx}
          name="code"
          label={ctx.t('cases.search.code')}
          value={p.filter.code}
          maxLength={20}
          width={5}
        />
        <div class="col-12 col-md-4">
          <Select
            ctx={ctx}
            name="status"
            label={ctx.t('cases.search.status')}
            value={p.filter.status}
            placeholder={ctx.t('cases.search.any')}
            options={[
              { value: 'open', label: ctx.t('cases.status.open') },
              { value: 'closed', label: ctx.t('cases.status.closed') },
            ]}
          />
        </div>
        <div class="col-12 col-md-3 mb-4">
          <button type="submit" class="btn btn-outline-primary">
            {ctx.t('cases.search.submit')}
          </button>
        </div>
      </form>
      <DataTable
        ctx={ctx}
        caption={ctx.t('cases.title')}
        empty={ctx.t('cases.none')}
        headers={[
          ctx.t('cases.col.code'),
          ctx.t('cases.col.status'),
          ctx.t('cases.col.opened'),
          ctx.t('cases.col.openedBy'),
        ]}
        rows={p.rows}
        row={(r) => (
          <tr key={r.id}>
            <td>
              <a href={`/cases/${r.id}`} data-case-code>
                {r.code}
              </a>
            </td>
            <td>{ctx.t(`cases.status.${r.status}`)}</td>
            <td>{formatDate(r.opened_at, ctx.lang)}</td>
            <td>{r.opened_by_name}</td>
          </tr>
        )}
      />
      <Pagination ctx={ctx} page={p.page} pageSize={p.pageSize} total={p.total} href={href} />
    </>
  );
}

// ── case page ─────────────────────────────────────────────────────────────────────────────────────────────

function consentState(t: T, lang: string, c: ConsentRow, today: string): string {
  if (c.revoked_at) return t('cases.consent.revoked', { date: formatDate(c.revoked_at, lang) });
  if (c.expires_on < today) return t('cases.consent.expired');
  return t('cases.consent.live');
}

export function IdentityPanel({
  ctx,
  identity,
  codeWord,
}: {
  ctx: PageContext;
  identity: Identity | null;
  codeWord: string | null;
}) {
  const row = (key: string, v: string | undefined | null) => (
    <>
      <dt>{ctx.t(key)}</dt>
      <dd>{v || ctx.t('cases.identity.empty')}</dd>
    </>
  );
  return (
    <div class="alert alert-info" data-identity>
      <p class="fw-semibold">{ctx.t('cases.identity.shown')}</p>
      {identity ? (
        <dl class="mb-0">
          {row('cases.identity.name', identity.name)}
          {row('cases.identity.codiceFiscale', identity.codiceFiscale)}
          {row('cases.identity.phone', identity.phone)}
          {row('cases.identity.email', identity.email)}
          {row('cases.identity.address', identity.address)}
          {row('cases.identity.codeWord', codeWord)}
        </dl>
      ) : (
        <>
          <p class="mb-0">{ctx.t('cases.identity.none')}</p>
          {codeWord && (
            <dl class="mb-0">
              <dt>{ctx.t('cases.identity.codeWord')}</dt>
              <dd>{codeWord}</dd>
            </dl>
          )}
        </>
      )}
    </div>
  );
}

export function CaseView(p: {
  ctx: PageContext;
  c: CaseRow;
  identity: { recorded: boolean; erased: boolean };
  revealed?: { identity: Identity | null; codeWord: string | null };
  consents: ConsentRow[];
  statistics: boolean;
  contact: SafeContactRow | undefined;
  lastScreening: ScreeningRow | undefined;
  due: DueRow[];
  today: string;
  flash?: string;
  /** Sections of other features (consultation cards…), already rendered. */
  extra?: (VNode | null)[];
}) {
  const { ctx, c } = p;
  const t = ctx.t;
  const open = c.status === 'open';
  return (
    <>
      {p.flash && <Notice message={t(p.flash, { code: c.code })} />}
      {!open && (
        <Notice
          kind="info"
          message={t('cases.closedNotice', {
            reason: t(`cases.close.reason.${c.closing_reason}`),
            date: formatDate(c.closed_at, ctx.lang),
          })}
        />
      )}
      <p>
        {t('cases.openedOn', { date: formatDate(c.opened_at, ctx.lang), name: c.opened_by_name })} ·{' '}
        <strong>{t(`cases.status.${c.status}`)}</strong>
      </p>

      <section class="mb-5" aria-labelledby="h-identity">
        <h2 id="h-identity" class="h4">
          {t('cases.identity')}
        </h2>
        {p.revealed ? (
          <IdentityPanel ctx={ctx} identity={p.revealed.identity} codeWord={p.revealed.codeWord} />
        ) : (
          <p>
            {p.identity.erased
              ? t('cases.identity.erased')
              : p.identity.recorded
                ? t('cases.identity.recorded')
                : t('cases.identity.none')}
          </p>
        )}
        <div class="d-flex flex-wrap gap-2">
          {!p.revealed && (p.identity.recorded || p.contact?.has_code_word) && (
            <Form ctx={ctx} action={`/cases/${c.id}/identity/reveal`}>
              <button type="submit" class="btn btn-outline-primary">
                {t('cases.identity.show')}
              </button>
            </Form>
          )}
          {open && (
            <a class="btn btn-outline-primary" href={`/cases/${c.id}/identity`}>
              {t('cases.identity.edit')}
            </a>
          )}
          <a class="btn btn-outline-secondary" href={`/cases/${c.id}/export`}>
            {t('cases.export')}
          </a>
        </div>
      </section>

      <section class="mb-5" aria-labelledby="h-consents">
        <h2 id="h-consents" class="h4">
          {t('cases.consents')}
        </h2>
        <p data-statistics={p.statistics ? 'in' : 'out'}>
          {t(p.statistics ? 'cases.statistics.in' : 'cases.statistics.out')}
        </p>
        <DataTable
          ctx={ctx}
          caption={t('cases.consents')}
          empty={t('cases.consent.none')}
          headers={[
            t('cases.consent.col.purpose'),
            t('cases.consent.col.given'),
            t('cases.consent.col.expires'),
            t('cases.consent.col.by'),
            t('cases.consent.col.state'),
          ]}
          rows={p.consents}
          row={(k) => (
            <tr key={k.id} data-consent={k.purpose}>
              <td>{t(`cases.consent.purpose.${k.purpose}`)}</td>
              <td>{formatDay(k.given_on, ctx.lang)}</td>
              <td>{formatDay(k.expires_on, ctx.lang)}</td>
              <td>{k.collected_by_name}</td>
              <td>
                {consentState(t, ctx.lang, k, p.today)}
                {!k.revoked_at && (
                  <>
                    {' '}
                    <a href={`/cases/${c.id}/consents/${k.id}/revoke`} class="ms-2">
                      {t('cases.consent.revoke')}
                      <span class="visually-hidden"> — {t(`cases.consent.purpose.${k.purpose}`)}</span>
                    </a>
                  </>
                )}
              </td>
            </tr>
          )}
        />
        {open && (
          <a class="btn btn-outline-primary" href={`/cases/${c.id}/consents/new`}>
            {t('cases.consent.add')}
          </a>
        )}
      </section>

      <section class="mb-5" aria-labelledby="h-contact">
        <h2 id="h-contact" class="h4">
          {t('cases.contact')}
        </h2>
        <ul>
          <li>
            {t('cases.contact.channels')}:{' '}
            {(p.contact?.channels ?? ['cav_only']).map((ch) => t(`cases.contact.channel.${ch}`)).join(', ')}
          </li>
          <li>
            {t('cases.contact.hours')}: {p.contact?.hours || t('cases.contact.hours.none')}
          </li>
          <li>
            {t(p.contact?.has_code_word ? 'cases.contact.codeWord.set' : 'cases.contact.codeWord.unset')}
          </li>
          <li data-abuser-knows={p.contact?.abuser_knows ?? 'unasked'}>
            {t(`cases.contact.abuserKnows.${p.contact?.abuser_knows ?? 'unasked'}`)}
          </li>
        </ul>
        {p.contact?.abuser_knows !== 'no' && (
          <p class="alert alert-warning">{t('cases.contact.abuserKnows.guard')}</p>
        )}
        {open && (
          <a class="btn btn-outline-primary" href={`/cases/${c.id}/contact`}>
            {t('cases.contact.edit')}
          </a>
        )}
      </section>

      <section class="mb-5" aria-labelledby="h-check">
        <h2 id="h-check" class="h4">
          {t('cases.check')}
        </h2>
        {p.lastScreening ? (
          <p>
            <a href={`/cases/${c.id}/screenings/${p.lastScreening.id}`}>
              {t('cases.check.last', {
                date: formatDateTime(p.lastScreening.run_at, ctx.lang),
                name: p.lastScreening.run_by_name,
                rules: p.lastScreening.rules_version,
              })}
            </a>
          </p>
        ) : (
          <p>{t('cases.check.none')}</p>
        )}
        {open && (
          <a class="btn btn-primary" href={`/cases/${c.id}/check`}>
            {t(p.lastScreening ? 'cases.check.rerun' : 'cases.check.run')}
          </a>
        )}
      </section>

      <section class="mb-5" aria-labelledby="h-due">
        <h2 id="h-due" class="h4">
          {t('cases.due')}
        </h2>
        <DueTable ctx={ctx} rows={p.due} today={p.today} showCase={false} back={`/cases/${c.id}`} />
      </section>

      {p.extra}

      {open && (
        <p>
          <a class="btn btn-outline-danger" href={`/cases/${c.id}/close`}>
            {t('cases.close')}
          </a>
        </p>
      )}
    </>
  );
}

export function DueTable({
  ctx,
  rows,
  today,
  showCase,
  back,
}: {
  ctx: PageContext;
  rows: DueRow[];
  today: string;
  showCase: boolean;
  back: string;
}) {
  const open = rows.filter((r) => !r.done_at);
  if (open.length === 0) return <p>{ctx.t('cases.due.none')}</p>;
  return (
    <div class="table-responsive">
      <table class="table">
        <caption class="visually-hidden">{ctx.t('cases.due')}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('cases.due.col.due')}</th>
            <th scope="col">{ctx.t('cases.due.col.what')}</th>
            {showCase && <th scope="col">{ctx.t('cases.due.col.case')}</th>}
            <td />
          </tr>
        </thead>
        <tbody>
          {open.map((d) => (
            <tr key={d.id} data-due={d.benefit ?? d.kind}>
              <td>
                {formatDay(d.due_on, ctx.lang)}
                {d.due_on < today && <strong class="ms-1">({ctx.t('cases.due.overdue')})</strong>}
              </td>
              <td>{ctx.t(d.title_key, d.params as Record<string, string>)}</td>
              {showCase && (
                <td>
                  <a href={`/cases/${d.case_id}`}>{d.code}</a>
                </td>
              )}
              <td>
                <Form ctx={ctx} action={`/cases/${d.case_id}/due/${d.id}/done`}>
                  <input type="hidden" name="version" value={String(d.version)} />
                  <input type="hidden" name="back" value={back} />
                  <button type="submit" class="btn btn-sm btn-outline-primary">
                    {ctx.t('cases.due.done')}
                    <span class="visually-hidden">
                      {' '}
                      — {ctx.t(d.title_key, d.params as Record<string, string>)}
                    </span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DueListView({
  ctx,
  rows,
  today,
  flash,
}: {
  ctx: PageContext;
  rows: DueRow[];
  today: string;
  flash?: string;
}) {
  return (
    <>
      {flash && <Notice message={ctx.t(flash)} />}
      <DueTable ctx={ctx} rows={rows} today={today} showCase back="/cases/due" />
    </>
  );
}

// ── forms ─────────────────────────────────────────────────────────────────────────────────────────────────

export function IdentityFormView(p: {
  ctx: PageContext;
  c: CaseRow;
  values: Strings;
  errors: FieldErrors;
  conflict?: boolean;
  /** A recorded identity exists but was not revealed: offer to reveal it for editing. */
  needsReveal: boolean;
}) {
  const { ctx, c } = p;
  if (p.needsReveal) {
    return (
      <>
        <p>{ctx.t('cases.identity.recorded')}</p>
        <Form ctx={ctx} action={`/cases/${c.id}/identity/edit`}>
          <button type="submit" class="btn btn-primary">
            {ctx.t('cases.identity.edit')}
          </button>{' '}
          <a class="btn btn-outline-secondary" href={`/cases/${c.id}`}>
            {ctx.t('cases.cancel')}
          </a>
        </Form>
      </>
    );
  }
  return (
    <>
      <ConflictNotice ctx={ctx} conflict={p.conflict} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{ctx.t('cases.identity.intro')}</p>
      <Form ctx={ctx} action={`/cases/${c.id}/identity`}>
        <input type="hidden" name="version" value={p.values.version ?? '0'} />
        <Field
          {...fieldOf(p, 'name')}
          label={ctx.t('cases.identity.name')}
          autocomplete="off"
          maxChars={200}
        />
        <Field
          {...fieldOf(p, 'codiceFiscale')}
          label={ctx.t('cases.identity.codiceFiscale')}
          hint={ctx.t('cases.identity.codiceFiscale.hint')}
          autocomplete="off"
          maxLength={20}
        />
        <Field
          {...fieldOf(p, 'phone')}
          type="tel"
          label={ctx.t('cases.identity.phone')}
          autocomplete="off"
          maxChars={30}
        />
        <Field
          {...fieldOf(p, 'email')}
          type="email"
          label={ctx.t('cases.identity.email')}
          autocomplete="off"
          maxChars={254}
        />
        <Field
          {...fieldOf(p, 'address')}
          label={ctx.t('cases.identity.address')}
          hint={ctx.t('cases.identity.address.hint')}
          autocomplete="off"
          maxChars={300}
        />
        <FormActions ctx={ctx} cancel={`/cases/${c.id}`} />
      </Form>
    </>
  );
}

export function ConsentFormView(p: {
  ctx: PageContext;
  c: CaseRow;
  values: Strings;
  errors: FieldErrors;
  workers: { id: string; name: string }[];
}) {
  const { ctx, c } = p;
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={`/cases/${c.id}/consents`}>
        <Select
          {...fieldOf(p, 'purpose')}
          label={ctx.t('cases.consent.purpose')}
          placeholder=""
          options={PURPOSES.map((v: ConsentPurpose) => ({
            value: v,
            label: ctx.t(`cases.consent.purpose.${v}`),
          }))}
        />
        <Field
          {...fieldOf(p, 'givenOn')}
          label={ctx.t('cases.consent.givenOn')}
          hint={ctx.t('cases.consent.givenOn.hint')}
          required
          maxLength={10}
        />
        <Field
          {...fieldOf(p, 'expiresOn')}
          label={ctx.t('cases.consent.expiresOn')}
          hint={ctx.t('cases.consent.expiresOn.hint')}
          maxLength={10}
        />
        <Select
          {...fieldOf(p, 'collectedBy')}
          label={ctx.t('cases.consent.collectedBy')}
          options={p.workers.map((w) => ({ value: w.id, label: w.name }))}
        />
        <Field
          {...fieldOf(p, 'note')}
          label={ctx.t('cases.consent.note')}
          hint={ctx.t('cases.consent.note.hint')}
          maxChars={500}
        />
        <FormActions ctx={ctx} cancel={`/cases/${c.id}`} />
      </Form>
    </>
  );
}

export function ConfirmView(p: {
  ctx: PageContext;
  text: string;
  action: string;
  cancel: string;
  confirmLabel: string;
  hidden: Record<string, string>;
  conflict?: boolean;
  errors?: FieldErrors;
  reasons?: boolean;
  reason?: string;
}) {
  const { ctx } = p;
  return (
    <>
      <ConflictNotice ctx={ctx} conflict={p.conflict} />
      <ErrorSummary ctx={ctx} errors={p.errors ?? {}} />
      <Confirmation
        ctx={ctx}
        text={p.text}
        action={p.action}
        cancel={p.cancel}
        confirmLabel={p.confirmLabel}
        hidden={p.hidden}
      >
        {p.reasons && (
          <Select
            ctx={ctx}
            name="reason"
            label={ctx.t('cases.close.reason')}
            value={p.reason}
            errors={p.errors}
            placeholder=""
            options={CLOSING_REASONS.map((r) => ({ value: r, label: ctx.t(`cases.close.reason.${r}`) }))}
          />
        )}
      </Confirmation>
    </>
  );
}

export function ContactFormView(p: {
  ctx: PageContext;
  c: CaseRow;
  values: { channels: string[]; hours: string; abuserKnows: string; version: string; hasCodeWord: boolean };
  errors: FieldErrors;
  conflict?: boolean;
}) {
  const { ctx, c } = p;
  return (
    <>
      <ConflictNotice ctx={ctx} conflict={p.conflict} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{ctx.t('cases.contact.intro')}</p>
      <Form ctx={ctx} action={`/cases/${c.id}/contact`}>
        <input type="hidden" name="version" value={p.values.version} />
        <CheckboxGroup
          {...fieldOf(p, 'channels')}
          legend={ctx.t('cases.contact.channels')}
          options={CHANNELS.map((ch: ContactChannel) => ({
            value: ch,
            label: ctx.t(`cases.contact.channel.${ch}`),
          }))}
        />
        <Field
          {...fieldOf(p, 'hours')}
          label={ctx.t('cases.contact.hours')}
          hint={ctx.t('cases.contact.hours.hint')}
          maxChars={200}
        />
        <Field
          ctx={ctx}
          name="codeWord"
          label={ctx.t('cases.contact.codeWord')}
          hint={`${ctx.t(p.values.hasCodeWord ? 'cases.contact.codeWord.set' : 'cases.contact.codeWord.unset')}. ${ctx.t('cases.contact.codeWord.hint')}`}
          errors={p.errors}
          autocomplete="off"
          maxChars={100}
        />
        {p.values.hasCodeWord && (
          <Checkbox
            ctx={ctx}
            name="removeCodeWord"
            value="yes"
            checked={false}
            label={ctx.t('cases.contact.codeWord.remove')}
          />
        )}
        {/* No answer is ever preselected: she is asked, and "non so" is an answer (decision 0041). */}
        <RadioGroup
          {...fieldOf(p, 'abuserKnows')}
          legend={ctx.t('cases.contact.abuserKnows')}
          hint={ctx.t('cases.contact.abuserKnows.hint')}
          options={SAFETY_ANSWERS.map((v) => ({ value: v, label: ctx.t(`cases.${v}`) }))}
          required
        />
        <FormActions ctx={ctx} cancel={`/cases/${c.id}`} />
      </Form>
    </>
  );
}

// ── the check ─────────────────────────────────────────────────────────────────────────────────────────────

function Hidden({ hidden }: { hidden: Record<string, string> }) {
  return (
    <>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** One field of a question of the public check (same specs, staff markup). */
function QuestionField({
  ctx,
  f,
  raw,
  error,
}: {
  ctx: PageContext;
  f: FieldSpec;
  raw: Record<string, string>;
  error?: string;
}) {
  const t = ctx.t;
  const id = `field-${f.name}`;
  const label = f.label ? t(f.label, f.params) : '';
  const hintId = f.hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const value = raw[f.name] ?? '';
  const hint = f.hint ? (
    <p id={hintId} class="form-text mb-2">
      {t(f.hint)}
    </p>
  ) : null;
  const err = error ? (
    <div id={errId} class="invalid-feedback d-block fw-semibold">
      {error}
    </div>
  ) : null;
  if (f.kind === 'yesno' || f.kind === 'choice') {
    const options =
      f.kind === 'yesno'
        ? [
            { value: 'yes', label: t('pub.yes') },
            { value: 'no', label: t('pub.no') },
          ]
        : (f.options ?? []).map((o) => ({ value: o, label: t(`pub.o.${f.optionsKey}.${o}`) }));
    if (f.unknown) options.push({ value: 'unknown', label: t('pub.unknown') });
    return (
      <RadioGroup
        ctx={ctx}
        name={f.name}
        legend={label}
        hint={f.hint ? t(f.hint) : undefined}
        options={options}
        value={value}
        errors={error ? { [f.name]: error } : undefined}
      />
    );
  }
  if (f.kind === 'amount') {
    // As on the public check: "an amount" with its input, then "none" and "she does not know".
    const kind = raw[`${f.name}__kind`] ?? (value ? 'value' : '');
    const radio = (k: string, text: string) => (
      <ChoiceBox
        key={k}
        type="radio"
        id={`${id}-${k}`}
        name={`${f.name}__kind`}
        value={k}
        label={text}
        checked={kind === k}
      />
    );
    return (
      <fieldset class="mb-4" aria-describedby={describedBy}>
        <legend class="h6">{label}</legend>
        {hint}
        {err}
        {radio('value', t('pub.amount.value'))}
        <AmountInput t={t} id={id} name={f.name} value={kind === 'value' ? value : ''} error={error} />
        {f.none && radio('none', t(`${f.label}.none`))}
        {f.unknown && radio('unknown', t('pub.unknown'))}
      </fieldset>
    );
  }
  return (
    <div class="form-group mb-4">
      <label for={id} class="active">
        {label}
      </label>
      {hint}
      {err}
      <input
        id={id}
        name={f.name}
        type="text"
        class={`form-control${error ? ' is-invalid' : ''}`}
        value={raw[`${f.name}__kind`] === 'unknown' ? '' : value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        inputMode={f.kind === 'number' ? 'numeric' : undefined}
        maxLength={f.kind === 'text' ? 100 : 20}
      />
      {f.kind === 'number' && f.unknown && <UnknownBox t={t} id={id} name={f.name} raw={raw} />}
    </div>
  );
}

export function CheckStepView(p: {
  ctx: PageContext;
  c: CaseRow;
  question: Question;
  fields: FieldSpec[];
  hidden: Record<string, string>;
  raw: Record<string, string>;
  errors: Record<string, string>;
  number: number;
}) {
  const { ctx, c } = p;
  const errors: FieldErrors = {};
  for (const f of p.fields) {
    const e = p.errors[f.name];
    if (e) errors[f.name] = ctx.t(e, { min: f.min ?? 0, max: f.max ?? 0 });
  }
  const single = p.fields.length === 1 ? p.fields[0] : undefined;
  return (
    <>
      <p class="text-muted">{ctx.t('cases.check.step', { n: p.number })}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={`/cases/${c.id}/check`}>
        <Hidden hidden={p.hidden} />
        <input type="hidden" name="q" value={p.question.id} />
        {single && !single.label && <h2 class="h5">{ctx.t(`pub.q.${p.question.id}`)}</h2>}
        {p.fields.length > 1 && <h2 class="h5">{ctx.t(`pub.q.${p.question.id}`)}</h2>}
        {p.fields.map((f) => (
          <QuestionField key={f.name} ctx={ctx} f={f} raw={p.raw} error={errors[f.name]} />
        ))}
        <div class="d-flex flex-wrap gap-2">
          <button type="submit" name="nav" value="next" class="btn btn-primary">
            {ctx.t('cases.check.next')}
          </button>
          <button type="submit" name="nav" value="finish" class="btn btn-outline-primary">
            {ctx.t('cases.check.finish')}
          </button>
          <a class="btn btn-outline-secondary" href={`/cases/${c.id}`}>
            {ctx.t('cases.cancel')}
          </a>
        </div>
      </Form>
    </>
  );
}

function answerText(t: T, lang: string, f: FieldSpec, v: string | undefined): string {
  if (v === undefined || v === '') return '—';
  if (v === 'unknown') return t('cases.check.unknown');
  if (f.kind === 'yesno') return t(v === 'yes' ? 'pub.yes' : 'pub.no');
  if (f.kind === 'choice') return t(`pub.o.${f.optionsKey}.${v}`);
  if (f.kind === 'amount' && v === 'none') return t(`${f.label}.none`);
  if (f.kind === 'date') return formatDay(v, lang);
  if (f.kind === 'amount' && /^\d+(?:[.,]\d+)?$/.test(v))
    return formatMoney(Number(v.replace(',', '.')), lang);
  return v;
}

/** The check cannot run today: the engine's rules do not cover the date (issue 10). */
export function CheckUnavailableView(p: { ctx: PageContext; c: CaseRow; today: string }) {
  const { ctx, c } = p;
  return (
    <>
      <div class="alert alert-warning" role="alert">
        <p class="mb-0">{ctx.t('cases.check.norules', { date: formatDay(p.today, ctx.lang) })}</p>
      </div>
      <p>
        <a href={`/cases/${c.id}`}>{ctx.t('cases.check.norules.back')}</a>
      </p>
    </>
  );
}

export function CheckReviewView(p: {
  ctx: PageContext;
  c: CaseRow;
  questions: Question[];
  values: Values;
  hidden: Record<string, string>;
}) {
  const { ctx, c } = p;
  return (
    <>
      <h2 class="h4">{ctx.t('cases.check.review')}</h2>
      <p>{ctx.t('cases.check.review.intro')}</p>
      <Form ctx={ctx} action={`/cases/${c.id}/check`}>
        <Hidden hidden={p.hidden} />
        <dl>
          {p.questions.map((q) => (
            <div key={q.id} class="mb-3">
              <dt>{ctx.t(`pub.q.${q.id}`)}</dt>
              <dd>
                {q
                  .fields(p.values)
                  .map(
                    (f) =>
                      (f.label && q.fields(p.values).length > 1 ? `${ctx.t(f.label, f.params)}: ` : '') +
                      answerText(ctx.t, ctx.lang, f, p.values[f.name]),
                  )
                  .join('; ')}{' '}
                <button type="submit" name="edit" value={q.id} class="btn btn-link btn-sm p-0 align-baseline">
                  {ctx.t('cases.check.change')}
                  <span class="visually-hidden"> — {ctx.t(`pub.q.${q.id}`)}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
        <button type="submit" name="nav" value="next" class="btn btn-primary">
          {ctx.t('cases.check.next')}
        </button>
      </Form>
    </>
  );
}

function ResultBlock({ ctx, r }: { ctx: PageContext; r: Result }) {
  const t = ctx.t;
  const amount = amountWords(t, ctx.lang, r.amount);
  return (
    <article class="mb-4 border-start border-4 ps-3" data-benefit={r.benefit} data-status={r.status}>
      <h4 class="h5">
        {r.name} — <span>{t(`cases.result.status.${r.status}`)}</span>
      </h4>
      {amount && (
        <p>
          <strong>{t('cases.result.amount')}:</strong> {amount}
        </p>
      )}
      <p class="mb-1 fw-semibold">{t('cases.result.reasons')}</p>
      <ul>
        {r.reasons.map((x) => (
          <li key={x.code}>
            {x.met === null ? withoutVerifyPrefix(x.text) : x.text} ({t(`cases.result.met.${String(x.met)}`)})
          </li>
        ))}
      </ul>
      {r.documents.length > 0 && (
        <>
          <p class="mb-1 fw-semibold">{t('cases.result.documents')}</p>
          <ul>
            {r.documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      )}
      <dl>
        <dt>{t('cases.result.who')}</dt>
        <dd>{r.apply.who}</dd>
        <dt>{t('cases.result.channel')}</dt>
        <dd>{r.apply.channel}</dd>
        <dt>{t('cases.result.deadline')}</dt>
        <dd>{r.apply.deadline}</dd>
      </dl>
    </article>
  );
}

export function ResultView(p: {
  ctx: PageContext;
  c: CaseRow;
  screening: ScreeningRow;
  assessment: Assessment;
  changes: BenefitChange[] | undefined;
  history: ScreeningRow[];
  flash?: string;
}) {
  const { ctx, c } = p;
  const t = ctx.t;
  const groups = (['eligible', 'undetermined', 'not_eligible'] as const).map((s) => ({
    s,
    rows: p.assessment.results.filter((r) => r.status === s),
  }));
  const state = (x: BenefitChange['before']) =>
    x
      ? `${t(`cases.result.status.${x.status}`)}${x.amount && amountWords(t, ctx.lang, x.amount) ? ` (${amountWords(t, ctx.lang, x.amount)})` : ''}`
      : t('cases.result.absent');
  return (
    <>
      {p.flash && <Notice message={t(p.flash)} />}
      <p>
        {t('cases.result.meta', {
          date: formatDateTime(p.screening.run_at, ctx.lang),
          name: p.screening.run_by_name,
          rules: p.screening.rules_version,
        })}
      </p>
      <section class="mb-4" aria-labelledby="h-changes">
        <h2 id="h-changes" class="h4">
          {t('cases.result.changes')}
        </h2>
        {p.changes === undefined ? (
          <p>{t('cases.result.changes.first')}</p>
        ) : p.changes.length === 0 ? (
          <p>{t('cases.result.changes.none')}</p>
        ) : (
          <table class="table" data-changes>
            <caption class="visually-hidden">{t('cases.result.changes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.result.col.benefit')}</th>
                <th scope="col">{t('cases.result.col.before')}</th>
                <th scope="col">{t('cases.result.col.after')}</th>
              </tr>
            </thead>
            <tbody>
              {p.changes.map((x) => (
                <tr key={x.benefit} data-change={x.benefit}>
                  <th scope="row">{x.name}</th>
                  <td>{state(x.before)}</td>
                  <td>{state(x.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {groups.map(
        (g) =>
          g.rows.length > 0 && (
            <section key={g.s} class="mb-4" aria-labelledby={`h-${g.s}`}>
              <h2 id={`h-${g.s}`} class="h4">
                {t(`cases.result.group.${g.s}`)}
              </h2>
              {g.rows.map((r) => (
                <ResultBlock key={r.benefit} ctx={ctx} r={r} />
              ))}
            </section>
          ),
      )}
      {p.history.length > 1 && (
        <section class="mb-4" aria-labelledby="h-history">
          <h2 id="h-history" class="h4">
            {t('cases.result.history')}
          </h2>
          <ul>
            {p.history.map((s) => (
              <li key={s.id}>
                <a
                  href={`/cases/${c.id}/screenings/${s.id}`}
                  aria-current={s.id === p.screening.id ? 'page' : undefined}
                >
                  {formatDateTime(s.run_at, ctx.lang)} — {s.run_by_name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="d-flex gap-2">
        <a class="btn btn-outline-primary" href={`/cases/${c.id}`}>
          {t('cases.back')}
        </a>
        {c.status === 'open' && (
          <a class="btn btn-primary" href={`/cases/${c.id}/check`}>
            {t('cases.check.rerun')}
          </a>
        )}
      </p>
    </>
  );
}
