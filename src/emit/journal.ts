// .stackc/pending.json: what a build is about to do, written before its first temporary file and
// removed after its last rename. A build that dies in between (SIGKILL, a power cut, a CI runner
// that gives up) leaves it behind, so the next build recognises the files it wrote (new and
// previous hashes both count as stackc's) and removes its temporary files, instead of calling
// them hand edits. A journal is only a hint to trust: its paths are checked like the manifest's.
import { posix } from 'node:path';
import { artifactPathProblem } from './artifact-path.js';
import { parseManifest, type Manifest, type ManifestEntry } from './manifest.js';

export const JOURNAL_PATH = '.stackc/pending.json';

/** Temporary files are written beside their destination under this prefix. */
export const TEMP_PREFIX = '.stackc-tmp-';

export interface Journal {
  /** The temporary files the build stages, relative to the output root. */
  temps: string[];
  /** The manifest the build is writing. */
  files: ManifestEntry[];
  /** The entries it replaces or prunes, as the manifest had them. */
  previous: ManifestEntry[];
}

export const serializeJournal = (journal: Journal): string => `${JSON.stringify({ version: 1, ...journal }, null, 2)}\n`;

/** A temporary file's path: beside a file a build writes (the manifest's is in .stackc/), never outside the root or in .git/. */
function isTemp(path: string): boolean {
  const dir = posix.dirname(path);
  return posix.basename(path).startsWith(TEMP_PREFIX) && (dir === '.' || dir === '.stackc' || artifactPathProblem(dir) === undefined) && !dir.split('/').includes('.git');
}

/** Parses a journal; `undefined` when it is not one, or names a path a build could not have written. */
export function parseJournal(text: string): Journal | undefined {
  try {
    const data = JSON.parse(text) as { version?: unknown; temps?: unknown; files?: unknown; previous?: unknown };
    if (data.version !== 1 || !Array.isArray(data.temps) || !data.temps.every((t) => typeof t === 'string' && isTemp(t))) return undefined;
    const files = parseManifest(JSON.stringify({ version: 1, files: data.files }));
    const previous = parseManifest(JSON.stringify({ version: 1, files: data.previous }));
    return files && previous ? { temps: data.temps as string[], files: files.files, previous: previous.files } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The manifest as it would be had the interrupted build either finished or not started, file by
 * file: for each path, the entry (the new, the recorded or the previous one) whose hash is what
 * the disk holds; when none matches, the recorded entry (a hand edit stays a hand edit). A file the
 * build created and nothing records is forgotten unless it holds what the build wrote.
 */
export function recoverManifest(manifest: Manifest, journal: Journal, diskSha: (path: string) => string | undefined): Manifest {
  const recorded = new Map(manifest.files.map((e) => [e.path, e]));
  const candidates = new Map<string, ManifestEntry[]>();
  for (const entry of [...manifest.files, ...journal.files, ...journal.previous]) candidates.set(entry.path, [...(candidates.get(entry.path) ?? []), entry]);
  const files: ManifestEntry[] = [];
  for (const [path, entries] of candidates) {
    const sha = diskSha(path);
    const chosen = entries.find((e) => e.sha256 === sha) ?? recorded.get(path);
    if (chosen) files.push(chosen);
  }
  return { version: 1, files };
}
