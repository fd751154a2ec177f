import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStackText } from '../src/load/load-stack.js';
import type { Stack } from '../src/model/stack.js';

export const root = new URL('..', import.meta.url).pathname;

/** Runs the bundled CLI the way a user would, without colour, and returns what they would see. */
export function runCli(args: string[], cwd: string = root, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [`${root}bin/stackc.cjs`, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'stackc-test-'));

/** Loads a stack from text, failing the test with the diagnostics if it does not load. */
export function loadOk(text: string): Stack {
  const result = loadStackText(text, { file: 'stack.yaml', root: '/project' });
  if (!result.stack) throw new Error(`expected the stack to load:\n${result.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.message}`).join('\n')}`);
  return result.stack;
}

export const loadDiagnostics = (text: string) => loadStackText(text, { file: 'stack.yaml', root: '/project' }).diagnostics;

/** Every file below a directory with its size and mtime, to show a command wrote nothing. */
export function snapshotTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(`${p} ${statSync(p).size} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

/** A minimal valid stack with extra YAML appended under `services.api` or at the top level. */
export const stackYaml = (body: string): string => `stack: 1\nname: shop\n${body}`;
