// Build goldens: every example stack (fixtures/<name>/stack.yaml) is built in a scratch copy, and
// everything it generates plus what `stackc build` printed must equal fixtures/<name>/expected/.
// `npm run golden` rewrites them (test/support/golden.ts).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from './helpers.js';
import { expectGoldenDir } from './support/golden.js';
import { exampleFixtures, fidelityFixtures } from './support/fixtures.js';

const fixtures = exampleFixtures();
const fidelity = fidelityFixtures();

const walk = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));

/** expected/<path> → content for one fixture, from a real `stackc build` run. */
function renderFixtureBuild(name: string): Map<string, string> {
  const scratch = mkdtempSync(join(tmpdir(), `stackc-golden-${name.replace(/\//g, '-')}-`));
  try {
    cpSync(join(root, 'fixtures', name), scratch, { recursive: true, filter: (src) => !src.includes('/expected') });
    const inputs = new Set(walk(scratch));
    const { status, stdout, stderr } = runCli(['build'], scratch);
    const files = new Map<string, string>();
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

describe('stackc build on the example stacks (golden files in fixtures/<name>/expected)', () => {
  it('builds every example', () => {
    expect(fixtures).toEqual(expect.arrayContaining(['fullstack', 'saas', 'minimal', 'design-sketch', 'plugin-target']));
  });

  for (const name of fixtures) {
    it(name, () => {
      const actual = renderFixtureBuild(name);
      expect(actual.get('build-output.txt')).toContain('[exit 0]');
      expectGoldenDir(join(root, 'fixtures', name, 'expected'), actual);
    });
  }

  // Fidelity fixtures (fixtures/fidelity/README.md): a refused build is a golden too.
  for (const name of fidelity) {
    it(name, () => expectGoldenDir(join(root, 'fixtures', name, 'expected'), renderFixtureBuild(name)));
  }

  it('gives byte-identical output on a second build', () => {
    const a = renderFixtureBuild('fullstack');
    const b = renderFixtureBuild('fullstack');
    expect([...b]).toEqual([...a]);
  });
});
