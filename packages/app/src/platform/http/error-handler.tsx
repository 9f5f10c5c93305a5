import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ErrorCode, PonteError, statusOf } from '../errors.ts';

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');
}

/** Maps any error to a code of the catalogue; what is not expected becomes PONTE_ERR_INTERNAL. */
export function classify(error: FastifyError | PonteError | Error): ErrorCode {
  if (error instanceof PonteError) return error.code;
  const e = error as FastifyError;
  if (e.validation) return 'PONTE_ERR_VALIDATION';
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
      if (code === 'PONTE_ERR_INTERNAL') req.log.error({ err: error, reqId: req.id }, 'unexpected error');
      else req.log.info({ code, reqId: req.id }, 'request refused');
      return send(req, reply, code, error);
    });
    app.setNotFoundHandler((req, reply) => send(req, reply, 'PONTE_ERR_NOT_FOUND'));
  },
  { name: 'ponte-errors', dependencies: ['ponte-views'] },
);
