import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../platform/feature.ts';
import { formatDate, formatDay, formatNumber } from '../../platform/format.ts';
import { isLang, type Lang, langFromHeader, type T, translator } from '../../platform/i18n/index.ts';
import { Submit } from '../../platform/ui/components.tsx';
import { renderPublicPage } from '../../platform/ui/public-layout.tsx';
import {
  certificateIdOf,
  envelopedJwt,
  issuerId,
  jwks,
  readCode,
  sameCredential,
  verifyJwt,
} from './credential.ts';
import {
  type CertificateRow,
  type CertState,
  certificateByCode,
  certificateById,
  stateOf,
} from './service.ts';
import { FieldFrame, StateText } from './views.tsx';

// The public verification of a certificate (issue 14): /verifica. Anyone, without an account and without a cookie,
// types the code (or scans the QR code, whose address carries it) or pastes the credential (the VC-JWT, or its JSON)
// and sees what was certified — name, course, direction, hours, dates, issuer — and its state: valid, expired (with
// the date), revoked (with the date, never the reason), or unknown. Nothing else about the person, and no list.
// The public JWKS and issuer profile let any system verify the signature without Ponte.

const PUBLIC = { access: 'public', publicPage: true } as const;
const LIMIT = { max: 60, timeWindow: '1 minute' };
const MAX_CREDENTIAL = 20_000;

type Outcome =
  | { kind: 'found'; cert: CertificateRow; state: CertState; via: 'code' | 'credential' }
  | { kind: 'error'; field: 'codice' | 'credenziale'; message: string };

function VerifyView(p: { t: T; lang: Lang; code: string; credential: string; outcome: Outcome | null }) {
  const { t, lang } = p;
  const err = p.outcome?.kind === 'error' ? p.outcome : null;
  const common = { t, lang, err };
  return (
    <>
      <p>{t('training.verify.intro')}</p>
      {p.outcome?.kind === 'found' && (
        <Result t={t} lang={lang} cert={p.outcome.cert} state={p.outcome.state} />
      )}
      {err && (
        <div class="alert alert-danger" role="alert">
          <a href={`#field-${err.field}`}>{err.message}</a>
        </div>
      )}
      <CheckForm method="get" class="mb-5" name="codice" {...common}>
        {(a) => (
          <input
            id="field-codice"
            name="codice"
            class={`form-control${a.invalid ? ' is-invalid' : ''}`}
            value={p.code}
            autocomplete="off"
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
          />
        )}
      </CheckForm>
      <h2 class="h4">{t('training.verify.credentialTitle')}</h2>
      <CheckForm method="post" name="credenziale" {...common}>
        {(a) => (
          <textarea
            id="field-credenziale"
            name="credenziale"
            rows={6}
            class={`form-control font-monospace${a.invalid ? ' is-invalid' : ''}`}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
          >
            {p.credential}
          </textarea>
        )}
      </CheckForm>
      <p class="mt-4 small">
        {t('training.verify.keys')} <a href="/verifica/chiavi">/verifica/chiavi</a>
      </p>
    </>
  );
}

/** The two ways to check: each its field's label and hint, its button's text and look. */
const CHECKS = {
  codice: {
    label: 'training.verify.code',
    hint: 'training.verify.codeHint',
    button: 'training.verify.check',
    look: 'btn btn-primary',
  },
  credenziale: {
    label: 'training.verify.credential',
    hint: 'training.verify.credentialHint',
    button: 'training.verify.checkCredential',
    look: 'btn btn-outline-primary',
  },
} as const;

/** One of the two ways to check (the code, the credential): its form, its one field with its error, its button. */
function CheckForm(p: {
  method: 'get' | 'post';
  class?: string;
  name: keyof typeof CHECKS;
  t: T;
  lang: Lang;
  err: { field: string; message: string } | null;
  children: Parameters<typeof FieldFrame>[0]['children'];
}) {
  const c = CHECKS[p.name];
  return (
    <form method={p.method} action="/verifica" class={p.class} noValidate>
      {p.lang !== 'it' && <input type="hidden" name="lang" value={p.lang} />}
      <FieldFrame
        name={p.name}
        margin="mb-3"
        label={p.t(c.label)}
        hint={p.t(c.hint)}
        error={p.err?.field === p.name ? p.err.message : undefined}
      >
        {p.children}
      </FieldFrame>
      <Submit class={c.look}>{p.t(c.button)}</Submit>
    </form>
  );
}

function Result({ t, lang, cert, state }: { t: T; lang: Lang; cert: CertificateRow; state: CertState }) {
  const kind = state === 'valid' ? 'success' : state === 'expired' ? 'warning' : 'danger';
  return (
    <section class={`alert alert-${kind}`} aria-labelledby="result-heading" role="status">
      <h2 id="result-heading" class="h4">
        <StateText ctx={{ t, lang }} state={state} cert={cert} />
      </h2>
      <dl class="row mb-0">
        <dt class="col-sm-4">{t('training.field.person')}</dt>
        <dd class="col-sm-8">{cert.recipient_name}</dd>
        <dt class="col-sm-4">{t('training.field.course')}</dt>
        <dd class="col-sm-8">{cert.course_title}</dd>
        <dt class="col-sm-4">{t('training.field.direction')}</dt>
        <dd class="col-sm-8">{t(`training.direction.${cert.direction}`)}</dd>
        <dt class="col-sm-4">{t('training.field.hours')}</dt>
        <dd class="col-sm-8">{formatNumber(cert.hours, lang)}</dd>
        <dt class="col-sm-4">{t('training.field.dates')}</dt>
        <dd class="col-sm-8">
          {t('training.dates', { from: formatDay(cert.first_day, lang), to: formatDay(cert.last_day, lang) })}
        </dd>
        <dt class="col-sm-4">{t('training.field.issued')}</dt>
        <dd class="col-sm-8">{formatDate(cert.valid_from, lang)}</dd>
        <dt class="col-sm-4">{t('training.field.issuer')}</dt>
        <dd class="col-sm-8">{cert.issuer_name}</dd>
        <dt class="col-sm-4">{t('training.field.code')}</dt>
        <dd class="col-sm-8">{cert.code}</dd>
      </dl>
    </section>
  );
}

