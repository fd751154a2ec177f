// The only part of the build that writes: applies a plan under the build lock, all or nothing
// (every file staged as a temporary file, then renamed into place), and the manifest last. The plan
// was made and checked in full before this runs; the writer checks its destinations again.
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { UserError, userError } from '../diagnostics/diagnostic.js';
import { artifactPathProblem } from './artifact-path.js';
import { acquireBuildLock, LOCK_PATH } from './lock.js';
import { JOURNAL_PATH, parseJournal, recoverManifest, serializeJournal, TEMP_PREFIX, type Journal } from './journal.js';
import { MANIFEST_PATH, parseManifest, serializeManifest, emptyManifest, type Manifest } from './manifest.js';
import { sha256 } from './render.js';
import type { DiskView, Plan } from './plan.js';

/** Reads the output directory for the planner, refusing to follow symlinks out of it. */
export function diskView(root: string): DiskView {
  return {
    read(path) {
      try {
        const full = join(root, path);
        return lstatSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    blocked(path) {
      const parts = path.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        let stats;
        try {
          stats = lstatSync(join(root, prefix));
        } catch {
          return undefined; // the rest does not exist yet: nothing in the way
        }
        if (stats.isSymbolicLink()) return `\`${prefix}\` is a symbolic link; stackc does not write through links`;
        if (i < parts.length && !stats.isDirectory()) return `\`${prefix}\` is a file where a directory is needed`;
        if (i === parts.length && !stats.isFile()) return `\`${prefix}\` exists and is not a regular file`;
      }
      return undefined;
    },
  };
}

/**
 * The manifest in the output directory: empty when there is none, `undefined` when it is
 * unreadable. When an interrupted build left its journal, the files it wrote count as stackc's too.
 */
export function readManifest(root: string): Manifest | undefined {
  let manifest: Manifest | undefined;
  try {
    manifest = parseManifest(readFileSync(join(root, MANIFEST_PATH), 'utf8'));
  } catch {
    manifest = emptyManifest();
  }
  const journal = readJournal(root);
  if (!manifest || !journal) return manifest;
  const view = diskView(root);
  return recoverManifest(manifest, journal, (path) => {
    const text = view.read(path);
    return text === undefined ? undefined : sha256(text);
  });
}

function readJournal(root: string): Journal | undefined {
  try {
    return parseJournal(readFileSync(join(root, JOURNAL_PATH), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Under the lock: removes what an interrupted build left (its temporary files, listed in its
 * journal or in .stackc/, the directories they alone filled, the journal). Its finished files stay:
 * readManifest already counts them as stackc's.
 */
function cleanUpInterrupted(root: string): void {
  const journal = readJournal(root);
  const stateTemps = (() => {
    try {
      return readdirSync(join(root, '.stackc')).filter((name) => name.startsWith(TEMP_PREFIX)).map((name) => `.stackc/${name}`);
    } catch {
      return [];
    }
  })();
  for (const temp of [...(journal?.temps ?? []), ...stateTemps]) {
    rmSync(join(root, temp), { force: true });
    removeEmptyParents(root, temp);
  }
  rmSync(join(root, JOURNAL_PATH), { force: true });
}

/** Writes the journal through a temporary file and a rename (plain fs: it is bookkeeping, not output). */
function writeJournal(root: string, journal: Journal): void {
  const file = join(root, JOURNAL_PATH);
  mkdirSync(dirname(file), { recursive: true });
  const temp = tempName(file);
  writeFileSync(temp, serializeJournal(journal), { flag: 'wx' });
  renameSync(temp, file);
}

/**
 * The file-system operations the writer uses, in one object so a test can make one of them fail
 * part-way through a build (test/reliability) and check that the previous files are intact.
 */
export const writerFs = { writeFileSync, renameSync, rmSync, mkdirSync, readFileSync };

let counter = 0;
const tempName = (file: string) => join(dirname(file), `${TEMP_PREFIX}${process.pid}-${counter++}`);

/** Writes `file` through a temporary file beside it and a rename: readers never see half a file. */
export function writeAtomically(file: string, content: string | Buffer): void {
  writerFs.mkdirSync(dirname(file), { recursive: true });
  const temp = tempName(file);
  try {
    writerFs.writeFileSync(temp, content, { flag: 'wx' });
    writerFs.renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Errors that mean "the destination cannot be written", reported as bad input (exit 2), not a crash. */
const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a file is in the way of a directory',
  EISDIR: 'a directory is in the way',
  ENAMETOOLONG: 'the path is too long for this file system',
};

function writeFailure(error: unknown, root: string, path: string, afterWrites = false): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const why = WRITE_ERRORS[code];
  if (!why) return error as Error;
  return userError(`cannot write ${join(root, path)}: ${why} (${code}); ${afterWrites ? 'the new files are in place, this one was left as it was' : 'no generated file was changed'}`, code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'build into a writable directory with `--out <dir>`, or fix the permissions of this one' : 'free the space or fix the path, then build again');
}

/** Refuses, at write time too, a path that leaves the root or goes through a symbolic link. */
function checkDestination(root: string, path: string): void {
  const unsafe = artifactPathProblem(path);
  if (unsafe) throw userError(`refusing to write \`${path}\`: its path ${unsafe}`, 'this is a bug in the target that produced it, or a hand-edited .stackc/manifest.json');
  const blocked = diskView(root).blocked(path);
  if (blocked) throw userError(`refusing to write \`${path}\`: ${blocked}`, 'remove the link (or move it out of the way) and build again');
}

/**
 * Applies the plan under the build lock, all or nothing: every new file is first written next to
 * its destination as a temporary file; only when all are written are they renamed into place (an
 * atomic step per file), the manifest last; a failure while renaming puts back the files already
 * replaced. Prunes follow. Returns the paths written and pruned.
 */
export function applyPlan(root: string, plan: Plan): { written: string[]; pruned: string[] } {
  let release: () => void;
  try {
    release = acquireBuildLock(root);
  } catch (error) {
    throw error instanceof UserError ? error : writeFailure(error, root, LOCK_PATH);
  }
  try {
    return applyLocked(root, plan);
  } finally {
    release();
  }
}

function applyLocked(root: string, plan: Plan): { written: string[]; pruned: string[] } {
  // Read before the cleanup: it counts an interrupted build's files as stackc's, as the plan did.
  const before = readManifest(root);
  try {
    cleanUpInterrupted(root);
  } catch (error) {
    throw writeFailure(error, root, JOURNAL_PATH);
  }
  const writes = plan.actions.filter((a): a is Extract<Plan['actions'][number], { kind: 'create' | 'update' }> => a.kind === 'create' || a.kind === 'update');
  const prunes = plan.actions.filter((a): a is Extract<Plan['actions'][number], { kind: 'prune' }> => a.kind === 'prune');
  for (const a of writes) checkDestination(root, a.artifact.path);
  for (const a of prunes) checkDestination(root, a.entry.path);
  // Another build may have finished between this one's plan and its lock: a file it planned to
  // create must still be missing (or already hold exactly what this build would write).
  for (const a of writes) {
    if (a.kind !== 'create') continue;
    const now = diskView(root).read(a.artifact.path);
    if (now !== undefined && now !== a.artifact.content) throw userError(`\`${a.artifact.path}\` appeared while this build was planning; nothing was written`, 'another process wrote it: run the build again');
  }

  // The manifest is staged and renamed with the files (last), so files and manifest change together.
  const manifest = serializeManifest(plan.manifest);
  let currentManifest: string | undefined;
  try {
    currentManifest = readFileSync(join(root, MANIFEST_PATH), 'utf8');
  } catch {
    currentManifest = undefined;
  }
  const files = writes.map((a) => ({ path: a.artifact.path, content: a.artifact.content, replaces: a.kind === 'update' }));
  if (currentManifest !== manifest) files.push({ path: MANIFEST_PATH, content: manifest, replaces: currentManifest !== undefined });

  // The journal first: a build killed from here on is recognised and cleaned up by the next one.
  const temps = files.map((f) => tempName(join(root, f.path)));
  try {
    if (files.length > 0 || prunes.length > 0) writeJournal(root, { temps: temps.map((t) => relative(root, t).split(sep).join('/')), files: plan.manifest.files, previous: before?.files ?? [] });
  } catch (error) {
    throw writeFailure(error, root, JOURNAL_PATH);
  }
  const dropJournal = () => rmSync(join(root, JOURNAL_PATH), { force: true });

  // Phase 1: stage every file. Any failure removes what was staged and leaves the tree as it was.
  const staged: { file: string; temp: string; path: string; previous: Buffer | undefined }[] = [];
  const created: string[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const file = join(root, f.path);
      let dir = dirname(file);
      const missing: string[] = [];
      while (!existsSync(dir)) {
        missing.push(dir);
        dir = dirname(dir);
      }
      writerFs.mkdirSync(dirname(file), { recursive: true });
      created.push(...missing);
      const temp = temps[i]!;
      staged.push({ file, temp, path: f.path, previous: undefined });
      writerFs.writeFileSync(temp, f.content, { flag: 'wx' });
      staged[staged.length - 1]!.previous = f.replaces ? readPrevious(file) : undefined;
    }
  } catch (error) {
    for (const s of staged) rmSync(s.temp, { force: true });
    removeCreatedDirs(created);
    dropJournal();
    throw writeFailure(error, root, staged.at(-1)?.path ?? '.');
  }

  // Phase 2: rename into place; on failure, restore what was replaced and remove what was new.
  const done: typeof staged = [];
  try {
    for (const s of staged) {
      writerFs.renameSync(s.temp, s.file);
      done.push(s);
    }
  } catch (error) {
    for (const s of staged) if (!done.includes(s)) rmSync(s.temp, { force: true });
    for (const s of done.reverse()) {
      try {
        if (s.previous === undefined) rmSync(s.file, { force: true });
        else writeAtomically(s.file, s.previous);
      } catch {
        // Best effort: the error below names the build as failed.
      }
    }
    removeCreatedDirs(created);
    dropJournal();
    throw writeFailure(error, root, staged[done.length]?.path ?? '.');
  }

  // Prunes last: a file that cannot be removed is left in place, no longer in the manifest.
  const pruned: string[] = [];
  for (const a of prunes) {
    try {
      writerFs.rmSync(join(root, a.entry.path), { force: true });
    } catch (error) {
      dropJournal(); // the files and the manifest are in place: nothing is left to recover
      throw writeFailure(error, root, a.entry.path, true);
    }
    removeEmptyParents(root, a.entry.path);
    pruned.push(a.entry.path);
  }
  dropJournal();
  return { written: writes.map((a) => a.artifact.path), pruned };
}

function readPrevious(file: string): Buffer | undefined {
  try {
    return writerFs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Removes the directories a failed build created, deepest first, when they are empty. */
function removeCreatedDirs(dirs: readonly string[]): void {
  for (const dir of [...new Set(dirs)].sort((a, b) => b.length - a.length)) {
    try {
      if (readdirSync(dir).length === 0) rmdirSync(dir);
    } catch {
      // left in place: harmless and empty, or not ours to remove
    }
  }
}

/** Removes directories a prune emptied (never the output root itself). */
function removeEmptyParents(root: string, path: string): void {
  let dir = dirname(path);
  while (dir !== '.' && dir !== '' && !dir.startsWith('..')) {
    const full = join(root, dir);
    try {
      if (readdirSync(full).length > 0) return;
      rmdirSync(full);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
