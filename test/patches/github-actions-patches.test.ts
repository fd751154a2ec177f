// GitHub Actions patches (issue 21): the user's steps before or after a named step of a generated
// job, extra permissions for that job only, errors at the patch, and lint's `actions-pinned`.
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import githubActions from '../../targets/github-actions/index.js';
import { loadDiagnostics, loadOk, root, stackYaml } from '../helpers.js';
import { lintFiles } from '../lint/harness.js';
import { githubWorkflowProblems } from '../platform-schemas.js';
import { emitContext, emitTarget } from '../targets/context.js';

const ci = (patches: string) => stackYaml(`environments:
  production: { branch: main }
services:
  api: { image: "ghcr.io/acme/api:1.0", ports: [8000] }
ci:
  steps:
    tests: pytest
targets:
  github-actions:
    patches:
${patches}`);

describe('GitHub Actions patches', () => {
  it('the fixture: steps where asked, the permission on that job only, a valid workflow', async () => {
    const loaded = loadStack(join(root, 'fixtures/fidelity/gha-patches/stack.yaml'));
    if (!loaded.ok) throw new Error('does not load');
    const result = await build(loaded);
    if (!result.ok) throw new Error('does not build');
    const file = result.artifacts.find((a) => a.path === '.github/workflows/ci.yml')!;
    const doc = parse(file.content);
    expect(doc.jobs.test.steps.map((s: { name: string }) => s.name)).toEqual(['Show the runner', 'Check out the repository', 'Set up Python 3.12', 'tests', 'Upload coverage']);
    expect(doc.jobs.test.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(doc.permissions).toEqual({ contents: 'read' });
    for (const [id, job] of Object.entries(doc.jobs as Record<string, { permissions?: object }>)) if (id !== 'test') expect(job.permissions ?? {}, id).not.toHaveProperty('id-token');
    expect(githubWorkflowProblems(doc)).toEqual([]);
    expect(file.patchedBy).toEqual([['targets', 'github-actions', 'patches', 0], ['targets', 'github-actions', 'patches', 1]]);
  });

  it('the deploy fixture: a patch of every deploy-<env>.yml, one of production\'s only, with its permission there', async () => {
    const loaded = loadStack(join(root, 'fixtures/fidelity/gha-deploy-patches/stack.yaml'));
    if (!loaded.ok) throw new Error('does not load');
    const result = await build(loaded);
    if (!result.ok) throw new Error('does not build');
    const workflow = (path: string) => result.artifacts.find((a) => a.path === `.github/workflows/${path}`)!;
    const steps = (doc: any) => doc.jobs['vercel-web'].steps.map((s: { name: string }) => s.name);
    const staging = parse(workflow('deploy-staging.yml').content);
    const production = parse(workflow('deploy-production.yml').content);
    expect(steps(staging).slice(-2)).toEqual(["Check the build's size", 'Deploy web to staging.shop.example']);
    expect(steps(production).slice(-3)).toEqual(["Check the build's size", 'Deploy web', 'Record the deployment']);
    expect(production.jobs['vercel-web'].permissions).toEqual({ contents: 'read', deployments: 'write' });
    expect(staging.jobs['vercel-web'].permissions).toBeUndefined();
    expect(production.permissions).toEqual({ contents: 'read' });
    expect(workflow('deploy-staging.yml').patchedBy).toEqual([['targets', 'github-actions', 'patches', 0]]);
    expect(workflow('deploy-production.yml').patchedBy).toEqual([['targets', 'github-actions', 'patches', 0], ['targets', 'github-actions', 'patches', 1]]);
    expect(workflow('ci.yml').patchedBy).toBeUndefined();
    for (const doc of [staging, production]) expect(githubWorkflowProblems(doc)).toEqual([]);
  });

  it('`environments` on a patch of ci.yml, which has no environment, is an error at the key (validate and build)', () => {
    const diagnostics = loadDiagnostics(ci(`      - job: test\n        environments: [production]\n        steps: [{ run: echo }]\n      - { job: deploy-check, workflow: deploy, environments: [production], steps: [{ run: echo }] }\n`));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        code: 'conflicting-keys',
        message: 'a patch of ci.yml names `environments`, but ci.yml is one workflow for every environment: the patch would apply to all of them',
        hint: 'to patch the deploy workflows of these environments, add `workflow: deploy`; to patch ci.yml, remove `environments`',
        at: expect.objectContaining({ line: 14, col: 9 }),
      }),
    ]);
  });

  it('a job or step that is not there is an error at the patch', () => {
    const ctx = emitContext(loadOk(ci(`      - { job: tset, steps: [{ run: echo }] }\n      - { job: test, after: test, steps: [{ run: echo }] }\n`)), 'github-actions');
    emitTarget(githubActions, ctx);
    const found = ctx.problems.filter((p) => p.code === 'github-actions/patch-failed');
    expect(found.map((p) => p.path)).toEqual([['targets', 'github-actions', 'patches', 0], ['targets', 'github-actions', 'patches', 1]]);
    expect(found[0]!.message).toContain('there is no job `tset`');
    expect(found[1]!.message).toContain('there is no step `test`');
    expect(found[1]!.hint).toContain('tests');
  });

  it('actions-pinned warns on a step whose `uses:` is not a commit, at its line', async () => {
    const { findings } = await lintFiles({
      'stack.yaml': ci(`      - job: test
        steps:
          - uses: acme/upload-coverage@v2
          - uses: acme/upload-coverage@9f2c4d1e7a3b5c6d8e0f1a2b3c4d5e6f7a8b9c0d
          - uses: ./.github/actions/local
          - run: echo done
`),
    });
    const found = findings.filter((f) => f.ruleId === 'actions-pinned');
    expect(found.map((f) => [f.severity, f.line])).toEqual([['warn', 15]]);
    expect(found[0]!.message).toContain('`acme/upload-coverage@v2`, which is not pinned to a commit');
  });
});
