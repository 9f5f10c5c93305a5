import {
  CheckboxGroup,
  DataTable,
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  fieldOf,
  Notice,
  Select,
} from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type * as repo from '../booking/repository.ts';
import { fmtIsoDate, fmtTime, fmtWhen } from '../common/format.ts';
import type * as rr from './repository.ts';
import type { Hours, KeptDay } from './service.ts';

// Views of recurring desk days, exceptions, opening hours and the accoglienza training mark (issue 5).

type Strings = Record<string, string | undefined>;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** "Monday, Tuesday … 08:00–19:00". */
export function hoursText(ctx: PageContext, h: Hours): string {
  return ctx.t('desks.hours.value', {
    days: h.open_days.map((d) => ctx.t(`desks.day.${d}`)).join(', '),
    from: h.opens_at,
    to: h.closes_at,
  });
}

/** "every Tuesday" or "the 2nd and 4th Tuesday of the month". */
export function ruleText(ctx: PageContext, r: Pick<rr.RuleRow, 'weekday' | 'weeks'>): string {
  const day = ctx.t(`desks.day.${r.weekday}`);
  if (!r.weeks) return ctx.t('desks.rule.every', { day });
  const weeks = [...r.weeks]
    .sort((a, b) => (a === -1 ? 9 : a) - (b === -1 ? 9 : b))
    .map((w) => ctx.t(w === -1 ? 'desks.ord.last' : `desks.ord.${w}`))
    .join(ctx.t('desks.ord.and'));
  return ctx.t('desks.rule.weeks', { weeks, day });
}

// ── Opening hours ─────────────────────────────────────────────────────────────────────────────────────────
export function HoursView(p: {
  ctx: PageContext;
  desk: repo.DeskRow;
  hours: rr.HoursRow;
  values: Strings | null;
  errors: FieldErrors;
}) {
  const { ctx, hours } = p;
  const v = p.values;
  const checked = (d: number) => (v ? v[`day_${d}`] === '1' : hours.open_days.includes(d));
  return (
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        {ctx.t('desks.hours.current')} {hoursText(ctx, hours)}
      </p>
      <Form ctx={ctx} action={`/desks/${p.desk.id}/hours`}>
        <input type="hidden" name="version" value={String(hours.version)} />
        <CheckboxGroup
          ctx={ctx}
          name="days"
          legend={ctx.t('desks.hours.days')}
          errors={p.errors}
          inline
          options={WEEKDAYS.map((d) => ({
            name: `day_${d}`,
            value: '1',
            label: ctx.t(`desks.day.${d}`),
            checked: checked(d),
          }))}
        />
        <Field
          ctx={ctx}
          name="opens_at"
          label={ctx.t('desks.hours.opens')}
          value={v ? v.opens_at : hours.opens_at}
          errors={p.errors}
          required
        />
        <Field
          ctx={ctx}
          name="closes_at"
          label={ctx.t('desks.hours.closes')}
          value={v ? v.closes_at : hours.closes_at}
          errors={p.errors}
          required
        />
        <div class="d-flex gap-2">
          <button type="submit" class="btn btn-primary">
            {ctx.t('desks.hours.save')}
          </button>
          <a class="btn btn-outline-secondary" href={`/desks/${p.desk.id}`}>
            {ctx.t('ui.cancel')}
          </a>
        </div>
      </Form>
    </>
  );
}

