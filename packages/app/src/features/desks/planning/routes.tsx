import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { now } from '../../../platform/clock.ts';
import { PonteError } from '../../../platform/errors.ts';
import type { FeatureOptions } from '../../../platform/feature.ts';
import { flashFrom } from '../../../platform/http/page-schemas.ts';
import { Confirmation, DateField } from '../../../platform/ui/components.tsx';
import { registerMenuItem } from '../../../platform/ui/menu.ts';
import * as repo from '../booking/repository.ts';
import * as svc from '../booking/service.ts';
import { isItalianHoliday } from '../common/calendar.ts';
import { fmtIsoDate } from '../common/format.ts';
import {
  ctxOf,
  deskCrumbs,
  form,
  formPage,
  getPage,
  postForm,
  postSchema,
  type Strings,
  translate,
} from '../common/http.ts';
import * as rr from './repository.ts';
import * as rules from './service.ts';
import { ExceptionsView, HoursView, OfficersView, RulesView } from './views.tsx';

// HTTP of recurring desk days, exceptions, opening hours and the training mark (issue 5, part A). Routes
// translate HTTP into calls of rules.ts and render rules-views.tsx; registered by desksFeature.

registerMenuItem({
  href: '/desks/officers',
  label: 'desks.menu.officers',
  access: 'desks.assign',
  order: 33,
});
registerMenuItem({
  href: '/desks/exceptions',
  label: 'desks.menu.exceptions',
  access: 'desks.assign',
  order: 34,
});

const FLASH: Record<string, string> = {
  hours: 'desks.hours.saved',
  rule: 'desks.rule.created',
  marked: 'desks.officers.marked',
  unmarked: 'desks.officers.unmarked',
  exception: 'desks.exc.created',
  exceptionRemoved: 'desks.exc.removed',
};
const flashOf = flashFrom(FLASH);
type DeskP = { deskId: string };

