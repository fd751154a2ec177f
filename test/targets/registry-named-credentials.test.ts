// Issue 20, item 7: pull credentials named once per registry (`registries.<host>.credentials`), and
// every target reading those two names: CI's login, the Kubernetes pull Secret (created by the
// deploy workflow), the Compose header's `docker login`, Fly's local pull, Railway's note.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import compose from '../../targets/compose/index.js';
import fly from '../../targets/fly/index.js';
import githubActions from '../../targets/github-actions/index.js';
import kubernetes from '../../targets/kubernetes/index.js';
import railway from '../../targets/railway/index.js';
import { ACTIONS } from '../../targets/github-actions/actions.js';
import { loadDiagnostics, stackYaml } from '../helpers.js';
import { emitContext, emitTarget, hasProblem, loadFixture, artifactText, workflowJobSteps } from './context.js';

const FIXTURE = 'fidelity/registry-named-credentials';
const LOGIN_SECRETS = { username: '${{ secrets.REGISTRY_USER }}', password: '${{ secrets.REGISTRY_TOKEN }}' };

describe('registries.<host>.credentials', () => {
  const artifacts = emitTarget(githubActions, emitContext(loadFixture(FIXTURE), 'github-actions'));

  it('is the login CI pushes with, instead of secrets named after the host', () => {
    const ci = artifactText(artifacts, '.github/workflows/ci.yml');
    const login = workflowJobSteps(ci, 'image-api').find((s) => s.uses === ACTIONS.login)!;
    expect(login.with).toEqual({ registry: 'registry.example.com', ...LOGIN_SECRETS });
    expect(ci).not.toContain('REGISTRY_EXAMPLE_COM_');
  });

  it('makes the Kubernetes pull Secret the pods name, which the deploy job creates from the same secrets before the apply', () => {
    const k8s = emitTarget(kubernetes, emitContext(loadFixture(FIXTURE), 'kubernetes'));
    for (const name of ['api', 'metrics']) {
      const deployment = parse(artifactText(k8s, `deploy/kubernetes/base/deployment-${name}.yaml`)) as { spec: { template: { spec: { imagePullSecrets: unknown } } } };
      expect(deployment.spec.template.spec.imagePullSecrets, name).toEqual([{ name: 'shop-registry-example-com' }]);
    }
    const steps = workflowJobSteps(artifactText(artifacts, '.github/workflows/deploy-production.yml'), 'kubernetes');
    const create = steps.findIndex((s) => s.name === 'Create the pull Secrets');
    expect(create).toBeGreaterThan(-1);
    expect(create).toBeLessThan(steps.findIndex((s) => s.run?.startsWith('kubectl apply -k')));
    expect(steps[create]!.env).toEqual({ REGISTRY_USER: LOGIN_SECRETS.username, REGISTRY_TOKEN: LOGIN_SECRETS.password });
    expect(steps[create]!.run).toContain('kubectl -n shop-production create secret docker-registry shop-registry-example-com --docker-server=registry.example.com --docker-username="$REGISTRY_USER" --docker-password="$REGISTRY_TOKEN" --dry-run=client -o yaml | kubectl apply -f -');
  });

  it('is the docker login of the Compose files that pull from the registry', () => {
    const files = emitTarget(compose, emitContext(loadFixture(FIXTURE), 'compose'));
    for (const path of ['compose.yaml', 'compose.production.yaml']) {
      expect(artifactText(files, path), path).toContain('#   echo "$REGISTRY_TOKEN" | docker login registry.example.com -u "$REGISTRY_USER" --password-stdin');
    }
    const publicOnly = loadFixture('fullstack');
    for (const a of emitTarget(compose, emitContext(publicOnly, 'compose'))) expect(a.content).not.toContain('docker login');
  });

  it('lets Fly deploy a private image: the job pulls it with the same secrets and flyctl pushes the local copy', () => {
    const steps = workflowJobSteps(artifactText(artifacts, '.github/workflows/deploy-production.yml'), 'fly-metrics');
    const names = steps.map((s) => s.name);
    expect(names.indexOf('Log in to registry.example.com')).toBeLessThan(names.indexOf('Pull the image of metrics'));
    expect(steps.find((s) => s.uses === ACTIONS.login)!.with).toEqual({ registry: 'registry.example.com', ...LOGIN_SECRETS });
    expect(steps.find((s) => s.name === 'Deploy metrics')!.run).toBe('flyctl deploy --config fly.production.toml --local-only --no-public-ips');
    const toml = artifactText(emitTarget(fly, emitContext(loadFixture(FIXTURE), 'fly')), 'fly.production.toml');
    expect(toml).toContain('docker login registry.example.com -u "$REGISTRY_USER" --password-stdin && docker pull registry.example.com/acme/metrics:1.4.2');
  });

  it('is named to Railway users as the service\'s Registry Credentials', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'railway');
    emitTarget(railway, ctx);
    expect(hasProblem(ctx.problems, 'railway/registry-credentials', ['services', 'metrics', 'image'])).toBe(true);
  });

  it('takes secret names, and is one kind of login per host', () => {
    const bad = loadDiagnostics(stackYaml('registries:\n  r.example.com:\n    credentials: { username: user, password: "my token" }\nservices:\n  api: { image: r.example.com/api:1 }\n'));
    expect(bad.some((d) => d.at?.line === 5)).toBe(true);
    const both = loadDiagnostics(stackYaml('registries:\n  123456789012.dkr.ecr.eu-west-1.amazonaws.com:\n    credentials: { username: U, password: P }\n    aws: { role: "arn:aws:iam::123456789012:role/ci" }\nservices:\n  api: { image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1 }\n'));
    expect(both.length).toBeGreaterThan(0);
  });
});
