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
