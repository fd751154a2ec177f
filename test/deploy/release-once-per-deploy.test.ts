// Issue 18, item 3 (must show): a `release` of a service with `replicas: 3` runs once per deploy,
// before the new version rolls out, and a failed release stops the deploy. Read from what `stackc
// build` writes for fixtures/fidelity/release-once-per-deploy: the manifests (no init container,
// one Job outside the overlay) and the generated deploy workflow, whose steps are run here as
// GitHub Actions runs them (each with `bash -e`, stopping at the first that fails) against a fake
// kubectl that reports the release Job Complete or Failed.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import type { Artifact } from '../../src/emit/target.js';
import { root } from '../helpers.js';
import { parseYamlDocuments } from '../platform-schemas.js';
import { kubectlMissing } from '../support/kubectl.js';

const FIXTURE = join(root, 'fixtures/fidelity/release-once-per-deploy/stack.yaml');
const OVERLAY = 'deploy/kubernetes/overlays/production';
const RELEASE = `${OVERLAY}/release`;
const SHA = '0123456789abcdef0123456789abcdef01234567';
const SHORT = SHA.slice(0, 7);

type Step = { name: string; run?: string; uses?: string; 'working-directory'?: string; env?: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let artifacts: Artifact[] = [];
const file = (path: string): Artifact => {
  const a = artifacts.find((x) => x.path === path);
  if (!a) throw new Error(`no ${path} among ${artifacts.map((x) => x.path).join(', ')}`);
  return a;
};
const objects = (prefix: string): Any[] => artifacts.filter((a) => a.path.startsWith(prefix) && a.path.endsWith('.yaml') && !a.path.endsWith('kustomization.yaml')).flatMap((a) => parseYamlDocuments(a.content) as Any[]);
const podSpecs = (list: Any[]): Any[] => list.filter((o) => o.kind === 'Deployment' || o.kind === 'Job').map((o) => o.spec.template.spec);
const steps = (): Step[] => (parse(file('.github/workflows/deploy-production.yml').content) as Any).jobs.kubernetes.steps;

beforeAll(async () => {
  const loaded = loadStack(FIXTURE);
  if (!loaded.ok) throw new Error('the fixture does not load');
  const built = await build(loaded);
  if (!built.ok) throw new Error('the fixture does not build');
  artifacts = built.artifacts;
});

describe('release with replicas: 3: once per deploy, in the manifests', () => {
  it('runs 3 pods of api, none of which runs the release', () => {
    const api = objects('deploy/kubernetes/').find((o) => o.kind === 'Deployment' && o.metadata.name === 'api');
    expect(api.spec.replicas).toBe(3);
    for (const spec of podSpecs(objects('deploy/kubernetes/'))) {
      const commands = [...(spec.initContainers ?? []), ...spec.containers].filter((c: Any) => c.name !== 'release').map((c: Any) => c.args);
      expect(commands).not.toContainEqual(['alembic', 'upgrade', 'head']);
    }
    expect(podSpecs([api])[0].initContainers).toBeUndefined();
  });

  it('has one release Job per environment, in a kustomization the overlay does not apply', () => {
    const overlay = parse(file(`${OVERLAY}/kustomization.yaml`).content);
    const base = parse(file('deploy/kubernetes/base/kustomization.yaml').content);
    expect([...overlay.resources, ...base.resources].filter((r: string) => r.includes('release'))).toEqual([]);
    const release = parse(file(`${RELEASE}/kustomization.yaml`).content);
    expect(release).toMatchObject({ namespace: 'shop-production', resources: ['job-api-release.yaml'] });
    const jobs = objects(`${RELEASE}/`);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'Job', metadata: { name: 'api-release' }, spec: { backoffLimit: 0, ttlSecondsAfterFinished: 86400 } });
    const container = jobs[0].spec.template.spec.containers[0];
    expect(container).toMatchObject({ name: 'release', image: 'ghcr.io/acme/shop-api:1.4.2', args: ['alembic', 'upgrade', 'head'] });
    // The service's variables and Secret keys, inline: its ConfigMap exists only after the overlay is applied.
    expect(container.env.map((e: Any) => e.name)).toEqual(['LOG_LEVEL', 'DB_PASSWORD', 'DATABASE_URL']);
    expect(container.ports).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
  });
});

describe('release with replicas: 3: once per deploy, in the workflow', () => {
  it('applies the release Job once, after what it needs and before the overlay', () => {
    const names = steps().map((s) => s.name);
    const at = (name: string) => names.indexOf(name);
    expect(at('Apply what the releases need')).toBeGreaterThan(at('Use the images of this commit'));
    expect(at('Run the release of api')).toBeGreaterThan(at('Apply what the releases need'));
    expect(at('Deploy production')).toBeGreaterThan(at('Run the release of api'));
    const runs = steps().flatMap((s) => (s.run ?? '').split('\n'));
    expect(runs.filter((l) => l.includes(`kubectl apply -k ${RELEASE}`))).toHaveLength(1);
    expect(runs.filter((l) => l.trim() === `kubectl apply -k ${OVERLAY}`)).toHaveLength(1);
  });
});

