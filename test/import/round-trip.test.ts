// Round trip over the import corpus (fixtures/import/<project>/): import the compose files, build
// the compose target of the first environment in memory, and compare with the original merged
// compose model: same services, images, published ports, variable names, healthchecks,
// dependencies and mounts — except exactly what the import reported.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { emitContext, emitTarget } from '../targets/context.js';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { serviceEnvironment } from '../../src/import/environment.js';
import { Notes, type ImportNote } from '../../src/import/notes.js';
import { parseComposeText } from '../../src/import/read.js';
import type { CMap } from '../../src/import/tree.js';
import { loadStackText } from '../../src/load/load-stack.js';
import compose from '../../targets/compose/index.js';
import { root } from '../helpers.js';
import { expectGoldenDir } from '../support/golden.js';
import { composeView, type ServiceView } from './compose-view.js';
import { corpusProjects, importProject, renderGolden } from './corpus.js';

const corpus = join(root, 'fixtures/import');
const projects = corpusProjects(corpus);

/** Differences between the original and the generated service, as `service|aspect|key`. */
function differences(name: string, original: ServiceView, generated: ServiceView | undefined): string[] {
  if (!generated) return [`${name}|service|`];
  const out: string[] = [];
  if (original.image !== undefined && original.image !== generated.image) out.push(`${name}|image|`);
  for (const key of new Set([...original.ports.keys(), ...generated.ports.keys()])) if (original.ports.get(key) !== generated.ports.get(key)) out.push(`${name}|ports|${key}`);
  for (const key of new Set([...original.env, ...generated.env])) if (original.env.has(key) !== generated.env.has(key)) out.push(`${name}|env|${key}`);
  if (original.healthcheck !== generated.healthcheck) out.push(`${name}|healthcheck|`);
  for (const key of new Set([...original.dependsOn.keys(), ...generated.dependsOn.keys()])) if (original.dependsOn.get(key) !== generated.dependsOn.get(key)) out.push(`${name}|depends_on|${key}`);
  for (const key of new Set([...original.volumes.keys(), ...generated.volumes.keys()])) if (original.volumes.get(key) !== generated.volumes.get(key)) out.push(`${name}|volumes|${key}`);
  return out;
}

const covers = (n: ImportNote, diff: string): boolean => {
  const [service, aspect, key] = diff.split('|');
  const a = n.affects;
  return a !== undefined && a.service === service && a.aspect === aspect && (a.key === undefined || a.key === key);
};

