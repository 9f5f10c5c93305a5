import { AssessmentSchema, assessMany, catalogue, rulesVersion } from '@ponte/rules';
import type { FastifyInstance } from 'fastify';
import { PonteError } from '../../platform/errors.ts';
import type { FeatureOptions } from '../../platform/feature.ts';

// The benefits check over HTTP (issue 3): the same engine as `ponte screen` and the staff pages. The anonymous
// endpoint stores nothing and logs nothing of the situation; it is rate-limited per address.
const MAX_SITUATIONS = 1000;

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

export async function screeningFeature(app: FastifyInstance, _opts: FeatureOptions) {
  app.post<{ Body: unknown; Querystring: { lang: 'it' | 'en'; date?: string } }>(
    '/api/v1/screen',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      bodyLimit: 2 * 1024 * 1024,
      // Before validation, which would coerce a bare scalar into a one-item array.
      preValidation: async (req) => {
        if (req.body === null || typeof req.body !== 'object') throw new PonteError('PONTE_ERR_VALIDATION');
      },
      schema: {
        tags: ['benefits'],
        summary: 'Verifica delle prestazioni: una situazione o un elenco (fino a 1.000)',
        description:
          'Contratto: shared/rules/screening-contract.md. Una situazione non valida dà una valutazione con `error`. Nulla viene salvato.',
        querystring: {
          type: 'object',
          properties: {
            lang: { type: 'string', enum: ['it', 'en'], default: 'it' },
            date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          },
          additionalProperties: false,
        },
        body: {
          oneOf: [{ type: 'object' }, { type: 'array', items: {}, minItems: 1, maxItems: MAX_SITUATIONS }],
        },
        response: {
          200: { oneOf: [AssessmentSchema, { type: 'array', items: AssessmentSchema }] },
          400: { oneOf: [AssessmentSchema, ErrorBody] },
          '4xx': ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const opts = { lang: req.query.lang, ...(req.query.date ? { date: req.query.date } : {}) };
      reply.header('cache-control', 'no-store');
      if (Array.isArray(req.body)) return assessMany(req.body, opts);
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
