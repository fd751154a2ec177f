#!/usr/bin/env node
// Bundles the CLI into dist/ (ESM, one chunk per lazily loaded command, source maps) so start-up
// reads a few files instead of hundreds of modules. bin/stackc.js loads dist/cli.js; the library
// (`import ... from 'stackc'`, src/index.ts) is dist/index.js, sharing the CLI's chunks.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// STACKC_BUNDLE_OUTDIR: bundle elsewhere (the benchmark stages its own copy of the package, so a
// test run rebuilding dist/ meanwhile cannot pull the files from under it).
const outdir = resolve(root, process.env.STACKC_BUNDLE_OUTDIR ?? 'dist');
// Chunk names carry content hashes: start clean so old chunks do not pile up. A directory named by
// STACKC_BUNDLE_OUTDIR is emptied too, so it must be nothing but an earlier bundle: absent, empty,
// or holding cli.js and no more than a bundle writes.
const BUNDLE_ENTRIES = new Set(['cli.js', 'cli.js.map', 'index.js', 'index.js.map', 'chunks', 'lib', 'types']);
if (process.env.STACKC_BUNDLE_OUTDIR && existsSync(outdir)) {
  const entries = readdirSync(outdir);
  if (entries.length && !(entries.includes('cli.js') && entries.every((e) => BUNDLE_ENTRIES.has(e)))) {
    throw new Error(`refusing to empty ${outdir}: it is not an earlier bundle (STACKC_BUNDLE_OUTDIR must name a new directory or a previous bundle's)`);
  }
}
rmSync(outdir, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Source maps serve one purpose: the trace of an internal error, which the CLI maps back to the
  // sources (src/cli/main.ts). Mappings and names are enough for that, so the sources themselves
  // are not copied into the maps (they were three quarters of the installed package).
  sourcemap: true,
  sourcesContent: false,
  // Smaller chunks parse faster at every start; the source maps keep stack traces readable.
  minify: true,
  legalComments: 'none',
  // Some dependencies are CommonJS and require Node built-ins; give the ESM bundle a `require`.
  banner: { js: "import { createRequire as __stackcRequire } from 'node:module'; const require = __stackcRequire(import.meta.url);" },
  logLevel: 'warning',
};

// The CLI and the library in one build, so the code both use is in the package once (as two builds
// it was installed twice). Types of the library: `tsc -p tsconfig.lib.json`.
await build({ ...common, entryPoints: { cli: 'src/cli/entry.ts', index: 'src/index.ts' }, chunkNames: 'chunks/[name]-[hash]' });
