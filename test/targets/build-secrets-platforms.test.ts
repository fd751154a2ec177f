// Issue 20, item 6: `build.secrets` (BuildKit secrets) and `build.platforms` (multi-architecture
// images), on every target that builds, or reported where a platform cannot follow.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import compose from '../../targets/compose/index.js';
import fly from '../../targets/fly/index.js';
import githubActions from '../../targets/github-actions/index.js';
import railway from '../../targets/railway/index.js';
import { ACTIONS } from '../../targets/github-actions/actions.js';
import { loadDiagnostics, stackYaml } from '../helpers.js';
import { emitContext, emitTarget, hasProblem, loadFixture, loadText, artifactText, workflowJobSteps } from './context.js';

const FIXTURE = 'fidelity/build-secrets-platforms';

describe('build secrets', () => {
  it('Compose mounts each from the variable of its name, which .env.example lists without a value', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'compose');
    const artifacts = emitTarget(compose, ctx);
    const doc = parse(artifactText(artifacts, 'compose.yaml')) as { services: Record<string, { build: unknown }>; secrets: unknown };
    expect(doc.services.web!.build).toEqual({ context: './web', secrets: ['NPM_TOKEN'] });
    expect(doc.services.docs!.build).toBe('./web');
    expect(doc.secrets).toEqual({ NPM_TOKEN: { environment: 'NPM_TOKEN' } });
    expect(artifactText(artifacts, '.env.example')).toMatch(/\/run\/secrets\/NPM_TOKEN.*\n# Required\. Used by web and worker\.\nNPM_TOKEN=\n/);
  });

  it('CI passes the repository secret to the build through the step environment, and ci.yml declares it for the deploy workflows', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'github-actions');
    const ci = artifactText(emitTarget(githubActions, ctx), '.github/workflows/ci.yml');
    const build = workflowJobSteps(ci, 'image-web').find((s) => s.uses === ACTIONS.buildPush)!;
    expect(build.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    expect(build.with!['secret-envs']).toBe('NPM_TOKEN=NPM_TOKEN');
    expect(build.with!['build-args']).toBeUndefined();
    const docs = workflowJobSteps(ci, 'image-docs').find((s) => s.uses === ACTIONS.buildPush)!;
    expect(docs.env).toBeUndefined();
    expect(docs.with!['secret-envs']).toBeUndefined();
    expect((parse(ci) as { on: { workflow_call: { secrets: Record<string, unknown> } } }).on.workflow_call.secrets).toHaveProperty('NPM_TOKEN');
  });

  it('Fly\'s builder gets them through --build-secret, in the deploy job that builds and in the by-hand command', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'github-actions');
    const staging = artifactText(emitTarget(githubActions, ctx), '.github/workflows/deploy-staging.yml');
    const deploy = workflowJobSteps(staging, 'fly-worker').find((s) => s.name === 'Deploy worker')!;
    expect(deploy.run).toBe('flyctl deploy --config fly.worker.staging.toml --remote-only --build-secret NPM_TOKEN="$NPM_TOKEN"');
    expect(deploy.env).toEqual({ FLY_API_TOKEN: '${{ secrets.FLY_API_TOKEN }}', NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    // web deploys the digest CI built (with the secret): Fly builds nothing, so gets no secret.
    const web = workflowJobSteps(staging, 'fly-web').find((s) => s.name === 'Deploy web')!;
    expect(web.run).not.toContain('--build-secret');
    expect(web.env).not.toHaveProperty('NPM_TOKEN');
    const toml = artifactText(emitTarget(fly, emitContext(loadFixture(FIXTURE), 'fly')), 'web/fly.worker.staging.toml');
    expect(toml).toContain('#   cd web && fly deploy -c fly.worker.staging.toml --build-secret NPM_TOKEN="$NPM_TOKEN"\n');
  });

  it('Railway, which mounts none, says so at the build', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'railway');
    emitTarget(railway, ctx);
    expect(hasProblem(ctx.problems, 'railway/build-secrets', ['services', 'web', 'build'])).toBe(true);
    expect(hasProblem(ctx.problems, 'railway/build-secrets', ['services', 'docs', 'build'])).toBe(false);
  });

  it('are variable names, each once', () => {
    const bad = loadDiagnostics(stackYaml('services:\n  api:\n    build: { context: ., secrets: [npm-token] }\n'));
    expect(bad.map((d) => `${d.at?.line}:${d.at?.col}`)).toContain('5:36');
    const twice = loadDiagnostics(stackYaml('services:\n  api:\n    build: { context: ., secrets: [A, A] }\n'));
    expect(twice.some((d) => d.at?.line === 5)).toBe(true);
  });
});

