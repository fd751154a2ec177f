#!/usr/bin/env node
// Bundles stackc into dist/: one CommonJS file, dist/stackc.cjs, holding the CLI and the library,
// which bin/stackc.cjs runs with a V8 code cache (a vm.Script: V8 takes cached code for scripts, not
// for ES modules, on every supported Node). What a command does not use stays unevaluated: esbuild
// turns each `import()` of a bundled module into a lazy initialiser, so `stackc lint` never runs
// the emitters' module code (test/startup.test.ts holds it). The library, `import ... from 'stackc'`,
// is dist/index.js, a small ES module over the same file. The SVG renderer (@viz-js/viz, 1.5 MB)
// is a file of its own, dist/viz.js, read only by `graph --format svg`.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// STACKC_BUNDLE_OUTDIR: bundle elsewhere (the benchmark stages its own copy of the package, so a
// test run rebuilding dist/ meanwhile cannot pull the files from under it).
const outdir = resolve(root, process.env.STACKC_BUNDLE_OUTDIR ?? 'dist');
// Chunk names carry content hashes: start clean so old chunks do not pile up. A directory named by
// STACKC_BUNDLE_OUTDIR is emptied too, so it must be nothing but an earlier bundle: absent, empty,
// or holding stackc.cjs and no more than a bundle writes.
const BUNDLE_ENTRIES = new Set(['stackc.cjs', 'stackc.cjs.map', 'index.js', 'viz.js', 'types', 'cli.js', 'cli.js.map', 'index.js.map', 'chunks', 'lib']);
if (process.env.STACKC_BUNDLE_OUTDIR && existsSync(outdir)) {
  const entries = readdirSync(outdir);
  if (entries.length && !((entries.includes('stackc.cjs') || entries.includes('cli.js')) && entries.every((e) => BUNDLE_ENTRIES.has(e)))) {
    throw new Error(`refusing to empty ${outdir}: it is not an earlier bundle (STACKC_BUNDLE_OUTDIR must name a new directory or a previous bundle's)`);
  }
}
rmSync(outdir, { recursive: true, force: true });

// STACKC_BUNDLE_TRACE: every source module records its path in globalThis.__stackcEvaluated when
// its code runs, and at exit $STACKC_TRACE_FILE gets that list and the Node built-in modules the
// process loaded (test/startup.test.ts reads both to hold what each command evaluates). Never in a
// shipped bundle.
const trace = Boolean(process.env.STACKC_BUNDLE_TRACE);
const traceModules = {
  name: 'trace-evaluated-modules',
  setup(b) {
    b.onLoad({ filter: /\.(ts|js|json)$/ }, (args) => {
      if (!trace) return undefined;
      const file = relative(root, args.path).split(sep).join('/');
      if (file.endsWith('.json') || file.startsWith('node_modules/')) return undefined;
      return { contents: `globalThis.__stackcEvaluated.push(${JSON.stringify(file)});\n${readFileSync(args.path, 'utf8')}`, loader: 'ts' };
    });
  },
};
const TRACE_BANNER = "globalThis.__stackcEvaluated = []; process.once('exit', () => process.env.STACKC_TRACE_FILE && require('node:fs').writeFileSync(process.env.STACKC_TRACE_FILE, JSON.stringify({ modules: globalThis.__stackcEvaluated, builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)) })));";

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

// commander requires node:child_process when it loads, for executable subcommands, which stackc
// does not have: about 3 ms of every start (child_process loads net, dgram and streams). Its one
// use, `childProcess.spawn`, now requires it when called. `stackc validate` and `--help` never do,
// and `lint` loads it only for `git ls-files` (test/startup.test.ts holds both).
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const commanderChildProcessLazy = {
  name: 'commander-child-process-lazy',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`${args.path} no longer has \`${COMMANDER_CHILD_PROCESS}\`: update commanderChildProcessLazy in scripts/bundle.mjs`);
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), loader: 'js' };
    });
  },
};

