import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../platform/feature.ts';
import { dateInUrl } from '../../platform/forms/date.ts';
import { loadPage, offsetOf, readPage } from '../../platform/forms/page.ts';
import { flashFrom } from '../../platform/http/page-schemas.ts';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import './messages.ts';
import './booking/case-section.tsx';
import './agenda/home.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { feedRoutes } from './agenda/routes.tsx';
import { registerAvailabilityRoutes } from './availability/routes.tsx';
import * as repo from './booking/repository.ts';
import * as svc from './booking/service.ts';
import {
  AgendaView,
  AppointmentView,
  BookView,
  CardListView,
  CavAppointmentsView,
  DeskEditView,
  DeskRetireView,
  DesksView,
  DeskView,
  MoveView,
  NoShowView,
} from './booking/views.tsx';
import {
  appointmentCrumbs,
  ctxOf,
  deskCrumbs,
  formPage,
  getPage,
  postForm,
  type Strings,
  translate,
} from './common/http.ts';
import { romeDate } from './notify/mail-messages.ts';
import { registerOfficeRoutes } from './office/routes.tsx';
import * as planSvc from './planning/desks.ts';
import { officersWithMark } from './planning/repository.ts';
import { registerRuleRoutes } from './planning/routes.tsx';
import { canEditHours, hoursOf } from './planning/service.ts';

registerMenuItem({ href: '/desks', label: 'desks.menu.manage', access: 'desks.manage', order: 30 });
registerMenuItem({ href: '/desks/book', label: 'desks.menu.book', access: 'desks.book', order: 31 });
registerMenuItem({ href: '/desks/agenda', label: 'desks.menu.agenda', access: 'cards.work', order: 32 });

const PAGE_SIZE = 20;
type DeskP = { deskId: string };
type ApptP = { appointmentId: string };
const FLASH: Record<string, string> = {
  desk: 'desks.created',
  session: 'desks.sessions.created',
  hours: 'desks.hours.saved',
  booked: 'desks.appt.booked',
  cancelled: 'desks.appt.cancelled',
  outcome: 'desks.agenda.saved',
};
const flashOf = flashFrom(FLASH);

