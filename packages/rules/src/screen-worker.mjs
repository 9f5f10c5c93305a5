// Entry of a `ponte screen` worker thread (engine/screen.ts). The sources are TypeScript run through tsx
// (decision 0002), whose loader hooks a worker thread does not inherit on Node 20, whether they were registered
// with `register()` (bin/ponte.js) or `--import tsx`: the worker loads its module with tsx's own `tsImport`
// when it cannot import it as it is (a Node that strips types itself).
let mod;
try {
  mod = await import('./screen-worker-main.ts');
} catch (e) {
  if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  const { tsImport } = await import('tsx/esm/api');
  mod = await tsImport('./screen-worker-main.ts', import.meta.url);
}
mod.start();
