import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  AssessmentSchema,
  type AssessOptions,
  assessCompact,
  assessMany,
  CompactAssessmentSchema,
  catalogue,
  rulesVersion,
  stringifyCompact,
} from '@ponte/rules';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { throttleKey } from '../../platform/auth/throttle.ts';
import { PonteError } from '../../platform/errors.ts';
import type { FeatureOptions } from '../../platform/feature.ts';
import { spendBudget } from '../../platform/http/rate-limit-store.ts';
import { registerMessages, translate } from '../../platform/i18n/index.ts';
import { SCREEN_LIMITS, SLICE } from './limits.ts';

// The benefits check over HTTP (issue 3): the same engine as `ponte screen` and the staff pages. The anonymous
// endpoint stores nothing and logs nothing of the situation. It is limited per address twice, both counted in
// the database for every instance: requests per minute, and situations per minute (the cost of the work, issue
// 11 finding 3). A batch is small and is assessed in slices with a turn of the event loop between them, so that
// other requests (and /healthz) are served meanwhile: bench/screen-api.ts measures it.

registerMessages({
  it: {
    'screening.err.batch':
      'Una richiesta può contenere al massimo {max} situazioni: dividi l’elenco in più richieste. Per elenchi grandi usa il comando «ponte screen».',
    'screening.err.budget':
      'Da questo indirizzo si possono verificare al massimo {max} situazioni al minuto. Riprova tra {seconds} secondi.',
  },
  en: {
    'screening.err.batch':
      'A request can hold at most {max} situations: split the list into several requests. For large lists use the command “ponte screen”.',
    'screening.err.budget':
      'At most {max} situations a minute can be checked from this address. Try again in {seconds} seconds.',
  },
});

/** An error body of the API with its own message (the catalogue's code, a more precise text). */
function refuse(
  req: FastifyRequest,
  reply: FastifyReply,
  status: 413 | 429,
  message: string,
  details: Record<string, unknown>,
) {
  const code = status === 413 ? 'PONTE_ERR_PAYLOAD_TOO_LARGE' : 'PONTE_ERR_TOO_MANY_REQUESTS';
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error: { code, message, requestId: req.id, details: [details] } });
}

/**
 * The JSON array of the assessments of `items`, built SLICE situations at a time with a turn of the event loop
 * after each slice: a batch never holds the process for more than a few milliseconds at once.
 */
async function assessInSlices(
  items: readonly unknown[],
  opts: AssessOptions,
  compact: boolean,
): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    const end = Math.min(items.length, i + SLICE);
    if (compact) for (let j = i; j < end; j++) parts.push(stringifyCompact(assessCompact(items[j], opts)));
    else for (const a of assessMany(items.slice(i, end), opts)) parts.push(JSON.stringify(a));
    if (i + SLICE < items.length) await nextTurn();
  }
  return `[${parts.join(',')}]`;
}

const CatalogueEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    acts: { type: 'array', items: { type: 'string' } },
    documents: { type: 'array', items: { type: 'string' } },
    apply: {
      type: 'object',
      properties: { who: { type: 'string' }, channel: { type: 'string' }, deadline: { type: 'string' } },
    },
    compatibility: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          with: { type: 'string' },
          compatible: { type: 'string' },
          text: { type: 'string' },
          source: { type: 'string' },
        },
      },
    },
  },
} as const;

const ErrorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        requestId: { type: 'string' },
        details: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  },
} as const;

const LangQuery = {
  type: 'object',
  properties: { lang: { type: 'string', enum: ['it', 'en'], default: 'it' } },
  additionalProperties: false,
} as const;

