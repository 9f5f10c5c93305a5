import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Collects the schemas of the routes registered after it into an OpenAPI 3 document (served at /api/docs). */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Ponte API',
          description: 'API della piattaforma Ponte della rete Inps per tutti',
          version: '1',
        },
      },
      hideUntagged: true,
    });
  },
  { name: 'ponte-openapi' },
);
