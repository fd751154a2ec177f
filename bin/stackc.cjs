#!/usr/bin/env node
// Launcher. The CLI is bundled into one CommonJS file, dist/stackc.cjs (`npm run bundle`, run
// automatically by `npm install`), which this file runs with a V8 code cache of its own: V8 then
// skips parsing and compiling the functions an earlier run of the same command compiled, which
// was a third of `stackc lint`'s own start-up cost (docs/performance.md, "Code cache").
// CommonJS, not an ES module: Node 20 starts an ES module entry through its ESM loader, about 5 ms
// more of every run (docs/performance.md, "Start-up, continued").
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '../dist/stackc.cjs');
const argv = process.argv.slice(2);
/** The commands whose code differs enough to deserve a cache of their own (src/cli/main.ts). */
const COMMANDS = new Set(['validate', 'build', 'lint', 'rules', 'explain', 'diff', 'graph', 'import', 'schema', 'init']);

// Editors and hooks ask for the version on every start: answer before loading the bundle.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else if (!fs.existsSync(bundle)) {
  process.stderr.write('stackc: dist/stackc.cjs is missing; run `npm run bundle` (or `npm install`) in the stackc checkout first\n');
  process.exitCode = 3;
} else {
  // What a top-level `await` did for the ES module launcher: a failure is thrown (a trace, exit 1),
  // and a command that never finishes (a plugin awaiting what never comes) is an error, not exit 0.
  let finished = false;
  loadBundle().runCli(argv).then(
    (code) => {
      finished = true;
      process.exitCode = code;
    },
    (error) => {
      finished = true;
      process.nextTick(() => {
        throw error;
      });
    },
  );
  process.once('exit', (code) => {
    if (finished || code !== 0) return;
    fs.writeSync(2, 'stackc: the command stopped before it finished: something it waited for (a plugin?) never completed\n');
    process.exitCode = 13; // Node's exit code for an unsettled top-level await
  });
}

/**
 * Evaluates dist/stackc.cjs as Node's CommonJS loader would, through a vm.Script that is given the
 * code cache of an earlier run of the same command. The cache is written after a run that had none
 * (or whose cache V8 rejected) and ended normally, when the run's functions have been compiled: a
 * cache made before running holds only the top-level code, which is why Node's own compile cache
 * helps little here. Falls back to a plain `require` wherever the cache cannot be used.
 */
function loadBundle() {
  const cache = cacheFile();
  if (!cache) return require(bundle);
  // A script restored from a code cache loses its dynamic-import callback: the bundle imports
  // plugins and dist/viz.js through this one (src/emit/import-module.ts).
  globalThis[Symbol.for('stackc.importModule')] = (url) => import(url);
  const cachedData = readCache(cache);
  // Latin-1: the bundle is ASCII (scripts/bundle.mjs checks), and this decodes it three times faster.
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'latin1')), { filename: bundle, cachedData });
  const loaded = { exports: {} };
  script.runInThisContext().call(loaded.exports, loaded.exports, Module.createRequire(bundle), loaded, bundle, path.dirname(bundle));
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', (code) => {
      if (code === 0 || code === 1) writeCache(cache, script.createCachedData());
    });
  }
  return loaded.exports;
}

/**
 * Where this command's cache lives, or undefined when caching is off (NODE_DISABLE_COMPILE_CACHE,
 * as for Node's own cache). One directory per user, never the shared temp directory: a code cache
 * is code, so only its owner may write it. The name holds what makes a cache stale: the bundle's
 * size and modification time (V8 checks the source's length, not its content), Node's version and
 * the architecture (V8 checks its version and flags itself, and rejects a mismatch).
 */
function cacheFile() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const base = process.env.STACKC_CACHE_DIR
    ?? (process.platform === 'win32' ? process.env.LOCALAPPDATA && path.join(process.env.LOCALAPPDATA, 'stackc', 'Cache')
      : path.join(process.env.XDG_CACHE_HOME || path.join(homeDirectory(), '.cache'), 'stackc'));
  if (!base) return undefined;
  try {
    const { size, mtimeMs } = fs.statSync(bundle);
    const command = argv.find((a) => COMMANDS.has(a)) ?? 'other';
    return path.join(base, 'code-cache', `${command}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.bin`);
  } catch {
    return undefined;
  }
}

/** $HOME, as os.homedir() reads it first, without loading node:os for it. */
function homeDirectory() {
  return process.env.HOME || require('node:os').homedir();
}

/** The cache's bytes, if the file exists and belongs to this user. */
function readCache(file) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      if (process.getuid && fs.fstatSync(fd).uid !== process.getuid()) return undefined;
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically; a cache that cannot be written is no error (read-only home, CI). */
function writeCache(file, data) {
  try {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.getuid && fs.statSync(dir).uid !== process.getuid()) return;
    // Caches of an older bundle or Node are never read again: keep the directory to what is current.
    const stale = path.basename(file).replace(/-\d+-\d+\.bin$/, '-');
    for (const old of fs.readdirSync(dir)) if (old.startsWith(stale) && old !== path.basename(file)) fs.rmSync(path.join(dir, old), { force: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    // The next run compiles as this one did.
  }
}
