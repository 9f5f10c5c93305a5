import type { ComponentChildren } from 'preact';
import { isoDateInRome } from '../clock.ts';
import { limitHint } from '../forms/text.ts';
import type { PageContext } from './context.ts';

/** Errors of a form: field name -> message (already translated). */
export type FieldErrors = Record<string, string>;

/**
 * What every control of a form repeats — the page, the field's name, what was typed in it and the form's errors —
 * read once from the view's props: `<Field {...fieldOf(p, 'email')} label={…} />`.
 */
export function fieldOf<V, K extends keyof V & string>(
  p: { ctx: PageContext; values: V; errors?: FieldErrors | undefined },
  name: K,
) {
  return { ctx: p.ctx, name, value: p.values[name], errors: p.errors };
}

/** GOV.UK-style error summary at the top of a form, linking to each field; focused by ponte.js on load. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert-danger error-summary" role="alert" tabIndex={-1} data-error-summary>
      <h2 class="h5">{ctx.t('ui.errors.title')}</h2>
      <ul class="mb-0">
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#field-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface FieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'date' | 'number' | 'tel' | 'url' | 'search';
  value?: string | number | null | undefined;
  errors?: FieldErrors;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  /** A hard cut by the browser: only for fixed-format codes (a date, a one-time code), never for free text. */
  maxLength?: number;
  /** The first and last accepted values (dates as yyyy-mm-dd). */
  min?: string;
  max?: string;
  /** The most characters of a free-text field: said next to it, counted live by char-count.js; the server checks. */
  maxChars?: number;
}

/**
 * The limit of a free-text field, said next to it (issue 10): without JavaScript as a hint, with it as a live count
 * (public/char-count.js). The field has no `maxlength`, so the browser never cuts what is pasted: the server says
 * the limit and gives the text back (platform/forms/text.ts).
 */
export function CharCount({ ctx, id, max }: { ctx: PageContext; id: string; max: number }) {
  return (
    <small
      id={`${id}-count`}
      class="form-text d-block char-count"
      data-count-for={id}
      data-max={max}
      data-text-count={ctx.t('forms.text.counter')}
      data-text-over={ctx.t('forms.text.counterOver')}
    >
      {ctx.t(limitHint(max))}
    </small>
  );
}

/** The ids a described field points to: its hint, its limit, its error. */
function describedByOf(
  id: string,
  o: { hint?: unknown; maxChars?: number; error?: unknown },
): string | undefined {
  return (
    [o.hint ? `${id}-hint` : '', o.maxChars ? `${id}-count` : '', o.error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined
  );
}

/** A labelled input with its hint and its error message next to it; keeps what the user typed. */
export function Field(p: FieldProps) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  const describedBy = describedByOf(id, { hint: p.hint, maxChars: p.maxChars, error });
  return (
    <FieldFrame
      ctx={p.ctx}
      id={id}
      label={p.label}
      required={p.required}
      hint={p.hint}
      maxChars={p.maxChars}
      error={error}
    >
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        class={`form-control${error ? ' is-invalid' : ''}`}
        value={p.value ?? ''}
        required={p.required}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete={p.autocomplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        min={p.min}
        max={p.max}
        data-maxchars={p.maxChars}
      />
    </FieldFrame>
  );
}

/** A one-control field's frame: its label ("required" said to screen readers), its hint, its error, the control. */
function FieldFrame(p: {
  ctx: PageContext;
  id: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  /** A free-text field's limit, said next to it and counted live (CharCount). */
  maxChars?: number | undefined;
  error?: string | undefined;
  errorDetail?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="form-group mb-4">
      <label for={p.id} class="active">
        {p.label}
        {p.required && <span class="visually-hidden"> ({p.ctx.t('ui.required')})</span>}
      </label>
      <FieldHint id={p.id} hint={p.hint} />
      {p.maxChars !== undefined && <CharCount ctx={p.ctx} id={p.id} max={p.maxChars} />}
      <FieldError id={p.id} error={p.error}>
        {p.errorDetail}
      </FieldError>
      {p.children}
    </div>
  );
}

export interface SelectProps {
  ctx: PageContext;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | null | undefined;
  errors?: FieldErrors;
  required?: boolean;
  /** Label of an empty first option; absent means no empty option. */
  placeholder?: string;
  hint?: string;
}

export function Select(p: SelectProps) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <div class="select-wrapper mb-4">
      <label for={id}>{p.label}</label>
      <FieldHint id={id} hint={p.hint} />
      <FieldError id={id} error={error} />
      <select
        id={id}
        name={p.name}
        class={`form-select${error ? ' is-invalid' : ''}`}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, error)}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A form that always carries the CSRF token. */