/** Registers the routes of rules, exceptions, opening hours and the training mark. */
export function registerRuleRoutes(app: FastifyInstance, opts: FeatureOptions): void {
  const { db } = opts.database;
  const csrf = app.csrfProtection;

  // ── Opening hours (who manages the desk) ────────────────────────────────────────────────────────────────
  async function hoursPage(
    req: FastifyRequest,
    reply: FastifyReply,
    deskId: string,
    values: Strings | null,
    errors: svc.Errors,
    status = 200,
  ) {
    const ctx = ctxOf(req);
    const desk = await svc.deskFor(db, ctx, deskId);
    if (!rules.canEditHours(ctx, desk)) throw new PonteError('PONTE_ERR_FORBIDDEN');
    return reply.page(
      req.t('desks.hours.title', { name: desk.name }),
      <HoursView
        ctx={reply.pageContext()}
        desk={desk}
        hours={await rules.hoursOf(db, desk.id)}
        values={values}
        errors={translate(req, errors)}
      />,
      { status, breadcrumb: deskCrumbs(req, desk, req.t('desks.hours.edit')) },
    );
  }

  getPage<DeskP>(app, '/desks/:deskId/hours', 'desks.manage', (req, reply) =>
    hoursPage(req, reply, req.params.deskId, null, {}),
  );

  postForm<DeskP>(
    app,
    '/desks/:deskId/hours',
    'desks.manage',
    async (req, b) => {
      await rules.setHours(db, ctxOf(req), req.params.deskId, b);
      return `/desks/${req.params.deskId}?ok=hours`;
    },
    (req, reply, b, errors) => {
      const status = errors.days === 'desks.err.hoursStale' ? 409 : 400;
      return hoursPage(req, reply, req.params.deskId, b, errors, status);
    },
  );

  // ── The accoglienza training mark (INPS director) ───────────────────────────────────────────────────────
  getPage(app, '/desks/officers', 'desks.assign', async (req, reply) =>
    reply.page(
      req.t('desks.officers.title'),
      <OfficersView
        ctx={reply.pageContext()}
        officers={await rules.officers(db, ctxOf(req))}
        flash={flashOf(req.query)}
      />,
    ),
  );

  app.post<{ Params: { userId: string }; Body: Strings }>(
    '/desks/officers/:userId/mark',
    { config: { access: 'desks.assign' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      await rules.markTrained(db, ctxOf(req), req.params.userId);
      return reply.redirect('/desks/officers?ok=marked', 303);
    },
  );

  getPage<{ userId: string }>(app, '/desks/officers/:userId/unmark', 'desks.assign', async (req, reply) => {
    const name = await rules.officerName(db, ctxOf(req), req.params.userId);
    return reply.page(
      req.t('desks.officers.unmarkTitle'),
      <Confirmation
        ctx={reply.pageContext()}
        text={req.t('desks.officers.unmarkText', { name })}
        action={`/desks/officers/${req.params.userId}/unmark`}
        cancel="/desks/officers"
        confirmLabel={req.t('desks.officers.unmark')}
      />,
    );
  });

  app.post<{ Params: { userId: string }; Body: Strings }>(
    '/desks/officers/:userId/unmark',
    { config: { access: 'desks.assign' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      await rules.unmarkTrained(db, ctxOf(req), req.params.userId);
      return reply.redirect('/desks/officers?ok=unmarked', 303);
    },
  );

  // ── Recurring rules (INPS director) ─────────────────────────────────────────────────────────────────────
  async function rulesPage(
    req: FastifyRequest,
    reply: FastifyReply,
    deskId: string,
    values: Strings,
    errors: svc.Errors,
    status = 200,
    ended?: { removed: number; kept: rules.KeptDay[] },
  ) {
    const ctx = ctxOf(req);
    const desk = await rules.deskForRules(db, ctx, deskId);
    const ruleRows = await rr.rulesOfDesk(db, desk.id);
    // The public holidays each rule leaves out, so the director sees why a week has no desk day.
    const holidays = Object.fromEntries(
      ruleRows.map((r) => [
        r.id,
        rules
          .ruleDates(
            r.weekday,
            r.weeks,
            Temporal.PlainDate.from(r.valid_from),
            Temporal.PlainDate.from(r.valid_until),
          )
          .filter(isItalianHoliday)
          .map(String),
      ]),
    );
    return reply.page(
      req.t('desks.rule.title', { name: desk.name }),
      <RulesView
        ctx={reply.pageContext()}
        desk={desk}
        hours={await rules.hoursOf(db, desk.id)}
        rules={ruleRows}
        holidays={holidays}
        days={await rr.ruleDaysOfDesk(db, desk.id, now())}
        officers={await rr.officersWithMark(db, ctx.orgId)}
        values={values}
        errors={translate(req, errors)}
        flash={flashOf(req.query)}
        kept={ended?.kept}
        removed={ended?.removed}
      />,
      { status, breadcrumb: deskCrumbs(req, desk, req.t('desks.rule.link')) },
    );
  }

  getPage<DeskP>(app, '/desks/:deskId/rules', 'desks.assign', (req, reply) =>
    rulesPage(req, reply, req.params.deskId, {}, {}),
  );

  postForm<DeskP>(
    app,
    '/desks/:deskId/rules',
    'desks.assign',
    async (req, b) => {
      await rules.createRule(db, ctxOf(req), req.params.deskId, b);
      return `/desks/${req.params.deskId}/rules?ok=rule`;
    },
    (req, reply, b, errors) => rulesPage(req, reply, req.params.deskId, b, errors, 400),
  );

  async function endPage(
    req: FastifyRequest,
    reply: FastifyReply,
    ruleId: string,
    values: Strings,
    errors: svc.Errors,
    status = 200,
  ) {
    const r = await rules.ruleFor(db, ctxOf(req), ruleId);
    const t = translate(req, errors);
    return reply.page(
      req.t('desks.rule.endTitle'),
      <Confirmation
        ctx={reply.pageContext()}
        text={req.t('desks.rule.endText', {
          officer: r.officer_name,
          from: fmtIsoDate(r.valid_from, req.lang),
          to: fmtIsoDate(r.valid_until, req.lang),
        })}
        action={`/desks/rules/${r.id}/end`}
        cancel={`/desks/${r.desk_id}/rules`}
        confirmLabel={req.t('desks.rule.end')}
        hidden={{ version: String(r.version) }}
      >
        <DateField
          ctx={reply.pageContext()}
          name="first_day"
          label={req.t('desks.rule.firstDay')}
          hint={req.t('desks.rule.firstDayHint')}
          value={values.first_day}
          errors={t}
        />
      </Confirmation>,
      { status },
    );
  }

  getPage<{ ruleId: string }>(app, '/desks/rules/:ruleId/end', 'desks.assign', (req, reply) =>
    endPage(req, reply, req.params.ruleId, {}, {}),
  );

  app.post<{ Params: { ruleId: string }; Body: Strings }>(
    '/desks/rules/:ruleId/end',
    { config: { access: 'desks.assign' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const b = req.body ?? {};
      let result: { removed: number; kept: rules.KeptDay[] } | undefined;
      const failed = await form(
        async () => {
          result = await rules.endRule(db, ctxOf(req), req.params.ruleId, b);
        },
        (errors) => endPage(req, reply, req.params.ruleId, b, errors, 400),
      );
      if (failed) return reply;
      const r = await rules.ruleFor(db, ctxOf(req), req.params.ruleId);
      // Rendered, not redirected: the page says which days were kept because they have bookings.
      return rulesPage(req, reply, r.desk_id, {}, {}, 200, result);
    },
  );

  // ── Exceptions (INPS director) ──────────────────────────────────────────────────────────────────────────
  formPage(
    app,
    '/desks/exceptions',
    'desks.assign',
    'desks.exc.title',
    async (req, reply, form) => {
      const ctx = ctxOf(req);
      return (
        <ExceptionsView
          ctx={reply.pageContext()}
          exceptions={await rules.exceptionsOfOffice(db, ctx)}
          desks={(await repo.desksOf(db, ctx.orgId)).filter((d) => d.inps_office_id === ctx.orgId)}
          officers={await repo.officersOf(db, ctx.orgId)}
          {...form}
          flash={flashOf(req.query)}
        />
      );
    },
    async (req, b) => {
      await rules.createException(db, ctxOf(req), b);
      return '/desks/exceptions?ok=exception';
    },
  );

  getPage<{ exceptionId: string }>(
    app,
    '/desks/exceptions/:exceptionId/remove',
    'desks.assign',
    async (req, reply) => {
      const e = await rules.exceptionFor(db, ctxOf(req), req.params.exceptionId);
      return reply.page(
        req.t('desks.exc.removeTitle'),
        <Confirmation
          ctx={reply.pageContext()}
          text={req.t('desks.exc.removeText', {
            who: (e.kind === 'closure' ? e.desk_name : e.officer_name) ?? '',
            from: fmtIsoDate(e.from_date, req.lang),
            to: fmtIsoDate(e.to_date, req.lang),
          })}
          action={`/desks/exceptions/${e.id}/remove`}
          cancel="/desks/exceptions"
          confirmLabel={req.t('desks.exc.remove')}
          hidden={{ version: String(e.version) }}
        />,
      );
    },
  );

  app.post<{ Params: { exceptionId: string }; Body: Strings }>(
    '/desks/exceptions/:exceptionId/remove',
    { config: { access: 'desks.assign' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      await rules.removeException(db, ctxOf(req), req.params.exceptionId, req.body ?? {});
      return reply.redirect('/desks/exceptions?ok=exceptionRemoved', 303);
    },
  );
}
