import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { can } from '../../platform/auth/permissions.ts';
import { now as clockNow, todayIso } from '../../platform/clock.ts';
import { PonteError } from '../../platform/errors.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { formatDateTime } from '../../platform/format.ts';
import { loadPage, readPage } from '../../platform/forms/page.ts';
import { flashFrom, pageSchemas } from '../../platform/http/page-schemas.ts';
import type { FieldErrors } from '../../platform/ui/components.tsx';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import type { PiiFinding } from '../cases/index.ts';
import { signedAt, verbaleContent } from './content.ts';
import './home.ts';
import './messages.ts';
import { parseMultipart, type Upload } from './multipart.ts';
import { verbalePdf } from './pdf.ts';
import * as repo from './repository.ts';
import * as svc from './service.ts';
import {
  ActionView,
  AttendanceView,
  ListView,
  MeetingFormView,
  MeetingView,
  RepliesView,
  type ReplyResult,
  RevisionView,
  SettingsView,
  TableFormView,
  TableView,
  type VerbaleContent,
  VerbaleView,
  VerifyView,
} from './views.tsx';

registerMenuItem({
  href: '/roundtables',
  label: 'roundtables.menu',
  access: 'roundtables.take_part',
  order: 40,
});

type Body = Record<string, string | string[] | Upload | undefined>;
type Strings = Record<string, string | undefined>;

const PAGE_SIZE = 20;
const { getSchema, postSchema } = pageSchemas({ lists: true });
/** A multipart upload (an attachment, a PDF to check): up to 20 MB a file; beyond, the form says so. */
const UPLOAD_LIMIT = 48 * 1024 * 1024;

const FLASH: Record<string, string> = {
  created: 'roundtables.flash.created',
  saved: 'roundtables.flash.saved',
  meeting: 'roundtables.flash.meeting',
  invited: 'roundtables.flash.invited',
  cancelled: 'roundtables.flash.cancelled',
  rsvp: 'roundtables.flash.rsvp',
  item: 'roundtables.flash.item',
  attachment: 'roundtables.flash.attachment',
  attendance: 'roundtables.flash.attendance',
  verbale: 'roundtables.flash.verbale',
  circulated: 'roundtables.flash.circulated',
  amended: 'roundtables.flash.amended',
  approved: 'roundtables.flash.approved',
  signed: 'roundtables.flash.signed',
  final: 'roundtables.flash.final',
  corrected: 'roundtables.flash.corrected',
  action: 'roundtables.flash.action',
};
const flashOf = flashFrom(FLASH);

function flat(body: Body | undefined): Strings {
  return Object.fromEntries(
    Object.entries(body ?? {}).map(([k, v]) => [
      k,
      Array.isArray(v) ? v[0] : typeof v === 'string' ? v : undefined,
    ]),
  );
}

function ctxOf(req: FastifyRequest): svc.Ctx {
  const a = req.actor!;
  return { userId: a.userId, orgId: a.orgId, ip: req.ip, requestId: req.id };
}

const translate = (req: FastifyRequest, errors: svc.Errors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, req.t(v)]));

/** Renames the fields of errors and findings for a form repeated on a page (one per agenda item). */
function suffixed<T>(o: Record<string, T>, suffix: string, keep: readonly string[] = []): Record<string, T> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [keep.includes(k) ? k : `${k}_${suffix}`, v]));
}

interface Failure {
  errors: svc.Errors;
  findings: Record<string, PiiFinding[]>;
  status: number;
}

/** Runs a form action; a FormError becomes the failure to render (400, or 409 when someone changed it meanwhile). */
async function attempt(action: () => Promise<void>): Promise<Failure | null> {
  try {
    await action();
    return null;
  } catch (e) {
    if (!(e instanceof svc.FormError)) throw e;
    return { errors: e.errors, findings: e.findings, status: e.conflict ? 409 : 400 };
  }
}

/** What a page is shown again with when its form failed: what was typed, and the failure. */
interface Redo {
  values?: Strings;
  failure?: Failure;
}

/** A page of one thing of a tavolo (a meeting, an action), shown again with what was typed when its form failed. */
type PageOf<T> = (
  req: FastifyRequest,
  reply: FastifyReply,
  a: svc.TableAccess,
  x: T,
  o?: Redo,
) => Promise<unknown>;

/** A form view's props after a failed post: what was typed, the errors in the reader's language, the findings. */
const refill = (req: FastifyRequest, o: Redo) => ({
  values: o.values ?? {},
  errors: translate(req, o.failure?.errors ?? {}),
  findings: o.failure?.findings ?? {},
});

