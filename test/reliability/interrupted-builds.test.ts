// Issue 19, item 3: Ctrl-C or SIGTERM (a cancelled CI job) during `stackc build` left temporary
// files, a stale lock and half-renamed files, which the next build called "edited by hand" until
// `--force` (which also destroys real hand edits). Here real CLI builds are interrupted at random
// points, SIGKILL included (what a CI runner sends when SIGTERM is not enough); the next plain
// build must succeed and leave exactly what an uninterrupted build leaves, hand edits included.
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJournal, recoverManifest } from '../../src/emit/journal.js';
import { root, runCli, tempDir } from '../helpers.js';

const RUNS = 6;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGINT', 'SIGTERM', 'SIGKILL', 'SIGKILL'] as const;

/** Many files, so that a random moment often falls while the build writes. */
const stack = (tag: string, legacy: boolean) => {
  const services = Array.from({ length: 24 }, (_, i) => `  s${i}:\n    image: ghcr.io/acme/s${i}:${tag}\n    user: "1000:1000"\n    ports: [${8000 + i}]\n`).join('');
  return `stack: 1\nname: shop\nenvironments: { development: {}, staging: {}, production: {} }\nservices:\n${services}${legacy ? '  legacy:\n    image: ghcr.io/acme/legacy:1.0\n    user: "1000:1000"\n' : ''}targets:\n  compose: {}\n  kubernetes: {}\n`;
};

/** Every file under dir with its content. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/**
 * Starts `stackc build` and sends `signal` after `at.ms` milliseconds, or at the `at.change`th
 * change the build makes to the directory (the lock, a temporary file, a rename): a point while it
 * writes, which a timer alone rarely hits.
 */
function interruptedBuild(dir: string, signal: NodeJS.Signals, at: { ms: number } | { change: number }): Promise<number | null> {
  return new Promise((resolve) => {
    let changes = 0;
    const watcher = watch(dir, { recursive: true }, () => {
      if ('change' in at && ++changes === at.change) child.kill(signal);
    });
    const child = spawn(process.execPath, [join(root, 'bin/stackc.cjs'), 'build'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
    const timer = 'ms' in at ? setTimeout(() => child.kill(signal), at.ms) : undefined;
    child.on('exit', (code) => {
      clearTimeout(timer);
      watcher.close();
      resolve(code);
    });
  });
}

describe('an interrupted build', () => {
  it('is recognised and cleaned up by the next build, without --force and without losing a hand edit', async () => {
    // Built once, then hand edits: a file of a service about to be removed (kept, as "edited by
    // hand"), and a file of the user's own. stack.yaml then changes every generated file.
    const template = tempDir();
    writeFileSync(join(template, 'stack.yaml'), stack('1.0', true));
    expect(runCli(['build'], template).status).toBe(0);
    writeFileSync(join(template, 'deploy/kubernetes/base/deployment-legacy.yaml'), '# hand-tuned\n');
    writeFileSync(join(template, 'NOTES.md'), 'mine\n');
    writeFileSync(join(template, 'stack.yaml'), stack('2.0', false));

    const reference = tempDir();
    cpSync(template, reference, { recursive: true });
    const started = Date.now();
    expect(runCli(['build'], reference).status).toBe(0);
    const duration = Date.now() - started;
    const expected = contents(reference);
    const files = Object.keys(expected).length;
    expect(expected['deploy/kubernetes/base/deployment-legacy.yaml']).toBe('# hand-tuned\n');

    // A fixed seed: the same moments on every run of the suite.
    let seed = 19;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < RUNS; run++) {
      const dir = tempDir();
      cpSync(template, dir, { recursive: true });
      const signal = SIGNALS[run]!;
      // Even runs: any moment of the build; odd runs: while it writes (about 4 changes a file).
      const at = run % 2 === 0 ? { ms: Math.floor(random() * duration) } : { change: 1 + Math.floor(random() * 4 * files) };
      const code = await interruptedBuild(dir, signal, at);
      const what = `run ${run}: ${signal} at ${JSON.stringify(at)}, exit ${code}`;

      const next = runCli(['build'], dir);
      expect(next.status, `${what}\n${next.stderr.split('\n').filter((l) => !/warning|^\s|^$/.test(l)).join('\n')}`).toBe(0);
      expect(contents(dir), what).toEqual(expected); // no temporary file, no lock, no journal, the hand edits intact
    }
  }, 90_000);
});

describe('the journal of an interrupted build', () => {
  const entry = (path: string, sha: string) => ({ path, sha256: sha.repeat(64), target: 'compose' });
  it('counts, file by file, whichever version the disk holds as stackc\'s; anything else stays a hand edit', () => {
    const manifest = { version: 1 as const, files: [entry('compose.yaml', 'a'), entry('compose.production.yaml', 'a'), entry('compose.old.yaml', 'a')] };
    const journal = { temps: [], files: [entry('compose.yaml', 'b'), entry('compose.production.yaml', 'b'), entry('compose.new.yaml', 'b')], previous: manifest.files };
    const disk: Record<string, string> = { 'compose.yaml': 'b'.repeat(64), 'compose.production.yaml': 'c'.repeat(64), 'compose.old.yaml': 'a'.repeat(64), 'compose.new.yaml': 'b'.repeat(64) };
    const recovered = recoverManifest(manifest, journal, (path) => disk[path]);
    expect(Object.fromEntries(recovered.files.map((e) => [e.path, e.sha256[0]]))).toEqual({ 'compose.yaml': 'b', 'compose.production.yaml': 'a', 'compose.old.yaml': 'a', 'compose.new.yaml': 'b' });
  });

  it('is not trusted when it names a temporary file outside the output root or in .git/', () => {
    const journal = (temp: string) => JSON.stringify({ version: 1, temps: [temp], files: [], previous: [] });
    expect(parseJournal(journal('deploy/.stackc-tmp-1-2'))).toBeDefined();
    for (const bad of ['../.stackc-tmp-1', '.git/.stackc-tmp-1', 'stack.yaml', '/tmp/.stackc-tmp-1']) expect(parseJournal(journal(bad)), bad).toBeUndefined();
  });
});
