import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../platform/db/database.ts';
import { homeFeature } from './home/routes.tsx';

export interface FeatureOptions {
  config: Config;
  database: Database;
}

/** Every feature, in the order their routes are registered. */
export async function registerFeatures(app: FastifyInstance, opts: FeatureOptions): Promise<void> {
  await app.register(homeFeature, opts);
}
