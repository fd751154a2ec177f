// Paths stackc never writes or deletes, whatever a target, a manifest or a command-line option
// says: the stack file (any file named like one) and anything inside a git repository's `.git/`
// (a written hook runs code; a deleted HEAD destroys the repository).
import { posix } from 'node:path';
import { STACK_FILE_NAMES } from '../load/load-stack.js';

/**
 * Why `path` (relative to the output root, `/`-separated) is protected, or `undefined`.
 * `stackFile` is the stack file relative to the same root.
 */
export function protectedPathProblem(path: string, stackFile: string): string | undefined {
  if (path.split('/').includes('.git')) return 'is inside .git/';
  if (path === posix.normalize(stackFile)) return 'is the stack file';
  if (STACK_FILE_NAMES.includes(posix.basename(path))) return 'is named like a stack file';
  return undefined;
}