export async function screeningFeature(app: FastifyInstance, opts: FeatureOptions) {
  const { db } = opts.database;
  app.post<{ Body: unknown; Querystring: { lang: 'it' | 'en'; date?: string; compact?: '0' | '1' } }>(
    '/api/v1/screen',
    {
      config: {
        access: 'public',
        rateLimit: { max: SCREEN_LIMITS.requestsPerMinute, timeWindow: '1 minute' },
      },
      // 50 situations are some tens of KiB; a larger body is refused before it is parsed.
      bodyLimit: 256 * 1024,
      // Before validation, which would coerce a bare scalar into a one-item array.
      preValidation: async (req) => {
        if (req.body === null || typeof req.body !== 'object') throw new PonteError('PONTE_ERR_VALIDATION');
      },
      schema: {
        tags: ['benefits'],
        summary: `Verifica delle prestazioni: una situazione o un elenco (fino a ${SCREEN_LIMITS.batchMax})`,
        description: `Contratto: shared/rules/screening-contract.md. Una situazione non valida dà una valutazione con \`error\`. Nulla viene salvato. Limiti per indirizzo: ${SCREEN_LIMITS.batchMax} situazioni per richiesta (oltre: 413), ${SCREEN_LIMITS.perMinute} situazioni e ${SCREEN_LIMITS.requestsPerMinute} richieste al minuto (oltre: 429 con Retry-After).`,
        querystring: {
          type: 'object',
          properties: {
            lang: { type: 'string', enum: ['it', 'en'], default: 'it' },
            date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
            compact: {
              type: 'string',
              enum: ['0', '1'],
              description:
                '1: valutazioni compatte (esiti, importi, fatti mancanti, codici dei motivi); i testi sono nel catalogo GET /api/v1/benefits',
            },
          },
          additionalProperties: false,
        },
        body: {
          oneOf: [{ type: 'object' }, { type: 'array', items: {}, minItems: 1 }],
        },
        response: {
          200: {
            oneOf: [
              AssessmentSchema,
              { type: 'array', items: AssessmentSchema },
              CompactAssessmentSchema,
              { type: 'array', items: CompactAssessmentSchema },
            ],
          },
          400: { oneOf: [AssessmentSchema, CompactAssessmentSchema, ErrorBody] },
          '4xx': ErrorBody,
        },
      },
      // The size of the batch, then its cost, before any work: a refused request spends nothing.
      preHandler: async (req, reply) => {
        const lang = req.query.lang;
        const cost = Array.isArray(req.body) ? req.body.length : 1;
        if (cost > SCREEN_LIMITS.batchMax) {
          return refuse(
            req,
            reply,
            413,
            translate(lang, 'screening.err.batch', { max: SCREEN_LIMITS.batchMax }),
            {
              maxSituations: SCREEN_LIMITS.batchMax,
              situations: cost,
            },
          );
        }
        const answer = await spendBudget(db, throttleKey('screen:situations', req.ip), cost, {
          limit: SCREEN_LIMITS.perMinute,
          windowSeconds: SCREEN_LIMITS.windowSeconds,
        });
        if (!answer.ok) {
          reply.header('retry-after', String(answer.retryAfterSeconds));
          const seconds = answer.retryAfterSeconds;
          return refuse(
            req,
            reply,
            429,
            translate(lang, 'screening.err.budget', { max: SCREEN_LIMITS.perMinute, seconds }),
            {
              situationsPerMinute: SCREEN_LIMITS.perMinute,
              retryAfterSeconds: seconds,
            },
          );
        }
        return undefined;
      },
    },
    async (req, reply) => {
      const opts = { lang: req.query.lang, ...(req.query.date ? { date: req.query.date } : {}) };
      reply.header('cache-control', 'no-store');
      const compact = req.query.compact === '1';
      if (Array.isArray(req.body)) {
        // Sent as built (already JSON): the engine's assessments, as AssessmentSchema describes them (compact:
        // CompactAssessmentSchema).
        const json = await assessInSlices(req.body, opts, compact);
        return reply.type('application/json; charset=utf-8').send(json);
      }
      if (compact) {
        const c = assessCompact(req.body, opts);
        return reply
          .code(c.error ? 400 : 200)
          .type('application/json; charset=utf-8')
          .send(stringifyCompact(c));
      }
      const [one] = assessMany([req.body], opts);
      if (one?.error) return reply.code(400).send(one);
      return one;
    },
  );

  app.get<{ Querystring: { lang: 'it' | 'en' } }>(
    '/api/v1/benefits',
    {
      config: { access: 'public' },
      schema: {
        tags: ['benefits'],
        summary: 'Catalogo delle prestazioni: nomi, descrizioni, atti, documenti, chi presenta la domanda',
        querystring: LangQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              rules: { type: 'string' },
              benefits: { type: 'array', items: CatalogueEntrySchema },
            },
          },
        },
      },
    },
    async (req) => ({ rules: rulesVersion, benefits: catalogue(req.query.lang) }),
  );

  app.get('/api/docs', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'no-store').send(app.swagger()),
  );
}