describe('build platforms', () => {
  it('CI builds every platform, setting up QEMU only for those the amd64 runner cannot run', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'github-actions');
    const ci = artifactText(emitTarget(githubActions, ctx), '.github/workflows/ci.yml');
    const web = workflowJobSteps(ci, 'image-web');
    expect(web.find((s) => s.uses === ACTIONS.buildPush)!.with!.platforms).toBe('linux/amd64,linux/arm64');
    const qemu = web.findIndex((s) => s.uses === ACTIONS.setupQemu);
    expect(qemu).toBeGreaterThan(-1);
    expect(qemu).toBeLessThan(web.findIndex((s) => s.uses === ACTIONS.setupBuildx));
    const docs = workflowJobSteps(ci, 'image-docs');
    expect(docs.some((s) => s.uses === ACTIONS.setupQemu)).toBe(false);
    expect(docs.find((s) => s.uses === ACTIONS.buildPush)!.with!.platforms).toBeUndefined();

    const amd64Only = loadText(stackYaml('environments: { production: { branch: main } }\nservices:\n  api:\n    build: { context: ., platforms: [linux/amd64] }\ntargets: { github-actions: {} }\n'));
    const steps = workflowJobSteps(artifactText(emitTarget(githubActions, emitContext(amd64Only, 'github-actions')), '.github/workflows/ci.yml'), 'image-api');
    expect(steps.some((s) => s.uses === ACTIONS.setupQemu)).toBe(false);
    expect(steps.find((s) => s.uses === ACTIONS.buildPush)!.with!.platforms).toBe('linux/amd64');
  });

  it('Compose builds for the machine it runs on, and says the platforms are for CI', () => {
    const ctx = emitContext(loadFixture(FIXTURE), 'compose');
    const doc = parse(artifactText(emitTarget(compose, ctx), 'compose.yaml')) as { services: Record<string, { build: Record<string, unknown> }> };
    expect(doc.services.web!.build).not.toHaveProperty('platforms');
    expect(hasProblem(ctx.problems, 'compose/build-platforms', ['services', 'web', 'build'])).toBe(true);
  });

  it('Fly, whose Machines run linux/amd64, warns at the build when the platforms leave it out', () => {
    const armOnly = loadText(stackYaml('services:\n  api:\n    build: { context: ., platforms: [linux/arm64] }\n    ports: [8000]\ntargets: { fly: {} }\n'));
    const ctx = emitContext(armOnly, 'fly');
    emitTarget(fly, ctx);
    expect(hasProblem(ctx.problems, 'fly/build-platforms', ['services', 'api', 'build'])).toBe(true);
    const ok = emitContext(loadFixture(FIXTURE), 'fly');
    emitTarget(fly, ok);
    expect(hasProblem(ok.problems, 'fly/build-platforms')).toBe(false);
  });

  it('are os/arch[/variant], each once', () => {
    const bad = loadDiagnostics(stackYaml('services:\n  api:\n    build: { context: ., platforms: [arm64] }\n'));
    expect(bad.some((d) => d.at?.line === 5)).toBe(true);
    expect(loadDiagnostics(stackYaml('services:\n  api:\n    build: { context: ., platforms: [linux/arm/v7, linux/amd64] }\n'))).toEqual([]);
  });
});
