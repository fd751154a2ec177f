// Git's view of the project directory, asked once: which files are tracked, which exist untracked
// without being ignored. One `git ls-files` call, no other child process (the pre-commit path stays
// fast), and never a file outside the project directory.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFile as readProjectText } from '../../emit/project-files.js';

export interface Repository {
  /** Files under the project directory that git tracks: project-relative, `/`-separated, sorted. */
  tracked: readonly string[];
  /** Files that exist, are not tracked and are not ignored (what `git status` shows as untracked). */
  untracked: readonly string[];
  isTracked(path: string): boolean;
  /** True for a file that exists on disk and that git ignores. */
  isIgnored(path: string): boolean;
  /** The text of a project file, or `undefined` if it is missing, binary or larger than `maxBytes`. */
  readText(path: string, maxBytes?: number): string | undefined;
}

/** Larger files are not scanned for secrets (lock files and bundles, not configuration). */
export const MAX_SCANNED_BYTES = 1024 * 1024;

/** Reads the repository state of `root`, or `undefined` when it is not in a git work tree (or git is missing). */
export function readRepository(root: string): Repository | undefined {
  let listing: string;
  try {
    listing = execFileSync('git', ['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
  const tracked = new Set<string>();
  const untracked = new Set<string>();
  for (const entry of listing.split('\0')) {
    if (entry.length < 3) continue;
    const tag = entry[0];
    const path = entry.slice(2);
    if (tag === '?') untracked.add(path);
    else tracked.add(path);
  }
  for (const path of tracked) untracked.delete(path);
  return {
    tracked: [...tracked].sort(),
    untracked: [...untracked].sort(),
    isTracked: (path) => tracked.has(path),
    isIgnored: (path) => !tracked.has(path) && !untracked.has(path) && existsSync(join(root, path)),
    readText: (path, maxBytes = MAX_SCANNED_BYTES) => readTextFile(join(root, path), maxBytes),
  };
}

/** The file as UTF-8 text (src/emit/project-files.ts), up to the size lint scans. */
export const readTextFile = (absolute: string, maxBytes = MAX_SCANNED_BYTES): string | undefined => readProjectText(absolute, maxBytes);
