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

// Every job kind: the stackc job, a test job with every runtime stackc sets up, an image build and
// push, and a deploy job on each platform.
const EVERY_JOB = `stack: 1
name: shop
environments:
  production: { branch: main, domain: shop.example }
services:
  api:
    build: ./api
    image: ghcr.io/acme/shop-api
    ports: [8000]
  worker:
    build: ./worker
    image: ghcr.io/acme/shop-worker
  jobs:
    build: ./jobs
    image: ghcr.io/acme/shop-jobs
  web:
    static: { root: ./web, framework: vite }
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
      // Not generated (yet): keyless cloud logins, and the SARIF upload of the repository's own action.yml.
      .filter(([key]) => !['configureAwsCredentials', 'googleAuth', 'uploadSarif'].includes(key))
      .map(([, action]) => `${usesOf(action)} # ${action.tag}`);
    expect(new Set(written)).toEqual(new Set(expected));
    for (const a of artifacts) expect(workflowProblems(a), a.path).toEqual([]);
  });
});
