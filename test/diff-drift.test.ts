// `stackc diff` without --base: drift between the files on disk and what `stackc build` would write.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { git, json, repository, stack } from './diff-helpers.js';
import { runCli } from './helpers.js';

const DRIFT_TARGETS = ['compose', 'kubernetes', 'railway'];

describe('stackc diff (drift: what build would change on disk)', () => {
  let dir: string;
  beforeAll(() => {
    dir = repository(stack({ targets: DRIFT_TARGETS }), { build: true });
  });
  afterEach(() => {
    git(dir, 'checkout', '-q', '--', '.');
    git(dir, 'clean', '-fdq');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports no changes right after a build', () => {
    const r = runCli(['diff', '--exit-code'], dir);
    expect(r.stdout).toContain('no changes');
    expect(r.status).toBe(0);
  });

  it('reports a hand-edited generated file as drift, without its secret values', () => {
    const deployment = join(dir, 'deploy/kubernetes/overlays/production/deployment-api.yaml');
    writeFileSync(deployment, readFileSync(deployment, 'utf8').replace('replicas: 3', 'replicas: 4'));
    const compose = join(dir, 'compose.production.yaml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace('      LOG_LEVEL: info\n', '      LOG_LEVEL: info\n      DB_PASSWORD: hunter2\n'));
    const railway = join(dir, 'backend/railway.production.env');
    writeFileSync(railway, `${readFileSync(railway, 'utf8')}BILLING=sk_live_123\n`); // an innocent name: masked because it is not stackc's

    const text = runCli(['diff'], dir);
    expect(text.status).toBe(0); // without --exit-code
    expect(text.stdout).toContain('~ Deployment api (production): spec.replicas 4 → 3');
    expect(text.stdout).toMatch(/~ deploy\/kubernetes\/overlays\/production\/deployment-api\.yaml changed \(kubernetes, production; edited by hand since stackc generated it/);
    expect(text.stdout).toContain('-      DB_PASSWORD: "***"');
    const out = runCli(['diff', '--exit-code', '--format', 'json'], dir);
    expect(out.status).toBe(1);
    expect(json(out.stdout).files.map((f) => [f.path, f.drift])).toEqual([
      ['backend/railway.production.env', 'edited'],
      ['compose.production.yaml', 'edited'],
      ['deploy/kubernetes/overlays/production/deployment-api.yaml', 'edited'],
    ]);
    const markdown = runCli(['diff', '--format', 'markdown'], dir).stdout;
    expect(markdown).toContain('! Deployment api (production): spec.replicas 4 → 3');
    expect(text.stdout).toContain('- BILLING = ***');
    for (const output of [text.stdout, out.stdout, markdown]) expect(output).not.toMatch(/hunter2|sk_live/);
  });

  it('reports stale, missing and prunable files', () => {
    writeFileSync(join(dir, 'stack.yaml'), stack({ targets: DRIFT_TARGETS, cache: false, productionReplicas: 5 }));
    rmSync(join(dir, 'compose.yaml'));
    const report = json(runCli(['diff', '--format', 'json'], dir).stdout);
    const drift = Object.fromEntries(report.files.map((f) => [f.path, [f.status, f.drift]]));
    expect(drift['compose.yaml']).toEqual(['added', 'missing']);
    expect(drift['deploy/kubernetes/overlays/production/deployment-api.yaml']).toEqual(['changed', 'stale']);
    expect(drift['deploy/kubernetes/base/statefulset-cache.yaml']).toEqual(['removed', 'pruned']);
  });
});

describe('stackc diff (drift) and the secret names a file makes its platform read', () => {
  let dir: string;
  beforeAll(() => {
    dir = repository(stack({ targets: ['compose', 'fly', 'railway'] }), { build: true });
  });
  afterEach(() => {
    git(dir, 'checkout', '-q', '--', '.');
    git(dir, 'clean', '-fdq');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const secretRisks = () => json(runCli(['diff', '--format', 'json'], dir).stdout).risky.filter((r: { rule: string }) => r.rule.startsWith('secret-'));

  it('records the names in the manifest, so a file written earlier is compared by name', () => {
    const manifest = JSON.parse(readFileSync(join(dir, '.stackc/manifest.json'), 'utf8')) as { files: { path: string; secrets?: string[] }[] };
    expect(manifest.files.find((f) => f.path.endsWith('fly.production.toml'))?.secrets).toContain('SECRET_KEY');
    writeFileSync(join(dir, 'stack.yaml'), stack({ targets: ['compose', 'fly', 'railway'], extraEnv: { EXTRA: '"1"' } }).replace('secrets: [SECRET_KEY]', 'secrets: [SECRET_KEY, STRIPE_KEY]'));
    expect(secretRisks().map((r: { message: string }) => r.message.split(' (')[0])).toEqual(['secret STRIPE_KEY added']);
  });

  it('reports no secret as added that was there all along: a manifest from an older stackc, a hand-edited fly.toml', () => {
    const path = join(dir, '.stackc/manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: { secrets?: string[] }[] };
    for (const f of manifest.files) delete f.secrets;
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(dir, 'stack.yaml'), stack({ targets: ['compose', 'fly', 'railway'], extraEnv: { EXTRA: '"1"' } }));
    expect(secretRisks()).toEqual([]);
    git(dir, 'checkout', '-q', '--', '.');
    const fly = readdirSync(join(dir, 'backend')).find((f) => f.startsWith('fly'))!;
    writeFileSync(join(dir, 'backend', fly), `${readFileSync(join(dir, 'backend', fly), 'utf8')}# a note of mine\n`);
    expect(secretRisks()).toEqual([]);
  });
  it('flags a Railway service whose name the files on disk (by the manifest) and the new build differ on: what an upgrade that renamed it would deploy', () => {
    const manifest = JSON.parse(readFileSync(join(dir, '.stackc/manifest.json'), 'utf8')) as { files: { path: string; names?: Record<string, string> }[] };
    expect(manifest.files.find((f) => f.path === 'backend/railway.production.env')?.names).toEqual({ api: 'api', db: 'Postgres', cache: 'Redis' });
    writeFileSync(join(dir, 'stack.yaml'), stack({ targets: ['compose', 'fly', 'railway'] }).replace('railway: { services: [api] }', 'railway: { services: [api], names: { api: pazpaz-api } }'));
    const renamed = json(runCli(['diff', '--format', 'json'], dir).stdout).risky.filter((r: { rule: string }) => r.rule === 'service-renamed');
    expect(renamed).toMatchObject([{ resource: 'service api', environments: ['staging', 'production'], message: expect.stringContaining('deploys to the Railway service pazpaz-api, was api') }]);
  });
});
