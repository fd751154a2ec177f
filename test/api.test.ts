// The library API (src/index.ts): the same functions the CLI runs, used directly. Results, not
// exceptions, for a user's mistakes; the artifacts are the files `stackc build` writes.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, builtinRules, defineRule, diff, formatDiagnostics, formatDiff, formatLint, lint, loadStack, planBuild, writeBuild, type LoadedStack } from '../src/index.js';
import { root, tempDir } from './helpers.js';

const loaded = (input: Parameters<typeof loadStack>[0], cwd?: string): LoadedStack => {
  const result = loadStack(input, cwd ? { cwd } : {});
  if (!result.ok) throw new Error(formatDiagnostics(result.diagnostics, result.sources));
  return result;
};

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const MINIMAL = 'stack: 1\nname: hello\nservices:\n  web:\n    image: nginxinc/nginx-unprivileged:1.27-alpine\n    user: "101"\n    ports: ["8080:8080"]\n    healthcheck: { http: / }\n    resources: { memory: 128Mi }\ntargets:\n  compose: {}\n';

describe('loadStack', () => {
  it('returns diagnostics for user mistakes instead of throwing: missing file, a file in the path, bad YAML, schema errors', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain-file'), 'x');
    const missing = loadStack('nope.yaml', { cwd: dir });
    expect(missing.ok).toBe(false);
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['unreadable-file']);
    expect(missing.diagnostics[0]!.message).toBe('nope.yaml does not exist');

    const notDir = loadStack('plain-file/stack.yaml', { cwd: dir });
    expect(notDir.ok).toBe(false);
    expect(notDir.diagnostics[0]!.message).toMatch(/^plain-file\/stack\.yaml cannot be read \(ENOTDIR\)$/);

    const typo = loadStack({ text: 'stack: 1\nname: shop\nservices:\n  api:\n    image: nginx:1.27\n    healthchek: { http: / }\n', file: 'deploy/stack.yaml', root: dir });
    expect(typo.ok).toBe(false);
    expect(typo.stack).toBeUndefined();
    const [d] = typo.diagnostics;
    expect([d!.code, d!.at?.file, d!.at?.line, d!.at?.col, d!.hint]).toEqual(['unknown-key', 'deploy/stack.yaml', 6, 5, 'did you mean `healthcheck`?']);
    expect(formatDiagnostics(typo.diagnostics, typo.sources)).toContain('deploy/stack.yaml:6:5: error: unknown key `healthchek`');
  });

  it('loads a stack file relative to cwd, with its absolute path for headers', () => {
    const result = loaded('fixtures/minimal/stack.yaml', root);
    expect(result.stack.name).toBe('hello');
    expect(result.stackPath).toBe(join(root, 'fixtures/minimal/stack.yaml'));
    expect(result.stack.root).toBe(join(root, 'fixtures/minimal'));
  });
});

describe('build, planBuild, writeBuild', () => {
  it('renders in memory exactly the files `stackc build` writes (the checked-in golden output)', async () => {
    const stack = loaded('fixtures/fullstack/stack.yaml', root);
    const built = await build(stack);
    expect(built.ok).toBe(true);
    const expected = files(join(root, 'fixtures/fullstack/expected'));
    expected.delete('build-output.txt');
    expect(new Map(built.artifacts.map((a) => [a.path, a.content]))).toEqual(expected);
  });

  it('filters by environment and target; a typo is a diagnostic with a suggestion, and no artifacts', async () => {
    const stack = loaded('fixtures/fullstack/stack.yaml', root);
    const k8s = await build(stack, { env: 'production', target: 'kubernetes' });
    expect(k8s.artifacts.length).toBeGreaterThan(0);
    expect(k8s.artifacts.every((a) => a.target === 'kubernetes' && (a.environment === undefined || a.environment === 'production'))).toBe(true);
    const typo = await build(stack, { env: 'prod' });
    expect(typo.ok).toBe(false);
    expect(typo.artifacts).toEqual([]);
    expect(typo.diagnostics.some((d) => d.severity === 'error' && /prod/.test(d.message) && /production/.test(d.hint ?? ''))).toBe(true);
  });

  it('plans and writes like the CLI: manifest, then unchanged; a hand-edited file is a conflict and nothing is written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), MINIMAL);
    const stack = loaded('stack.yaml', dir);
    const built = await build(stack, { cwd: dir });
    const first = planBuild(built);
    expect(first.plan!.actions.map((a) => a.kind)).toEqual(built.artifacts.map(() => 'create'));
    const written = writeBuild(built, first.plan!);
    expect(written.written.sort()).toEqual(built.artifacts.map((a) => a.path).sort());
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(built.artifacts.find((a) => a.path === 'compose.yaml')!.content);
    expect(existsSync(join(dir, '.stackc/manifest.json'))).toBe(true);
    expect(planBuild(built).plan!.actions.every((a) => a.kind === 'unchanged')).toBe(true);

    writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
    const edited = planBuild(built).plan!;
    expect(edited.conflicts).toEqual([{ path: 'compose.yaml', reason: 'edited' }]);
    expect(writeBuild(built, edited)).toEqual({ ok: false, written: [], pruned: [] });
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe('services: {}\n');
    expect(planBuild(built, { force: true }).plan!.conflicts).toEqual([]);
  });
});

