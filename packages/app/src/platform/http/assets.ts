import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CACHE_DIR } from '../cache-dir.ts';

/**
 * The static files a page links, served under names that carry a hash of their content
 * (`/static/h/ponte.3f2a9c1b0d.css`) with a year of immutable caching: a browser fetches each version once.
 *
 * Bootstrap Italia's stylesheet is not served whole (612 KB, 92 KB compressed): PurgeCSS keeps only the rules
 * whose selectors appear in Ponte's views and scripts (about 11 KB compressed). Ponte does not ship Bootstrap
 * Italia's JavaScript, so no class is added by it; the classes that the code builds from parts are in
 * SAFELIST. The result depends only on the sources, so it is built once and kept in node_modules/.cache
 * under a hash of its inputs: a later start, or a test, reads it back.
 */

const require = createRequire(import.meta.url);
const biPackage = require.resolve('bootstrap-italia/package.json');
const biCss = join(dirname(biPackage), 'dist/css/bootstrap-italia.min.css');
const srcDir = join(import.meta.dirname, '../..');
const publicDir = join(import.meta.dirname, '../../../public');
const cacheDir = CACHE_DIR;

/** Class names that the code builds from parts (`alert-${kind}`, `col-md-${width}`): kept whole. */
export const SAFELIST: RegExp[] = [/^alert-(success|info|warning|danger)$/, /^col-md-([1-9]|1[0-2])$/];

/** The files linked from the layouts, by their plain name under /static/. */
const PUBLIC_FILES = [
  'char-count.js',
  'fonts.css',
  'ponte.css',
  'ponte.js',
  'public.css',
  'quick-exit.js',
] as const;
export const BI_STYLESHEET = 'bootstrap-italia.css';
export type AssetName = (typeof PUBLIC_FILES)[number] | typeof BI_STYLESHEET;

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
}

/** Hashed name → file, and plain name → hashed URL; filled once by prepareAssets(). */
const byHashedName = new Map<string, Asset>();
const hrefs = new Map<string, string>();

/** The URL of a linked file: the hashed one once prepared, the plain one otherwise (a view rendered alone). */
export function assetHref(name: AssetName): string {
  return (
    hrefs.get(name) ??
    (name === BI_STYLESHEET ? '/static/bi/css/bootstrap-italia.min.css' : `/static/${name}`)
  );
}

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The files whose words decide which rules stay: the views and code (not the tests) and the local scripts. */
async function contentFiles(): Promise<string[]> {
  const scripts = PUBLIC_FILES.filter((f) => f.endsWith('.js')).map((f) => join(publicDir, f));
  return [...(await listSources(srcDir)), ...scripts];
}

/** Bootstrap Italia cut down to what the content files use; read from the cache when the inputs are unchanged. */
export async function buildStylesheet(): Promise<Buffer> {
  const files = await contentFiles();
  const hash = createHash('sha256');
  const purgeVersion = (require('purgecss/package.json') as { version: string }).version;
  hash.update(`purgecss ${purgeVersion}\n${SAFELIST.join(' ')}\n`);
  hash.update(await readFile(biCss));
  for (const f of files) hash.update(f).update(await readFile(f));
  const cached = join(cacheDir, `bootstrap-italia.${hash.digest('hex').slice(0, 20)}.css`);
  try {
    return await readFile(cached);
  } catch {
    // Not built yet for these sources.
  }
  const { PurgeCSS } = await import('purgecss');
  const [result] = await new PurgeCSS().purge({
    content: files,
    css: [biCss],
    safelist: { standard: SAFELIST },
    fontFace: true,
    keyframes: true,
  });
  const css = Buffer.from(result?.css ?? '');
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed: two processes starting together never read half a file.
  const tmp = `${cached}.${process.pid}.tmp`;
  await writeFile(tmp, css);
  await rename(tmp, cached);
  // The builds for sources that have since changed are of no further use.
  for (const old of await readdir(cacheDir)) {
    if (/^bootstrap-italia\.[0-9a-f]{20}\.css$/.test(old) && join(cacheDir, old) !== cached) {
      await rm(join(cacheDir, old), { force: true });
    }
  }
  return css;
}

function add(name: string, body: Buffer): void {
  const ext = extname(name);
  const hashed = `${name.slice(0, -ext.length)}.${createHash('sha256').update(body).digest('hex').slice(0, 10)}${ext}`;
  byHashedName.set(hashed, { body, type: TYPES[ext] ?? 'application/octet-stream' });
  hrefs.set(name, `/static/h/${hashed}`);
}

let prepared: Promise<void> | undefined;

/** Reads (or builds) every linked file once per process. */
export function prepareAssets(): Promise<void> {
  prepared ??= (async () => {
    add(BI_STYLESHEET, await buildStylesheet());
    for (const f of PUBLIC_FILES) add(f, await readFile(join(publicDir, f)));
  })();
  return prepared;
}

/** GET /static/h/:file — the hashed files, cached for a year by browsers and proxies alike (no personal data). */
export async function registerAssets(app: FastifyInstance): Promise<void> {
  await prepareAssets();
  app.get<{ Params: { file: string } }>('/static/h/:file', (req, reply) => {
    const asset = byHashedName.get(req.params.file);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(asset.type)
      .send(asset.body);
  });
}
