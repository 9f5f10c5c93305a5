import type { CatalogueEntry } from '@ponte/rules';
import type { ComponentChildren, VNode } from 'preact';
import { formatCents, formatDate, formatDateTime, formatDay } from '../../platform/format.ts';
import {
  Checkbox,
  CheckboxGroup,
  DataTable,
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  fieldOf,
  Notice,
  Pagination,
  Select,
  type TextAreaProps,
  TextArea as UiTextArea,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import type { Identity, PiiFinding } from '../cases/index.ts';
import type * as repo from './repository.ts';
import { AGE_BANDS, APP_STATUSES, CARD_STATUSES, CHANNELS, isWithdrawn, TRANSITIONS } from './service.ts';

type Strings = Record<string, string | undefined>;

/** A day for people: a calendar day (`YYYY-MM-DD…`) as it is, an instant in Italy ("7 dicembre 2026"). */
export function fmtDate(v: Date | string | null | undefined, lang: string): string {
  if (!v) return '';
  return typeof v === 'string' ? formatDay(v, lang) : formatDate(v, lang);
}

/** An instant in Italy: "7 dicembre 2026, 09:00". */
export function fmtDateTime(v: Date, lang: string): string {
  return formatDateTime(v, lang);
}

/** Integer cents as "6.360,00 €". */
export function fmtEuro(cents: number, lang: string): string {
  return formatCents(cents, lang);
}

/** Multi-line text with its line breaks (no inline style: the CSP forbids it). */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return <>{lines.map((l, i) => (i === 0 ? l : [<br key={`b${i}`} />, l]))}</>;
}

const benefitName = (cat: CatalogueEntry[], id: string) => cat.find((b) => b.id === id)?.name ?? id;

