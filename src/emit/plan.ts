// What a build would do to the disk, decided before anything is written: which files to create,
// update or prune, and which it must not touch because a person wrote or edited them.
import type { Artifact } from './target.js';
import type { Manifest, ManifestEntry } from './manifest.js';
import type { RenderedTarget } from './render.js';
import { sha256 } from './render.js';

/** What the planner may know about the output directory. */
export interface DiskView {
  /** The file's text, or `undefined` when there is none. */
  read(path: string): string | undefined;
  /** Why stackc must not write there (a symlink on the way, a directory in the way), or `undefined`. */
  blocked(path: string): string | undefined;
}

export type Action =
  | { kind: 'create' | 'update'; artifact: Artifact }
  | { kind: 'unchanged'; artifact: Artifact }
  | { kind: 'prune'; entry: ManifestEntry };

export interface Conflict {
  path: string;
  reason: 'not-generated' | 'edited' | 'blocked';
  detail?: string;
}

export interface Plan {
  actions: Action[];
  /** Files that stop the build unless `--force`. */
  conflicts: Conflict[];
  /** Generated files no longer produced but edited by hand: left in place and forgotten. */
  abandoned: ManifestEntry[];
  manifest: Manifest;
}

export interface PlanOptions {
  force: boolean;
  /** Targets and environments this run rendered; manifest entries outside them are kept as they are. */
  rendered: readonly RenderedTarget[];
  /** True when no `--target`/`--env` narrowed the run, so removed targets' files are pruned too. */
  complete: boolean;
}

export function planBuild(artifacts: readonly Artifact[], manifest: Manifest, disk: DiskView, options: PlanOptions): Plan {
  const owned = new Map(manifest.files.map((e) => [e.path, e]));
  const produced = new Set(artifacts.map((a) => a.path));
  const actions: Action[] = [];
  const conflicts: Conflict[] = [];
  const abandoned: ManifestEntry[] = [];
  const next = new Map<string, ManifestEntry>();

  for (const artifact of artifacts) {
    const blocked = disk.blocked(artifact.path);
    if (blocked) {
      conflicts.push({ path: artifact.path, reason: 'blocked', detail: blocked });
      continue;
    }
    const current = disk.read(artifact.path);
    const entry = owned.get(artifact.path);
    // Recorded even when empty, so `diff` can tell "names none" from a manifest that predates the field.
    const secrets = artifact.facts?.secrets ? { secrets: [...artifact.facts.secrets].sort() } : {};
    const names = artifact.facts?.names ? { names: Object.fromEntries(Object.entries(artifact.facts.names).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) } : {};
    next.set(artifact.path, { path: artifact.path, sha256: sha256(artifact.content), target: artifact.target, ...(artifact.environment ? { environment: artifact.environment } : {}), ...secrets, ...names });
    if (current === undefined) actions.push({ kind: 'create', artifact });
    else if (current === artifact.content) actions.push({ kind: 'unchanged', artifact });
    else if (options.force || (entry && sha256(current) === entry.sha256)) actions.push({ kind: 'update', artifact });
    else conflicts.push({ path: artifact.path, reason: entry ? 'edited' : 'not-generated' });
  }

  for (const entry of manifest.files) {
    if (produced.has(entry.path)) continue;
    if (!inScope(entry, options)) {
      next.set(entry.path, entry);
      continue;
    }
    const current = disk.read(entry.path);
    if (current === undefined) continue; // already gone: just forget it
    if (disk.blocked(entry.path) === undefined && sha256(current) === entry.sha256) actions.push({ kind: 'prune', entry });
    else abandoned.push(entry);
  }

  return { actions, conflicts, abandoned, manifest: { version: 1, files: [...next.values()] } };
}

/** Whether this run is responsible for a file stackc made earlier. */
function inScope(entry: ManifestEntry, options: PlanOptions): boolean {
  if (options.complete) return true;
  const target = options.rendered.find((r) => r.name === entry.target);
  if (!target) return false;
  // A file shared by all of a target's environments (no `environment`) belongs to a run of them all.
  return entry.environment === undefined ? false : target.environments.includes(entry.environment);
}

export const changes = (plan: Plan): Action[] => plan.actions.filter((a) => a.kind !== 'unchanged');
