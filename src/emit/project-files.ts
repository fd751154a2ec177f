// The project's files as the deployment model reads them (Dockerfiles, for who an image runs as):
// from the disk for `build` and `lint`, from a commit for `diff --base`. (`graph` draws without
// them: nothing it shows depends on a Dockerfile.) A file that cannot be read is `undefined`,
// never an error: the model then says it does not know.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFiles } from '../dockerfile/reader.js';

/** Dockerfiles are small; a file beyond this is not one stackc should parse. */
const MAX_BYTES = 1024 * 1024;

/** The bytes as UTF-8 text, unless there are more than `maxBytes` or they look binary (a NUL byte early on, as git tells). */
const textOf = (bytes: Buffer, maxBytes = MAX_BYTES): string | undefined =>
  bytes.length > maxBytes || bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString('utf8');

/**
 * The file as UTF-8 text, unless it is missing, a directory, bigger than `maxBytes`, or binary (has
 * a NUL byte early on). Read in one call (`readFileSync` with an encoding decodes in C++): lint
 * reads every tracked file, and four calls per file were a third of that on a repository's 2,000.
 */
export function readTextFile(absolute: string, maxBytes = MAX_BYTES): string | undefined {
  try {
    const stats = statSync(absolute, { throwIfNoEntry: false });
    if (!stats?.isFile() || stats.size > maxBytes) return undefined;
    const text = readFileSync(absolute, 'utf8');
    // (A character is at least a byte: the length still bounds a file that grew since the stat.)
    return text.length > maxBytes || looksBinary(absolute, text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * A NUL byte among the first 8,000 (git's test): UTF-8 encodes nothing else with a 0 byte, so it is
 * a NUL character, and one among the first 2,000 characters is within 8,000 bytes. Further on, the
 * bytes decide (invalid bytes decoded as U+FFFD no longer count one byte each).
 */
function looksBinary(absolute: string, text: string): boolean {
  const at = text.indexOf('\0');
  if (at === -1) return false;
  if (at < 2000) return true;
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    const head = Buffer.alloc(8000);
    return head.subarray(0, readSync(fd, head, 0, 8000, 0)).includes(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** How much of a file `heads` reads: enough to tell a lockfile's kind, whatever its size. */
const HEAD_BYTES = 4096;

/** The first bytes of a file as text (a lockfile can be far bigger than `readTextFile` reads), `undefined` when it is missing or not a file. */
export function readFileHead(absolute: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// Each reader reads a file as often as it is asked: the Dockerfile reader (dockerfile/reader.ts)
// asks once per path.
export const diskFiles = (root: string): ProjectFiles => (path) => readTextFile(join(root, path));

/** The first bytes of files on the disk (for the package-manager facts, src/project/package-managers.ts). */
export const diskFileHeads = (root: string): ProjectFiles => (path) => readFileHead(join(root, path));

/** Files at a commit: `read` is git's (a path relative to the stack's directory); a failure is `undefined`. */
export const commitFiles =
  (read: (path: string) => Buffer | undefined): ProjectFiles =>
  (path) => {
    try {
      const bytes = read(path);
      return bytes && textOf(bytes);
    } catch {
      return undefined; // a link or another kind of entry: unknown, as on disk
    }
  };

/** The first bytes of files at a commit. */
export const commitFileHeads =
  (read: (path: string) => Buffer | undefined): ProjectFiles =>
  (path) => {
    try {
      return read(path)?.subarray(0, HEAD_BYTES).toString('utf8');
    } catch {
      return undefined;
    }
  };
