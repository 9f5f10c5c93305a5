#!/usr/bin/env node
// The `ponte` command. The sources are TypeScript run through tsx, so the command works right after `npm ci`
// with no build step (docs/decisions/0002-typescript-without-build.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
