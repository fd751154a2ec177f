import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { publishedSchemaUrl, type PackageJson } from '../published-schema.js';
import { STACK_FILE_NAMES } from '../../load/load-stack.js';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
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
 * Where editors find the schema: the copy in the project's node_modules (this directory's or an
 * ancestor's, for workspaces) when stackc is installed there, else the schema published with this
 * version. Never a path into wherever this stackc happens to be installed (a global or npx cache):
 * that path is meaningless on a teammate's machine.
 */
export function schemaReference(projectDir: string, packageRoot: string): string {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    const local = resolve(dir, 'node_modules', 'stackc', 'schema', 'stack.schema.json');
    if (existsSync(local)) {
      const path = relative(projectDir, local).split(sep).join('/');
      return path.startsWith('.') ? path : `./${path}`;
    }
    if (dirname(dir) === dir) return publishedSchemaUrl(JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as PackageJson);
  }
}

export function runInit(opts: InitOptions, output: Output): number {
  const cwd = workingDirectory(opts);
  const file = resolve(cwd, opts.file ?? 'stack.yaml');
  const shown = relative(process.cwd(), file) || file;
  const name = opts.name ?? stackNameFrom(basename(cwd));
  if (!DNS_LABEL.test(name) || name.length > 63) {
    throw userError(`\`${name}\` is not a valid stack name`, 'use lower-case letters, digits and `-` (a DNS label), e.g. `--name my-app`');
  }
  refuseSiblingStackFile(file);
  prepareNewStackFile(file, shown, cwd, opts.force ?? false, 'init');
  writeFileSync(file, starterStack(name, schemaReference(dirname(file), packageRoot())), { flag: opts.force ? 'w' : 'wx' });
  // The starter builds `./api`; validate checks that it exists, so say so up front.
  const api = existsSync(resolve(dirname(file), 'api')) ? '' : ' (`build: ./api` names the directory with the Dockerfile: create it or change the path)';
  output.out(`wrote ${shown}\nnext: edit it${api}, then run \`stackc validate\``);
  return EXIT.ok;
}

/**
 * A second stack file beside an existing one (stack.yaml next to stack.yml) would silently win or
 * lose: commands read the first of STACK_FILE_NAMES. `--force` replaces the named file only, so
 * it does not lift this.
 */
function refuseSiblingStackFile(file: string): void {
  if (!STACK_FILE_NAMES.includes(basename(file))) return;
  const sibling = STACK_FILE_NAMES.find((name) => name !== basename(file) && existsSync(resolve(dirname(file), name)));
  if (sibling === undefined) return;
  const shown = relative(process.cwd(), resolve(dirname(file), sibling)) || sibling;
  throw userError(`${shown} already exists: this directory has a stack file`, `edit ${shown} (stackc reads it), or remove it before \`stackc init\`; \`-f <dir>/stack.yaml\` starts a stack elsewhere`);
}
