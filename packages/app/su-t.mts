import { rmSync } from 'node:fs';
import { openMigrated } from './src/platform/db/migrated-image.ts';

rmSync('/tmp/su-c', { recursive: true, force: true });
const d = await openMigrated({ dataDir: '/tmp/su-c' });
console.log(d.engine, !!d.pglite);
await d.close();
