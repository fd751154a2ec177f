// `stackc import`: turns compose files into a commented stack.yaml. Bad input exits 2 and writes
// nothing; an import that left something out exits 1 (each omission is listed with its position).
import { writeFileSync } from 'node:fs';
import { prepareNewStackFile } from '../new-stack-file.js';
import { dirname, relative, resolve } from 'node:path';
import { userError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { importCompose } from '../../import/index.js';
import { formatNote } from '../../import/notes.js';
import { defaultComposeFiles } from '../../import/read.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, type Output } from '../output.js';
import { packageRoot } from '../package-root.js';
import { workingDirectory, type GlobalOptions } from '../stack-file.js';
import { schemaReference } from './init.js';
import { plural } from '../../vocabulary/plural.js';

export interface ImportOptions extends GlobalOptions {
  /** Compose files in `-f` order; default: what `docker compose` reads in the working directory. */
  files: string[];
  /** Where to write stack.yaml (default: stack.yaml in the working directory). */
  output?: string;
  force?: boolean;
  /** The env file for interpolation (default: .env next to the first compose file). */
  envFile?: string;
}

export async function runImport(opts: ImportOptions, output: Output): Promise<number> {
  const cwd = workingDirectory(opts);
  const files = opts.files.length > 0 ? opts.files : defaultComposeFiles(cwd);
  if (files.length === 0) {
    throw userError(`no compose file in ${cwd}`, 'name it: `stackc import docker-compose.yml` (looked for compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml)');
  }
  const target = resolve(cwd, opts.output ?? opts.file ?? 'stack.yaml');
  const shown = relative(process.cwd(), target) || target;
  prepareNewStackFile(target, shown, cwd, opts.force ?? false, 'import');
  const schemaRef = schemaReference(dirname(target), packageRoot());
  const result = importCompose({ files, cwd, output: target, ...(opts.envFile ? { envFile: opts.envFile } : {}), processEnv: process.env, schemaRef });
  if (result.errors.length > 0 || !result.text) {
    // Code frames show the compose file (printDiagnostics masks secret-looking values in them).
    const sources = new Map(result.files.map((f) => [f.file, f.text]));
    for (const e of result.errors) if (e.at && !sources.has(e.at.file)) sources.set(e.at.file, '');
    printDiagnostics(output, result.errors as Diagnostic[], sources);
    return EXIT.badInput;
  }
  writeFileSync(target, result.text, { flag: opts.force ? 'w' : 'wx' });
  for (const n of result.notes) output.err(formatNote(n));
  const warnings = result.notes.filter((n) => n.severity === 'warning').length;
  const lines = [`wrote ${shown} (${plural([...result.names.values()].filter((n) => !n.resource).length, 'service')}, ${plural([...result.names.values()].filter((n) => n.resource).length, 'resource')}) from ${files.join(', ')}`];
  if (result.secrets.length > 0) {
    const names = [...new Set(result.secrets.map((s) => s.name))];
    lines.push(`secrets (values not copied; set them in .env or your platform's store): ${names.join(', ')}`);
  }
  lines.push(warnings > 0 ? `${warnings} setting${warnings === 1 ? ' was' : 's were'} not carried over (listed above)` : 'everything was carried over');
  lines.push('next: review it, then run `stackc validate` and `stackc build --target compose`');
  output.out(lines.join('\n'));
  return warnings > 0 ? EXIT.findings : EXIT.ok;
}
