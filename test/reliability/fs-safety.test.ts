// File-system safety of `stackc build`: all-or-nothing writes, no writing through links or outside
// the output root (checked again at write time), one build at a time, a read-only destination
// reported as bad input. No-clobber, --force and pruning are in test/build.test.ts.
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_PATH, acquireBuildLock } from '../../src/emit/lock.js';
import { planBuild, type Plan } from '../../src/emit/plan.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { renderArtifacts } from '../../src/emit/render.js';
import { applyPlan, diskView, readManifest, writerFs } from '../../src/emit/writer.js';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { loadStackText } from '../../src/load/load-stack.js';
import { root, runCli, snapshotTree, tempDir } from '../helpers.js';

const stack = (replicas: number, extra = '') => `stack: 1
name: shop
environments: { development: {}, production: { domain: shop.example } }
services:
  api:
    image: ghcr.io/acme/api:1.0
    ports: [8000]
    replicas: ${replicas}
    healthcheck: { http: /health }
${extra}resources:
  db: { type: postgres }
targets:
  compose: {}
  kubernetes: {}
`;
const WITH_WORKER = '  worker:\n    image: ghcr.io/acme/worker:1.0\n';

/** What `stackc build` does, in-process: load, render, plan against the disk. */
function plan(dir: string, text: string, force = false): Plan {
  const loaded = loadStackText(text, { file: 'stack.yaml', root: dir });
  if (!loaded.stack) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const { artifacts, rendered } = renderArtifacts(resolveDeployment(loaded.stack).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' });
  return planBuild(artifacts, readManifest(dir)!, diskView(dir), { force, rendered, complete: true });
}

/** Every file under dir with its content (not mtimes: a restored file is rewritten). */
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

const original = { ...writerFs };
afterEach(() => Object.assign(writerFs, original));

/** Makes the nth call (1-based) of one writer operation fail with an errno code. */
function failOn(op: 'writeFileSync' | 'renameSync' | 'mkdirSync', nth: number, code = 'EIO'): void {
  let calls = 0;
  const real = original[op] as (...args: unknown[]) => unknown;
  (writerFs as Record<string, unknown>)[op] = (...args: unknown[]) => {
    if (++calls === nth) throw Object.assign(new Error(`${code}: simulated failure, ${op}`), { code });
    return real(...args);
  };
}

describe('atomic builds', () => {
  // The second build below updates 4 files, creates 2 and rewrites the manifest (7 writes, 7
  // renames): fail the first, one in the middle, and the manifest's (the last).
  for (const [op, nth] of [['writeFileSync', 1], ['writeFileSync', 4], ['writeFileSync', 7], ['renameSync', 1], ['renameSync', 4], ['renameSync', 7], ['mkdirSync', 3]] as const) {
    it(`a failure in the middle of a build (${op} #${nth}) leaves the previous files exactly as they were`, () => {
      const dir = tempDir();
      applyPlan(dir, plan(dir, stack(1)));
      const before = contents(dir);
      const next = plan(dir, stack(3, WITH_WORKER));
      expect(next.actions.filter((a) => a.kind === 'update').length).toBe(4);
      expect(next.actions.filter((a) => a.kind === 'create').length).toBe(2);

      failOn(op, nth);
      expect(() => applyPlan(dir, next)).toThrow(/simulated failure/);
      expect(contents(dir)).toEqual(before); // no half-updated file, no new file, no temp file, same manifest
      expect(existsSync(join(dir, LOCK_PATH))).toBe(false); // the lock is released on failure too

      Object.assign(writerFs, original);
      applyPlan(dir, next); // and the same build then succeeds
      expect(contents(dir)['compose.yaml']).toContain('worker:');
    });
  }

  it('a read-only destination is bad input (exit 2 in the CLI) with a clear message, and nothing changes', () => {
    const dir = tempDir();
    applyPlan(dir, plan(dir, stack(1)));
    const before = contents(dir);
    failOn('writeFileSync', 2, 'EROFS');
    const error = (() => {
      try {
        applyPlan(dir, plan(dir, stack(2)));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^cannot write .+: the file system is read-only \(EROFS\); no generated file was changed$/);
    expect((error as UserError).diagnostics[0]!.hint).toContain('--out');
    expect(contents(dir)).toEqual(before);
  });

  it('stackc build into a directory it cannot write exits 2 with the reason, no stack trace', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), stack(1));
    // As root, permissions do not stop writes; /sys refuses them (EPERM) in any container.
    const out = process.getuid?.() === 0 ? '/sys/stackc-reliability-test' : join(dir, 'ro');
    if (out !== '/sys/stackc-reliability-test') {
      mkdirSync(out, { mode: 0o555 });
    } else {
      const probe = spawnSync('mkdir', [out]);
      if (probe.status === 0) {
        rmSync(out, { recursive: true });
        return; // a writable /sys: nothing read-only to test against here
      }
    }
    const r = runCli(['build', '--out', out], dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot write .+: (operation not permitted|permission denied|the file system is read-only)/);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});

describe('never through a link, never outside the root: checked again at write time', () => {
  it('a directory swapped for a symbolic link after planning is refused, and nothing is written through it', () => {
    const dir = tempDir();
    const outside = tempDir();
    const p = plan(dir, stack(1));
    symlinkSync(outside, join(dir, 'deploy'));
    expect(() => applyPlan(dir, p)).toThrow(/^refusing to write `deploy\/kubernetes\/[^`]+`: `deploy` is a symbolic link; stackc does not write through links$/);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['deploy']); // the link itself, nothing beside it
  });

  it('a plan with a path that leaves the root is refused before anything is written', () => {
    const dir = join(tempDir(), 'project');
    mkdirSync(dir);
    const p = plan(dir, stack(1));
    const evil: Plan = { ...p, actions: [...p.actions, { kind: 'create', artifact: { path: '../escape.txt', target: 'compose', content: 'x\n' } }] };
    expect(() => applyPlan(dir, evil)).toThrow('refusing to write `../escape.txt`: its path leaves the output directory');
    expect(existsSync(join(dir, '..', 'escape.txt'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file that appeared between planning and writing is not overwritten', () => {
    const dir = tempDir();
    const p = plan(dir, stack(1));
    writeFileSync(join(dir, 'compose.yaml'), 'services: {} # written by someone else meanwhile\n');
    expect(() => applyPlan(dir, p)).toThrow('`compose.yaml` appeared while this build was planning');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe('services: {} # written by someone else meanwhile\n');
  });
});

describe('one build at a time', () => {
  it('a build finds the lock held by a live process: exit 2, a clear message, nothing written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), stack(1));
    mkdirSync(join(dir, '.stackc'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, LOCK_PATH), JSON.stringify({ pid: holder.pid, host: hostname() }));
      const before = snapshotTree(dir);
      const r = runCli(['build'], dir);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`another \`stackc build\` (pid ${holder.pid}) is writing to this directory`);
      expect(r.stderr).toContain('if no build is running, delete');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshotTree(dir)).toEqual(before);
    } finally {
      holder.kill();
    }
  });

  it('a stale lock (its process is gone) is taken over, and released after the build', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), stack(1));
    mkdirSync(join(dir, '.stackc'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, LOCK_PATH), JSON.stringify({ pid: Number(dead), host: hostname() }));
    const r = runCli(['build'], dir);
    expect(r.stderr).not.toContain('another `stackc build`');
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, LOCK_PATH))).toBe(false);
    expect(existsSync(join(dir, 'compose.yaml'))).toBe(true);
  });

  it('the lock appears with its owner written in it, and leaves nothing else in .stackc/', () => {
    // Created empty and written after, a SIGKILL between the two left an empty lock that named no
    // process to check, and every later build stopped on it.
    const dir = tempDir();
    const release = acquireBuildLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_PATH), 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
    expect(readdirSync(join(dir, '.stackc'))).toEqual(['build.lock']);
    release();
    expect(existsSync(join(dir, '.stackc'))).toBe(false);
  });

  it('what a build killed while taking the lock left is removed by the next build', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), stack(1));
    mkdirSync(join(dir, '.stackc'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, `.stackc/build.lock.${encodeURIComponent(hostname())}.${dead}`), JSON.stringify({ pid: Number(dead), host: hostname() }));
    expect(runCli(['build'], dir).status).toBe(0);
    expect(readdirSync(join(dir, '.stackc')).filter((f) => f.startsWith('build.lock'))).toEqual([]);
  });

  it('in-process: applyPlan refuses while another holder has the lock, and works once it is released', () => {
    const dir = tempDir();
    const release = acquireBuildLock(dir);
    // The lock is ours (same pid), as a concurrent build in this process would see it: still refused.
    expect(() => applyPlan(dir, plan(dir, stack(1)))).toThrow(/another `stackc build` \(pid \d+\) is writing to this directory/);
    release();
    expect(applyPlan(dir, plan(dir, stack(1))).written.length).toBeGreaterThan(0);
  });

  it('concurrent builds of one project never interleave: each succeeds or stops on the lock, and the result is one whole build', async () => {
    const dir = tempDir();
    // Many files, so the write phases are long enough to overlap.
    const services = Array.from({ length: 40 }, (_, i) => `  s${i}:\n    image: ghcr.io/acme/s${i}:1.0\n    ports: [${8000 + i}]\n`).join('');
    writeFileSync(join(dir, 'stack.yaml'), `stack: 1\nname: shop\nenvironments: { development: {}, staging: {}, production: {} }\nservices:\n${services}targets:\n  compose: {}\n  kubernetes: {}\n`);
    const run = () =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(root, 'bin/stackc.cjs'), 'build'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const results = await Promise.all(Array.from({ length: 4 }, run));
    for (const r of results) {
      expect([0, 2], r.stderr).toContain(r.status);
      if (r.status === 2) expect(r.stderr).toMatch(/another `stackc build`|appeared while this build was planning/);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    }
    expect(results.some((r) => r.status === 0)).toBe(true);
    // Whatever happened, the tree is one consistent build: the manifest matches every file, no leftovers.
    expect(existsSync(join(dir, LOCK_PATH))).toBe(false);
    expect(runCli(['build', '--check'], dir).status).toBe(0);
    expect(Object.keys(contents(dir)).filter((p) => p.includes('.stackc-tmp-'))).toEqual([]);
  });
});
