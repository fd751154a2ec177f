// The project's files as the deployment model reads them (Dockerfiles, for who an image runs as):
// from the disk for `build` and `lint`, from a commit for `diff --base`. (`graph` draws without
// them: nothing it shows depends on a Dockerfile.) A file that cannot
// be read is `undefined`, never an error: the model then says it does not know.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFiles } from '../dockerfile/reader.js';

/** Dockerfiles are small; a file beyond this is not one stackc should parse. */
const MAX_BYTES = 1024 * 1024;

/** The file as UTF-8 text, unless it is missing, a directory, bigger than `maxBytes`, or binary (has a NUL byte early on). */
export function readTextFile(absolute: string, maxBytes = MAX_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const buffer = Buffer.alloc(stats.size);
    readSync(fd, buffer, 0, stats.size, 0);
    if (buffer.subarray(0, 8000).includes(0)) return undefined;
    return buffer.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const cached = (read: (path: string) => string | undefined): ProjectFiles => {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (!cache.has(path)) cache.set(path, read(path));
    return cache.get(path);
  };
};

export const diskFiles = (root: string): ProjectFiles => cached((path) => readTextFile(join(root, path)));

/** Files at a commit: `read` is git's (a path relative to the stack's directory); a failure is `undefined`. */
export const commitFiles = (read: (path: string) => Buffer | undefined): ProjectFiles =>
  cached((path) => {
    try {
      const bytes = read(path);
      return bytes && bytes.length <= MAX_BYTES && !bytes.includes(0) ? bytes.toString('utf8') : undefined;
    } catch {
      return undefined; // a link or another kind of entry: unknown, as on disk
    }
  });
