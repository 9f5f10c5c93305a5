import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { VNode } from 'preact';
import type { Access } from '../../../platform/auth/permissions.ts';
import type { OrgKind } from '../../../platform/db/schema.ts';
import { runForm } from '../../../platform/forms/run.ts';
import { pageSchemas } from '../../../platform/http/page-schemas.ts';
import type { FieldErrors } from '../../../platform/ui/components.tsx';
import * as svc from '../booking/service.ts';
import { translateError } from '../planning/messages.ts';
import { fmtWhen } from './format.ts';

// The HTTP scaffolding shared by the desks pages (routes.tsx, rules-routes.tsx): request schemas, the service
// context of the actor, field errors in her language, and the form runner that renders the page again on error.

export type Strings = Record<string, string | undefined>;
export const { getSchema, postSchema } = pageSchemas();

export function ctxOf(req: FastifyRequest): svc.Ctx {
  const a = req.actor!;
  return {
    userId: a.userId,
    orgId: a.orgId,
    orgKind: a.orgKind as OrgKind,
    roles: a.roles,
    ip: req.ip,
    requestId: req.id,
  };
}

export const translate = (req: FastifyRequest, errors: svc.Errors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, translateError(req.t, v, req.lang)]));

/**
 * Runs a form action; on a FormError renders the form again with the messages (the caller picks the status) and
 * answers true: the page is sent, the caller returns `reply` (`runForm`).
 */
export const form = (
  action: () => Promise<void>,
  onError: (errors: svc.Errors) => unknown,
): Promise<boolean> => runForm(svc.FormError, action, (e) => onError(e.errors));

type Req<P> = FastifyRequest<{ Params: P; Body: Strings }>;

/** A desks page (GET `path`, the query read by the page itself), open to `access`. */
export function getPage<P = unknown>(
  app: FastifyInstance,
  path: string,
  access: Access,
  handler: (req: FastifyRequest<{ Params: P }>, reply: FastifyReply) => unknown,
): void {
  app.get<{ Params: P }>(path, { config: { access }, schema: getSchema }, handler as RouteHandlerMethod);
}

/**
 * A desks form (POST `path`, CSRF-checked, open to `access`): `act` does the work and answers where to go next
 * (a 303); on a FormError `again` renders the page again with what was typed and the messages, at the status it
 * picks. The shape every desks form had written out by hand.
 */
export function postForm<P = unknown>(
  app: FastifyInstance,
  path: string,
  access: Access,
  act: (req: Req<P>, body: Strings) => Promise<string>,
  again: (req: Req<P>, reply: FastifyReply, body: Strings, errors: svc.Errors) => unknown,
): void {
  app.post<{ Params: P; Body: Strings }>(
    path,
    { config: { access }, onRequest: app.csrfProtection, schema: postSchema },
    async (req, reply) => {
      const b = req.body ?? {};
      let to = '';
      const failed = await form(
        async () => {
          to = await act(req, b);
        },
        async (errors) => {
          await again(req, reply, b, errors);
          return reply;
        },
      );
      return failed ? reply : reply.redirect(to, 303);
    },
  );
}

/**
 * A page with its form at one `path`: GET shows it empty; POST does `act` and goes where it answers, or shows the
 * page again (400) with what was typed and the messages. `view` draws the page's body under the title `titleKey`.
 */
export function formPage(
  app: FastifyInstance,
  path: string,
  access: Access,
  titleKey: string,
  view: (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { values: Strings; errors: FieldErrors },
  ) => Promise<VNode>,
  act: (req: Req<unknown>, body: Strings) => Promise<string>,
): void {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Strings,
    errors: svc.Errors,
    status: number,
  ) =>
    reply.page(req.t(titleKey), await view(req, reply, { values, errors: translate(req, errors) }), {
      status,
    });
  getPage(app, path, access, (req, reply) => show(req, reply, {}, {}, 200));
  postForm(app, path, access, act, (req, reply, b, errors) => show(req, reply, b, errors, 400));
}

type Crumb = { href?: string; label: string };

/** The breadcrumb of a desk's pages: Isole di accoglienza › the desk › the step (the desk last when no step). */
export function deskCrumbs(req: FastifyRequest, desk: { id: string; name: string }, step?: string): Crumb[] {
  const list: Crumb[] = [{ href: '/desks', label: req.t('desks.menu.manage') }];
  if (!step) return [...list, { label: desk.name }];
  return [...list, { href: `/desks/${desk.id}`, label: desk.name }, { label: step }];
}

/** The breadcrumb of an appointment's pages: Appuntamenti allo sportello › its time › the step. */
export function appointmentCrumbs(
  req: FastifyRequest,
  a: { id: string; starts_at: Date },
  step?: string,
): Crumb[] {
  const list: Crumb[] = [{ href: '/desks/appointments', label: req.t('desks.menu.appointments') }];
  const when = fmtWhen(a.starts_at, req.lang);
  if (!step) return [...list, { label: when }];
  return [...list, { href: `/desks/appointments/${a.id}`, label: when }, { label: step }];
}