export function Form({
  ctx,
  action,
  children,
  method = 'post',
  class: className,
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  method?: 'post' | 'get';
  class?: string;
}) {
  return (
    <form method={method} action={action} class={className} noValidate>
      {method === 'post' && <input type="hidden" name="_csrf" value={ctx.csrfToken} />}
      {children}
    </form>
  );
}

export interface PaginationProps {
  ctx: PageContext;
  page: number;
  pageSize: number;
  total: number;
  /** Builds the URL of a page, keeping the current filters. */
  href: (page: number) => string;
}

/** Result summary and page links for a list. */
export function Pagination({ ctx, page, pageSize, total, href }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mt-3">
      <p class="mb-0" aria-live="polite">
        {ctx.t('ui.pagination.summary', { from, to, total })}
      </p>
      {pages > 1 && (
        <nav class="pagination-wrapper mb-0" aria-label={ctx.t('ui.pagination')}>
          <ul class="pagination mb-0">
            <li class={`page-item${page <= 1 ? ' disabled' : ''}`}>
              {page > 1 ? (
                <a class="page-link" href={href(page - 1)}>
                  {ctx.t('ui.pagination.prev')}
                </a>
              ) : (
                <span class="page-link">{ctx.t('ui.pagination.prev')}</span>
              )}
            </li>
            {Array.from({ length: pages }, (_, i) => i + 1)
              .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
              .map((n) => (
                <li class="page-item" key={n}>
                  <a
                    class="page-link"
                    href={href(n)}
                    aria-current={n === page ? 'page' : undefined}
                    aria-label={ctx.t('ui.pagination.page', { n })}
                  >
                    {n}
                  </a>
                </li>
              ))}
            <li class={`page-item${page >= pages ? ' disabled' : ''}`}>
              {page < pages ? (
                <a class="page-link" href={href(page + 1)}>
                  {ctx.t('ui.pagination.next')}
                </a>
              ) : (
                <span class="page-link">{ctx.t('ui.pagination.next')}</span>
              )}
            </li>
          </ul>
        </nav>
      )}
    </div>
  );
}

/** A notice shown after a successful action (flash from the query string, never identifying). */
export function Notice({
  message,
  kind = 'success',
}: {
  message: string;
  kind?: 'success' | 'info' | 'warning';
}) {
  return (
    <div class={`alert alert-${kind}`} role="status">
      {message}
    </div>
  );
}

/**
 * The search and filter fields of a list: a GET form with its search button. `inline` puts the button at the
 * end of the fields' row; `stacked` (for long filter sets) puts a primary button on a row of its own.
 */
export function FilterBar({
  ctx,
  action,
  children,
  layout = 'inline',
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  layout?: 'inline' | 'stacked';
}) {
  const inline = layout === 'inline';
  return (
    <Form ctx={ctx} action={action} method="get" class={`row ${inline ? 'g-3' : 'g-2'} align-items-end mb-4`}>
      {children}
      <div class={inline ? 'col-12 col-md-auto mb-4' : 'col-12 mb-4'}>
        <button type="submit" class={`btn ${inline ? 'btn-outline-primary' : 'btn-primary'}`}>
          {ctx.t('ui.search')}
        </button>
      </div>
    </Form>
  );
}

export interface DataTableProps<T> {
  ctx: PageContext;
  /** Names the table for screen readers (a visually hidden caption); absent, no caption. */
  caption?: string;
  /** The column headers, in order. */
  headers: ComponentChildren[];
  rows: readonly T[];
  /** One `<tr>` (with its key) a row. */
  row: (r: T) => ComponentChildren;
  small?: boolean;
  /** The sentence shown when there are no rows; absent, the generic "no results". */
  empty?: string;
}

