import { type CatalogueEntry, catalogue, type Result } from '@ponte/rules';
import { formatMoney, formatNumber } from '../../platform/format.ts';
import { hasPublicMessage, isLang, isPublicLang, type T } from '../../platform/i18n/index.ts';
import { ChoiceBox, SummaryList } from '../../platform/ui/components.tsx';
import type { FieldSpec, Question, Values } from './questions.ts';
import type { PublicCentre } from './repository.ts';
import { INFO_ONLY, openQuestions } from './service.ts';
import { VERIFY_TEXTS } from './verify-texts.ts';

// Views of the public pages. Every form posts (answers never go in a URL), carries the answers so far in hidden
// fields, has autocomplete off (the browser keeps nothing) and no CSRF token (there is no session to forge).

export interface StepCtx {
  lang: string;
  t: T;
}

/** The languages the check can start in, each named in itself. */
export const PUBLIC_LANGS = [
  { code: 'it', name: 'Italiano' },
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
  { code: 'ar', name: 'العربية' },
  { code: 'uk', name: 'Українська' },
] as const;

/** What the result page says of a benefit, all in the page's language. */
export interface BenefitTexts {
  name: string;
  description?: string;
  documents: string[];
  who: string;
  channel: string;
  deadline: string;
  /**
   * Points to verify: the engine's own texts in it/en; in the other languages each point's `pub.b.<key>`
   * translation, and one generic sentence for the points that have none.
   */
  verify: string[];
}

/**
 * The texts of a result: the engine's in Italian and English, the public catalogue's `pub.b.<benefit>.*` in the
 * other languages (the engine speaks only it/en, and a page never mixes languages).
 */
export function benefitTexts(t: T, lang: string, r: Result, entry: CatalogueEntry | undefined): BenefitTexts {
  const verify = r.reasons.filter((x) => x.verify);
  if (isLang(lang))
    return {
      name: r.name,
      description: entry?.description,
      documents: r.documents,
      who: r.apply.who,
      channel: r.apply.channel,
      deadline: r.apply.deadline,
      verify: verify.map((x) => withoutVerifyPrefix(x.text)),
    };
  const k = (part: string) => t(`pub.b.${r.benefit}.${part}`);
  return {
    name: k('name'),
    description: k('desc'),
    documents: [k('gather')],
    who: k('who'),
    channel: k('where'),
    deadline: k('when'),
    verify: verifyPoints(t, lang, r.benefit, verify),
  };
}

/**
 * A point to verify without the engine's "Da verificare: " / "To verify: ": it is listed under a heading that
 * already says so (the rights sheet printed "…INPS:: Da verificare:" on every line).
 */
export function withoutVerifyPrefix(text: string): string {
  const m = /^(?:Da verificare|To verify): (.)/su.exec(text);
  return m ? `${(m[1] as string).toLocaleUpperCase()}${text.slice(m[0].length)}` : text;
}

