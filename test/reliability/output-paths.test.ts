// Issue 19, item 2: `lint -o FILE`, `lint --update-baseline --baseline FILE` and `graph -o FILE`
// overwrote any file of the project (stack.yaml, generated files, the manifest, .git/hooks/*).
// One guard now holds every output path of every command, build's own files included.
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, snapshotTree, tempDir } from '../helpers.js';

const STACK = 'stack: 1\nname: demo\nservices:\n  api: { image: "ghcr.io/acme/api:1.0", user: "1000:1000", ports: [8000] }\ntargets:\n  compose: {}\n';

/** A built project with a git hook, a docs directory and a link to a file. */
function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'stack.yaml'), STACK);
  mkdirSync(join(dir, '.git/hooks'), { recursive: true });
  writeFileSync(join(dir, '.git/hooks/pre-commit'), '#!/bin/sh\nexit 0\n');
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'notes.txt'), 'mine\n');
  symlinkSync('notes.txt', join(dir, 'link.txt'));
  expect(runCli(['build'], dir).status).toBe(0);
  return dir;
}

const COMMANDS: Record<string, (file: string) => string[]> = {
  'lint -o': (file) => ['lint', '--format', 'json', '-o', file],
  'lint --update-baseline --baseline': (file) => ['lint', '--update-baseline', '--baseline', file],
  'graph -o': (file) => ['graph', '--format', 'mermaid', '-o', file],
};

const REFUSED: [string, RegExp][] = [
  ['stack.yaml', /is the stack file/],
  ['compose.yaml', /is a file `stackc build` generates \(target compose\)/],
  ['.stackc/manifest.json', /is stackc's manifest/],
  ['.git/hooks/pre-commit', /is inside \.git\//],
  ['.git/hooks/post-checkout', /is inside \.git\//], // a new hook would run too
  ['docs', /is a directory/],
  ['link.txt', /is a symbolic link/],
];

describe('no command writes its output onto a protected path', () => {
  for (const [command, args] of Object.entries(COMMANDS)) {
    it(`${command}: the stack file, a generated file, the manifest, .git/, a directory, a link are refused (exit 2, a hint, nothing changed)`, () => {
      const dir = project();
      const before = snapshotTree(dir);
      for (const [file, why] of REFUSED) {
        const r = runCli(args(file), dir);
        expect(r.status, `${command} ${file}: ${r.stderr}`).toBe(2);
        expect(r.stderr, file).toMatch(why);
        expect(r.stderr, file).toContain('hint:');
        expect(r.stderr, file).not.toMatch(/\n\s+at |internal error/);
      }
      expect(snapshotTree(dir)).toEqual(before);
      expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
      expect(existsSync(join(dir, '.git/hooks/post-checkout'))).toBe(false);
    });
  }

  it('an ordinary file is still written', () => {
    const dir = project();
    expect(runCli(COMMANDS['lint -o']!('report.json'), dir).status).not.toBe(2);
    expect(runCli(COMMANDS['graph -o']!('docs/architecture.md'), dir).status).toBe(0);
    expect(runCli(COMMANDS['lint --update-baseline --baseline']!('.stackc/lint-baseline.json'), dir).status).toBe(0);
    expect(existsSync(join(dir, 'report.json')) && existsSync(join(dir, 'docs/architecture.md')) && existsSync(join(dir, '.stackc/lint-baseline.json'))).toBe(true);
  });

  it('graph -o refuses a format its extension does not name', () => {
    const dir = project();
    const png = runCli(['graph', '-o', 'architecture.png'], dir);
    expect(png.status).toBe(2);
    expect(png.stderr).toContain('-o architecture.png asks for PNG, which stackc graph does not write');
    expect(png.stderr).toMatch(/hint: .*architecture\.svg/);
    const mismatch = runCli(['graph', '--format', 'dot', '-o', 'graph.svg'], dir);
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toContain('-o graph.svg: its extension means svg, but --format is dot');
    expect(existsSync(join(dir, 'architecture.png')) || existsSync(join(dir, 'graph.svg'))).toBe(false);
  });

  it('build never writes over the stack file (even with --force) nor into .git/', () => {
    const dir = project();
    cpSync(join(dir, 'stack.yaml'), join(dir, 'compose.yaml')); // a stack file named like a generated one
    const before = snapshotTree(dir);
    const self = runCli(['build', '-f', 'compose.yaml', '--force'], dir);
    expect(self.status).toBe(2);
    expect(self.stderr).toContain('`stackc build` would write compose.yaml (target `compose`), which is the stack file');
    const git = runCli(['build', '--out', '.git/hooks'], dir);
    expect(git.status).toBe(2);
    expect(git.stderr).toContain('is inside .git/');
    expect(snapshotTree(dir)).toEqual(before);
    for (const r of [self, git]) expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});
