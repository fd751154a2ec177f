// What each command evaluates before and while it works: a bundle built with STACKC_BUNDLE_TRACE
// records every source module whose code runs (scripts/bundle.mjs), and each command is run on the
// fullstack example from a private copy of the package. A pre-commit `stackc lint` and an editor's
// `stackc --version` must not pay for the emitters, the SVG renderer or the diff and import
// machinery (docs/performance.md). And the code cache bin/stackc.cjs keeps: written after a run,
// used by the next, never changing what a command prints. No timings: the structure is held.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, tempDir } from './helpers.js';

interface Metafile { inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }> }

let work: string;
let pkg: string;
let meta: Metafile;

beforeAll(() => {
  work = tempDir();
  pkg = join(work, 'stackc');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  copyFileSync(join(root, 'bin/stackc.cjs'), join(pkg, 'bin/stackc.cjs'));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/bundle.mjs'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, STACKC_BUNDLE_OUTDIR: join(pkg, 'dist'), STACKC_BUNDLE_METAFILE: join(work, 'meta.json'), STACKC_BUNDLE_TRACE: '1' },
  });
  meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8')) as Metafile;
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run { status: number | null; stdout: string; stderr: string; evaluated: string[] | undefined; builtins: string[] | undefined }

/**
 * Runs the traced CLI; `evaluated` lists the source modules whose code ran, `builtins` the Node
 * built-in modules the process loaded, Node's own start-up included (both undefined: the bundle was
 * not loaded).
 */
function run(args: string[], env: Record<string, string> = {}): Run {
  const traceFile = join(work, `trace-${Math.random().toString(36).slice(2)}.json`);
  const result = spawnSync(process.execPath, [join(pkg, 'bin/stackc.cjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', STACKC_CACHE_DIR: join(work, 'cache'), STACKC_TRACE_FILE: traceFile, ...env },
  });
  const trace = existsSync(traceFile) ? (JSON.parse(readFileSync(traceFile, 'utf8')) as { modules: string[]; builtins: string[] }) : undefined;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, evaluated: trace?.modules.sort(), builtins: trace?.builtins };
}

