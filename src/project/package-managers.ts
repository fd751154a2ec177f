// What the project installs its dependencies with, read from its own files next to stack.yaml: the
// package.json that depends on stackc (so CI runs the stackc the lockfile pins, not one fetched by
// name) and the lockfile in each directory the CI steps run in (so CI installs and caches with it).
// Pure over a view of the project's files (the disk for build and `build --check`, a commit for
// `diff --base`), so a build and its check read the same facts. It reads only fixed file names in
// the stack's directory, the directories CI steps name, and the stack's directory's parents up to
// the output root (which the workflows take for the repository root): never outside the project.
import { posix } from 'node:path';
import type { ProjectFiles } from '../dockerfile/reader.js';

export type NodeManager = 'npm' | 'pnpm' | 'yarn' | 'bun';
export type Runtime = 'node' | 'python';

export interface Lockfile {
  runtime: Runtime;
  /** Who wrote it: a Node.js package manager, or pip/poetry/uv/pipenv/pdm. */
  manager: NodeManager | 'pip' | 'poetry' | 'uv' | 'pipenv' | 'pdm';
  /** `/`-separated, relative to the output root. */
  path: string;
  /** Yarn 2+ (berry) writes `__metadata:`; classic Yarn 1 writes `# yarn lockfile v1`. */
  yarnBerry?: boolean;
}

/** The package that has stackc among its dependencies, and how it installs. */
export interface StackcPackage {
  /** Its directory, relative to the output root (`.` for the root). */
  dir: string;
  /** The version range it asks for. */
  range: string;
  /** The lockfile of its directory or of the nearest parent that has one (a workspace root); none: it cannot install frozen. */
  lockfile?: Lockfile;
  /** package.json's `packageManager` (`pnpm@9.15.0`), which corepack obeys. */
  packageManager?: string;
}

export interface ProjectFacts {
  stackc?: StackcPackage;
  /** The lockfiles of a directory (relative to the output root), in a fixed order. */
  lockfiles(dir: string): readonly Lockfile[];
}

/** A project stackc cannot see (no files, or the output root outside it): every CI falls back to its defaults. */
export const NO_PROJECT: ProjectFacts = { lockfiles: () => [] };

/** Lockfile names in the order a tool that finds several prefers them (npm's own before the others'). */
const LOCKFILES: readonly { name: string; runtime: Runtime; manager: Lockfile['manager'] }[] = [
  { name: 'package-lock.json', runtime: 'node', manager: 'npm' },
  { name: 'npm-shrinkwrap.json', runtime: 'node', manager: 'npm' },
  { name: 'pnpm-lock.yaml', runtime: 'node', manager: 'pnpm' },
  { name: 'yarn.lock', runtime: 'node', manager: 'yarn' },
  { name: 'bun.lock', runtime: 'node', manager: 'bun' },
  { name: 'bun.lockb', runtime: 'node', manager: 'bun' },
  { name: 'requirements.txt', runtime: 'python', manager: 'pip' },
  { name: 'poetry.lock', runtime: 'python', manager: 'poetry' },
  { name: 'uv.lock', runtime: 'python', manager: 'uv' },
  { name: 'Pipfile.lock', runtime: 'python', manager: 'pipenv' },
  { name: 'pdm.lock', runtime: 'python', manager: 'pdm' },
];

/**
 * @param files the project's files by path relative to the stack's directory
 * @param heads the first bytes of a file (lockfiles can be larger than `files` reads), by the same path
 * @param stackFile stack.yaml relative to the output root
 */
export function readProject(files: ProjectFiles, heads: ProjectFiles, stackFile: string): ProjectFacts {
  const stackDir = posix.dirname(stackFile);
  // The output root inside the project (`--out` below stack.yaml): the workflows cannot reach the project.
  if (stackDir === '..' || stackDir.startsWith('../')) return NO_PROJECT;
  /** A path relative to the output root, as `files` and `heads` want it (relative to the stack's directory). */
  const fromStack = (path: string) => posix.relative(`/${stackDir}`, `/${path}`) || '.';
  const cache = new Map<string, Lockfile[]>();
  const lockfiles = (dir: string): Lockfile[] => {
    const normal = posix.normalize(dir).replace(/(.)\/+$/, '$1');
    if (normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal)) return [];
    let found = cache.get(normal);
    if (!found) {
      found = LOCKFILES.flatMap(({ name, runtime, manager }) => {
        const path = normal === '.' ? name : `${normal}/${name}`;
        const head = heads(fromStack(path));
        if (head === undefined) return [];
        return [{ runtime, manager, path, ...(manager === 'yarn' ? { yarnBerry: /^__metadata:/m.test(head) } : {}) }];
      });
      cache.set(normal, found);
    }
    return found;
  };
  return { stackc: stackcPackage(files, fromStack, lockfiles, stackDir), lockfiles };
}

/** Directories from `dir` up to the output root, nearest first. */
const upToRoot = (dir: string): string[] => (dir === '.' ? ['.'] : [dir, ...upToRoot(posix.dirname(dir))]);

function stackcPackage(files: ProjectFiles, fromStack: (path: string) => string, lockfiles: (dir: string) => Lockfile[], stackDir: string): StackcPackage | undefined {
  for (const dir of upToRoot(stackDir)) {
    const manifest = packageJson(files(fromStack(dir === '.' ? 'package.json' : `${dir}/package.json`)));
    if (!manifest) continue;
    const range = dependencyRange(manifest, 'stackc');
    if (range === undefined) continue;
    const lockDir = upToRoot(dir).find((d) => lockfiles(d).some((l) => l.runtime === 'node'));
    const lockfile = lockDir === undefined ? undefined : lockfiles(lockDir).find((l) => l.runtime === 'node');
    // A workspace member inherits the root's `packageManager`, which is where corepack reads it.
    const packageManager = [dir, ...(lockDir && lockDir !== dir ? [lockDir] : [])]
      .map((d) => (d === dir ? manifest : packageJson(files(fromStack(d === '.' ? 'package.json' : `${d}/package.json`)))))
      .map((m) => m?.packageManager)
      .find((v): v is string => typeof v === 'string' && /^[a-z]+@\S+$/.test(v));
    return { dir, range, ...(lockfile ? { lockfile } : {}), ...(packageManager ? { packageManager } : {}) };
  }
  return undefined;
}

function packageJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not JSON: as if there were none (npm would refuse it; that is npm's to say)
  }
}

function dependencyRange(manifest: Record<string, unknown>, name: string): string | undefined {
  for (const key of ['devDependencies', 'dependencies']) {
    const deps = manifest[key];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string') return (deps as Record<string, string>)[name];
  }
  return undefined;
}
