// The golden-file mechanism itself (test/support/golden.ts): a difference fails unless
// STACKC_UPDATE_GOLDEN=1, updating is idempotent, and `npm run golden` runs every test that owns
// golden files.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { root, tempDir } from './helpers.js';
import { expectGolden, expectGoldenDir, expectNoStaleGoldens, UPDATE_VARIABLE } from './support/golden.js';

const updating = (on: boolean) => vi.stubEnv(UPDATE_VARIABLE, on ? '1' : '');
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('expectGolden', () => {
  it('passes on equal content and fails on a difference or a missing file, saying how to regenerate', () => {
    updating(false);
    const dir = tempDir();
    const file = join(dir, 'out.txt');
    expect(() => expectGolden(file, 'a\n')).toThrow(/is missing: run `npm run golden`/);
    expect(existsSync(file)).toBe(false);
    writeFileSync(file, 'a\n');
    expectGolden(file, 'a\n');
    expect(() => expectGolden(file, 'b\n')).toThrow(/differs from the golden file .*run `npm run golden` and read `git diff`/);
    expect(readFileSync(file, 'utf8')).toBe('a\n');
  });

  it('writes when updating, and leaves an unchanged file alone', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    updating(true);
    const dir = tempDir();
    const file = join(dir, 'sub/out.txt');
    expectGolden(file, 'a\n');
    expect(readFileSync(file, 'utf8')).toBe('a\n');
    expectGolden(file, 'b\n');
    expect(readFileSync(file, 'utf8')).toBe('b\n');
    const before = statSync(file).mtimeMs;
    expectGolden(file, 'b\n');
    expect(statSync(file).mtimeMs).toBe(before);
  });
});

describe('expectGoldenDir and expectNoStaleGoldens', () => {
  const setUp = () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'keep.txt'), 'k\n');
    writeFileSync(join(dir, 'k8s/old.yaml'), 'old\n');
    writeFileSync(join(dir, 'hand-written.md'), 'not a golden\n');
    return dir;
  };
  const owns = (f: string) => f !== 'hand-written.md';

  it('fails on a stale file when not updating', () => {
    updating(false);
    const dir = setUp();
    expect(() => expectGoldenDir(dir, new Map([['keep.txt', 'k\n']]), owns)).toThrow(/stale golden files/);
    expect(() => expectNoStaleGoldens(dir, ['keep.txt', 'k8s/old.yaml'], owns)).not.toThrow();
  });

  it('deletes stale files and empty folders when updating, and only the files it owns', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    updating(true);
    const dir = setUp();
    expectGoldenDir(dir, new Map([['keep.txt', 'k\n'], ['new/a.txt', 'a\n']]), owns);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(['hand-written.md', 'keep.txt', 'new', 'new/a.txt']);
  });
});

describe('npm run golden', () => {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.golden!;
  const listed = script.split(/\s+/).filter((w) => w.endsWith('.test.ts'));
  const tests = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tests(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const sources = tests(join(root, 'test')).map((f) => [relative(root, f), readFileSync(f, 'utf8')] as const);

  it('sets the update variable and runs every test file that owns golden files', () => {
    expect(script).toMatch(new RegExp(`^${UPDATE_VARIABLE}=1 vitest run --config test/vitest.config.ts `));
    const owners = sources.filter(([f, text]) => f.endsWith('.test.ts') && f !== 'test/golden.test.ts' && /from '(\.\.?\/)+support\/golden\.js'/.test(text)).map(([f]) => f);
    expect(listed.sort()).toEqual(owners.sort());
  });

  it('is the only way goldens are updated: no other test reads an update variable', () => {
    const others = sources.filter(([f, text]) => !['test/support/golden.ts', 'test/golden.test.ts'].includes(f) && /STACKC_UPDATE_/.test(text)).map(([f]) => f);
    expect(others).toEqual([]);
  });
});
