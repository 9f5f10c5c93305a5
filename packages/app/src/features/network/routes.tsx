import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { identityOf } from '../../platform/auth/oidc.ts';
import { ROLES } from '../../platform/auth/permissions.ts';
import type { Role } from '../../platform/db/schema.ts';
import { PonteError } from '../../platform/errors.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { loadPage, readPage } from '../../platform/forms/page.ts';
import { flashFrom, pageSchemas } from '../../platform/http/page-schemas.ts';
import { Confirmation, type ConfirmationProps, type FieldErrors } from '../../platform/ui/components.tsx';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import './messages.ts';
import * as repo from './repository.ts';
import * as svc from './service.ts';
import {
  OrgFormView,
  OrgListView,
  orgValues,
  ProtocolFormView,
  ProtocolListView,
  roleOptions,
  TerritoryFormView,
  TerritoryListView,
  territoryOptions,
  UserDetailView,
  UserFormView,
  UserListView,
  withQuery,
} from './views.tsx';

registerMenuItem({
  href: '/network/organisations',
  label: 'network.menu.orgs',
  access: 'network.manage',
  order: 60,
});
registerMenuItem({
  href: '/network/territories',
  label: 'network.menu.territories',
  access: 'network.manage',
  order: 61,
});
registerMenuItem({
  href: '/network/protocols',
  label: 'network.menu.protocols',
  access: 'network.manage',
  order: 62,
});
registerMenuItem({
  href: '/network/users',
  label: 'network.menu.users',
  access: 'network.manage',
  order: 63,
});

type Strings = Record<string, string | undefined>;
const ACCESS = { access: 'network.manage' } as const;
// Forms and filters arrive as flat string maps; every field is then validated by the service, so that a bad
// value gets its message next to the field instead of a generic 400.
const { getSchema, postSchema } = pageSchemas({ maxQuery: 300 });

/** The success notices a redirect may ask for; anything else in `ok` is ignored. */
const FLASH: Record<string, string> = {
  'org-created': 'orgs.created',
  'org-saved': 'network.saved',
  'org-deactivated': 'orgs.deactivated',
  'territory-created': 'terr.created',
  'protocol-created': 'prot.created',
  'protocol-saved': 'network.saved',
  'signatory-added': 'prot.signatory.added',
  'signatory-removed': 'prot.signatory.removed',
  'membership-added': 'users.membership.added',
  'membership-removed': 'users.membership.removed',
  'user-deactivated': 'users.deactivated',
  'totp-reset': 'users.resetTotp.done',
  'oidc-linked': 'users.oidc.linked',
  'oidc-unlinked': 'users.oidc.unlinked',
};
const flashOf = flashFrom(FLASH);

function auditCtx(req: FastifyRequest): svc.AuditCtx {
  return {
    userId: req.actor?.userId ?? null,
    orgId: req.actor?.orgId ?? null,
    ip: req.ip,
    requestId: req.id,
  };
}

function translate(req: FastifyRequest, errors: svc.Errors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, req.t(v)]));
}

function uuidParam(v: string | undefined): string {
  if (!svc.isUuid(v)) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return v;
}

/** The row a URL names, or the not-found page. */
function found<T>(row: T | null | undefined): T {
  if (!row) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return row;
}

/** The paging props of a list view, from one page of a repository listing. */
/** A page of a list, the last one when the URL asks for a page after it (platform/forms/page.ts). */
const listOf = async <T,>(
  raw: string | undefined,
  load: (page: number) => Promise<{ rows: T[]; total: number }>,
) => {
  const result = await loadPage(readPage(raw), svc.PAGE_SIZE, load);
  return { rows: result.rows, total: result.total, page: result.page, pageSize: svc.PAGE_SIZE };
};

const crumbs = (req: FastifyRequest, href: string, labelKey: string, current?: string) => [
  { label: req.t('network.crumb') },
  { href, label: req.t(labelKey) },
  ...(current ? [{ label: current }] : []),
];

