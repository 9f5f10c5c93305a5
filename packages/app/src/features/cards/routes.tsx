import { catalogue } from '@ponte/rules';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PonteError } from '../../platform/errors.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { loadPage, readPage } from '../../platform/forms/page.ts';
import { runForm } from '../../platform/forms/run.ts';
import { flashFrom, pageSchemas } from '../../platform/http/page-schemas.ts';
import type { FieldErrors } from '../../platform/ui/components.tsx';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import { identityNamesForGuard, revealIdentity } from './cases-port.ts';
import './case-section.tsx';
import './messages.ts';
import './home.ts';
import { todayIso } from '../../platform/clock.ts';
import type { PiiFinding } from '../cases/index.ts';
import * as repo from './repository.ts';
import { inpsCardSections } from './sections.ts';
import * as svc from './service.ts';
import {
  ApplicationView,
  CaseCardsView,
  InboxView,
  InpsCardView,
  ReferralView,
  SocialCardView,
  SocialListView,
  WithdrawnCardView,
} from './views.tsx';

registerMenuItem({ href: '/inps/cards', label: 'cards.menu.inbox', access: 'cards.work', order: 20 });
registerMenuItem({ href: '/social/cards', label: 'cards.menu.social', access: 'social.work', order: 21 });

type Body = Record<string, string | string[] | undefined>;
type Strings = Record<string, string | undefined>;

const PAGE_SIZE = 20;
const { getSchema, postSchema } = pageSchemas({ lists: true });

const FLASH: Record<string, string> = {
  sent: 'cards.referral.sent',
  accepted: 'cards.inps.accepted',
  declined: 'cards.inps.declined',
  advice: 'cards.advice.saved',
  created: 'cards.apps.created',
  saved: 'cards.app.saved',
  status: 'cards.app.statusSaved',
  declared: 'cards.social.declared',
  sr208: 'cards.social.sr208Saved',
};
const flashOf = flashFrom(FLASH);