/** A responsive table with column headers, or the "no results" sentence when there are no rows. */
export function DataTable<T>({ ctx, caption, headers, rows, row, small = false, empty }: DataTableProps<T>) {
  if (rows.length === 0) return <p>{empty ?? ctx.t('ui.empty')}</p>;
  return (
    <div class="table-responsive">
      <table class={small ? 'table table-sm' : 'table'}>
        {caption !== undefined && <caption class="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
      </table>
    </div>
  );
}

/** One row of a SummaryList: a term and what it says; `false`, `null`, `undefined` or '' leave the row out. */
export type SummaryRow =
  | readonly [term: ComponentChildren, value: ComponentChildren]
  | false
  | null
  | undefined
  | '';

/**
 * A definition list of facts (`<dl>`: a `<dt>` term, then its `<dd>`), rows left out when falsy so a view writes
 * `a.note && [label, a.note]`. `columns`: the two column classes of a `row` layout (e.g. `['col-sm-3',
 * 'col-sm-9']`), term and value side by side on larger screens; absent, the value under its term.
 */
export function SummaryList({
  rows,
  class: cls,
  columns,
}: {
  rows: readonly SummaryRow[];
  class?: string;
  columns?: readonly [string, string];
}) {
  return (
    <dl class={columns ? ['row', cls].filter(Boolean).join(' ') : cls}>
      {rows.map((r, i) =>
        r
          ? [
              <dt key={`t${i}`} class={columns?.[0]}>
                {r[0]}
              </dt>,
              <dd key={`d${i}`} class={columns?.[1]}>
                {r[1]}
              </dd>,
            ]
          : null,
      )}
    </dl>
  );
}

/** The buttons at the end of a form: submit (Save unless `label`) and a Cancel link back to `cancel`. */
export function FormActions({
  ctx,
  cancel,
  label,
  cancelLabel,
}: {
  ctx: PageContext;
  cancel: string;
  label?: string;
  /** The way back, where a bare "Annulla" could be read as cancelling the thing itself. */
  cancelLabel?: string;
}) {
  return (
    <div class="d-flex gap-2">
      <button type="submit" class="btn btn-primary">
        {label ?? ctx.t('ui.save')}
      </button>
      <a class="btn btn-outline-secondary" href={cancel}>
        {cancelLabel ?? ctx.t('ui.cancel')}
      </a>
    </div>
  );
}

export interface ConfirmationProps {
  ctx: PageContext;
  /** What will happen, in full (names the thing it happens to). */
  text: string;
  /** Where the confirming POST goes. */
  action: string;
  /** Where Cancel leads back to. */
  cancel: string;
  confirmLabel: string;
  /** Hidden fields the POST carries besides the CSRF token. */
  hidden?: Record<string, string>;
  /** Fields the confirmation asks for (a reason…), shown above the buttons. */
  children?: ComponentChildren;
}

/** The page that asks to confirm a destructive or consequential action before it is done. */
export function Confirmation({
  ctx,
  text,
  action,
  cancel,
  confirmLabel,
  hidden = {},
  children,
}: ConfirmationProps) {
  return (
    <>
      <p class="lead">{text}</p>
      <Form ctx={ctx} action={action}>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {children}
        <div class="d-flex gap-2">
          <button type="submit" class="btn btn-danger">
            {confirmLabel}
          </button>
          <a class="btn btn-outline-secondary" href={cancel}>
            {ctx.t('ui.cancel')}
          </a>
        </div>
      </Form>
    </>
  );
}

/**
 * The column of a page built around one form (login steps, enrolment): a narrow (or `wide`) column with the
 * error summary on top, under the `notice` if there is one.
 */
export function FormPage({
  ctx,
  errors = {},
  wide = false,
  notice,
  children,
}: {
  ctx: PageContext;
  errors?: FieldErrors;
  wide?: boolean;
  notice?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="row">
      <div class={wide ? 'col-12 col-lg-8' : 'col-12 col-md-8 col-lg-6'}>
        {notice}
        <ErrorSummary ctx={ctx} errors={errors} />
        {children}
      </div>
    </div>
  );
}

/** The ids of a field's hint and error, for `aria-describedby` (undefined when it has neither). */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The hint of a field, under its label. */
function FieldHint({ id, hint }: { id: string; hint?: string | undefined }) {
  if (!hint) return null;
  return (
    <small id={`${id}-hint`} class="form-text d-block">
      {hint}
    </small>
  );
}

/** The error message of a field, next to it; the error summary links to the field by its id. */
function FieldError({ id, error, children }: { id: string; error?: string; children?: ComponentChildren }) {
  if (!error) return null;
  return (
    <div id={`${id}-error`} class="invalid-feedback d-block fw-semibold">
      {error}
      {children}
    </div>
  );
}

/** A date as the value of a date input: yyyy-mm-dd; a Date is read in Italy's calendar. */
export function dateValue(value: string | Date | null | undefined): string {
  if (value instanceof Date) return isoDateInRome(value);
  return value ?? '';
}

export interface DateFieldProps extends Omit<FieldProps, 'type' | 'value' | 'inputMode' | 'maxLength'> {
  value?: string | Date | null | undefined;
}

/**
 * A labelled date input (the browser's date picker; typed as yyyy-mm-dd without it), with its hint and error; a
 * Date value is shown as its day in Italy, and what she typed is kept as she typed it.
 */
export function DateField({ value, ...p }: DateFieldProps) {
  return <Field {...p} type="date" value={dateValue(value)} />;
}

export interface TextAreaProps {
  ctx: PageContext;
  name: string;
  label: string;
  value?: string | null | undefined;
  errors?: FieldErrors;
  hint?: string;
  rows?: number;
  /** The most characters: said next to the field and counted live (CharCount), never cut by the browser. */
  maxChars?: number;
  required?: boolean;
  /** More about the error, under its message (e.g. what in the text was refused). */
  errorDetail?: ComponentChildren;
}

/** A labelled multi-line text with its hint and error message; keeps what the user typed. */
export function TextArea(p: TextAreaProps) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <FieldFrame
      ctx={p.ctx}
      id={id}
      label={p.label}
      required={p.required}
      hint={p.hint}
      maxChars={p.maxChars}
      error={error}
      errorDetail={p.errorDetail}
    >
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        class={`form-control${error ? ' is-invalid' : ''}`}
        data-maxchars={p.maxChars}
        required={p.required}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, { hint: p.hint, maxChars: p.maxChars, error })}
      >
        {p.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface ChoiceOption {
  value: string;
  label: ComponentChildren;
  /** The language of the label, when it is not the page's (a language's own name). */
  lang?: string;
  disabled?: boolean;
  /** The option's own field name, when each box is a field of its own (value "1" unless `value`). */
  name?: string;
  /** Checked, when the group's `value` does not say it (boxes with names of their own). */
  checked?: boolean;
}

export interface ChoiceGroupProps {
  ctx: PageContext;
  /** The field name; the first box has the id `field-<name>`, which the error summary links to. */
  name: string;
  legend: string;
  options: readonly ChoiceOption[];
  /** The checked value(s). */
  value?: string | readonly string[] | null | undefined;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  /** Visually hidden legend, where a heading above already names the group. */
  hideLegend?: boolean;
  /** The boxes side by side (short labels), instead of one under the other. */
  inline?: boolean;
}

/**
 * One radio button or checkbox with its label, for the groups whose fieldset is the view's own (the public
 * check's questions, a list of slots): what a `RadioGroup` or `CheckboxGroup` draws for each option.
 */
export function ChoiceBox(p: {
  type: 'checkbox' | 'radio';
  id: string;
  name: string;
  value: string;
  label: ComponentChildren;
  checked: boolean;
  /** The language of the label, when it is not the page's. */
  lang?: string;
  /** The group has an error: the box is drawn as invalid. */
  invalid?: boolean;
  disabled?: boolean;
  required?: boolean;
  describedBy?: string;
  /** More classes on the box's `form-check` wrapper (e.g. spacing). */
  class?: string;
}) {
  return (
    <div class={p.class ? `form-check ${p.class}` : 'form-check'}>
      <input
        class={`form-check-input${p.invalid ? ' is-invalid' : ''}`}
        type={p.type}
        id={p.id}
        name={p.name}
        value={p.value}
        checked={p.checked}
        disabled={p.disabled}
        required={p.required}
        aria-describedby={p.describedBy}
      />
      <label class="form-check-label" for={p.id} lang={p.lang}>
        {p.label}
      </label>
    </div>
  );
}

function ChoiceGroup(p: ChoiceGroupProps & { type: 'checkbox' | 'radio' }) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  const checked = typeof p.value === 'string' ? [p.value] : (p.value ?? []);
  const boxes = p.options.map((o, i) => (
    <ChoiceBox
      key={o.name ?? o.value}
      type={p.type}
      id={i === 0 ? id : `${id}-${o.name ?? o.value}`}
      name={o.name ?? p.name}
      value={o.value}
      label={o.label}
      lang={o.lang}
      checked={o.checked ?? checked.includes(o.value)}
      invalid={Boolean(error)}
      disabled={o.disabled}
      required={p.type === 'radio' && p.required ? true : undefined}
    />
  ));
  return (
    <fieldset class="mb-4" aria-describedby={describedBy(id, p.hint, error)}>
      <legend class={p.hideLegend ? 'visually-hidden' : 'h6'}>{p.legend}</legend>
      {p.hint && (
        <p id={`${id}-hint`} class="form-text mt-0">
          {p.hint}
        </p>
      )}
      <FieldError id={id} error={error} />
      {p.inline ? <div class="d-flex flex-wrap gap-3">{boxes}</div> : boxes}
    </fieldset>
  );
}