/** Organisations, territories, the protocol, users and memberships: the network administrator's pages. */
export async function networkFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  const csrf = app.csrfProtection;
  const provider = opts.config.oidc;

  /** The confirmation page of a destructive action, under the breadcrumb of the list it belongs to. */
  const confirmPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    o: Omit<ConfirmationProps, 'ctx'> & {
      title: string;
      crumb: [href: string, labelKey: string, current: string];
    },
  ) => {
    const { title, crumb, ...props } = o;
    return reply.page(title, <Confirmation ctx={reply.pageContext()} {...props} />, {
      breadcrumb: crumbs(req, ...crumb),
    });
  };

  app.get('/network', { config: ACCESS }, async (_req, reply) => reply.redirect('/network/organisations'));

  // ── Organisations ──────────────────────────────────────────────────────────────────────────────────────
  const cavOptions = async () =>
    (await repo.orgOptions(db, { kind: 'cav', activeOnly: true })).map((o) => ({
      value: o.id,
      label: o.name,
    }));
  const territoryPicker = async (req: FastifyRequest) => territoryOptions(req, await svc.territoryTree(db));

  async function orgForm(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { org?: repo.OrgRow; values: Strings; errors?: svc.Errors; status?: number; warning?: string },
  ) {
    const title = o.org ? o.org.name : req.t('orgs.new.title');
    return reply.page(
      title,
      <OrgFormView
        ctx={reply.pageContext()}
        action={o.org ? `/network/organisations/${o.org.id}` : '/network/organisations/new'}
        values={o.values}
        errors={translate(req, o.errors ?? {})}
        territories={await territoryPicker(req)}
        cavs={(await cavOptions()).filter((c) => c.value !== o.org?.id)}
        cancel="/network/organisations"
        org={o.org}
        flash={flashOf(req.query as Strings)}
        warning={o.warning}
      />,
      { status: o.status ?? 200, breadcrumb: crumbs(req, '/network/organisations', 'orgs.title', title) },
    );
  }

  app.get<{ Querystring: Strings }>(
    '/network/organisations',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const q = (req.query.q ?? '').trim();
      const kind = svc.isOrgKind(req.query.kind) ? req.query.kind : '';
      const list = await listOf(req.query.page, (page) =>
        repo.listOrgs(db, { q, kind: kind || undefined, page, pageSize: svc.PAGE_SIZE }),
      );
      return reply.page(
        req.t('orgs.title'),
        <OrgListView ctx={reply.pageContext()} {...list} q={q} kind={kind} flash={flashOf(req.query)} />,
        { breadcrumb: crumbs(req, '/network/organisations', 'orgs.title') },
      );
    },
  );

  app.get('/network/organisations/new', { config: ACCESS, schema: getSchema }, async (req, reply) =>
    orgForm(req, reply, { values: {} }),
  );

  app.post<{ Body: Strings }>(
    '/network/organisations/new',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const r = await svc.createOrg(db, auditCtx(req), req.body);
      if (!r.ok) return orgForm(req, reply, { values: req.body, errors: r.errors, status: 400 });
      return reply.redirect(`/network/organisations/${r.value}?ok=org-created`, 303);
    },
  );

  const loadOrg = async (id: string | undefined) => found(await repo.getOrg(db, uuidParam(id)));

  app.get<{ Params: { id: string } }>(
    '/network/organisations/:id',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const org = await loadOrg(req.params.id);
      return orgForm(req, reply, { org, values: orgValues(org) });
    },
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/network/organisations/:id',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const org = await loadOrg(req.params.id);
      const r = await svc.updateOrg(db, auditCtx(req), org, req.body);
      if (!r.ok) return orgForm(req, reply, { org, values: req.body, errors: r.errors, status: 400 });
      return reply.redirect(`/network/organisations/${org.id}?ok=org-saved`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/network/organisations/:id/deactivate',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const org = await loadOrg(req.params.id);
      return confirmPage(req, reply, {
        title: req.t('orgs.deactivate.title'),
        text: req.t('orgs.deactivate.text', { name: org.name }),
        action: `/network/organisations/${org.id}/deactivate`,
        cancel: `/network/organisations/${org.id}`,
        confirmLabel: req.t('orgs.deactivate'),
        crumb: ['/network/organisations', 'orgs.title', org.name],
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/network/organisations/:id/deactivate',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const org = await loadOrg(req.params.id);
      const refused = org.active ? await svc.deactivateOrg(db, auditCtx(req), org) : null;
      if (refused)
        return orgForm(req, reply, { org, values: orgValues(org), status: 409, warning: req.t(refused) });
      return reply.redirect('/network/organisations?ok=org-deactivated', 303);
    },
  );

  // ── Territories ────────────────────────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: Strings }>(
    '/network/territories',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const q = (req.query.q ?? '').trim();
      const kind = svc.isTerritoryKind(req.query.kind) ? req.query.kind : '';
      const parentT = svc.isTerritoryId(req.query.parent)
        ? await repo.getTerritory(db, req.query.parent)
        : undefined;
      const list = await listOf(req.query.page, (page) =>
        repo.listTerritories(db, {
          q,
          kind: kind || undefined,
          parent: parentT?.id,
          page,
          pageSize: svc.PAGE_SIZE,
        }),
      );
      return reply.page(
        req.t('terr.title'),
        <TerritoryListView
          ctx={reply.pageContext()}
          {...list}
          q={q}
          kind={kind}
          parent={parentT?.id ?? ''}
          parentName={parentT?.name}
          flash={flashOf(req.query)}
        />,
        { breadcrumb: crumbs(req, '/network/territories', 'terr.title') },
      );
    },
  );

  async function territoryForm(
    req: FastifyRequest,
    reply: FastifyReply,
    values: Strings,
    errors: svc.Errors,
    status = 200,
  ) {
    const parents = (await svc.territoryTree(db)).filter((t) => t.kind !== 'comune');
    return reply.page(
      req.t('terr.new.title'),
      <TerritoryFormView
        ctx={reply.pageContext()}
        values={values}
        errors={translate(req, errors)}
        parents={territoryOptions(req, parents)}
      />,
      { status, breadcrumb: crumbs(req, '/network/territories', 'terr.title', req.t('terr.new.title')) },
    );
  }

  app.get('/network/territories/new', { config: ACCESS, schema: getSchema }, async (req, reply) =>
    territoryForm(req, reply, {}, {}),
  );

  app.post<{ Body: Strings }>(
    '/network/territories/new',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const r = await svc.createTerritory(db, auditCtx(req), req.body);
      if (!r.ok) return territoryForm(req, reply, req.body, r.errors, 400);
      return reply.redirect('/network/territories?ok=territory-created', 303);
    },
  );

  // ── Protocol ───────────────────────────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: Strings }>(
    '/network/protocols',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const list = await listOf(req.query.page, (page) =>
        repo.listProtocols(db, { page, pageSize: svc.PAGE_SIZE }),
      );
      return reply.page(
        req.t('prot.title'),
        <ProtocolListView ctx={reply.pageContext()} {...list} flash={flashOf(req.query)} />,
        { breadcrumb: crumbs(req, '/network/protocols', 'prot.title') },
      );
    },
  );

  const loadProtocol = async (id: string | undefined) => found(await repo.getProtocol(db, uuidParam(id)));

  async function protocolForm(
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      protocol?: Awaited<ReturnType<typeof loadProtocol>>;
      values: Strings;
      errors?: svc.Errors;
      signatoryValues?: Strings;
      signatoryErrors?: svc.Errors;
      status?: number;
    },
  ) {
    const title = o.protocol ? o.protocol.title : req.t('prot.new.title');
    let signatories: Awaited<ReturnType<typeof repo.signatoriesOf>> | undefined;
    let candidates: { value: string; label: string }[] | undefined;
    if (o.protocol) {
      signatories = await repo.signatoriesOf(db, o.protocol.id);
      const taken = new Set(signatories.map((s) => s.id));
      candidates = (await repo.orgOptions(db, { activeOnly: true }))
        .filter((x) => !taken.has(x.id))
        .map((x) => ({ value: x.id, label: x.name }));
    }
    return reply.page(
      title,
      <ProtocolFormView
        ctx={reply.pageContext()}
        action={o.protocol ? `/network/protocols/${o.protocol.id}` : '/network/protocols/new'}
        values={o.values}
        errors={translate(req, o.errors ?? {})}
        cancel="/network/protocols"
        flash={flashOf(req.query as Strings)}
        protocolId={o.protocol?.id}
        signatories={signatories}
        candidates={candidates}
        signatoryValues={o.signatoryValues}
        signatoryErrors={translate(req, o.signatoryErrors ?? {})}
      />,
      { status: o.status ?? 200, breadcrumb: crumbs(req, '/network/protocols', 'prot.title', title) },
    );
  }

  app.get('/network/protocols/new', { config: ACCESS, schema: getSchema }, async (req, reply) =>
    protocolForm(req, reply, { values: {} }),
  );

  app.post<{ Body: Strings }>(
    '/network/protocols/new',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const r = await svc.createProtocol(db, auditCtx(req), req.body);
      if (!r.ok) return protocolForm(req, reply, { values: req.body, errors: r.errors, status: 400 });
      return reply.redirect(`/network/protocols/${r.value}?ok=protocol-created`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/network/protocols/:id',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const protocol = await loadProtocol(req.params.id);
      return protocolForm(req, reply, { protocol, values: { ...protocol } });
    },
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/network/protocols/:id',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const protocol = await loadProtocol(req.params.id);
      const r = await svc.updateProtocol(db, auditCtx(req), protocol.id, req.body);
      if (!r.ok)
        return protocolForm(req, reply, { protocol, values: req.body, errors: r.errors, status: 400 });
      return reply.redirect(`/network/protocols/${protocol.id}?ok=protocol-saved`, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/network/protocols/:id/signatories',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const protocol = await loadProtocol(req.params.id);
      const r = await svc.addSignatory(db, auditCtx(req), protocol.id, req.body);
      if (!r.ok)
        return protocolForm(req, reply, {
          protocol,
          values: { ...protocol },
          signatoryValues: req.body,
          signatoryErrors: r.errors,
          status: 400,
        });
      return reply.redirect(`/network/protocols/${protocol.id}?ok=signatory-added`, 303);
    },
  );

  const loadSignatory = async (params: { id: string; orgId: string }) => {
    const protocol = await loadProtocol(params.id);
    const orgId = uuidParam(params.orgId);
    const org = found((await repo.signatoriesOf(db, protocol.id)).find((s) => s.id === orgId));
    return { protocol, org };
  };

  app.get<{ Params: { id: string; orgId: string } }>(
    '/network/protocols/:id/signatories/:orgId/remove',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const { protocol, org } = await loadSignatory(req.params);
      return confirmPage(req, reply, {
        title: req.t('prot.signatory.remove.title'),
        text: req.t('prot.signatory.remove.text', { org: org.name, title: protocol.title }),
        action: `/network/protocols/${protocol.id}/signatories/${org.id}/remove`,
        cancel: `/network/protocols/${protocol.id}`,
        confirmLabel: req.t('prot.signatory.remove'),
        crumb: ['/network/protocols', 'prot.title', protocol.title],
      });
    },
  );

  app.post<{ Params: { id: string; orgId: string } }>(
    '/network/protocols/:id/signatories/:orgId/remove',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const { protocol, org } = await loadSignatory(req.params);
      await svc.removeSignatory(db, auditCtx(req), protocol.id, org.id);
      return reply.redirect(`/network/protocols/${protocol.id}?ok=signatory-removed`, 303);
    },
  );

  // ── Users ──────────────────────────────────────────────────────────────────────────────────────────────
  const activeOrgOptions = async () =>
    (await repo.orgOptions(db, { activeOnly: true })).map((o) => ({ value: o.id, label: o.name }));

  app.get<{ Querystring: Strings }>(
    '/network/users',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const q = (req.query.q ?? '').trim();
      const list = await listOf(req.query.page, (page) =>
        repo.listUsers(db, { q, page, pageSize: svc.PAGE_SIZE }),
      );
      const memberships = await repo.membershipsOf(
        db,
        list.rows.map((r) => r.id),
      );
      return reply.page(
        req.t('users.title'),
        <UserListView
          ctx={reply.pageContext()}
          {...list}
          memberships={memberships}
          q={q}
          flash={flashOf(req.query)}
        />,
        { breadcrumb: crumbs(req, '/network/users', 'users.title') },
      );
    },
  );

  async function userForm(
    req: FastifyRequest,
    reply: FastifyReply,
    values: Strings,
    errors: svc.Errors,
    status = 200,
  ) {
    return reply.page(
      req.t('users.new.title'),
      <UserFormView
        ctx={reply.pageContext()}
        values={values}
        errors={translate(req, errors)}
        orgs={await activeOrgOptions()}
        roles={roleOptions(req, ROLES)}
      />,
      { status, breadcrumb: crumbs(req, '/network/users', 'users.title', req.t('users.new.title')) },
    );
  }

  app.get('/network/users/new', { config: ACCESS, schema: getSchema }, async (req, reply) =>
    userForm(req, reply, {}, {}),
  );

  const loadUser = async (id: string | undefined) => found(await repo.getUser(db, uuidParam(id)));

  async function userDetail(
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      user: repo.UserRow;
      values?: Strings;
      errors?: svc.Errors;
      status?: number;
      generatedPassword?: string;
      passwordReset?: boolean;
      flash?: string;
      warning?: string;
    },
  ) {
    return reply.page(
      o.user.display_name,
      <UserDetailView
        ctx={reply.pageContext()}
        user={o.user}
        memberships={await repo.membershipsOf(db, [o.user.id])}
        orgs={await activeOrgOptions()}
        roles={roleOptions(req, ROLES)}
        values={o.values ?? {}}
        errors={translate(req, o.errors ?? {})}
        flash={o.flash ?? flashOf(req.query as Strings)}
        generatedPassword={o.generatedPassword}
        passwordReset={o.passwordReset}
        warning={o.warning}
        oidc={provider ? { claim: provider.claim, identity: await identityOf(db, o.user.id) } : undefined}
      />,
      {
        status: o.status ?? 200,
        breadcrumb: crumbs(req, '/network/users', 'users.title', o.user.display_name),
      },
    );
  }

  app.post<{ Body: Strings }>(
    '/network/users/new',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const r = await svc.createUser(db, auditCtx(req), req.body);
      if (!r.ok) return userForm(req, reply, { ...req.body, password: undefined }, r.errors, 400);
      const user = await loadUser(r.value.id);
      // Rendered here rather than after a redirect: a generated password must never travel in a URL.
      return userDetail(req, reply, {
        user,
        flash: 'users.created',
        generatedPassword: r.value.generatedPassword,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/network/users/:id',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => userDetail(req, reply, { user: await loadUser(req.params.id) }),
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/network/users/:id/memberships',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const user = await loadUser(req.params.id);
      const r = await svc.addMembership(db, auditCtx(req), user.id, req.body);
      if (!r.ok) return userDetail(req, reply, { user, values: req.body, errors: r.errors, status: 400 });
      return reply.redirect(`/network/users/${user.id}?ok=membership-added`, 303);
    },
  );

  const loadMembership = async (userId: string | undefined, src: Strings) => {
    const user = await loadUser(userId);
    const orgId = uuidParam(src.org);
    const role = src.role;
    const m = found(
      (await repo.membershipsOf(db, [user.id])).find((x) => x.organisation_id === orgId && x.role === role),
    );
    return { user, m };
  };

  app.get<{ Params: { id: string }; Querystring: Strings }>(
    '/network/users/:id/memberships/remove',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const { user, m } = await loadMembership(req.params.id, req.query);
      const role = req.t(`role.${m.role}`);
      return confirmPage(req, reply, {
        title: req.t('users.membership.remove.title'),
        text: req.t('users.membership.remove.text', { user: user.display_name, role, org: m.org_name }),
        action: `/network/users/${user.id}/memberships/remove`,
        cancel: `/network/users/${user.id}`,
        confirmLabel: req.t('users.membership.remove'),
        hidden: { org: m.organisation_id, role: m.role },
        crumb: ['/network/users', 'users.title', user.display_name],
      });
    },
  );

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/network/users/:id/memberships/remove',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const { user, m } = await loadMembership(req.params.id, req.body);
      const refused = await svc.removeMembership(
        db,
        auditCtx(req),
        user.id,
        m.organisation_id,
        m.role as Role,
      );
      if (refused) return userDetail(req, reply, { user, status: 409, warning: req.t(refused) });
      return reply.redirect(`/network/users/${user.id}?ok=membership-removed`, 303);
    },
  );

  for (const action of ['deactivate', 'reset-second-factor'] as const) {
    const keys =
      action === 'deactivate'
        ? {
            title: 'users.deactivate.title',
            text: 'users.deactivate.text',
            label: 'users.deactivate',
            ok: 'user-deactivated',
          }
        : {
            title: 'users.resetTotp.title',
            text: 'users.resetTotp.text',
            label: 'users.resetTotp',
            ok: 'totp-reset',
          };
    app.get<{ Params: { id: string } }>(
      `/network/users/:id/${action}`,
      { config: ACCESS, schema: getSchema },
      async (req, reply) => {
        const user = await loadUser(req.params.id);
        return confirmPage(req, reply, {
          title: req.t(keys.title),
          text: req.t(keys.text, { user: user.display_name }),
          action: `/network/users/${user.id}/${action}`,
          cancel: `/network/users/${user.id}`,
          confirmLabel: req.t(keys.label),
          crumb: ['/network/users', 'users.title', user.display_name],
        });
      },
    );
    app.post<{ Params: { id: string } }>(
      `/network/users/:id/${action}`,
      { config: ACCESS, schema: postSchema, onRequest: csrf },
      async (req, reply) => {
        const user = await loadUser(req.params.id);
        let refused: string | null = null;
        if (action === 'deactivate') refused = await svc.deactivateUser(db, auditCtx(req), user.id);
        else await svc.resetSecondFactor(db, auditCtx(req), user.id);
        if (refused) return userDetail(req, reply, { user, status: 409, warning: req.t(refused) });
        return reply.redirect(withQuery(`/network/users/${user.id}`, { ok: keys.ok }), 303);
      },
    );
  }

  // The identity of the organisation's provider (OIDC, decision 0055): linked and unlinked by the administrator,
  // never by a login. Without a configured provider these pages do not exist.
  const needProvider = () => {
    if (!provider) throw new PonteError('PONTE_ERR_NOT_FOUND');
    return provider;
  };

  app.post<{ Params: { id: string }; Body: Strings }>(
    '/network/users/:id/oidc',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const p = needProvider();
      const user = await loadUser(req.params.id);
      const r = await svc.linkOidcIdentity(db, auditCtx(req), user.id, p, req.body);
      if (!r.ok) return userDetail(req, reply, { user, values: req.body, errors: r.errors, status: 400 });
      return reply.redirect(`/network/users/${user.id}?ok=oidc-linked`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/network/users/:id/oidc/remove',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      needProvider();
      const user = await loadUser(req.params.id);
      found(await identityOf(db, user.id));
      return confirmPage(req, reply, {
        title: req.t('users.oidc.unlink.title'),
        text: req.t('users.oidc.unlink.text', { user: user.display_name }),
        action: `/network/users/${user.id}/oidc/remove`,
        cancel: `/network/users/${user.id}`,
        confirmLabel: req.t('users.oidc.unlink'),
        crumb: ['/network/users', 'users.title', user.display_name],
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/network/users/:id/oidc/remove',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      needProvider();
      const user = await loadUser(req.params.id);
      found(await svc.unlinkOidcIdentity(db, auditCtx(req), user.id));
      return reply.redirect(`/network/users/${user.id}?ok=oidc-unlinked`, 303);
    },
  );

  // An administrator gives her a new one-time password (she forgot hers): confirmation first, then the password
  // shown once in the answer of the POST (never in a URL), her sessions ended, changed by her at the next login.
  app.get<{ Params: { id: string } }>(
    '/network/users/:id/reset-password',
    { config: ACCESS, schema: getSchema },
    async (req, reply) => {
      const user = await loadUser(req.params.id);
      return confirmPage(req, reply, {
        title: req.t('users.resetPassword.title'),
        text: req.t('users.resetPassword.text', { user: user.display_name }),
        action: `/network/users/${user.id}/reset-password`,
        cancel: `/network/users/${user.id}`,
        confirmLabel: req.t('users.resetPassword'),
        crumb: ['/network/users', 'users.title', user.display_name],
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/network/users/:id/reset-password',
    { config: ACCESS, schema: postSchema, onRequest: csrf },
    async (req, reply) => {
      const user = await loadUser(req.params.id);
      if (!user.active) return reply.redirect(`/network/users/${user.id}`, 303);
      const password = await svc.resetPassword(db, auditCtx(req), user.id);
      return userDetail(req, reply, { user, generatedPassword: password, passwordReset: true });
    },
  );
}
