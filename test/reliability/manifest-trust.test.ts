// Issue 19, item 1: a hand-edited or malicious .stackc/manifest.json made `build` delete any listed
// file whose hash matched (stack.yaml, sources, .git/HEAD). The manifest is committed and rarely
// reviewed, so pruning trusts an entry only when the target it names could have written that path.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CAPABILITIES } from '../../src/emit/builtin-capabilities.js';
import { untrustedEntries } from '../../src/emit/manifest-trust.js';
import { runCli, snapshotTree, tempDir } from '../helpers.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const layouts = Object.fromEntries(Object.entries(BUILTIN_CAPABILITIES).map(([name, c]) => [name, c.outputs]));
const entry = (path: string, target = 'compose') => ({ path, sha256: 'a'.repeat(64), target });

describe('which manifest entries pruning trusts', () => {
  const problems = (path: string, target?: string, stackFile = 'stack.yaml') => untrustedEntries({ version: 1, files: [entry(path, target)] }, { layouts, stackFile });

  it('trusts what a built-in target\'s declared layout can produce, and a plugin target\'s files', () => {
    for (const [path, target] of [['compose.yaml', 'compose'], ['.env.production.example', 'compose'], ['deploy/kubernetes/base/api.yaml', 'kubernetes'], ['web/fly.toml', 'fly'], ['.github/workflows/ci.yml', 'github-actions'], ['out/dev/api.txt', 'files']] as const) {
      expect(problems(path, target), `${target}: ${path}`).toEqual([]);
    }
  });

  it('refuses the stack file, anything under .git/, and a path the named target never writes', () => {
    expect(problems('stack.yaml')[0]?.why).toBe('is the stack file');
    expect(problems('deploy/stack.yaml', 'compose', 'deploy/stack.yaml')[0]?.why).toBe('is the stack file');
    expect(problems('.git/HEAD')[0]?.why).toBe('is inside .git/');
    expect(problems('.git/hooks/compose.yaml', 'files')[0]?.why).toBe('is inside .git/'); // a plugin's entry too
    expect(problems('src/index.ts')[0]?.why).toMatch(/^is not a file target `compose` writes \(compose\.yaml, /);
    expect(problems('fly.toml', 'compose')[0]?.why).toMatch(/^is not a file target `compose` writes/); // another target's layout
  });
});

describe('stackc build with a tampered manifest', () => {
  /** A built project with a git repository and a source file beside the generated files. */
  function project(): string {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), 'stack: 1\nname: demo\nservices:\n  api: { image: "ghcr.io/acme/api:1.0", user: "1000:1000" }\ntargets:\n  compose: {}\n  kubernetes: {}\n');
    mkdirSync(join(dir, '.git/hooks'), { recursive: true });
    writeFileSync(join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(dir, '.git/config'), '[core]\n\tbare = false\n');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/index.ts'), 'export {};\n');
    expect(runCli(['build'], dir).status).toBe(0);
    return dir;
  }
  const tamper = (dir: string, entries: { path: string; target: string }[]) => {
    const file = join(dir, '.stackc/manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    for (const e of entries) manifest.files.push({ ...e, sha256: sha(readFileSync(join(dir, e.path), 'utf8')) });
    writeFileSync(file, JSON.stringify(manifest, null, 2));
  };

  for (const [path, target] of [['stack.yaml', 'compose'], ['.git/HEAD', 'kubernetes'], ['.git/config', 'some-plugin'], ['src/index.ts', 'compose']] as const) {
    it(`an entry for ${path} (target ${target}) stops the build: exit 2, a hint, nothing pruned or written`, () => {
      const dir = project();
      tamper(dir, [{ path, target }]);
      const before = snapshotTree(dir);
      const r = runCli(['build'], dir);
      expect(r.status, r.stdout).toBe(2);
      expect(r.stderr).toContain(`.stackc/manifest.json lists \`${path}\` (target \`${target}\`), which`);
      expect(r.stderr).toContain('so it is not trusted: nothing was pruned or written');
      expect(r.stderr).toMatch(/hint: .*git checkout -- \.stackc\/manifest\.json/);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
      expect(snapshotTree(dir)).toEqual(before);
    });
  }

  it('removing a target from stack.yaml still prunes its files, and a plugin target\'s recorded files are pruned', () => {
    const dir = project();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/report.txt'), 'made by a plugin target\n');
    tamper(dir, [{ path: 'out/report.txt', target: 'reports' }]);
    writeFileSync(join(dir, 'stack.yaml'), 'stack: 1\nname: demo\nservices:\n  api: { image: "ghcr.io/acme/api:1.0", user: "1000:1000" }\ntargets:\n  compose: {}\n');
    const r = runCli(['build'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('- deploy/kubernetes/base/kustomization.yaml');
    expect(existsSync(join(dir, 'deploy'))).toBe(false);
    expect(existsSync(join(dir, 'out/report.txt'))).toBe(false);
    expect(readFileSync(join(dir, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });
});
