// Each broken stack in fixtures/invalid/ fails `stackc validate` with the diagnostic it exists for,
// and its whole output is the golden file <name>.expected.txt (`npm run golden` rewrites them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, snapshotTree } from './helpers.js';
import { expectGolden, expectNoStaleGoldens } from './support/golden.js';

const invalidDir = join(root, 'fixtures/invalid');
const cases = readdirSync(invalidDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

/** What `stackc validate` prints for one case, as a user would see it. */
function renderInvalidCase(name: string): string {
  const { status, stdout, stderr } = runCli(['validate', '-f', `${name}.yaml`], invalidDir);
  return `$ stackc validate -f ${name}.yaml\n${stdout}${stderr}\n[exit ${status}]\n`;
}

describe('stackc validate on fixtures/invalid', () => {
  it('has cases to check', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(`${invalidDir}/${name}.yaml`, 'utf8');
      // Each case says which diagnostic it exists for; the golden file shows all of the output.
      const expectation = /^# expect: ([a-z-]+) @ (\d+)$/m.exec(text);
      expect(expectation, `${name}.yaml needs a "# expect: <code> @ <line>" comment`).not.toBeNull();
      const [, code, line] = expectation!;

      const before = snapshotTree(invalidDir);
      const output = renderInvalidCase(name);
      expect(snapshotTree(invalidDir)).toEqual(before); // nothing written

      expect(output).toContain('[exit 2]');
      expect(output).toMatch(new RegExp(`^${name}\\.yaml:${line}:\\d+: error: .* \\[${code}\\]$`, 'm'));
      expect(output).toMatch(/^ {2}hint: /m);
      expect(output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
      expectGolden(join(invalidDir, `${name}.expected.txt`), output);
    });
  }

  it('has no golden file without its case', () => {
    expectNoStaleGoldens(invalidDir, cases.map((name) => `${name}.expected.txt`), (f) => f.endsWith('.expected.txt'));
  });
});
