import { nowMs } from '../../platform/clock.ts';
import { formatDateTime, formatTime as timeOf } from '../../platform/format.ts';
import {
  Checkbox,
  DataTable,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  FormPage,
  Notice,
  RadioGroup,
  SummaryList,
  TotpField,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import type { SessionSummary, UserOrganisation } from './repository.ts';

/** Date and time in Europe/Rome, in the page's language. */
function formatInstant(ctx: PageContext, d: Date): string {
  return formatDateTime(d, ctx.lang);
}

export function formatTime(ctx: PageContext, d: Date): string {
  return timeOf(d, ctx.lang);
}

export interface LoginValues {
  username?: string;
  next?: string | undefined;
}

export function LoginView({
  ctx,
  values,
  errors = {},
  notice,
  oidc = false,
}: {
  ctx: PageContext;
  values: LoginValues;
  errors?: FieldErrors;
  notice?: string | undefined;
  /** The organisation's identity provider is configured: offer the login through it. */
  oidc?: boolean;
}) {
  const oidcHref = values.next ? `/login/oidc?next=${encodeURIComponent(values.next)}` : '/login/oidc';
  return (
    <FormPage ctx={ctx} errors={errors} notice={notice && <Notice message={notice} kind="info" />}>
      {oidc && (
        <section aria-labelledby="login-oidc" class="mb-4">
          <h2 id="login-oidc" class="h5">
            {ctx.t('auth.oidc.heading')}
          </h2>
          <p>{ctx.t('auth.oidc.intro')}</p>
          <a class="btn btn-primary" href={oidcHref}>
            {ctx.t('auth.oidc.start')}
          </a>
        </section>
      )}
      {oidc && (
        <h2 class="h5" id="login-local">
          {ctx.t('auth.oidc.local')}
        </h2>
      )}
      <p>{ctx.t('auth.login.intro')}</p>
      <Form ctx={ctx} action="/login">
        {values.next && <input type="hidden" name="next" value={values.next} />}
        <Field
          ctx={ctx}
          name="username"
          label={ctx.t('auth.login.username')}
          value={values.username}
          errors={errors}
          required
          autocomplete="username"
          maxLength={64}
        />
        {/* The password is never sent back to the page, even after an error. */}
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label={ctx.t('auth.login.password')}
          errors={errors}
          required
          autocomplete="current-password"
          maxLength={256}
        />
        <button type="submit" class="btn btn-primary">
          {ctx.t('auth.login.submit')}
        </button>
      </Form>
    </FormPage>
  );
}

/** After the provider: the session is set, the next step is one navigation away. The page is followed by itself
 *  (the `refresh` header): a navigation from Ponte's own page carries the SameSite=Strict session cookie, which
 *  the redirect of a navigation coming from the provider's site would not. */
export function OidcContinueView({ ctx, href }: { ctx: PageContext; href: string }) {
  return (
    <>
      <p>{ctx.t('auth.oidc.continue.text')}</p>
      <p>
        <a class="btn btn-primary" href={href}>
          {ctx.t('auth.oidc.continue')}
        </a>
      </p>
    </>
  );
}

export function ThrottledView({ ctx, until }: { ctx: PageContext; until: Date }) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - nowMs()) / 60_000));
  return (
    <>
      <div class="alert alert-warning" role="alert">
        <p class="mb-0">{ctx.t('auth.throttled.body', { time: formatTime(ctx, until), minutes })}</p>
      </div>
      <p>{ctx.t('auth.throttled.help')}</p>
      <p>
        <a href="/login">{ctx.t('auth.throttled.back')}</a>
      </p>
    </>
  );
}

/** The codes that complete step two of the login: the authenticator's, or a recovery code. */
export type LoginCode = 'totp' | 'recovery';

interface CodeStep {
  intro: string;
  submit: string;
  /** The code field: message keys of its label and hint, and how the code is typed. */
  field: {
    label: string;
    hint: string;
    autocomplete: string;
    inputMode?: 'numeric';
    maxLength: number;
  };
  /** The way to the other second factor. */
  other: { href: string; label: string };
}

