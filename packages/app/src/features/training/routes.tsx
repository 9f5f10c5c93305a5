import { catalogue, rulesVersion } from '@ponte/rules';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FunctionComponent } from 'preact';
import type { Access } from '../../platform/auth/permissions.ts';
import { now, todayInRome } from '../../platform/clock.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { formatDateTime, formatTime } from '../../platform/format.ts';
import { loadPage, readPage } from '../../platform/forms/page.ts';
import { runForm } from '../../platform/forms/run.ts';
import { formBodySchema } from '../../platform/forms/text.ts';
import { flashFrom } from '../../platform/http/page-schemas.ts';
import type { FieldErrors } from '../../platform/ui/components.tsx';
import { registerMenuItem } from '../../platform/ui/menu.ts';
import './messages.ts';
import './home.ts';
import { FeedbackResultsSection, FeedbackView, QuizManageView, QuizTakeView } from './completion-views.tsx';
import { coverage, dueForRefresher } from './coverage.ts';
import * as feedback from './feedback.ts';
import { boundaryOf, type Multipart, parseMultipart } from './multipart.ts';
import { certificatePdf } from './pdf.ts';
import * as quiz from './quiz.ts';
import * as svc from './service.ts';
import { verifyRoutes } from './verify.tsx';
import {
  AttendanceView,
  CourseFormView,
  CoursesView,
  CourseView,
  CoverageView,
  EditionView,
  MyCertificatesView,
  type PersonProgress,
  RecognitionView,
  RevokeView,
} from './views.tsx';

registerMenuItem({ href: '/formazione', label: 'training.menu', access: 'training.attend', order: 40 });
registerMenuItem({
  href: '/formazione/copertura',
  label: 'training.menu.coverage',
  access: 'training.coverage',
  order: 41,
});
registerMenuItem({
  href: '/formazione/riconoscimenti',
  label: 'training.menu.recognition',
  access: 'training.recognise',
  order: 42,
});

type Body = Record<string, string | string[] | undefined>;
type Strings = Record<string, string | undefined>;

const PAGE_SIZE = 20;
const query = { type: 'object', additionalProperties: { type: 'string', maxLength: 200 } } as const;
const getSchema = { querystring: query };
const postSchema = { body: formBodySchema(), querystring: query };
const FILES = Symbol('files');

const FLASH: Record<string, string> = {
  course: 'training.flash.course',
  material: 'training.flash.material',
  edition: 'training.flash.edition',
  session: 'training.flash.session',
  enrolled: 'training.flash.enrolled',
  waiting: 'training.flash.waiting',
  already: 'training.flash.already',
  withdrawn: 'training.flash.withdrawn',
  attendance: 'training.flash.attendance',
  issued: 'training.flash.issued',
  revoked: 'training.flash.revoked',
  recognised: 'training.flash.recognised',
  recogRevoked: 'training.flash.recogRevoked',
  quizSettings: 'training.flash.quizSettings',
  question: 'training.flash.question',
  quizPassed: 'training.flash.quizPassed',
  quizFailed: 'training.flash.quizFailed',
  feedback: 'training.flash.feedback',
};
const flashKey = flashFrom(FLASH);
const flashOf = (req: FastifyRequest) => {
  const key = flashKey(req.query);
  return key ? req.t(key) : undefined;
};
const flat = (body: Body | undefined): Strings =>
  Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

function ctxOf(req: FastifyRequest): svc.Ctx {
  const a = req.actor!;
  return { userId: a.userId, orgId: a.orgId, roles: a.roles, ip: req.ip, requestId: req.id };
}
const translate = (req: FastifyRequest, errors: svc.Errors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, req.t(v)]));
/** The props of a page with a form: its context, what was typed, the errors in her language, the flash. */
const formProps = (req: FastifyRequest, reply: FastifyReply, values: Strings, errors: svc.Errors) => ({
  ctx: reply.pageContext(),
  values,
  errors: translate(req, errors),
  flash: flashOf(req),
});
/** The breadcrumb of a training page: the training home first. */
const crumbs = (req: FastifyRequest, ...rest: { href?: string; label: string }[]) => [
  { href: '/formazione', label: req.t('training.title') },
  ...rest,
];

