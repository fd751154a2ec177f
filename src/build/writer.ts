// The only part of the build that writes: applies a plan atomically, file by file (temp file +
// rename), and the manifest last. The plan was made and checked in full before this runs.
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST_PATH, parseManifest, serializeManifest, emptyManifest, type Manifest } from './manifest.js';
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

/** The manifest in the output directory: empty when there is none, `undefined` when it is unreadable. */
export function readManifest(root: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, MANIFEST_PATH), 'utf8');
  } catch {
    return emptyManifest();
  }
  return parseManifest(text);
}

let counter = 0;
function writeAtomically(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.stackc-tmp-${process.pid}-${counter++}`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Applies the plan. Returns the paths written and pruned. */
export function applyPlan(root: string, plan: Plan): { written: string[]; pruned: string[] } {
  const written: string[] = [];
  const pruned: string[] = [];
  for (const action of plan.actions) {
    if (action.kind === 'create' || action.kind === 'update') {
      writeAtomically(join(root, action.artifact.path), action.artifact.content);
      written.push(action.artifact.path);
    } else if (action.kind === 'prune') {
      rmSync(join(root, action.entry.path), { force: true });
      removeEmptyParents(root, action.entry.path);
      pruned.push(action.entry.path);
    }
  }
  const manifest = serializeManifest(plan.manifest);
  const manifestFile = join(root, MANIFEST_PATH);
  let current: string | undefined;
  try {
    current = readFileSync(manifestFile, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== manifest) writeAtomically(manifestFile, manifest);
  return { written, pruned };
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
