// `targets.kubernetes.patches`: written into each overlay's kustomization.yaml (`patches:`), so
// `kubectl apply -k` applies them over the base stackc owns, and applied here in process too, so
// that the build checks the objects as they will be deployed (src/emit/patches/kustomize.ts, which
// lint reads them through). docs/targets/kubernetes.md, "Patches".
import { applyKustomizePatches, type KustomizePatch } from '../../src/emit/patches/kustomize.js';
import { isMap, type Json } from '../../src/emit/patches/json.js';
import { patchName, type TargetPatch } from '../../src/emit/patches/patches.js';
import { kubernetesSchema, reportComplaint } from '../../src/emit/patches/schema-check.js';
import { describeTypeChange, typeChanges } from '../../src/emit/patches/type-changes.js';
import { toYaml } from '../../src/emit/serialize/yaml.js';
import type { Report } from '../../src/emit/target.js';

/** A `patches:` entry of a kustomization: kustomize reads a strategic merge patch only as a whole object. */
export function kustomizationPatch(patch: TargetPatch, objects: readonly Json[]): { target: Record<string, string>; patch: string } {
  const select = patch.select!;
  const target = { kind: select.kind, ...(select.name ? { name: select.name } : {}) };
  if (Array.isArray(patch.patch)) return { target, patch: toYaml(patch.patch) };
  const like = objects.find((o) => isMap(o) && o.kind === select.kind) as Record<string, unknown> | undefined;
  const body = patch.patch as Record<string, unknown>;
  const { metadata, ...rest } = body;
  // With a `target`, kustomize applies the patch to what the target selects, whatever name the patch carries.
  const named = { name: select.name ?? select.kind.toLowerCase(), ...(isMap(metadata) ? metadata : {}) };
  return { target, patch: toYaml({ apiVersion: like?.apiVersion ?? 'v1', kind: select.kind, metadata: named, ...rest }) };
}

export const asKustomizePatch = (patch: TargetPatch): KustomizePatch => ({ target: patch.select!, patch: patch.patch });

/**
 * Kubernetes' int-or-string fields (IntOrString, resource.Quantity): a port by number or name, a
 * quantity as `1` or `"500m"`, a rollout's surge as `1` or `"25%"`.
 */
const INT_OR_STRING = /(^|\.)(port|targetPort|maxSurge|maxUnavailable|minAvailable|partition)$|\.(limits|requests|capacity|hard)\.[^.]+$|\.storage$/;
const intOrString = (at: string, was: string, now: string): boolean => INT_OR_STRING.test(at) && [was, now].every((k) => k === 'number' || k === 'text');

/**
 * Applies an environment's patches to its objects and reports, at the patch's line, one that
 * selects nothing or cannot apply, changes what an object is (its kind, apiVersion or name, by
 * which kustomize and the other objects find it), gives a value another type (type-changes.ts), or
 * makes the object something Kubernetes' schema for its kind refuses (schema-check.ts).
 */
export function checkPatches(patches: readonly TargetPatch[], objects: readonly Json[], environment: string, report: Report): Json[] {
  const fail = (index: number, message: string, hint: string) => report({ severity: 'error', code: 'kubernetes/patch-failed', message: `${patchName(patches[index]!)} ${message}`, path: patches[index]!.path, hint });
  patches.forEach((patch, index) => {
    const at = nullLabel(patch.patch);
    if (at) fail(index, `removes \`${at}\` with \`null\`, which kustomize writes as the text "null" in labels and annotations`, 'remove it with a JSON Patch operation, `{ op: remove, path: /metadata/labels/<key> }` (a `/` in the key written `~1`)');
  });
  const result = applyKustomizePatches(objects, patches.map(asKustomizePatch), (index, before, after) => {
    const was = before as Record<string, any>;
    const now = after as Record<string, any>;
    const object = `${was.kind}/${was.metadata?.name}`;
    const lost = (['apiVersion', 'kind'] as const).find((k) => now?.[k] !== was[k]) ?? (now?.metadata?.name !== was.metadata?.name ? 'metadata.name' : undefined);
    if (lost) return fail(index, `changes the \`${lost}\` of ${object}, by which kustomize and the other objects find it`, 'patch what the object holds, not what it is; to deploy another object, use a plugin target (docs/patches.md)');
    const [change] = typeChanges(before, after, intOrString);
    if (change) fail(index, `${describeTypeChange(change)} in ${object}: Kubernetes' schema for ${was.kind} refuses it`, 'give the value the type the object has (see the generated file)');
    else reportComplaint(patches[index]!, kubernetesSchema(was), before, after, object, 'kubernetes/patch-failed', report, patches[index]!.patch);
  });
  for (const { index, message } of result.failures) fail(index, `${message} in ${environment}`, 'name an object stackc writes (see the overlay and base files), and a path that exists in it');
  return result.objects;
}

/** The first `labels`/`annotations` entry a strategic merge patch sets to null (`metadata.labels.tier`). */
function nullLabel(patch: unknown, at: string[] = []): string | undefined {
  if (!isMap(patch)) return undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null && ['labels', 'annotations'].includes(at.at(-1) ?? '')) return [...at, key].join('.');
    const found = nullLabel(value, [...at, key]);
    if (found) return found;
  }
  return undefined;
}
