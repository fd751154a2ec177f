// Where `init` and `import` may write the stack file they create: never onto a directory, never
// through a symbolic link (it would write wherever the link points), never over an existing file
// without `--force`. A missing directory inside the working directory is created (`init -f
// deploy/stack.yaml` is the documented monorepo layout); one outside it must exist already.
import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { userError } from '../diagnostics/diagnostic.js';

/**
 * Checks `target` and creates its directory when that is safe; throws a user error otherwise.
 * @param shown the path as the user sees it, for messages
 * @param command `init` or `import`, for the hints
 */
export function prepareNewStackFile(target: string, shown: string, cwd: string, force: boolean, command: 'init' | 'import'): void {
  const stats = lstatOrUndefined(target);
  const elsewhere = command === 'import' ? ', or `-o <file>` to write elsewhere' : ', or `-f <file>` to write elsewhere';
  if (stats?.isDirectory()) throw userError(`${shown} is a directory`, `name the file to write, e.g. \`${shown.replace(/\/+$/, '')}/stack.yaml\``);
  if (stats?.isSymbolicLink()) throw userError(`${shown} is a symbolic link; stackc ${command} does not write through links`, `remove the link first${elsewhere}`);
  if (stats && !force) throw userError(`${shown} already exists`, `stackc ${command} never overwrites a file; pass \`--force\` to replace it${elsewhere}`);
  const directory = dirname(target);
  if (existsSync(directory)) return;
  const inside = relative(cwd, directory);
  if (inside.startsWith('..') || isAbsolute(inside)) throw userError(`the directory of ${shown} does not exist`, `create it first${elsewhere}`);
  mkdirSync(directory, { recursive: true });
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
