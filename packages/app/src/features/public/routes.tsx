import { catalogue, type Lang as EngineLang } from '@ponte/rules';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { FeatureOptions } from '../../platform/feature.ts';
import { loadPage, pageCount, readPage } from '../../platform/forms/page.ts';
import { checkText } from '../../platform/forms/text.ts';
import {
  isLang,
  isPublicLang,
  type PublicLang as Lang,
  publicLangFromHeader,
  publicTranslator as translator,
} from '../../platform/i18n/index.ts';
import { renderPublicPage } from '../../platform/ui/public-layout.tsx';
import './messages.ts';
import { todayIso } from '../../platform/clock.ts';
import { PLACE, type Question, questionById } from './questions.ts';
import { nearestCentres, searchCentres } from './repository.ts';
import {
  answer,
  assessState,
  type CheckState,
  nextQuestion,
  parseAll,
  restoreState,
  rulesCover,
  stepBack,
} from './service.ts';
import { rightsSheet, sheetLangs } from './sheet.ts';
import {
  DirectoryView,
  NoRulesView,
  PUBLIC_LANGS,
  ResultView,
  StartView,
  StepView,
  toRaw,
} from './views.tsx';

// The public pages (issue 6): the anonymous check at /diritti, the directory of public CAV at /centri and the
// quick exit at /uscita. No cookie is read or set (publicPage), nothing is stored, bodies are never logged, and
// every answer travels by POST in the page itself.

const PUBLIC = { access: 'public', publicPage: true } as const;
const PAGE_SIZE = 20;
const CLEAR_SITE_DATA = '"cache", "cookies", "storage"';

type Body = Record<string, string>;

