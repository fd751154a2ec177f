#!/usr/bin/env node
// Bundles the CLI into dist/ (ESM, one chunk per lazily loaded command, source maps) so start-up
// reads a few files instead of hundreds of modules. bin/stackc.js loads dist/cli.js.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/entry.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and require Node built-ins; give the ESM bundle a `require`.
  banner: { js: "import { createRequire as __stackcRequire } from 'node:module'; const require = __stackcRequire(import.meta.url);" },
  logLevel: 'warning',
});
