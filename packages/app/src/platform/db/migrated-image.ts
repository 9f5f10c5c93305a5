import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CACHE_DIR } from '../cache-dir.ts';
import { type Database, LOCK_FILE, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// An empty PGlite data folder costs its first start PGlite's `initdb` and every migration: most of the first
// `ponte start` (issue 16, decision 0067). Both give the same database on every machine for the same sources, so the
// first start of a version makes a freshly migrated database in memory and keeps it as a tar image (PGlite's own
// `dumpDataDir`) in node_modules/.cache/ponte, under a hash of its inputs — PGlite's version and the migrations'
// sources. Every empty folder has PGlite unpack that image (`loadDataDir`, as the tests do), then migrates as always
// (nothing left to apply). The image holds only PGlite's files and the schema: the rows each start writes (keys,
// audit, demo) and Ponte's own files in the folder (development keys, checkpoints, mail) are the folder's alone.

const require = createRequire(import.meta.url);
const MIGRATIONS_DIR = join(import.meta.dirname, '../../../migrations');
const IMAGE = /^pglite-migrated\.[0-9a-f]{20}\.tar$/;

/** The image's file for these sources: PGlite's version, the list of migrations and each migration's text. */
function imageFile(cacheDir: string): string {
  const hash = createHash('sha256');
  const pglite = require.resolve('@electric-sql/pglite');
  const pkg = join(pglite.slice(0, pglite.lastIndexOf('/dist/')), 'package.json');
  hash.update(JSON.parse(readFileSync(pkg, 'utf8')).version);
  hash.update(readFileSync(join(import.meta.dirname, 'migrate.ts')));
  hash.update(readFileSync(join(import.meta.dirname, 'database.ts')));
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(f);
    hash.update(readFileSync(join(MIGRATIONS_DIR, f)));
  }
  return join(cacheDir, `pglite-migrated.${hash.digest('hex').slice(0, 20)}.tar`);
}

/** PGlite's files of a data folder it has begun to use: a folder with none of them has never held a database. */
const PGLITE_FILES = ['PG_VERSION', 'base', 'global'];

/** The entries of a data folder (Ponte's development keys may be there already), or null when it is absent. */
function entries(dir: string): string[] | null {
  try {
    return readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Opens the database and applies the pending migrations (`ponte start` and `serve`). An empty PGlite data folder
 * starts from the migrated image of these sources, made first (in memory) when none is kept. The image is never
 * taken from a data folder: a folder holds Ponte's own files beside PGlite's (the development keys and secret, the
 * audit checkpoints, the mail), and an image of one would carry them into every later folder.
 */
export async function openMigrated(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | null | undefined;
  /** Where the image is kept (node_modules/.cache/ponte; another folder in its test). */
  cacheDir?: string;
}): Promise<Database> {
  const cacheDir = options.cacheDir ?? CACHE_DIR;
  const dataDir = options.dataDir;
  const before = dataDir ? entries(dataDir) : null;
  if (options.databaseUrl || !dataDir || before?.some((f) => PGLITE_FILES.includes(f))) {
    const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir });
    await migrateOrClose(database);
    return database;
  }
  let database: Database;
  try {
    database = await openDatabase({ dataDir, loadDataDir: await migratedImage(cacheDir) });
  } catch {
    // An image PGlite cannot unpack (damaged, or left by another build): forgotten, what it put in the folder
    // removed, and made again.
    await rm(imageFile(cacheDir), { force: true });
    for (const f of entries(dataDir) ?? []) {
      if (f !== LOCK_FILE && !before?.includes(f)) rmSync(join(dataDir, f), { recursive: true, force: true });
    }
    database = await openDatabase({ dataDir, loadDataDir: await migratedImage(cacheDir) });
  }
  await migrateOrClose(database);
  return database;
}

async function migrateOrClose(database: Database): Promise<void> {
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function keep(tar: Buffer, file: string, cacheDir: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed: two processes starting together never read half an image.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, tar);
  await rename(tmp, file);
  // The images of sources that have since changed are of no further use.
  for (const old of await readdir(cacheDir)) {
    if (IMAGE.test(old) && join(cacheDir, old) !== file) await rm(join(cacheDir, old), { force: true });
  }
}

/**
 * The migrated image of these sources, for databases started in memory (the tests' databases and servers): the
 * kept one, or one made now — initdb and every migration in memory — and kept for the next process.
 */
export async function migratedImage(cacheDir: string = CACHE_DIR): Promise<Blob> {
  const file = imageFile(cacheDir);
  const kept = await readFile(file).catch(() => null);
  if (kept) return new Blob([kept]);
  const database = await openDatabase({ dataDir: null });
  try {
    await migrateToLatest(database.db);
    const tar = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
    // A read-only node_modules: every process makes its own.
    await keep(tar, file, cacheDir).catch(() => {});
    return new Blob([tar]);
  } finally {
    await database.close();
  }
}
