import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime, formatDay, formatNumber } from '../../platform/format.ts';
import {
  Checkbox,
  DataTable,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  FormActions,
  Notice,
  Pagination,
  Select,
  Submit,
  SummaryList,
  type TextAreaProps,
  TotpField,
  TextArea as UiTextArea,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import type { PiiFinding } from '../cases/index.ts';
import type * as repo from './repository.ts';
import type { Quorum } from './service.ts';
import { ACTION_STATUSES, ATTENDANCE, RSVP, TABLE_ROLES } from './service.ts';

// The pages of the tavoli tecnici. Every date through platform/format.ts; every string from messages.ts.

type Strings = Record<string, string | undefined>;
type Findings = Record<string, PiiFinding[]>;
/** One page of a list, with what Pagination needs. */
type Paged<R> = { rows: R[]; total: number; page: number; pageSize: number };
const pagesOf = (l: Paged<unknown>) => ({ page: l.page, pageSize: l.pageSize, total: l.total });

const base = (id: string) => `/roundtables/${id}`;
/** Term and value side by side on larger screens, in every list of facts of these pages. */
const COLUMNS = ['col-sm-4', 'col-sm-8'] as const;
const mBase = (id: string, m: string) => `/roundtables/${id}/meetings/${m}`;

/** A text area whose error lists what the identifying-data guard found in the text. */
function TextArea({ findings, ...p }: TextAreaProps & { findings?: PiiFinding[] | undefined }) {
  return <UiTextArea {...p} errorDetail={<FindingList ctx={p.ctx} findings={findings} />} />;
}

function FindingList({ ctx, findings }: { ctx: PageContext; findings?: PiiFinding[] | undefined }) {
  if (!findings || findings.length === 0) return null;
  return (
    <ul class="mb-0">
      {findings.map((f) => (
        <li key={`${f.start}`}>
          {ctx.t('roundtables.pii.found', { kind: ctx.t(`roundtables.pii.${f.kind}`), match: f.match })}
        </li>
      ))}
    </ul>
  );
}

/** A one-line field with the PII findings under it. */
function PiiField(p: {
  ctx: PageContext;
  name: string;
  label: string;
  value?: string | undefined;
  errors: FieldErrors;
  findings: Findings;
  required?: boolean;
  maxChars?: number;
  hint?: string;
}) {
  return (
    <>
      <Field
        ctx={p.ctx}
        name={p.name}
        label={p.label}
        value={p.value}
        errors={p.errors}
        required={p.required}
        maxChars={p.maxChars}
        hint={p.hint}
      />
      {p.findings[p.name] && (
        <div class="mt-n3 mb-4">
          <FindingList ctx={p.ctx} findings={p.findings[p.name]} />
        </div>
      )}
    </>
  );
}

function Flash({ ctx, flash }: { ctx: PageContext; flash?: string | undefined }) {
  return flash ? <Notice message={ctx.t(flash)} /> : null;
}

/** The class of each kind, written whole: the staff stylesheet keeps only the classes the sources name (a class
 * assembled from `bg-` and a kind was cut, and the badges showed white on white). */
const BADGE_CLASS = {
  danger: 'badge bg-danger ms-1',
  warning: 'badge bg-warning ms-1',
  secondary: 'badge bg-secondary ms-1',
  success: 'badge bg-success ms-1',
} as const;

function Badge({ kind, children }: { kind: keyof typeof BADGE_CLASS; children: ComponentChildren }) {
  return <span class={BADGE_CLASS[kind]}>{children}</span>;
}

const roleLabel = (ctx: PageContext, r: string) => ctx.t(`roundtables.role.${r}`);
const register = (ctx: PageContext, v: { number: number; year: number }) =>
  ctx.t('roundtables.verbale.number', { n: v.number, year: v.year });

/** The title of an agenda item: the two automatic ones in her language. */
export const itemTitle = (ctx: { t: PageContext['t'] }, i: { kind: string; title: string }) =>
  i.kind === 'verbale' || i.kind === 'azioni' ? ctx.t(`roundtables.item.auto.${i.kind}`) : i.title;

// ── List ───────────────────────────────────────────────────────────────────────────────────────────────────

export function ListView(p: {
  ctx: PageContext;
  mine: Awaited<ReturnType<typeof repo.tablesOf>>;
  all?: {
    rows: Awaited<ReturnType<typeof repo.allTables>>['rows'];
    total: number;
    page: number;
    pageSize: number;
  };
}) {
  const { ctx } = p;
  return (
    <>
      <h2 class="h4">{ctx.t('roundtables.list.mine')}</h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.list.mine')}
        headers={[
          ctx.t('roundtables.field.name'),
          ctx.t('roundtables.field.territory'),
          ctx.t('roundtables.field.role'),
        ]}
        rows={p.mine}
        empty={ctx.t('roundtables.list.none')}
        row={(r) => (
          <tr key={r.id}>
            <td>
              <a href={base(r.id)}>{r.name}</a>
              {!r.active && <Badge kind="secondary">{ctx.t('roundtables.inactive')}</Badge>}
            </td>
            <td>{r.territory_name}</td>
            <td>{roleLabel(ctx, r.role)}</td>
          </tr>
        )}
      />
      {p.all && (
        <>
          <h2 class="h4 mt-5">{ctx.t('roundtables.list.all')}</h2>
          <p>
            <a class="btn btn-primary" href="/roundtables/new">
              {ctx.t('roundtables.new')}
            </a>
          </p>
          <DataTable
            ctx={ctx}
            caption={ctx.t('roundtables.list.all')}
            headers={[ctx.t('roundtables.field.name'), ctx.t('roundtables.field.territory'), '']}
            rows={p.all.rows}
            row={(r) => (
              <tr key={r.id}>
                <td>
                  {r.name}
                  {!r.active && <Badge kind="secondary">{ctx.t('roundtables.inactive')}</Badge>}
                </td>
                <td>{r.territory_name}</td>
                <td>
                  <a href={`${base(r.id)}/settings`}>{ctx.t('roundtables.manage', { name: r.name })}</a>
                </td>
              </tr>
            )}
          />
          <Pagination
            ctx={ctx}
            page={p.all.page}
            pageSize={p.all.pageSize}
            total={p.all.total}
            href={(n) => `/roundtables?page=${n}`}
          />
        </>
      )}
    </>
  );
}

// ── Administration ─────────────────────────────────────────────────────────────────────────────────────────

export function TableFormView(p: {
  ctx: PageContext;
  action: string;
  territories: Array<{ id: string; name: string; kind: string }>;
  values: Strings;
  errors: FieldErrors;
  withQuorum: boolean;
  memberCount?: number;
}) {
  const { ctx, values: v, errors } = p;
  return (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={p.action}>
        <input type="hidden" name="version" value={v.version ?? ''} />
        <Field
          ctx={ctx}
          name="name"
          label={ctx.t('roundtables.field.name')}
          value={v.name}
          errors={errors}
          required
          maxChars={200}
        />
        <Select
          ctx={ctx}
          name="territory_id"
          label={ctx.t('roundtables.field.territory')}
          options={p.territories.map((t) => ({
            value: t.id,
            label: `${t.name} (${ctx.t(`roundtables.territory.${t.kind}`)})`,
          }))}
          value={v.territory_id}
          errors={errors}
          placeholder={ctx.t('roundtables.choose')}
          hint={ctx.t('roundtables.field.territoryHint')}
        />
        <Field
          ctx={ctx}
          name="mailbox"
          type="email"
          label={ctx.t('roundtables.field.mailbox')}
          hint={ctx.t('roundtables.field.mailboxHint')}
          value={v.mailbox}
          errors={errors}
          required
        />
        <Field
          ctx={ctx}
          name="freeze_days"
          inputMode="numeric"
          label={ctx.t('roundtables.field.freeze')}
          hint={ctx.t('roundtables.field.freezeHint')}
          value={v.freeze_days ?? '7'}
          errors={errors}
        />
        {p.withQuorum && (
          <Field
            ctx={ctx}
            name="quorum"
            inputMode="numeric"
            label={ctx.t('roundtables.field.quorum')}
            hint={ctx.t('roundtables.field.quorumHint', { n: p.memberCount ?? 0 })}
            value={v.quorum}
            errors={errors}
          />
        )}
        <FormActions ctx={ctx} cancel="/roundtables" />
      </Form>
    </>
  );
}

export function SettingsView(p: {
  ctx: PageContext;
  table: repo.TableRow;
  form: ComponentChildren;
  members: Array<{ id: string; name: string; kind: string }>;
  orgs: Array<{ id: string; name: string }>;
  delegates: Awaited<ReturnType<typeof repo.delegates>>;
  candidates: Awaited<ReturnType<typeof repo.delegateCandidates>>;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx, table, errors } = p;
  const b = `${base(table.id)}/settings`;
  const free = p.orgs.filter((o) => !p.members.some((m) => m.id === o.id));
  return (
    <>
      <Flash ctx={ctx} flash={p.flash} />
      {p.form}
      <h2 class="h4 mt-5">{ctx.t('roundtables.members')}</h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.members')}
        headers={[ctx.t('roundtables.field.org'), '']}
        rows={p.members}
        empty={ctx.t('roundtables.members.none')}
        row={(o) => (
          <tr key={o.id}>
            <td>{o.name}</td>
            <td>
              <Form ctx={ctx} action={`${b}/orgs/${o.id}/remove`}>
                <Submit class="btn btn-sm btn-outline-danger">
                  {ctx.t('roundtables.members.remove', { name: o.name })}
                </Submit>
              </Form>
            </td>
          </tr>
        )}
      />
      <Form ctx={ctx} action={`${b}/orgs`}>
        <Select
          ctx={ctx}
          name="organisation_id"
          label={ctx.t('roundtables.members.add')}
          options={free.map((o) => ({ value: o.id, label: o.name }))}
          placeholder={ctx.t('roundtables.choose')}
          value={p.values.organisation_id}
          errors={errors}
        />
        <Submit class="btn btn-outline-primary mb-4">{ctx.t('roundtables.members.addButton')}</Submit>
      </Form>
      <h2 class="h4 mt-5">{ctx.t('roundtables.delegates')}</h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.delegates')}
        headers={[
          ctx.t('roundtables.field.person'),
          ctx.t('roundtables.field.org'),
          ctx.t('roundtables.field.role'),
          ctx.t('roundtables.field.since'),
          '',
        ]}
        rows={p.delegates}
        row={(d) => (
          <tr key={d.id}>
            <td>{d.display_name}</td>
            <td>{d.org_name}</td>
            <td>{roleLabel(ctx, d.role)}</td>
            <td>
              {formatDate(d.added_at, ctx.lang)}
              {d.deactivated_at && ` – ${formatDate(d.deactivated_at, ctx.lang)}`}
            </td>
            <td>
              {d.active ? (
                <Form ctx={ctx} action={`${b}/delegates/${d.id}/deactivate`}>
                  <Submit class="btn btn-sm btn-outline-danger">
                    {ctx.t('roundtables.delegates.deactivate', { name: d.display_name })}
                  </Submit>
                </Form>
              ) : (
                <Badge kind="secondary">{ctx.t('roundtables.delegates.inactive')}</Badge>
              )}
            </td>
          </tr>
        )}
      />
      <Form ctx={ctx} action={`${b}/delegates`}>
        <Select
          ctx={ctx}
          name="user_id"
          label={ctx.t('roundtables.field.person')}
          options={p.candidates.map((c) => ({
            value: c.user_id,
            label: `${c.display_name} — ${c.org_name}`,
          }))}
          placeholder={ctx.t('roundtables.choose')}
          value={p.values.user_id}
          errors={errors}
          hint={ctx.t('roundtables.delegates.hint')}
        />
        <Select
          ctx={ctx}
          name="role"
          label={ctx.t('roundtables.field.role')}
          options={TABLE_ROLES.map((r) => ({ value: r, label: roleLabel(ctx, r) }))}
          placeholder={ctx.t('roundtables.choose')}
          value={p.values.role}
          errors={errors}
        />
        <Submit class="btn btn-outline-primary mb-4">{ctx.t('roundtables.delegates.add')}</Submit>
      </Form>
      <h2 class="h4 mt-5">{ctx.t('roundtables.state')}</h2>
      <Form ctx={ctx} action={`${b}/${table.active ? 'deactivate' : 'reactivate'}`}>
        <Submit class={`btn ${table.active ? 'btn-outline-danger' : 'btn-outline-primary'}`}>
          {ctx.t(table.active ? 'roundtables.deactivate' : 'roundtables.reactivate')}
        </Submit>
      </Form>
    </>
  );
}

// ── The tavolo's page ──────────────────────────────────────────────────────────────────────────────────────

export function TableView(p: {
  ctx: PageContext;
  table: repo.TableRow;
  role: string;
  runs: boolean;
  today: string;
  upcoming: Awaited<ReturnType<typeof repo.upcomingMeetings>>;
  past: Paged<Awaited<ReturnType<typeof repo.pastMeetings>>['rows'][number]>;
  actions: Paged<Awaited<ReturnType<typeof repo.openActionsPage>>['rows'][number]> & { overdue: number };
  decisions: Paged<Awaited<ReturnType<typeof repo.decisionsWithProgress>>['rows'][number]>;
  members: Array<{ id: string; name: string }>;
  delegates: Awaited<ReturnType<typeof repo.delegates>>;
  flash?: string | undefined;
}) {
  const { ctx, table } = p;
  const byOrg = new Map<string, typeof p.actions.rows>();
  for (const x of p.actions.rows) byOrg.set(x.owner_org_name, [...(byOrg.get(x.owner_org_name) ?? []), x]);
  const overdue = p.actions.overdue;
  // The link to a page of one list keeps the pages of the other two.
  const pages = { page: p.past.page, actions: p.actions.page, decisions: p.decisions.page };
  const pageHref = (list: keyof typeof pages) => (n: number) =>
    `${base(table.id)}?${new URLSearchParams(Object.entries({ ...pages, [list]: n }).map(([k, v]) => [k, String(v)]))}`;
  return (
    <>
      <Flash ctx={ctx} flash={p.flash} />
      <p>
        {ctx.t('roundtables.table.intro', { territory: table.territory_name, role: roleLabel(ctx, p.role) })}
        {!table.active && <Badge kind="secondary">{ctx.t('roundtables.inactive')}</Badge>}
      </p>
      {overdue > 0 && (
        <div class="alert alert-warning" role="status">
          {ctx.t('roundtables.actions.overdueAlert', { n: overdue })}
        </div>
      )}
      <h2 class="h4">{ctx.t('roundtables.meetings.upcoming')}</h2>
      {p.runs && table.active && (
        <p>
          <a class="btn btn-primary" href={`${base(table.id)}/meetings/new`}>
            {ctx.t('roundtables.meetings.new')}
          </a>
        </p>
      )}
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.meetings.upcoming')}
        headers={[
          ctx.t('roundtables.field.when'),
          ctx.t('roundtables.field.where'),
          ctx.t('roundtables.field.status'),
        ]}
        rows={p.upcoming}
        empty={ctx.t('roundtables.meetings.noneUpcoming')}
        row={(m) => (
          <tr key={m.id}>
            <td>
              <a href={mBase(table.id, m.id)}>{formatDateTime(m.starts_at, ctx.lang)}</a>
            </td>
            <td>
              {[m.place_name, m.video_link ? ctx.t('roundtables.meeting.video') : null]
                .filter(Boolean)
                .join(' · ')}
            </td>
            <td>{ctx.t(`roundtables.meeting.status.${m.status}`)}</td>
          </tr>
        )}
      />
      <h2 class="h4 mt-5">{ctx.t('roundtables.meetings.past')}</h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.meetings.past')}
        headers={[
          ctx.t('roundtables.field.when'),
          ctx.t('roundtables.verbale'),
          ctx.t('roundtables.field.status'),
        ]}
        rows={p.past.rows}
        empty={ctx.t('roundtables.meetings.nonePast')}
        row={(m) => (
          <tr key={m.id}>
            <td>
              <a href={mBase(table.id, m.id)}>{formatDateTime(m.starts_at, ctx.lang)}</a>
            </td>
            <td>
              {m.number !== null && m.year !== null ? (
                <a href={`${mBase(table.id, m.id)}/verbale`}>
                  {register(ctx, { number: m.number, year: m.year })}
                </a>
              ) : (
                ctx.t('roundtables.verbale.none')
              )}
            </td>
            <td>
              {m.state
                ? ctx.t(`roundtables.verbale.state.${m.state}`)
                : ctx.t(`roundtables.meeting.status.${m.status}`)}
            </td>
          </tr>
        )}
      />
      <Pagination ctx={ctx} {...pagesOf(p.past)} href={pageHref('page')} />
      <h2 class="h4 mt-5">{ctx.t('roundtables.actions.open')}</h2>
      {byOrg.size === 0 && <p>{ctx.t('roundtables.actions.none')}</p>}
      {[...byOrg.entries()].map(([org, list]) => (
        <section key={org}>
          <h3 class="h5">{org}</h3>
          <ActionTable ctx={ctx} tableId={table.id} rows={list} today={p.today} caption={org} />
        </section>
      ))}
      {p.actions.total > 0 && <Pagination ctx={ctx} {...pagesOf(p.actions)} href={pageHref('actions')} />}
      <h2 class="h4 mt-5">{ctx.t('roundtables.decisions')}</h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.decisions')}
        headers={[
          ctx.t('roundtables.decision'),
          ctx.t('roundtables.field.when'),
          ctx.t('roundtables.field.progress'),
        ]}
        rows={p.decisions.rows}
        empty={ctx.t('roundtables.decisions.none')}
        row={(d) => (
          <tr key={d.id}>
            <td>{d.text}</td>
            <td>{formatDate(d.starts_at, ctx.lang)}</td>
            <td>
              {d.progress === null
                ? ctx.t('roundtables.decisions.noActions')
                : ctx.t('roundtables.progress', {
                    n: formatNumber(Math.round(Number(d.progress)), ctx.lang),
                  })}
            </td>
          </tr>
        )}
      />
      <Pagination ctx={ctx} {...pagesOf(p.decisions)} href={pageHref('decisions')} />
      <h2 class="h4 mt-5">{ctx.t('roundtables.delegates')}</h2>
      <ul>
        {p.delegates
          .filter((d) => d.active)
          .map((d) => (
            <li key={d.id}>
              {d.display_name} — {d.org_name} ({roleLabel(ctx, d.role)})
            </li>
          ))}
      </ul>
      <p>
        <a href={`${base(table.id)}/verify`}>{ctx.t('roundtables.verify.link')}</a>
      </p>
      {p.runs && (
        <p>
          <a href={`${base(table.id)}/calendar-replies`}>{ctx.t('roundtables.replies.link')}</a>
        </p>
      )}
    </>
  );
}

export function ActionTable(p: {
  ctx: PageContext;
  tableId: string;
  rows: Awaited<ReturnType<typeof repo.openActions>>;
  today: string;
  caption: string;
}) {
  const { ctx } = p;
  return (
    <DataTable
      ctx={ctx}
      caption={p.caption}
      headers={[
        ctx.t('roundtables.action.what'),
        ctx.t('roundtables.action.owner'),
        ctx.t('roundtables.action.due'),
        ctx.t('roundtables.field.progress'),
        ctx.t('roundtables.field.status'),
      ]}
      rows={p.rows}
      empty={ctx.t('roundtables.actions.none')}
      row={(x) => (
        <tr key={x.id}>
          <td>
            <a href={`${base(p.tableId)}/actions/${x.id}`}>{x.what}</a>
          </td>
          <td>
            {x.owner_name} — {x.owner_org_name}
          </td>
          <td>
            {formatDay(x.due_on, ctx.lang)}
            {(x.status === 'aperta' || x.status === 'in_corso') && x.due_on < p.today && (
              <Badge kind="danger">{ctx.t('roundtables.action.overdue')}</Badge>
            )}
            {x.review_on &&
              x.review_on <= p.today &&
              !x.review_done_at &&
              (x.status === 'aperta' || x.status === 'in_corso') && (
                <Badge kind="warning">{ctx.t('roundtables.action.review')}</Badge>
              )}
          </td>
          <td>{ctx.t('roundtables.progress', { n: formatNumber(x.progress, ctx.lang) })}</td>
          <td>{ctx.t(`roundtables.action.status.${x.status}`)}</td>
        </tr>
      )}
    />
  );
}

// ── Meetings ───────────────────────────────────────────────────────────────────────────────────────────────

export function MeetingFormView(p: {
  ctx: PageContext;
  action: string;
  cancel: string;
  places: Array<{ id: string; name: string }>;
  values: Strings;
  errors: FieldErrors;
  /** A past date or a public holiday was typed: she confirms it with the box under the date. */
  confirm: boolean;
}) {
  const { ctx, values: v, errors } = p;
  const warning = p.confirm;
  return (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={p.action}>
        <input type="hidden" name="version" value={v.version ?? ''} />
        <Field
          ctx={ctx}
          name="date"
          type="date"
          label={ctx.t('roundtables.field.date')}
          value={v.date}
          errors={errors}
          required
        />
        {warning && (
          <Checkbox
            ctx={ctx}
            name="confirm"
            value="1"
            label={ctx.t('roundtables.warn.confirm')}
            checked={false}
          />
        )}
        <Field
          ctx={ctx}
          name="time"
          label={ctx.t('roundtables.field.time')}
          hint={ctx.t('roundtables.field.timeHint')}
          value={v.time}
          errors={errors}
          required
        />
        <Field
          ctx={ctx}
          name="duration"
          inputMode="numeric"
          label={ctx.t('roundtables.field.duration')}
          value={v.duration ?? '120'}
          errors={errors}
          required
        />
        <Select
          ctx={ctx}
          name="place_org_id"
          label={ctx.t('roundtables.field.place')}
          hint={ctx.t('roundtables.field.placeHint')}
          options={p.places.map((o) => ({ value: o.id, label: o.name }))}
          placeholder={ctx.t('roundtables.field.placeNone')}
          value={v.place_org_id}
          errors={errors}
        />
        <Field
          ctx={ctx}
          name="video_link"
          type="url"
          label={ctx.t('roundtables.field.video')}
          hint={ctx.t('roundtables.field.videoHint')}
          value={v.video_link}
          errors={errors}
        />
        <FormActions ctx={ctx} cancel={p.cancel} />
      </Form>
    </>
  );
}

export interface MeetingPage {
  ctx: PageContext;
  table: repo.TableRow;
  meeting: repo.MeetingRow;
  role: string;
  runs: boolean;
  proposes: boolean;
  chair: boolean;
  frozen: boolean;
  userId: string;
  today: string;
  items: Awaited<ReturnType<typeof repo.itemsOf>>;
  attachments: Awaited<ReturnType<typeof repo.attachmentsOf>>;
  members: Array<{ id: string; name: string }>;
  myOrg: string;
  people: Awaited<ReturnType<typeof repo.delegatesForMeeting>>;
  colleagues: Array<{ id: string; display_name: string }>;
  openActions: Awaited<ReturnType<typeof repo.openActions>>;
  previous: { verbale: repo.VerbaleRow | undefined; meetingId: string } | null;
  verbale: repo.VerbaleRow | undefined;
  snapshots: Awaited<ReturnType<typeof repo.snapshotsOf>>;
  quorum: Quorum;
  values: Strings;
  errors: FieldErrors;
  findings: Findings;
  flash?: string | undefined;
}

export function MeetingView(p: MeetingPage) {
  const { ctx, table, meeting: m, errors } = p;
  const mb = mBase(table.id, m.id);
  const cancelled = m.status === 'cancelled';
  const mine = p.people.find((x) => x.user_id === p.userId);
  return (
    <>
      <Flash ctx={ctx} flash={p.flash} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {cancelled && (
        <div class="alert alert-warning" role="status">
          {ctx.t('roundtables.meeting.cancelledNotice')}
        </div>
      )}
      <SummaryList
        columns={COLUMNS}
        rows={[
          [
            ctx.t('roundtables.field.when'),
            <>
              {formatDateTime(m.starts_at, ctx.lang)} (
              {ctx.t('roundtables.minutes', { n: m.duration_minutes })})
            </>,
          ],
          [
            ctx.t('roundtables.field.where'),
            <>
              {m.place_name ?? ctx.t('roundtables.meeting.noPlace')}
              {m.video_link && (
                <>
                  {' · '}
                  <a href={m.video_link} rel="noopener noreferrer">
                    {ctx.t('roundtables.meeting.videoLink')}
                  </a>
                </>
              )}
            </>,
          ],
          [
            ctx.t('roundtables.meeting.invitation'),
            m.invited_at
              ? ctx.t('roundtables.meeting.invitedAt', { at: formatDateTime(m.invited_at, ctx.lang) })
              : ctx.t('roundtables.meeting.notInvited'),
          ],
        ]}
      />
      {p.runs && !cancelled && (
        <div class="d-flex flex-wrap gap-2 mb-4">
          <Form ctx={ctx} action={`${mb}/invite`}>
            <Submit class="btn btn-primary" id="field-invite">
              {ctx.t(m.invited_at ? 'roundtables.meeting.reinvite' : 'roundtables.meeting.invite')}
            </Submit>
          </Form>
          <a class="btn btn-outline-primary" href={`${mb}/edit`}>
            {ctx.t('roundtables.meeting.edit')}
          </a>
          <a class="btn btn-outline-primary" href={`${mb}/attendance`}>
            {ctx.t('roundtables.attendance')}
          </a>
          <Form ctx={ctx} action={`${mb}/cancel`}>
            <Submit class="btn btn-outline-danger">{ctx.t('roundtables.meeting.cancel')}</Submit>
          </Form>
        </div>
      )}
      <p>
        <a href={`${mb}/verbale`}>
          {p.verbale
            ? `${register(ctx, p.verbale)} — ${ctx.t(`roundtables.verbale.state.${p.verbale.state}`)}`
            : ctx.t('roundtables.verbale.open')}
        </a>
      </p>

      {!cancelled && (
        <section class="mb-5">
          <h2 class="h4">{ctx.t('roundtables.rsvp')}</h2>
          {mine?.rsvp && (
            <p>
              {ctx.t('roundtables.rsvp.current', { answer: ctx.t(`roundtables.rsvp.${mine.rsvp}`) })}
              {mine.rsvp_delegate ? ` (${mine.rsvp_delegate})` : ''}
              {mine.rsvp_sequence !== null && ` · ${ctx.t('roundtables.rsvp.fromCalendar')}`}
            </p>
          )}
          <Form ctx={ctx} action={`${mb}/rsvp`}>
            <Select
              ctx={ctx}
              name="rsvp"
              label={ctx.t('roundtables.rsvp.answer')}
              options={RSVP.map((r) => ({ value: r, label: ctx.t(`roundtables.rsvp.${r}`) }))}
              placeholder={ctx.t('roundtables.choose')}
              value={p.values.rsvp ?? mine?.rsvp ?? undefined}
              errors={errors}
            />
            <Select
              ctx={ctx}
              name="rsvp_delegate"
              label={ctx.t('roundtables.rsvp.delegate')}
              hint={ctx.t('roundtables.rsvp.delegateHint')}
              options={p.colleagues.map((c) => ({ value: c.id, label: c.display_name }))}
              placeholder={ctx.t('roundtables.rsvp.nobody')}
              value={p.values.rsvp_delegate ?? mine?.rsvp_delegate_user ?? undefined}
              errors={errors}
            />
            <Submit class="btn btn-outline-primary">{ctx.t('roundtables.rsvp.send')}</Submit>
          </Form>
        </section>
      )}

      <h2 class="h4">{ctx.t('roundtables.agenda')}</h2>
      {p.frozen && !cancelled && (
        <p class="alert alert-info">
          {ctx.t(p.chair ? 'roundtables.agenda.frozenChair' : 'roundtables.agenda.frozen', {
            n: table.freeze_days,
          })}
        </p>
      )}
      <ol class="list-unstyled">
        {p.items.map((i) => (
          <li key={i.id} class="mb-4 border-bottom pb-3">
            <h3 class="h5">
              {i.position}. {itemTitle(ctx, i)}
              {(i.kind === 'decisione' || i.kind === 'informativa') && (
                <Badge kind="secondary">{ctx.t(`roundtables.item.kind.${i.kind}`)}</Badge>
              )}
            </h3>
            {i.org_name && (
              <p class="small mb-1">
                {ctx.t('roundtables.item.proposed', {
                  org: i.org_name,
                  at: formatDate(i.added_at, ctx.lang),
                })}
              </p>
            )}
            {i.late_reason && (
              <p class="small mb-1">{ctx.t('roundtables.item.late', { reason: i.late_reason })}</p>
            )}
            {i.kind === 'verbale' && <PreviousVerbale {...p} />}
            {i.kind === 'azioni' && (
              <ActionTable
                ctx={ctx}
                tableId={table.id}
                rows={p.openActions}
                today={p.today}
                caption={ctx.t('roundtables.actions.open')}
              />
            )}
            <Attachments
              ctx={ctx}
              tableId={table.id}
              list={p.attachments.filter((a) => a.item_id === i.id)}
            />
            {p.proposes &&
              !cancelled &&
              (p.runs || i.added_by === p.userId) &&
              i.kind !== 'verbale' &&
              i.kind !== 'azioni' && (
                <details>
                  <summary>{ctx.t('roundtables.attachment.add')}</summary>
                  <form
                    method="post"
                    action={`${mb}/items/${i.id}/attachments`}
                    enctype="multipart/form-data"
                    noValidate
                  >
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <Field
                      ctx={ctx}
                      name={`att_title_${i.position}`}
                      label={ctx.t('roundtables.attachment.title')}
                      value={p.values[`att_title_${i.position}`]}
                      errors={errors}
                      maxChars={200}
                      required
                    />
                    {p.findings[`att_title_${i.position}`] && (
                      <FindingList ctx={ctx} findings={p.findings[`att_title_${i.position}`]} />
                    )}
                    <div class="mb-4">
                      <label for={`field-file_${i.position}`} class="form-label">
                        {ctx.t('roundtables.attachment.file')}
                      </label>
                      <small id={`field-file_${i.position}-hint`} class="form-text d-block">
                        {ctx.t('roundtables.attachment.hint')}
                      </small>
                      {errors[`file_${i.position}`] && (
                        <div
                          id={`field-file_${i.position}-error`}
                          class="invalid-feedback d-block fw-semibold"
                        >
                          {errors[`file_${i.position}`]}
                        </div>
                      )}
                      <input
                        id={`field-file_${i.position}`}
                        type="file"
                        name="file"
                        class="form-control"
                        aria-describedby={`field-file_${i.position}-hint${errors[`file_${i.position}`] ? ` field-file_${i.position}-error` : ''}`}
                      />
                    </div>
                    <Submit class="btn btn-outline-primary">{ctx.t('roundtables.attachment.upload')}</Submit>
                  </form>
                </details>
              )}
          </li>
        ))}
      </ol>
      {p.proposes && !cancelled && (
        <section class="mb-5">
          <h2 class="h4">{ctx.t(p.runs ? 'roundtables.item.add' : 'roundtables.item.propose')}</h2>
          <Form ctx={ctx} action={`${mb}/items`}>
            <PiiField
              ctx={ctx}
              name="title"
              label={ctx.t('roundtables.item.title')}
              value={p.values.title}
              errors={errors}
              findings={p.findings}
              maxChars={300}
              required
            />
            <Select
              ctx={ctx}
              name="kind"
              label={ctx.t('roundtables.item.kindLabel')}
              options={['decisione', 'informativa'].map((k) => ({
                value: k,
                label: ctx.t(`roundtables.item.kind.${k}`),
              }))}
              value={p.values.kind ?? 'informativa'}
              errors={errors}
            />
            <Select
              ctx={ctx}
              name="proposing_org_id"
              label={ctx.t('roundtables.item.org')}
              options={p.members.map((o) => ({ value: o.id, label: o.name }))}
              value={p.values.proposing_org_id ?? p.myOrg}
              errors={errors}
            />
            {p.frozen && p.chair && (
              <TextArea
                ctx={ctx}
                name="late_reason"
                label={ctx.t('roundtables.item.lateReason')}
                value={p.values.late_reason}
                errors={errors}
                findings={p.findings.late_reason}
                maxChars={500}
                rows={2}
                required
              />
            )}
            <Submit class="btn btn-outline-primary">
              {ctx.t(p.runs ? 'roundtables.item.addButton' : 'roundtables.item.proposeButton')}
            </Submit>
          </Form>
        </section>
      )}

      {p.snapshots.length > 0 && (
        <section class="mb-5">
          <h2 class="h4">{ctx.t('roundtables.snapshots')}</h2>
          {p.snapshots.map((s) => (
            <div key={s.id}>
              <h3 class="h5">{s.title}</h3>
              <p class="small">
                {ctx.t('roundtables.snapshot.taken', { at: formatDateTime(s.taken_at, ctx.lang) })}
              </p>
              <DataTable
                ctx={ctx}
                caption={s.title}
                headers={s.columns}
                rows={s.rows}
                small
                row={(r) => (
                  <tr key={r.join('|')}>
                    {r.map((c, i) => (
                      <td key={i}>
                        {c === null ? '—' : typeof c === 'number' ? formatNumber(c, ctx.lang) : c}
                      </td>
                    ))}
                  </tr>
                )}
              />
            </div>
          ))}
        </section>
      )}
      {p.runs && (
        <section class="mb-5">
          <h2 class="h4">{ctx.t('roundtables.quorum')}</h2>
          <QuorumLine ctx={ctx} q={p.quorum} />
        </section>
      )}
    </>
  );
}

function PreviousVerbale(p: MeetingPage) {
  const { ctx } = p;
  if (!p.previous) return <p>{ctx.t('roundtables.previous.none')}</p>;
  const v = p.previous.verbale;
  const link = `${mBase(p.table.id, p.previous.meetingId)}/verbale`;
  if (!v) return <p>{ctx.t('roundtables.previous.noVerbale')}</p>;
  return (
    <>
      <p>
        <a href={link}>{register(ctx, v)}</a> — {ctx.t(`roundtables.verbale.state.${v.state}`)}
        {v.approved_on &&
          ` · ${ctx.t('roundtables.verbale.approvedOn', { on: formatDay(v.approved_on, ctx.lang) })}`}
      </p>
      {p.runs && v.state === 'revisione' && (
        <Form ctx={ctx} action={`${mBase(p.table.id, p.meeting.id)}/approve-previous`}>
          {p.errors.approve && (
            <div id="field-approve-error" class="invalid-feedback d-block fw-semibold">
              {p.errors.approve}
            </div>
          )}
          <Submit class="btn btn-primary" id="field-approve">
            {ctx.t('roundtables.previous.approve', { n: register(ctx, v) })}
          </Submit>
        </Form>
      )}
    </>
  );
}

function Attachments(p: {
  ctx: PageContext;
  tableId: string;
  list: Awaited<ReturnType<typeof repo.attachmentsOf>>;
}) {
  if (p.list.length === 0) return null;
  return (
    <ul>
      {p.list.map((a) => (
        <li key={a.id}>
          <a href={`${base(p.tableId)}/attachments/${a.id}`}>{a.title}</a> (
          {p.ctx.t('roundtables.attachment.size', {
            kb: formatNumber(Math.ceil(a.size_bytes / 1024), p.ctx.lang),
          })}
          )
        </li>
      ))}
    </ul>
  );
}

function QuorumLine({ ctx, q }: { ctx: PageContext; q: Quorum }) {
  return (
    <p class={q.reached ? 'text-success fw-semibold' : 'text-danger fw-semibold'}>
      {ctx.t(q.reached ? 'roundtables.quorum.reached' : 'roundtables.quorum.missing', {
        present: q.present,
        required: q.required,
        members: q.members,
      })}
    </p>
  );
}

export function AttendanceView(p: {
  ctx: PageContext;
  table: repo.TableRow;
  meeting: repo.MeetingRow;
  people: Awaited<ReturnType<typeof repo.delegatesForMeeting>>;
  quorum: Quorum;
  values?: Strings | undefined;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx, errors } = p;
  const mb = mBase(p.table.id, p.meeting.id);
  const val = (k: string, fallback: string | null) => (p.values ? (p.values[k] ?? '') : (fallback ?? ''));
  return (
    <>
      <Flash ctx={ctx} flash={p.flash} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <QuorumLine ctx={ctx} q={p.quorum} />
      <Form ctx={ctx} action={`${mb}/attendance`}>
        {p.people.map((x) => (
          <fieldset key={x.user_id} class="mb-4 border-bottom">
            <legend class="h6">
              {x.display_name} — {x.org_name} ({roleLabel(ctx, x.role)})
              {x.rsvp &&
                ` · ${ctx.t('roundtables.rsvp.current', { answer: ctx.t(`roundtables.rsvp.${x.rsvp}`) })}`}
            </legend>
            <div class="row">
              <div class="col-md-4">
                <Select
                  ctx={ctx}
                  name={`status_${x.user_id}`}
                  label={ctx.t('roundtables.attendance.status')}
                  options={ATTENDANCE.map((s) => ({ value: s, label: ctx.t(`roundtables.attendance.${s}`) }))}
                  placeholder={ctx.t('roundtables.attendance.unknown')}
                  value={val(`status_${x.user_id}`, x.status)}
                  errors={errors}
                />
              </div>
              {(
                [
                  ['arrived', x.arrived],
                  ['left', x.left_at],
                ] as const
              ).map(([f, at]) => (
                <div class="col-md-4" key={f}>
                  <Field
                    ctx={ctx}
                    name={`${f}_${x.user_id}`}
                    label={ctx.t(`roundtables.attendance.${f}`)}
                    hint={ctx.t('roundtables.field.timeHint')}
                    value={val(`${f}_${x.user_id}`, at)}
                    errors={errors}
                  />
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <FormActions ctx={ctx} cancel={mb} />
      </Form>
    </>
  );
}

// ── The verbale ────────────────────────────────────────────────────────────────────────────────────────────

export interface VerbalePage {
  ctx: PageContext;
  table: repo.TableRow;
  meeting: repo.MeetingRow;
  verbale: repo.VerbaleRow | undefined;
  role: string;
  runs: boolean;
  present: boolean;
  today: string;
  items: Awaited<ReturnType<typeof repo.itemsOf>>;
  decisions: Awaited<ReturnType<typeof repo.decisionsOfMeeting>>;
  actions: Awaited<ReturnType<typeof repo.actionsOfMeeting>>;
  people: Awaited<ReturnType<typeof repo.delegatesForMeeting>>;
  owners: Array<{ user_id: string; label: string }>;
  amendments: Awaited<ReturnType<typeof repo.amendmentsOf>>;
  revisions: Awaited<ReturnType<typeof repo.revisionsOf>>;
  quorum: Quorum;
  amendDefault: string;
  values: Strings;
  errors: FieldErrors;
  findings: Findings;
  flash?: string | undefined;
}

/** The two forms of an agenda item of the verbale: where each posts, its text field, its words. */
const ITEM_FORMS = {
  decision: { path: 'decisions', field: 'decision', label: 'roundtables.decision', maxChars: 2000, rows: 3 },
  action: { path: 'actions', field: 'what', label: 'roundtables.action.what', maxChars: 1000, rows: 2 },
} as const;

/**
 * A form of agenda item `n` of the verbale (a decision, an action), folded under its legend and open when one of its
 * fields has an error: the verbale's version, a text area checked by the identifying-data guard, then its own fields.
 */
function ItemForm(p: {
  kind: keyof typeof ITEM_FORMS;
  page: VerbalePage;
  action: string;
  n: number;
  version: string;
  open: boolean;
  children: ComponentChildren;
}) {
  const { ctx, values, errors, findings } = p.page;
  const f = ITEM_FORMS[p.kind];
  const name = `${f.field}_${p.n}`;
  return (
    <details open={p.open}>
      <summary>{ctx.t(`roundtables.${p.kind}.add`)}</summary>
      <Form ctx={ctx} action={`${p.action}/${f.path}`}>
        <input type="hidden" name="version" value={p.version} />
        <TextArea
          ctx={ctx}
          name={name}
          label={ctx.t(f.label)}
          value={values[name]}
          errors={errors}
          findings={findings[name]}
          maxChars={f.maxChars}
          rows={f.rows}
          required
        />
        {p.children}
        <Submit class="btn btn-outline-primary mb-3">
          {ctx.t(`roundtables.${p.kind}.addButton`, { n: p.n })}
        </Submit>
      </Form>
    </details>
  );
}

export function VerbaleView(p: VerbalePage) {
  const { ctx, verbale: v, errors } = p;
  const mb = mBase(p.table.id, p.meeting.id);
  const state = v?.state ?? 'bozza';
  const editable = p.runs && (state === 'bozza' || state === 'revisione') && p.meeting.status !== 'cancelled';
  const version = String(v?.version ?? 1);
  return (
    <>
      <Flash ctx={ctx} flash={p.flash} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <SummaryList
        columns={COLUMNS}
        rows={[
          [
            ctx.t('roundtables.verbale.register'),
            v ? register(ctx, v) : ctx.t('roundtables.verbale.unnumbered'),
          ],
          [
            ctx.t('roundtables.field.status'),
            <>
              {ctx.t(`roundtables.verbale.state.${state}`)}
              {v && v.revision > 1 && ` · ${ctx.t('roundtables.verbale.revision', { n: v.revision })}`}
            </>,
          ],
          v?.correction_reason && [ctx.t('roundtables.verbale.correctionReason'), v.correction_reason],
          v?.amend_until && [ctx.t('roundtables.verbale.amendUntil'), formatDay(v.amend_until, ctx.lang)],
          v?.approved_on && [ctx.t('roundtables.verbale.approved'), formatDay(v.approved_on, ctx.lang)],
          v?.chair_signed_at && [
            ctx.t('roundtables.verbale.chairSigned'),
            <>
              {v.chair_name}, {formatDateTime(v.chair_signed_at, ctx.lang)}
            </>,
          ],
          v?.secretary_signed_at && [
            ctx.t('roundtables.verbale.secretarySigned'),
            <>
              {v.secretary_name}, {formatDateTime(v.secretary_signed_at, ctx.lang)}
            </>,
          ],
          v?.pdf_sha256 && [ctx.t('roundtables.verbale.sha'), <code class="text-break">{v.pdf_sha256}</code>],
        ]}
      />
      {state === 'firmato' && (
        <p>
          <a class="btn btn-primary" href={`${mb}/verbale/pdf`}>
            {ctx.t('roundtables.verbale.pdf')}
          </a>
        </p>
      )}

      <h2 class="h4">{ctx.t('roundtables.attendance')}</h2>
      <QuorumLine ctx={ctx} q={p.quorum} />
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.attendance')}
        headers={[
          ctx.t('roundtables.field.person'),
          ctx.t('roundtables.field.org'),
          ctx.t('roundtables.attendance.status'),
        ]}
        rows={p.people}
        row={(x) => (
          <tr key={x.user_id}>
            <td>{x.display_name}</td>
            <td>{x.org_name}</td>
            <td>
              {x.status
                ? ctx.t(`roundtables.attendance.${x.status}`)
                : ctx.t('roundtables.attendance.unknown')}
              {x.arrived && ` · ${ctx.t('roundtables.attendance.from', { t: x.arrived })}`}
              {x.left_at && ` · ${ctx.t('roundtables.attendance.to', { t: x.left_at })}`}
            </td>
          </tr>
        )}
      />

      {p.items.map((i) => {
        const k = i.position;
        const decisions = p.decisions.filter((d) => d.item_id === i.id);
        const actions = p.actions.filter((x) => x.item_id === i.id);
        return (
          <section key={i.id} class="mt-5 border-top pt-3">
            <h2 class="h4">
              {i.position}. {itemTitle(ctx, i)}
            </h2>
            {editable ? (
              <Form ctx={ctx} action={`${mb}/verbale/items/${i.id}`}>
                <input type="hidden" name="version" value={version} />
                <TextArea
                  ctx={ctx}
                  name={`summary_${k}`}
                  label={ctx.t('roundtables.verbale.summary')}
                  value={p.values[`summary_${k}`] ?? i.summary ?? ''}
                  errors={errors}
                  findings={p.findings[`summary_${k}`]}
                  maxChars={8000}
                  rows={5}
                />
                <Submit class="btn btn-outline-primary mb-3">
                  {ctx.t('roundtables.verbale.saveSummary', { n: k })}
                </Submit>
              </Form>
            ) : (
              <p class="text-pre-line">{i.summary ?? ctx.t('roundtables.verbale.noSummary')}</p>
            )}
            <h3 class="h5">{ctx.t('roundtables.decisions')}</h3>
            {decisions.length === 0 && <p>{ctx.t('roundtables.decisions.noneItem')}</p>}
            <ul>
              {decisions.map((d) => (
                <li key={d.id}>
                  {d.text}
                  {d.voted &&
                    ` — ${ctx.t('roundtables.vote', { favour: d.favour ?? 0, against: d.against ?? 0, abstaining: d.abstaining ?? 0 })}`}
                  {d.dissenting && ` — ${ctx.t('roundtables.vote.dissenting', { orgs: d.dissenting })}`}
                </li>
              ))}
            </ul>
            {editable && (
              <ItemForm
                kind="decision"
                page={p}
                action={`${mb}/verbale/items/${i.id}`}
                n={k}
                version={version}
                open={Boolean(errors[`decision_${k}`] || errors[`favour_${k}`])}
              >
                <Checkbox
                  ctx={ctx}
                  name={`voted_${k}`}
                  value="1"
                  label={ctx.t('roundtables.decision.voted')}
                  checked={p.values[`voted_${k}`] === '1'}
                />
                <div class="row">
                  {(['favour', 'against', 'abstaining'] as const).map((f) => (
                    <div class="col-md-4" key={f}>
                      <Field
                        ctx={ctx}
                        name={`${f}_${k}`}
                        inputMode="numeric"
                        label={ctx.t(`roundtables.decision.${f}`)}
                        value={p.values[`${f}_${k}`]}
                        errors={errors}
                      />
                    </div>
                  ))}
                </div>
                <PiiField
                  ctx={ctx}
                  name={`dissenting_${k}`}
                  label={ctx.t('roundtables.decision.dissenting')}
                  hint={ctx.t('roundtables.decision.dissentingHint')}
                  value={p.values[`dissenting_${k}`]}
                  errors={errors}
                  findings={p.findings}
                  maxChars={500}
                />
              </ItemForm>
            )}
            <h3 class="h5">{ctx.t('roundtables.actions')}</h3>
            {actions.length === 0 && <p>{ctx.t('roundtables.actions.noneItem')}</p>}
            <ul>
              {actions.map((x) => (
                <li key={x.id}>
                  <a href={`${base(p.table.id)}/actions/${x.id}`}>{x.what}</a> —{' '}
                  {ctx.t('roundtables.action.line', {
                    owner: `${x.owner_name} (${x.owner_org_name})`,
                    due: formatDay(x.due_on, ctx.lang),
                  })}
                  {x.review_on &&
                    ` · ${ctx.t('roundtables.action.reviewOn', { on: formatDay(x.review_on, ctx.lang) })}`}
                </li>
              ))}
            </ul>
            {editable && (
              <ItemForm
                kind="action"
                page={p}
                action={`${mb}/verbale/items/${i.id}`}
                n={k}
                version={version}
                open={Boolean(errors[`what_${k}`] || errors[`owner_${k}`] || errors[`due_on_${k}`])}
              >
                <Select
                  ctx={ctx}
                  name={`owner_${k}`}
                  label={ctx.t('roundtables.action.owner')}
                  options={p.owners.map((o) => ({ value: o.user_id, label: o.label }))}
                  placeholder={ctx.t('roundtables.choose')}
                  value={p.values[`owner_${k}`]}
                  errors={errors}
                />
                {decisions.length > 0 && (
                  <Select
                    ctx={ctx}
                    name={`decision_id_${k}`}
                    label={ctx.t('roundtables.action.decision')}
                    options={decisions.map((d) => ({ value: d.id, label: d.text.slice(0, 80) }))}
                    placeholder={ctx.t('roundtables.action.noDecision')}
                    value={p.values[`decision_id_${k}`]}
                    errors={errors}
                  />
                )}
                {(['due_on', 'review_on'] as const).map((f) => (
                  <Field
                    key={f}
                    ctx={ctx}
                    name={`${f}_${k}`}
                    type="date"
                    label={ctx.t(f === 'due_on' ? 'roundtables.action.due' : 'roundtables.action.reviewDate')}
                    value={p.values[`${f}_${k}`]}
                    errors={errors}
                    required={f === 'due_on'}
                  />
                ))}
              </ItemForm>
            )}
          </section>
        );
      })}

      <Part title={ctx.t('roundtables.amendments')}>
        {p.amendments.length === 0 && <p>{ctx.t('roundtables.amendments.none')}</p>}
        <ul>
          {p.amendments.map((a) => (
            <li key={a.id}>
              {a.position !== null && `${ctx.t('roundtables.amendments.item', { n: a.position })} `}
              {a.text} — {a.display_name}, {formatDateTime(a.created_at, ctx.lang)}
            </li>
          ))}
        </ul>
        {state === 'revisione' && p.present && (
          <Form ctx={ctx} action={`${mb}/verbale/amendments`}>
            <Select
              ctx={ctx}
              name="item_id"
              label={ctx.t('roundtables.amendments.itemLabel')}
              options={p.items.map((i) => ({ value: i.id, label: `${i.position}. ${itemTitle(ctx, i)}` }))}
              placeholder={ctx.t('roundtables.amendments.whole')}
              value={p.values.item_id}
              errors={errors}
            />
            <TextArea
              ctx={ctx}
              name="amendment"
              label={ctx.t('roundtables.amendments.text')}
              value={p.values.amendment}
              errors={errors}
              findings={p.findings.amendment}
              maxChars={2000}
              rows={3}
              required
            />
            <Submit class="btn btn-outline-primary">{ctx.t('roundtables.amendments.send')}</Submit>
          </Form>
        )}
      </Part>

      {p.runs && state === 'bozza' && v && (
        <Part title={ctx.t('roundtables.verbale.circulate')}>
          <Form ctx={ctx} action={`${mb}/verbale/circulate`}>
            <input type="hidden" name="version" value={version} />
            <Field
              ctx={ctx}
              name="amend_until"
              type="date"
              label={ctx.t('roundtables.verbale.amendUntil')}
              hint={ctx.t('roundtables.verbale.amendHint')}
              value={p.values.amend_until ?? p.amendDefault}
              errors={errors}
              required
            />
            <Submit class="btn btn-primary">{ctx.t('roundtables.verbale.circulateButton')}</Submit>
          </Form>
        </Part>
      )}
      {state === 'approvato' && (p.role === 'presidente' || p.role === 'segretaria') && (
        <Part title={ctx.t('roundtables.sign')}>
          {(p.role === 'presidente' ? v?.chair_signed_by : v?.secretary_signed_by) ? (
            <p>{ctx.t('roundtables.sign.done')}</p>
          ) : (
            <Form ctx={ctx} action={`${mb}/verbale/sign`}>
              <TotpField
                ctx={ctx}
                label={ctx.t('roundtables.sign.code')}
                hint={ctx.t('roundtables.sign.hint')}
                errors={errors}
                required
              />
              <Submit class="btn btn-primary">
                {ctx.t(p.role === 'presidente' ? 'roundtables.sign.asChair' : 'roundtables.sign.asSecretary')}
              </Submit>
            </Form>
          )}
        </Part>
      )}
      {state === 'firmato' && p.runs && (
        <Part title={ctx.t('roundtables.correct')}>
          {errors.summary_locked && <p class="text-danger fw-semibold">{errors.summary_locked}</p>}
          <Form ctx={ctx} action={`${mb}/verbale/correct`}>
            <TextArea
              ctx={ctx}
              name="reason"
              label={ctx.t('roundtables.correct.reason')}
              hint={ctx.t('roundtables.correct.hint')}
              value={p.values.reason}
              errors={errors}
              findings={p.findings.reason}
              maxChars={1000}
              rows={2}
              required
            />
            <Submit class="btn btn-outline-danger">{ctx.t('roundtables.correct.button')}</Submit>
          </Form>
        </Part>
      )}
      {p.revisions.length > 0 && (
        <Part title={ctx.t('roundtables.revisions')}>
          <ul>
            {p.revisions.map((r) => (
              <li key={r.revision}>
                <a href={`${mb}/verbale/revisions/${r.revision}`}>
                  {ctx.t('roundtables.verbale.revision', { n: r.revision })}
                </a>{' '}
                —{' '}
                {ctx.t('roundtables.revisions.replaced', {
                  at: formatDateTime(r.replaced_at, ctx.lang),
                  reason: r.replaced_reason,
                })}
              </li>
            ))}
          </ul>
        </Part>
      )}
    </>
  );
}

/** A closing part of the verbale's page (amendments, circulation, signature, correction, revisions): set apart, headed. */
function Part({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="mt-5 border-top pt-3">
      <h2 class="h4">{title}</h2>
      {children}
    </section>
  );
}

/** What a verbale holds, frozen (a revision's content, and what the PDF prints). */
export interface VerbaleContent {
  table: string;
  territory: string;
  number: number;
  year: number;
  revision: number;
  startsAt: string;
  place: string | null;
  video: boolean;
  quorum: Quorum;
  attendance: Array<{
    name: string;
    org: string;
    role: string;
    status: string | null;
    arrived: string | null;
    left: string | null;
  }>;
  items: Array<{
    position: number;
    kind: string;
    title: string;
    org: string | null;
    summary: string | null;
    decisions: Array<{
      text: string;
      voted: boolean;
      favour: number | null;
      against: number | null;
      abstaining: number | null;
      dissenting: string | null;
    }>;
    actions: Array<{ what: string; owner: string; org: string; due: string; review: string | null }>;
  }>;
  approvedOn: string | null;
  chair: { name: string; at: string } | null;
  secretary: { name: string; at: string } | null;
}

export function RevisionView(p: {
  ctx: PageContext;
  content: VerbaleContent;
  reason: string;
  back: string;
  sha: string | null;
}) {
  const { ctx, content: c } = p;
  return (
    <>
      <p class="alert alert-info">{ctx.t('roundtables.revisions.notice', { reason: p.reason })}</p>
      {p.sha && (
        <p>
          {ctx.t('roundtables.verbale.sha')}: <code class="text-break">{p.sha}</code>
        </p>
      )}
      <p>{formatDateTime(c.startsAt, ctx.lang)}</p>
      {c.items.map((i) => (
        <section key={i.position}>
          <h2 class="h4">
            {i.position}. {itemTitle(ctx, i)}
          </h2>
          <p>{i.summary ?? ctx.t('roundtables.verbale.noSummary')}</p>
          <ul>
            {i.decisions.map((d, n) => (
              <li key={`d${n}`}>{d.text}</li>
            ))}
            {i.actions.map((x, n) => (
              <li key={`a${n}`}>
                {x.what} —{' '}
                {ctx.t('roundtables.action.line', {
                  owner: `${x.owner} (${x.org})`,
                  due: formatDay(x.due, ctx.lang),
                })}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <a href={p.back}>{ctx.t('roundtables.back.verbale')}</a>
      </p>
    </>
  );
}

export function ActionView(p: {
  ctx: PageContext;
  tableId: string;
  action: repo.ActionRow;
  notes: Awaited<ReturnType<typeof repo.actionNotes>>;
  canUpdate: boolean;
  today: string;
  values: Strings;
  errors: FieldErrors;
  findings: Findings;
  flash?: string | undefined;
}) {
  const { ctx, action: x, errors } = p;
  const overdue = (x.status === 'aperta' || x.status === 'in_corso') && x.due_on < p.today;
  return (
    <>
      <Flash ctx={ctx} flash={p.flash} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {overdue && (
        <div class="alert alert-danger" role="status">
          {ctx.t('roundtables.action.overdueNotice', { due: formatDay(x.due_on, ctx.lang) })}
        </div>
      )}
      <SummaryList
        columns={COLUMNS}
        rows={[
          [
            ctx.t('roundtables.action.owner'),
            <>
              {x.owner_name} — {x.owner_org_name}
            </>,
          ],
          [ctx.t('roundtables.action.due'), formatDay(x.due_on, ctx.lang)],
          x.review_on && [
            ctx.t('roundtables.action.reviewDate'),
            <>
              {formatDay(x.review_on, ctx.lang)}
              {x.review_done_at &&
                ` · ${ctx.t('roundtables.action.reviewDone', { on: formatDate(x.review_done_at, ctx.lang) })}`}
            </>,
          ],
          [ctx.t('roundtables.field.status'), ctx.t(`roundtables.action.status.${x.status}`)],
          [
            ctx.t('roundtables.field.progress'),
            ctx.t('roundtables.progress', { n: formatNumber(x.progress, ctx.lang) }),
          ],
        ]}
      />
      {p.canUpdate && (
        <Form ctx={ctx} action={`${base(p.tableId)}/actions/${x.id}`}>
          <input type="hidden" name="version" value={String(x.version)} />
          <Select
            ctx={ctx}
            name="status"
            label={ctx.t('roundtables.field.status')}
            options={ACTION_STATUSES.map((s) => ({
              value: s,
              label: ctx.t(`roundtables.action.status.${s}`),
            }))}
            value={p.values.status ?? x.status}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="progress"
            inputMode="numeric"
            label={ctx.t('roundtables.action.progressLabel')}
            value={p.values.progress ?? String(x.progress)}
            errors={errors}
          />
          <TextArea
            ctx={ctx}
            name="note"
            label={ctx.t('roundtables.action.note')}
            value={p.values.note}
            errors={errors}
            findings={p.findings.note}
            maxChars={2000}
            rows={3}
          />
          <FormActions ctx={ctx} cancel={base(p.tableId)} />
        </Form>
      )}
      <h2 class="h4 mt-5">{ctx.t('roundtables.action.history')}</h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('roundtables.action.history')}
        headers={[
          ctx.t('roundtables.field.when'),
          ctx.t('roundtables.field.person'),
          ctx.t('roundtables.field.status'),
          ctx.t('roundtables.action.note'),
        ]}
        rows={p.notes}
        empty={ctx.t('roundtables.action.noHistory')}
        row={(n) => (
          <tr key={n.id}>
            <td>{formatDateTime(n.noted_at, ctx.lang)}</td>
            <td>{n.display_name}</td>
            <td>
              {ctx.t(`roundtables.action.status.${n.status}`)} ·{' '}
              {ctx.t('roundtables.progress', { n: formatNumber(n.progress, ctx.lang) })}
            </td>
            <td>{n.note ?? ''}</td>
          </tr>
        )}
      />
    </>
  );
}

export function VerifyView(p: {
  ctx: PageContext;
  tableId: string;
  errors: FieldErrors;
  result?: {
    sha: string;
    match?:
      | { meeting_id: string; number: number; year: number; revision: number; superseded: boolean }
      | undefined;
  };
}) {
  const { ctx, errors } = p;
  const r = p.result;
  return (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      {r &&
        (r.match ? (
          <div class={`alert ${r.match.superseded ? 'alert-warning' : 'alert-success'}`} role="status">
            {ctx.t(r.match.superseded ? 'roundtables.verify.superseded' : 'roundtables.verify.match', {
              n: register(ctx, r.match),
              rev: r.match.revision,
            })}{' '}
            <a href={`${mBase(p.tableId, r.match.meeting_id)}/verbale`}>{ctx.t('roundtables.verify.open')}</a>
          </div>
        ) : (
          <div class="alert alert-danger" role="status">
            {ctx.t('roundtables.verify.noMatch')}
          </div>
        ))}
      {r && (
        <p>
          {ctx.t('roundtables.verbale.sha')}: <code class="text-break">{r.sha}</code>
        </p>
      )}
      <p>{ctx.t('roundtables.verify.intro')}</p>
      <UploadForm
        ctx={ctx}
        action={`${base(p.tableId)}/verify`}
        label={ctx.t('roundtables.verify.file')}
        accept="application/pdf"
        error={errors.file}
        button={ctx.t('roundtables.verify.button')}
      />
    </>
  );
}

/** A form that sends one file (multipart), its error next to it; `children` are its other fields. */
function UploadForm(p: {
  ctx: PageContext;
  action: string;
  label: string;
  accept: string;
  error: string | undefined;
  button: string;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={p.action} enctype="multipart/form-data" noValidate>
      <input type="hidden" name="_csrf" value={p.ctx.csrfToken} />
      <div class="mb-4">
        <label for="field-file" class="form-label">
          {p.label}
        </label>
        {p.error && (
          <div id="field-file-error" class="invalid-feedback d-block fw-semibold">
            {p.error}
          </div>
        )}
        <input
          id="field-file"
          type="file"
          name="file"
          accept={p.accept}
          class="form-control"
          aria-describedby={p.error ? 'field-file-error' : undefined}
        />
      </div>
      {p.children}
      <Submit class="btn btn-primary">{p.button}</Submit>
    </form>
  );
}

/** The result of a calendar reply read into Ponte. */
export interface ReplyResult {
  name: string;
  rsvp: string;
  delegate: string | null;
  startsAt: Date;
  meetingId: string;
}

/** The chair and the secretary give Ponte a calendar reply (.ics) that reached the tavolo's mailbox. */
export function RepliesView(p: {
  ctx: PageContext;
  tableId: string;
  mailbox: string;
  values: Strings;
  errors: FieldErrors;
  result?: ReplyResult | undefined;
}) {
  const { ctx, errors } = p;
  const r = p.result;
  return (
    <>
      {r && (
        <div class="alert alert-success" role="status">
          {ctx.t('roundtables.replies.done', {
            name: r.name,
            at: formatDateTime(r.startsAt, ctx.lang),
            answer: ctx.t(`roundtables.rsvp.${r.rsvp}`),
          })}
          {r.delegate ? ` (${r.delegate})` : ''}{' '}
          <a href={`${mBase(p.tableId, r.meetingId)}`}>{ctx.t('roundtables.replies.open')}</a>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>{ctx.t('roundtables.replies.intro', { mailbox: p.mailbox })}</p>
      <UploadForm
        ctx={ctx}
        action={`${base(p.tableId)}/calendar-replies`}
        label={ctx.t('roundtables.replies.file')}
        accept=".ics,text/calendar"
        error={errors.file}
        button={ctx.t('roundtables.replies.button')}
      >
        <UiTextArea
          ctx={ctx}
          name="ics"
          label={ctx.t('roundtables.replies.paste')}
          hint={ctx.t('roundtables.replies.pasteHint')}
          value={p.values.ics}
          errors={errors}
          rows={8}
        />
      </UploadForm>
    </>
  );
}
