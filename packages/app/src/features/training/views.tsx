import type { CatalogueEntry } from '@ponte/rules';
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime, formatDay, formatNumber, formatTime } from '../../platform/format.ts';
import { limitHint } from '../../platform/forms/text.ts';
import type { T } from '../../platform/i18n/index.ts';
import {
  Checkbox,
  Confirmation,
  DataTable,
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  FormActions,
  Notice,
  Pagination,
  RadioGroup,
  Select,
  Submit,
  TextArea,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import type { AttendanceStatus, Direction } from './schema.ts';
import { ATTENDANCE, DIRECTIONS } from './schema.ts';
import type { CertificateRow, CertState, CourseRow, EnrolmentRow, Progress, SessionRow } from './service.ts';

type Strings = Record<string, string | undefined>;

const hours = (n: number, lang: string) => formatNumber(n, lang);

/** The props each field of a form shares: the page, its name, what was typed in it and the errors. */
export const fieldsOf = (ctx: PageContext, values: Strings, errors: FieldErrors) => (name: string) => ({
  ctx,
  name,
  value: values[name],
  errors,
});

/** The headers of a table, from their keys under `training.`. */
const heads = (t: T, ...keys: string[]) => keys.map((k) => t(`training.${k}`));

/**
 * A field's label, hint and error around a control the caller draws (a file, a public page's field), given the
 * ids the control is described by and whether it is invalid.
 */
export function FieldFrame(p: {
  name: string;
  margin: string;
  label: string;
  hint: string;
  error: string | undefined;
  children: (a: { describedBy: string; invalid: 'true' | undefined }) => ComponentChildren;
}) {
  const id = `field-${p.name}`;
  return (
    <div class={p.margin}>
      <label for={id}>{p.label}</label>
      <small id={`${id}-hint`} class="form-text d-block">
        {p.hint}
      </small>
      {p.error && (
        <div id={`${id}-error`} class="invalid-feedback d-block fw-semibold">
          {p.error}
        </div>
      )}
      {p.children({
        describedBy: p.error ? `${id}-hint ${id}-error` : `${id}-hint`,
        invalid: p.error ? 'true' : undefined,
      })}
    </div>
  );
}

/** The actions of a form under an edition: its button, and back to the edition. */
export const EditionActions = (p: { ctx: PageContext; editionId: string; label: string }) => (
  <FormActions ctx={p.ctx} cancel={`/formazione/edizioni/${p.editionId}`} label={p.label} />
);

export function Flash({ message }: { message: string | undefined }) {
  return message ? <Notice message={message} /> : null;
}

// ── Courses ───────────────────────────────────────────────────────────────────────────────────────────────
export function CoursesView(p: {
  ctx: PageContext;
  rows: CourseRow[];
  page: number;
  pageSize: number;
  total: number;
  canCreate: boolean;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <>
      <Flash message={p.flash} />
      <p>{t('training.list.intro')}</p>
      <p class="d-flex flex-wrap gap-2">
        {p.canCreate && (
          <a class="btn btn-primary" href="/formazione/corsi/nuovo">
            {t('training.course.new')}
          </a>
        )}
        <a class="btn btn-outline-primary" href="/formazione/attestati">
          {t('training.mine.title')}
        </a>
      </p>
      <DataTable
        ctx={ctx}
        caption={t('training.list.caption')}
        headers={heads(t, 'field.title', 'field.direction', 'field.hours', 'field.org')}
        rows={p.rows}
        empty={t('training.list.empty')}
        row={(c) => (
          <tr key={c.id}>
            <td>
              <a href={`/formazione/corsi/${c.id}`}>{c.title}</a>
              {c.desk_qualifying && <span class="badge bg-primary ms-2">{t('training.deskBadge')}</span>}
            </td>
            <td>{t(`training.direction.${c.direction}`)}</td>
            <td>{hours(c.hours, ctx.lang)}</td>
            <td>{c.org_name}</td>
          </tr>
        )}
      />
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        href={(n) => `/formazione?pagina=${n}`}
      />
    </>
  );
}

export function CourseFormView(p: { ctx: PageContext; values: Strings; errors: FieldErrors }) {
  const { ctx } = p;
  const t = ctx.t;
  const f = fieldsOf(ctx, p.values, p.errors);
  return (
    <div class="row">
      <div class="col-12 col-lg-8">
        <ErrorSummary ctx={ctx} errors={p.errors} />
        <Form ctx={ctx} action="/formazione/corsi/nuovo">
          <Field {...f('title')} label={t('training.field.title')} required maxChars={200} />
          <RadioGroup
            {...f('direction')}
            legend={t('training.field.direction')}
            required
            options={DIRECTIONS.map((d) => ({ value: d, label: t(`training.direction.${d}`) }))}
          />
          <TextArea
            {...f('objectives')}
            label={t('training.field.objectives')}
            required
            maxChars={4000}
            rows={5}
          />
          <Field
            {...f('hours')}
            label={t('training.field.hours')}
            required
            inputMode="text"
            hint={t('training.hint.hours')}
          />
          <Field
            {...f('validity_months')}
            label={t('training.field.validityMonths')}
            inputMode="numeric"
            hint={t('training.hint.validity')}
          />
          <Field
            {...f('min_attendance_pct')}
            label={t('training.field.minPct')}
            value={p.values.min_attendance_pct ?? '75'}
            inputMode="numeric"
            hint={t('training.hint.minPct')}
          />
          <Checkbox
            ctx={ctx}
            name="desk_qualifying"
            value="1"
            label={t('training.field.desk')}
            hint={t('training.hint.desk')}
            checked={p.values.desk_qualifying === '1'}
            errors={p.errors}
          />
          <FormActions ctx={ctx} cancel="/formazione" label={t('training.course.create')} />
        </Form>
      </div>
    </div>
  );
}

export interface MaterialItem {
  id: string;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  filename: string | null;
  size: number | null;
}

export interface EditionItem {
  id: string;
  label: string;
  capacity: number;
  enrolled: number;
  first_at: Date | null;
}

export function CourseView(p: {
  ctx: PageContext;
  course: CourseRow;
  materials: MaterialItem[];
  editions: EditionItem[];
  manage: boolean;
  /** An INPS → CAV course: its modules, one per benefit of the rules catalogue, with the rules' versions. */
  modules?: { version: string; current: string; entries: CatalogueEntry[] } | null;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx, course: c } = p;
  const t = ctx.t;
  const f = fieldsOf(ctx, p.values, p.errors);
  return (
    <>
      <Flash message={p.flash} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <dl class="row">
        <dt class="col-sm-4">{t('training.field.direction')}</dt>
        <dd class="col-sm-8">{t(`training.direction.${c.direction}`)}</dd>
        <dt class="col-sm-4">{t('training.field.hours')}</dt>
        <dd class="col-sm-8">{hours(c.hours, ctx.lang)}</dd>
        <dt class="col-sm-4">{t('training.field.validity')}</dt>
        <dd class="col-sm-8">
          {c.validity_months
            ? t('training.validityMonths', { n: c.validity_months })
            : t('training.noExpiry')}
        </dd>
        <dt class="col-sm-4">{t('training.field.minPct')}</dt>
        <dd class="col-sm-8">{t('training.pct', { n: c.min_attendance_pct })}</dd>
        <dt class="col-sm-4">{t('training.field.desk')}</dt>
        <dd class="col-sm-8">{t(c.desk_qualifying ? 'training.yes' : 'training.no')}</dd>
        <dt class="col-sm-4">{t('training.field.org')}</dt>
        <dd class="col-sm-8">{c.org_name}</dd>
      </dl>
      {p.manage && (
        <p>
          <a href={`/formazione/corsi/${c.id}/quiz`}>{t('training.quiz.manageLink')}</a>
        </p>
      )}
      <h2 class="h4">{t('training.field.objectives')}</h2>
      {c.objectives
        .split(/\n+/)
        .filter((line) => line.trim() !== '')
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}

      {p.modules && <Modules ctx={ctx} modules={p.modules} />}

      <h2 class="h4 mt-4">{t('training.materials')}</h2>
      {p.materials.length === 0 ? (
        <p>{t('training.materials.none')}</p>
      ) : (
        <ul>
          {p.materials.map((m) => (
            <li key={m.id}>
              {m.kind === 'link' ? (
                <a href={m.url ?? '#'} rel="noopener noreferrer">
                  {m.title}
                </a>
              ) : (
                <a href={`/formazione/materiali/${m.id}`}>
                  {m.title} ({m.filename},{' '}
                  {t('training.size', { kb: formatNumber(Math.ceil((m.size ?? 0) / 1024), ctx.lang) })})
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.manage && (
        <div class="row">
          <div class="col-12 col-lg-6">
            <h3 class="h5">{t('training.materials.addLink')}</h3>
            <Form ctx={ctx} action={`/formazione/corsi/${c.id}/link`}>
              <Field {...f('title')} label={t('training.field.materialTitle')} maxChars={200} />
              <Field {...f('url')} type="url" label={t('training.field.url')} />
              <Submit class="btn btn-outline-primary mb-4">{t('training.materials.addLinkBtn')}</Submit>
            </Form>
          </div>
          <div class="col-12 col-lg-6">
            <h3 class="h5">{t('training.materials.addFile')}</h3>
            <form
              method="post"
              action={`/formazione/corsi/${c.id}/file`}
              encType="multipart/form-data"
              noValidate
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <Field {...f('file_title')} label={t('training.field.materialTitle')} maxChars={200} />
              <FieldFrame
                name="file"
                margin="mb-4"
                label={t('training.field.file')}
                hint={t('training.hint.file')}
                error={p.errors.file}
              >
                {(a) => (
                  <input
                    type="file"
                    id="field-file"
                    name="file"
                    class="form-control"
                    aria-describedby={a.describedBy}
                    aria-invalid={a.invalid}
                  />
                )}
              </FieldFrame>
              <Submit class="btn btn-outline-primary mb-4">{t('training.materials.addFileBtn')}</Submit>
            </form>
          </div>
        </div>
      )}

      <h2 class="h4 mt-4">{t('training.editions')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('training.editions')}
        headers={[t('training.field.label'), t('training.field.start'), t('training.field.places')]}
        rows={p.editions}
        empty={t('training.editions.none')}
        row={(e) => (
          <tr key={e.id}>
            <td>
              <a href={`/formazione/edizioni/${e.id}`}>{e.label}</a>
            </td>
            <td>{e.first_at ? formatDateTime(e.first_at, ctx.lang) : t('training.noSessions')}</td>
            <td>{t('training.places', { taken: e.enrolled, capacity: e.capacity })}</td>
          </tr>
        )}
      />
      {p.manage && (
        <div class="row">
          <div class="col-12 col-lg-6">
            <h3 class="h5">{t('training.edition.new')}</h3>
            <Form ctx={ctx} action={`/formazione/corsi/${c.id}/edizioni`}>
              <Field
                {...f('label')}
                label={t('training.field.label')}
                maxChars={200}
                hint={t('training.hint.label')}
              />
              <Field {...f('capacity')} label={t('training.field.capacity')} inputMode="numeric" />
              <Submit class="btn btn-primary">{t('training.edition.create')}</Submit>
            </Form>
          </div>
        </div>
      )}
    </>
  );
}

/** The modules of an INPS → CAV course: each benefit of the catalogue, what it is, its acts and how it is asked. */
function Modules({
  ctx,
  modules: m,
}: {
  ctx: PageContext;
  modules: { version: string; current: string; entries: CatalogueEntry[] };
}) {
  const t = ctx.t;
  return (
    <>
      <h2 class="h4 mt-4">{t('training.modules.title')}</h2>
      <p>{t('training.modules.version', { version: m.version })}</p>
      {m.version !== m.current && (
        <Notice
          kind="info"
          message={t('training.modules.changed', { version: m.version, current: m.current })}
        />
      )}
      <ol>
        {m.entries.map((b) => (
          <li key={b.id} class="mb-2">
            <strong>{b.name}</strong>: {b.description}
            <br />
            {t('training.modules.acts', { acts: b.acts.join('; ') })}
            <br />
            {t('training.modules.apply', { who: b.apply.who, channel: b.apply.channel })}
          </li>
        ))}
      </ol>
    </>
  );
}

// ── Edition ───────────────────────────────────────────────────────────────────────────────────────────────
export interface PersonProgress extends EnrolmentRow {
  progress: Progress;
  certificate: { id: string; code: string; state: CertState } | null;
}

function place(s: SessionRow, t: T): ComponentChildren {
  if (s.mode === 'online')
    return (
      <>
        {t('training.mode.online')}:{' '}
        <a href={s.online_url ?? '#'} rel="noopener noreferrer">
          {s.online_url}
        </a>
      </>
    );
  return `${t('training.mode.in_person')}: ${s.venue_name ?? ''}`;
}

export function SessionsTable({
  ctx,
  sessions,
  manage,
}: {
  ctx: PageContext;
  sessions: SessionRow[];
  manage: boolean;
}) {
  const t = ctx.t;
  return (
    <DataTable
      ctx={ctx}
      caption={t('training.sessions')}
      headers={[
        t('training.field.when'),
        t('training.field.place'),
        t('training.field.trainer'),
        ...(manage ? [t('training.attendance')] : []),
      ]}
      rows={sessions}
      empty={t('training.noSessions')}
      row={(s) => (
        <tr key={s.id}>
          <td>
            {formatDateTime(s.starts_at, ctx.lang)}–{formatTime(s.ends_at, ctx.lang)}
          </td>
          <td>{place(s, t)}</td>
          <td>{s.trainer_name}</td>
          {manage && (
            <td>
              <a href={`/formazione/sessioni/${s.id}/presenze`}>{t('training.attendance.open')}</a>
            </td>
          )}
        </tr>
      )}
    />
  );
}

export function EditionView(p: {
  ctx: PageContext;
  course: CourseRow;
  edition: { id: string; label: string; capacity: number };
  sessions: SessionRow[];
  manage: boolean;
  /** The course has a final quiz with questions. */
  hasQuiz: boolean;
  /** She may answer the feedback questionnaire now. */
  feedbackOpen: boolean;
  /** The questionnaire's totals, for one who manages the course. */
  feedbackResults?: ComponentChildren;
  mine: 'enrolled' | 'waiting' | 'withdrawn' | null;
  waitingPosition: number | null;
  enrolledCount: number;
  staff: { id: string; name: string }[] | null;
  people: PersonProgress[];
  trainers: { id: string; name: string }[];
  venues: { id: string; name: string }[];
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx, course: c, edition: e } = p;
  const t = ctx.t;
  const f = fieldsOf(ctx, p.values, p.errors);
  const base = `/formazione/edizioni/${e.id}`;
  return (
    <>
      <Flash message={p.flash} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        <a href={`/formazione/corsi/${c.id}`}>{c.title}</a> · {t(`training.direction.${c.direction}`)} ·{' '}
        {t('training.hoursN', { n: hours(c.hours, ctx.lang) })} ·{' '}
        {t('training.places', { taken: p.enrolledCount, capacity: e.capacity })}
      </p>
      <h2 class="h4">{t('training.sessions')}</h2>
      <SessionsTable ctx={ctx} sessions={p.sessions} manage={p.manage} />

      <h2 class="h4 mt-4">{t('training.enrolment')}</h2>
      {p.mine === 'enrolled' && <p>{t('training.enrolment.youEnrolled')}</p>}
      {p.mine === 'enrolled' && p.hasQuiz && (
        <p>
          <a href={`${base}/quiz`}>{t('training.quiz.take')}</a>
        </p>
      )}
      {p.feedbackOpen && (
        <p>
          <a href={`${base}/questionario`}>{t('training.feedback.open')}</a>
        </p>
      )}
      {p.mine === 'waiting' && <p>{t('training.enrolment.youWaiting', { n: p.waitingPosition ?? 1 })}</p>}
      {p.mine === 'enrolled' || p.mine === 'waiting' ? (
        <Form ctx={ctx} action={`${base}/ritiro`}>
          <Submit class="btn btn-outline-danger mb-3">{t('training.enrolment.withdraw')}</Submit>
        </Form>
      ) : (
        <Form ctx={ctx} action={`${base}/iscrizione`}>
          <Submit class="btn btn-primary mb-3">
            {p.enrolledCount >= e.capacity
              ? t('training.enrolment.joinWaiting')
              : t('training.enrolment.enrolMe')}
          </Submit>
        </Form>
      )}
      {p.staff && p.staff.length > 0 && (
        <div class="row">
          <div class="col-12 col-lg-6">
            <Form ctx={ctx} action={`${base}/iscrizione`}>
              <Select
                {...f('person')}
                label={t('training.enrolment.forStaff')}
                options={p.staff.map((s) => ({ value: s.id, label: s.name }))}
                placeholder={t('training.choose')}
              />
              <Submit class="btn btn-outline-primary mb-3">{t('training.enrolment.enrolThem')}</Submit>
            </Form>
          </div>
        </div>
      )}

      {p.manage && (
        <>
          <h2 class="h4 mt-4">{t('training.participants')}</h2>
          <DataTable
            ctx={ctx}
            caption={t('training.participants')}
            headers={heads(t, 'field.person', 'field.org', 'field.status', 'field.attended', 'certificate')}
            rows={p.people}
            empty={t('training.participants.none')}
            row={(n) => (
              <tr key={n.id}>
                <td>{n.name}</td>
                <td>{n.org_name}</td>
                <td>{t(`training.enrolStatus.${n.status}`)}</td>
                <td>
                  {n.status === 'enrolled'
                    ? t('training.attendedOf', {
                        done: hours(n.progress.attendedHours, ctx.lang),
                        planned: hours(n.progress.plannedHours, ctx.lang),
                        pct: n.progress.pct,
                      })
                    : ''}
                </td>
                <td>
                  {n.certificate ? (
                    <>
                      {n.certificate.code} ({t(`training.state.${n.certificate.state}`)})
                      {n.certificate.state !== 'revoked' && (
                        <>
                          {' '}
                          <a href={`/formazione/attestati/${n.certificate.id}/revoca`}>
                            {t('training.revoke')}
                          </a>
                        </>
                      )}
                    </>
                  ) : n.status === 'enrolled' ? (
                    <Form ctx={ctx} action={`${base}/attestati`}>
                      <input type="hidden" name="person" value={n.user_id} />
                      <Submit class="btn btn-sm btn-outline-primary">
                        {t('training.issue', { name: n.name })}
                      </Submit>
                    </Form>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            )}
          />
          {p.feedbackResults}
          <div class="row mt-4">
            <div class="col-12 col-lg-8">
              <h2 class="h4">{t('training.session.new')}</h2>
              <Form ctx={ctx} action={`${base}/sessioni`}>
                <Select
                  {...f('trainer')}
                  label={t('training.field.trainer')}
                  options={p.trainers.map((x) => ({ value: x.id, label: x.name }))}
                  placeholder={t('training.choose')}
                />
                <DateField {...f('date')} label={t('training.field.date')} />
                <Field
                  {...f('start')}
                  label={t('training.field.startTime')}
                  hint={t('training.hint.time')}
                  maxLength={5}
                />
                <Field
                  {...f('end')}
                  label={t('training.field.endTime')}
                  hint={t('training.hint.time')}
                  maxLength={5}
                />
                <RadioGroup
                  {...f('mode')}
                  legend={t('training.field.mode')}
                  options={[
                    { value: 'in_person', label: t('training.mode.in_person') },
                    { value: 'online', label: t('training.mode.online') },
                  ]}
                />
                <Select
                  {...f('venue')}
                  label={t('training.field.venue')}
                  hint={t('training.hint.venue')}
                  options={p.venues.map((v) => ({ value: v.id, label: v.name }))}
                  placeholder={t('training.choose')}
                />
                <Field {...f('url')} type="url" label={t('training.field.onlineUrl')} />
                <Submit class="btn btn-primary">{t('training.session.create')}</Submit>
              </Form>
            </div>
          </div>
        </>
      )}
    </>
  );
}

export function AttendanceView(p: {
  ctx: PageContext;
  editionId: string;
  sessionId: string;
  when: string;
  people: { user_id: string; name: string; org_name: string }[];
  marks: Map<string, AttendanceStatus>;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <>
      <Flash message={p.flash} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{p.when}</p>
      {p.errors.register && (
        <p id="field-register" class="text-danger fw-semibold">
          {p.errors.register}
        </p>
      )}
      {p.people.length === 0 ? (
        <p>{t('training.participants.none')}</p>
      ) : (
        <Form ctx={ctx} action={`/formazione/sessioni/${p.sessionId}/presenze`}>
          {p.people.map((n) => (
            <RadioGroup
              key={n.user_id}
              ctx={ctx}
              name={`att_${n.user_id}`}
              legend={`${n.name} (${n.org_name})`}
              inline
              value={p.values[`att_${n.user_id}`] ?? p.marks.get(n.user_id) ?? ''}
              errors={p.errors}
              options={ATTENDANCE.map((a) => ({ value: a, label: t(`training.att.${a}`) }))}
            />
          ))}
          <EditionActions ctx={ctx} editionId={p.editionId} label={t('training.attendance.save')} />
        </Form>
      )}
    </>
  );
}

// ── Certificates ──────────────────────────────────────────────────────────────────────────────────────────
export function MyCertificatesView(p: {
  ctx: PageContext;
  certs: (CertificateRow & { state: CertState })[];
  years: { year: number; hours: number }[];
  currentYear: number;
  target: number;
  refreshers: { course: string; until: Date }[];
}) {
  const { ctx } = p;
  const t = ctx.t;
  const thisYear = p.years.find((y) => y.year === p.currentYear)?.hours ?? 0;
  return (
    <>
      <h2 class="h4">{t('training.mine.hours')}</h2>
      <p>
        {t('training.mine.thisYear', {
          year: String(p.currentYear),
          hours: hours(thisYear, ctx.lang),
          target: p.target,
        })}
      </p>
      <progress max={p.target} value={Math.min(thisYear, p.target)} aria-label={t('training.mine.hours')} />
      {p.years.length > 0 && (
        <DataTable
          ctx={ctx}
          small
          caption={t('training.mine.hours')}
          headers={[t('training.field.year'), t('training.field.hours')]}
          rows={p.years}
          row={(y) => (
            <tr key={y.year}>
              <td>{String(y.year)}</td>
              <td>{t('training.hoursOfTarget', { hours: hours(y.hours, ctx.lang), target: p.target })}</td>
            </tr>
          )}
        />
      )}
      {p.refreshers.map((r) => (
        <Notice
          key={r.course}
          kind="warning"
          message={t('training.refresherDue', { course: r.course, date: formatDate(r.until, ctx.lang) })}
        />
      ))}
      <h2 class="h4 mt-4">{t('training.mine.certs')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('training.mine.certs')}
        headers={heads(t, 'field.course', 'field.dates', 'field.hours', 'field.state', 'field.download')}
        rows={p.certs}
        empty={t('training.mine.none')}
        row={(c) => (
          <tr key={c.id}>
            <td>{c.course_title}</td>
            <td>
              {t('training.dates', {
                from: formatDay(c.first_day, ctx.lang),
                to: formatDay(c.last_day, ctx.lang),
              })}
            </td>
            <td>{hours(c.hours, ctx.lang)}</td>
            <td>
              <StateText ctx={ctx} state={c.state} cert={c} />
            </td>
            <td>
              <a href={`/formazione/attestati/${c.id}/pdf`}>
                {t('training.download.pdf', { course: c.course_title })}
              </a>
              <br />
              <a href={`/formazione/attestati/${c.id}/credenziale`}>
                {t('training.download.jwt', { course: c.course_title })}
              </a>
            </td>
          </tr>
        )}
      />
    </>
  );
}

export function StateText({
  ctx,
  state,
  cert,
}: {
  ctx: { t: T; lang: string };
  state: CertState;
  cert: { valid_until: Date | null; revoked_at: Date | null };
}) {
  const t = ctx.t;
  if (state === 'revoked')
    return <strong>{t('training.state.revokedOn', { date: formatDate(cert.revoked_at, ctx.lang) })}</strong>;
  if (state === 'expired')
    return <strong>{t('training.state.expiredOn', { date: formatDate(cert.valid_until, ctx.lang) })}</strong>;
  return (
    <strong>
      {cert.valid_until
        ? t('training.state.validUntil', { date: formatDate(cert.valid_until, ctx.lang) })
        : t('training.state.validNoExpiry')}
    </strong>
  );
}

export function RevokeView(p: {
  ctx: PageContext;
  cert: CertificateRow;
  values: Strings;
  errors: FieldErrors;
}) {
  const { ctx, cert } = p;
  const t = ctx.t;
  const f = fieldsOf(ctx, p.values, p.errors);
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Confirmation
        ctx={ctx}
        text={t('training.revoke.text', {
          name: cert.recipient_name,
          course: cert.course_title,
          code: cert.code,
        })}
        action={`/formazione/attestati/${cert.id}/revoca`}
        cancel={`/formazione/edizioni/${cert.edition_id}`}
        confirmLabel={t('training.revoke.confirm')}
      >
        <TextArea
          {...f('reason')}
          label={t('training.field.reason')}
          hint={t('training.hint.reason')}
          maxChars={1000}
          required
        />
      </Confirmation>
    </>
  );
}

// ── Recognised earlier training ───────────────────────────────────────────────────────────────────────────
export function RecognitionView(p: {
  ctx: PageContext;
  officers: {
    id: string;
    name: string;
    qualified: boolean;
    recognitions: {
      id: string;
      reason: string;
      expires_on: string | null;
      recognised_at: Date;
      by_name: string;
      migrated: boolean;
      revoked_at: Date | null;
    }[];
  }[];
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const f = fieldsOf(ctx, p.values, p.errors);
  return (
    <>
      <Flash message={p.flash} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{t('training.recog.intro')}</p>
      <DataTable
        ctx={ctx}
        caption={t('training.recog.caption')}
        headers={[t('training.field.person'), t('training.field.deskState'), t('training.recog.records')]}
        rows={p.officers}
        empty={t('training.recog.none')}
        row={(o) => (
          <tr key={o.id}>
            <td>{o.name}</td>
            <td>{t(o.qualified ? 'training.recog.qualified' : 'training.recog.notQualified')}</td>
            <td>
              {o.recognitions.length === 0
                ? t('training.recog.noRecords')
                : o.recognitions.map((r) => (
                    <div key={r.id} class="mb-2">
                      {t('training.recog.record', {
                        by: r.by_name,
                        at: formatDate(r.recognised_at, ctx.lang),
                        until: r.expires_on ? formatDay(r.expires_on, ctx.lang) : t('training.noExpiry'),
                      })}
                      {r.migrated && ` ${t('training.recog.migrated')}`}
                      <br />
                      <em>{r.reason}</em>
                      {r.revoked_at ? (
                        <div>
                          {t('training.recog.revokedOn', { date: formatDate(r.revoked_at, ctx.lang) })}
                        </div>
                      ) : (
                        <Form ctx={ctx} action={`/formazione/riconoscimenti/${r.id}/revoca`}>
                          <Submit class="btn btn-sm btn-outline-danger">
                            {t('training.recog.revoke', { name: o.name })}
                          </Submit>
                        </Form>
                      )}
                    </div>
                  ))}
            </td>
          </tr>
        )}
      />
      <div class="row mt-4">
        <div class="col-12 col-lg-8">
          <h2 class="h4">{t('training.recog.new')}</h2>
          <Form ctx={ctx} action="/formazione/riconoscimenti">
            <Select
              {...f('person')}
              label={t('training.field.officer')}
              options={p.officers.map((o) => ({ value: o.id, label: o.name }))}
              placeholder={t('training.choose')}
            />
            <TextArea
              {...f('reason')}
              label={t('training.field.recogReason')}
              hint={t('training.hint.recogReason')}
              maxChars={1000}
              required
            />
            <DateField
              {...f('expires_on')}
              label={t('training.field.expiresOn')}
              hint={t('training.hint.expiresOn')}
            />
            <FormActions ctx={ctx} cancel="/formazione" label={t('training.recog.save')} />
          </Form>
        </div>
      </div>
    </>
  );
}

// ── Coverage ──────────────────────────────────────────────────────────────────────────────────────────────
export interface CoverageCell {
  orgId: string;
  orgName: string;
  orgKind: string;
  courseId: string;
  courseTitle: string;
  direction: Direction;
  count: number | '<5';
}

export function CoverageView(p: {
  ctx: PageContext;
  cells: CoverageCell[];
  due: { name: string; course: string; until: Date }[];
}) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <>
      <p>{t('training.coverage.intro')}</p>
      <DataTable
        ctx={ctx}
        caption={t('training.coverage.caption')}
        headers={heads(t, 'field.org', 'field.course', 'field.direction', 'coverage.count')}
        rows={p.cells}
        empty={t('training.coverage.none')}
        row={(c) => (
          <tr key={`${c.orgId}-${c.courseId}`}>
            <td>{c.orgName}</td>
            <td>{c.courseTitle}</td>
            <td>{t(`training.direction.${c.direction}`)}</td>
            <td>
              {typeof c.count === 'number' ? formatNumber(c.count, ctx.lang) : t('training.coverage.fewer')}
            </td>
          </tr>
        )}
      />
      <h2 class="h4 mt-4">{t('training.coverage.due')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('training.coverage.due')}
        headers={[t('training.field.person'), t('training.field.course'), t('training.field.validUntil')]}
        rows={p.due}
        empty={t('training.coverage.dueNone')}
        row={(d) => (
          <tr key={`${d.name}-${d.course}`}>
            <td>{d.name}</td>
            <td>{d.course}</td>
            <td>{formatDate(d.until, ctx.lang)}</td>
          </tr>
        )}
      />
    </>
  );
}

export { limitHint };
