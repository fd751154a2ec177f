// The platform schemas stackc ships (src/emit/patches/schemas/, checked against patched files at
// build time) are the copies in test/schemas, pruned by scripts/platform-schemas.mjs: they stay in
// sync with them, and accept every file the fixtures' goldens hold, as the full schemas do.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { schemaComplaint } from '../../src/emit/patches/platform-schemas.js';
import { kubernetesSchema, type PlatformSchema } from '../../src/emit/patches/schema-check.js';
import { root } from '../helpers.js';
// @ts-expect-error -- plain ESM module, also run as a script
import { OUT_DIR, prunedSchemas, schemaText, VERCEL_KEYS } from '../../scripts/platform-schemas.mjs';

describe('the shipped platform schemas', () => {
  it('are the pruned copies of test/schemas (run `node scripts/platform-schemas.mjs`)', () => {
    const shipped = readdirSync(OUT_DIR).sort();
    const made = prunedSchemas() as Record<string, unknown>;
    expect(shipped).toEqual(Object.keys(made).sort());
    for (const [file, schema] of Object.entries(made)) expect(readFileSync(join(OUT_DIR, file), 'utf8'), file).toBe(schemaText(schema));
  });

  it('name every key of vercel.json the tests know (test/targets/vercel.test.ts)', () => {
    const test = readFileSync(join(root, 'test/targets/vercel.test.ts'), 'utf8');
    const listed = test.slice(test.indexOf('const VERCEL_KEYS = {'), test.indexOf('} as const satisfies'));
    expect([...listed.matchAll(/(\w+): true/g)].map((m) => m[1]).sort()).toEqual([...(VERCEL_KEYS as string[])].sort());
  });

  it('accept every generated file of the fixtures, as the full schemas do', () => {
    const checked = new Map<string, number>();
    for (const file of goldenFiles()) {
      for (const [schema, document] of documentsOf(file)) {
        checked.set(schema.split(':')[0]!, (checked.get(schema.split(':')[0]!) ?? 0) + 1);
        expect({ file: relative(root, file), complaint: schemaComplaint(schema, document) }).toEqual({ file: relative(root, file), complaint: undefined });
      }
    }
    expect([...checked.keys()].sort()).toEqual(['compose', 'fly', 'github-workflow', 'kubernetes', 'railway', 'vercel']);
  });
});

function goldenFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, inExpected: boolean) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, inExpected || name === 'expected');
      else if (inExpected) out.push(path);
    }
  };
  walk(join(root, 'fixtures'), false);
  return out.sort();
}

/** The documents of a golden file that a platform schema checks, with the schema. */
function documentsOf(file: string): [PlatformSchema, unknown][] {
  const text = () => readFileSync(file, 'utf8');
  const yamls = () => parseAllDocuments(text()).map((d) => d.toJS() as Record<string, unknown> | null).filter((d) => d !== null);
  const name = file.split('/').at(-1)!;
  if (/\/\.github\/workflows\/(ci|deploy-[^/]+)\.yml$/.test(file)) return yamls().map((d) => ['github-workflow', d]);
  if (/^compose(\.[^.]+)?\.yaml$/.test(name)) return yamls().map((d) => ['compose', d]);
  if (/\/deploy\/kubernetes\//.test(file) && name !== 'kustomization.yaml') return yamls().map((d) => [kubernetesSchema(d), d]);
  if (/^fly(\.[^.]+)?\.toml$/.test(name)) return [['fly', parseToml(text())]];
  if (name === 'railway.json') return [['railway', JSON.parse(text())]];
  if (name === 'vercel.json') return [['vercel', JSON.parse(text())]];
  return [];
}