/** Source files reachable from `start` through static imports (what a module pulls in). */
function importedBy(start: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (input: string) => {
    if (seen.has(input) || !meta.inputs[input]) return;
    seen.add(input);
    for (const i of meta.inputs[input]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  start.forEach(visit);
  return seen;
}

const FULLSTACK = ['-f', 'fixtures/fullstack/stack.yaml'];
const NOT_AT_START = [/^src\/diff\//, /^src\/import\//, /^src\/graph\//, /^src\/emit\/writer\.ts$/, /^src\/emit\/build\.ts$/];

describe('what a command evaluates (a traced bundle)', () => {
  it('`stackc --version` answers without loading the bundle', () => {
    const result = run(['--version']);
    expect(result.stdout.trim()).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
    expect(result.evaluated).toBeUndefined();
  });

  it('`stackc lint` evaluates no emitter: from targets/ only the capabilities modules and what they import', () => {
    const { status, evaluated } = run(['lint', ...FULLSTACK]);
    expect(status).toBe(0);
    const capabilities = importedBy(evaluated!.filter((f) => /^targets\/[^/]+\/capabilities\.ts$/.test(f)));
    expect(capabilities.size).toBeGreaterThan(0);
    expect(evaluated!.filter((f) => f.startsWith('targets/') && !capabilities.has(f))).toEqual([]);
    expect(evaluated!.filter((f) => NOT_AT_START.some((p) => p.test(f)))).toEqual([]);
    // The machine formats and the diff formats beside them in src/api/format.ts load when asked for.
    expect(evaluated!.filter((f) => /^src\/lint\/format\/(json|sarif|github)\.ts$/.test(f) || f === 'src/api/format.ts')).toEqual([]);
    // ... and the library's entry is not evaluated by the CLI.
    expect(evaluated).not.toContain('src/index.ts');
  });

  it('`stackc lint --format sarif` evaluates the formatter it asks for', () => {
    expect(run(['lint', ...FULLSTACK, '--format', 'sarif']).evaluated).toContain('src/lint/format/sarif.ts');
  });

  it('the platform schemas a patched file is checked against are evaluated only by a build with patches', () => {
    const SCHEMAS = 'src/emit/patches/platform-schemas.ts';
    for (const args of [['lint', ...FULLSTACK], ['validate', ...FULLSTACK], ['build', ...FULLSTACK, '--dry-run']]) {
      const { status, evaluated } = run(args);
      expect(status, args[0]).toBe(0);
      expect(evaluated, args[0]).not.toContain(SCHEMAS);
    }
    const patched = run(['build', '-f', 'fixtures/fidelity/k8s-patches/stack.yaml', '--dry-run']);
    expect(patched.status).toBe(0);
    expect(patched.evaluated).toContain(SCHEMAS);
  });

  it('`stackc validate` evaluates neither the lint rules nor any emitter', () => {
    const { status, evaluated } = run(['validate', ...FULLSTACK]);
    expect(status).toBe(0);
    expect(evaluated!.filter((f) => f.startsWith('src/lint/') || NOT_AT_START.some((p) => p.test(f)))).toEqual([]);
    const capabilities = importedBy(evaluated!.filter((g) => g.endsWith('/capabilities.ts')));
    expect(evaluated!.filter((f) => f.startsWith('targets/') && !capabilities.has(f))).toEqual([]);
  });

  // Each of these costs a pre-commit run 1-6 ms to load (docs/performance.md, "Start-up, continued"):
  // node:crypto (lint hashes with @noble/hashes), node:os and node:tty (chalk's colour detection,
  // which stackc does not use), node:child_process (commander's, for executable subcommands; lint
  // loads it for its one `git ls-files`).
  it('`stackc validate` and `stackc lint` load no Node built-in they do not use', () => {
    const validate = run(['validate', ...FULLSTACK]);
    expect(validate.status).toBe(0);
    expect(validate.builtins!.filter((m) => ['crypto', 'os', 'tty', 'child_process'].includes(m))).toEqual([]);
    const lint = run(['lint', ...FULLSTACK]);
    expect(lint.status).toBe(0);
    expect(lint.builtins!.filter((m) => ['crypto', 'os', 'tty'].includes(m))).toEqual([]);
    expect(lint.builtins).toContain('child_process');
  });

  it('the bundle imports nothing by `import()` but through src/emit/import-module.ts (a script restored from a code cache cannot)', () => {
    const bundle = readFileSync(join(pkg, 'dist/stackc.cjs'), 'utf8');
    expect(bundle.match(/\bimport\(/g)).toHaveLength(1);
  });
});

describe('the code cache (bin/stackc.cjs)', () => {
  const cacheDir = () => join(work, 'cache', 'code-cache');

  it('is written after a command ends, per command and Node version, and the next run prints the same', () => {
    rmSync(join(work, 'cache'), { recursive: true, force: true });
    const first = run(['lint', ...FULLSTACK]);
    const files = readdirSync(cacheDir());
    expect(files).toEqual([expect.stringMatching(new RegExp(`^lint-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+\\.bin$`))]);
    const cached = readFileSync(join(cacheDir(), files[0]!));
    const second = run(['lint', ...FULLSTACK]);
    expect({ ...second, evaluated: undefined }).toEqual({ ...first, evaluated: undefined });
    // used, not rewritten
    expect(readFileSync(join(cacheDir(), files[0]!)).equals(cached)).toBe(true);
    run(['validate', ...FULLSTACK]);
    expect(readdirSync(cacheDir()).map((f) => f.split('-')[0]).sort()).toEqual(['lint', 'validate']);
  });

  it('a cache V8 rejects (damaged, or from another build) is replaced, and the command works', () => {
    const first = run(['rules']);
    const [file] = readdirSync(cacheDir()).filter((f) => f.startsWith('rules-'));
    writeFileSync(join(cacheDir(), file!), Buffer.alloc(4096, 7));
    const again = run(['rules']);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(readFileSync(join(cacheDir(), file!)).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('is not written after a run that failed, nor when NODE_DISABLE_COMPILE_CACHE is set', () => {
    rmSync(join(work, 'cache'), { recursive: true, force: true });
    expect(run(['validate', '-f', 'no-such-stack.yaml']).status).toBe(2);
    expect(existsSync(cacheDir())).toBe(false);
    expect(run(['lint', ...FULLSTACK], { NODE_DISABLE_COMPILE_CACHE: '1' }).status).toBe(0);
    expect(existsSync(cacheDir())).toBe(false);
  });

  it('plugins and the SVG renderer, imported from a script restored from the cache, load', () => {
    for (let i = 0; i < 2; i++) {
      const svg = run(['graph', ...FULLSTACK, '--format', 'svg']);
      expect(svg.status).toBe(0);
      expect(svg.stdout).toContain('<svg');
      const plugin = run(['build', '-f', 'fixtures/plugin-target/stack.yaml', '--dry-run']);
      expect(plugin.stderr).not.toMatch(/internal error|failed to load|import callback/);
      expect(plugin.stdout).toContain('Procfile');
      expect(plugin.status).toBe(0);
    }
    expect(readdirSync(cacheDir()).some((f) => f.startsWith('graph-'))).toBe(true);
  });
});