describe('stackc import: round trip over the corpus (fixtures/import)', () => {
  it('has at least 15 projects, each with a SOURCE note', () => {
    expect(projects.length).toBeGreaterThanOrEqual(15);
    for (const p of projects) expect(readFileSync(join(corpus, p, 'SOURCE'), 'utf8')).toMatch(/Origin:/);
  });

  for (const project of projects) {
    describe(project, () => {
      const dir = join(corpus, project);
      const { result } = importProject(dir);

      it('imports without errors into a stack.yaml that validates', () => {
        expect(result.errors).toEqual([]);
        const loaded = loadStackText(result.text!, { file: 'stack.yaml', root: dir });
        expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(loaded.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
      });

      it('matches its golden files expected/stack.yaml and expected/import-output.txt (`npm run golden`)', () => {
        // expected/lint.txt belongs to test/import/lint.test.ts.
        expectGoldenDir(join(dir, 'expected'), renderGolden(dir), (file) => file !== 'lint.txt');
      });

      it('never writes a secret value into stack.yaml', () => {
        const text = result.text!;
        const written = writtenValues(parseDocument(text).toJS() as Record<string, unknown>);
        for (const s of result.secrets) expect(text).not.toMatch(new RegExp(`^\\s+${s.name}:`, 'm'));
        // No value of a variable that became a secret is written as a value anywhere in stack.yaml.
        const fileDirs = new Map(result.files.map((f) => [f.file, dirname(f.absolute)]));
        const env = servicesOf(result.merged!).flatMap(([, node]) => serviceEnvironment('x', node, { env: { lookup: () => undefined, origin: () => undefined }, notes: new Notes(), fileDirs, cwd: dir }));
        const secretNames = new Set(result.secrets.map((s) => s.name));
        // A value that is also the value of a plain variable (a user name equal to its password) may appear as that.
        const plain = new Set(env.filter((e) => !secretNames.has(e.name) && e.value).map((e) => e.value!));
        for (const s of result.secrets) {
          for (const e of env.filter((x) => x.name === s.name && x.value && !plain.has(x.value))) {
            expect(written.some((w) => w === e.value || (e.value!.length >= 8 && w.includes(e.value!))), `${s.name}'s value`).toBe(false);
          }
        }
      });

      it('builds a compose file equivalent to the original, except what the import reported', () => {
        const loaded = loadStackText(result.text!, { file: 'stack.yaml', root: dir });
        const stack = loaded.stack!;
        const environment = stack.environments[0]!.name;
        const artifacts = emitTarget(compose, emitContext(stack, 'compose', { environments: [environment] }));
        const file = artifacts.find((a) => a.path === 'compose.yaml')!;
        const parsed = parseComposeText('compose.yaml', join(dir, 'compose.yaml'), file.content, { lookup: () => undefined, origin: () => undefined });
        expect(parsed.diagnostics).toEqual([]);
        const fileDirs = new Map(result.files.map((f) => [f.file, dirname(f.absolute)]));
        const envNames = (dirs: Map<string, string>) => (_: string, node: CMap) => serviceEnvironment('x', node, { env: { lookup: () => undefined, origin: () => undefined }, notes: new Notes(), fileDirs: dirs, cwd: dir }).map((e) => e.name);
        const original = composeView(result.merged!, (f) => fileDirs.get(f) ?? dir, envNames(fileDirs));
        const generated = composeView(parsed.file!.root, () => dir, envNames(new Map([['compose.yaml', dir]])));
        const diffs: string[] = [];
        for (const [composeName, view] of original) {
          const mapped = result.names.get(composeName)?.name;
          const gen = mapped ? generated.get(mapped) : undefined;
          const renamed = mapped !== undefined && mapped !== composeName ? [`${composeName}|service|`] : [];
          const rename = (d: string) => d.replace(/\|depends_on\|(.*)$/, (_, dep: string) => `|depends_on|${[...result.names].find(([, v]) => v.name === dep)?.[0] ?? dep}`);
          diffs.push(...renamed, ...differences(composeName, view, gen).map(rename));
        }
        // What stackc's Compose file adds on purpose: a service also waits for what it reaches through
        // references (the deployment model's needs), which the original may not have said.
        const view = resolveDeployment(stack).model.environment(environment)!;
        const composeName = (name: string) => [...result.names].find(([, v]) => v.name === name)?.[0] ?? name;
        const implied = new Set(view.services.flatMap((s) => s.needs.filter((n) => n.via === 'reference').map((n) => `${composeName(s.name)}|depends_on|${composeName(n.name)}`)));
        diffs.splice(0, diffs.length, ...diffs.filter((d) => !implied.has(d)));
        // Services with Compose profiles are not in the first environment's file: their notes are about other files.
        const affecting = result.notes.filter((n) => n.affects && original.has(n.affects.service) && (n.affects.environment ?? environment) === environment);
        const unexplained = diffs.filter((d) => !affecting.some((n) => covers(n, d)));
        const unused = affecting.filter((n) => !diffs.some((d) => covers(n, d))).map((n) => `${n.at.file}:${n.at.line}:${n.at.col} ${n.message}`);
        expect(unexplained, 'differences the import did not report').toEqual([]);
        expect(unused, 'reported exclusions with no difference').toEqual([]);
      });
    });
  }
});

function servicesOf(merged: CMap): [string, CMap][] {
  const services = merged.entries.find((e) => e.key === 'services')?.value;
  return services?.kind === 'map' ? services.entries.filter((e) => e.value.kind === 'map').map((e) => [e.key, e.value as CMap]) : [];
}

/** Every scalar value in the services of a stack.yaml (env values, commands, labels, build args, ...). */
function writtenValues(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    else if (v !== null && v !== undefined) out.push(String(v));
  };
  walk(data.services);
  return out;
}