/** Per second factor: the messages of its page, how its code is typed, and the way to the other one. */
const SECOND_FACTORS: Record<LoginCode, CodeStep> = {
  totp: {
    intro: 'auth.totp.intro',
    submit: 'auth.totp.submit',
    field: {
      label: 'auth.totp.code',
      hint: 'auth.totp.code.hint',
      autocomplete: 'one-time-code',
      inputMode: 'numeric',
      maxLength: 8,
    },
    other: { href: '/login/recovery', label: 'auth.totp.useRecovery' },
  },
  recovery: {
    intro: 'auth.recovery.intro',
    submit: 'auth.recovery.submit',
    field: {
      label: 'auth.recovery.code',
      hint: 'auth.recovery.code.hint',
      autocomplete: 'off',
      maxLength: 40,
    },
    other: { href: '/login/totp', label: 'auth.recovery.backToTotp' },
  },
};

/** The code field: the authenticator's digits, or a recovery code. */
function CodeField({ ctx, errors, kind }: { ctx: PageContext; errors: FieldErrors; kind: LoginCode }) {
  const f = SECOND_FACTORS[kind].field;
  return (
    <Field
      ctx={ctx}
      name="code"
      label={ctx.t(f.label)}
      hint={ctx.t(f.hint)}
      errors={errors}
      required
      autocomplete={f.autocomplete}
      inputMode={f.inputMode}
      maxLength={f.maxLength}
    />
  );
}

/** Step two of the login: the code of the authenticator app (`totp`) or a recovery code. */
export function SecondFactorView({
  ctx,
  kind,
  errors = {},
}: {
  ctx: PageContext;
  kind: LoginCode;
  errors?: FieldErrors;
}) {
  const m = SECOND_FACTORS[kind];
  return (
    <FormPage ctx={ctx} errors={errors}>
      <p>{ctx.t(m.intro)}</p>
      <Form ctx={ctx} action={`/login/${kind}`}>
        <CodeField ctx={ctx} errors={errors} kind={kind} />
        <button type="submit" class="btn btn-primary">
          {ctx.t(m.submit)}
        </button>
      </Form>
      <p class="mt-4">
        <a href={m.other.href}>{ctx.t(m.other.label)}</a>
      </p>
    </FormPage>
  );
}

export function EnrolView({
  ctx,
  qrDataUrl,
  secret,
  username,
  errors = {},
}: {
  ctx: PageContext;
  qrDataUrl: string;
  secret: string;
  username: string;
  errors?: FieldErrors;
}) {
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <FormPage ctx={ctx} errors={errors} wide>
      <p>{ctx.t('auth.enrol.intro')}</p>
      <ol>
        <li class="mb-3">{ctx.t('auth.enrol.step1')}</li>
        <li class="mb-3">
          <p class="mb-2">{ctx.t('auth.enrol.step2')}</p>
          <img src={qrDataUrl} alt={ctx.t('auth.enrol.qrAlt')} width={240} height={240} class="border" />
        </li>
        <li class="mb-3">
          <p class="mb-2">{ctx.t('auth.enrol.step3')}</p>
          <SummaryList
            class="mb-0"
            rows={[
              [ctx.t('auth.enrol.accountLabel'), username],
              [
                ctx.t('auth.enrol.secretLabel'),
                <code class="fs-5" data-totp-secret={secret}>
                  {grouped}
                </code>,
              ],
            ]}
          />
        </li>
        <li class="mb-3">{ctx.t('auth.enrol.step4')}</li>
      </ol>
      <Form ctx={ctx} action="/login/enrol">
        <CodeField ctx={ctx} errors={errors} kind="totp" />
        <button type="submit" class="btn btn-primary">
          {ctx.t('auth.enrol.submit')}
        </button>
      </Form>
    </FormPage>
  );
}