export async function verifyRoutes(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  const key = () => opts.config.badgeKey;

  function langOf(req: FastifyRequest, raw: unknown): Lang {
    return isLang(raw) ? raw : langFromHeader(req.headers['accept-language']);
  }

  function send(
    reply: FastifyReply,
    lang: Lang,
    p: { code?: string; credential?: string; outcome: Outcome | null },
  ) {
    const t = translator(lang);
    const html = renderPublicPage({
      lang,
      t,
      exitUrl: opts.config.quickExitUrl,
      heading: t('training.verify.title'),
      linkLang: lang,
      children: (
        <VerifyView
          t={t}
          lang={lang}
          code={p.code ?? ''}
          credential={p.credential ?? ''}
          outcome={p.outcome}
        />
      ),
    });
    // Always 200: a wrong code is an answer, not an error of the page.
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(html);
  }

  async function byCode(raw: string, lang: Lang): Promise<Outcome> {
    const t = translator(lang);
    const code = readCode(raw);
    if (!code) return { kind: 'error', field: 'codice', message: t('training.verify.err.malformed') };
    const cert = await certificateByCode(db, code);
    if (!cert) return { kind: 'error', field: 'codice', message: t('training.verify.err.unknown', { code }) };
    return { kind: 'found', cert, state: stateOf(cert), via: 'code' };
  }

  /** A posted credential: a VC-JWT, an EnvelopedVerifiableCredential, or the credential's JSON. */
  async function byCredential(raw: string, lang: Lang): Promise<Outcome> {
    const t = translator(lang);
    const fail = (k: string): Outcome => ({
      kind: 'error',
      field: 'credenziale',
      message: t(`training.verify.err.${k}`),
    });
    const text = raw.trim();
    if (text === '') return fail('empty');
    if (text.length > MAX_CREDENTIAL) return fail('tooLong');
    let jwt: string | null = null;
    let posted: unknown = null;
    if (text.startsWith('{')) {
      try {
        posted = JSON.parse(text);
      } catch {
        return fail('json');
      }
      jwt = envelopedJwt(posted);
    } else jwt = text;
    if (jwt !== null) {
      const checked = await verifyJwt(jwt, key());
      if (!checked.ok) return fail(checked.reason === 'signature' ? 'tampered' : 'malformedJwt');
      const cert = await certificateById(db, checked.certificateId);
      if (!cert) return fail('unknownCredential');
      return { kind: 'found', cert, state: stateOf(cert), via: 'credential' };
    }
    // The credential's JSON: it must be, field by field, the one Ponte signed (its stored VC-JWT, checked again).
    const id = certificateIdOf(posted);
    if (!id) return fail('notCredential');
    const cert = await certificateById(db, id);
    if (!cert) return fail('unknownCredential');
    const stored = await verifyJwt(cert.jwt, key());
    const { decodeJwt } = await import('jose');
    if (!stored.ok || !sameCredential(posted, decodeJwt(cert.jwt))) return fail('tampered');
    return { kind: 'found', cert, state: stateOf(cert), via: 'credential' };
  }

  app.get<{ Querystring: { codice?: string; lang?: string } }>(
    '/verifica',
    { config: { ...PUBLIC, rateLimit: LIMIT } },
    async (req, reply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const lang = langOf(req, q.lang);
      const code = typeof q.codice === 'string' ? q.codice.slice(0, 100) : undefined;
      if (code === undefined) return send(reply, lang, { outcome: null });
      return send(reply, lang, { code, outcome: await byCode(code, lang) });
    },
  );

  app.post('/verifica', { config: { ...PUBLIC, rateLimit: LIMIT } }, async (req, reply) => {
    const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const str = (v: unknown) =>
      typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
    const lang = langOf(req, str(b.lang));
    const credential = str(b.credenziale);
    const code = str(b.codice);
    if (code && !credential) return send(reply, lang, { code, outcome: await byCode(code, lang) });
    return send(reply, lang, {
      credential: credential.slice(0, MAX_CREDENTIAL),
      outcome: await byCredential(credential, lang),
    });
  });

  // The public key (JWKS) and the issuer's profile, as JSON for machines.
  // Not pages (no quick exit, no layout): JSON that any verifier may fetch, and that no one needs to keep.
  app.get('/verifica/chiavi', { config: { access: 'public', rateLimit: LIMIT } }, async (_req, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('application/jwk-set+json')
      .send(await jwks(key())),
  );

  app.get('/verifica/emittente', { config: { access: 'public', rateLimit: LIMIT } }, async (_req, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('application/json')
      .send({
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: issuerId(opts.config.publicUrl),
        type: ['Profile'],
        name: 'Ponte',
        url: opts.config.publicUrl,
        description: translator('it')('training.verify.issuerDescription'),
      }),
  );
}