// chalk works out a default colour level when it loads, through supports-color, which loads node:tty
// and node:os to do it. stackc never uses that default: src/cli/output.ts gives every Chalk its
// level (--no-color, NO_COLOR, FORCE_COLOR, a terminal). So the detection is left out.
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'chalk-without-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'chalk-without-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };\n', loader: 'js' }));
  },
};

// The SVG renderer stays out of the main file: `import('@viz-js/viz')` becomes an import of
// dist/viz.js beside the bundle, through src/emit/import-module.ts (the bundle holds no `import()`).
const vizApart = {
  name: 'viz-apart',
  setup(b) {
    b.onResolve({ filter: /^@viz-js\/viz$/ }, () => ({ path: 'viz', namespace: 'viz-apart' }));
    b.onLoad({ filter: /.*/, namespace: 'viz-apart' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: "import { importModule } from './src/emit/import-module.ts';\nexport const instance = () => importModule(new URL('./viz.js', __stackcBundleUrl).href).then((m) => m.instance());\n",
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: { stackc: 'src/cli/bundle.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Source maps serve one purpose: the trace of an internal error, which the CLI maps back to the
  // sources (src/cli/main.ts). Mappings and names are enough for that, so the sources themselves
  // are not copied into the maps (they were three quarters of the installed package).
  sourcemap: true,
  sourcesContent: false,
  // Less to parse on a run without a code cache (the first, or after an upgrade).
  minify: true,
  legalComments: 'none',
  // packageRoot() finds package.json from the bundle's own location.
  define: { 'import.meta.url': '__stackcBundleUrl' },
  banner: { js: `const __stackcBundleUrl = require('node:url').pathToFileURL(__filename).href;${trace ? TRACE_BANNER : ''}` },
  logLevel: 'warning',
  plugins: [schemasAsText, vizApart, commanderChildProcessLazy, chalkWithoutDetection, traceModules],
  metafile: true,
});
// STACKC_BUNDLE_METAFILE: also write esbuild's metafile there (test/startup.test.ts reads the
// modules' import graph from it).
if (process.env.STACKC_BUNDLE_METAFILE) writeFileSync(process.env.STACKC_BUNDLE_METAFILE, JSON.stringify(result.metafile));

await build({ absWorkingDir: root, stdin: { contents: "export { instance } from '@viz-js/viz';", resolveDir: root, loader: 'js' }, outfile: resolve(outdir, 'viz.js'), bundle: true, format: 'esm', platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' });

// bin/stackc.cjs reads the bundle as Latin-1, about three times faster than decoding UTF-8 (1.8 MB
// at every start): right only while every byte is ASCII. esbuild escapes strings, not regular
// expression literals, so a character outside ASCII in one must be written as `\uXXXX`.
const bundleText = readFileSync(resolve(outdir, 'stackc.cjs'));
const nonAscii = bundleText.findIndex((byte) => byte > 0x7f);
if (nonAscii !== -1) {
  const around = bundleText.subarray(Math.max(0, nonAscii - 60), nonAscii + 20).toString('utf8');
  throw new Error(`dist/stackc.cjs is not ASCII at byte ${nonAscii}: …${around}… (write the character as \\uXXXX in the source)`);
}

// The library as an ES module: the names src/index.ts exports, read from the bundle just built.
const library = await createRequire(import.meta.url)(resolve(outdir, 'stackc.cjs')).loadLibrary();
const names = Object.keys(library).filter((name) => name !== 'default' && name !== '__esModule').sort();
writeFileSync(resolve(outdir, 'index.js'), `// stackc as a library (src/index.ts, documented in docs/api.md): the exports of dist/stackc.cjs's library part.
import { createRequire } from 'node:module';

const library = await createRequire(import.meta.url)('./stackc.cjs').loadLibrary();
export const { ${names.join(', ')} } = library;
`);