export async function roundtablesFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  const csrf = app.csrfProtection;

  // Multipart bodies (attachments, a PDF to check), in this plugin only: read whole, up to UPLOAD_LIMIT.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (req, body, done) => {
      try {
        done(null, parseMultipart(String(req.headers['content-type'] ?? ''), body as Buffer, svc.MAX_UPLOAD));
      } catch {
        done(new PonteError('PONTE_ERR_BAD_REQUEST'), undefined);
      }
    },
  );
  const uploadSchema = { querystring: getSchema.querystring };

  const manageOk = (req: FastifyRequest) => can(req.actor!.roles, 'roundtables.manage');
  const tableOf = (req: FastifyRequest<{ Params: { id: string } }>) =>
    svc.tableFor(db, req.params.id, req.actor!.userId);
  const crumbs = (req: FastifyRequest, table?: { id: string; name: string }) => [
    { href: '/roundtables', label: req.t('roundtables.menu') },
    ...(table ? [{ href: `/roundtables/${table.id}`, label: table.name }] : []),
  ];
  /** A page under a tavolo's page (a form, the check of a copy, an action): the tavolo in the trail. */
  const pageOfTable = (reply: FastifyReply, a: svc.TableAccess, title: string, body: VNode, status = 200) =>
    reply.page(title, body, { status, breadcrumb: [...crumbs(reply.request, a.table), { label: title }] });

  // ── List ─────────────────────────────────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: Strings }>(
    '/roundtables',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const mine = await repo.tablesOf(db, req.actor!.userId);
      const all = manageOk(req)
        ? await loadPage(readPage(req.query.page), PAGE_SIZE, (p) => repo.allTables(db, p, PAGE_SIZE))
        : undefined;
      return reply.page(
        req.t('roundtables.menu'),
        <ListView ctx={reply.pageContext()} mine={mine} all={all && { ...all, pageSize: PAGE_SIZE }} />,
      );
    },
  );

  // ── Administration (network admin) ─────────────────────────────────────────────────────────────────────
  async function newTablePage(req: FastifyRequest, reply: FastifyReply, values: Strings, f?: Failure) {
    return reply.page(
      req.t('roundtables.new'),
      <TableFormView
        ctx={reply.pageContext()}
        action="/roundtables"
        territories={await repo.territories(db)}
        values={values}
        errors={translate(req, f?.errors ?? {})}
        withQuorum={false}
      />,
      { status: f?.status ?? 200, breadcrumb: [...crumbs(req), { label: req.t('roundtables.new') }] },
    );
  }

  app.get('/roundtables/new', { config: { access: 'roundtables.manage' }, schema: getSchema }, (req, reply) =>
    newTablePage(req, reply, { freeze_days: '7' }),
  );

  app.post<{ Body: Body }>(
    '/roundtables',
    { config: { access: 'roundtables.manage' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const v = flat(req.body);
      let id = '';
      const f = await attempt(async () => {
        id = await svc.createTable(db, v, ctxOf(req));
      });
      if (f) return newTablePage(req, reply, v, f);
      return reply.redirect(`/roundtables/${id}/settings?ok=created`, 303);
    },
  );

  async function settingsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    table: repo.TableRow,
    o: { values?: Strings; failure?: Failure; formValues?: Strings } = {},
  ) {
    const members = await repo.memberOrgs(db, table.id);
    const errors = translate(req, o.failure?.errors ?? {});
    const ctx = reply.pageContext();
    const fv = o.formValues ?? {
      name: table.name,
      territory_id: table.territory_id,
      mailbox: table.mailbox,
      freeze_days: String(table.freeze_days),
      quorum: table.quorum === null ? '' : String(table.quorum),
      version: String(table.version),
    };
    return reply.page(
      req.t('roundtables.settings', { name: table.name }),
      <SettingsView
        ctx={ctx}
        table={table}
        form={
          <TableFormView
            ctx={ctx}
            action={`/roundtables/${table.id}/settings`}
            territories={await repo.territories(db)}
            values={fv}
            errors={o.formValues ? errors : {}}
            withQuorum
            memberCount={members.length}
          />
        }
        members={members}
        orgs={await repo.candidateOrgs(db)}
        delegates={await repo.delegates(db, table.id)}
        candidates={await repo.delegateCandidates(db, table.id)}
        values={o.values ?? {}}
        errors={o.formValues ? {} : errors}
        flash={flashOf(req.query)}
      />,
      {
        status: o.failure?.status ?? 200,
        breadcrumb: [...crumbs(req), { label: req.t('roundtables.settings', { name: table.name }) }],
      },
    );
  }

  app.get<{ Params: { id: string } }>(
    '/roundtables/:id/settings',
    { config: { access: 'roundtables.manage' }, schema: getSchema },
    async (req, reply) => settingsPage(req, reply, await svc.tableForAdmin(db, req.params.id)),
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/roundtables/:id/settings',
    { config: { access: 'roundtables.manage' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const table = await svc.tableForAdmin(db, req.params.id);
      const v = flat(req.body);
      const f = await attempt(() => svc.updateTable(db, table, v, ctxOf(req)));
      if (f) return settingsPage(req, reply, table, { failure: f, formValues: v });
      return reply.redirect(`/roundtables/${table.id}/settings?ok=saved`, 303);
    },
  );

  const adminAction = (
    path: string,
    run: (
      table: repo.TableRow,
      b: Strings,
      req: FastifyRequest<{ Params: Record<string, string> }>,
    ) => Promise<void>,
  ) =>
    app.post<{ Params: Record<string, string>; Body: Body }>(
      `/roundtables/:id/${path}`,
      { config: { access: 'roundtables.manage' }, onRequest: csrf, schema: postSchema },
      async (req, reply) => {
        const table = await svc.tableForAdmin(db, req.params.id!);
        const v = flat(req.body);
        const f = await attempt(() => run(table, v, req));
        if (f) return settingsPage(req, reply, table, { failure: f, values: v });
        return reply.redirect(`/roundtables/${table.id}/settings?ok=saved`, 303);
      },
    );
  adminAction('settings/orgs', (t, b, req) => svc.addOrg(db, t, b.organisation_id, ctxOf(req)));
  adminAction('settings/orgs/:orgId/remove', (t, _b, req) =>
    svc.removeOrg(db, t, req.params.orgId!, ctxOf(req)),
  );
  adminAction('settings/delegates', (t, b, req) => svc.addDelegate(db, t, b, ctxOf(req)));
  adminAction('settings/delegates/:delegateId/deactivate', (t, _b, req) =>
    svc.deactivateDelegate(db, t, req.params.delegateId!, ctxOf(req)),
  );
  adminAction('settings/deactivate', (t, _b, req) => svc.setActive(db, t, false, ctxOf(req)));
  adminAction('settings/reactivate', (t, _b, req) => svc.setActive(db, t, true, ctxOf(req)));

  // ── The tavolo's page ──────────────────────────────────────────────────────────────────────────────────
  app.get<{ Params: { id: string }; Querystring: Strings }>(
    '/roundtables/:id',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      const now = clockNow();
      const past = await loadPage(readPage(req.query.page), PAGE_SIZE, (p) =>
        repo.pastMeetings(db, a.table.id, now, p, PAGE_SIZE),
      );
      // Each list its own page (`page`, `actions`, `decisions`); a page beyond the end shows the last one.
      const actions = await loadPage(readPage(req.query.actions), PAGE_SIZE, (p) =>
        repo.openActionsPage(db, a.table.id, todayIso(), p, PAGE_SIZE),
      );
      const decisions = await loadPage(readPage(req.query.decisions), PAGE_SIZE, (p) =>
        repo.decisionsWithProgress(db, a.table.id, p, PAGE_SIZE),
      );
      return reply.page(
        a.table.name,
        <TableView
          ctx={reply.pageContext()}
          table={a.table}
          role={a.role}
          runs={svc.runs(a)}
          today={todayIso()}
          upcoming={await repo.upcomingMeetings(db, a.table.id, now)}
          past={{ ...past, pageSize: PAGE_SIZE }}
          actions={{ ...actions, pageSize: PAGE_SIZE }}
          decisions={{ ...decisions, pageSize: PAGE_SIZE }}
          members={await repo.memberOrgs(db, a.table.id)}
          delegates={await repo.delegates(db, a.table.id)}
          flash={flashOf(req.query)}
        />,
        { breadcrumb: [...crumbs(req), { label: a.table.name }] },
      );
    },
  );

  // ── Meetings ───────────────────────────────────────────────────────────────────────────────────────────
  async function meetingFormPage(
    req: FastifyRequest,
    reply: FastifyReply,
    a: svc.TableAccess,
    o: { action: string; cancel: string; values: Strings; failure?: Failure; title: string },
  ) {
    const places = (await repo.memberOrgs(db, a.table.id)).filter((x) => x.kind !== 'shelter');
    const dateError = o.failure?.errors.date ?? '';
    return pageOfTable(
      reply,
      a,
      o.title,
      <MeetingFormView
        ctx={reply.pageContext()}
        action={o.action}
        cancel={o.cancel}
        places={places}
        values={o.values}
        errors={translate(req, o.failure?.errors ?? {})}
        confirm={dateError.startsWith('roundtables.warn.')}
      />,
      o.failure?.status,
    );
  }

  app.get<{ Params: { id: string } }>(
    '/roundtables/:id/meetings/new',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      svc.requireRuns(a);
      return meetingFormPage(req, reply, a, {
        action: `/roundtables/${a.table.id}/meetings`,
        cancel: `/roundtables/${a.table.id}`,
        values: { duration: '120', time: '10:00' },
        title: req.t('roundtables.meetings.new'),
      });
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/roundtables/:id/meetings',
    { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      const v = flat(req.body);
      let id = '';
      const f = await attempt(async () => {
        id = await svc.createMeeting(db, a, v, ctxOf(req));
      });
      if (f)
        return meetingFormPage(req, reply, a, {
          action: `/roundtables/${a.table.id}/meetings`,
          cancel: `/roundtables/${a.table.id}`,
          values: v,
          failure: f,
          title: req.t('roundtables.meetings.new'),
        });
      return reply.redirect(`/roundtables/${a.table.id}/meetings/${id}?ok=meeting`, 303);
    },
  );

  type MP = { id: string; meetingId: string };
  const meetingOf = async (req: FastifyRequest<{ Params: MP }>) => {
    const a = await tableOf(req);
    return { a, m: await svc.meetingOf(db, a, req.params.meetingId) };
  };
  const meetingTitle = (req: FastifyRequest, m: repo.MeetingRow) =>
    req.t('roundtables.meeting.title', { at: formatAt(req, m.starts_at) });

  /** A page under a meeting (attendance, verbale): the meeting in the trail, the status of the form that failed. */
  const pageOfMeeting = (
    reply: FastifyReply,
    a: svc.TableAccess,
    m: repo.MeetingRow,
    title: string,
    body: VNode,
    failure: Failure | undefined,
  ) =>
    reply.page(title, body, {
      status: failure?.status ?? 200,
      breadcrumb: [
        ...crumbs(reply.request, a.table),
        { href: `/roundtables/${a.table.id}/meetings/${m.id}`, label: meetingTitle(reply.request, m) },
        { label: title },
      ],
    });

  const meetingPage: PageOf<repo.MeetingRow> = async (req, reply, a, m, o = {}) => {
    const prev = await repo.previousMeeting(db, a.table.id, m.starts_at);
    const members = await repo.memberOrgs(db, a.table.id);
    return reply.page(
      meetingTitle(req, m),
      <MeetingView
        ctx={reply.pageContext()}
        table={a.table}
        meeting={m}
        role={a.role}
        runs={svc.runs(a)}
        proposes={svc.proposes(a)}
        chair={a.role === 'presidente'}
        frozen={svc.isFrozen(a.table, m)}
        userId={req.actor!.userId}
        today={todayIso()}
        items={await repo.itemsOf(db, m.id)}
        attachments={await repo.attachmentsOf(db, m.id)}
        members={members}
        myOrg={a.delegate.organisation_id}
        people={await repo.delegatesForMeeting(db, a.table.id, m.id)}
        colleagues={await repo.colleagues(db, a.delegate.organisation_id, req.actor!.userId)}
        openActions={await repo.openActions(db, a.table.id)}
        previous={prev ? { meetingId: prev.id, verbale: await repo.verbaleOf(db, prev.id) } : null}
        verbale={await repo.verbaleOf(db, m.id)}
        snapshots={await repo.snapshotsOf(db, m.id)}
        quorum={await svc.quorum(db, a.table, m.id)}
        {...refill(req, o)}
        flash={flashOf(req.query)}
      />,
      {
        status: o.failure?.status ?? 200,
        breadcrumb: [...crumbs(req, a.table), { label: meetingTitle(req, m) }],
      },
    );
  };

  app.get<{ Params: MP }>(
    '/roundtables/:id/meetings/:meetingId',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      return meetingPage(req, reply, a, m);
    },
  );

  app.get<{ Params: MP }>(
    '/roundtables/:id/meetings/:meetingId/edit',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      svc.requireRuns(a);
      const z = svc.romeDate(m.starts_at);
      const time = svc.romeTime(m.starts_at);
      return meetingFormPage(req, reply, a, {
        action: `/roundtables/${a.table.id}/meetings/${m.id}/edit`,
        cancel: `/roundtables/${a.table.id}/meetings/${m.id}`,
        values: {
          date: z.toString(),
          time,
          duration: String(m.duration_minutes),
          place_org_id: m.place_org_id ?? '',
          video_link: m.video_link ?? '',
          version: String(m.version),
        },
        title: req.t('roundtables.meeting.edit'),
      });
    },
  );

  app.post<{ Params: MP; Body: Body }>(
    '/roundtables/:id/meetings/:meetingId/edit',
    { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      const v = flat(req.body);
      const f = await attempt(() => svc.updateMeeting(db, a, m, v, ctxOf(req)));
      if (f)
        return meetingFormPage(req, reply, a, {
          action: `/roundtables/${a.table.id}/meetings/${m.id}/edit`,
          cancel: `/roundtables/${a.table.id}/meetings/${m.id}`,
          values: v,
          failure: f,
          title: req.t('roundtables.meeting.edit'),
        });
      return reply.redirect(`/roundtables/${a.table.id}/meetings/${m.id}?ok=saved`, 303);
    },
  );

  /** A form posted from the meeting page: on error, the meeting page again with the messages. */
  const meetingAction = (
    path: string,
    ok: string,
    run: (
      a: svc.TableAccess,
      m: repo.MeetingRow,
      b: Strings,
      req: FastifyRequest<{ Params: MP }>,
    ) => Promise<void>,
  ) =>
    app.post<{ Params: MP; Body: Body }>(
      `/roundtables/:id/meetings/:meetingId/${path}`,
      { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: postSchema },
      async (req, reply) => {
        const { a, m } = await meetingOf(req);
        const v = flat(req.body);
        const f = await attempt(() => run(a, m, v, req));
        if (f)
          return meetingPage(req, reply, a, (await repo.meetingById(db, m.id))!, { values: v, failure: f });
        return reply.redirect(`/roundtables/${a.table.id}/meetings/${m.id}?ok=${ok}`, 303);
      },
    );
  meetingAction('invite', 'invited', (a, m, _b, req) => svc.invite(db, a, m, ctxOf(req)));
  meetingAction('cancel', 'cancelled', (a, m, _b, req) => svc.cancelMeeting(db, a, m, ctxOf(req)));
  meetingAction('rsvp', 'rsvp', (a, m, b, req) => svc.answerInvitation(db, a, m, b, ctxOf(req)));
  meetingAction('items', 'item', (a, m, b, req) => svc.addItem(db, a, m, b, ctxOf(req)));
  meetingAction('approve-previous', 'approved', (a, m, _b, req) => svc.approvePrevious(db, a, m, ctxOf(req)));

  app.post<{ Params: MP & { itemId: string }; Body: Body }>(
    '/roundtables/:id/meetings/:meetingId/items/:itemId/attachments',
    { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: uploadSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      const b = req.body ?? {};
      const file = isUpload(b.file) ? b.file : undefined;
      const item = svc.isUuid(req.params.itemId) ? await repo.itemById(db, req.params.itemId) : undefined;
      const pos = String(item?.position ?? 0);
      const title = typeof b.title === 'string' ? b.title : flat(b)[`att_title_${pos}`];
      const f = await attempt(() =>
        svc.addAttachment(db, a, m, req.params.itemId, { title, file }, ctxOf(req)),
      );
      if (f) {
        const renamed: Failure = {
          ...f,
          errors: Object.fromEntries(
            Object.entries(f.errors).map(([k, v]) => [
              k === 'att_title' ? `att_title_${pos}` : `file_${pos}`,
              v,
            ]),
          ),
          findings: f.findings.att_title ? { [`att_title_${pos}`]: f.findings.att_title } : {},
        };
        return meetingPage(req, reply, a, m, { values: { [`att_title_${pos}`]: title }, failure: renamed });
      }
      return reply.redirect(`/roundtables/${a.table.id}/meetings/${m.id}?ok=attachment`, 303);
    },
  );

  app.get<{ Params: { id: string; attachmentId: string } }>(
    '/roundtables/:id/attachments/:attachmentId',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      const x = svc.isUuid(req.params.attachmentId)
        ? await repo.attachment(db, req.params.attachmentId)
        : undefined;
      if (!x || x.roundtable_id !== a.table.id) throw new PonteError('PONTE_ERR_NOT_FOUND');
      return reply
        .header('content-type', x.content_type)
        .header(
          'content-disposition',
          `attachment; filename="${asciiName(x.filename)}"; filename*=UTF-8''${encodeURIComponent(x.filename)}`,
        )
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(x.content);
    },
  );

  // ── Attendance ─────────────────────────────────────────────────────────────────────────────────────────
  const attendancePage: PageOf<repo.MeetingRow> = async (req, reply, a, m, o = {}) => {
    const title = req.t('roundtables.attendance');
    return pageOfMeeting(
      reply,
      a,
      m,
      title,
      <AttendanceView
        ctx={reply.pageContext()}
        table={a.table}
        meeting={m}
        people={await repo.delegatesForMeeting(db, a.table.id, m.id)}
        quorum={await svc.quorum(db, a.table, m.id)}
        {...refill(req, o)}
        values={o.values}
        flash={flashOf(req.query)}
      />,
      o.failure,
    );
  };

  app.get<{ Params: MP }>(
    '/roundtables/:id/meetings/:meetingId/attendance',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      svc.requireRuns(a);
      return attendancePage(req, reply, a, m);
    },
  );

  app.post<{ Params: MP; Body: Body }>(
    '/roundtables/:id/meetings/:meetingId/attendance',
    { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      const v = flat(req.body);
      const f = await attempt(() => svc.recordAttendance(db, a, m, v, ctxOf(req)));
      if (f) return attendancePage(req, reply, a, m, { values: v, failure: f });
      return reply.redirect(`/roundtables/${a.table.id}/meetings/${m.id}/attendance?ok=attendance`, 303);
    },
  );

  // ── The verbale ────────────────────────────────────────────────────────────────────────────────────────
  const verbalePage: PageOf<repo.MeetingRow> = async (req, reply, a, m, o = {}) => {
    const v = await repo.verbaleOf(db, m.id);
    const people = await repo.delegatesForMeeting(db, a.table.id, m.id);
    const owners = (await repo.delegates(db, a.table.id))
      .filter((d) => d.active)
      .map((d) => ({ user_id: d.user_id, label: `${d.display_name} — ${d.org_name}` }));
    const title = v
      ? req.t('roundtables.verbale.number', { n: v.number, year: v.year })
      : req.t('roundtables.verbale');
    return pageOfMeeting(
      reply,
      a,
      m,
      title,
      <VerbaleView
        ctx={reply.pageContext()}
        table={a.table}
        meeting={m}
        verbale={v}
        role={a.role}
        runs={svc.runs(a)}
        present={people.some((x) => x.user_id === req.actor!.userId && x.status === 'present')}
        today={todayIso()}
        items={await repo.itemsOf(db, m.id)}
        decisions={await repo.decisionsOfMeeting(db, m.id)}
        actions={await repo.actionsOfMeeting(db, m.id)}
        people={people}
        owners={owners}
        amendments={v ? await repo.amendmentsOf(db, v.id) : []}
        revisions={v ? await repo.revisionsOf(db, v.id) : []}
        quorum={await svc.quorum(db, a.table, m.id)}
        amendDefault={await svc.defaultAmendUntil(db, a.table, m)}
        {...refill(req, o)}
        flash={flashOf(req.query)}
      />,
      o.failure,
    );
  };

  app.get<{ Params: MP }>(
    '/roundtables/:id/meetings/:meetingId/verbale',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      return verbalePage(req, reply, a, m);
    },
  );

  /** A form of one agenda item of the verbale: its fields carry the item's position (`summary_3`). */
  const itemAction = (
    path: string,
    _ok: string,
    fields: readonly string[],
    run: (
      a: svc.TableAccess,
      m: repo.MeetingRow,
      itemId: string,
      input: Strings,
      req: FastifyRequest,
    ) => Promise<void>,
  ) =>
    app.post<{ Params: MP & { itemId: string }; Body: Body }>(
      `/roundtables/:id/meetings/:meetingId/verbale/items/:itemId${path}`,
      { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: postSchema },
      async (req, reply) => {
        const { a, m } = await meetingOf(req);
        const item = svc.isUuid(req.params.itemId) ? await repo.itemById(db, req.params.itemId) : undefined;
        if (!item || item.meeting_id !== m.id) throw new PonteError('PONTE_ERR_NOT_FOUND');
        const b = flat(req.body);
        const k = String(item.position);
        const input: Strings = { version: b.version };
        for (const f of fields) input[f] = b[`${f}_${k}`] ?? b[f];
        const f = await attempt(() => run(a, m, item.id, input, req));
        if (f) {
          const typed: Strings = {};
          for (const name of fields) typed[`${name}_${k}`] = input[name];
          return verbalePage(req, reply, a, m, {
            values: typed,
            failure: { ...f, errors: suffixed(f.errors, k), findings: suffixed(f.findings, k) },
          });
        }
        return reply.redirect(
          `/roundtables/${a.table.id}/meetings/${m.id}/verbale?ok=verbale#field-summary_${k}`,
          303,
        );
      },
    );
  itemAction('', 'verbale', ['summary'], (a, m, itemId, input, req) =>
    svc.saveSummary(db, a, m, itemId, input, ctxOf(req)),
  );
  itemAction(
    '/decisions',
    'verbale',
    ['decision', 'voted', 'favour', 'against', 'abstaining', 'dissenting'],
    (a, m, itemId, input, req) => svc.addDecision(db, a, m, itemId, input, ctxOf(req)),
  );
  itemAction(
    '/actions',
    'verbale',
    ['what', 'owner', 'decision_id', 'due_on', 'review_on'],
    (a, m, itemId, input, req) => svc.addAction(db, a, m, itemId, input, ctxOf(req)),
  );

  const verbaleAction = (
    path: string,
    ok: string,
    run: (a: svc.TableAccess, m: repo.MeetingRow, b: Strings, req: FastifyRequest) => Promise<unknown>,
  ) =>
    app.post<{ Params: MP; Body: Body }>(
      `/roundtables/:id/meetings/:meetingId/verbale/${path}`,
      { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: postSchema },
      async (req, reply) => {
        const { a, m } = await meetingOf(req);
        const v = flat(req.body);
        let outcome: unknown;
        const f = await attempt(async () => {
          outcome = await run(a, m, v, req);
        });
        // A one-time code is never shown back.
        if (f) return verbalePage(req, reply, a, m, { values: { ...v, code: '' }, failure: f });
        const flash = outcome === 'complete' ? 'final' : ok;
        return reply.redirect(`/roundtables/${a.table.id}/meetings/${m.id}/verbale?ok=${flash}`, 303);
      },
    );

  const render = async (tx: typeof db, verbaleId: string): Promise<Buffer> => {
    const c = await verbaleContent(tx, verbaleId);
    return verbalePdf(c, { createdAt: signedAt(c) });
  };
  verbaleAction('circulate', 'circulated', (a, m, b, req) => svc.circulate(db, a, m, b, ctxOf(req)));
  verbaleAction('amendments', 'amended', (a, m, b, req) => svc.amend(db, a, m, b, ctxOf(req)));
  verbaleAction('sign', 'signed', (a, m, b, req) =>
    // Rendered inside the signing transaction, from what it has just written.
    svc.sign(db, a, m, b.code, ctxOf(req), render),
  );
  verbaleAction('correct', 'corrected', (a, m, b, req) =>
    svc.correct(db, a, m, b, ctxOf(req), (id) => verbaleContent(db, id)),
  );

  app.get<{ Params: MP }>(
    '/roundtables/:id/meetings/:meetingId/verbale/pdf',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const { m } = await meetingOf(req);
      const v = await repo.verbaleOf(db, m.id);
      if (!v?.pdf) throw new PonteError('PONTE_ERR_NOT_FOUND');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="verbale-${v.number}-${v.year}.pdf"`)
        .header('cache-control', 'no-store')
        .send(v.pdf);
    },
  );

  app.get<{ Params: MP & { revision: string } }>(
    '/roundtables/:id/meetings/:meetingId/verbale/revisions/:revision',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const { a, m } = await meetingOf(req);
      const v = await repo.verbaleOf(db, m.id);
      const n = /^\d{1,6}$/.test(req.params.revision) ? Number(req.params.revision) : 0;
      const r = v && n > 0 ? await repo.revision(db, v.id, n) : undefined;
      if (!v || !r) throw new PonteError('PONTE_ERR_NOT_FOUND');
      const content = (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as VerbaleContent;
      const title = req.t('roundtables.revisions.title', { n: v.number, year: v.year, rev: n });
      return reply.page(
        title,
        <RevisionView
          ctx={reply.pageContext()}
          content={content}
          reason={r.replaced_reason}
          sha={r.pdf_sha256}
          back={`/roundtables/${a.table.id}/meetings/${m.id}/verbale`}
        />,
        { breadcrumb: [...crumbs(req, a.table), { label: title }] },
      );
    },
  );

  // ── A copy of a signed verbale, checked against the register ───────────────────────────────────────────
  async function verifyPage(
    req: FastifyRequest,
    reply: FastifyReply,
    a: svc.TableAccess,
    o: { errors?: svc.Errors; result?: Parameters<typeof VerifyView>[0]['result']; status?: number } = {},
  ) {
    const title = req.t('roundtables.verify.title');
    return pageOfTable(
      reply,
      a,
      title,
      <VerifyView
        ctx={reply.pageContext()}
        tableId={a.table.id}
        errors={translate(req, o.errors ?? {})}
        result={o.result}
      />,
      o.status,
    );
  }

  app.get<{ Params: { id: string } }>(
    '/roundtables/:id/verify',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => verifyPage(req, reply, await tableOf(req)),
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/roundtables/:id/verify',
    { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: uploadSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      const file = isUpload(req.body?.file) ? req.body.file : undefined;
      if (!file || file.data.length === 0)
        return verifyPage(req, reply, a, { errors: { file: 'roundtables.err.fileMissing' }, status: 400 });
      if (file.truncated)
        return verifyPage(req, reply, a, { errors: { file: 'roundtables.err.fileTooLarge' }, status: 400 });
      const sha = svc.sha256(file.data);
      return verifyPage(req, reply, a, {
        result: { sha, match: await repo.verbaleBySha(db, a.table.id, sha) },
      });
    },
  );

  // ── Calendar replies that reached the tavolo's mailbox (iMIP METHOD:REPLY) ─────────────────────────────
  async function repliesPage(
    req: FastifyRequest,
    reply: FastifyReply,
    a: svc.TableAccess,
    o: Redo & { result?: ReplyResult } = {},
  ) {
    const title = req.t('roundtables.replies.title');
    return pageOfTable(
      reply,
      a,
      title,
      <RepliesView
        ctx={reply.pageContext()}
        tableId={a.table.id}
        mailbox={a.table.mailbox}
        {...refill(req, o)}
        result={o.result}
      />,
      o.failure?.status,
    );
  }

  app.get<{ Params: { id: string } }>(
    '/roundtables/:id/calendar-replies',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      svc.requireRuns(a);
      return repliesPage(req, reply, a);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/roundtables/:id/calendar-replies',
    { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: uploadSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      svc.requireRuns(a);
      const file = isUpload(req.body?.file) && req.body.file.filename !== '' ? req.body.file : undefined;
      const pasted = typeof req.body?.ics === 'string' ? req.body.ics : '';
      if (file?.truncated)
        return repliesPage(req, reply, a, {
          failure: { errors: { file: 'roundtables.ics.err.tooLarge' }, findings: {}, status: 400 },
        });
      // A file first; else what was pasted. What was pasted comes back with the form, a file does not.
      const values = { ics: file ? '' : pasted.slice(0, 64 * 1024) };
      let result: ReplyResult | undefined;
      const f = await attempt(async () => {
        result = await svc.importCalendarReply(
          db,
          a,
          file ? file.data.toString('utf8') : pasted,
          file ? 'file' : 'ics',
          ctxOf(req),
        );
      });
      if (f) return repliesPage(req, reply, a, { values, failure: f });
      return repliesPage(req, reply, a, { result: result! });
    },
  );

  // ── Actions ────────────────────────────────────────────────────────────────────────────────────────────
  const actionPage: PageOf<repo.ActionRow> = async (req, reply, a, x, o = {}) => {
    const title = req.t('roundtables.action.title');
    return pageOfTable(
      reply,
      a,
      title,
      <ActionView
        ctx={reply.pageContext()}
        tableId={a.table.id}
        action={x}
        notes={await repo.actionNotes(db, x.id)}
        canUpdate={x.owner_user_id === req.actor!.userId || svc.runs(a)}
        today={todayIso()}
        {...refill(req, o)}
        flash={flashOf(req.query)}
      />,
      o.failure?.status,
    );
  };

  app.get<{ Params: { id: string; actionId: string } }>(
    '/roundtables/:id/actions/:actionId',
    { config: { access: 'roundtables.take_part' }, schema: getSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      return actionPage(req, reply, a, await svc.actionOf(db, a, req.params.actionId));
    },
  );

  app.post<{ Params: { id: string; actionId: string }; Body: Body }>(
    '/roundtables/:id/actions/:actionId',
    { config: { access: 'roundtables.take_part' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      const a = await tableOf(req);
      const x = await svc.actionOf(db, a, req.params.actionId);
      const v = flat(req.body);
      const f = await attempt(() => svc.updateAction(db, a, x, v, ctxOf(req)));
      if (f) return actionPage(req, reply, a, (await repo.actionById(db, x.id))!, { values: v, failure: f });
      return reply.redirect(`/roundtables/${a.table.id}/actions/${x.id}?ok=action`, 303);
    },
  );
}

function isUpload(v: unknown): v is Upload {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as Upload).data);
}

/** A file name safe inside a quoted header value (the UTF-8 name goes in filename*). */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

function formatAt(req: FastifyRequest, at: Date): string {
  return formatDateTime(at, req.lang);
}
