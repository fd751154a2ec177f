// Compose patches (issue 21): the Compose merge rules (targets/compose/merge.ts), the fixture's
// patched files against the compose-spec schema, and lint reading a patched file.
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import compose from '../../targets/compose/index.js';
import { composeMerge } from '../../targets/compose/merge.js';
import { loadOk, root, stackYaml } from '../helpers.js';
import { lintFiles } from '../lint/harness.js';
import { composeProblems } from '../platform-schemas.js';
import { emitContext, emitTarget } from '../targets/context.js';

describe('the Compose merge rules (docs.docker.com/reference/compose-file/merge)', () => {
  const service = (patch: unknown, base: unknown) => (composeMerge({ services: { a: base } }, { services: { a: patch } }) as any).services.a;

  it('maps merge; sequences append', () => {
    expect(service({ dns: ['8.8.8.8'], logging: { driver: 'x' } }, { dns: ['1.1.1.1'], logging: { options: { a: '1' } } })).toEqual({ dns: ['1.1.1.1', '8.8.8.8'], logging: { options: { a: '1' }, driver: 'x' } });
  });

  it('command, entrypoint and healthcheck.test replace', () => {
    expect(service({ command: ['b'], entrypoint: ['e2'], healthcheck: { test: ['CMD', 'b'] } }, { command: ['a'], entrypoint: ['e1'], healthcheck: { test: ['CMD', 'a'], interval: '5s' } })).toEqual({ command: ['b'], entrypoint: ['e2'], healthcheck: { test: ['CMD', 'b'], interval: '5s' } });
  });

  it('unique resources: an entry with the same key replaces, others append', () => {
    const base = { ports: ['8000:8000', { target: 53, published: 53, protocol: 'udp' }], volumes: ['data:/data', { type: 'bind', source: './a', target: '/a' }], secrets: ['token'] };
    const patch = { ports: ['8000:8000', '53:53/udp', '9090:9090'], volumes: ['other:/data', { type: 'bind', source: './a', target: '/a', read_only: true }], secrets: [{ source: 'token', target: '/run/secrets/token', mode: 0o400 }] };
    expect(service(patch, base)).toEqual({
      ports: ['8000:8000', '53:53/udp', '9090:9090'],
      volumes: ['other:/data', { type: 'bind', source: './a', target: '/a', read_only: true }],
      secrets: [{ source: 'token', target: '/run/secrets/token', mode: 0o400 }],
    });
  });

  it('environment and labels merge as maps whichever syntax each side uses; null removes', () => {
    expect(service({ environment: ['B=2', 'A=9'], labels: { x: null }, restart: null }, { environment: { A: '1' }, labels: ['x=1', 'y=2'], restart: 'always' })).toEqual({ environment: { A: '9', B: '2' }, labels: { y: '2' } });
  });
});

describe('patched Compose files', () => {
  it('the fixture: valid against the compose-spec schema, the patches named', async () => {
    const loaded = loadStack(join(root, 'fixtures/fidelity/compose-patches/stack.yaml'));
    if (!loaded.ok) throw new Error('does not load');
    const result = await build(loaded);
    if (!result.ok) throw new Error('does not build');
    const files = result.artifacts.filter((a) => /compose.*\.yaml$/.test(a.path));
    for (const f of files) expect(composeProblems(parse(f.content)), f.path).toEqual([]);
    const production = files.find((f) => f.path === 'compose.production.yaml')!;
    expect(production.patchedBy).toEqual([['targets', 'compose', 'patches', 0], ['targets', 'compose', 'patches', 1]]);
    const api = parse(production.content).services.api;
    expect(api).toMatchObject({ ports: ['8000:8000', '127.0.0.1:9090:9090'], environment: { LOG_LEVEL: 'info', FEATURE_FLAGS: 'beta' }, stop_grace_period: '30s' });
    expect(api).not.toHaveProperty('restart');
    expect(parse(files.find((f) => f.path === 'compose.yaml')!.content).services.api).toHaveProperty('restart');
  });

  it('a value of another type is an error at the patch', () => {
    const ctx = emitContext(loadOk(stackYaml(`services:\n  api: { image: "nginx:1.27", ports: [8000] }\ntargets:\n  compose:\n    patches:\n      - { service: api, patch: { ports: "8000:8000" } }\n`)), 'compose');
    emitTarget(compose, ctx);
    expect(ctx.problems.filter((p) => p.code === 'compose/patch-failed')).toEqual([
      expect.objectContaining({ severity: 'error', path: ['targets', 'compose', 'patches', 0], message: expect.stringContaining('makes `services.api.ports` text where stackc writes a list') }),
    ]);
  });

  it('lint reports a privileged service a patch makes, at the patch', async () => {
    const { findings } = await lintFiles({ 'stack.yaml': stackYaml(`services:\n  api: { image: "nginx:1.27", user: "101:101" }\ntargets:\n  compose:\n    patches:\n      - service: api\n        patch: { privileged: true }\n`) });
    expect(findings.filter((f) => f.ruleId === 'no-privileged').map((f) => [f.message, f.line])).toEqual([['target `compose` renders `privileged: true` for service `api` in compose.yaml', 8]]);
  });
});
