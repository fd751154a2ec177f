// The import corpus (fixtures/import/<name>/): what `stackc import` produces for each project,
// rendered in-process. Test code, shared by the import tests; the round-trip test owns the goldens
// expected/stack.yaml and expected/import-output.txt, the lint test expected/lint.txt.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCompose, type ImportResult } from '../../src/import/index.js';
import { formatNote } from '../../src/import/notes.js';
import { defaultComposeFiles } from '../../src/import/read.js';

/** The `$schema` line of the goldens (a fixed reference, so they do not depend on where they are rendered). */
export const GOLDEN_SCHEMA_REF = './node_modules/stackc/schema/stack.schema.json';

export const corpusProjects = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'SOURCE')))
    .map((d) => d.name)
    .sort();

/** The files `stackc import` is given for a project: its ARGS file, or what Compose would read. */
export function corpusFiles(projectDir: string): string[] {
  const args = join(projectDir, 'ARGS');
  return existsSync(args) ? readFileSync(args, 'utf8').trim().split(/\s+/) : defaultComposeFiles(projectDir);
}

export function importProject(projectDir: string): { files: string[]; result: ImportResult } {
  const files = corpusFiles(projectDir);
  const result = importCompose({ files, cwd: projectDir, output: join(projectDir, 'stack.yaml'), processEnv: {}, schemaRef: GOLDEN_SCHEMA_REF });
  return { files, result };
}

/** expected/stack.yaml and expected/import-output.txt of a project. */
export function renderGolden(projectDir: string): Map<string, string> {
  const { files, result } = importProject(projectDir);
  const out = new Map<string, string>();
  if (result.text) out.set('stack.yaml', result.text);
  const warnings = result.notes.filter((n) => n.severity === 'warning').length;
  const report = [
    `$ stackc import ${files.join(' ')}`,
    ...result.errors.map((e) => `${e.at ? `${e.at.file}:${e.at.line}:${e.at.col} ` : ''}error: ${e.message}`),
    ...result.notes.map(formatNote),
    `secrets: ${[...new Set(result.secrets.map((s) => `${s.service}.${s.name}`))].join(', ') || 'none'}`,
    `[exit ${result.errors.length > 0 ? 2 : warnings > 0 ? 1 : 0}]`,
  ];
  out.set('import-output.txt', `${report.join('\n')}\n`);
  return out;
}
