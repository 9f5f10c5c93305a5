// One freshly migrated PGlite database as a tar image on disk, shared by every test process of a run (decision
// 0059): booting an empty PGlite (its initdb) and migrating it costs seconds of CPU in each process; loading the
// image costs about half. The file's name carries a digest of the migrations and of the PGlite version, so a
// new or changed migration makes a new image; whoever loads it still runs `migrateToLatest`, which finds nothing
// to do on a current image.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

const root = join(import.meta.dirname, '../../..');
const migrations = join(root, 'packages/app/migrations');

/** Where the image of the current migrations is kept (under node_modules/.cache, never committed). */
export function imagePath(): string {
  const h = createHash('sha256');
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  h.update(readFileSync(join(dirname(pglite), '../package.json')));
  for (const name of readdirSync(migrations).sort()) {
    h.update(name);
    h.update(readFileSync(join(migrations, name)));
  }
  return join(root, `node_modules/.cache/ponte-test-pglite-${h.digest('hex').slice(0, 16)}.tar`);
}

/** Writes the image of the current migrations unless it is there already; returns its path. */
export async function writeImage(): Promise<string> {
  const path = imagePath();
  if (existsSync(path)) return path;
  const database = await openDatabase({ dataDir: null });
  try {
    await migrateToLatest(database.db);
    const tar = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
    mkdirSync(dirname(path), { recursive: true });
    // Written beside, then renamed: a process never reads half an image.
    writeFileSync(`${path}.${process.pid}`, tar);
    renameSync(`${path}.${process.pid}`, path);
  } finally {
    await database.close();
  }
  return path;
}

/** The image named by PONTE_TEST_PGLITE_IMAGE (set by scripts/test.mjs), or undefined without one. */
export function sharedImage(): Blob | undefined {
  const path = process.env.PONTE_TEST_PGLITE_IMAGE;
  if (!path || !existsSync(path)) return undefined;
  return new Blob([readFileSync(path)], { type: 'application/x-tar' });
}