/** A kubectl that logs its arguments and reports the release Job `outcome` (Complete or Failed). */
const FAKE_KUBECTL = `#!/usr/bin/env bash
echo "$*" >> "$KUBECTL_LOG"
case "$*" in
  *wait*condition=complete*) if [ "$OUTCOME" = Complete ]; then exit 0; fi; exec sleep 30 ;;
  *wait*condition=failed*) if [ "$OUTCOME" = Failed ]; then exit 0; fi; exec sleep 30 ;;
  *logs*) echo "alembic: relation already exists" ;;
esac
exit 0
`;

/** Runs the Kubernetes job's steps in a workspace holding the build, as the runner would: the log of kubectl, and the steps that ran. */
function deploy(outcome: 'Complete' | 'Failed'): { log: string[]; ran: string[]; failed?: string; output: string; workspace: string } {
  const workspace = mkdtempSync(join(tmpdir(), 'stackc-release-'));
  for (const a of artifacts) {
    mkdirSync(dirname(join(workspace, a.path)), { recursive: true });
    writeFileSync(join(workspace, a.path), a.content);
  }
  const bin = join(workspace, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'kubectl'), FAKE_KUBECTL);
  chmodSync(join(bin, 'kubectl'), 0o755);
  const log = join(workspace, 'kubectl.log');
  writeFileSync(log, '');
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, KUBECTL_LOG: log, OUTCOME: outcome, GITHUB_SHA: SHA, GITHUB_ENV: join(workspace, 'github-env'), RUNNER_TEMP: workspace, GITHUB_REPOSITORY_OWNER: 'acme' };
  const ran: string[] = [];
  let output = '';
  for (const step of steps()) {
    if (!step.run) continue;
    ran.push(step.name);
    // GitHub's default shell on Linux: bash -e {0}.
    const result = spawnSync('bash', ['-e', '-c', step.run], { cwd: join(workspace, step['working-directory'] ?? '.'), env: { ...env, ...(step.env ? { KUBECONFIG_DATA: 'fake' } : {}) }, encoding: 'utf8', timeout: 60_000 });
    output += result.stdout + result.stderr;
    if (result.status !== 0) return { log: readFileSync(log, 'utf8').split('\n').filter(Boolean), ran, failed: step.name, output, workspace };
  }
  return { log: readFileSync(log, 'utf8').split('\n').filter(Boolean), ran, output, workspace };
}

const workspaces: string[] = [];
afterAll(() => {
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
});

describe('a failing release stops the deploy before workloads roll out', () => {
  it('runs the release Job of the commit once, then the overlay, when it completes', () => {
    const run = deploy('Complete');
    workspaces.push(run.workspace);
    expect(run.failed).toBeUndefined();
    const applies = run.log.filter((l) => l.startsWith('apply '));
    expect(applies).toEqual([`apply -k ${OVERLAY} -l app.kubernetes.io/component notin (server,worker)`, `apply -k ${RELEASE}`, `apply -k ${OVERLAY}`]);
    expect(run.log).toContain(`-n shop-production wait --for=condition=complete job/api-release-${SHORT} --timeout=10m`);
    expect(run.log.indexOf(`-n shop-production rollout status statefulset/db --timeout=10m`)).toBeLessThan(run.log.indexOf(`apply -k ${RELEASE}`));
  });

  it('stops at the release step when the Job fails: the overlay is never applied, nothing rolls out', () => {
    const started = Date.now();
    const run = deploy('Failed');
    workspaces.push(run.workspace);
    expect(run.failed).toBe('Run the release of api');
    expect(run.ran.at(-1)).toBe('Run the release of api');
    expect(run.log).toContain(`apply -k ${RELEASE}`);
    expect(run.log).not.toContain(`apply -k ${OVERLAY}`);
    expect(run.log.some((l) => l.includes('rollout status deployment/'))).toBe(false);
    expect(run.output).toContain(`::error::the release of api did not complete (job/api-release-${SHORT}): nothing was rolled out`);
    expect(run.output).toContain('alembic: relation already exists');
    // At the Failed condition, not at the wait for Complete's end (the fake's 30 s).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it.skipIf(kubectlMissing !== undefined)('names the Job after the commit and runs the commit\'s image (kubectl kustomize of what the steps wrote)', () => {
    const run = deploy('Complete');
    workspaces.push(run.workspace);
    const out = spawnSync('kubectl', ['kustomize', join(run.workspace, RELEASE)], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const [job] = parseYamlDocuments(out.stdout) as Any[];
    expect(job.metadata).toMatchObject({ name: `api-release-${SHORT}`, namespace: 'shop-production' });
    expect(job.spec.template.spec.containers[0].image).toBe(`ghcr.io/acme/shop-api:sha-${SHA}`);
  });
});
