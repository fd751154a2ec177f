// Every rule has a project it must report on (fixtures/lint/<rule>/bad, with the expected findings
// listed in its EXPECTED file as `file:line`) and one it must accept (…/good).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/catalog/index.js';
import { root } from '../helpers.js';
import { copyFixture, lintDir, where, type ProjectOptions } from './harness.js';

const FIXTURES = join(root, 'fixtures/lint');

function projectOptions(dir: string): ProjectOptions {
  const file = join(dir, 'lint-fixture.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProjectOptions) : {};
}

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  const levels = rule.meta.severity === 'off' ? { [id]: 'warn' as const } : {};

  it('reports every planted problem at its line', async () => {
    const dir = join(FIXTURES, id, 'bad');
    expect(existsSync(dir), `missing fixture ${dir}`).toBe(true);
    const expected = readFileSync(join(dir, 'EXPECTED'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const project = copyFixture(dir, projectOptions(dir));
    const result = await lintDir(project, { levels });
    expect(where(result, id).map((w) => w.replace(` ${id}`, '')).sort()).toEqual(expected.sort());
    for (const f of result.findings.filter((x) => x.ruleId === id)) {
      const text = result.sources.get(f.file);
      expect(text, `${f.file} is readable`).toBeDefined();
      const lines = text!.split(/\r?\n/);
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(lines.length);
      expect(f.col).toBeLessThanOrEqual(lines[f.line - 1]!.length + 1);
    }
  });

  it('accepts the good project', async () => {
    const dir = join(FIXTURES, id, 'good');
    expect(existsSync(dir), `missing fixture ${dir}`).toBe(true);
    const project = copyFixture(dir, projectOptions(dir));
    const result = await lintDir(project, { levels });
    expect(where(result, id)).toEqual([]);
  });
});
