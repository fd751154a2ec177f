// What `kubectl kustomize <overlay>` renders, worked out in process from the artifacts of a build, for
// the overlays stackc writes: resources (files and directories with a kustomization.yaml), inline
// `patches:` with a kind/name target, and `namespace:`. Lint reads patched objects through it; a
// test holds it equal to the real kustomize on every fixture with patches.
import { posix } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { applyKustomizePatches } from './kustomize.js';
import { isMap, type Json } from './json.js';

export interface OverlayObjects {
  objects: Json[];
  /** For each object, the indexes of the overlay's patches that changed it. */
  changedBy: number[][];
}

/** Kinds that live in no namespace, which kustomize's `namespace:` leaves alone. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'IngressClass', 'PriorityClass']);

export function renderOverlay(files: ReadonlyMap<string, string>, dir: string): OverlayObjects {
  const kustomization = readKustomization(files, dir);
  const objects = (Array.isArray(kustomization.resources) ? kustomization.resources : []).flatMap((resource) => {
    const path = posix.normalize(posix.join(dir, String(resource)));
    if (files.has(`${path}/kustomization.yaml`)) return renderOverlay(files, path).objects;
    return parseAllDocuments(files.get(path) ?? '').map((d) => d.toJS() as Json).filter(isMap);
  });
  const patches = (Array.isArray(kustomization.patches) ? kustomization.patches : []).filter(isMap).map((p) => ({ target: p.target as { kind: string; name?: string }, patch: withoutIdentity(parse(String(p.patch))) }));
  const result = applyKustomizePatches(objects, patches);
  const namespace = typeof kustomization.namespace === 'string' ? kustomization.namespace : undefined;
  if (namespace) for (const o of result.objects) if (isMap(o) && isMap(o.metadata) && !CLUSTER_SCOPED.has(String(o.kind))) o.metadata.namespace = namespace;
  return { objects: result.objects, changedBy: result.changedBy };
}

function readKustomization(files: ReadonlyMap<string, string>, dir: string): Record<string, unknown> {
  const parsed = parse(files.get(`${dir}/kustomization.yaml`) ?? '{}') as unknown;
  return isMap(parsed) ? parsed : {};
}

/** A strategic merge patch names an object only because kustomize reads it whole; its `target` selects. */
function withoutIdentity(patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const { apiVersion: _a, kind: _k, metadata, ...rest } = patch;
  const { name: _n, ...meta } = isMap(metadata) ? metadata : {};
  return Object.keys(meta).length ? { metadata: meta, ...rest } : rest;
}