/** The single string of a form field (the first, if repeated). */
function one(body: Body, key: string): string | undefined {
  const v = body[key];
  return Array.isArray(v) ? v[0] : v;
}
function many(body: Body, key: string): string[] {
  const v = body[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
function flat(body: Body): Strings {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function ctxOf(req: FastifyRequest): svc.Ctx {
  const a = req.actor!;
  return { userId: a.userId, orgId: a.orgId, territoryId: a.territoryId, ip: req.ip, requestId: req.id };
}
const translate = (req: FastifyRequest, errors: svc.Errors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, req.t(v)]));

/** Runs a form action: on a FormError, renders the form again (status 400) with the messages, the PII findings
 * and what was typed, and answers true (the page is sent: the caller returns `reply`). */
const form = (
  action: () => Promise<void>,
  onError: (errors: svc.Errors, findings: Record<string, PiiFinding[]>) => unknown,
): Promise<boolean> => runForm(svc.FormError, action, (e) => onError(e.errors, e.findings));

/** The CAV side (referral, the case's cards and applications), the INPS inbox and card, the social worker's RdL steps. */
export async function cardsFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  const csrf = app.csrfProtection;
  const cat = (req: FastifyRequest) => catalogue(req.lang);

  // ── CAV: referral ─────────────────────────────────────────────────────────────────────────────────────
  async function referralPage(
    req: FastifyRequest,
    reply: FastifyReply,
    caseRow: repo.CaseRow,
    o: {
      values: Strings;
      benefits: string[];
      errors?: svc.Errors;
      findings?: Record<string, PiiFinding[]>;
      status?: number;
    },
  ) {
    const consentOk = await repo.hasValidConsent(db, caseRow.id, 'referral_inps', todayIso());
    return reply.page(
      req.t('cards.referral.title', { code: caseRow.code }),
      <ReferralView
        ctx={reply.pageContext()}
        caseId={caseRow.id}
        offices={await repo.inpsOffices(db)}
        catalogue={cat(req)}
        values={o.values}
        benefits={o.benefits}
        errors={translate(req, o.errors ?? {})}
        findings={o.findings ?? {}}
        consentOk={consentOk}
      />,
      {
        status: o.status ?? 200,
        breadcrumb: [
          { href: `/cases/${caseRow.id}/cards`, label: caseRow.code },
          { label: req.t('cards.referral.send') },
        ],
      },
    );
  }

  app.get<{ Params: { caseId: string } }>(
    '/cases/:caseId/referral',
    { config: { access: 'cases.work' }, schema: getSchema },
    async (req, reply) => {
      const caseRow = await svc.caseForCav(db, req.params.caseId, req.actor!.orgId);
      const d = await svc.referralDefaults(db, caseRow.id);
      return referralPage(req, reply, caseRow, { values: { age_band: d.age_band }, benefits: d.benefits });
    },
  );

  app.post<{ Params: { caseId: string }; Body: Body }>(
    '/cases/:caseId/referral',
    { config: { access: 'cases.work' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const caseRow = await svc.caseForCav(db, req.params.caseId, req.actor!.orgId);
      const b = req.body ?? {};
      const input: svc.ReferralInput = {
        office: one(b, 'office'),
        age_band: one(b, 'age_band'),
        benefits: many(b, 'benefits'),
        preferred_language: one(b, 'preferred_language'),
        accessibility_needs: one(b, 'accessibility_needs'),
        note: one(b, 'note'),
      };
      const hasText = Boolean(input.note?.trim() || input.accessibility_needs?.trim());
      const names = hasText ? await identityNamesForGuard(db, req, caseRow.id) : [];
      const failed = await form(
        async () => {
          await svc.createCard(db, caseRow, input, names, ctxOf(req));
        },
        (errors, findings) =>
          referralPage(req, reply, caseRow, {
            values: flat(b),
            benefits: input.benefits,
            errors,
            findings,
            status: 400,
          }),
      );
      return failed ? reply : reply.redirect(`/cases/${caseRow.id}/cards?ok=sent`, 303);
    },
  );

  // ── CAV: the case's cards, access log, advice and applications ────────────────────────────────────────
  async function caseCardsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    caseRow: repo.CaseRow,
    o: { errors?: svc.Errors; status?: number } = {},
  ) {
    const cards = await repo.cardsOfCase(db, caseRow.id);
    const detailed = await Promise.all(
      cards.map(async (card) => ({
        card,
        access: await repo.accessesOfCard(db, card.id),
        advice: await repo.adviceOfCard(db, card.id),
      })),
    );
    return reply.page(
      req.t('cards.case.title', { code: caseRow.code }),
      <CaseCardsView
        ctx={reply.pageContext()}
        caseId={caseRow.id}
        cards={detailed}
        apps={await repo.applicationsOfCase(db, caseRow.id)}
        cat={cat(req)}
        declarations={await repo.declarationsOfCase(db, caseRow.id)}
        flash={flashOf(req.query)}
        errors={translate(req, o.errors ?? {})}
      />,
      {
        status: o.status ?? 200,
        breadcrumb: [
          { href: `/cases/${caseRow.id}`, label: caseRow.code },
          { label: req.t('cards.apps.title') },
        ],
      },
    );
  }

  app.get<{ Params: { caseId: string } }>(
    '/cases/:caseId/cards',
    { config: { access: 'cases.work' }, schema: getSchema },
    async (req, reply) =>
      caseCardsPage(req, reply, await svc.caseForCav(db, req.params.caseId, req.actor!.orgId)),
  );

  app.post<{ Params: { caseId: string }; Body: Body }>(
    '/cases/:caseId/applications',
    { config: { access: 'cases.work' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const caseRow = await svc.caseForCav(db, req.params.caseId, req.actor!.orgId);
      let id = '';
      const failed = await form(
        async () => {
          id = await svc.createApplication(
            db,
            { caseId: caseRow.id, cardId: null },
            { benefit: one(req.body ?? {}, 'benefit') },
            ctxOf(req),
          );
        },
        (errors) => caseCardsPage(req, reply, caseRow, { errors, status: 400 }),
      );
      return failed ? reply : reply.redirect(`/cases/${caseRow.id}/applications/${id}?ok=created`, 303);
    },
  );

  // ── Applications, on either side ──────────────────────────────────────────────────────────────────────
  async function appPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      app: repo.ApplicationRow;
      base: string;
      back: string;
      /** Message key of the link back: the case on the CAV side, the card on the INPS side (INPS has no cases). */
      backLabel: string;
      /** The pages above this one, each linked. */
      crumbs: { href: string; label: string }[];
      editable: boolean;
      values?: Strings;
      errors?: svc.Errors;
      status?: number;
    },
  ) {
    const name = cat(req).find((b) => b.id === o.app.benefit)?.name ?? o.app.benefit;
    return reply.page(
      req.t('cards.app.title', { benefit: name }),
      <ApplicationView
        ctx={reply.pageContext()}
        base={o.base}
        back={o.back}
        backLabel={o.backLabel}
        app={o.app}
        events={await repo.eventsOf(db, [o.app.id])}
        values={o.values ?? {}}
        errors={translate(req, o.errors ?? {})}
        flash={flashOf(req.query)}
        editable={o.editable}
      />,
      {
        status: o.status ?? 200,
        breadcrumb: [...o.crumbs, { label: name }],
      },
    );
  }

  /** Loads the application of the case of the CAV; anything else → 404. */
  async function cavApp(req: FastifyRequest<{ Params: { caseId: string; applicationId: string } }>) {
    const caseRow = await svc.caseForCav(db, req.params.caseId, req.actor!.orgId);
    const a = svc.isUuid(req.params.applicationId)
      ? await repo.applicationById(db, req.params.applicationId)
      : undefined;
    if (!a || a.case_id !== caseRow.id) throw new PonteError('PONTE_ERR_NOT_FOUND');
    return {
      app: a,
      base: `/cases/${caseRow.id}/applications/${a.id}`,
      back: `/cases/${caseRow.id}/cards`,
      backLabel: 'cards.case.back',
      crumbs: [
        { href: `/cases/${caseRow.id}`, label: caseRow.code },
        { href: `/cases/${caseRow.id}/cards`, label: req.t('cards.apps.title') },
      ],
      editable: caseRow.status === 'open',
    };
  }

  /** Loads the application of a card of the officer's office; anything else → 404. */
  async function inpsApp(req: FastifyRequest<{ Params: { cardId: string; applicationId: string } }>) {
    const card = await svc.cardForOffice(db, req.params.cardId, req.actor!.orgId);
    const a = svc.isUuid(req.params.applicationId)
      ? await repo.applicationById(db, req.params.applicationId)
      : undefined;
    // A card she withdrew shows INPS nothing of its content, its applications included.
    if (!a || a.card_id !== card.id || svc.isWithdrawn(card)) throw new PonteError('PONTE_ERR_NOT_FOUND');
    return {
      app: a,
      base: `/inps/cards/${card.id}/applications/${a.id}`,
      back: `/inps/cards/${card.id}`,
      backLabel: 'cards.card.back',
      crumbs: [
        { href: '/inps/cards', label: req.t('cards.menu.inbox') },
        { href: `/inps/cards/${card.id}`, label: card.code },
      ],
      editable: card.status === 'accepted',
    };
  }

  for (const side of [
    { prefix: '/cases/:caseId/applications/:applicationId', access: 'cases.work' as const, load: cavApp },
    {
      prefix: '/inps/cards/:cardId/applications/:applicationId',
      access: 'cards.work' as const,
      load: inpsApp,
    },
  ]) {
    type P = { caseId: string; cardId: string; applicationId: string };
    app.get<{ Params: P }>(
      side.prefix,
      { config: { access: side.access }, schema: getSchema },
      async (req, reply) => appPage(req, reply, await side.load(req)),
    );
    // The application's two forms: its filing details, and a change of its status.
    for (const [step, ok, save] of [
      [
        'details',
        'saved',
        (a: repo.ApplicationRow, b: Body, req: FastifyRequest) =>
          svc.saveDetails(
            db,
            a,
            {
              filed_by_channel: one(b, 'filed_by_channel'),
              filed_on: one(b, 'filed_on'),
              protocol_number: one(b, 'protocol_number'),
              done: many(b, 'done'),
              version: one(b, 'version'),
            },
            ctxOf(req),
          ),
      ],
      [
        'status',
        'status',
        (a: repo.ApplicationRow, b: Body, req: FastifyRequest) =>
          svc.changeStatus(
            db,
            a,
            {
              status: one(b, 'status'),
              at: one(b, 'at'),
              amount: one(b, 'amount'),
              note: one(b, 'note'),
              version: one(b, 'version'),
            },
            ctxOf(req),
          ),
      ],
    ] as const) {
      app.post<{ Params: P; Body: Body }>(
        `${side.prefix}/${step}`,
        { config: { access: side.access }, onRequest: csrf, schema: postSchema },
        async (req, reply) => {
          const o = await side.load(req);
          if (!o.editable) throw new PonteError('PONTE_ERR_FORBIDDEN');
          const b = req.body ?? {};
          const failed = await form(
            () => save(o.app, b, req),
            (errors) => appPage(req, reply, { ...o, values: flat(b), errors, status: 400 }),
          );
          return failed ? reply : reply.redirect(`${o.base}?ok=${ok}`, 303);
        },
      );
    }
  }

  // ── INPS: inbox and card ──────────────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: Strings }>(
    '/inps/cards',
    { config: { access: 'cards.work' }, schema: getSchema },
    async (req, reply) => {
      const q = req.query;
      const status = (svc.CARD_STATUSES as readonly string[]).includes(q.status ?? '') ? q.status : undefined;
      const benefit = svc.isBenefit(q.benefit) ? q.benefit : undefined;
      const code = q.code?.trim().slice(0, 40) || undefined;
      const { rows, total, page } = await loadPage(readPage(q.page), PAGE_SIZE, (p) =>
        repo.inbox(db, { officeId: req.actor!.orgId, status, benefit, code, page: p, pageSize: PAGE_SIZE }),
      );
      return reply.page(
        req.t('cards.inbox.title'),
        <InboxView
          ctx={reply.pageContext()}
          rows={rows}
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          query={{ status, benefit, code }}
          cat={cat(req)}
        />,
      );
    },
  );

  async function inpsCardPage(
    req: FastifyRequest,
    reply: FastifyReply,
    card: repo.CardRow,
    o: {
      values?: Strings;
      errors?: svc.Errors;
      status?: number;
      identity?: Awaited<ReturnType<typeof revealIdentity>>;
      /** The page's data when already read (the GET); else read here in one query. */
      data?: repo.InpsCardPageData;
    } = {},
  ) {
    if (o.identity !== undefined) reply.header('cache-control', 'no-store');
    const breadcrumb = [{ href: '/inps/cards', label: req.t('cards.menu.inbox') }, { label: card.code }];
    if (svc.isWithdrawn(card)) {
      return reply.page(
        req.t('cards.inps.title', { code: card.code }),
        <WithdrawnCardView ctx={reply.pageContext()} card={card} />,
        { status: o.status ?? 200, breadcrumb },
      );
    }
    const ctx = reply.pageContext();
    const [data, sections] = await Promise.all([
      o.data ??
        repo.inpsCardPageOf(db, {
          cardId: card.id,
          officeId: card.inps_office_id,
          userId: req.actor!.userId,
          day: todayIso(),
          openedSince: new Date(0),
        }),
      Promise.all(inpsCardSections().map((s) => s.render({ db, cardId: card.id, ctx }))),
    ]);
    if (!data) throw new PonteError('PONTE_ERR_NOT_FOUND');
    return reply.page(
      req.t('cards.inps.title', { code: card.code }),
      <InpsCardView
        ctx={reply.pageContext()}
        card={card}
        cat={cat(req)}
        advice={data.advice}
        apps={data.apps}
        identityAllowed={(card.status === 'sent' || card.status === 'accepted') && data.identityConsent}
        identity={o.identity}
        values={o.values ?? {}}
        errors={translate(req, o.errors ?? {})}
        flash={flashOf(req.query)}
        sections={sections}
      />,
      {
        status: o.status ?? 200,
        breadcrumb: [{ href: '/inps/cards', label: req.t('cards.menu.inbox') }, { label: card.code }],
      },
    );
  }

  app.get<{ Params: { cardId: string } }>(
    '/inps/cards/:cardId',
    { config: { access: 'cards.work' }, schema: getSchema },
    async (req, reply) => {
      const data = await svc.openCardForOffice(db, req.params.cardId, ctxOf(req));
      return inpsCardPage(req, reply, data.card, { data });
    },
  );

  const cardAction = (
    path: string,
    run: (card: repo.CardRow, b: Body, req: FastifyRequest) => Promise<void>,
    ok: string,
  ) =>
    app.post<{ Params: { cardId: string }; Body: Body }>(
      `/inps/cards/:cardId/${path}`,
      { config: { access: 'cards.work' }, onRequest: csrf, schema: postSchema },
      async (req, reply) => {
        const card = await svc.cardForOffice(db, req.params.cardId, req.actor!.orgId);
        const b = req.body ?? {};
        const target = `/inps/cards/${card.id}?ok=${ok}`;
        const failed = await form(
          async () => {
            await run(card, b, req);
          },
          (errors) => inpsCardPage(req, reply, card, { values: flat(b), errors, status: 400 }),
        );
        return failed ? reply : reply.redirect(target, 303);
      },
    );

  cardAction('accept', (card, b, req) => svc.acceptCard(db, card, one(b, 'version'), ctxOf(req)), 'accepted');
  cardAction(
    'decline',
    (card, b, req) =>
      svc.declineCard(db, card, { reason: one(b, 'reason'), version: one(b, 'version') }, ctxOf(req)),
    'declined',
  );
  cardAction('advice', (card, b, req) => svc.recordAdvice(db, card, one(b, 'advice'), ctxOf(req)), 'advice');

  app.post<{ Params: { cardId: string }; Body: Body }>(
    '/inps/cards/:cardId/applications',
    { config: { access: 'cards.work' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const card = await svc.cardForOffice(db, req.params.cardId, req.actor!.orgId);
      let id = '';
      const failed = await form(
        async () => {
          if (card.status !== 'accepted') throw new svc.FormError({ benefit: 'cards.err.notAccepted' });
          id = await svc.createApplication(
            db,
            { caseId: card.case_id, cardId: card.id },
            { benefit: one(req.body ?? {}, 'benefit') },
            ctxOf(req),
          );
        },
        (errors) => inpsCardPage(req, reply, card, { errors, status: 400 }),
      );
      return failed ? reply : reply.redirect(`/inps/cards/${card.id}/applications/${id}?ok=created`, 303);
    },
  );

  app.post<{ Params: { cardId: string }; Body: Body }>(
    '/inps/cards/:cardId/identity',
    { config: { access: 'cards.work' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const card = await svc.cardForOffice(db, req.params.cardId, req.actor!.orgId);
      // The accessor decides (open card, live consent) and audits a refusal as well as a read (issue 11, finding 9).
      const identity = await revealIdentity(db, req, card);
      return inpsCardPage(req, reply, card, { identity });
    },
  );

  // ── Social worker: Reddito di Libertà ─────────────────────────────────────────────────────────────────
  app.get<{ Querystring: Strings }>(
    '/social/cards',
    { config: { access: 'social.work' }, schema: getSchema },
    async (req, reply) => {
      const q = req.query;
      // Pending only by default; the filter form says otherwise once submitted.
      const pending = q.filtered ? q.pending === '1' : true;
      const a = req.actor!;
      const { rows, total, page } = await loadPage(readPage(q.page), PAGE_SIZE, (p) =>
        repo.socialCards(db, {
          orgId: a.orgId,
          territoryId: a.territoryId,
          pending,
          page: p,
          pageSize: PAGE_SIZE,
        }),
      );
      return reply.page(
        req.t('cards.social.title'),
        <SocialListView
          ctx={reply.pageContext()}
          rows={rows}
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          pending={pending}
          cat={cat(req)}
        />,
      );
    },
  );

  async function socialPage(
    req: FastifyRequest,
    reply: FastifyReply,
    card: repo.CardRow,
    o: { values?: Strings; errors?: svc.Errors; status?: number } = {},
  ) {
    if (svc.isWithdrawn(card)) {
      return reply.page(
        req.t('cards.social.card', { code: card.code }),
        <WithdrawnCardView ctx={reply.pageContext()} card={card} />,
        {
          status: o.status ?? 200,
          breadcrumb: [{ href: '/social/cards', label: req.t('cards.menu.social') }, { label: card.code }],
        },
      );
    }
    return reply.page(
      req.t('cards.social.card', { code: card.code }),
      <SocialCardView
        ctx={reply.pageContext()}
        card={card}
        cat={cat(req)}
        declaration={await repo.declarationOf(db, card.id, req.actor!.orgId)}
        values={o.values ?? {}}
        errors={translate(req, o.errors ?? {})}
        flash={flashOf(req.query)}
      />,
      {
        status: o.status ?? 200,
        breadcrumb: [{ href: '/social/cards', label: req.t('cards.menu.social') }, { label: card.code }],
      },
    );
  }

  app.get<{ Params: { cardId: string } }>(
    '/social/cards/:cardId',
    { config: { access: 'social.work' }, schema: getSchema },
    async (req, reply) => socialPage(req, reply, await svc.cardForSocial(db, req.params.cardId, ctxOf(req))),
  );

  for (const [path, ok, run] of [
    [
      'declaration',
      'declared',
      (card: repo.CardRow, b: Body, req: FastifyRequest) =>
        svc.recordDeclaration(
          db,
          card,
          { declared_on: one(b, 'declared_on'), version: one(b, 'version') },
          ctxOf(req),
        ),
    ],
    [
      'sr208',
      'sr208',
      (card: repo.CardRow, b: Body, req: FastifyRequest) =>
        svc.recordSr208(
          db,
          card,
          { filed_on: one(b, 'filed_on'), protocol: one(b, 'protocol'), version: one(b, 'version') },
          ctxOf(req),
        ),
    ],
  ] as const) {
    app.post<{ Params: { cardId: string }; Body: Body }>(
      `/social/cards/:cardId/${path}`,
      { config: { access: 'social.work' }, onRequest: csrf, schema: postSchema },
      async (req, reply) => {
        const card = await svc.cardForSocial(db, req.params.cardId, ctxOf(req));
        const b = req.body ?? {};
        const failed = await form(
          () => run(card, b, req),
          (errors) => socialPage(req, reply, card, { values: flat(b), errors, status: 400 }),
        );
        return failed ? reply : reply.redirect(`/social/cards/${card.id}?ok=${ok}`, 303);
      },
    );
  }
}
