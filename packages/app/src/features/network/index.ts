// Public face of the network feature (organisations, territories, protocol, users, demo data).
// TEMPORARY until the network feature lands: seeding is not implemented yet.

import type { DemoLogin } from '../../cli.ts';
import type { Db } from '../../platform/db/database.ts';

export async function seedDemoIfEmpty(_db: Db): Promise<DemoLogin[] | null> {
  return null;
}
export async function seedDemo(_db: Db): Promise<DemoLogin[]> {
  throw new Error('not implemented yet');
}
export async function createUserFromCli(_db: Db, _v: Record<string, unknown>): Promise<string> {
  throw new Error('not implemented yet');
}
