import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM helper shared with `npm run golden`
import { buildFixtures, readExpected, renderFixtureBuild } from '../scripts/golden-lib.mjs';

const fixtures = (buildFixtures as () => string[])();

describe('stackc build on the example stacks (golden files in fixtures/<name>/expected)', () => {
  it('builds every example', () => {
    expect(fixtures).toEqual(expect.arrayContaining(['fullstack', 'saas', 'minimal', 'design-sketch', 'plugin-target']));
  });

  for (const name of fixtures) {
    it(name, () => {
      const actual = (renderFixtureBuild as (n: string) => Map<string, string>)(name);
      const expected = (readExpected as (n: string) => Map<string, string>)(name);
      expect(actual.get('build-output.txt')).toContain('[exit 0]');
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [path, content] of actual) expect(content, `fixtures/${name}/expected/${path}`).toBe(expected.get(path));
    });
  }

  it('gives byte-identical output on a second build', () => {
    const a = (renderFixtureBuild as (n: string) => Map<string, string>)('fullstack');
    const b = (renderFixtureBuild as (n: string) => Map<string, string>)('fullstack');
    expect([...b]).toEqual([...a]);
  });
});
