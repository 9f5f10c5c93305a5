import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * node_modules/.cache/ponte: what Ponte builds from its own sources and keeps between starts (the cut stylesheet,
 * the migrated database image), next to the installed packages, so that `npm ci` starts afresh.
 */
export const CACHE_DIR = join(
  dirname(dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json'))),
  '.cache/ponte',
);
