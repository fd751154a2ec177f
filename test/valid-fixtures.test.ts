import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
});