describe('lint', () => {
  it('finds what the CLI finds, and formats it as the CLI does', async () => {
    const dir = tempDir();
    // Root: a non-root-user error (without `user`, the image's own UID 101 is known and accepted).
    writeFileSync(join(dir, 'stack.yaml'), MINIMAL.replace('    user: "101"\n', '    user: "0"\n'));
    const stack = loaded('stack.yaml', dir);
    const result = await lint(stack, { cwd: dir });
    const finding = result.findings.find((f) => f.ruleId === 'non-root-user');
    expect(finding).toMatchObject({ file: 'stack.yaml', line: 6, severity: 'error' });
    const sarif = JSON.parse(formatLint(result, 'sarif')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('non-root-user');
    expect(formatLint(result)).toContain('non-root-user');

    const off = await lint(stack, { cwd: dir, rules: { 'non-root-user': 'off' } });
    expect(off.findings.some((f) => f.ruleId === 'non-root-user')).toBe(false);
    const typo = await lint(stack, { rules: { 'non-root-usr': 'off' } });
    expect(typo.diagnostics).toMatchObject([{ severity: 'error', code: 'unknown-rule', hint: 'did you mean `non-root-user`?' }]);
  });

  it('runs a plugin author\'s rule next to the built-in ones', async () => {
    const teamRegistry = defineRule({
      meta: { id: 'team-registry', description: 'images come from our registry', category: 'supply-chain', severity: 'error', scopes: ['model'], docs: { why: 'Only images from ghcr.io/acme are scanned and signed by the platform team, so others are refused.', fix: 'push the image to ghcr.io/acme' }, peers: [] },
      service(ctx, { service: s }) {
        if (s.image && !s.image.startsWith('ghcr.io/acme/')) ctx.report({ message: `${s.name} runs ${s.image}`, at: { path: [...s.path, 'image'] } });
      },
    });
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), MINIMAL);
    const result = await lint(loaded('stack.yaml', dir), { cwd: dir, catalog: [...builtinRules, teamRegistry] });
    expect(result.findings.filter((f) => f.ruleId === 'team-registry').map((f) => [f.line, f.message])).toEqual([[5, 'web runs nginxinc/nginx-unprivileged:1.27-alpine']]);
  });
});

describe('diff', () => {
  it('drift: a hand edit shows up; a base ref outside git is a diagnostic, not an exception', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), MINIMAL);
    const built = await build(loaded('stack.yaml', dir), { cwd: dir });
    writeBuild(built, planBuild(built).plan!);
    expect((await diff({ cwd: dir })).report!.changed).toBe(false);
    writeFileSync(join(dir, 'compose.yaml'), readFileSync(join(dir, 'compose.yaml'), 'utf8').replace('8080:8080', '9090:8080'));
    const drift = await diff({ cwd: dir });
    expect(drift.report!.changed).toBe(true);
    expect(drift.report!.files.map((f) => [f.path, f.drift])).toEqual([['compose.yaml', 'edited']]);
    expect(formatDiff(drift.report!, 'markdown')).toContain('compose.yaml');

    const outside = await diff({ cwd: dir, base: 'main' });
    expect(outside.report).toBeUndefined();
    expect(outside.diagnostics[0]!.message).toContain('is not inside a git repository');
    expect((await diff({ cwd: dir, head: 'main' })).diagnostics[0]!.message).toBe('`--head` needs `--base`');
  });

  it('refs: the stacks at two commits, resource by resource', async () => {
    const dir = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    mkdirSync(join(dir, 'app'));
    cpSync(join(root, 'fixtures/minimal/stack.yaml'), join(dir, 'app/stack.yaml'));
    git('add', '.');
    git('commit', '-qm', 'one');
    writeFileSync(join(dir, 'app/stack.yaml'), readFileSync(join(dir, 'app/stack.yaml'), 'utf8').replace('memory: 128Mi', 'memory: 256Mi'));
    const result = await diff({ cwd: dir, file: 'app/stack.yaml', base: 'HEAD' });
    expect(result.diagnostics).toEqual([]);
    expect(result.report!.resources.map((r) => r.label)).toEqual(['compose service web']);
    expect(result.stacks.base?.name).toBe('hello');
    expect(formatDiff(result.report!, 'text')).toContain('~ compose service web (development): deploy.resources.limits.memory 128m → 256m');
  });
});
