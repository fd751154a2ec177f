// `stackc diff` without --base: drift between the files on disk and what `stackc build` would write.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(text.stdout).toContain('~ Deployment pazpaz/api (production): spec.replicas 4 → 3');
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
    expect(markdown).toContain('! Deployment pazpaz/api (production): spec.replicas 4 → 3');
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
