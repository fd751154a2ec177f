#!/usr/bin/env node
// Launcher: the CLI is bundled into dist/ by `npm run bundle` (run automatically by `npm install`).
import module from 'node:module';

// node:fs through `require`: an ESM import of it would build its ESM facade, whose lazy getters load
// streams, fs/promises and readline at every start (see scripts/bundle.mjs).
const { existsSync } = module.createRequire(import.meta.url)('node:fs');

// Node ≥ 22.1 keeps V8's compiled code of the bundle on disk (in its own cache directory under the
// OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later starts skip most parsing and
// compiling. Older Nodes do not have it: nothing happens. See docs/performance.md.
module.enableCompileCache?.();

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('stackc: dist/cli.js is missing; run `npm run bundle` (or `npm install`) in the stackc checkout first\n');
  process.exit(3);
}
await import(cli.href);
