// JSON merge patches of fly.toml, railway.json and vercel.json (issue 21): the fixtures' patched
// files validate against the platforms' schemas and name their patches; a patch that gives a value
// stackc writes another type stops the build at the patch's line.
import { buildsSchema, functionsSchema } from '@vercel/build-utils';
import { headersSchema, rewritesSchema } from '@vercel/routing-utils';
import Ajv from 'ajv';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import type { Artifact } from '../../src/emit/target.js';
import fly from '../../targets/fly/index.js';
import { loadOk, root, stackYaml } from '../helpers.js';
import { flyProblems, railwayProblems } from '../platform-schemas.js';
import { emitContext, emitTarget } from '../targets/context.js';

async function built(fixture: string): Promise<Artifact[]> {
  const loaded = loadStack(join(root, 'fixtures/fidelity', fixture, 'stack.yaml'));
  if (!loaded.ok) throw new Error(`${fixture} does not load`);
  const result = await build(loaded);
  if (!result.ok) throw new Error(`${fixture} does not build`);
  return result.artifacts;
}

const vercelCli = new Ajv({ strict: false, allErrors: true }).compile({ type: 'object', properties: { builds: buildsSchema, headers: headersSchema, rewrites: rewritesSchema, functions: functionsSchema } });

describe('patched platform files', () => {
  it('fly.toml: merged per environment, valid, the patches named in the header', async () => {
    const files = (await built('fly-patches')).filter((a) => a.path.endsWith('.toml'));
    const production = files.find((a) => a.path === 'api/fly.production.toml')!;
    const doc = parse(production.content) as Record<string, any>;
    expect(doc.statics).toEqual([{ guest_path: '/app/public', url_prefix: '/static' }]);
    expect(doc.kill_timeout).toBe(30);
    expect(doc.http_service).toMatchObject({ internal_port: 8000, min_machines_running: 2 });
    expect(doc.http_service).not.toHaveProperty('auto_stop_machines');
    expect(production.patchedBy).toEqual([['targets', 'fly', 'patches', 0], ['targets', 'fly', 'patches', 1]]);
    expect(production.content).toContain('# Patched by stack.yaml: targets.fly.patches[0], targets.fly.patches[1].');
    const staging = parse(files.find((a) => a.path === 'api/fly.staging.toml')!.content) as Record<string, any>;
    expect(staging).not.toHaveProperty('kill_timeout');
    for (const f of files) expect(flyProblems(parse(f.content)), f.path).toEqual([]);
  });

  it('railway.json: merged into deploy, valid', async () => {
    const file = (await built('railway-patches')).find((a) => a.path.endsWith('railway.json'))!;
    const doc = JSON.parse(file.content);
    expect(doc.deploy).toMatchObject({ startCommand: 'node web.js', drainingSeconds: 30, overlapSeconds: 10 });
    expect(railwayProblems(doc)).toEqual([]);
    expect(file.patchedBy).toEqual([['targets', 'railway', 'patches', 0]]);
  });

  it('vercel.json: a list replaces, valid for the Vercel CLI', async () => {
    const file = (await built('vercel-patches')).find((a) => a.path.endsWith('vercel.json'))!;
    const doc = JSON.parse(file.content);
    expect(doc.headers).toHaveLength(1);
    expect(doc.images).toEqual({ sizes: [640, 1080], minimumCacheTTL: 60 });
    expect(vercelCli(doc), JSON.stringify(vercelCli.errors)).toBe(true);
  });

  it('a patch that gives a value another type is an error at the patch', () => {
    const ctx = emitContext(
      loadOk(stackYaml(`services:
  api: { image: "quay.io/acme/api:1.0.0", ports: [8000], public: true }
targets:
  fly:
    patches:
      - patch: { kill_timeout: 30 }
      - patch: { http_service: { internal_port: "8000" } }
`)),
      'fly',
    );
    emitTarget(fly, ctx);
    expect(ctx.problems.filter((p) => p.code === 'fly/patch-failed')).toEqual([
      expect.objectContaining({ severity: 'error', path: ['targets', 'fly', 'patches', 1], message: expect.stringContaining('makes `http_service.internal_port` text where stackc writes a number') }),
    ]);
  });
});
