// Golden outputs: what `stackc validate` prints for each stack in fixtures/invalid/. Shared by
// `npm run golden` (writes them) and test/invalid-fixtures.test.ts (compares).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const invalidDir = `${root}fixtures/invalid`;

export const invalidCases = () =>
  readdirSync(invalidDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();

/** Runs the bundled CLI the way a user would, without colour, and returns what they would see. */
export function runCli(args, cwd = root, env = {}) {
  const result = spawnSync(process.execPath, [`${root}bin/stackc.js`, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function renderInvalidCase(name) {
  const { status, stdout, stderr } = runCli(['validate', '-f', `${name}.yaml`], invalidDir);
  return `$ stackc validate -f ${name}.yaml\n${stdout}${stderr}\n[exit ${status}]\n`;
}

// ---------------------------------------------------------------------------------------------
// Build goldens: every example stack is built in a scratch copy, and everything it generates plus
// what `stackc build` printed lands in fixtures/<name>/expected/.

import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readdirSync as list } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const buildFixtures = () =>
  list(`${root}fixtures`, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'invalid')
    .map((d) => d.name)
    .filter((name) => {
      try {
        return statSync(`${root}fixtures/${name}/stack.yaml`).isFile();
      } catch {
        return false;
      }
    })
    .sort();

const walk = (dir, prefix = '') =>
  list(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));

/** Map of expected/<path> → content for one fixture, from a real `stackc build` run. */
export function renderFixtureBuild(name) {
  const scratch = mkdtempSync(join(tmpdir(), `stackc-golden-${name}-`));
  try {
    cpSync(`${root}fixtures/${name}`, scratch, { recursive: true, filter: (src) => !src.includes('/expected') });
    const inputs = new Set(walk(scratch));
    const { status, stdout, stderr } = runCli(['build'], scratch);
    const files = new Map();
    files.set('build-output.txt', `$ stackc build\n${stdout}${stderr}\n[exit ${status}]\n`);
    for (const path of walk(scratch)) {
      if (inputs.has(path) || path.startsWith('.stackc/')) continue;
      files.set(path, readFileSync(join(scratch, path), 'utf8'));
    }
    return files;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const expectedDir = (name) => `${root}fixtures/${name}/expected`;

/** The expected/ directory as it is checked in. */
export function readExpected(name) {
  const dir = expectedDir(name);
  const files = new Map();
  try {
    for (const path of walk(dir)) files.set(path, readFileSync(join(dir, path), 'utf8'));
  } catch {}
  return files;
}
