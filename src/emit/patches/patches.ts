// The escape hatch every built-in target shares: `targets.<name>.patches`, changes to the files a
// target generates, applied after it renders them (docs/patches.md). What a patch is and which
// environments and files it applies to is read here, once; how it merges is the platform's
// (merge-patch.ts, strategic-merge.ts, json-patch.ts, the Compose merge rules in the compose target).
import type { DataPath } from '../../model/stack.js';
import { isMap } from './json.js';

export interface TargetPatch {
  /** Where it is written in stack.yaml (`targets.<name>.patches[<i>]`): diagnostics, diff and lint point there. */
  path: DataPath;
  /** Its environments filter as written; `undefined` applies it in every environment the target generates. */
  environments?: string[];
  /** The service whose file it changes; `undefined` for every file (or the Compose file itself). */
  service?: string;
  /** Kubernetes: the objects it changes. */
  select?: { kind: string; name?: string };
  /** The change as written: a map to merge, or a list of RFC 6902 operations (Kubernetes). */
  patch: unknown;
}

/** The patches of a target's options (schema-validated; read defensively, as options are). */
export function readPatches(target: string, options: Record<string, unknown>): TargetPatch[] {
  const list = Array.isArray(options.patches) ? options.patches : [];
  return list.flatMap((p, i) => {
    if (!isMap(p) || p.patch === undefined) return [];
    const select = isMap(p.target) && typeof p.target.kind === 'string' ? { kind: p.target.kind, ...(typeof p.target.name === 'string' ? { name: p.target.name } : {}) } : undefined;
    return [
      {
        path: ['targets', target, 'patches', i],
        ...(Array.isArray(p.environments) ? { environments: p.environments.map(String) } : {}),
        ...(typeof p.service === 'string' ? { service: p.service } : {}),
        ...(select ? { select } : {}),
        patch: p.patch,
      },
    ];
  });
}

export const appliesIn = (patch: TargetPatch, environment: string | undefined): boolean =>
  environment === undefined || patch.environments === undefined || patch.environments.includes(environment);

export const appliesTo = (patch: TargetPatch, service: string | undefined): boolean => patch.service === undefined || patch.service === service;

/** `targets.kubernetes.patches[0]` for its path: how a file's comments and diff name a patch. */
export const patchPathName = (path: DataPath): string => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

export const patchName = (patch: TargetPatch): string => patchPathName(patch.path);
