// One guard for every file a command writes: `lint -o`, `lint --update-baseline --baseline`,
// `graph -o` and every file `build` generates. A user names a report file anywhere (like a shell
// redirection), but never over the stack file, a generated file, stackc's own state in .stackc/, or
// inside .git/ (a written hook runs code); and never onto a directory or through a link.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { JOURNAL_PATH } from './journal.js';
import { LOCK_PATH } from './lock.js';
import { MANIFEST_PATH, type Manifest } from './manifest.js';
import { protectedPathProblem } from './protected-paths.js';

export interface GuardContext {
  /** Absolute path of the stack file. */
  stackPath: string;
  /** Absolute output root: where .stackc/ and the generated files are. */
  root: string;
  /** The manifest of `root` (the generated files); `undefined` when there is none or it is unreadable. */
  manifest?: Manifest;
}

export interface GuardProblem {
  /** Completes "<file> ...": `is the stack file`. */
  why: string;
  hint: string;
}

const STATE_FILES = [MANIFEST_PATH, LOCK_PATH, JOURNAL_PATH];

/** The path as the file system resolves it (through links in its directories), when its directory exists. */
function real(file: string): string {
  try {
    return join(realpathSync(dirname(file)), basename(file));
  } catch {
    return file;
  }
}

/** `file` relative to `root`, `/`-separated, or `undefined` when it is outside. */
function inside(root: string, file: string): string | undefined {
  const rel = relative(real(root), real(file));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
}

/**
 * Why a command must not write `file` (absolute), or `undefined`. `generated: true` is the build
 * writing one of its own files, which may replace a generated file (links and directories in the
 * way are the planner's to report, with the others).
 */
export function outputPathProblem(file: string, context: GuardContext, options: { generated?: boolean } = {}): GuardProblem | undefined {
  const path = real(file);
  const protectedWhy = path === real(context.stackPath) ? 'is the stack file' : protectedPathProblem(path.split(sep).join('/'), '');
  if (protectedWhy === 'is inside .git/') return { why: protectedWhy, hint: 'git runs and reads what is there (hooks, HEAD, config): name a file outside .git/' };
  if (protectedWhy) return { why: protectedWhy, hint: 'the stack file is the source every generated file comes from: name another file' };
  if (options.generated) return undefined;

  let stats;
  try {
    stats = lstatSync(file);
  } catch {
    stats = undefined;
  }
  if (stats?.isSymbolicLink()) return { why: 'is a symbolic link', hint: 'stackc does not write through links: name the file it points to, or another file' };
  if (stats?.isDirectory()) return { why: 'is a directory', hint: `name a file in it, e.g. \`${join(basename(file), 'report.txt')}\`` };

  const rel = inside(context.root, file);
  if (rel !== undefined && STATE_FILES.includes(rel)) return { why: `is stackc's ${rel === MANIFEST_PATH ? 'manifest' : 'state'}`, hint: 'it records what `stackc build` generated: name another file' };
  const generated = rel === undefined ? undefined : context.manifest?.files.find((f) => f.path === rel);
  if (generated && existsSync(file)) return { why: `is a file \`stackc build\` generates (target ${generated.target})`, hint: 'it is rewritten on every build: name another file' };
  return undefined;
}
