// An imported stack lints with the findings its compose project deserves, and no more: each
// corpus project's findings are a reviewed golden (expected/lint.txt). `npm run golden` rewrites
// them (test/support/golden.ts); read the diff before committing.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tempDir } from '../helpers.js';
import { lintDir } from '../lint/harness.js';
import { expectGolden } from '../support/golden.js';
import { corpusProjects, importProject } from './corpus.js';

const corpus = join(root, 'fixtures/import');

describe.each(corpusProjects(corpus))('stackc lint on the imported %s', (name) => {
  it('reports what the original deserves (expected/lint.txt)', async () => {
    const { result } = importProject(join(corpus, name));
    expect(result.text, 'the import writes a stack').toBeDefined();
    const dir = join(tempDir(), name);
    cpSync(join(corpus, name), dir, { recursive: true, filter: (src) => !src.includes('/expected') });
    writeFileSync(join(dir, 'stack.yaml'), result.text!);
    // The corpus keeps the compose files, not the applications' source: build contexts are missing by design.
    const lint = await lintDir(dir, { levels: { 'build-files-exist': 'off' } });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = `${lint.findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.severity} ${f.ruleId}: ${f.message}`).join('\n')}\n`;
    expectGolden(join(corpus, name, 'expected/lint.txt'), text);
  });
});