/** The posted form as strings only (a repeated field keeps its last value). */
function formOf(req: FastifyRequest): Body {
  const out: Body = {};
  const body = req.body;
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v.at(-1) : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

function langOf(value: unknown, fallback: Lang): Lang {
  return isPublicLang(value) ? value : fallback;
}

/** The engine speaks it/en: the other languages assess in Italian and show only their own catalogue texts. */
function engineLang(lang: Lang): EngineLang {
  return isLang(lang) ? lang : 'it';
}

export async function publicFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  // Read at each request: the configuration is the app's own object.
  const exitUrl = () => opts.config.quickExitUrl;

  function send(reply: FastifyReply, lang: Lang, heading: string, body: VNode, status = 200) {
    const html = renderPublicPage({
      lang,
      t: translator(lang),
      exitUrl: exitUrl(),
      heading,
      linkLang: lang,
      children: body,
    });
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .type('text/html; charset=utf-8')
      .send(html);
  }

  // A step asked again because of an error is a normal page of the check (status 200): it is fetched in place
  // by quick-exit.js, and the error is told next to the field.
  function step(
    reply: FastifyReply,
    lang: Lang,
    state: CheckState,
    q: Question,
    raw: Body,
    errors: Record<string, string> = {},
  ) {
    const t = translator(lang);
    return send(
      reply,
      lang,
      t(`pub.q.${q.id}`),
      <StepView
        t={t}
        lang={lang}
        question={q}
        asked={state.asked}
        values={state.values}
        fields={q.fields(state.values)}
        raw={raw}
        errors={errors}
        number={state.asked.length + 1}
      />,
    );
  }

  async function result(reply: FastifyReply, lang: Lang, state: CheckState, today: string) {
    const t = translator(lang);
    const place = state.values[PLACE.id]?.trim();
    const near = place ? { asked: place, ...(await nearestCentres(db, place)) } : undefined;
    const assessment = assessState(state, today, engineLang(lang), near?.region);
    return send(
      reply,
      lang,
      t('pub.result.heading'),
      <ResultView
        t={t}
        lang={lang}
        results={assessment.results}
        catalogue={catalogue(engineLang(lang))}
        near={near}
        asked={state.asked}
        values={state.values}
        sheet={(await sheetLangs()).has(lang)}
      />,
    );
  }

  // Outside the years of the engine's rules no check can give a result: say so (503, the service is back once the
  // rules are updated) rather than walk her to an empty result. The log tells the operators, with no answer in it.
  function noRules(req: FastifyRequest, reply: FastifyReply, lang: Lang, today: string) {
    req.log.warn(
      { day: today },
      'the rules of the benefits check do not cover today: the check is unavailable',
    );
    const t = translator(lang);
    return send(reply, lang, t('pub.norules.heading'), <NoRulesView t={t} lang={lang} />, 503);
  }

  app.get<{ Querystring: { lang?: string } }>('/diritti', { config: PUBLIC }, async (req, reply) => {
    const lang = langOf(req.query.lang, publicLangFromHeader(req.headers['accept-language']));
    const today = todayIso();
    if (!rulesCover(today)) return noRules(req, reply, lang, today);
    const t = translator(lang);
    const begins = PUBLIC_LANGS.map((l) => ({ code: l.code, label: translator(l.code)('pub.start.begin') }));
    return send(reply, lang, t('pub.start.heading'), <StartView t={t} lang={lang} begins={begins} />);
  });

  // One step of the check: record the answer to `q` (or go back), then ask the most decisive question left, or
  // show the result. The page is rendered in the answer to the POST: no redirect carries any data.
  app.post(
    '/diritti/domanda',
    { config: { ...PUBLIC, rateLimit: { max: 300, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = formOf(req);
      const lang = langOf(form.lang, publicLangFromHeader(req.headers['accept-language']));
      const today = todayIso();
      if (!rulesCover(today)) return noRules(req, reply, lang, today);
      let state = restoreState(form, today);

      if (form.nav === 'back') {
        const back = stepBack(state);
        if (!back.question) return reply.redirect(lang === 'it' ? '/diritti' : `/diritti?lang=${lang}`, 303);
        const fields = back.question.fields(back.state.values);
        return step(reply, lang, back.state, back.question, toRaw(fields, back.values));
      }

      const current = form.q ? questionById(form.q) : undefined;
      if (current && !(current.when && !current.when(state.values))) {
        const without = { asked: state.asked.filter((id) => id !== current.id), values: state.values };
        const parsed = parseAll(current.fields(without.values), form, today);
        if (!parsed.ok) return step(reply, lang, without, current, parsed.typed, parsed.errors);
        state = answer(without, current, parsed.values);
      }

      const q = nextQuestion(state, assessState(state, today, engineLang(lang)));
      if (q) return step(reply, lang, state, q, {});
      return result(reply, lang, state, today);
    },
  );

  // The rights sheet: the answers are posted again, the PDF is made in memory and sent as a download with a
  // neutral name; nothing is stored. A language whose texts the font cannot print gets the result page back.
  app.post(
    '/diritti/foglio',
    { config: { ...PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = formOf(req);
      const lang = langOf(form.lang, publicLangFromHeader(req.headers['accept-language']));
      const today = todayIso();
      if (!rulesCover(today)) return noRules(req, reply, lang, today);
      const state = restoreState(form, today);
      if (!(await sheetLangs()).has(lang)) return result(reply, lang, state, today);
      const place = state.values[PLACE.id]?.trim();
      const near = place ? { asked: place, ...(await nearestCentres(db, place)) } : undefined;
      const assessment = assessState(state, today, engineLang(lang), near?.region);
      const pdf = await rightsSheet({
        lang,
        results: assessment.results,
        catalogue: catalogue(engineLang(lang)),
        near,
        date: today,
        compress: form.plain !== '1' || process.env.NODE_ENV !== 'test',
      });
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .header('content-disposition', 'attachment; filename="informazioni.pdf"')
        .type('application/pdf')
        .send(pdf);
    },
  );

  // A step's address opened directly (a bookmark, a reload after the browser dropped the form): back to the
  // start, never a 404 page (which is a staff page and would set a form cookie).
  app.get<{ Querystring: { lang?: string } }>('/diritti/domanda', { config: PUBLIC }, async (req, reply) => {
    const lang = langOf(req.query.lang, publicLangFromHeader(req.headers['accept-language']));
    return reply
      .header('cache-control', 'no-store')
      .redirect(lang === 'it' ? '/diritti' : `/diritti?lang=${lang}`, 303);
  });

  async function directory(reply: FastifyReply, lang: Lang, q: string, page: number, error?: string) {
    const t = translator(lang);
    const shown = error
      ? { rows: [], total: 0, page: 1 }
      : await loadPage(page, PAGE_SIZE, (p) => searchCentres(db, q, p, PAGE_SIZE));
    const { rows, total } = shown;
    const pages = pageCount(total, PAGE_SIZE);
    return send(
      reply,
      lang,
      t('pub.dir.heading'),
      <DirectoryView
        t={t}
        lang={lang}
        q={q}
        error={error}
        rows={rows}
        total={total}
        page={shown.page}
        pages={pages}
      />,
    );
  }

  app.get<{ Querystring: { lang?: string } }>('/centri', { config: PUBLIC }, async (req, reply) =>
    directory(reply, langOf(req.query.lang, publicLangFromHeader(req.headers['accept-language'])), '', 1),
  );

  // The search is posted too, so that not even a Comune stays in the browser history.
  app.post(
    '/centri',
    { config: { ...PUBLIC, rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = formOf(req);
      // Never cut or cleaned silently: a refused search says why, keeps what was typed and searches nothing.
      const { value: q, error } = checkText(form.q, { max: 100 });
      const page = readPage(form.page);
      return directory(
        reply,
        langOf(form.lang, publicLangFromHeader(req.headers['accept-language'])),
        q,
        page,
        error,
      );
    },
  );

  // The quick exit without JavaScript: clear what the browser holds for this site, then the neutral site.
  app.get('/uscita', { config: PUBLIC }, async (_req, reply) =>
    reply
      .header('clear-site-data', CLEAR_SITE_DATA)
      .header('cache-control', 'no-store')
      .redirect(exitUrl(), 303),
  );

  // The same, called in the background by quick-exit.js while the page is being replaced.
  app.post('/uscita', { config: PUBLIC }, async (_req, reply) =>
    reply.header('clear-site-data', CLEAR_SITE_DATA).header('cache-control', 'no-store').code(204).send(),
  );
}
