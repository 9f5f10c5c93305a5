import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ErrorCode, PonteError, statusOf } from '../errors.ts';

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');
}

/** SQLSTATE of an error raised by PostgreSQL (pg and PGlite alike), or undefined. */
function sqlState(error: Error): string | undefined {
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && e.severity !== undefined
    ? e.code
    : undefined;
}

/**
 * What the log may say about an unexpected error: its kind, its codes and where it was thrown. Never the request's
 * values: a database error carries the query's parameters (PGlite puts them on the error: a woman's name and phone
 * number were in the log, issue 11 finding 2), its message and detail may quote a value (`invalid input syntax for
 * type uuid: "…"`, `Key (email)=(…) already exists`), so of a database error only the SQLSTATE, the severity and
 * the server routine are kept; of any other error the message (Ponte's own texts and the runtime's), cut short.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as { code?: unknown; routine?: unknown; severity?: unknown };
  const state = sqlState(error);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');
  if (state) {
    return {
      type: error.name,
      sqlState: state,
      severity: typeof e.severity === 'string' ? e.severity : undefined,
      routine: typeof e.routine === 'string' ? e.routine : undefined,
      stack: frames,
    };
  }
  return {
    type: error.name,
    code: typeof e.code === 'string' ? e.code.slice(0, 60) : undefined,
    message: error.message.slice(0, 200),
    stack: frames,
  };
}

/** Maps any error to a code of the catalogue; what is not expected becomes PONTE_ERR_INTERNAL. */
export function classify(error: FastifyError | PonteError | Error): ErrorCode {
  if (error instanceof PonteError) return error.code;
  const e = error as FastifyError;
  if (e.validation) return 'PONTE_ERR_VALIDATION';
  // Class 22, "data exception": a value the database cannot take (a NUL byte, a malformed uuid or date) that no
  // form check caught. The last net, so that bad input is never a 500; every form checks its fields first
  // (platform/forms/text.ts), and the log names the SQLSTATE so the missing check can be found.
  if (sqlState(error)?.startsWith('22')) return 'PONTE_ERR_VALIDATION';
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PONTE_ERR_PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'PONTE_ERR_UNSUPPORTED_MEDIA_TYPE';
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return 'PONTE_ERR_CSRF';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_BAD_URL':
      return 'PONTE_ERR_BAD_REQUEST';
  }
  if (e.statusCode === 429) return 'PONTE_ERR_TOO_MANY_REQUESTS';
  if (e.statusCode === 404) return 'PONTE_ERR_NOT_FOUND';
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return 'PONTE_ERR_BAD_REQUEST';
  return 'PONTE_ERR_INTERNAL';
}

function send(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, error?: Error) {
  const status = statusOf(code);
  const message = req.t(`error.${code}`);
  if (wantsJson(req)) {
    const e = error as (FastifyError & { details?: unknown }) | undefined;
    const body: Record<string, unknown> = { code, message, requestId: req.id };
    if (e?.validation) body.details = e.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    return reply.code(status).header('cache-control', 'no-store').send({ error: body });
  }
  if (code === 'PONTE_ERR_UNAUTHENTICATED' && req.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(req.url.split('?')[0] ?? '/')}`);
  }
  const title =
    status === 404
      ? req.t('page.notFound.title')
      : status === 403
        ? req.t('page.forbidden.title')
        : req.t('page.error.title');
  return reply.page(
    title,
    <>
      <p class="lead">{message}</p>
      {status >= 500 && <p>{req.t('page.error.request', { id: req.id })}</p>}
      <p>
        <a href={req.actor ? '/home' : '/'}>{req.t('page.error.home')}</a>
      </p>
    </>,
    { status },
  );
}

/** The global error and not-found handlers: a coded message in the user's language, never a stack trace. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, req, reply) => {
      const code = classify(error);
      // `error`, never `err`: pino's error serializer would write every property of the error (query parameters).
      if (code === 'PONTE_ERR_INTERNAL')
        req.log.error({ error: loggableError(error), reqId: req.id }, 'unexpected error');
      else if (sqlState(error))
        req.log.warn(
          { code, sqlState: sqlState(error), reqId: req.id },
          'input refused by the database: a form check is missing',
        );
      else req.log.info({ code, reqId: req.id }, 'request refused');
      return send(req, reply, code, error);
    });
    app.setNotFoundHandler((req, reply) => send(req, reply, 'PONTE_ERR_NOT_FOUND'));
  },
  { name: 'ponte-errors', dependencies: ['ponte-views'] },
);
