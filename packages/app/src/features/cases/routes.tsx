import type { Assessment } from '@ponte/rules';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PonteError } from '../../platform/errors.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { formatDay } from '../../platform/format.ts';
import { loadPage, readPage } from '../../platform/forms/page.ts';
import { formBodySchema } from '../../platform/forms/text.ts';
import { flashFrom, pageSchemas } from '../../platform/http/page-schemas.ts';
import type { FieldErrors } from '../../platform/ui/components.tsx';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import type { Question } from '../public/index.ts';
import { registerAccessRoutes } from './access-routes.tsx';
import * as check from './check.ts';
import { caseSections } from './hooks.ts';
import {
  type Identity,
  type IdentityActor,
  identityMeta,
  readCodeWord,
  readIdentity,
  sealCodeWord,
} from './identity.ts';
import './messages.ts';
import './home.ts';
import { todayIso } from '../../platform/clock.ts';
import * as repo from './repository.ts';
import * as svc from './service.ts';
import {
  CaseListView,
  CaseView,
  CheckReviewView,
  CheckStepView,
  CheckUnavailableView,
  ConfirmView,
  ConsentFormView,
  ContactFormView,
  DueListView,
  IdentityFormView,
  inputDay,
  ResultView,
} from './views.tsx';

registerMenuItem({ href: '/cases', label: 'cases.menu', access: 'cases.work', order: 10 });
registerMenuItem({ href: '/cases/due', label: 'cases.menu.due', access: 'cases.work', order: 11 });

type Strings = Record<string, string | undefined>;
const ACCESS = { access: 'cases.work' } as const;
const { getSchema, postSchema } = pageSchemas({ maxQuery: 100 });
// The safe-contact form posts several `channels`.
const contactSchema = {
  body: formBodySchema({ lists: true }),
};

const FLASH: Record<string, string> = {
  opened: 'cases.opened',
  saved: 'cases.saved',
  identity: 'cases.identity.saved',
  consent: 'cases.consent.recorded',
  revoked: 'cases.consent.revoked.done',
  closed: 'cases.closed.done',
  check: 'cases.check.saved',
  due: 'cases.due.doneOk',
};
const flashOf = flashFrom(FLASH);

function actorOf(req: FastifyRequest): svc.Actor & IdentityActor {
  const a = req.actor!;
  return { userId: a.userId, orgId: a.orgId, roles: a.roles, ip: req.ip, requestId: req.id };
}

const translate = (req: FastifyRequest, errors: svc.Errors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, req.t(v)]));

const crumbs = (req: FastifyRequest, c?: repo.CaseRow, current?: string) => [
  { href: '/cases', label: req.t('cases.crumb') },
  ...(c ? [{ href: `/cases/${c.id}`, label: c.code }] : []),
  ...(current ? [{ label: current }] : []),
];

