// Property tests over generated stacks (test/property/arbitraries.ts). `npm test` runs a fast slice
// (STACKC_PROPERTY_RUNS, default 120 stacks per property); `npm run fuzz` runs thousands.
import { resolveDeployment } from '../../src/deploy/resolve.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { parseAllDocuments, stringify } from 'yaml';
import { planBuild, type DiskView } from '../../src/emit/plan.js';
import { emptyManifest } from '../../src/emit/manifest.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { markBuiltin, renderArtifacts, type RenderResult } from '../../src/emit/render.js';
import { RULES } from '../../src/lint/catalog/index.js';
import { runLint } from '../../src/lint/engine.js';
import { isWeakValue } from '../../src/vocabulary/secret-values.js';
import { loadStackText } from '../../src/load/load-stack.js';
import { actionlint, artifactProblems, kindOf, parseArtifact } from './artifact-checks.js';
import { reorderUnorderedMaps, secretValue, stackShape, toYaml, type StackShape } from './arbitraries.js';
import { recordCount } from '../fuzz/counts.js';
import { emittedSafetyProblems } from '../reliability/emitted-safety.js';

markBuiltin(BUILTIN_TARGETS);

const RUNS = Number(process.env.STACKC_PROPERTY_RUNS ?? 100);
const SEED = process.env.STACKC_PROPERTY_SEED ? Number(process.env.STACKC_PROPERTY_SEED) : undefined;
const params = (runs = RUNS): fc.Parameters<unknown> => ({ numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}) });
/**
 * Generous per-test time: a stack costs about 160 ms on this 2-core machine alone (every target,
 * the model's Dockerfile and image facts), and a CI machine may be busy; not a speed check (those
 * live in `npm run bench`).
 */
const TIME = { timeout: Math.max(60_000, RUNS * 500) };

const PROJECT = '/project';

function load(text: string) {
  return loadStackText(text, { file: 'stack.yaml', root: PROJECT });
}