/** The engine's Italian templates of the "to verify" points, by benefit and code, as anchored patterns. */
const VERIFY_PATTERNS = (() => {
  const out = new Map<string, { key: string; pattern: RegExp; names: string[] }[]>();
  for (const [key, v] of Object.entries(VERIFY_TEXTS)) {
    const parts = v.it.split(/\{(\w+)\}/);
    const names = parts.filter((_, i) => i % 2 === 1);
    const source = parts
      .map((p, i) => (i % 2 === 1 ? '(.+?)' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const list = out.get(`${v.benefit} ${v.code}`) ?? [];
    list.push({ key, pattern: new RegExp(`^${source}$`, 's'), names });
    out.set(`${v.benefit} ${v.code}`, list);
  }
  return out;
})();

/**
 * Which point an Italian "to verify" reason is (its `pub.b.` key) and the values the rule put in its text, or
 * undefined for a point the public catalogue does not know.
 */
export function verifyPoint(
  benefit: string,
  reason: { code: string; text: string },
): { key: string; params: Record<string, string> } | undefined {
  for (const c of VERIFY_PATTERNS.get(`${benefit} ${reason.code}`) ?? []) {
    const m = c.pattern.exec(reason.text);
    if (!m) continue;
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => {
      params[name] = m[i + 1] as string;
    });
    return { key: `pub.b.${c.key}`, params };
  }
  return undefined;
}

/** The engine's Italian benefit names, back to their codes. */
const BENEFIT_OF_NAME = new Map(catalogue('it').map((e) => [e.name, e.id as string]));

/**
 * The "to verify" points of a result in a language the engine does not speak: each point translated, values
 * (amounts, dates, acts) as the engine wrote them, a benefit named by its code shown by its name; the generic
 * sentence, once, for the points without a translation.
 */
function verifyPoints(t: T, lang: string, benefit: string, reasons: Result['reasons']): string[] {
  const out: string[] = [];
  let untranslated = false;
  for (const r of reasons) {
    const p = verifyPoint(benefit, r);
    if (!p || !isPublicLang(lang) || !hasPublicMessage(lang, p.key)) {
      untranslated = true;
      continue;
    }
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(p.params)) {
      // A benefit the rule names (by its code, or by its Italian name) is shown by its name in her language.
      const code = BENEFIT_OF_NAME.get(value) ?? value;
      params[name] =
        isPublicLang(lang) && hasPublicMessage(lang, `pub.b.${code}.name`) ? t(`pub.b.${code}.name`) : value;
    }
    const text = t(p.key, params);
    if (!out.includes(text)) out.push(text);
  }
  if (untranslated) out.push(t('pub.result.verify.generic'));
  return out;
}

function ErrorList({ t, errors, params }: { t: T; errors: Record<string, string>; params: FieldParams }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert-danger error-summary" role="alert" tabIndex={-1} data-error-summary>
      <h2 class="h5">{t('pub.errors.title')}</h2>
      <ul class="mb-0">
        {entries.map(([name, key]) => (
          <li key={name}>
            <a href={`#field-${name}`}>{t(key, params[name])}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldParams = Record<string, Record<string, string | number>>;

function Hidden({ lang, asked, values }: { lang: string; asked: readonly string[]; values: Values }) {
  return (
    <>
      <input type="hidden" name="lang" value={lang} />
      <input type="hidden" name="asked" value={asked.join(' ')} />
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={`a.${k}`} value={v} />
      ))}
    </>
  );
}

/** The raw form values that show normalised answers again (going back to a question). */
export function toRaw(fields: FieldSpec[], values: Values): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    if (f.kind === 'amount' || f.kind === 'number') {
      if (v === 'unknown' || v === 'none') raw[`${f.name}__kind`] = v;
      else {
        raw[`${f.name}__kind`] = 'value';
        raw[f.name] = v;
      }
    } else if (f.kind === 'date' && v) {
      const [y, m, d] = v.split('-');
      raw[f.name] = `${d}/${m}/${y}`;
    } else raw[f.name] = v;
  }
  return raw;
}

/** The "I don't know" box of a number question that allows it: it posts `<name>__kind=unknown`. */
export function UnknownBox({
  t,
  id,
  name,
  raw,
}: {
  t: T;
  id: string;
  name: string;
  raw: Record<string, string>;
}) {
  return (
    <ChoiceBox
      class="mt-2"
      type="checkbox"
      id={`${id}-unknown`}
      name={`${name}__kind`}
      value="unknown"
      label={t('pub.unknown')}
      checked={raw[`${name}__kind`] === 'unknown'}
    />
  );
}

function ErrorText({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <div id={`${id}-error`} class="invalid-feedback d-block fw-semibold">
      {text}
    </div>
  );
}

/** A radio button of a question (its fieldset is the question's own). */
function Radio(p: { id: string; name: string; value: string; label: string; checked: boolean }) {
  return <ChoiceBox type="radio" {...p} />;
}

/**
 * The input of "an amount", under its choice (the public check, and the case's screening that asks the same
 * questions); with `hint`, the line on how to write it.
 */