/** A group of checkboxes under one legend, with its hint and error: "choose all that apply". */
export function CheckboxGroup(p: ChoiceGroupProps) {
  return <ChoiceGroup {...p} type="checkbox" />;
}

/** A group of radio buttons under one legend, with its hint and error: one answer; none is preselected. */
export function RadioGroup(p: ChoiceGroupProps) {
  return <ChoiceGroup {...p} type="radio" />;
}

/** One checkbox with its label (a yes/no that needs no legend), its hint and its error. */
export function Checkbox(p: {
  ctx: PageContext;
  name: string;
  label: ComponentChildren;
  checked: boolean;
  value?: string;
  hint?: string;
  errors?: FieldErrors;
}) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <div class="form-check mb-4">
      <input
        class={`form-check-input${error ? ' is-invalid' : ''}`}
        type="checkbox"
        id={id}
        name={p.name}
        value={p.value ?? 'on'}
        checked={p.checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, error)}
      />
      <label class="form-check-label" for={id}>
        {p.label}
      </label>
      <FieldHint id={id} hint={p.hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The free-text search field of a list's filter bar (`q`), in a column `width` twelfths wide on larger screens. */
export function SearchField(p: {
  ctx: PageContext;
  label: string;
  value: string;
  maxLength?: number;
  width?: 3 | 4 | 5 | 6;
  name?: string;
}) {
  return (
    <div class={`col-12 col-md-${p.width ?? 6}`}>
      <Field
        ctx={p.ctx}
        name={p.name ?? 'q'}
        type="search"
        label={p.label}
        value={p.value}
        maxLength={p.maxLength}
      />
    </div>
  );
}

/** The six digits of an authenticator app (TOTP) that confirm an act: typed as numbers, filled by the phone's keyboard. */
export function TotpField(p: {
  ctx: PageContext;
  label: string;
  hint: string;
  errors: FieldErrors;
  required?: boolean;
}) {
  return (
    <Field
      ctx={p.ctx}
      name="code"
      label={p.label}
      hint={p.hint}
      inputMode="numeric"
      autocomplete="one-time-code"
      maxLength={6}
      errors={p.errors}
      required={p.required}
    />
  );
}

/** A form's submit button; `class` is all of its classes, written whole ("btn btn-primary", …) for the stylesheet cut. */
export function Submit(p: { class: string; id?: string; children: ComponentChildren }) {
  return (
    <button type="submit" class={p.class} id={p.id}>
      {p.children}
    </button>
  );
}