/** A text area whose error lists what the identifying-data guard found in the text. */
function TextArea({ findings, ...p }: TextAreaProps & { findings?: PiiFinding[] | undefined }) {
  return (
    <UiTextArea
      {...p}
      errorDetail={
        findings &&
        findings.length > 0 && (
          <ul class="mb-0">
            {findings.map((f) => (
              <li key={`${f.start}`}>
                {p.ctx.t('cards.pii.found', { kind: p.ctx.t(`cards.pii.${f.kind}`), match: f.match })}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

function Dl({ items }: { items: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="row">
      {items.map(([k, v]) => [
        <dt class="col-sm-4" key={`t${k}`}>
          {k}
        </dt>,
        <dd class="col-sm-8" key={`d${k}`}>
          {v}
        </dd>,
      ])}
    </dl>
  );
}

// ── Referral ───────────────────────────────────────────────────────────────────────────────────────────────

export function ReferralView(p: {
  ctx: PageContext;
  caseId: string;
  offices: Array<{ id: string; name: string }>;
  catalogue: CatalogueEntry[];
  values: Strings;
  benefits: string[];
  errors: FieldErrors;
  findings: Record<string, PiiFinding[]>;
  consentOk: boolean;
}) {
  const { ctx } = p;
  return (
    <>
      <p>{ctx.t('cards.referral.intro')}</p>
      {!p.consentOk && (
        <div class="alert alert-warning" role="alert">
          {ctx.t('cards.referral.consentMissing')}
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={`/cases/${p.caseId}/referral`}>
        <Select
          {...fieldOf(p, 'office')}
          label={ctx.t('cards.referral.office')}
          options={p.offices.map((o) => ({ value: o.id, label: o.name }))}
          placeholder={ctx.t('cards.referral.officePick')}
          required
        />
        <Select
          {...fieldOf(p, 'age_band')}
          label={ctx.t('cards.referral.ageBand')}
          options={AGE_BANDS.map((b) => ({ value: b, label: b }))}
          placeholder={ctx.t('cards.referral.ageUnknown')}
        />
        <CheckboxGroup
          ctx={ctx}
          name="benefits"
          legend={ctx.t('cards.referral.benefits')}
          hint={ctx.t('cards.referral.benefitsHint')}
          options={p.catalogue.map((b) => ({ value: b.id, label: b.name }))}
          value={p.benefits}
          errors={p.errors}
        />
        <Field
          {...fieldOf(p, 'preferred_language')}
          label={ctx.t('cards.referral.language')}
          hint={ctx.t('cards.referral.languageHint')}
          maxChars={60}
        />
        <TextArea
          {...fieldOf(p, 'accessibility_needs')}
          label={ctx.t('cards.referral.accessibility')}
          rows={2}
          maxChars={500}
          findings={p.findings.accessibility_needs}
        />
        <TextArea
          {...fieldOf(p, 'note')}
          label={ctx.t('cards.referral.note')}
          hint={ctx.t('cards.referral.noteHint')}
          maxChars={2000}
          findings={p.findings.note}
        />
        <button type="submit" class="btn btn-primary">
          {ctx.t('cards.referral.send')}
        </button>
      </Form>
    </>
  );
}

// ── Shared pieces ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * A card the woman withdrew (her referral consent revoked), as INPS and the social service see it: its code and
 * that it closed for that reason, nothing of its content (issue 11, finding 11).
 */
export function WithdrawnCardView({ ctx, card }: { ctx: PageContext; card: repo.CardRow }) {
  return (
    <>
      <Dl
        items={[
          [ctx.t('cards.field.code'), card.code],
          [ctx.t('cards.field.status'), ctx.t('cards.withdrawn.status')],
        ]}
      />
      <p>{ctx.t('cards.withdrawn.text')}</p>
    </>
  );
}

function CardSummary({ ctx, card, cat }: { ctx: PageContext; card: repo.CardRow; cat: CatalogueEntry[] }) {
  const items: Array<[string, ComponentChildren]> = [
    [ctx.t('cards.field.code'), card.code],
    [ctx.t('cards.field.status'), ctx.t(`cards.status.${card.status}`)],
    [ctx.t('cards.inps.ageBand'), card.age_band ?? ctx.t('cards.referral.ageUnknown')],
    [
      ctx.t('cards.field.benefits'),
      <ul class="mb-0" key="b">
        {card.benefits.map((b) => (
          <li key={b}>{benefitName(cat, b)}</li>
        ))}
      </ul>,
    ],
  ];
  if (card.preferred_language) items.push([ctx.t('cards.inps.language'), card.preferred_language]);
  if (card.accessibility_needs) items.push([ctx.t('cards.inps.accessibility'), card.accessibility_needs]);
  if (card.note) items.push([ctx.t('cards.inps.note'), <Lines text={card.note} />]);
  return (
    <>
      <Dl items={items} />
      <p class="small">
        {ctx.t('cards.card.sentOn', { date: fmtDate(card.created_at, ctx.lang) })}
        {card.accepted_at &&
          ` · ${ctx.t('cards.card.acceptedBy', { name: card.accepted_by_name ?? '', date: fmtDate(card.accepted_at, ctx.lang) })}`}
      </p>
      {card.status === 'declined' && (
        <p>{ctx.t('cards.card.declined', { reason: card.decline_reason ?? '' })}</p>
      )}
      {card.closed_at && (
        <p>
          {ctx.t('cards.card.closedReason', {
            date: fmtDate(card.closed_at, ctx.lang),
            reason: ctx.t(`cards.closing.${card.closing_reason ?? 'declined'}`),
          })}
          {card.decline_reason && ` — ${ctx.t('cards.card.declined', { reason: card.decline_reason })}`}
        </p>
      )}
    </>
  );
}

function AdviceList({ ctx, advice }: { ctx: PageContext; advice: repo.AdviceRow[] }) {
  if (advice.length === 0) return <p>{ctx.t('cards.advice.none')}</p>;
  return (
    <ul>
      {advice.map((a) => (
        <li key={a.id}>
          <Lines text={a.text} />{' '}
          <small>({ctx.t('cards.advice.by', { name: a.user_name, date: fmtDate(a.at, ctx.lang) })})</small>
        </li>
      ))}
    </ul>
  );
}

function ApplicationsTable(p: {
  ctx: PageContext;
  apps: repo.ApplicationRow[];
  cat: CatalogueEntry[];
  href: (id: string) => string;
}) {
  const { ctx } = p;
  return (
    <DataTable
      ctx={ctx}
      empty={ctx.t('cards.apps.none')}
      headers={[
        ctx.t('cards.apps.benefit'),
        ctx.t('cards.field.status'),
        ctx.t('cards.app.filedOn'),
        ctx.t('cards.app.protocol'),
      ]}
      rows={p.apps}
      row={(a) => (
        <tr key={a.id}>
          <td>
            <a
              href={p.href(a.id)}
              aria-label={ctx.t('cards.apps.open', { benefit: benefitName(p.cat, a.benefit) })}
            >
              {benefitName(p.cat, a.benefit)}
            </a>
          </td>
          <td>
            {ctx.t(`cards.appstatus.${a.status}`)}
            {a.amount_granted_cents !== null && ` (${fmtEuro(a.amount_granted_cents, ctx.lang)})`}
          </td>
          <td>{fmtDate(a.filed_on, ctx.lang)}</td>
          <td>{a.protocol_number ?? ''}</td>
        </tr>
      )}
    />
  );
}

function NewApplicationForm({
  ctx,
  action,
  cat,
  errors,
}: {
  ctx: PageContext;
  action: string;
  cat: CatalogueEntry[];
  errors: FieldErrors;
}) {
  return (
    <Form ctx={ctx} action={action}>
      <Select
        ctx={ctx}
        name="benefit"
        label={ctx.t('cards.apps.benefit')}
        options={cat.map((b) => ({ value: b.id, label: b.name }))}
        errors={errors}
        placeholder={ctx.t('cards.apps.benefitPick')}
        required
      />
      <button type="submit" class="btn btn-outline-primary">
        {ctx.t('cards.apps.create')}
      </button>
    </Form>
  );
}

// ── CAV: the case's cards ──────────────────────────────────────────────────────────────────────────────────

export function CaseCardsView(p: {
  ctx: PageContext;
  caseId: string;
  cards: Array<{ card: repo.CardRow; access: repo.AccessRow[]; advice: repo.AdviceRow[] }>;
  apps: repo.ApplicationRow[];
  cat: CatalogueEntry[];
  declarations: Awaited<ReturnType<typeof repo.declarationsOfCase>>;
  flash?: string | undefined;
  errors: FieldErrors;
}) {
  const { ctx } = p;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p class="d-flex gap-3 flex-wrap">
        <a class="btn btn-primary" href={`/cases/${p.caseId}/referral`}>
          {ctx.t('cards.case.new')}
        </a>
        <a class="btn btn-outline-secondary" href={`/cases/${p.caseId}`}>
          {ctx.t('cards.case.back')}
        </a>
      </p>
      {p.cards.length === 0 && <p>{ctx.t('cards.case.none')}</p>}
      {p.cards.map(({ card, access, advice }) => (
        <section key={card.id} class="mb-5" aria-labelledby={`card-${card.id}`}>
          <h2 class="h4" id={`card-${card.id}`}>
            {ctx.t('cards.card.heading', { office: card.office_name })}
          </h2>
          <CardSummary ctx={ctx} card={card} cat={p.cat} />
          <h3 class="h5">{ctx.t('cards.case.access')}</h3>
          {access.length === 0 ? (
            <p>{ctx.t('cards.case.accessNone')}</p>
          ) : (
            <ul>
              {access.map((a) => (
                <li key={`${a.at.toISOString()}${a.kind}`}>
                  {fmtDateTime(a.at, ctx.lang)} — {a.user_name} ({a.org_name}){' '}
                  {ctx.t(`cards.case.access.${a.kind}`)}
                </li>
              ))}
            </ul>
          )}
          <h3 class="h5">{ctx.t('cards.advice.title')}</h3>
          <AdviceList ctx={ctx} advice={advice} />
          {p.declarations
            .filter((d) => d.card_id === card.id)
            .map((d) => (
              <p key={d.org_name}>
                {d.org_name} — {ctx.t('cards.social.declaration')}:{' '}
                {d.declared_on ? fmtDate(d.declared_on, ctx.lang) : ctx.t('cards.social.todo')}
                {d.sr208_filed_on &&
                  ` · ${ctx.t('cards.social.sr208Done', { date: fmtDate(d.sr208_filed_on, ctx.lang), protocol: d.sr208_protocol ?? '' })}`}
              </p>
            ))}
        </section>
      ))}
      <section aria-labelledby="apps">
        <h2 class="h4" id="apps">
          {ctx.t('cards.apps.title')}
        </h2>
        <ApplicationsTable
          ctx={ctx}
          apps={p.apps}
          cat={p.cat}
          href={(id) => `/cases/${p.caseId}/applications/${id}`}
        />
        <h3 class="h5">{ctx.t('cards.apps.new')}</h3>
        <NewApplicationForm
          ctx={ctx}
          action={`/cases/${p.caseId}/applications`}
          cat={p.cat}
          errors={p.errors}
        />
      </section>
    </>
  );
}

// ── INPS ───────────────────────────────────────────────────────────────────────────────────────────────────

export function InboxView(p: {
  ctx: PageContext;
  rows: repo.CardRow[];
  total: number;
  page: number;
  pageSize: number;
  query: Strings;
  cat: CatalogueEntry[];
}) {
  const { ctx, query } = p;
  const href = (page: number) => {
    const q = new URLSearchParams();
    for (const k of ['status', 'benefit', 'code'] as const) if (query[k]) q.set(k, query[k]!);
    q.set('page', String(page));
    return `/inps/cards?${q}`;
  };
  return (
    <>
      <Form ctx={ctx} action="/inps/cards" method="get" class="row g-3 align-items-end mb-4">
        <div class="col-md-3">
          <Select
            ctx={ctx}
            name="status"
            label={ctx.t('cards.inbox.filterStatus')}
            options={CARD_STATUSES.map((s) => ({ value: s, label: ctx.t(`cards.status.${s}`) }))}
            value={query.status}
            placeholder={ctx.t('cards.inbox.all')}
          />
        </div>
        <div class="col-md-4">
          <Select
            ctx={ctx}
            name="benefit"
            label={ctx.t('cards.inbox.filterBenefit')}
            options={p.cat.map((b) => ({ value: b.id, label: b.name }))}
            value={query.benefit}
            placeholder={ctx.t('cards.inbox.all')}
          />
        </div>
        <div class="col-md-3">
          <Field
            ctx={ctx}
            name="code"
            type="search"
            label={ctx.t('cards.inbox.code')}
            value={query.code}
            maxLength={40}
          />
        </div>
        <div class="col-md-2 mb-4">
          <button type="submit" class="btn btn-primary">
            {ctx.t('ui.search')}
          </button>
        </div>
      </Form>
      <DataTable
        ctx={ctx}
        empty={ctx.t('cards.inbox.empty')}
        headers={[
          ctx.t('cards.field.code'),
          ctx.t('cards.field.status'),
          ctx.t('cards.field.benefits'),
          ctx.t('cards.field.cav'),
          ctx.t('cards.field.created'),
        ]}
        rows={p.rows}
        row={(c) => (
          <tr key={c.id}>
            <td>
              <a href={`/inps/cards/${c.id}`} aria-label={ctx.t('cards.inbox.open', { code: c.code })}>
                {c.code}
              </a>
            </td>
            <td>{isWithdrawn(c) ? ctx.t('cards.withdrawn.status') : ctx.t(`cards.status.${c.status}`)}</td>
            <td>{isWithdrawn(c) ? '' : c.benefits.map((b) => benefitName(p.cat, b)).join(', ')}</td>
            <td>{c.cav_name}</td>
            <td>{fmtDate(c.created_at, ctx.lang)}</td>
          </tr>
        )}
      />
      <Pagination ctx={ctx} page={p.page} pageSize={p.pageSize} total={p.total} href={href} />
    </>
  );
}

export function InpsCardView(p: {
  ctx: PageContext;
  card: repo.CardRow;
  cat: CatalogueEntry[];
  advice: repo.AdviceRow[];
  apps: repo.ApplicationRow[];
  identityAllowed: boolean;
  identity?: Identity | null | undefined;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
  /** What other features add after the summary (e.g. the desk appointments). */
  sections?: (VNode | null)[];
}) {
  const { ctx, card } = p;
  const base = `/inps/cards/${card.id}`;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <CardSummary ctx={ctx} card={card} cat={p.cat} />
      {p.sections}
      {card.status === 'sent' && (
        <section aria-labelledby="decision" class="mb-5">
          <h2 class="h4" id="decision">
            {ctx.t('cards.inps.accept')}
          </h2>
          {p.errors.decision && <div class="alert alert-danger">{p.errors.decision}</div>}
          <Form ctx={ctx} action={`${base}/accept`} class="mb-4">
            <input type="hidden" name="version" value={String(card.version)} />
            <button type="submit" class="btn btn-primary">
              {ctx.t('cards.inps.accept')}
            </button>
          </Form>
          <h3 class="h5">{ctx.t('cards.inps.decline')}</h3>
          <p>{ctx.t('cards.inps.declineConfirm')}</p>
          <Form ctx={ctx} action={`${base}/decline`}>
            <input type="hidden" name="version" value={String(card.version)} />
            <TextArea
              {...fieldOf(p, 'reason')}
              label={ctx.t('cards.inps.declineReason')}
              rows={2}
              maxChars={1000}
              required
            />
            <button type="submit" class="btn btn-outline-danger">
              {ctx.t('cards.inps.decline')}
            </button>
          </Form>
        </section>
      )}
      <section aria-labelledby="identity" class="mb-5">
        <h2 class="h4" id="identity">
          {ctx.t('cards.identity.title')}
        </h2>
        {p.identity !== undefined ? (
          p.identity === null ? (
            <p>{ctx.t('cards.identity.none')}</p>
          ) : (
            <Dl
              items={(['name', 'codiceFiscale', 'phone', 'email', 'address'] as const)
                .filter((k) => p.identity?.[k])
                .map((k) => [ctx.t(`cards.identity.${k}`), p.identity?.[k] ?? ''])}
            />
          )
        ) : p.identityAllowed ? (
          <Form ctx={ctx} action={`${base}/identity`}>
            <p>{ctx.t('cards.identity.hint')}</p>
            <button type="submit" class="btn btn-outline-primary">
              {ctx.t('cards.identity.reveal')}
            </button>
          </Form>
        ) : (
          <p>{ctx.t('cards.identity.notAllowed')}</p>
        )}
      </section>
      <section aria-labelledby="advice" class="mb-5">
        <h2 class="h4" id="advice">
          {ctx.t('cards.advice.title')}
        </h2>
        <AdviceList ctx={ctx} advice={p.advice} />
        {card.status === 'accepted' && (
          <Form ctx={ctx} action={`${base}/advice`}>
            <TextArea
              {...fieldOf(p, 'advice')}
              label={ctx.t('cards.advice.label')}
              maxChars={4000}
              required
            />
            <button type="submit" class="btn btn-primary">
              {ctx.t('cards.advice.save')}
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="apps">
        <h2 class="h4" id="apps">
          {ctx.t('cards.apps.title')}
        </h2>
        <ApplicationsTable ctx={ctx} apps={p.apps} cat={p.cat} href={(id) => `${base}/applications/${id}`} />
        {card.status === 'accepted' && (
          <>
            <h3 class="h5">{ctx.t('cards.apps.new')}</h3>
            <NewApplicationForm ctx={ctx} action={`${base}/applications`} cat={p.cat} errors={p.errors} />
          </>
        )}
      </section>
    </>
  );
}

// ── Application (both sides) ───────────────────────────────────────────────────────────────────────────────

export function ApplicationView(p: {
  ctx: PageContext;
  base: string;
  back: string;
  backLabel: string;
  app: repo.ApplicationRow;
  events: repo.EventRow[];
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
  editable: boolean;
}) {
  const { ctx, app } = p;
  const next = TRANSITIONS[app.status];
  const v = (k: string, fallback: string | null | undefined) => p.values[k] ?? fallback ?? '';
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        <strong>{ctx.t('cards.field.status')}:</strong> {ctx.t(`cards.appstatus.${app.status}`)}
        {app.amount_granted_cents !== null &&
          ` — ${ctx.t('cards.app.amountGranted', { amount: fmtEuro(app.amount_granted_cents, ctx.lang) })}`}
      </p>
      <section aria-labelledby="details" class="mb-5">
        <h2 class="h4" id="details">
          {ctx.t('cards.app.checklist')}
        </h2>
        <Form ctx={ctx} action={`${p.base}/details`}>
          <input type="hidden" name="version" value={String(app.version)} />
          <CheckboxGroup
            ctx={ctx}
            name="done"
            legend={ctx.t('cards.app.checklist')}
            hideLegend
            options={app.checklist.map((c, i) => ({
              value: String(i),
              label: c.document,
              disabled: !p.editable,
            }))}
            value={app.checklist.flatMap((c, i) => (c.done ? [String(i)] : []))}
          />
          <Select
            ctx={ctx}
            name="filed_by_channel"
            label={ctx.t('cards.app.channel')}
            options={CHANNELS.map((c) => ({ value: c, label: ctx.t(`cards.channel.${c}`) }))}
            value={v('filed_by_channel', app.filed_by_channel)}
            errors={p.errors}
            placeholder={ctx.t('cards.app.channelNone')}
          />
          <DateField
            ctx={ctx}
            name="filed_on"
            label={ctx.t('cards.app.filedOn')}
            value={v('filed_on', app.filed_on)}
            errors={p.errors}
          />
          <Field
            ctx={ctx}
            name="protocol_number"
            label={ctx.t('cards.app.protocol')}
            value={v('protocol_number', app.protocol_number)}
            errors={p.errors}
            maxChars={60}
          />
          {p.editable && (
            <button type="submit" class="btn btn-primary">
              {ctx.t('cards.app.saveDetails')}
            </button>
          )}
        </Form>
      </section>
      <section aria-labelledby="status" class="mb-5">
        <h2 class="h4" id="status">
          {ctx.t('cards.app.changeStatus')}
        </h2>
        {next.length === 0 || !p.editable ? (
          <p>{ctx.t('cards.app.final')}</p>
        ) : (
          <Form ctx={ctx} action={`${p.base}/status`}>
            <input type="hidden" name="version" value={String(app.version)} />
            <Select
              {...fieldOf(p, 'status')}
              label={ctx.t('cards.app.newStatus')}
              options={next.map((s) => ({ value: s, label: ctx.t(`cards.appstatus.${s}`) }))}
              required
            />
            <DateField {...fieldOf(p, 'at')} label={ctx.t('cards.app.statusAt')} required />
            <Field
              {...fieldOf(p, 'amount')}
              label={ctx.t('cards.app.amount')}
              hint={ctx.t('cards.app.amountHint')}
              inputMode="text"
              maxLength={20}
            />
            <Field {...fieldOf(p, 'note')} label={ctx.t('cards.app.statusNote')} maxChars={1000} />
            <button type="submit" class="btn btn-primary">
              {ctx.t('cards.app.statusSave')}
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="history">
        <h2 class="h4" id="history">
          {ctx.t('cards.app.history')}
        </h2>
        <ol>
          {p.events.map((e) => (
            <li key={e.recorded_at.toISOString() + e.to_status}>
              {e.from_status
                ? ctx.t('cards.app.event', {
                    date: fmtDate(e.at, ctx.lang),
                    from: ctx.t(`cards.appstatus.${e.from_status}`),
                    to: ctx.t(`cards.appstatus.${e.to_status}`),
                    name: e.user_name,
                  })
                : ctx.t('cards.app.eventFirst', {
                    date: fmtDate(e.at, ctx.lang),
                    to: ctx.t(`cards.appstatus.${e.to_status}`),
                    name: e.user_name,
                  })}
              {e.note && ` — ${e.note}`}
            </li>
          ))}
        </ol>
        <p>
          <a href={p.back}>{ctx.t(p.backLabel)}</a>
        </p>
      </section>
    </>
  );
}

export const APP_STATUS_LIST = APP_STATUSES;

// ── Social worker ──────────────────────────────────────────────────────────────────────────────────────────

export function SocialListView(p: {
  ctx: PageContext;
  rows: repo.SocialRow[];
  total: number;
  page: number;
  pageSize: number;
  pending: boolean;
  cat: CatalogueEntry[];
}) {
  const { ctx } = p;
  return (
    <>
      <Form ctx={ctx} action="/social/cards" method="get" class="mb-4">
        <Checkbox
          ctx={ctx}
          name="pending"
          value="1"
          label={ctx.t('cards.social.pendingOnly')}
          checked={p.pending}
        />
        <input type="hidden" name="filtered" value="1" />
        <button type="submit" class="btn btn-primary">
          {ctx.t('ui.search')}
        </button>
      </Form>
      <DataTable
        ctx={ctx}
        empty={ctx.t('cards.social.empty')}
        headers={[ctx.t('cards.field.code'), ctx.t('cards.field.cav'), ctx.t('cards.social.step')]}
        rows={p.rows}
        row={(c) => (
          <tr key={c.id}>
            <td>
              <a href={`/social/cards/${c.id}`}>{c.code}</a>
            </td>
            <td>{c.cav_name}</td>
            <td>
              {c.sr208_filed_on
                ? ctx.t('cards.social.done')
                : c.declared_on
                  ? ctx.t('cards.social.toFile')
                  : ctx.t('cards.social.todo')}
            </td>
          </tr>
        )}
      />
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        href={(n) => `/social/cards?${p.pending ? 'pending=1&' : ''}filtered=1&page=${n}`}
      />
    </>
  );
}

export function SocialCardView(p: {
  ctx: PageContext;
  card: repo.CardRow;
  cat: CatalogueEntry[];
  declaration: Awaited<ReturnType<typeof repo.declarationOf>>;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx, card, declaration: d } = p;
  const base = `/social/cards/${card.id}`;
  const open = card.status === 'sent' || card.status === 'accepted';
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Dl
        items={[
          [ctx.t('cards.field.code'), card.code],
          [ctx.t('cards.field.cav'), card.cav_name],
          [ctx.t('cards.referral.office'), card.office_name],
          [ctx.t('cards.field.status'), ctx.t(`cards.status.${card.status}`)],
        ]}
      />
      <section aria-labelledby="declaration" class="mb-5">
        <h2 class="h4" id="declaration">
          {ctx.t('cards.social.declaration')}
        </h2>
        {d?.declared_on && (
          <p>
            {ctx.t('cards.social.declaredBy', {
              date: fmtDate(d.declared_on, ctx.lang),
              name: d.declared_by_name ?? '',
            })}
          </p>
        )}
        {open && !d?.sr208_filed_on && (
          <Form ctx={ctx} action={`${base}/declaration`}>
            <input type="hidden" name="version" value={String(d?.version ?? '')} />
            <DateField
              ctx={ctx}
              name="declared_on"
              label={ctx.t('cards.social.declaredOn')}
              value={p.values.declared_on ?? d?.declared_on ?? ''}
              errors={p.errors}
              required
            />
            <button type="submit" class="btn btn-primary">
              {ctx.t('cards.social.declare')}
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="sr208">
        <h2 class="h4" id="sr208">
          {ctx.t('cards.social.sr208')}
        </h2>
        {d?.sr208_filed_on ? (
          <p>
            {ctx.t('cards.social.sr208Done', {
              date: fmtDate(d.sr208_filed_on, ctx.lang),
              protocol: d.sr208_protocol ?? '',
            })}
          </p>
        ) : d?.declared_on && open ? (
          <Form ctx={ctx} action={`${base}/sr208`}>
            <input type="hidden" name="version" value={String(d.version)} />
            <DateField {...fieldOf(p, 'filed_on')} label={ctx.t('cards.social.sr208On')} required />
            <Field
              {...fieldOf(p, 'protocol')}
              label={ctx.t('cards.social.sr208Protocol')}
              maxChars={60}
              required
            />
            <button type="submit" class="btn btn-primary">
              {ctx.t('cards.social.sr208Save')}
            </button>
          </Form>
        ) : (
          <p>{ctx.t('cards.err.declareFirst')}</p>
        )}
      </section>
    </>
  );
}
