#!/usr/bin/env node
// The `ponte` command. The sources are TypeScript run through tsx, so the command works right after `npm ci`
// with no build step (docs/decisions/0002-typescript-without-build.md).
import module from 'node:module';
import { register } from 'tsx/esm/api';

// Node's on-disk cache of compiled modules (Node 22.1 and later; a no-op before): a second start of the same
// sources skips V8's compilation of Ponte and its dependencies (issue 16, decision 0057). Off with
// NODE_DISABLE_COMPILE_CACHE=1.
module.enableCompileCache?.();
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
