// The shape of the code, held by a plain scan of import statements (docs/architecture.md):
// - a target is a self-contained folder: nothing under targets/<a>/ imports from targets/<b>/;
// - src/ reaches a target only through its entry point (index.ts) or its capabilities (data, no
//   emitter code), so the graph, lint and diff never depend on a target's internals;
// - the layers below the emitters stay below them: src/model imports only the model, and
//   src/deploy (the deployment model) imports nothing from emit, lint, graph, diff, api or cli.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers.js';

const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : /\.(ts|mts|js|mjs)$/.test(e.name) ? [`${dir}/${e.name}`] : []));

/** Relative module specifiers of a file's static imports, re-exports and dynamic imports. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const patterns = [/^\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /import\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const p of patterns) for (const m of text.matchAll(p)) out.push(m[1]!);
  return out.filter((s) => s.startsWith('.'));
}

/** Each import of the tree as `from → to`, both relative to the repository root, `.js` read as `.ts`. */
function edges(dir: string): { from: string; to: string }[] {
  return files(dir).flatMap((from) =>
    importsOf(readFileSync(join(root, from), 'utf8')).map((spec) => ({ from, to: relative(root, resolve(root, dirname(from), spec)).replace(/\.js$/, '.ts') })),
  );
}

const targetOf = (path: string): string | undefined => /^targets\/([^/]+)\//.exec(path)?.[1];
const ENTRY_POINTS = /^targets\/[^/]+\/(index|capabilities)\.ts$/;
const show = (list: { from: string; to: string }[]) => list.map((e) => `${e.from} → ${e.to}`);

describe('architecture', () => {
  it('reads imports the way the rules below need (self-test)', () => {
    expect(importsOf("import { a } from '../x.js';\nimport type { B } from './y.js';\nexport { c } from '../../z.js';\nimport 'node:fs';\nconst m = await import('./lazy.js');\nimport d from 'yaml';")).toEqual(['../x.js', './y.js', '../../z.js', './lazy.js']);
    expect(importsOf("import {\n  a,\n  b,\n} from '../multi.js';")).toEqual(['../multi.js']);
  });

  it('no target imports from another target\'s folder', () => {
    const crossing = edges('targets').filter((e) => targetOf(e.to) !== undefined && targetOf(e.to) !== targetOf(e.from));
    expect(show(crossing)).toEqual([]);
  });

  it('src/ imports a target only through its entry point or its capabilities module', () => {
    const internal = edges('src').filter((e) => e.to.startsWith('targets/') && !ENTRY_POINTS.test(e.to));
    expect(show(internal)).toEqual([]);
  });

  it('a capabilities module loads no emitter: its imports never reach the target\'s entry point, a serializer or the render loop', () => {
    const all = [...edges('targets'), ...edges('src')];
    const next = new Map<string, string[]>();
    for (const e of all) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const emitterCode = (path: string) => /^targets\/[^/]+\/(index|place)\.ts$/.test(path) || path.startsWith('src/emit/serialize/') || path === 'src/emit/render.ts';
    const reached: string[] = [];
    for (const start of files('targets').filter((f) => f.endsWith('/capabilities.ts'))) {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length) for (const to of next.get(queue.shift()!) ?? []) if (!seen.has(to)) (seen.add(to), queue.push(to));
      reached.push(...[...seen].filter(emitterCode).map((f) => `${start} → ${f}`));
    }
    expect(reached).toEqual([]);
  });

  it('the model and the deployment model stay below the emitters, lint, graph, diff and the CLI', () => {
    const model = edges('src/model').filter((e) => !e.to.startsWith('src/model/'));
    const deploy = edges('src/deploy').filter((e) => /^src\/(emit|lint|graph|diff|api|cli|import)\//.test(e.to) || e.to.startsWith('targets/'));
    expect(show([...model, ...deploy])).toEqual([]);
  });
});
