// What each command loads before it does anything: the bundle's chunk graph (esbuild's metafile of
// the CLI build), followed from dist/cli.js through static imports only, as Node loads it. A pre-commit
// `stackc lint` and an editor's `stackc --version` must not pay for the emitters, the SVG renderer
// or the diff and import machinery (docs/performance.md). No timings: the structure is what is held.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, tempDir } from './helpers.js';

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}

let meta: Metafile;
let work: string;

beforeAll(() => {
  work = tempDir();
  execFileSync(process.execPath, ['scripts/bundle.mjs'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, STACKC_BUNDLE_OUTDIR: join(work, 'dist'), STACKC_BUNDLE_METAFILE: join(work, 'meta.json') },
  });
  meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8')) as Metafile;
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The output chunk a source file starts (the CLI entry, or a module the CLI imports dynamically). */
const chunkOf = (entryPoint: string): string => {
  const found = Object.entries(meta.outputs).find(([path, o]) => o.entryPoint === entryPoint && path.endsWith('.js'));
  if (!found) throw new Error(`no chunk starts at ${entryPoint}`);
  return found[0];
};

/** The source files Node evaluates when a run reaches these chunks: their static imports, transitively. */
function loadedSources(entryPoints: string[]): string[] {
  const seen = new Set<string>();
  const visit = (chunk: string) => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    for (const i of meta.outputs[chunk]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  for (const entryPoint of entryPoints) visit(chunkOf(entryPoint));
  return [...seen].flatMap((chunk) => Object.keys(meta.outputs[chunk]!.inputs)).sort();
}

/** Source files reachable from `start` through the inputs' imports (what a module pulls in). */
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

const ENTRY = 'src/cli/entry.ts';
const MAIN = 'src/cli/main.ts';
const NOT_AT_START = [/^node_modules\/@viz-js\//, /^src\/diff\//, /^src\/import\//, /^src\/graph\//, /^src\/emit\/writer\.ts$/, /^node_modules\/diff\//, /^node_modules\/smol-toml\//];

describe('what a command loads (the bundle chunk graph)', () => {
  it('`stackc --version` loads the entry and package.json, not the command line machinery', () => {
    expect(loadedSources([ENTRY])).toEqual(['package.json', 'src/cli/closed-pipe.ts', 'src/cli/entry.ts']);
  });

  it('`stackc lint` loads no emitter: from targets/ only the capabilities modules and what they import', () => {
    const loaded = loadedSources([ENTRY, MAIN, 'src/cli/commands/lint.ts']);
    const capabilities = importedBy(loaded.filter((f) => /^targets\/[^/]+\/capabilities\.ts$/.test(f)));
    expect(capabilities.size).toBeGreaterThan(0);
    expect(loaded.filter((f) => f.startsWith('targets/') && !capabilities.has(f))).toEqual([]);
    expect(loaded.filter((f) => NOT_AT_START.some((p) => p.test(f)))).toEqual([]);
    // The machine formats and the diff formats beside them in src/api/format.ts load when asked for.
    expect(loaded.filter((f) => /^src\/lint\/format\/(json|sarif|github)\.ts$/.test(f) || f === 'src/api/format.ts')).toEqual([]);
  });

  it('`stackc validate` loads neither the lint rules nor any emitter', () => {
    const loaded = loadedSources([ENTRY, MAIN, 'src/cli/commands/validate.ts']);
    expect(loaded.filter((f) => f.startsWith('src/lint/') || NOT_AT_START.some((p) => p.test(f)))).toEqual([]);
    expect(loaded.filter((f) => f.startsWith('targets/') && !f.endsWith('/capabilities.ts') && !importedBy(loaded.filter((g) => g.endsWith('/capabilities.ts'))).has(f))).toEqual([]);
  });

  it('the platform schemas a patched file is checked against load only when a build has patches, in a chunk of their own', () => {
    const SCHEMAS = /^src\/emit\/patches\/(platform-schemas\.ts|schemas\/)/;
    for (const command of ['lint', 'validate', 'build', 'diff']) expect(loadedSources([ENTRY, MAIN, `src/cli/commands/${command}.ts`]).filter((f) => SCHEMAS.test(f)), command).toEqual([]);
    const own = loadedSources(['src/emit/patches/platform-schemas.ts']);
    expect(own).toEqual(expect.arrayContaining(['src/emit/patches/platform-schemas.ts', 'src/emit/patches/schemas/kubernetes.json', 'src/emit/patches/schemas/compose.json']));
  });

  it('imports Node built-ins with require, never `import` (an ESM import reads every export: node:fs loads streams and readline)', () => {
    const esmBuiltins = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external && i.kind === 'import-statement' && i.path !== 'node:module').map((i) => i.path));
    expect(esmBuiltins).toEqual([]);
  });
});
