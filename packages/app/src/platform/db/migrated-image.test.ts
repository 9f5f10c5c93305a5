import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from './database.ts';
import { openMigrated } from './migrated-image.ts';

/** PostgreSQL's system identifier: `initdb` draws a new one, so two folders share it only when one is a copy. */
async function systemId(d: Database): Promise<string> {
  const r = await sql<{ id: string }>`select system_identifier::text as id from pg_control_system()`.execute(
    d.db,
  );
  return r.rows[0]!.id;
}

async function migrations(d: Database): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(d.db);
  return r.rows.map((x) => x.name);
}

test('an empty data folder starts from the migrated image, which holds none of a folder’s own files; a damaged image is replaced', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'ponte-image-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const cacheDir = join(base, 'cache');
  const images = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.tar')) : []);

  // First empty folder, with the development keys config writes before the database opens: the image is made
  // (initdb and every migration, in memory), kept, and unpacked into the folder.
  const a = join(base, 'a');
  mkdirSync(a);
  writeFileSync(join(a, 'dev-secret'), 'of a');
  const first = await openMigrated({ dataDir: a, cacheDir });
  const firstId = await systemId(first);
  const applied = await migrations(first);
  await first.close();
  assert.ok(applied.length > 20);
  assert.equal(images().length, 1);
  assert.equal(readFileSync(join(a, 'dev-secret'), 'utf8'), 'of a');

  // A folder with nothing of its own gets PGlite's files only: no file of the first folder (its keys) came along.
  const empty = join(base, 'empty');
  const bare = await openMigrated({ dataDir: empty, cacheDir });
  await bare.close();
  assert.ok(readdirSync(empty).includes('PG_VERSION'));
  assert.deepEqual(
    readdirSync(empty).filter((f) => f.startsWith('dev-') || f === 'mail' || f.endsWith('.jsonl')),
    [],
  );

  // Second empty folder, with the development keys config writes before the database opens: from the image.
  const b = join(base, 'b');
  mkdirSync(b);
  writeFileSync(join(b, 'dev-secret'), 'kept');
  const second = await openMigrated({ dataDir: b, cacheDir });
  assert.equal(await systemId(second), firstId, 'both folders are the same image');
  assert.deepEqual(await migrations(second), applied);
  await sql`insert into territory (id, kind, name) values ('t1', 'regione', 'Prova')`.execute(second.db);
  await second.close();
  assert.equal(readFileSync(join(b, 'dev-secret'), 'utf8'), 'kept');

  // A folder that holds a database is opened as it is (its row is there), never overwritten by the image.
  const again = await openMigrated({ dataDir: b, cacheDir });
  const rows = await sql<{ id: string }>`select id from territory`.execute(again.db);
  assert.deepEqual(
    rows.rows.map((r) => r.id),
    ['t1'],
  );
  await again.close();

  // A damaged image: it is made again (a new initdb), and the start goes on from the sound image.
  const [image] = images();
  writeFileSync(join(cacheDir, image!), 'not a tar');
  const c = join(base, 'c');
  mkdirSync(c);
  writeFileSync(join(c, 'dev-secret'), 'kept');
  const third = await openMigrated({ dataDir: c, cacheDir });
  assert.notEqual(await systemId(third), firstId);
  assert.deepEqual(await migrations(third), applied);
  await third.close();
  assert.equal(readFileSync(join(c, 'dev-secret'), 'utf8'), 'kept');
  assert.ok(readFileSync(join(cacheDir, image!)).length > 1_000_000, 'a sound image again');
});
