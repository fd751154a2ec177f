// ci.yml as GitHub runs it, for the fixtures of each package manager (issue 17, items 1 and 21):
// the step that installs comes before the steps that need what it installs, every cache key names
// a lockfile that exists in the repository, and stackc runs through the manager's own exec.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import { actionlint, artifactProblems } from '../property/artifact-checks.js';
import { root } from '../helpers.js';

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; 'working-directory'?: string }
interface Job { steps: Step[]; defaults?: { run: { 'working-directory': string } } }

async function ciOf(fixture: string): Promise<{ dir: string; jobs: Record<string, Job> }> {
  const dir = join(root, 'fixtures', 'fidelity', fixture);
  const loaded = loadStack(join(dir, 'stack.yaml'));
  if (!('stack' in loaded) || !loaded.stack) throw new Error(`${fixture} does not load`);
  const built = await build(loaded);
  const ci = built.artifacts.find((a) => a.path === '.github/workflows/ci.yml')!;
  expect(artifactProblems(ci)).toEqual([]);
  expect(await actionlint(ci)).toEqual([]);
  return { dir, jobs: (parse(ci.content) as { jobs: Record<string, Job> }).jobs };
}

const index = (steps: Step[], test: (s: Step) => boolean) => steps.findIndex(test);
/** Every lockfile a setup action hashes for its cache, as paths from the repository root. */
const cachePaths = (steps: Step[]) => steps.flatMap((s) => (typeof s.with?.['cache-dependency-path'] === 'string' ? (s.with['cache-dependency-path'] as string).split('\n') : []));

describe('the stackc job installs stackc with the project\'s lockfile and runs it with its package manager', () => {
  const cases = [
    { fixture: 'gha-stackc-npm', install: 'npm ci', exec: 'npm exec --no -- stackc', lock: 'package-lock.json', cache: 'npm' },
    { fixture: 'gha-stackc-pnpm', install: 'pnpm install --frozen-lockfile', exec: 'pnpm exec stackc', lock: 'pnpm-lock.yaml', cache: 'pnpm' },
    { fixture: 'gha-stackc-yarn', install: 'yarn install --immutable', exec: 'yarn stackc', lock: 'yarn.lock', cache: 'yarn' },
    { fixture: 'gha-stackc-yarn-classic', install: 'yarn install --frozen-lockfile', exec: 'yarn stackc', lock: 'yarn.lock', cache: 'yarn' },
    { fixture: 'gha-stackc-bun', install: 'bun install --frozen-lockfile', exec: 'bun run stackc', lock: 'bun.lock', cache: undefined },
  ];
  for (const c of cases) {
    it(`${c.fixture}: ${c.install}, then ${c.exec}`, async () => {
      const { dir, jobs } = await ciOf(c.fixture);
      const steps = jobs.stackc!.steps;
      const install = index(steps, (s) => s.run === c.install);
      const checks = steps.filter((s) => s.run?.includes('stackc '));
      expect(install).toBeGreaterThan(0);
      expect(checks.length).toBe(4);
      expect(checks.every((s) => s.run!.startsWith(`${c.exec} `))).toBe(true);
      expect(index(steps, (s) => s === checks[0])).toBeGreaterThan(install);
      // Never a stackc fetched by name.
      expect(steps.some((s) => /\bnpx\b|\bbunx\b|stackc@/.test(s.run ?? ''))).toBe(false);
      const cached = cachePaths(steps);
      expect(cached).toEqual(c.cache ? [c.lock] : []);
      for (const path of cached) expect(existsSync(join(dir, path))).toBe(true);
      if (c.cache) {
        const cacheStep = index(steps, (s) => s.with?.cache === c.cache);
        expect(cacheStep).toBeLessThan(install);
        // pnpm and Yarn come from corepack, enabled before setup-node asks them where their store is.
        if (c.cache !== 'npm') expect(index(steps, (s) => s.run === 'corepack enable')).toBeLessThan(cacheStep);
      }
    });
  }

  it('without stackc among the dependencies, runs the exact version from npm', async () => {
    const { jobs } = await ciOf('gha-stackc-pinned');
    const checks = jobs.stackc!.steps.filter((s) => s.run?.includes('stackc'));
    expect(checks.every((s) => /^npx --yes stackc@\d+\.\d+\.\d+ /.test(s.run!))).toBe(true);
    expect(jobs.stackc!.steps.some((s) => /\b(?:npm ci|install)\b/.test(s.run ?? ''))).toBe(false);
  });
});

describe('CI steps of a repository with two packages', () => {
  it('runs each step in its directory, after installing that directory from its lockfile, with caches keyed on those lockfiles', async () => {
    const { dir, jobs } = await ciOf('gha-monorepo-steps');
    const steps = jobs.test!.steps;
    const at = (name: string) => index(steps, (s) => s.name === name);
    expect(jobs.test!.defaults).toBeUndefined();
    expect(steps[at('backend-tests')]!['working-directory']).toBe('backend');
    expect(steps[at('frontend-tests')]!['working-directory']).toBe('frontend');
    const pip = index(steps, (s) => s.run === 'pip install -r requirements.txt' && s['working-directory'] === 'backend');
    const npm = index(steps, (s) => s.run === 'npm ci' && s['working-directory'] === 'frontend');
    expect(pip).toBeGreaterThan(index(steps, (s) => s.uses?.startsWith('actions/setup-python@') === true));
    expect(npm).toBeGreaterThan(index(steps, (s) => s.uses?.startsWith('actions/setup-node@') === true));
    expect(pip).toBeLessThan(at('backend-tests'));
    expect(npm).toBeLessThan(at('frontend-lint'));
    expect(cachePaths(steps).sort()).toEqual(['backend/requirements.txt', 'frontend/package-lock.json']);
    for (const path of cachePaths(steps)) expect(existsSync(join(dir, path))).toBe(true);
  });
});
