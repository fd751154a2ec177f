// The project's files as the deployment model reads them (Dockerfiles, for who an image runs as):
// from the disk for `build` and `lint`, from a commit for `diff --base`. (`graph` draws without
// them: nothing it shows depends on a Dockerfile.) A file that cannot be read is `undefined`,
// never an error: the model then says it does not know.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFiles } from '../dockerfile/reader.js';

/** Dockerfiles are small; a file beyond this is not one stackc should parse. */
const MAX_BYTES = 1024 * 1024;

/** Git's test for a binary file: a NUL byte among its first 8,000. */
const BINARY_PROBE_BYTES = 8000;
const hasNulEarly = (bytes: Buffer): boolean => bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);

/** The bytes as UTF-8 text, unless there are more than `maxBytes` or they look binary (a NUL byte early on, as git tells). */
const textOf = (bytes: Buffer, maxBytes = MAX_BYTES): string | undefined =>
  bytes.length > maxBytes || hasNulEarly(bytes) ? undefined : bytes.toString('utf8');

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
 * `hasNulEarly` of the file whose text is `text`. UTF-8 encodes nothing else with a 0 byte, so the
 * NUL byte is a NUL character, and one among the first 2,000 characters (of at most 4 bytes each) is
 * within the first 8,000 bytes. Further on, the bytes decide (invalid bytes decoded as U+FFFD no
 * longer count one byte each); a file that cannot be read again counts as binary.
 */
function looksBinary(absolute: string, text: string): boolean {
  const at = text.indexOf('\0');
  if (at === -1) return false;
  if (at < BINARY_PROBE_BYTES / 4) return true;
  const head = firstBytes(absolute, BINARY_PROBE_BYTES);
  return head === undefined || hasNulEarly(head);
}

/** How much of a file `heads` reads: enough to tell a lockfile's kind, whatever its size. */
const HEAD_BYTES = 4096;

/** The first bytes of a file as text (a lockfile can be far bigger than `readTextFile` reads), `undefined` when it is missing or not a file. */
export const readFileHead = (absolute: string): string | undefined => firstBytes(absolute, HEAD_BYTES)?.toString('utf8');

/** Up to `count` bytes from the start of a file, `undefined` when it is missing, not a file or unreadable. */
function firstBytes(absolute: string, count: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(count);
    return buffer.subarray(0, readSync(fd, buffer, 0, count, 0));
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