export function RecoveryCodesView({ ctx, codes, next }: { ctx: PageContext; codes: string[]; next: string }) {
  return (
    <FormPage ctx={ctx} wide>
      <p>{ctx.t('auth.codes.intro')}</p>
      <div class="alert alert-warning" role="alert">
        {ctx.t('auth.codes.once')}
      </div>
      <ul
        class="list-unstyled fs-5 font-monospace"
        aria-label={ctx.t('auth.codes.listLabel')}
        data-recovery-codes
      >
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="btn btn-primary" href={next}>
          {ctx.t('auth.codes.continue')}
        </a>
      </p>
    </FormPage>
  );
}

export function AccountView({
  ctx,
  username,
  orgName,
  organisations,
  recoveryLeft,
  sessions,
  currentSessionId,
  idleMinutes,
  storedLang,
  passwordChangedAt,
  errors = {},
  notice,
}: {
  ctx: PageContext;
  username: string;
  orgName: string;
  organisations: number;
  recoveryLeft: number;
  sessions: SessionSummary[];
  currentSessionId: string;
  idleMinutes: number;
  storedLang: 'it' | 'en' | null;
  /** When she last chose her password herself; null when she never did. */
  passwordChangedAt: Date | null;
  errors?: FieldErrors;
  notice?: string | undefined;
}) {
  const error = errors.confirm;
  return (
    <>
      {notice && <Notice message={notice} />}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="mb-1">{ctx.t('auth.account.user', { username })}</p>
      <p>
        {ctx.t('auth.account.organisation', { name: orgName })}
        {organisations > 1 && (
          <>
            {' · '}
            <a href="/session/organisation">{ctx.t('auth.account.switchOrganisation')}</a>
          </>
        )}
      </p>
      <LanguageForm ctx={ctx} storedLang={storedLang} error={errors.lang} />
      <h2 class="h4 mt-4">{ctx.t('auth.account.password')}</h2>
      <p>
        {passwordChangedAt
          ? ctx.t('auth.account.password.changedAt', { when: formatInstant(ctx, passwordChangedAt) })
          : ctx.t('auth.account.password.never')}
      </p>
      <p>
        <a class="btn btn-outline-primary" href="/account/password">
          {ctx.t('auth.account.password.link')}
        </a>
      </p>
      <h2 class="h4 mt-4">{ctx.t('auth.account.recovery')}</h2>
      <p data-recovery-left={recoveryLeft}>{ctx.t('auth.account.recoveryLeft', { n: recoveryLeft })}</p>
      {recoveryLeft <= 3 && <Notice kind="warning" message={ctx.t('auth.account.recoveryLow')} />}
      <Form ctx={ctx} action="/account/recovery-codes">
        <TotpField
          ctx={ctx}
          label={ctx.t('auth.account.renew.code')}
          hint={ctx.t('auth.account.renew.hint')}
          errors={errors}
        />
        <button type="submit" class="btn btn-outline-primary">
          {ctx.t('auth.account.renew.submit')}
        </button>
      </Form>
      <h2 class="h4 mt-4">{ctx.t('auth.account.sessions')}</h2>
      <p>{ctx.t('auth.account.sessions.intro', { minutes: idleMinutes })}</p>
      <DataTable
        ctx={ctx}
        headers={[
          ctx.t('auth.account.sessions.which'),
          ctx.t('auth.account.sessions.created'),
          ctx.t('auth.account.sessions.lastSeen'),
        ]}
        rows={sessions}
        row={(s) => (
          <tr key={s.id} data-current={s.id === currentSessionId ? 'true' : undefined}>
            <th scope="row">
              {s.id === currentSessionId
                ? ctx.t('auth.account.sessions.current')
                : ctx.t('auth.account.sessions.other')}
            </th>
            <td>{formatInstant(ctx, s.createdAt)}</td>
            <td>{formatInstant(ctx, s.lastSeenAt)}</td>
          </tr>
        )}
      />
      <h2 class="h4 mt-4">{ctx.t('auth.account.endAll')}</h2>
      <p>{ctx.t('auth.account.endAll.intro')}</p>
      <Form ctx={ctx} action="/logout/all">
        <Checkbox
          ctx={ctx}
          name="confirm"
          value="yes"
          label={ctx.t('auth.account.endAll.confirm')}
          checked={false}
          errors={error ? { confirm: error } : undefined}
        />
        <button type="submit" class="btn btn-danger">
          {ctx.t('auth.account.endAll')}
        </button>
      </Form>
    </>
  );
}

