// An imported stack lints with the findings its compose project deserves, and no more: each
// corpus project's findings are a reviewed golden (expected/lint.txt). `npm run golden` rewrites
// them (STACKC_UPDATE_GOLDEN=1); read the diff before committing.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusProjects, importProject } from '../../src/import/golden.js';
import { root, tempDir } from '../helpers.js';
import { lintDir } from '../lint/harness.js';

const corpus = join(root, 'fixtures/import');
const update = process.env.STACKC_UPDATE_GOLDEN === '1';

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
    const golden = join(corpus, name, 'expected/lint.txt');
    if (update) writeFileSync(golden, text);
    expect(existsSync(golden), `${golden} is missing: run npm run golden`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