function build(text: string): { result: RenderResult; loaded: ReturnType<typeof load> } {
  const loaded = load(text);
  if (!loaded.stack) throw new Error(`generated stack does not load:\n${loaded.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} [${d.code}] ${d.message}`).join('\n')}\n---\n${text}`);
  return { loaded, result: renderArtifacts(resolveDeployment(loaded.stack).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' }) };
}


/**
 * The one refusal a generated stack may meet (issue 16, item 1): the kubernetes target refuses a
 * service whose user the pod could not verify (a name, or an image known to run as root without
 * `user: 0`). Each must be warranted by the model; no other error may occur.
 */
const USER_REFUSALS = new Set(['kubernetes/user-name', 'kubernetes/root-image']);
function unwarrantedErrors(r: RenderResult, text: string): string[] {
  if (!r.problems.some((p) => p.severity === 'error')) return [];
  const model = resolveDeployment(load(text).stack!).model;
  const unverifiable = new Set(
    model.environments.flatMap((e) => e.services.filter((s) => s.runAs.kind === 'name' || (s.runAs.kind === 'root' && s.runAs.from.kind !== 'stack')).map((s) => s.name)),
  );
  return r.problems
    .filter((p) => p.severity === 'error' && !(USER_REFUSALS.has(p.code) && unverifiable.has(String(p.path?.[1]))))
    .map((p) => `[${p.code}] ${p.message}`);
}

/**
 * Lines that set a password-like key to a literal well-known weak value, or URLs with literal
 * credentials. One documented exception: CI's throwaway RabbitMQ service container, which has no
 * password-less mode, is reached as the image's localhost-only `guest` (docs/reliability.md).
 */
function weakDefaults(path: string, content: string): string[] {
  const found: string[] = [];
  for (const line of content.split('\n')) {
    if (path === '.github/workflows/ci.yml' && /amqp:\/\/guest:guest@localhost:/.test(line)) continue;
    const m = /^\s*-?\s*(?:name:\s*)?["']?([A-Za-z_][A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|_KEY))["']?\s*[:=]\s*["']?([^"'#\s]+)/i.exec(line);
    if (m && !/ALLOW_EMPTY|RANDOM_ROOT/i.test(m[1]!) && !m[2]!.includes('${') && !m[2]!.startsWith('$') && isWeakValue(m[2]!)) found.push(line.trim());
    const url = /[a-z][a-z0-9+.-]*:\/\/([^:@/\s]+):([^@/\s]+)@/i.exec(line);
    // `$''{{`: a Railway reference variable in a deploy script, its `${{` split so GitHub does not evaluate it.
    if (url && !url[2]!.includes('${') && !url[2]!.includes('$(') && !url[2]!.includes('${{') && !url[2]!.includes("$''{{")) found.push(line.trim());
  }
  return found;
}

let seen = 0;
afterAll(() => recordCount('property: generated stacks checked', seen));

describe('generated stacks', () => {
  // One build per generated stack, checked for everything a build promises (cheaper than a build per property).
  it('validate; build without throwing or errors (but the warranted refusal of a user Kubernetes cannot verify); every artifact validates against its platform schema, re-parses to the same data, holds no secret value or weak default password, is safe by default (test/reliability/emitted-safety.ts); a second build changes nothing', TIME, () => {
    fc.assert(
      fc.property(stackShape, fc.array(secretValue, { minLength: 8, maxLength: 8 }), (shape: StackShape, values) => {
        seen++;
        const text = toYaml(shape.data);
        // Where a user keeps secret values: the shell, or a CI secret store exported to it.
        const names = [...shape.secrets, ...shape.resources.flatMap((r) => [`${r.name.toUpperCase()}_PASSWORD`, `${r.name.toUpperCase()}_URL`])];
        const saved = names.map((n) => [n, process.env[n]] as const);
        names.forEach((n, i) => (process.env[n] = values[i % values.length]));
        let result: RenderResult;
        let stack: ReturnType<typeof load>['stack'];
        try {
          ({ result, loaded: { stack } } = build(text));
        } finally {
          for (const [n, v] of saved) v === undefined ? delete process.env[n] : (process.env[n] = v);
        }

        expect(unwarrantedErrors(result, text), text).toEqual([]);
        expect(result.artifacts.length > 0 || Object.keys(shape.data.targets as object).length === 0).toBe(true);
        expect(result.artifacts.flatMap(artifactProblems), text).toEqual([]);
        expect(emittedSafetyProblems(result.artifacts, stack!), text).toEqual([]);

        for (const a of result.artifacts) {
          for (const v of values) expect(a.content.includes(v), `${a.path} contains the secret value ${v}`).toBe(false);
          expect(weakDefaults(a.path, a.content), a.path).toEqual([]);
          const docs = parseArtifact(a);
          if (!docs) continue;
          const kind = kindOf(a);
          if (kind === 'railway' || kind === 'vercel') expect(a.content, a.path).toBe(`${JSON.stringify(docs[0], null, 2)}\n`);
          else if (kind === 'fly') expect(parseToml(stringifyToml(docs[0] as Record<string, unknown>)), a.path).toEqual(docs[0]);
          else expect(parseAllDocuments(docs.map((d) => stringify(d)).join('---\n')).map((d) => d.toJS()), a.path).toEqual(docs);
        }

        // Build, then build again over what the first build wrote: nothing to create, update or prune.
        const disk = new Map<string, string>();
        const view: DiskView = { read: (p) => disk.get(p), blocked: () => undefined };
        const options = { force: false, rendered: result.rendered, complete: true };
        const first = planBuild(result.artifacts, emptyManifest(), view, options);
        expect(first.conflicts).toEqual([]);
        for (const action of first.actions) if (action.kind === 'create') disk.set(action.artifact.path, action.artifact.content);
        const rebuilt = build(text).result;
        const second = planBuild(rebuilt.artifacts, first.manifest, view, { ...options, rendered: rebuilt.rendered });
        expect(second.actions.filter((x) => x.kind !== 'unchanged')).toEqual([]);
        expect(second.conflicts).toEqual([]);
        expect(second.manifest).toEqual(first.manifest);
      }),
      params(),
    );
  });

  it('builds byte-identical output when maps without meaningful order are reordered', TIME, () => {
    fc.assert(
      fc.property(stackShape, fc.integer(), (shape, seed) => {
        seen++;
        const a = build(toYaml(shape.data)).result.artifacts;
        const reordered = toYaml(reorderUnorderedMaps(shape.data, seed));
        const b = build(reordered).result.artifacts;
        expect(b.map((x) => [x.path, x.content]), reordered).toEqual(a.map((x) => [x.path, x.content]));
      }),
      params(Math.ceil(RUNS / 2)),
    );
  });

  it('lint runs on every generated stack without throwing, and its findings name real positions', TIME, async () => {
    await fc.assert(
      fc.asyncProperty(stackShape, async (shape) => {
        seen++;
        const text = toYaml(shape.data);
        const { loaded } = build(text);
        const lines = text.split('\n').length;
        const result = await runLint({ stack: loaded.stack!, source: loaded.source!, cwd: '/nonexistent-stackc-project', catalog: RULES, levels: new Map() });
        for (const f of result.findings.filter((x) => x.file.endsWith('stack.yaml'))) {
          expect(f.line >= 1 && f.line <= lines + 1, `${f.ruleId} at ${f.line}`).toBe(true);
        }
      }),
      params(Math.ceil(RUNS / 3)),
    );
  });
});

describe('generated workflows', () => {
  beforeAll(async () => {
    await actionlint({ path: 'warm-up.yml', target: 'github-actions', content: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n' });
  });

  it('pass actionlint', TIME, async () => {
    await fc.assert(
      fc.asyncProperty(stackShape.filter((s) => 'github-actions' in (s.data.targets as object)), async (shape) => {
        seen++;
        const { result } = build(toYaml(shape.data));
        for (const a of result.artifacts.filter((x) => kindOf(x) === 'workflow')) expect(await actionlint(a)).toEqual([]);
      }),
      params(Math.ceil(RUNS / 6)),
    );
  });
});