/** Her stored language: what it is, and radios to change it (the pages at each login, her e-mails). */
function LanguageForm({
  ctx,
  storedLang,
  error,
}: {
  ctx: PageContext;
  storedLang: 'it' | 'en' | null;
  error: string | undefined;
}) {
  const options = [
    { value: 'it', label: 'Italiano' },
    { value: 'en', label: 'English' },
  ] as const;
  return (
    <>
      <h2 class="h4 mt-4">{ctx.t('auth.account.lang')}</h2>
      <p data-stored-lang={storedLang ?? 'none'}>
        {storedLang
          ? ctx.t('auth.account.lang.current', { lang: ctx.t(`auth.account.lang.${storedLang}`) })
          : ctx.t('auth.account.lang.none')}
      </p>
      <Form ctx={ctx} action="/account/language">
        <RadioGroup
          ctx={ctx}
          name="lang"
          legend={ctx.t('auth.account.lang.legend')}
          hint={ctx.t('auth.account.lang.hint')}
          options={options.map((o) => ({ ...o, lang: o.value }))}
          value={storedLang}
          errors={error ? { lang: error } : undefined}
        />
        <button type="submit" class="btn btn-outline-primary">
          {ctx.t('auth.account.lang.submit')}
        </button>
      </Form>
    </>
  );
}

export function OrganisationView({
  ctx,
  organisations,
  currentId,
  errors = {},
  notice,
}: {
  ctx: PageContext;
  organisations: UserOrganisation[];
  currentId: string;
  errors?: FieldErrors;
  notice?: string | undefined;
}) {
  return (
    <>
      {notice && <Notice message={notice} />}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>{ctx.t('auth.organisation.intro')}</p>
      <Form ctx={ctx} action="/session/organisation">
        <RadioGroup
          ctx={ctx}
          name="organisationId"
          legend={ctx.t('auth.organisation.legend')}
          options={organisations.map((o) => ({
            value: o.id,
            label: (
              <>
                {o.name} {o.id === currentId && <span>{ctx.t('auth.organisation.current')}</span>}
              </>
            ),
          }))}
          value={currentId}
          errors={errors}
        />
        <button type="submit" class="btn btn-primary mt-3">
          {ctx.t('auth.organisation.submit')}
        </button>
      </Form>
    </>
  );
}

/**
 * *Cambia password*: her current password, then the new one twice. Nothing typed is ever sent back to the page.
 * When an administrator set the password (`forced`), the page says why it comes before anything else.
 */
export function PasswordView({
  ctx,
  forced,
  errors = {},
}: {
  ctx: PageContext;
  forced: boolean;
  errors?: FieldErrors;
}) {
  return (
    <FormPage
      ctx={ctx}
      errors={errors}
      notice={forced && <Notice kind="warning" message={ctx.t('auth.password.forced')} />}
    >
      <p>{ctx.t('auth.password.intro')}</p>
      <Form ctx={ctx} action="/account/password">
        <Field
          ctx={ctx}
          name="current"
          type="password"
          label={ctx.t('auth.password.current')}
          hint={forced ? ctx.t('auth.password.current.forcedHint') : undefined}
          errors={errors}
          required
          autocomplete="current-password"
        />
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label={ctx.t('auth.password.new')}
          hint={ctx.t('auth.password.new.hint')}
          errors={errors}
          required
          autocomplete="new-password"
        />
        <Field
          ctx={ctx}
          name="confirm"
          type="password"
          label={ctx.t('auth.password.confirm')}
          errors={errors}
          required
          autocomplete="new-password"
        />
        <button type="submit" class="btn btn-primary">
          {ctx.t('auth.password.submit')}
        </button>
      </Form>
    </FormPage>
  );
}
