import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM helper shared with `npm run golden`
import { invalidCases, invalidDir, renderInvalidCase } from '../scripts/golden-lib.mjs';
import { snapshotTree } from './helpers.js';

const cases = (invalidCases as () => string[])();

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
      const output = (renderInvalidCase as (n: string) => string)(name);
      expect(snapshotTree(invalidDir)).toEqual(before); // nothing written

      expect(output).toContain('[exit 2]');
      expect(output).toMatch(new RegExp(`^${name}\\.yaml:${line}:\\d+: error: .* \\[${code}\\]$`, 'm'));
      expect(output).toMatch(/^ {2}hint: /m);
      expect(output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
      expect(output).toBe(readFileSync(`${invalidDir}/${name}.expected.txt`, 'utf8'));
    });
  }
});
