// `stackc diff` options and failures: --env/--target, --head, a missing stack.yaml at the base,
// bad refs and shallow clones (exit 2 with a hint), the markdown size cap, plugins read from git.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, json, repository, stack } from './diff-helpers.js';
import { root, runCli, tempDir } from './helpers.js';

describe('stackc diff options', () => {
  let dir: string;
  beforeAll(() => {
    // Two commits: the base stack, then 5 replicas in production and a new env var.
    dir = repository(stack());
    writeFileSync(join(dir, 'stack.yaml'), stack({ productionReplicas: 5, extraEnv: { FEATURE_FLAGS: 'beta' } }));
    git(dir, 'commit', '-q', '-am', 'five replicas');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--env and --target narrow the comparison, as for build', () => {
    const staging = json(runCli(['diff', '--base', 'HEAD~1', '--env', 'staging', '--format', 'json'], dir).stdout);
    expect(staging.resources.length).toBeGreaterThan(0);
    expect(staging.resources.every((r) => r.environments.every((e) => e === 'staging'))).toBe(true);
    expect(staging.resources.flatMap((r) => r.changes.map((c) => c.path))).not.toContain('spec.replicas'); // production's change

    const compose = json(runCli(['diff', '--base', 'HEAD~1', '--target', 'compose', '--format', 'json'], dir).stdout);
    expect(compose.targets.map((t) => t.target)).toEqual(['compose']);
    expect(new Set(compose.resources.map((r) => r.target))).toEqual(new Set(['compose']));

    const typo = runCli(['diff', '--base', 'HEAD~1', '--env', 'prod'], dir);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('no environment `prod` in stack.yaml');
  });

  it('--head compares two commits; a base without stack.yaml makes everything new', () => {
    const r = runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--exit-code', '--format', 'json'], dir);
    expect(r.status).toBe(1);
    expect(json(r.stdout).resources).toContainEqual(expect.objectContaining({ label: 'Deployment api', changes: expect.arrayContaining([expect.objectContaining({ path: 'spec.replicas', before: 3, after: 5 })]) }));

    const empty = tempDir();
    try {
      git(empty, 'init', '-q', '-b', 'main');
      git(empty, 'commit', '-q', '--allow-empty', '-m', 'empty');
      writeFileSync(join(empty, 'stack.yaml'), stack());
      const report = json(runCli(['diff', '--base', 'main', '--format', 'json', '--summary'], empty).stdout);
      expect(report.changed).toBe(true);
      expect(report.files.every((f) => f.status === 'added')).toBe(true);
      expect(report.notes).toEqual([expect.stringContaining('stack.yaml does not exist at main')]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('a base whose stack.yaml does not load is compared as nothing, with a note saying why (issue 19, item 15)', () => {
    const broken = repository(stack().replace('    user: 1000\n', '    user: 1000\n    prots: [1]\n'));
    try {
      writeFileSync(join(broken, 'stack.yaml'), stack());
      for (const format of ['json', 'text', 'markdown']) {
        const r = runCli(['diff', '--base', 'main', '--format', format], broken);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/stack\.yaml at main \(\w+\) does not load .*: compared against nothing, so every generated file is new/);
        if (format !== 'json') continue;
        expect(json(r.stdout).notes).toEqual([expect.stringMatching(/^stack\.yaml at main \(\w+\) does not load \(1 error; main:stack\.yaml:\d+:\d+: unknown key `prots`/)]);
        expect(json(r.stdout).files.every((f) => f.status === 'added')).toBe(true);
      }
      // The head is what is reviewed: it must load.
      writeFileSync(join(broken, 'stack.yaml'), stack().replace('    user: 1000\n', '    user: 1000\n    prots: [1]\n'));
      expect(runCli(['diff', '--base', 'main'], broken).status).toBe(2);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('exit 2 with a clear message for a bad ref, and for --head without --base', () => {
    const bad = runCli(['diff', '--base', 'origin/mian'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('error: unknown git ref `origin/mian` (--base) [git-ref]');
    expect(bad.stderr).toContain('git fetch origin mian');
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(runCli(['diff', '--base', '--exit-code'], dir).status).toBe(2);
    expect(runCli(['diff', '--head', 'HEAD'], dir).stderr).toContain('`--head` needs `--base`');
    expect(runCli(['diff', '--help'], dir).stdout).toMatch(/Usage: stackc diff[\s\S]*--exit-code[\s\S]*Examples:/);
  });

  it('exit 2 in a shallow clone that lacks the base commit, with the fetch to run', () => {
    const clone = tempDir();
    try {
      git(root, 'clone', '-q', '--depth=1', `file://${dir}`, clone);
      const r = runCli(['diff', '--base', git(dir, 'rev-parse', 'HEAD~1').trim()], clone);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('is not in this shallow clone (--base)');
      expect(r.stderr).toContain('fetch-depth: 0');
      expect(r.stderr).toMatch(/git fetch --depth=1 origin [0-9a-f]{40}/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('markdown stays under --max-size and says what it left out', () => {
    const capped = runCli(['diff', '--base', 'HEAD~1', '--format', 'markdown', '--max-size', '3000'], dir).stdout;
    expect(capped.length).toBeLessThanOrEqual(3000);
    expect(capped).toContain('**Truncated** to stay under 3,000 characters');
    expect(capped).toContain('Deployment api (production): spec.replicas 3 → 5'); // the summary survives
    expect(capped).toContain('| kubernetes |');
    expect(capped).toContain('<details><summary>'); // as many file diffs as fit
    expect(capped).toMatch(/the diffs of \d+ files \(`[^`]+`/);
  });
});

describe('stackc diff with a plugin target', () => {
  it('reads a ./ plugin from the base commit too', () => {
    const dir = tempDir();
    try {
      cpSync(join(root, 'fixtures/plugin-target'), dir, { recursive: true, filter: (src) => !src.includes('/expected') });
      git(dir, 'init', '-q', '-b', 'main');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'base');
      const plugin = join(dir, 'stackc-target-procfile.mjs');
      writeFileSync(plugin, readFileSync(plugin, 'utf8').replace('lines.push(`${service.name}: ', 'lines.push(`${service.name}-v2: '));
      const r = runCli(['diff', '--base', 'main', '--exit-code'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('~ procfile Procfile (development): content changed');
      expect(r.stdout).toMatch(/^-web: gunicorn app:wsgi --bind 0.0.0.0:8000$/m);
      expect(r.stdout).toMatch(/^\+web-v2: gunicorn app:wsgi --bind 0.0.0.0:8000$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
