// A kustomization's `patches:` applied in process to the objects it deploys, as `kubectl kustomize`
// applies them (a test holds the two equal): the build checks the patched objects, lint reads them.
// Only the shape stackc writes: inline patches with a `target` of kind and name.
import { applyJsonPatch, JsonPatchFailure, type JsonPatchOperation } from './json-patch.js';
import { isMap, type Json } from './json.js';
import { strategicMerge } from './strategic-merge.js';

export interface KustomizePatch {
  target: { kind: string; name?: string };
  /** A strategic merge patch (a map) or JSON 6902 operations (a list). */
  patch: unknown;
}

export interface PatchedObjects {
  objects: Json[];
  /** For each object, the indexes of the patches that changed it (none: as stackc wrote it). */
  changedBy: number[][];
  /** Patches that select no object, or cannot apply, by index. */
  failures: { index: number; message: string }[];
}

const selects = (target: KustomizePatch['target'], object: Json): boolean =>
  isMap(object) && object.kind === target.kind && (target.name === undefined || (isMap(object.metadata) && object.metadata.name === target.name));

/** A change one patch made to one object, for checks that say which patch did what. */
export type OnPatched = (index: number, before: Json, after: Json) => void;

export function applyKustomizePatches(objects: readonly Json[], patches: readonly KustomizePatch[], onPatched?: OnPatched): PatchedObjects {
  const out = objects.map((o) => structuredClone(o));
  const changedBy: number[][] = out.map(() => []);
  const failures: PatchedObjects['failures'] = [];
  patches.forEach(({ target, patch }, index) => {
    const selected = out.flatMap((o, i) => (selects(target, o) ? [i] : []));
    if (selected.length === 0) {
      failures.push({ index, message: `selects no object: the overlay has no ${target.kind}${target.name ? ` named \`${target.name}\`` : ''}` });
      return;
    }
    for (const i of selected) {
      try {
        const before = out[i]!;
        out[i] = Array.isArray(patch) ? applyJsonPatch(before, patch as JsonPatchOperation[]) : strategicMerge(before, patch);
        changedBy[i]!.push(index);
        onPatched?.(index, before, out[i]!);
      } catch (e) {
        const where = e instanceof JsonPatchFailure ? `operation ${e.index + 1}: ` : '';
        failures.push({ index, message: `cannot apply to ${target.kind}/${String((out[i] as any)?.metadata?.name)}: ${where}${(e as Error).message}` });
      }
    }
  });
  return { objects: out, changedBy, failures };
}
