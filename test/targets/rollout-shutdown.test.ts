// Issue 20, item 4: stop_signal, stop_grace_period, drain_period and rollout on every target, or
// reported at the line where a platform cannot follow (fixtures/fidelity/rollout-shutdown).
import { parse as parseToml } from 'smol-toml';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import compose from '../../targets/compose/index.js';
import fly from '../../targets/fly/index.js';
import kubernetes from '../../targets/kubernetes/index.js';
import railway from '../../targets/railway/index.js';
import vercel from '../../targets/vercel/index.js';
import { artifactText, emitContext, emitTarget, hasProblem, loadFixture, loadText } from './context.js';

const FIXTURE = 'fidelity/rollout-shutdown';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

describe('Kubernetes', () => {
  const ctx = emitContext(loadFixture(FIXTURE), 'kubernetes');
  const artifacts = emitTarget(kubernetes, ctx);
  const deployment = (path: string) => parse(artifactText(artifacts, path)) as Doc;

  it('gives the drain to a preStop sleep and the grace period after it, and paces the rolling update', () => {
    const web = deployment('deploy/kubernetes/overlays/production/deployment-web.yaml');
    expect(web.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(web.spec.template.spec.terminationGracePeriodSeconds).toBe(35);
    expect(web.spec.template.spec.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(deployment('deploy/kubernetes/overlays/development/deployment-web.yaml').spec.strategy).toEqual({ type: 'Recreate' });
    const api = deployment('deploy/kubernetes/base/deployment-api.yaml');
    expect(api.spec.template.spec.terminationGracePeriodSeconds).toBe(120);
    expect(api.spec.template.spec.containers[0].lifecycle).toBeUndefined();
  });

  it('says at the line what a Deployment cannot do: a stop signal, canary, blue-green', () => {
    expect(hasProblem(ctx.problems, 'kubernetes/stop-signal', ['services', 'web', 'stop_signal'])).toBe(true);
    expect(hasProblem(ctx.problems, 'kubernetes/rollout', ['services', 'api', 'rollout'])).toBe(true);
    expect(hasProblem(ctx.problems, 'kubernetes/rollout', ['services', 'worker', 'rollout'])).toBe(true);
    expect(artifactText(artifacts, 'deploy/kubernetes/base/deployment-worker.yaml')).toContain('# rollout canary: not expressible; the default RollingUpdate applies.\n');
  });

  it('keeps Recreate for a ReadWriteOnce volume, and says that a rolling rollout is not what runs', () => {
    const stack = loadText(`stack: 1
name: shop
services:
  api:
    image: ghcr.io/acme/api:1.0
    user: "1000"
    volumes: ["uploads:/data"]
    drain_period: 10s
    rollout: rolling
`);
    const c = emitContext(stack, 'kubernetes');
    const d = parse(artifactText(emitTarget(kubernetes, c), 'deploy/kubernetes/base/deployment-api.yaml')) as Doc;
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    // Only a drain: the kubelet's 30s follow it.
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(40);
    expect(hasProblem(c.problems, 'kubernetes/rollout', ['services', 'api', 'rollout'])).toBe(true);
  });
});

describe('Compose', () => {
  it('writes stop_signal and stop_grace_period as written, and notes what `up` cannot do', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'compose');
    const text = artifactText(emitTarget(compose, ctx), 'compose.production.yaml');
    const doc = parse(text) as Doc;
    expect(doc.services.web).toMatchObject({ stop_signal: 'SIGQUIT', stop_grace_period: '30s' });
    expect(doc.services.web.deploy).toEqual({ replicas: 3 });
    expect(doc.services.worker).toMatchObject({ stop_signal: 'SIGINT', stop_grace_period: '10m' });
    expect(text).toContain('# rollout rolling: not expressible; docker compose up stops the container, then starts the new one\n');
    expect(hasProblem(ctx.problems, 'compose/drain', ['services', 'web', 'drain_period'])).toBe(true);
    expect(ctx.problems.find((p) => p.code === 'compose/rollout' && p.message.includes('`production`'))?.severity).toBe('warning');
    expect(ctx.problems.find((p) => p.code === 'compose/rollout' && p.message.includes('`development`'))?.severity).toBe('info');
  });
});