export function AmountInput(p: {
  t: T;
  id: string;
  name: string;
  value: string;
  error: string | undefined;
  hint?: boolean;
}) {
  const hintId = `${p.id}-amount-hint`;
  const errId = p.error ? `${p.id}-error` : undefined;
  return (
    <div class="form-group ms-4 mt-2 mb-3">
      <label for={p.id} class="active">
        {p.t('pub.amount.input')}
      </label>
      <input
        id={p.id}
        name={p.name}
        type="text"
        inputMode="decimal"
        class={`form-control${p.error ? ' is-invalid' : ''}`}
        value={p.value}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.hint ? [hintId, errId].filter(Boolean).join(' ') : errId}
        maxLength={20}
      />
      {p.hint && (
        <small id={hintId} class="form-text">
          {p.t('pub.amount.hint')}
        </small>
      )}
    </div>
  );
}

function FieldView({
  t,
  f,
  raw,
  error,
  single,
}: {
  t: T;
  f: FieldSpec;
  raw: Record<string, string>;
  error: string | undefined;
  single: boolean;
}) {
  const id = `field-${f.name}`;
  const label = t(f.label, f.params);
  const hintId = f.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const labelClass = single ? 'visually-hidden' : 'fw-semibold';
  const hint = f.hint ? (
    <p id={hintId} class="form-text mb-2">
      {t(f.hint)}
    </p>
  ) : null;
  const value = raw[f.name] ?? '';

  if (f.kind === 'yesno' || f.kind === 'choice') {
    const options: { value: string; label: string }[] =
      f.kind === 'yesno'
        ? [
            { value: 'yes', label: t('pub.yes') },
            { value: 'no', label: t('pub.no') },
          ]
        : (f.options ?? []).map((o) => ({ value: o, label: t(`pub.o.${f.optionsKey}.${o}`) }));
    if (f.unknown) options.push({ value: 'unknown', label: t('pub.unknown') });
    return (
      <fieldset class="choice-fieldset mb-4" aria-describedby={describedBy}>
        <legend class={labelClass}>{label}</legend>
        {hint}
        <ErrorText id={id} text={error} />
        {options.map((o, i) => (
          <Radio
            key={o.value}
            id={i === 0 ? id : `${id}-${o.value}`}
            name={f.name}
            value={o.value}
            label={o.label}
            checked={value === o.value}
          />
        ))}
      </fieldset>
    );
  }

  if (f.kind === 'amount') {
    const kind = raw[`${f.name}__kind`] ?? (value ? 'value' : '');
    return (
      <fieldset class="choice-fieldset mb-4" aria-describedby={describedBy}>
        <legend class={labelClass}>{label}</legend>
        {hint}
        <ErrorText id={id} text={error} />
        <Radio
          id={`${id}-value`}
          name={`${f.name}__kind`}
          value="value"
          label={t('pub.amount.value')}
          checked={kind === 'value'}
        />
        <AmountInput t={t} id={id} name={f.name} value={kind === 'value' ? value : ''} error={error} hint />
        {f.none && (
          <Radio
            id={`${id}-none`}
            name={`${f.name}__kind`}
            value="none"
            label={t(`${f.label}.none`)}
            checked={kind === 'none'}
          />
        )}
        {f.unknown && (
          <Radio
            id={`${id}-unknown`}
            name={`${f.name}__kind`}
            value="unknown"
            label={t('pub.unknown')}
            checked={kind === 'unknown'}
          />
        )}
      </fieldset>
    );
  }

  const isDate = f.kind === 'date';
  return (
    <div class="form-group mb-4">
      <label for={id} class={single ? 'visually-hidden' : 'active fw-semibold'}>
        {label}
      </label>
      {hint}
      {isDate && !f.hint && (
        <p id={`${id}-date-hint`} class="form-text mb-2">
          {t('pub.date.hint')}
        </p>
      )}
      <ErrorText id={id} text={error} />
      <input
        id={id}
        name={f.name}
        type="text"
        inputMode={f.kind === 'number' ? (f.integer ? 'numeric' : 'decimal') : undefined}
        class={`form-control${error ? ' is-invalid' : ''}`}
        value={raw[`${f.name}__kind`] === 'unknown' ? '' : value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={
          [describedBy, isDate && !f.hint ? `${id}-date-hint` : undefined].filter(Boolean).join(' ') ||
          undefined
        }
        maxLength={f.kind === 'text' ? 100 : 20}
      />
      {f.kind === 'number' && f.unknown && <UnknownBox t={t} id={id} name={f.name} raw={raw} />}
    </div>
  );
}

/** The check cannot run today: the engine's rules do not cover the date (issue 10). Where to turn instead. */
export function NoRulesView({ t, lang }: StepCtx) {
  return (
    <>
      <p class="lead">{t('pub.norules.text')}</p>
      <p>{t('pub.norules.help')}</p>
      <p>
        <a href={lang === 'it' ? '/centri' : `/centri?lang=${lang}`}>{t('pub.start.centres')}</a>
      </p>
    </>
  );
}

export function StartView({ t, lang, begins }: StepCtx & { begins: { code: string; label: string }[] }) {
  return (
    <>
      <p class="lead">{t('pub.start.intro')}</p>
      <ul>
        <li>{t('pub.start.safe')}</li>
        <li>{t('pub.start.unknown')}</li>
        <li>{t('pub.start.exit')}</li>
      </ul>
      <form method="post" action="/diritti/domanda" autocomplete="off" data-in-place class="my-4">
        <input type="hidden" name="asked" value="" />
        <fieldset>
          <legend class="h4">{t('pub.start.lang')}</legend>
          <div class="d-flex flex-wrap gap-3 mt-2">
            {begins.map((l) => (
              <button
                key={l.code}
                type="submit"
                name="lang"
                value={l.code}
                lang={l.code}
                dir={l.code === 'ar' ? 'rtl' : undefined}
                class={`btn ${l.code === lang ? 'btn-primary' : 'btn-outline-primary'}`}
              >
                {l.label}
              </button>
            ))}
          </div>
        </fieldset>
      </form>
      <p>
        <a href={lang === 'it' ? '/centri' : `/centri?lang=${lang}`}>{t('pub.start.centres')}</a>
      </p>
    </>
  );
}

export interface StepProps extends StepCtx {
  question: Question;
  /** Answers so far (carried in hidden fields), without this question's. */
  asked: readonly string[];
  values: Values;
  fields: FieldSpec[];
  /** What the form shows in this question's fields (typed, or earlier answers). */
  raw: Record<string, string>;
  errors: Record<string, string>;
  number: number;
}

export function StepView(p: StepProps) {
  const { t } = p;
  const single = p.fields.length === 1;
  const params: FieldParams = {};
  for (const f of p.fields) params[f.name] = { min: f.min ?? 0, max: f.max ?? 0 };
  return (
    <>
      <p class="text-muted mb-3">{t('pub.step.count', { n: p.number })}</p>
      <ErrorList t={t} errors={p.errors} params={params} />
      <form method="post" action="/diritti/domanda" autocomplete="off" noValidate data-in-place>
        <Hidden lang={p.lang} asked={p.asked} values={p.values} />
        <input type="hidden" name="q" value={p.question.id} />
        {p.fields.map((f) => (
          <FieldView
            key={f.name}
            t={t}
            f={f}
            raw={p.raw}
            error={p.errors[f.name] ? t(p.errors[f.name] as string, params[f.name]) : undefined}
            single={single}
          />
        ))}
        <div class="d-flex flex-wrap gap-3 step-actions">
          <button type="submit" name="nav" value="next" class="btn btn-primary">
            {t('pub.step.next')}
          </button>
          <button type="submit" name="nav" value="back" class="btn btn-outline-primary">
            {t('pub.step.back')}
          </button>
        </div>
      </form>
      <p class="small mt-4">{t('pub.step.safe')}</p>
    </>
  );
}

// ---- result ----

/** The amount of a result in words ("201,00 € al mese, per 12 mesi"), or nothing when it says nothing. */
export function amountText(t: T, lang: string, r: Pick<Result, 'amount'>): string | undefined {
  return amountWords(t, lang, r.amount);
}

/**
 * An engine amount in words, or nothing when it holds no sum: a duration or a count of days alone is no amount
 * ("Importo: per 18 mesi"), so it is said only beside a sum.
 */
export function amountWords(t: T, lang: string, a: Result['amount'] | undefined): string | undefined {
  if (!a) return undefined;
  const eur = (n: number) => formatMoney(n, lang);
  const parts: string[] = [];
  const ranged = a.min !== undefined && a.max !== undefined && a.min !== a.max;
  const money = (key: 'monthly' | 'yearly' | 'once', v: number) =>
    ranged
      ? t(`pub.amt.${key}`, {
          eur: t('pub.amt.range', { min: eur(a.min as number), max: eur(a.max as number) }),
        })
      : t(`pub.amt.${key}`, { eur: eur(v) });
  if (a.monthly !== undefined && (a.monthly > 0 || ranged)) parts.push(money('monthly', a.monthly));
  if (a.yearly !== undefined && a.yearly > 0) parts.push(money('yearly', a.yearly));
  if (a.once !== undefined && a.once > 0) parts.push(money('once', a.once));
  if (a.months !== undefined && a.months > 0 && parts.length)
    parts.push(t('pub.amt.months', { n: formatNumber(a.months, lang) }));
  if (a.total !== undefined && a.total > 0) parts.push(t('pub.amt.total', { eur: eur(a.total) }));
  if (parts.length === 0 && ranged)
    parts.push(t('pub.amt.range', { min: eur(a.min as number), max: eur(a.max as number) }));
  if (a.days !== undefined) parts.push(t('pub.amt.days', { n: formatNumber(a.days, lang) }));
  return parts.length ? parts.join(t('pub.amt.sep')) : undefined;
}

function ResultCard({
  t,
  lang,
  r,
  entry,
  headingLevel,
}: {
  t: T;
  lang: string;
  r: Result;
  entry: CatalogueEntry | undefined;
  headingLevel: 3;
}) {
  void headingLevel;
  const amount = amountText(t, lang, r);
  const open = r.status === 'undetermined' ? openQuestions(r) : [];
  const b = benefitTexts(t, lang, r, entry);
  return (
    <article class="result-card" data-benefit={r.benefit} data-status={r.status}>
      <h3 class="h5">{b.name}</h3>
      {b.description && <p>{b.description}</p>}
      {amount && (
        <p>
          <strong>{t('pub.result.amount')}:</strong> <span data-amount>{amount}</span>
        </p>
      )}
      {open.length > 0 && (
        <>
          <p class="mb-1 fw-semibold">{t('pub.result.open')}</p>
          <ul>
            {open.map((q) => (
              <li key={q.id}>{t(`pub.q.${q.id}`)}</li>
            ))}
          </ul>
        </>
      )}
      {b.verify.length > 0 && (
        <>
          <p class="mb-1 fw-semibold">{t('pub.result.verify')}</p>
          <ul>
            {b.verify.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      )}
      {b.documents.length > 0 && (
        <>
          <p class="mb-1 fw-semibold">{t('pub.result.documents')}</p>
          <ul>
            {b.documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      )}
      <SummaryList
        class="mb-0"
        rows={[
          [t('pub.result.who'), b.who],
          [t('pub.result.channel'), b.channel],
          [t('pub.result.deadline'), b.deadline],
        ]}
      />
    </article>
  );
}

export function CentreCard({ t, c }: { t: T; c: PublicCentre }) {
  return (
    <li class="result-card list-unstyled" data-centre={c.id}>
      <p class="h5 mb-2">{c.name}</p>
      <SummaryList
        class="mb-0"
        rows={[
          [t('pub.centre.comune'), c.comune],
          c.phone && [t('pub.centre.phone'), <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>],
          c.opening_hours && [t('pub.centre.hours'), c.opening_hours],
          c.website &&
            /^https?:\/\//.test(c.website) && [
              t('pub.centre.website'),
              <a href={c.website} rel="noreferrer noopener">
                {c.website}
              </a>,
            ],
        ]}
      />
    </li>
  );
}

export interface ResultProps extends StepCtx {
  results: Result[];
  catalogue: CatalogueEntry[];
  near: { asked: string; found: boolean; rows: PublicCentre[] } | undefined;
  /** To go back to the last question from the result. */
  asked: readonly string[];
  values: Values;
  /** Whether the PDF sheet can be made in this language. */
  sheet: boolean;
}

export function ResultView(p: ResultProps) {
  const { t, lang } = p;
  const own = p.results.filter((r) => !INFO_ONLY.has(r.benefit));
  const eligible = own.filter((r) => r.status === 'eligible');
  const undetermined = own.filter((r) => r.status === 'undetermined');
  const notEligible = own.filter((r) => r.status === 'not_eligible');
  const info = p.results.filter((r) => INFO_ONLY.has(r.benefit) && r.status !== 'not_eligible');
  const entry = (id: string) => p.catalogue.find((c) => c.id === id);
  const centres = lang === 'it' ? '/centri' : `/centri?lang=${lang}`;
  return (
    <>
      <p class="lead">{t('pub.result.intro')}</p>
      {eligible.length === 0 && undetermined.length === 0 && <p>{t('pub.result.none')}</p>}
      {eligible.length > 0 && (
        <section aria-labelledby="eligible-h" data-section="eligible">
          <h2 id="eligible-h" class="h3 mt-4">
            {t('pub.result.eligible')}
          </h2>
          {eligible.map((r) => (
            <ResultCard key={r.benefit} t={t} lang={lang} r={r} entry={entry(r.benefit)} headingLevel={3} />
          ))}
        </section>
      )}
      {undetermined.length > 0 && (
        <section aria-labelledby="undetermined-h" data-section="undetermined">
          <h2 id="undetermined-h" class="h3 mt-4">
            {t('pub.result.undetermined')}
          </h2>
          <p>{t('pub.result.undetermined.intro')}</p>
          {undetermined.map((r) => (
            <ResultCard key={r.benefit} t={t} lang={lang} r={r} entry={entry(r.benefit)} headingLevel={3} />
          ))}
        </section>
      )}
      {notEligible.length > 0 && (
        <section aria-labelledby="not-h" data-section="not_eligible">
          <h2 id="not-h" class="h3 mt-4">
            {t('pub.result.notEligible')}
          </h2>
          <ul>
            {notEligible.map((r) => (
              <li key={r.benefit}>{benefitTexts(t, lang, r, entry(r.benefit)).name}</li>
            ))}
          </ul>
        </section>
      )}
      {info.length > 0 && (
        <section aria-labelledby="info-h" data-section="info">
          <h2 id="info-h" class="h3 mt-4">
            {t('pub.result.info')}
          </h2>
          {info.map((r) => (
            <ResultCard key={r.benefit} t={t} lang={lang} r={r} entry={entry(r.benefit)} headingLevel={3} />
          ))}
        </section>
      )}
      <section aria-labelledby="help-h" class="mt-4">
        <h2 id="help-h" class="h3">
          {t('pub.help.heading')}
        </h2>
        <p>{t('pub.help.cav')}</p>
        <p>{t('pub.help.inps')}</p>
        <p class="fw-semibold">
          <a href="tel:1522">{t('pub.help.1522')}</a>
        </p>
      </section>
      <section aria-labelledby="near-h" class="mt-4">
        <h2 id="near-h" class="h3">
          {t('pub.near.heading')}
        </h2>
        {p.near && !p.near.found && <p>{t('pub.near.notFound', { name: p.near.asked })}</p>}
        {p.near?.found && p.near.rows.length === 0 && <p>{t('pub.near.none')}</p>}
        {p.near && p.near.rows.length > 0 && (
          <ul class="ps-0">
            {p.near.rows.map((c) => (
              <CentreCard key={c.id} t={t} c={c} />
            ))}
          </ul>
        )}
        <p>
          <a href={centres}>{t('pub.near.all')}</a>
        </p>
      </section>
      <p class="small mt-4">{t('pub.result.print')}</p>
      {!p.sheet && <p class="small">{t('pub.sheet.none')}</p>}
      <form method="post" action="/diritti/foglio" autocomplete="off" class="step-actions mb-3">
        <Hidden lang={lang} asked={p.asked} values={p.values} />
        <div class="d-flex flex-wrap gap-3">
          {p.sheet && (
            <button type="submit" class="btn btn-outline-primary" data-sheet>
              {t('pub.sheet.download')}
            </button>
          )}
          <button type="button" class="btn btn-outline-primary" data-print hidden>
            {t('pub.sheet.print')}
          </button>
        </div>
      </form>
      <form method="post" action="/diritti/domanda" autocomplete="off" data-in-place class="step-actions">
        <Hidden lang={lang} asked={p.asked} values={p.values} />
        <div class="d-flex flex-wrap gap-3">
          <button type="submit" name="nav" value="back" class="btn btn-outline-primary">
            {t('pub.step.back')}
          </button>
          <a class="btn btn-primary" href={lang === 'it' ? '/diritti' : `/diritti?lang=${lang}`}>
            {t('pub.result.again')}
          </a>
        </div>
      </form>
    </>
  );
}

// ---- directory ----

export interface DirectoryProps extends StepCtx {
  q: string;
  /** The search refused (a control character, too long): its message, next to the field; nothing was searched. */
  error?: string | undefined;
  rows: PublicCentre[];
  total: number;
  page: number;
  pages: number;
}

export function DirectoryView(p: DirectoryProps) {
  const { t } = p;
  return (
    <>
      <p class="lead">{t('pub.dir.intro')}</p>
      <form method="post" action="/centri" autocomplete="off" class="mb-4" data-in-place>
        <input type="hidden" name="lang" value={p.lang} />
        <div class="form-group mb-3">
          <label for="field-q" class="active">
            {t('pub.dir.search')}
          </label>
          {p.error && (
            <div id="field-q-error" class="invalid-feedback d-block fw-semibold">
              {t(p.error)}
            </div>
          )}
          <input
            id="field-q"
            name="q"
            type="search"
            class={`form-control${p.error ? ' is-invalid' : ''}`}
            value={p.q}
            maxLength={100}
            aria-invalid={p.error ? 'true' : undefined}
            aria-describedby={p.error ? 'field-q-error' : undefined}
          />
        </div>
        <button type="submit" class="btn btn-primary">
          {t('pub.dir.submit')}
        </button>
      </form>
      <p aria-live="polite">{p.total === 0 ? t('pub.dir.empty') : t('pub.dir.count', { total: p.total })}</p>
      {p.rows.length > 0 && (
        <ul class="ps-0">
          {p.rows.map((c) => (
            <CentreCard key={c.id} t={t} c={c} />
          ))}
        </ul>
      )}
      {p.pages > 1 && (
        <form method="post" action="/centri" autocomplete="off" data-in-place>
          <input type="hidden" name="lang" value={p.lang} />
          <input type="hidden" name="q" value={p.q} />
          <nav aria-label={t('pub.dir.pages')} class="d-flex flex-wrap align-items-center gap-3">
            {p.page > 1 && (
              <button type="submit" name="page" value={String(p.page - 1)} class="btn btn-outline-primary">
                {t('pub.dir.prev')}
              </button>
            )}
            <span>{t('pub.dir.page', { page: p.page, pages: p.pages })}</span>
            {p.page < p.pages && (
              <button type="submit" name="page" value={String(p.page + 1)} class="btn btn-outline-primary">
                {t('pub.dir.next')}
              </button>
            )}
          </nav>
        </form>
      )}
      <p class="mt-4">{t('pub.dir.shelters')}</p>
    </>
  );
}