/** Isole di accoglienza: desks and desk days (INPS director, CAV coordinator), booking (CAV). */
export async function desksFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  registerRuleRoutes(app, opts);
  registerAvailabilityRoutes(app, opts);
  registerOfficeRoutes(app, opts);

  // ── Desks ───────────────────────────────────────────────────────────────────────────────────────────────
  formPage(
    app,
    '/desks',
    'desks.manage',
    'desks.list.title',
    async (req, reply, form) => {
      const ctx = ctxOf(req);
      return (
        <DesksView
          ctx={reply.pageContext()}
          desks={await repo.desksOf(db, ctx.orgId)}
          orgKind={ctx.orgKind}
          cavs={ctx.orgKind === 'inps_office' ? await repo.orgsOfKind(db, ['cav']) : []}
          offices={ctx.orgKind === 'cav' ? await repo.orgsOfKind(db, ['inps_office']) : []}
          {...form}
          flash={flashOf(req.query)}
        />
      );
    },
    async (req, b) => `/desks/${await planSvc.createDesk(db, ctxOf(req), b)}?ok=desk`,
  );

  async function deskPage(
    req: FastifyRequest,
    reply: FastifyReply,
    deskId: string,
    values: Strings,
    errors: svc.Errors,
    status = 200,
  ) {
    const ctx = ctxOf(req);
    const desk = await svc.deskFor(db, ctx, deskId);
    const canAssign = ctx.roles.includes('inps_director') && desk.inps_office_id === ctx.orgId;
    return reply.page(
      req.t('desks.desk.title', { name: desk.name }),
      <DeskView
        ctx={reply.pageContext()}
        desk={desk}
        sessions={await repo.sessionsOfDesk(db, desk.id, clockNow())}
        officers={canAssign ? await officersWithMark(db, ctx.orgId) : []}
        canAssign={canAssign}
        hours={await hoursOf(db, desk.id)}
        canEditHours={canEditHours(ctx, desk)}
        values={values}
        errors={translate(req, errors)}
        flash={flashOf(req.query)}
      />,
      { status, breadcrumb: deskCrumbs(req, desk) },
    );
  }

  getPage<DeskP>(app, '/desks/:deskId', 'desks.manage', (req, reply) =>
    deskPage(req, reply, req.params.deskId, {}, {}),
  );

  postForm<DeskP>(
    app,
    '/desks/:deskId/sessions',
    'desks.manage',
    async (req, b) => {
      await planSvc.createSession(db, ctxOf(req), req.params.deskId, b);
      return `/desks/${req.params.deskId}?ok=session`;
    },
    (req, reply, b, errors) => deskPage(req, reply, req.params.deskId, b, errors, 400),
  );

  // ── Booking (CAV) ───────────────────────────────────────────────────────────────────────────────────────
  getPage(app, '/desks/book', 'desks.book', async (req, reply) => {
    const q = ((req.query as Strings).q ?? '').trim().slice(0, 50);
    const toBook = (req.query as Strings).show === 'tobook';
    const { rows, total, page } = await loadPage(readPage((req.query as Strings).page), PAGE_SIZE, (p) =>
      repo.openCardsOfCav(db, req.actor!.orgId, q, PAGE_SIZE, offsetOf(p, PAGE_SIZE), { toBook }),
    );
    return reply.page(
      req.t('desks.book.listTitle'),
      <CardListView
        ctx={reply.pageContext()}
        cards={rows}
        q={q}
        toBook={toBook}
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
      />,
    );
  });

  async function bookPage(
    req: FastifyRequest,
    reply: FastifyReply,
    cardId: string,
    dateText: string | undefined,
    errors: svc.Errors,
    status = 200,
  ) {
    const ctx = ctxOf(req);
    const card = await svc.openCardFor(db, ctx, cardId).catch((e: unknown) => {
      if (e instanceof svc.FormError) return null;
      throw e;
    });
    const row = card ?? (await repo.cardOfCav(db, cardId, ctx.orgId));
    const allErrors = card ? errors : { ...errors, slot: 'desks.err.cardClosed' };
    const { window, nextDay } = await svc.windowFor(db, ctx, card, dateText);
    return reply.page(
      req.t('desks.book.title', { code: row?.code ?? '' }),
      <BookView
        ctx={reply.pageContext()}
        cardId={cardId}
        free={card ? await svc.freeSlotsForCard(db, ctx, card, window) : []}
        window={window}
        nextDay={nextDay}
        card={row}
        errors={translate(req, allErrors)}
        appointments={
          row ? await svc.appointmentsOfCav(db, ctx, { cardId: row.id }, CARD_APPOINTMENTS, 0) : undefined
        }
      />,
      {
        status: card ? status : 400,
        breadcrumb: [
          { href: '/desks/book', label: req.t('desks.menu.book') },
          { label: req.t('desks.crumb.card', { code: row?.code ?? '' }) },
        ],
      },
    );
  }

  getPage<{ cardId: string }>(app, '/desks/cards/:cardId', 'desks.book', (req, reply) =>
    bookPage(req, reply, req.params.cardId, (req.query as Strings).date, {}),
  );

  postForm<{ cardId: string }>(
    app,
    '/desks/cards/:cardId/hold',
    'desks.book',
    async (req, b) =>
      `/desks/appointments/${await svc.holdSlot(db, ctxOf(req), req.params.cardId, b.session ?? '', b.start ?? '')}`,
    (req, reply, b, errors) => {
      // A slot lost to another booking is a conflict (409); any other refusal is bad input (400).
      const lost = errors.slot === 'desks.err.taken' || errors.slot === 'desks.err.busy';
      return bookPage(req, reply, req.params.cardId, b.date, errors, lost ? 409 : 400);
    },
  );

  async function apptPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Strings,
    errors: svc.Errors,
    status = 200,
  ) {
    const a = await svc.appointmentFor(db, ctxOf(req), id);
    return reply.page(
      req.t('desks.appt.title', { code: a.card_code }),
      <AppointmentView
        ctx={reply.pageContext()}
        a={a}
        values={values}
        errors={translate(req, errors)}
        flash={flashOf(req.query)}
        history={await repo.appointmentHistory(db, a.id)}
        now={clockNow()}
      />,
      { status, breadcrumb: appointmentCrumbs(req, a) },
    );
  }

  getPage<ApptP>(app, '/desks/appointments/:appointmentId', 'desks.book', (req, reply) =>
    apptPage(req, reply, req.params.appointmentId, {}, {}),
  );

  postForm<ApptP>(
    app,
    '/desks/appointments/:appointmentId/confirm',
    'desks.book',
    async (req) => {
      await svc.confirm(db, ctxOf(req), req.params.appointmentId);
      return `/desks/appointments/${req.params.appointmentId}?ok=booked`;
    },
    (req, reply, _b, errors) => apptPage(req, reply, req.params.appointmentId, {}, errors, 400),
  );

  // The operator lets her hold go (wrong time): back to the card's free times, the released one among them.
  postForm<ApptP>(
    app,
    '/desks/appointments/:appointmentId/release',
    'desks.book',
    async (req) => {
      const r = await svc.release(db, ctxOf(req), req.params.appointmentId);
      return `/desks/cards/${r.cardId}?date=${romeDate(r.startsAt)}`;
    },
    (req, reply, _b, errors) => apptPage(req, reply, req.params.appointmentId, {}, errors, 409),
  );

  postForm<ApptP>(
    app,
    '/desks/appointments/:appointmentId/cancel',
    'desks.book',
    async (req, b) => {
      await svc.cancel(db, ctxOf(req), req.params.appointmentId, b.reason);
      return `/desks/appointments/${req.params.appointmentId}?ok=cancelled`;
    },
    (req, reply, b, errors) => apptPage(req, reply, req.params.appointmentId, b, errors, 400),
  );

  // ── The officer's agenda ────────────────────────────────────────────────────────────────────────────────
  async function agendaPage(
    req: FastifyRequest,
    reply: FastifyReply,
    q: Strings,
    errors: svc.Errors,
    status = 200,
  ) {
    const view = q.view === 'week' ? 'week' : 'day';
    const ctx = ctxOf(req);
    const a = await svc.agenda(db, ctx, q.date, view);
    return reply.page(
      req.t('desks.agenda.title'),
      <AgendaView
        ctx={reply.pageContext()}
        view={view}
        {...a}
        now={clockNow()}
        errors={translate(req, errors)}
        flash={flashOf(req.query)}
      />,
      { status },
    );
  }

  getPage(app, '/desks/agenda', 'cards.work', (req, reply) =>
    agendaPage(req, reply, req.query as Strings, {}),
  );

  postForm<ApptP>(
    app,
    '/desks/agenda/:appointmentId/outcome',
    'cards.work',
    async (req, b) => {
      await svc.recordOutcome(db, ctxOf(req), req.params.appointmentId, b.outcome);
      const view = b.view === 'week' ? 'week' : 'day';
      const date = dateInUrl(b.date)?.date.toString() ?? '';
      return `/desks/agenda?date=${date}&view=${view}&ok=outcome`;
    },
    (req, reply, b, errors) => agendaPage(req, reply, b, errors, 400),
  );

  // ── The CAV's appointments: list, move, no-show (issue 5, part B) ───────────────────────────────────────
  getPage(app, '/desks/appointments', 'desks.book', async (req, reply) => {
    const q = req.query as Strings;
    const text = (q.q ?? '').trim().slice(0, 50);
    const status = (svc.APPOINTMENT_STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as string)
      : '';
    const card = svc.isUuid(q.card) ? q.card : '';
    const { rows, total, page } = await loadPage(readPage(q.page), PAGE_SIZE, (p) =>
      svc.appointmentsOfCav(
        db,
        ctxOf(req),
        { q: text, status, cardId: card },
        PAGE_SIZE,
        offsetOf(p, PAGE_SIZE),
      ),
    );
    return reply.page(
      req.t('desks.appts.title'),
      <CavAppointmentsView
        ctx={reply.pageContext()}
        rows={rows}
        total={total}
        page={page}
        pageSize={PAGE_SIZE}
        q={text}
        status={status}
        card={card}
      />,
    );
  });

  async function movePage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Strings,
    errors: svc.Errors,
    status = 200,
  ) {
    const ctx = ctxOf(req);
    const a = await svc.appointmentFor(db, ctx, id);
    const card = await svc.openCardFor(db, ctx, a.card_id).catch((e: unknown) => {
      if (e instanceof svc.FormError) return null;
      throw e;
    });
    const { window, nextDay } = await svc.windowFor(db, ctx, card, values.date, a.starts_at);
    const free = card ? await svc.freeSlotsForMove(db, ctx, a, window) : null;
    const allErrors = free ? errors : { slot: 'desks.err.cardClosed', ...errors };
    return reply.page(
      req.t('desks.move.title', { code: a.card_code }),
      <MoveView
        ctx={reply.pageContext()}
        a={a}
        free={free ?? []}
        window={window}
        nextDay={nextDay}
        values={values}
        errors={translate(req, allErrors)}
      />,
      {
        status: free ? status : Math.max(status, 400),
        breadcrumb: appointmentCrumbs(req, a, req.t('desks.move.action')),
      },
    );
  }

  getPage<ApptP>(app, '/desks/appointments/:appointmentId/move', 'desks.book', async (req, reply) => {
    const a = await svc.appointmentFor(db, ctxOf(req), req.params.appointmentId);
    if (a.status !== 'booked' || a.starts_at <= clockNow())
      return reply.redirect(`/desks/appointments/${a.id}`, 303);
    return movePage(req, reply, a.id, { date: (req.query as Strings).date }, {});
  });

  postForm<ApptP>(
    app,
    '/desks/appointments/:appointmentId/move',
    'desks.book',
    async (req, b) =>
      `/desks/appointments/${await svc.reschedule(db, ctxOf(req), req.params.appointmentId, b)}?ok=moved`,
    // A slot lost to another booking, or a form older than the appointment, is a conflict (409).
    (req, reply, b, errors) => {
      // A stale form shows the appointment as it is now; the woman's chosen slot and reason are kept.
      const values = errors.version ? { ...b, version: undefined } : b;
      const status = svc.isConflict(errors) ? 409 : 400;
      return movePage(req, reply, req.params.appointmentId, values, errors, status);
    },
  );

  async function noShowPage(
    req: FastifyRequest,
    reply: FastifyReply,
    a: Awaited<ReturnType<typeof svc.appointmentFor>>,
    errors: svc.Errors,
    status = 200,
  ) {
    return reply.page(
      req.t('desks.noShow.title', { code: a.card_code }),
      <NoShowView
        ctx={reply.pageContext()}
        a={a}
        version={String(a.version)}
        errors={translate(req, errors)}
      />,
      { status },
    );
  }

  getPage<ApptP>(app, '/desks/appointments/:appointmentId/no-show', 'desks.book', async (req, reply) => {
    const a = await svc.appointmentFor(db, ctxOf(req), req.params.appointmentId);
    if (a.status !== 'booked') return reply.redirect(`/desks/appointments/${a.id}`, 303);
    const early: svc.Errors = a.starts_at > clockNow() ? { outcome: 'desks.err.noShowFuture' } : {};
    return noShowPage(req, reply, a, early);
  });

  postForm<ApptP>(
    app,
    '/desks/appointments/:appointmentId/no-show',
    'desks.book',
    async (req, b) => {
      await svc.markNoShow(db, ctxOf(req), req.params.appointmentId, b.version);
      return `/desks/appointments/${req.params.appointmentId}?ok=noshow`;
    },
    async (req, reply, _b, errors) => {
      const a = await svc.appointmentFor(db, ctxOf(req), req.params.appointmentId);
      return noShowPage(req, reply, a, errors, svc.isConflict(errors) ? 409 : 400);
    },
  );
  await feedRoutes(app, opts);

  // ── Editing and retiring a desk (its INPS office's director, or the coordinator of the CAV hosting it) ──
  async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    deskId: string,
    values: Strings | null,
    errors: svc.Errors,
    status = 200,
  ) {
    const desk = await planSvc.manageableDesk(db, ctxOf(req), deskId);
    return reply.page(
      req.t('desks.edit.title', { name: desk.name }),
      <DeskEditView ctx={reply.pageContext()} desk={desk} values={values} errors={translate(req, errors)} />,
      { status, breadcrumb: deskCrumbs(req, desk, req.t('desks.edit.link')) },
    );
  }
  const staleOr400 = (errors: svc.Errors) => (errors.version === 'desks.err.deskStale' ? 409 : 400);

  getPage<DeskP>(app, '/desks/:deskId/edit', 'desks.manage', (req, reply) =>
    editPage(req, reply, req.params.deskId, null, {}),
  );

  postForm<DeskP>(
    app,
    '/desks/:deskId/edit',
    'desks.manage',
    async (req, b) => {
      await planSvc.editDesk(db, ctxOf(req), req.params.deskId, b);
      return `/desks/${req.params.deskId}?ok=edited`;
    },
    (req, reply, b, errors) => editPage(req, reply, req.params.deskId, b, errors, staleOr400(errors)),
  );

  async function retirePage(
    req: FastifyRequest,
    reply: FastifyReply,
    deskId: string,
    errors: svc.Errors,
    status = 200,
  ) {
    const desk = await planSvc.manageableDesk(db, ctxOf(req), deskId);
    // Said before she confirms: the appointments the CAV must move or cancel first.
    const blocking = await repo.activeAppointmentsOfDesk(db, desk.id, clockNow());
    return reply.page(
      req.t('desks.retire.title', { name: desk.name }),
      <DeskRetireView
        ctx={reply.pageContext()}
        desk={desk}
        blocking={blocking}
        errors={translate(req, errors)}
      />,
      { status, breadcrumb: deskCrumbs(req, desk, req.t('desks.retire.link')) },
    );
  }

  getPage<DeskP>(app, '/desks/:deskId/retire', 'desks.manage', (req, reply) =>
    retirePage(req, reply, req.params.deskId, {}),
  );

  postForm<DeskP>(
    app,
    '/desks/:deskId/retire',
    'desks.manage',
    async (req, b) => {
      await planSvc.retireDesk(db, ctxOf(req), req.params.deskId, b);
      return '/desks?ok=retired';
    },
    // Future appointments or a stale form: the desk's state conflicts with the request (409).
    (req, reply, _b, errors) => retirePage(req, reply, req.params.deskId, errors, 409),
  );
}

// Issue 5, part B: the CAV's list of appointments, and the notices after a move and a no-show.
registerMenuItem({
  href: '/desks/appointments',
  label: 'desks.menu.appointments',
  access: 'desks.book',
  order: 33,
});
FLASH.moved = 'desks.move.done';
FLASH.noshow = 'desks.noShow.done';
/** How many of a card's appointments its booking page lists (the rest are one link away). */
const CARD_APPOINTMENTS = 10;
FLASH.edited = 'desks.edit.saved';
FLASH.retired = 'desks.retire.done';
