// A Kubernetes strategic merge patch applied in process, the way kustomize (kyaml) applies one to the
// kinds stackc writes: maps merge, `null` removes a key, lists of named items merge item by item on
// their key (the patch's items first, in its order, then the object's others, as kustomize orders
// them), other lists replace; `$patch: delete` removes a list item or a map, `$patch: replace`
// replaces a map. https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/
import { isMap, type Json } from './json.js';

type Key = (item: Record<string, unknown>) => string | undefined;

const field = (...names: string[]): Key => (item) => (names.every((n) => item[n] === undefined) ? undefined : JSON.stringify(names.map((n) => item[n] ?? null)));
const protocolled = (port: string): Key => (item) => (item[port] === undefined ? undefined : JSON.stringify([item[port], item.protocol ?? 'TCP']));

/** The merge key of each list of named items in the kinds stackc writes (the API's patchMergeKey). */
const MERGE_KEYS: Record<string, (items: readonly unknown[]) => Key> = {
  containers: () => field('name'),
  initContainers: () => field('name'),
  ephemeralContainers: () => field('name'),
  volumes: () => field('name'),
  env: () => field('name'),
  imagePullSecrets: () => field('name'),
  resourceClaims: () => field('name'),
  volumeMounts: () => field('mountPath'),
  volumeDevices: () => field('devicePath'),
  hostAliases: () => field('ip'),
  readinessGates: () => field('conditionType'),
  topologySpreadConstraints: () => field('topologyKey', 'whenUnsatisfiable'),
  // A container's ports are keyed by containerPort, a Service's by port (each with its protocol).
  ports: (items) => (items.some((i) => isMap(i) && i.containerPort !== undefined) ? protocolled('containerPort') : protocolled('port')),
};

/** `object` with `patch` merged in; neither is changed. */
export function strategicMerge(object: unknown, patch: unknown): Json {
  return mergeValue(object, patch, undefined) ?? {};
}

function mergeValue(original: unknown, patch: unknown, name: string | undefined): Json | undefined {
  if (isMap(patch)) {
    if (patch.$patch === 'delete') return undefined;
    if (patch.$patch === 'replace' || !isMap(original)) return clean(patch);
    const out: Record<string, Json> = { ...(original as Record<string, Json>) };
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$')) continue;
      const merged = value === null ? undefined : mergeValue(out[key], value, key);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(original) && name && MERGE_KEYS[name]) return mergeList(original, patch, MERGE_KEYS[name]([...original, ...patch]));
  return clean(patch);
}

function mergeList(original: readonly unknown[], patch: readonly unknown[], keyOf: Key): Json[] {
  const key = (item: unknown) => (isMap(item) ? keyOf(item) : undefined);
  const mentioned = new Set(patch.map(key).filter((k) => k !== undefined));
  const out: Json[] = [];
  for (const item of patch) {
    const k = key(item);
    const existing = k === undefined ? undefined : original.find((o) => key(o) === k);
    const merged = existing === undefined ? (isMap(item) && item.$patch === 'delete' ? undefined : clean(item)) : mergeValue(existing, item, undefined);
    if (merged !== undefined) out.push(merged);
  }
  for (const item of original) if (!mentioned.has(key(item) as string)) out.push(structuredClone(item) as Json);
  return out;
}

/** A patch value as it lands in the object: its `$patch` directives and null keys dropped. */
function clean(value: unknown): Json {
  if (Array.isArray(value)) return value.filter((v) => !(isMap(v) && v.$patch === 'delete')).map(clean);
  if (!isMap(value)) return value as Json;
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => !k.startsWith('$') && v !== null).map(([k, v]) => [k, clean(v)]));
}
