import { existsSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { userError } from '../diagnostics/diagnostic.js';
import { loadStack, type LoadedStack } from '../api/load.js';
import { STACK_FILE_NAMES } from '../load/load-stack.js';
import { EXIT } from './exit-codes.js';
import { printDiagnostics, type Output } from './output.js';

export interface GlobalOptions {
  file?: string;
  cwd?: string;
  color?: boolean;
}

/** The working directory after `-C`, which must be an existing directory (`-C stack.yaml` is a common slip for `-f`). */
export function workingDirectory(opts: GlobalOptions): string {
  const cwd = resolve(process.cwd(), opts.cwd ?? '.');
  if (!existsSync(cwd)) throw userError(`directory ${opts.cwd} does not exist`, '`-C <dir>` takes an existing directory');
  if (!statSync(cwd).isDirectory()) {
    const folder = relative(process.cwd(), dirname(cwd)) || '.';
    throw userError(`-C ${opts.cwd} is a file, not a directory`, `\`-C\` takes the directory to run in; name a stack file with \`-f\`: \`-f ${opts.cwd}\`${folder === '.' ? '' : `, or \`-C ${folder} -f ${basename(cwd)}\``}`);
  }
  return cwd;
}

/** `-f` as given, else the first of stack.yaml / stack.yml in the working directory. */
export function stackFilePath(opts: GlobalOptions, cwd: string): string {
  if (opts.file) return opts.file;
  const found = STACK_FILE_NAMES.find((name) => existsSync(resolve(cwd, name)));
  if (!found) throw userError(`no stack.yaml in ${cwd}`, 'create one with `stackc init`, or name it with `-f <file>`');
  return found;
}

export interface LoadedForCommand extends LoadedStack {
  cwd: string;
  /** The stack file as the user named it (or found), relative to `cwd`. */
  path: string;
}

/** Finds and loads the stack file (through the library's `loadStack`); on errors prints them and returns exit code 2. */
export function loadForCommand(opts: GlobalOptions, output: Output): LoadedForCommand | number {
  const cwd = workingDirectory(opts);
  const path = stackFilePath(opts, cwd);
  const loaded = loadStack(path, { cwd });
  if (!loaded.ok) {
    printDiagnostics(output, loaded.diagnostics, loaded.sources);
    return EXIT.badInput;
  }
  return { ...loaded, cwd, path };
}
