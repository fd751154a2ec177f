// Round trip over the import corpus (fixtures/import/<project>/): import the compose files, build
// the compose target of the first environment in memory, and compare with the original merged
// compose model: same services, images, published ports with their host address, variable names, healthchecks,
// dependencies and mounts — except exactly what the import reported.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { serviceEnvironment } from '../../src/import/environment.js';
import { Notes } from '../../src/import/notes.js';
import type { CMap } from '../../src/import/tree.js';
import { loadStackText } from '../../src/load/load-stack.js';
import { root } from '../helpers.js';
import { expectGoldenDir } from '../support/golden.js';
import { covers, roundTrip } from './compose-view.js';
import { corpusProjects, importProject, renderGolden } from './corpus.js';

const corpus = join(root, 'fixtures/import');
const projects = corpusProjects(corpus);

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
        const stack = loadStackText(result.text!, { file: 'stack.yaml', root: dir }).stack!;
        const { diffs, affecting } = roundTrip(result, stack, stack.environments[0]!.name, dir);
        const unexplained = diffs.filter((d) => !affecting.some((n) => covers(n, d)));
        const unused = affecting.filter((n) => !diffs.some((d) => covers(n, d))).map((n) => `${n.at.file}:${n.at.line}:${n.at.col} ${n.message}`);
        expect(unexplained, 'differences the import did not report').toEqual([]);
        expect(unused, 'reported exclusions with no difference').toEqual([]);
      });
    });
  }
});

// Issue 20 (must show): the Elasticsearch/Logstash/Kibana and PostgreSQL+pgAdmin samples keep every
// variable and every published port with its host address through import and build, with nothing
// excused by a note.
describe('stackc import: variables and published ports survive import and build (issue 20)', () => {
  for (const project of ['elasticsearch-logstash-kibana', 'postgresql-pgadmin']) {
    it(project, () => {
      const dir = join(corpus, project);
      const { result } = importProject(dir);
      const stack = loadStackText(result.text!, { file: 'stack.yaml', root: dir }).stack!;
      const { pairs } = roundTrip(result, stack, stack.environments[0]!.name, dir);
      expect(pairs.size).toBeGreaterThan(1);
      for (const [name, { original, built }] of pairs) {
        expect(built, name).toBeDefined();
        expect([...built!.ports], `${name}: published ports (container → address:host)`).toEqual([...original.ports]);
        // A backing service gains stackc's own credentials (APP_USER, APP_PASSWORD); nothing is lost.
        expect([...original.env].filter((v) => !built!.env.has(v)), `${name}: variables lost`).toEqual([]);
        if (!result.names.get(name)?.resource) expect([...built!.env].sort(), `${name}: variables`).toEqual([...original.env].sort());
      }
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