/** CAV operators' cases: list, open, identity (audited), consent, safe contact, benefits check, due items, close. */
export async function casesFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  const csrf = app.csrfProtection;
  registerAccessRoutes(app, db);

  async function casePage(
    req: FastifyRequest,
    reply: FastifyReply,
    caseId: string | undefined,
    o: { revealed?: { identity: Identity | null; codeWord: string | null } } = {},
  ) {
    const today = todayIso();
    // The case and its own sections in one round trip; the other features' sections add theirs (issue 16).
    const data = await svc.casePageOf(db, req.actor!, caseId, today);
    const { c, identity: meta, consents, contact, lastScreening, due, statistics } = data;
    const ctx = reply.pageContext();
    const extra = await Promise.all(
      caseSections().map((s) => s.render({ db, caseId: c.id, caseStatus: c.status, ctx })),
    );
    return reply.page(
      req.t('cases.case', { code: c.code }),
      <CaseView
        ctx={ctx}
        extra={extra}
        c={c}
        identity={meta}
        revealed={o.revealed}
        consents={consents}
        statistics={statistics}
        contact={contact}
        lastScreening={lastScreening}
        due={due}
        today={today}
        flash={flashOf(req.query as Strings)}
      />,
      { breadcrumb: crumbs(req, undefined, c.code) },
    );
  }

  // ── list and open ───────────────────────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: Strings }>('/cases', { config: ACCESS, schema: getSchema }, async (req, reply) => {
    const q = req.query;
    const code = (q.code ?? '').trim().toUpperCase().slice(0, 20);
    const status = q.status === 'open' || q.status === 'closed' ? q.status : undefined;
    const pageSize = 20;
    const { rows, total, page } = await loadPage(readPage(q.page), pageSize, (p) =>
      repo.listCases(db, { cavId: req.actor!.orgId, code, status, page: p, pageSize }),
    );
    return reply.page(
      req.t('cases.title'),
      <CaseListView
        ctx={reply.pageContext()}
        rows={rows}
        total={total}
        page={page}
        pageSize={pageSize}
        filter={{ code, status: status ?? '' }}
      />,
    );
  });

  app.post('/cases', { config: ACCESS, onRequest: csrf, schema: postSchema }, async (req, reply) => {
    const { id } = await svc.openCase(db, actorOf(req));
    return reply.redirect(`/cases/${id}?ok=opened`, 303);
  });

  app.get<{ Querystring: Strings }>(
    '/cases/due',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const rows = await repo.dueItems(db, { cavId: req.actor!.orgId, openOnly: true });
      return reply.page(
        req.t('cases.due.title'),
        <DueListView ctx={reply.pageContext()} rows={rows} today={todayIso()} flash={flashOf(req.query)} />,
        { breadcrumb: crumbs(req, undefined, req.t('cases.due')) },
      );
    },
  );

  // ── the case ────────────────────────────────────────────────────────────────────────────────────────────
  app.get<{ Params: { id: string }; Querystring: Strings }>(
    '/cases/:id',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => casePage(req, reply, req.params.id),
  );

  // Shows identity (and code word) once, in the answer of this POST: nothing identifying in a URL or a cache.
  app.post<{ Params: { id: string } }>(
    '/cases/:id/identity/reveal',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const identity = await readIdentity(db, actorOf(req), c.id, { kind: 'cav_view' });
      const contact = await repo.safeContactOf(db, c.id);
      const codeWord = contact?.has_code_word ? await readCodeWord(db, actorOf(req), c.id) : null;
      return casePage(req, reply, c.id, { revealed: { identity, codeWord } });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/cases/:id/identity',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      if (c.status !== 'open') return reply.redirect(`/cases/${c.id}`, 303);
      const meta = await identityMeta(db, c.id);
      return reply.page(
        req.t('cases.identity.title', { code: c.code }),
        <IdentityFormView
          ctx={reply.pageContext()}
          c={c}
          values={{ version: String(meta.version) }}
          errors={{}}
          needsReveal={meta.recorded}
        />,
        { breadcrumb: crumbs(req, c, req.t('cases.identity')) },
      );
    },
  );

  // Opens the recorded identity for editing: an audited read (purpose cav_edit), answered with the form.
  app.post<{ Params: { id: string } }>(
    '/cases/:id/identity/edit',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      svc.requireOpen(c);
      const meta = await identityMeta(db, c.id);
      const identity = await readIdentity(db, actorOf(req), c.id, { kind: 'cav_edit' });
      return reply.page(
        req.t('cases.identity.title', { code: c.code }),
        <IdentityFormView
          ctx={reply.pageContext()}
          c={c}
          values={{ ...identity, version: String(meta.version) }}
          errors={{}}
          needsReveal={false}
        />,
        { breadcrumb: crumbs(req, c, req.t('cases.identity')) },
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/cases/:id/identity',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      svc.requireOpen(c);
      const r = await svc.saveIdentity(db, actorOf(req), c, req.body);
      if (r.ok) return reply.redirect(`/cases/${c.id}?ok=identity`, 303);
      return reply.page(
        req.t('cases.identity.title', { code: c.code }),
        <IdentityFormView
          ctx={reply.pageContext()}
          c={c}
          values={req.body}
          errors={'errors' in r ? translate(req, r.errors) : {}}
          conflict={'conflict' in r}
          needsReveal={false}
        />,
        { status: 'conflict' in r ? 409 : 400, breadcrumb: crumbs(req, c, req.t('cases.identity')) },
      );
    },
  );

  // ── consent ─────────────────────────────────────────────────────────────────────────────────────────────
  async function consentForm(
    req: FastifyRequest,
    reply: FastifyReply,
    c: repo.CaseRow,
    values: Strings,
    errors: svc.Errors,
  ) {
    const workers = await repo.caseWorkers(db, c.cav_id);
    return reply.page(
      req.t('cases.consent.title', { code: c.code }),
      <ConsentFormView
        ctx={reply.pageContext()}
        c={c}
        values={values}
        errors={translate(req, errors)}
        workers={workers}
      />,
      {
        status: Object.keys(errors).length ? 400 : 200,
        breadcrumb: crumbs(req, c, req.t('cases.consent.add')),
      },
    );
  }

  app.get<{ Params: { id: string } }>(
    '/cases/:id/consents/new',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      if (c.status !== 'open') return reply.redirect(`/cases/${c.id}`, 303);
      return consentForm(
        req,
        reply,
        c,
        { givenOn: inputDay(todayIso()), collectedBy: req.actor!.userId },
        {},
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/cases/:id/consents',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const r = await svc.recordConsent(db, actorOf(req), c, req.body);
      if (r.ok) return reply.redirect(`/cases/${c.id}?ok=consent`, 303);
      return consentForm(req, reply, c, req.body, 'errors' in r ? r.errors : {});
    },
  );

  async function revokePage(
    req: FastifyRequest,
    reply: FastifyReply,
    c: repo.CaseRow,
    consentId: string,
    conflict = false,
  ) {
    const k = (await repo.consentsOf(db, c.id)).find((x) => x.id === consentId);
    if (!k || (k.revoked_at && !conflict)) throw new PonteError('PONTE_ERR_NOT_FOUND');
    return reply.page(
      req.t('cases.consent.revoke.title'),
      <ConfirmView
        ctx={reply.pageContext()}
        text={req.t('cases.consent.revoke.text', {
          purpose: req.t(`cases.consent.purpose.${k.purpose}`),
          date: formatDay(k.given_on, req.lang),
        })}
        action={`/cases/${c.id}/consents/${k.id}/revoke`}
        cancel={`/cases/${c.id}`}
        confirmLabel={req.t('cases.consent.revoke.confirm')}
        hidden={{ version: String(k.version) }}
        conflict={conflict}
      />,
      { status: conflict ? 409 : 200, breadcrumb: crumbs(req, c, req.t('cases.consent.revoke')) },
    );
  }

  app.get<{ Params: { id: string; cid: string } }>(
    '/cases/:id/consents/:cid/revoke',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      if (!svc.isUuid(req.params.cid)) throw new PonteError('PONTE_ERR_NOT_FOUND');
      return revokePage(req, reply, c, req.params.cid);
    },
  );

  app.post<{ Params: { id: string; cid: string }; Body: Strings }>(
    '/cases/:id/consents/:cid/revoke',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const r = await svc.revokeConsent(db, actorOf(req), c, req.params.cid, req.body);
      if (r.ok) return reply.redirect(`/cases/${c.id}?ok=revoked`, 303);
      return revokePage(req, reply, c, req.params.cid, true);
    },
  );

  // ── safe contact ────────────────────────────────────────────────────────────────────────────────────────
  async function contactForm(
    req: FastifyRequest,
    reply: FastifyReply,
    c: repo.CaseRow,
    body: Record<string, string | string[] | undefined> | undefined,
    errors: svc.Errors = {},
    conflict = false,
  ) {
    const row = await repo.safeContactOf(db, c.id);
    const raw = body?.channels;
    const values = body
      ? {
          channels: Array.isArray(raw) ? raw : raw ? [raw] : [],
          hours: String(body.hours ?? ''),
          abuserKnows: String(body.abuserKnows ?? ''),
          version: String(body.version ?? row?.version ?? 1),
          hasCodeWord: !!row?.has_code_word,
        }
      : {
          channels: row?.channels ?? ['cav_only'],
          hours: row?.hours ?? '',
          // A safety question is never preselected: an unanswered one comes back empty (decision 0041).
          abuserKnows: row?.abuser_knows ?? '',
          version: String(row?.version ?? 1),
          hasCodeWord: !!row?.has_code_word,
        };
    return reply.page(
      req.t('cases.contact.title', { code: c.code }),
      <ContactFormView
        ctx={reply.pageContext()}
        c={c}
        values={values}
        errors={translate(req, errors)}
        conflict={conflict}
      />,
      {
        status: conflict ? 409 : Object.keys(errors).length ? 400 : 200,
        breadcrumb: crumbs(req, c, req.t('cases.contact')),
      },
    );
  }

  app.get<{ Params: { id: string } }>(
    '/cases/:id/contact',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      if (c.status !== 'open') return reply.redirect(`/cases/${c.id}`, 303);
      return contactForm(req, reply, c, undefined);
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, string | string[] | undefined> }>(
    '/cases/:id/contact',
    { config: ACCESS, onRequest: csrf, schema: contactSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const r = await svc.saveContact(db, actorOf(req), c, req.body, sealCodeWord);
      if (r.ok) return reply.redirect(`/cases/${c.id}?ok=saved`, 303);
      return contactForm(req, reply, c, req.body, 'errors' in r ? r.errors : {}, 'conflict' in r);
    },
  );

  // ── close ───────────────────────────────────────────────────────────────────────────────────────────────
  async function closePage(
    req: FastifyRequest,
    reply: FastifyReply,
    c: repo.CaseRow,
    o: { errors?: svc.Errors; conflict?: boolean; reason?: string; version?: string } = {},
  ) {
    return reply.page(
      req.t('cases.close.title', { code: c.code }),
      <ConfirmView
        ctx={reply.pageContext()}
        text={req.t('cases.close.text')}
        action={`/cases/${c.id}/close`}
        cancel={`/cases/${c.id}`}
        confirmLabel={req.t('cases.close.confirm')}
        hidden={{ version: o.version ?? String(c.version) }}
        reasons
        reason={o.reason}
        errors={translate(req, o.errors ?? {})}
        conflict={o.conflict}
      />,
      {
        status: o.conflict ? 409 : o.errors ? 400 : 200,
        breadcrumb: crumbs(req, c, req.t('cases.close')),
      },
    );
  }

  app.get<{ Params: { id: string } }>(
    '/cases/:id/close',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      if (c.status !== 'open') return reply.redirect(`/cases/${c.id}`, 303);
      return closePage(req, reply, c);
    },
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/cases/:id/close',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const r = await svc.closeCase(db, actorOf(req), c, req.body);
      if (r.ok) return reply.redirect(`/cases/${c.id}?ok=closed`, 303);
      if ('conflict' in r)
        return closePage(req, reply, c, {
          conflict: true,
          reason: req.body.reason,
          version: req.body.version,
        });
      return closePage(req, reply, c, { errors: r.errors, version: req.body.version });
    },
  );

  // ── due items ───────────────────────────────────────────────────────────────────────────────────────────
  app.post<{ Params: { id: string; did: string }; Body: Strings }>(
    '/cases/:id/due/:did/done',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const r = await svc.markDueDone(db, actorOf(req), c, req.params.did, req.body);
      const back = req.body.back === '/cases/due' ? '/cases/due' : `/cases/${c.id}`;
      if (!r.ok) throw new PonteError('PONTE_ERR_CONFLICT');
      return reply.redirect(`${back}?ok=due`, 303);
    },
  );

  // ── the benefits check ──────────────────────────────────────────────────────────────────────────────────
  function stepPage(
    req: FastifyRequest,
    reply: FastifyReply,
    c: repo.CaseRow,
    state: check.CheckState,
    q: Question,
    raw: Record<string, string>,
    errors: Record<string, string> = {},
  ) {
    const fields = q.fields(state.values);
    return reply.page(
      req.t('cases.check.title', { code: c.code }),
      <CheckStepView
        ctx={reply.pageContext()}
        c={c}
        question={q}
        fields={fields}
        hidden={check.hiddenOf(state)}
        raw={raw}
        errors={errors}
        number={state.asked.includes(q.id) ? state.asked.indexOf(q.id) + 1 : state.asked.length + 1}
      />,
      { status: Object.keys(errors).length ? 400 : 200, breadcrumb: crumbs(req, c, req.t('cases.check')) },
    );
  }

  // Outside the years of the engine's rules every check would be empty: say why (503) and store nothing.
  function noRules(req: FastifyRequest, reply: FastifyReply, c: repo.CaseRow) {
    const today = todayIso();
    req.log.warn(
      { day: today },
      'the rules of the benefits check do not cover today: the check is unavailable',
    );
    return reply.page(
      req.t('cases.check.title', { code: c.code }),
      <CheckUnavailableView ctx={reply.pageContext()} c={c} today={today} />,
      { status: 503, breadcrumb: crumbs(req, c, req.t('cases.check')) },
    );
  }

  async function advance(
    req: FastifyRequest,
    reply: FastifyReply,
    c: repo.CaseRow,
    state: check.CheckState,
    finish: boolean,
  ) {
    if (!finish) {
      const q = check.next(state, check.assessState(state, req.lang));
      if (q) return stepPage(req, reply, c, state, q, {});
    }
    const id = await check.saveScreening(db, actorOf(req), c, state, req.lang);
    return reply.redirect(`/cases/${c.id}/screenings/${id}?ok=check`, 303);
  }

  app.get<{ Params: { id: string } }>(
    '/cases/:id/check',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      if (c.status !== 'open') return reply.redirect(`/cases/${c.id}`, 303);
      if (!check.rulesCoverToday()) return noRules(req, reply, c);
      const last = (await repo.screeningsOf(db, c.id, 1))[0];
      if (!last) return advance(req, reply, c, { asked: [], values: {} }, false);
      const state = check.stateFromBody(check.hiddenOf(check.stateOf(last.answers)));
      const questions = state.asked.map((id) => check.questionById(id)).filter((q): q is Question => !!q);
      return reply.page(
        req.t('cases.check.title', { code: c.code }),
        <CheckReviewView
          ctx={reply.pageContext()}
          c={c}
          questions={questions}
          values={state.values}
          hidden={check.hiddenOf(state)}
        />,
        { breadcrumb: crumbs(req, c, req.t('cases.check')) },
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, string> }>(
    '/cases/:id/check',
    { config: ACCESS, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      svc.requireOpen(c);
      if (!check.rulesCoverToday()) return noRules(req, reply, c);
      const body = req.body;
      let state = check.stateFromBody(body);
      if (body.edit) {
        const q = check.questionById(body.edit);
        if (!q) return advance(req, reply, c, state, false);
        return stepPage(req, reply, c, state, q, check.rawOf(q.fields(state.values), state.values));
      }
      if (body.q) {
        const q = check.questionById(body.q);
        if (q) {
          const parsed = check.parseStep(q, state, body);
          if (!parsed.ok) return stepPage(req, reply, c, state, q, parsed.typed, parsed.errors);
          state = check.answer(state, q, parsed.values);
        }
      }
      return advance(req, reply, c, state, body.nav === 'finish');
    },
  );

  app.get<{ Params: { id: string; sid: string }; Querystring: Strings }>(
    '/cases/:id/screenings/:sid',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const c = await svc.caseOf(db, req.actor!, req.params.id);
      const history = await repo.screeningsOf(db, c.id, 50);
      const i = history.findIndex((s) => s.id === req.params.sid);
      const s = history[i];
      if (!s) throw new PonteError('PONTE_ERR_NOT_FOUND');
      const assessment = s.assessment as unknown as Assessment;
      const previous = history[i + 1]?.assessment as unknown as Assessment | undefined;
      return reply.page(
        req.t('cases.result.title', { code: c.code }),
        <ResultView
          ctx={reply.pageContext()}
          c={c}
          screening={s}
          assessment={assessment}
          changes={previous ? check.changes(previous, assessment) : undefined}
          history={history}
          flash={flashOf(req.query)}
        />,
        { breadcrumb: crumbs(req, c, req.t('cases.check')) },
      );
    },
  );
}