/** Runs a form action; on a FormError calls `onError` (which sends the form again) and answers true. */
const form = (action: () => Promise<void>, onError: (errors: svc.Errors) => unknown): Promise<boolean> =>
  runForm(svc.FormError, action, (e) => onError(e.errors));

type Req = FastifyRequest<{ Params: Strings; Body: Body }>;
/** A page with a form: what was typed and the errors are sent again with them (status 400). */
type Page = (
  req: FastifyRequest,
  reply: FastifyReply,
  values?: Strings,
  errors?: svc.Errors,
  status?: number,
) => Promise<unknown>;
const param = (req: FastifyRequest, name: string) => (req.params as Strings)[name] as string;

/** The training pages of staff (issue 14), and the public verification (verify.tsx). */
export async function trainingFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  const csrf = app.csrfProtection;

  /** A page read with GET. */
  const getRoute = (path: string, access: Access, page: Page) =>
    app.get(path, { config: { access }, schema: getSchema }, async (req, reply) => page(req, reply));

  /**
   * A form's POST: `run` does it and answers what `next` needs for the address to go to; a FormError sends `page`
   * again with what was typed, the errors and status 400.
   */
  function postRoute<R>(
    path: string,
    access: Access,
    run: (req: Req, b: Strings) => Promise<R>,
    page: Page,
    next: (req: Req, result: R) => string | Promise<string>,
  ) {
    app.post<{ Params: Strings; Body: Body }>(
      path,
      { config: { access }, onRequest: csrf, schema: postSchema },
      async (req, reply) => {
        const b = flat(req.body);
        let result: R | undefined;
        const failed = await form(
          async () => {
            result = await run(req, b);
          },
          (errors) => page(req, reply, b, errors, 400),
        );
        return failed ? reply : reply.redirect(await next(req, result as R), 303);
      },
    );
  }
  /**
   * The forms of the page `page` at `base` (its `:key` the id of what it shows): each posted to `base` + a tail,
   * run with that id; back to the page with `back(ok)`, or the page again with the errors.
   */
  const formsOf =
    (base: string, key: string, page: Page, back: (ok: string) => (req: FastifyRequest) => string) =>
    (
      tail: string,
      access: Access,
      run: (ctx: svc.Ctx, id: string, b: Strings) => Promise<unknown>,
      ok: string,
    ) =>
      postRoute(`${base}${tail}`, access, (req, b) => run(ctxOf(req), param(req, key), b), page, back(ok));
  const issueConfig = () => ({ badgeKey: opts.config.badgeKey, publicUrl: opts.config.publicUrl });

  // The one form with a file: multipart, up to 25 MB on the wire so that a file a little over 20 MB is told next
  // to its field rather than refused by the server's limit.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: 25 * 1024 * 1024 },
    (req, body, done) => {
      const boundary = boundaryOf(req.headers['content-type']);
      if (!boundary) return done(null, {});
      try {
        const parsed: Multipart = parseMultipart(body as Buffer, boundary);
        done(null, { ...parsed.fields, [FILES]: parsed.files });
      } catch {
        done(null, {});
      }
    },
  );

  // ── Courses ───────────────────────────────────────────────────────────────────────────────────────────
  app.get('/formazione', { config: { access: 'training.attend' }, schema: getSchema }, async (req, reply) => {
    const page = readPage((req.query as Strings).pagina);
    const r = await loadPage(page, PAGE_SIZE, (n) => svc.listCourses(db, n, PAGE_SIZE));
    return reply.page(
      req.t('training.title'),
      <CoursesView
        ctx={reply.pageContext()}
        rows={r.rows}
        page={r.page}
        pageSize={PAGE_SIZE}
        total={r.total}
        canCreate={req.actor!.roles.some(
          (x) => x === 'trainer' || x === 'cav_coordinator' || x === 'inps_director',
        )}
        flash={flashOf(req)}
      />,
    );
  });

  const courseForm: Page = async (req, reply, values = {}, errors = {}, status = 200) =>
    reply.page(
      req.t('training.course.new'),
      <CourseFormView ctx={reply.pageContext()} values={values} errors={translate(req, errors)} />,
      {
        status,
        breadcrumb: crumbs(req, { label: req.t('training.course.new') }),
      },
    );

  getRoute('/formazione/corsi/nuovo', 'training.manage', courseForm);
  postRoute(
    '/formazione/corsi/nuovo',
    'training.manage',
    (req, b) => svc.createCourse(db, ctxOf(req), b),
    courseForm,
    (_req, id) => `/formazione/corsi/${id}?ok=course`,
  );

  const coursePage: Page = async (req, reply, values = {}, errors = {}, status = 200) => {
    const c = await svc.course(db, param(req, 'courseId'));
    return reply.page(
      c.title,
      <CourseView
        {...formProps(req, reply, values, errors)}
        course={c}
        materials={await svc.materials(db, c.id)}
        editions={await svc.editions(db, c.id)}
        manage={svc.manages(ctxOf(req), c)}
        modules={
          c.direction === 'inps_cav'
            ? {
                version: c.rules_version ?? rulesVersion,
                current: rulesVersion,
                entries: catalogue(req.lang),
              }
            : null
        }
      />,
      { status, breadcrumb: crumbs(req, { label: c.title }) },
    );
  };

  getRoute('/formazione/corsi/:courseId', 'training.attend', coursePage);
  postRoute(
    '/formazione/corsi/:courseId/link',
    'training.manage',
    (req, b) => svc.addLink(db, ctxOf(req), param(req, 'courseId'), b),
    coursePage,
    (req) => `/formazione/corsi/${param(req, 'courseId')}?ok=material`,
  );

  app.post<{ Params: { courseId: string } }>(
    '/formazione/corsi/:courseId/file',
    {
      config: { access: 'training.manage' },
      onRequest: csrf,
      bodyLimit: 25 * 1024 * 1024,
      schema: { querystring: query },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string> & {
        [FILES]?: Record<string, { filename: string; data: Buffer }>;
      };
      const file = body[FILES]?.file;
      const values = { file_title: typeof body.file_title === 'string' ? body.file_title : '' };
      const failed = await form(
        () =>
          svc.addFile(db, ctxOf(req), req.params.courseId, {
            title: values.file_title,
            file,
            tooLarge: (file?.data.length ?? 0) > svc.MAX_FILE_BYTES,
          }),
        (errors) => {
          const mapped = { ...errors };
          if (mapped.title) {
            mapped.file_title = mapped.title;
            delete mapped.title;
          }
          return coursePage(req, reply, values, mapped, 400);
        },
      );
      return failed ? reply : reply.redirect(`/formazione/corsi/${req.params.courseId}?ok=material`, 303);
    },
  );

  app.get<{ Params: { materialId: string } }>(
    '/formazione/materiali/:materialId',
    { config: { access: 'training.attend' }, schema: getSchema },
    async (req, reply) => {
      const m = await svc.materialFile(db, req.params.materialId);
      return reply
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${m.filename.replace(/[^\w.-]/g, '_')}"`)
        .type(m.mime)
        .send(m.content);
    },
  );

  postRoute(
    '/formazione/corsi/:courseId/edizioni',
    'training.manage',
    (req, b) => svc.createEdition(db, ctxOf(req), param(req, 'courseId'), b),
    coursePage,
    (_req, id) => `/formazione/edizioni/${id}?ok=edition`,
  );

  // ── Editions ──────────────────────────────────────────────────────────────────────────────────────────
  const editionPage: Page = async (req, reply, values = {}, errors = {}, status = 200) => {
    const ctx = ctxOf(req);
    const { edition: e, course: c } = await svc.edition(db, param(req, 'editionId'));
    const manage = svc.manages(ctx, c);
    const all = await svc.enrolments(db, e.id);
    const mine = await svc.enrolmentOf(db, e.id, ctx.userId);
    const waiting = all.filter((n) => n.status === 'waiting');
    const certs = manage ? await svc.certificatesOfEdition(db, e.id) : [];
    const people: PersonProgress[] = manage
      ? await Promise.all(
          all.map(async (n) => {
            const cert = certs.find((x) => x.user_id === n.user_id);
            return {
              ...n,
              progress: await svc.progress(db, c, e.id, n.user_id),
              certificate: cert ? { id: cert.id, code: cert.code, state: svc.stateOf(cert) } : null,
            };
          }),
        )
      : [];
    return reply.page(
      `${c.title} – ${e.label}`,
      <EditionView
        {...formProps(req, reply, values, errors)}
        course={c}
        edition={e}
        sessions={await svc.sessions(db, e.id)}
        manage={manage}
        hasQuiz={((await quiz.quizOf(db, c.id))?.questions.length ?? 0) > 0}
        feedbackOpen={
          mine?.status === 'enrolled' && (await feedback.feedbackFor(db, ctx, e.id)).closed === null
        }
        feedbackResults={
          manage ? (
            <FeedbackResultsSection
              ctx={reply.pageContext()}
              results={await feedback.feedbackResults(db, ctx, e.id)}
            />
          ) : undefined
        }
        mine={mine?.status ?? null}
        waitingPosition={
          mine?.status === 'waiting' ? waiting.findIndex((n) => n.user_id === ctx.userId) + 1 : null
        }
        enrolledCount={all.filter((n) => n.status === 'enrolled').length}
        staff={
          svc.coordinates(ctx) ? (await svc.staffOf(db, ctx.orgId)).filter((s) => s.id !== ctx.userId) : null
        }
        people={people}
        trainers={manage ? await svc.trainersOf(db, ctx.orgId) : []}
        venues={manage ? await svc.venues(db) : []}
      />,
      {
        status,
        breadcrumb: crumbs(req, { href: `/formazione/corsi/${c.id}`, label: c.title }, { label: e.label }),
      },
    );
  };
  const backToEdition = (ok: string) => (req: FastifyRequest) =>
    `/formazione/edizioni/${param(req, 'editionId')}?ok=${ok}`;

  const editionForm = formsOf('/formazione/edizioni/:editionId', 'editionId', editionPage, backToEdition);

  getRoute('/formazione/edizioni/:editionId', 'training.attend', editionPage);
  editionForm('/sessioni', 'training.manage', (c, id, b) => svc.addSession(db, c, id, b), 'session');
  postRoute(
    '/formazione/edizioni/:editionId/iscrizione',
    'training.attend',
    (req, b) => svc.enrol(db, ctxOf(req), param(req, 'editionId'), b.person || undefined),
    editionPage,
    (req, outcome) => backToEdition(outcome)(req),
  );
  editionForm(
    '/ritiro',
    'training.attend',
    (c, id, b) => svc.withdraw(db, c, id, b.person || undefined),
    'withdrawn',
  );
  postRoute(
    '/formazione/edizioni/:editionId/attestati',
    'training.manage',
    (req, b) => svc.issueCertificate(db, ctxOf(req), param(req, 'editionId'), b.person ?? '', issueConfig()),
    // The person chosen is not kept: the page has no field of hers.
    (req, reply, _b, errors, status) => editionPage(req, reply, {}, errors, status),
    backToEdition('issued'),
  );

  // ── The final quiz: the trainer's page, and hers ──────────────────────────────────────────────────────
  const quizManagePage: Page = async (req, reply, values = {}, errors = {}, status = 200) => {
    const c = await svc.courseToManage(db, ctxOf(req), param(req, 'courseId'));
    return reply.page(
      req.t('training.quiz.title'),
      <QuizManageView
        {...formProps(req, reply, values, errors)}
        courseId={c.id}
        quiz={await quiz.quizOf(db, c.id)}
      />,
      {
        status,
        breadcrumb: crumbs(
          req,
          { href: `/formazione/corsi/${c.id}`, label: c.title },
          { label: req.t('training.quiz.title') },
        ),
      },
    );
  };
  const backToQuiz = (ok: string) => (req: FastifyRequest) =>
    `/formazione/corsi/${param(req, 'courseId')}/quiz?ok=${ok}`;

  const quizForm = formsOf('/formazione/corsi/:courseId/quiz', 'courseId', quizManagePage, backToQuiz);

  getRoute('/formazione/corsi/:courseId/quiz', 'training.manage', quizManagePage);
  quizForm('', 'training.manage', (c, id, b) => quiz.saveQuizSettings(db, c, id, b), 'quizSettings');
  quizForm('/domande', 'training.manage', (c, id, b) => quiz.addQuestion(db, c, id, b), 'question');

  /**
   * A page of hers under an edition (the quiz, the questionnaire) at `/formazione/edizioni/:editionId/<slug>`: GET
   * shows what `load` reads for her with `View`; POST runs `run` and goes to `next`, or shows the page again.
   */
  function editionStep<S extends { course: { title: string }; editionId: string }, R>(o: {
    slug: string;
    load: (ctx: svc.Ctx, editionId: string) => Promise<S>;
    View: FunctionComponent<ReturnType<typeof formProps> & { state: S }>;
    title: string;
    crumb: string;
    run: (ctx: svc.Ctx, editionId: string, b: Strings) => Promise<R>;
    next: (editionId: string, result: R) => string;
  }) {
    const page: Page = async (req, reply, values = {}, errors = {}, status = 200) => {
      const s = await o.load(ctxOf(req), param(req, 'editionId'));
      return reply.page(
        req.t(o.title, { course: s.course.title }),
        <o.View {...formProps(req, reply, values, errors)} state={s} />,
        {
          status,
          breadcrumb: crumbs(
            req,
            { href: `/formazione/edizioni/${s.editionId}`, label: s.course.title },
            { label: req.t(o.crumb) },
          ),
        },
      );
    };
    const path = `/formazione/edizioni/:editionId/${o.slug}`;
    getRoute(path, 'training.attend', page);
    postRoute(
      path,
      'training.attend',
      (req, b) => o.run(ctxOf(req), param(req, 'editionId'), b),
      page,
      (req, r) => o.next(param(req, 'editionId'), r),
    );
  }

  editionStep({
    slug: 'quiz',
    load: (ctx, id) => quiz.quizFor(db, ctx, id),
    View: QuizTakeView,
    title: 'training.quiz.takeTitle',
    crumb: 'training.quiz.title',
    run: (ctx, id, b) => quiz.takeQuiz(db, ctx, id, b),
    next: (id, r) => `/formazione/edizioni/${id}/quiz?ok=${r.passed ? 'quizPassed' : 'quizFailed'}`,
  });

  // ── The feedback questionnaire: her answers without her ──────────────────────────────────────────────────
  editionStep({
    slug: 'questionario',
    load: (ctx, id) => feedback.feedbackFor(db, ctx, id),
    View: FeedbackView,
    title: 'training.feedback.title',
    crumb: 'training.feedback.crumb',
    run: (ctx, id, b) => feedback.giveFeedback(db, ctx, id, b),
    next: (id) => `/formazione/edizioni/${id}?ok=feedback`,
  });

  // ── Attendance ────────────────────────────────────────────────────────────────────────────────────────
  const attendancePage: Page = async (req, reply, values = {}, errors = {}, status = 200) => {
    const r = await svc.sessionToManage(db, ctxOf(req), param(req, 'sessionId'));
    const people = (await svc.enrolments(db, r.edition.id)).filter((n) => n.status === 'enrolled');
    const when = `${formatDateTime(r.session.starts_at, req.lang)}–${formatTime(r.session.ends_at, req.lang)}`;
    return reply.page(
      req.t('training.attendance.title'),
      <AttendanceView
        {...formProps(req, reply, values, errors)}
        editionId={r.edition.id}
        sessionId={r.session.id}
        when={`${r.course.title} – ${r.edition.label}: ${when}`}
        people={people}
        marks={await svc.attendanceOf(db, r.session.id)}
      />,
      {
        status,
        breadcrumb: crumbs(
          req,
          { href: `/formazione/edizioni/${r.edition.id}`, label: r.edition.label },
          { label: req.t('training.attendance.title') },
        ),
      },
    );
  };

  getRoute('/formazione/sessioni/:sessionId/presenze', 'training.manage', attendancePage);
  postRoute(
    '/formazione/sessioni/:sessionId/presenze',
    'training.manage',
    (req, b) => {
      const marks: Record<string, string> = {};
      for (const [k, v] of Object.entries(b))
        if (k.startsWith('att_') && typeof v === 'string') marks[k.slice(4)] = v;
      return svc.recordAttendance(db, ctxOf(req), param(req, 'sessionId'), marks);
    },
    attendancePage,
    (req) => `/formazione/sessioni/${param(req, 'sessionId')}/presenze?ok=attendance`,
  );

  // ── Her certificates ──────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/formazione/attestati',
    { config: { access: 'training.attend' }, schema: getSchema },
    async (req, reply) => {
      const certs = (await svc.certificatesOfUser(db, req.actor!.userId)).map((c) => ({
        ...c,
        state: svc.stateOf(c),
      }));
      const soon = now().getTime() + 60 * 86_400_000;
      return reply.page(
        req.t('training.mine.title'),
        <MyCertificatesView
          ctx={reply.pageContext()}
          certs={certs}
          years={svc.hoursPerYear(certs)}
          currentYear={todayInRome().year}
          target={svc.YEARLY_TARGET_HOURS}
          refreshers={certs
            .filter((c) => c.state === 'valid' && c.valid_until && c.valid_until.getTime() <= soon)
            .map((c) => ({ course: c.course_title, until: c.valid_until as Date }))}
        />,
        {
          breadcrumb: crumbs(req, { label: req.t('training.mine.title') }),
        },
      );
    },
  );

  app.get<{ Params: { certId: string } }>(
    '/formazione/attestati/:certId/pdf',
    { config: { access: 'training.attend' }, schema: getSchema },
    async (req, reply) => {
      const c = await svc.ownCertificate(db, ctxOf(req), req.params.certId);
      const pdf = await certificatePdf(c, {
        publicUrl: opts.config.publicUrl,
        lang: req.lang,
        compress: (req.query as Strings).plain !== '1' || process.env.NODE_ENV !== 'test',
      });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="attestato-${c.code}.pdf"`)
        .type('application/pdf')
        .send(pdf);
    },
  );

  app.get<{ Params: { certId: string } }>(
    '/formazione/attestati/:certId/credenziale',
    { config: { access: 'training.attend' }, schema: getSchema },
    async (req, reply) => {
      const c = await svc.ownCertificate(db, ctxOf(req), req.params.certId);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="attestato-${c.code}.jwt"`)
        .type('application/vc+jwt')
        .send(c.jwt);
    },
  );

  const revokePage: Page = async (req, reply, values = {}, errors = {}, status = 200) => {
    const cert = await svc.certificateToManage(db, ctxOf(req), param(req, 'certId'));
    return reply.page(
      req.t('training.revoke.title'),
      <RevokeView ctx={reply.pageContext()} cert={cert} values={values} errors={translate(req, errors)} />,
      { status },
    );
  };

  getRoute('/formazione/attestati/:certId/revoca', 'training.manage', revokePage);
  postRoute(
    '/formazione/attestati/:certId/revoca',
    'training.manage',
    (req, b) => svc.revokeCertificate(db, ctxOf(req), param(req, 'certId'), b),
    revokePage,
    async (req) =>
      `/formazione/edizioni/${(await svc.certificateById(db, param(req, 'certId')))?.edition_id}?ok=revoked`,
  );

  // ── Recognised earlier training (the INPS director) ───────────────────────────────────────────────────
  const recognitionPage: Page = async (req, reply, values = {}, errors = {}, status = 200) =>
    reply.page(
      req.t('training.recog.title'),
      <RecognitionView
        {...formProps(req, reply, values, errors)}
        officers={await svc.officersForRecognition(db, req.actor!.orgId)}
      />,
      { status },
    );

  getRoute('/formazione/riconoscimenti', 'training.recognise', recognitionPage);
  postRoute(
    '/formazione/riconoscimenti',
    'training.recognise',
    (req, b) => svc.recognise(db, ctxOf(req), b),
    recognitionPage,
    () => '/formazione/riconoscimenti?ok=recognised',
  );

  app.post<{ Params: { recognitionId: string } }>(
    '/formazione/riconoscimenti/:recognitionId/revoca',
    { config: { access: 'training.recognise' }, onRequest: csrf, schema: postSchema },
    async (req, reply) => {
      await svc.revokeRecognition(db, ctxOf(req), req.params.recognitionId);
      return reply.redirect('/formazione/riconoscimenti?ok=recogRevoked', 303);
    },
  );

  // ── Coverage ──────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/formazione/copertura',
    { config: { access: 'training.coverage' }, schema: getSchema },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return reply.page(
        req.t('training.coverage.title'),
        <CoverageView
          ctx={reply.pageContext()}
          cells={await coverage(db, ctx.orgId)}
          due={ctx.roles.includes('network_admin') ? [] : await dueForRefresher(db, ctx.orgId)}
        />,
      );
    },
  );

  await verifyRoutes(app, opts);
}
