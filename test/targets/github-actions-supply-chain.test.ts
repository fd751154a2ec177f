// Issue 17, item 14: every action a generated workflow runs is pinned to a commit from the one
// table in targets/github-actions/actions.ts, with its release tag in a comment after it
// (`uses: <repo>@<sha> # v7.0.1`). Every fixture's workflows are held to it by
// test/reliability/emitted-safety.ts; here, the table itself and a stack that uses every job kind.
import { describe, expect, it } from 'vitest';
import { PINNED_ACTIONS, usesOf } from '../../targets/github-actions/actions.js';
import githubActions from '../../targets/github-actions/index.js';
import { workflowProblems } from '../reliability/emitted-safety.js';
import { emitContext, emitTarget, loadText } from './context.js';

describe('the pinned actions table', () => {
  const rows = Object.entries(PINNED_ACTIONS);

  it('has, per action, a repository, a release tag, the full commit it points to and the day it was read', () => {
    for (const [key, action] of rows) {
      expect(action.repository, key).toMatch(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
      // superfly/flyctl-actions names its releases without the `v` (`1.6`); the others vX.Y.Z.
      expect(action.tag, key).toMatch(action.repository === 'superfly/flyctl-actions' ? /^\d+\.\d+(\.\d+)?$/ : /^v\d+\.\d+\.\d+$/);
      expect(action.commit, key).toMatch(/^[0-9a-f]{40}$/);
      expect(action.read, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${action.read}T00:00:00Z`).toISOString().slice(0, 10), key).toBe(action.read);
    }
  });

  it('names each repository once (one release of each)', () => {
    const repositories = rows.map(([, a]) => a.repository);
    expect(new Set(repositories).size).toBe(repositories.length);
  });
});

// Every job kind: the stackc job, a test job with every runtime stackc sets up, image builds and
// pushes (GHCR, multi-platform with QEMU, and ECR and Artifact Registry signing in keylessly), and a
// deploy job on each platform.
const EVERY_JOB = `stack: 1
name: shop
environments:
  production: { branch: main, domain: shop.example }
services:
  api:
    build: { context: ./api, platforms: [linux/amd64, linux/arm64] }
    image: ghcr.io/acme/shop-api
    ports: [8000]
  worker:
    build: ./worker
    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-worker
  jobs:
    build: ./jobs
    image: europe-west1-docker.pkg.dev/acme/shop/jobs
  web:
    static: { root: ./web, framework: vite }
registries:
  123456789012.dkr.ecr.eu-west-1.amazonaws.com:
    aws: { role: "arn:aws:iam::123456789012:role/github-ci" }
  europe-west1-docker.pkg.dev:
    gcp:
      workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/shop
      service_account: ci@acme.iam.gserviceaccount.com
ci:
  runtime: { node: "24", python: "3.13", go: "1.23", java: "21", ruby: "3.3", bun: "1.1" }
  steps: { test: npm ci && npm test && pip install -r requirements.txt && go test ./... && mvn -q verify && bundle exec rake && bun install }
targets:
  kubernetes: { services: [api] }
  fly: { services: [worker] }
  railway: { services: [jobs] }
  vercel: { services: [web] }
  github-actions: {}
`;

describe('a stack that uses every job kind', () => {
  const ctx = emitContext(loadText(EVERY_JOB), 'github-actions');
  const artifacts = emitTarget(githubActions, ctx);

  it('runs every action of the table that stackc generates, each as `<repo>@<sha> # <tag>`', () => {
    const written = artifacts.flatMap((a) => [...a.content.matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)].map((m) => `${m[1]}${m[2]}`)).filter((u) => !u.startsWith('./'));
    const expected = Object.entries(PINNED_ACTIONS)
      // Not generated: the SARIF upload of the repository's own action.yml (test/action.test.ts).
      .filter(([key]) => key !== 'uploadSarif')
      .map(([, action]) => `${usesOf(action)} # ${action.tag}`);
    expect(new Set(written)).toEqual(new Set(expected));
    for (const a of artifacts) expect(workflowProblems(a), a.path).toEqual([]);
  });
});

describe('deploy secrets', () => {
  const built = (environments: string) => {
    const ctx = emitContext(loadText(`stack: 1
name: shop
environments:
${environments}
services:
  api: { build: ./api, image: ghcr.io/acme/shop-api, ports: [8000] }
  web: { static: { root: ./web, framework: vite } }
targets:
  fly: { services: [api] }
  vercel: { services: [web] }
  github-actions: {}
`), 'github-actions');
    return emitTarget(githubActions, ctx);
  };

  it('tells an environment deployed from a branch pattern to hold only tokens scoped to it; a single branch gets no such note', () => {
    const files = built('  production: { branch: main }\n  preview: { branch: "feature/*" }');
    const header = (path: string) => files.find((a) => a.path === path)!.content.split('\nname: ')[0]!;
    const preview = header('.github/workflows/deploy-preview.yml');
    expect(preview).toContain('Anyone who can push a ref matching `feature/*` can run a changed copy of this workflow with the secrets of `preview`');
    expect(preview).toContain('a Fly deploy token of its apps (`fly tokens create deploy`, not an org token); a Vercel token scoped to the site\'s project');
    expect(header('.github/workflows/deploy-production.yml')).not.toContain('Anyone who can push');
  });

  it('keeps every token off the job while its steps install packages', () => {
    for (const a of built('  production: { branch: main }\n  preview: { branch: "feature/*" }')) {
      expect(workflowProblems(a).filter((p) => p.includes('in its env')), a.path).toEqual([]);
      const vercel = /\n {2}vercel-web:\n(?: {4}.*\n)*/.exec(a.content)?.[0];
      if (vercel) expect(vercel).not.toMatch(/^ {4}env:/m);
    }
  });
});

describe('expressions in ci.steps', () => {
  const problems = (command: string) => {
    const ctx = emitContext(loadText(`stack: 1\nname: shop\nservices:\n  api: { image: "nginx:1.27" }\nci:\n  steps:\n    check: ${JSON.stringify(command)}\ntargets:\n  github-actions: {}\n`), 'github-actions');
    emitTarget(githubActions, ctx);
    return ctx.problems.filter((p) => p.code.includes('expression'));
  };

  it('refuses the contexts whoever triggers the run can choose, at the step, with the variable to read instead', () => {
    for (const [expression, instead] of [
      ['${{ github.head_ref }}', '"$GITHUB_HEAD_REF"'],
      ['${{ github.ref_name }}', '"$GITHUB_REF_NAME"'],
      ['${{github.event.pull_request.title}}', `"$(jq -r '.pull_request.title' "$GITHUB_EVENT_PATH")"`],
      ['${{ github.event.head_commit.message }}', `"$(jq -r '.head_commit.message' "$GITHUB_EVENT_PATH")"`],
      ['${{ toJSON(github.event) }}', undefined],
      ['${{ toJSON(github) }}', undefined],
      ['${{ GITHUB.EVENT.issue.body }}', undefined],
      ['${{ github.event.commits[0].message }}', undefined],
      ['${{ inputs.name }}', undefined],
      ['${{ steps.x.outputs.y }}', undefined],
    ] as const) {
      const [problem] = problems(`echo ${expression}`);
      expect(problem, expression).toMatchObject({ severity: 'error', code: 'github-actions/untrusted-expression', path: ['ci', 'steps', 'check'] });
      expect(problem!.hint, expression).toContain(instead ?? '"$GITHUB_EVENT_PATH"');
    }
  });

  it('leaves other expressions with a warning: their text is not the triggering user\'s', () => {
    for (const expression of ['${{ github.sha }}', '${{ github.event_name }}', '${{ runner.os }}', '${{ vars.REGION }}']) {
      expect(problems(`echo ${expression}`).map((p) => [p.severity, p.code]), expression).toEqual([['warning', 'github-actions/expression-in-step']]);
    }
    expect(problems('npm test')).toEqual([]);
  });
});
