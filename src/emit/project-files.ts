// The project's files as the deployment model reads them (Dockerfiles, for who an image runs as):
// from the disk for `build` and `lint`, from a commit for `diff --base`. (`graph` draws without
// them: nothing it shows depends on a Dockerfile.) A file that cannot be read is `undefined`,
// never an error: the model then says it does not know.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFiles } from '../dockerfile/reader.js';

/** Dockerfiles are small; a file beyond this is not one stackc should parse. */
const MAX_BYTES = 1024 * 1024;

/** The bytes as UTF-8 text, unless there are more than `maxBytes` or they look binary (a NUL byte early on, as git tells). */
const textOf = (bytes: Buffer, maxBytes = MAX_BYTES): string | undefined =>
  bytes.length > maxBytes || bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString('utf8');

/** The file as UTF-8 text, unless it is missing, a directory, bigger than `maxBytes`, or binary (has a NUL byte early on). */
export function readTextFile(absolute: string, maxBytes = MAX_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const buffer = Buffer.alloc(stats.size);
    readSync(fd, buffer, 0, stats.size, 0);
    return textOf(buffer, maxBytes);
  } catch {
    return undefined;
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
