// Golden files: program output checked in as the expected result. One convention for all of them:
// a test renders the output and hands it to expectGolden (or expectGoldenDir for a directory).
// Normally a missing, different or stale golden file fails the test. With STACKC_UPDATE_GOLDEN=1,
// which `npm run golden` sets, the helper first writes what the program produced (only files whose
// content changed) and deletes stale files, so a second run changes nothing. Every golden change is
// read in `git diff` before it is committed.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const UPDATE_VARIABLE = 'STACKC_UPDATE_GOLDEN';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shown = (path: string) => relative(root, path) || path;
const HOW = 'if the change is intended, run `npm run golden` and read `git diff` of the golden files before committing';

/** True while `npm run golden` runs: read at each call, so a test can switch it with vi.stubEnv. */
export const updatingGoldens = (): boolean => process.env[UPDATE_VARIABLE] === '1';

/** Compares `actual` with the golden file at `path` (absolute); when updating, writes it first. */
export function expectGolden(path: string, actual: string): void {
  if (updatingGoldens()) {
    const previous = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (previous !== actual) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, actual);
      console.log(`golden: ${previous === undefined ? 'created' : 'updated'} ${shown(path)}`);
    }
  }
  expect(existsSync(path), `golden file ${shown(path)} is missing: run \`npm run golden\``).toBe(true);
  expect(actual, `output differs from the golden file ${shown(path)} (- golden, + output); ${HOW}`).toBe(readFileSync(path, 'utf8'));
}

/**
 * The golden files under `dir` that `owns` claims (paths relative to `dir`, `/`-separated) must be
 * exactly `names`: when updating, the others are deleted; otherwise they fail the test.
 */
export function expectNoStaleGoldens(dir: string, names: Iterable<string>, owns: (path: string) => boolean = () => true): void {
  const wanted = new Set(names);
  const stale = (existsSync(dir) ? files(dir) : []).filter((p) => owns(p) && !wanted.has(p));
  if (updatingGoldens() && stale.length) {
    for (const p of stale) {
      rmSync(join(dir, p));
      console.log(`golden: deleted ${shown(join(dir, p))}`);
    }
    pruneEmptyDirs(dir);
    return;
  }
  expect(stale, `stale golden files in ${shown(dir)}: nothing produces them any more; ${HOW}`).toEqual([]);
}

/** A directory of golden files that is exactly `expected` (relative path → content), among the files `owns` claims. */
export function expectGoldenDir(dir: string, expected: Map<string, string>, owns?: (path: string) => boolean): void {
  expectNoStaleGoldens(dir, expected.keys(), owns);
  for (const [path, content] of expected) expectGolden(join(dir, path), content);
}

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

function pruneEmptyDirs(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) pruneEmptyDirs(join(dir, e.name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
