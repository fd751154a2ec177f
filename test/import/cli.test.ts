// `stackc import` end to end through the bundled CLI.
import { cpSync, mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, snapshotTree, tempDir } from '../helpers.js';

const corpus = join(root, 'fixtures/import');

/** A copy of a corpus project in a directory of the same name (the import names the stack after it). */
function copyProject(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(corpus, name), dir, { recursive: true, filter: (src) => !src.includes('/expected') });
  return dir;
}

describe('stackc import (CLI)', () => {
  it('imports a corpus project exactly as its golden says', () => {
    const dir = copyProject('fastapi-seed-dev');
    const { status, stderr } = runCli(['import'], dir);
    const golden = readFileSync(join(corpus, 'fastapi-seed-dev/expected/import-output.txt'), 'utf8');
    expect(status).toBe(Number(/\[exit (\d)\]/.exec(golden)![1]));
    for (const line of golden.split('\n').filter((l) => / (warning|info): /.test(l))) expect(stderr).toContain(line);
    const written = readFileSync(join(dir, 'stack.yaml'), 'utf8');
    expect(written.replace(/^# yaml-language-server.*\n/, '')).toBe(readFileSync(join(corpus, 'fastapi-seed-dev/expected/stack.yaml'), 'utf8').replace(/^# yaml-language-server.*\n/, ''));
    // The corpus keeps the compose file, not the sources: validate checks that build contexts exist.
    for (const context of ['backend', 'frontend']) mkdirSync(join(dir, context));
    expect(runCli(['validate'], dir).status).toBe(0);
  });

  it('exits 1 and lists what was left out, file:line:col first', () => {
    const dir = copyProject('wireguard');
    const { status, stderr } = runCli(['import'], dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^compose\.yaml:6:5 warning: `cap_add` of `wireguard` was not carried over: /m);
  });

  it('takes files in -f order, -o and --env-file', () => {
    const dir = copyProject('kompose-multiple-files');
    writeFileSync(join(dir, 'vars.env'), 'X=1\n');
    const { status } = runCli(['import', 'first.yaml', 'second.yaml', '-o', 'deploy.yaml', '--env-file', 'vars.env'], dir);
    expect(status).toBe(0);
    expect(readFileSync(join(dir, 'deploy.yaml'), 'utf8')).toContain('replicas: 99');
  });

  it('refuses to overwrite stack.yaml without --force (exit 2, nothing written)', () => {
    const dir = copyProject('flask-redis');
    writeFileSync(join(dir, 'stack.yaml'), 'mine\n');
    const before = snapshotTree(dir);
    const { status, stderr } = runCli(['import'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('--force');
    expect(snapshotTree(dir)).toEqual(before);
    // 0: the project's one setting import used to drop (stop_signal) is carried now.
    expect(runCli(['import', '--force'], dir).status).toBe(0);
  });

  it('bad input exits 2 at file:line:col and writes nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: [oops\n');
    const { status, stderr } = runCli(['import'], dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/compose\.yaml:\d+:\d+: error: invalid YAML/);
    expect(existsSync(join(dir, 'stack.yaml'))).toBe(false);
  });

  it('no compose file: exit 2 with a hint', () => {
    const { status, stderr } = runCli(['import'], tempDir());
    expect(status).toBe(2);
    expect(stderr).toContain('no compose file');
  });
});
