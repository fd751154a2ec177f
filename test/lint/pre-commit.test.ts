// .pre-commit-hooks.yaml is valid for the pre-commit framework and its hooks call real commands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from '../helpers.js';
import { preCommitHooksProblems } from '../platform-schemas.js';

const hooks = parse(readFileSync(`${root}/.pre-commit-hooks.yaml`, 'utf8')) as { id: string; entry: string; files: string }[];

describe('.pre-commit-hooks.yaml', () => {
  it('validates against SchemaStore\'s pre-commit hooks schema', () => {
    expect(preCommitHooksProblems(hooks)).toEqual([]);
    expect(hooks.map((h) => h.id)).toEqual(['stackc-lint', 'stackc-build-check']);
  });

  it('runs on the files the rules read, and not on unrelated ones', () => {
    const lint = new RegExp(hooks[0]!.files);
    for (const f of ['stack.yaml', 'deploy/stack.yml', 'backend/Dockerfile', 'Dockerfile.dev', '.env', 'apps/api/.env.local', '.gitignore', 'certs/server.key', 'id_rsa']) expect(lint.test(f), f).toBe(true);
    for (const f of ['src/app.ts', 'README.md', 'stack.yaml.bak', 'docs/stack.md']) expect(lint.test(f), f).toBe(false);
  });

  it('each entry is a stackc command that exists', () => {
    const main = readFileSync(`${root}/src/cli/main.ts`, 'utf8');
    for (const h of hooks) {
      const [bin, command] = h.entry.split(' ');
      expect(bin).toBe('stackc');
      expect(main).toContain(`.command('${command}')`);
    }
  });
});
