import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStackText } from '../src/load/load-stack.js';
import { root, runCli, snapshotTree } from './helpers.js';

const examples = readdirSync(`${root}fixtures`, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${root}fixtures/${d.name}/stack.yaml`))
  .map((d) => d.name);

describe('valid example stacks', () => {
  it('ships the examples the README and issues name', () => {
    expect(examples).toEqual(expect.arrayContaining(['fullstack', 'saas', 'minimal', 'design-sketch']));
  });

  for (const name of examples) {
    it(`stackc validate passes on fixtures/${name} and writes nothing`, () => {
      const dir = `${root}fixtures/${name}`;
      const before = snapshotTree(dir);
      const { status, stdout, stderr } = runCli(['validate'], dir);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^stack\.yaml: valid — /);
      expect(status).toBe(0);
      expect(snapshotTree(dir)).toEqual(before);
    });
  }

  const design = `${root}../shared/DESIGN.md`;
  it.runIf(existsSync(design))('the stack.yaml sketch in DESIGN.md validates as written', () => {
    const markdown = readFileSync(design, 'utf8');
    const sketch = /## The stack\.yaml format[\s\S]*?```yaml\n([\s\S]*?)```/.exec(markdown)![1]!;
    const result = loadStackText(sketch, { file: 'DESIGN.md', root: '/project' });
    expect(result.diagnostics).toEqual([]);
    expect(result.stack?.name).toBe('shop');
    // The checked-in copy stays the same as the design's.
    expect(readFileSync(`${root}fixtures/design-sketch/stack.yaml`, 'utf8')).toBe(sketch);
  });
});
