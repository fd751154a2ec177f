import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { userError } from '../../diagnostics/diagnostic.js';
import { DNS_LABEL } from '../../model/dns-label.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { prepareNewStackFile } from '../new-stack-file.js';
import { packageRoot } from '../package-root.js';
import { workingDirectory, type GlobalOptions } from '../stack-file.js';
import { stackNameFrom, starterStack } from './init-template.js';

export interface InitOptions extends GlobalOptions {
  name?: string;
  force?: boolean;
}

/**
 * Where editors find the schema: the copy in the project's node_modules when stackc is installed
 * there, else the path of this installation's copy relative to the project.
 */
export function schemaReference(projectDir: string, packageRoot: string): string {
  const local = resolve(projectDir, 'node_modules', 'stackc', 'schema', 'stack.schema.json');
  if (existsSync(local)) return './node_modules/stackc/schema/stack.schema.json';
  const path = relative(projectDir, resolve(packageRoot, 'schema', 'stack.schema.json')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

export function runInit(opts: InitOptions, output: Output): number {
  const cwd = workingDirectory(opts);
  const file = resolve(cwd, opts.file ?? 'stack.yaml');
  const shown = relative(process.cwd(), file) || file;
  const name = opts.name ?? stackNameFrom(basename(cwd));
  if (!DNS_LABEL.test(name) || name.length > 63) {
    throw userError(`\`${name}\` is not a valid stack name`, 'use lower-case letters, digits and `-` (a DNS label), e.g. `--name my-app`');
  }
  prepareNewStackFile(file, shown, cwd, opts.force ?? false, 'init');
  writeFileSync(file, starterStack(name, schemaReference(dirname(file), packageRoot())), { flag: opts.force ? 'w' : 'wx' });
  output.out(`wrote ${shown}\nnext: edit it, then run \`stackc validate\``);
  return EXIT.ok;
}
