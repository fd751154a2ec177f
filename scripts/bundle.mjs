#!/usr/bin/env node
// Bundles the CLI into dist/ (ESM, one chunk per lazily loaded command, source maps) so start-up
// reads a few files instead of hundreds of modules. bin/stackc.js loads dist/cli.js; the library
// (`import ... from 'stackc'`, src/index.ts) is dist/index.js, sharing the CLI's chunks.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

// Node built-ins through `require` rather than `import`: an ESM import of a built-in builds its
// ESM facade, which reads every export once, and some exports are lazy getters that load whole
// subsystems (node:fs's `promises` and `ReadStream` pull in streams, readline and the REPL history;
// node:crypto's `webcrypto` its own). Each built-in becomes a small module that `require`s it and
// re-exports its plain properties as bindings (a getter per use would cost more than it saves); the
// lazy getters are left out, so importing one fails the bundle instead of loading it at start.
// The banner below gives every chunk a `require`.
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    const nodeRequire = createRequire(import.meta.url);
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' || args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const plain = Object.entries(Object.getOwnPropertyDescriptors(nodeRequire(args.path)))
        .filter(([key, d]) => 'value' in d && d.enumerable && key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key))
        .map(([key]) => key);
      const module = `const m = require(${JSON.stringify(args.path)});\nexport default m;\n`;
      // Marked pure so that the bundle keeps (and reads) only the exports the code uses: reading one
      // can have an effect (node:fs's F_OK warns that it is deprecated on Node 24).
      return { contents: module + plain.map((key) => `export const ${key} = /* @__PURE__ */ (() => m.${key})();\n`).join(''), loader: 'js' };
    });
  },
};

// The platform schemas a patched file is checked against (src/emit/patches/schemas/, 138 KB) as one
// string each, parsed when their chunk loads: as object literals they took a source map as large
// as themselves (120 KB of mappings for data no trace points into), and V8 parses JSON text faster
// than the same literals.
const schemasAsText = {
  name: 'schemas-as-text',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]emit[\\/]patches[\\/]schemas[\\/][^\\/]+\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});\n`, loader: 'js' };
    });
  },
};

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
  plugins: [builtinsByRequire, schemasAsText],
};

// The CLI and the library in one build, so the code both use is in the package once (as two builds
// it was installed twice); what a command loads stays lazy (test/startup.test.ts holds it). Types of
// the library: `tsc -p tsconfig.lib.json`.
// STACKC_BUNDLE_METAFILE: also write esbuild's metafile there (the chunk graph test/startup.test.ts
// reads, to hold what each command loads).
const metafile = process.env.STACKC_BUNDLE_METAFILE;
const result = await build({ ...common, entryPoints: { cli: 'src/cli/entry.ts', index: 'src/index.ts' }, chunkNames: 'chunks/[name]-[hash]', metafile: Boolean(metafile) });
if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile));