describe('Fly', () => {
  const ctx = emitContext(loadFixture(FIXTURE), 'fly');
  const artifacts = emitTarget(fly, ctx);
  const toml = (path: string) => parseToml(artifactText(artifacts, path)) as Doc;

  it('writes kill_signal, kill_timeout (at most 300) and the deploy strategy', () => {
    expect(toml('fly.web.production.toml')).toMatchObject({ kill_signal: 'SIGQUIT', kill_timeout: 30, deploy: { strategy: 'rolling' } });
    expect(toml('fly.web.production.toml').deploy.max_unavailable).toBeUndefined();
    expect(toml('fly.web.development.toml').deploy).toEqual({ strategy: 'immediate' });
    expect(toml('api/fly.production.toml')).toMatchObject({ kill_timeout: 120, deploy: { strategy: 'bluegreen' } });
    expect(toml('api/fly.production.toml').kill_signal).toBeUndefined();
    expect(toml('fly.worker.production.toml')).toMatchObject({ kill_signal: 'SIGINT', kill_timeout: 300, deploy: { strategy: 'canary' } });
    expect(hasProblem(ctx.problems, 'fly/kill-timeout', ['services', 'worker', 'stop_grace_period'])).toBe(true);
    expect(hasProblem(ctx.problems, 'fly/rollout', ['services', 'web', 'rollout', 'max_unavailable'])).toBe(true);
    expect(hasProblem(ctx.problems, 'fly/drain', ['services', 'web', 'drain_period'])).toBe(true);
  });

  it('writes max_unavailable as Machines or a fraction of them', () => {
    const c = emitContext(loadText(`stack: 1
name: shop
services:
  api: { image: "ghcr.io/acme/api:1.0", replicas: 4, rollout: { strategy: rolling, max_unavailable: 25% } }
  web: { image: "ghcr.io/acme/web:1.0", replicas: 4, rollout: { strategy: rolling, max_unavailable: 2 } }
`), 'fly');
    const a = emitTarget(fly, c);
    expect((parseToml(artifactText(a, 'fly.api.toml')) as Doc).deploy).toEqual({ strategy: 'rolling', max_unavailable: 0.25 });
    expect((parseToml(artifactText(a, 'fly.web.toml')) as Doc).deploy).toEqual({ strategy: 'rolling', max_unavailable: 2 });
  });

  it('refuses blue-green without checks and canary with a volume, at the rollout line', () => {
    const c = emitContext(loadText(`stack: 1
name: shop
services:
  api: { image: "ghcr.io/acme/api:1.0", ports: [8000], healthcheck: { command: ["true"] }, rollout: bluegreen }
  db: { image: "ghcr.io/acme/db:1.0", volumes: ["data:/data"], rollout: canary }
`), 'fly');
    emitTarget(fly, c);
    const refused = c.problems.filter((p) => p.code === 'fly/deploy-strategy');
    expect(refused.map((p) => [p.severity, p.path])).toEqual([
      ['error', ['services', 'api', 'rollout']],
      ['error', ['services', 'db', 'rollout']],
    ]);
    expect(refused[0]!.message).toContain('a command healthcheck is not expressible in fly.toml');
  });
});

describe('Railway', () => {
  it('writes the drain as overlapSeconds and the grace period as drainingSeconds, numbers', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'railway');
    const artifacts = emitTarget(railway, ctx);
    expect((JSON.parse(artifactText(artifacts, 'api/railway.json')) as Doc).deploy).toMatchObject({ drainingSeconds: 120 });
    expect(artifactText(artifacts, 'railway.web.production.env')).toContain('#   Deploy → Teardown → Overlap Seconds: 5 (or the variable RAILWAY_DEPLOYMENT_OVERLAP_SECONDS)\n');
    expect(hasProblem(ctx.problems, 'railway/stop-signal', ['services', 'web', 'stop_signal'])).toBe(true);
    expect(hasProblem(ctx.problems, 'railway/rollout', ['services', 'web', 'environments', 'development', 'rollout'])).toBe(true);
  });
});

describe('Railway with a volume', () => {
  it('stops the old deployment first: recreate is what runs, rolling is a warning', () => {
    const c = emitContext(loadText(`stack: 1
name: shop
services:
  api: { image: "ghcr.io/acme/api:1.0", volumes: ["uploads:/data"], rollout: recreate }
  web: { image: "ghcr.io/acme/web:1.0", volumes: ["cache:/cache"], rollout: rolling }
`), 'railway');
    emitTarget(railway, c);
    expect(hasProblem(c.problems, 'railway/rollout', ['services', 'api', 'rollout'])).toBe(false);
    expect(c.problems.find((p) => p.code === 'railway/rollout')).toMatchObject({ severity: 'warning', path: ['services', 'web', 'rollout'], message: expect.stringContaining('before it starts the new one, because it mounts the volume `cache`') });
  });
});

describe('Vercel', () => {
  it('says at the line that none of it applies to a site', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'vercel');
    emitTarget(vercel, ctx);
    expect(hasProblem(ctx.problems, 'vercel/shutdown', ['services', 'site', 'rollout'])).toBe(true);
  });
});

describe('unset', () => {
  it('writes none of it', () => {
    const stack = loadText('stack: 1\nname: shop\nservices:\n  api: { image: "ghcr.io/acme/api:1.0", user: "1000", ports: [8000] }\n');
    const k8s = artifactText(emitTarget(kubernetes, emitContext(stack, 'kubernetes')), 'deploy/kubernetes/base/deployment-api.yaml');
    expect(k8s).not.toMatch(/strategy|terminationGracePeriodSeconds|lifecycle/);
    const flyToml = artifactText(emitTarget(fly, emitContext(stack, 'fly')), 'fly.toml');
    expect(flyToml).not.toMatch(/kill_|strategy/);
    const composeFile = artifactText(emitTarget(compose, emitContext(stack, 'compose')), 'compose.yaml');
    expect(composeFile).not.toMatch(/stop_/);
  });
});