// ── Officers and the training mark ────────────────────────────────────────────────────────────────────────
export function OfficersView(p: {
  ctx: PageContext;
  officers: rr.OfficerMark[];
  flash?: string | undefined;
}) {
  const { ctx } = p;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <p>{ctx.t('desks.officers.intro')}</p>
      <DataTable
        ctx={ctx}
        caption={ctx.t('desks.officers.caption')}
        empty={ctx.t('desks.officers.empty')}
        headers={[
          ctx.t('desks.col.officer'),
          ctx.t('desks.officers.mark'),
          ctx.t('desks.officers.since'),
          ctx.t('desks.officers.by'),
          ctx.t('desks.officers.action'),
        ]}
        rows={p.officers}
        row={(o) => (
          <tr key={o.id}>
            <td>{o.name}</td>
            <td>{ctx.t(o.trained ? 'desks.officers.trained' : 'desks.officers.untrained')}</td>
            <td>{o.set_at ? fmtWhen(o.set_at, ctx.lang) : ''}</td>
            <td>{o.source === 'training' ? ctx.t('desks.officers.byTraining') : (o.set_by_name ?? '')}</td>
            <td>
              {o.trained ? (
                <a class="btn btn-outline-danger btn-sm" href={`/desks/officers/${o.id}/unmark`}>
                  {ctx.t('desks.officers.unmark')}
                  <span class="visually-hidden"> — {o.name}</span>
                </a>
              ) : (
                <Form ctx={ctx} action={`/desks/officers/${o.id}/mark`}>
                  <button type="submit" class="btn btn-primary btn-sm">
                    {ctx.t('desks.officers.markBtn')}
                    <span class="visually-hidden"> — {o.name}</span>
                  </button>
                </Form>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

// ── Rules ─────────────────────────────────────────────────────────────────────────────────────────────────
export function RulesView(p: {
  ctx: PageContext;
  desk: repo.DeskRow;
  hours: Hours;
  rules: rr.RuleRow[];
  /** Public holidays each rule leaves out (ISO dates), by rule id. */
  holidays: Record<string, string[]>;
  days: rr.LiveSession[];
  officers: { id: string; name: string; trained: boolean }[];
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
  kept?: KeptDay[] | undefined;
  removed?: number | undefined;
}) {
  const { ctx } = p;
  const v = p.values;
  const weeksPicked = (n: string) => v[`week_${n}`] === '1';
  const noWeek = !['every', '1', '2', '3', '4', '5', 'last'].some(weeksPicked);
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      {p.removed !== undefined && (
        <div class="alert alert-info" role="status">
          <p class="mb-1">{ctx.t('desks.rule.ended', { n: p.removed })}</p>
          {p.kept && p.kept.length > 0 && (
            <>
              <p class="mb-1">{ctx.t('desks.rule.kept')}</p>
              <ul class="mb-0">
                {p.kept.map((k) => (
                  <li key={k.starts_at.toISOString()}>
                    {fmtWhen(k.starts_at, ctx.lang)} — {k.cards.join(', ')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>
        <a href={`/desks/${p.desk.id}`}>{ctx.t('desks.rule.back', { name: p.desk.name })}</a>
      </p>
      <p>
        {ctx.t('desks.hours.current')} {hoursText(ctx, p.hours)}
      </p>
      <h2 class="h4">{ctx.t('desks.rule.list')}</h2>
      {p.rules.length === 0 ? (
        <p>{ctx.t('desks.rule.none')}</p>
      ) : (
        p.rules.map((r) => {
          const days = p.days.filter((d) => d.rule_id === r.id);
          return (
            <section key={r.id} class="mb-4 border-bottom pb-3">
              <h3 class="h5">
                {r.officer_name}: {ruleText(ctx, r)}, {r.start_time}–{r.end_time}
              </h3>
              <p class="mb-1">
                {ctx.t('desks.rule.validity', {
                  from: fmtIsoDate(r.valid_from, ctx.lang),
                  to: fmtIsoDate(r.valid_until, ctx.lang),
                })}{' '}
                {ctx.t('desks.slotsValue', { slot: r.slot_minutes, buffer: r.buffer_minutes })}
                {r.ended_at && <> — {ctx.t('desks.rule.endedMark')}</>}
              </p>
              {(p.holidays[r.id] ?? []).length > 0 && (
                <p class="mb-1">
                  {ctx.t('desks.rule.holidays', {
                    days: (p.holidays[r.id] ?? []).map((d) => fmtIsoDate(d, ctx.lang)).join(', '),
                  })}
                </p>
              )}
              <details>
                <summary>{ctx.t('desks.rule.days', { n: days.length })}</summary>
                <ul>
                  {days.map((d) => (
                    <li key={d.id}>
                      {fmtWhen(d.starts_at, ctx.lang)} – {fmtTime(d.ends_at, ctx.lang)}
                    </li>
                  ))}
                </ul>
              </details>
              {!r.ended_at && (
                <a class="btn btn-outline-danger btn-sm mt-2" href={`/desks/rules/${r.id}/end`}>
                  {ctx.t('desks.rule.end')}
                  <span class="visually-hidden">
                    {' '}
                    — {r.officer_name}, {ruleText(ctx, r)}
                  </span>
                </a>
              )}
            </section>
          );
        })
      )}
      <h2 class="h4 mt-5">{ctx.t('desks.rule.new')}</h2>
      <Form ctx={ctx} action={`/desks/${p.desk.id}/rules`}>
        <Select
          {...fieldOf(p, 'officer')}
          label={ctx.t('desks.rule.officer')}
          options={p.officers.map((o) => ({
            value: o.id,
            label: o.trained ? o.name : ctx.t('desks.officers.optionUntrained', { name: o.name }),
          }))}
          placeholder={ctx.t('desks.f.pick')}
          required
        />
        <Select
          {...fieldOf(p, 'weekday')}
          label={ctx.t('desks.rule.weekday')}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: ctx.t(`desks.day.${d}`) }))}
          placeholder={ctx.t('desks.f.pick')}
          required
        />
        <CheckboxGroup
          ctx={ctx}
          name="weeks"
          legend={ctx.t('desks.rule.weeksLegend')}
          errors={p.errors}
          inline
          options={[
            {
              name: 'week_every',
              value: '1',
              label: ctx.t('desks.week.every'),
              checked: noWeek || weeksPicked('every'),
            },
            ...['1', '2', '3', '4', '5'].map((n) => ({
              name: `week_${n}`,
              value: '1',
              label: ctx.t(`desks.week.${n}`),
              checked: weeksPicked(n),
            })),
            { name: 'week_last', value: '1', label: ctx.t('desks.week.last'), checked: weeksPicked('last') },
          ]}
        />
        <Field
          ctx={ctx}
          name="start"
          label={ctx.t('desks.f.start')}
          value={v.start ?? '09:00'}
          errors={p.errors}
          required
        />
        <Field
          ctx={ctx}
          name="end"
          label={ctx.t('desks.f.end')}
          value={v.end ?? '13:00'}
          errors={p.errors}
          required
        />
        <Field
          ctx={ctx}
          name="slot_minutes"
          label={ctx.t('desks.f.slot')}
          value={v.slot_minutes ?? '30'}
          errors={p.errors}
          inputMode="numeric"
          required
        />
        <Field
          ctx={ctx}
          name="buffer_minutes"
          label={ctx.t('desks.f.buffer')}
          value={v.buffer_minutes ?? '10'}
          errors={p.errors}
          inputMode="numeric"
        />
        <DateField {...fieldOf(p, 'valid_from')} label={ctx.t('desks.rule.from')} required />
        <DateField
          {...fieldOf(p, 'valid_until')}
          label={ctx.t('desks.rule.until')}
          hint={ctx.t('desks.rule.untilHint')}
          required
        />
        <button type="submit" class="btn btn-primary">
          {ctx.t('desks.rule.create')}
        </button>
      </Form>
    </>
  );
}

// ── Exceptions ────────────────────────────────────────────────────────────────────────────────────────────
export function ExceptionsView(p: {
  ctx: PageContext;
  exceptions: rr.ExceptionRow[];
  desks: { id: string; name: string }[];
  officers: { id: string; name: string }[];
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{ctx.t('desks.exc.intro')}</p>
      <DataTable
        ctx={ctx}
        caption={ctx.t('desks.exc.caption')}
        empty={ctx.t('desks.exc.none')}
        headers={[
          ctx.t('desks.exc.kind'),
          ctx.t('desks.exc.who'),
          ctx.t('desks.exc.period'),
          ctx.t('desks.exc.note'),
          ctx.t('desks.officers.action'),
        ]}
        rows={p.exceptions}
        row={(e) => (
          <tr key={e.id}>
            <td>{ctx.t(`desks.exc.${e.kind}`)}</td>
            <td>{e.kind === 'closure' ? e.desk_name : e.officer_name}</td>
            <td>
              {ctx.t('desks.exc.range', {
                from: fmtIsoDate(e.from_date, ctx.lang),
                to: fmtIsoDate(e.to_date, ctx.lang),
              })}
            </td>
            <td>{e.note ?? ''}</td>
            <td>
              <a class="btn btn-outline-danger btn-sm" href={`/desks/exceptions/${e.id}/remove`}>
                {ctx.t('desks.exc.remove')}
                <span class="visually-hidden">
                  {' '}
                  — {e.kind === 'closure' ? e.desk_name : e.officer_name}, {fmtIsoDate(e.from_date, ctx.lang)}
                </span>
              </a>
            </td>
          </tr>
        )}
      />
      <h2 class="h4 mt-5">{ctx.t('desks.exc.new')}</h2>
      <Form ctx={ctx} action="/desks/exceptions">
        <Select
          {...fieldOf(p, 'kind')}
          label={ctx.t('desks.exc.kind')}
          options={[
            { value: 'closure', label: ctx.t('desks.exc.closure') },
            { value: 'absence', label: ctx.t('desks.exc.absence') },
          ]}
          placeholder={ctx.t('desks.f.pick')}
          required
        />
        <Select
          {...fieldOf(p, 'desk')}
          label={ctx.t('desks.exc.desk')}
          options={p.desks.map((d) => ({ value: d.id, label: d.name }))}
          placeholder={ctx.t('desks.f.pick')}
        />
        <Select
          {...fieldOf(p, 'officer')}
          label={ctx.t('desks.exc.officer')}
          options={p.officers.map((o) => ({ value: o.id, label: o.name }))}
          placeholder={ctx.t('desks.f.pick')}
        />
        <DateField {...fieldOf(p, 'from_date')} label={ctx.t('desks.exc.from')} required />
        <DateField {...fieldOf(p, 'to_date')} label={ctx.t('desks.exc.to')} required />
        <Field {...fieldOf(p, 'note')} label={ctx.t('desks.exc.note')} maxChars={500} />
        <button type="submit" class="btn btn-primary">
          {ctx.t('desks.exc.save')}
        </button>
      </Form>
    </>
  );
}
