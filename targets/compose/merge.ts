// The Compose merge rules (https://docs.docker.com/reference/compose-file/merge/), by which
// `targets.compose.patches` merge into the generated file as `docker compose -f compose.yaml -f
// patch.yaml` would merge a second file: maps merge; sequences append, except `command`,
// `entrypoint` and `healthcheck.test`, which replace, and the unique resources of a service
// (`ports`, `volumes`, `secrets`, `configs`), where an entry with the same unique key replaces the
// old one and others append; `environment` and `labels` merge as maps whichever syntax each side
// uses. `null` removes a key, as Compose's `!reset` does (stack.yaml has no YAML tags).

type MapLike = Map<string, unknown> | Record<string, unknown>;
const isMapLike = (v: unknown): v is MapLike => v instanceof Map || (typeof v === 'object' && v !== null && !Array.isArray(v));
const entriesOf = (m: MapLike): [string, unknown][] => (m instanceof Map ? [...m] : Object.entries(m));

const REPLACED = new Set(['command', 'entrypoint']);
const AS_MAPS = new Set(['environment', 'labels', 'annotations']);

/** `base` with `patch` merged in at `path` (the keys above it, `['services', 'api']`); neither is changed. */
export function composeMerge(base: unknown, patch: unknown, path: readonly string[] = []): unknown {
  const key = path.at(-1) ?? '';
  const inService = path.length === 3 && path[0] === 'services';
  if (AS_MAPS.has(key) && inService && (Array.isArray(patch) || Array.isArray(base))) return composeMerge(asMap(base), asMap(patch), [...path.slice(0, -1), `${key}#map`]);
  if (isMapLike(patch)) {
    if (!isMapLike(base)) return clean(patch);
    const out = base instanceof Map ? new Map(base) : { ...base };
    for (const [k, v] of entriesOf(patch)) {
      const old = out instanceof Map ? out.get(k) : out[k];
      const merged = v === null ? undefined : composeMerge(old, v, [...path, k]);
      if (out instanceof Map) merged === undefined ? out.delete(k) : out.set(k, merged);
      else if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(base)) {
    if (REPLACED.has(key) || path.slice(-2).join('.') === 'healthcheck.test') return clean(patch);
    const unique = inService ? UNIQUE_KEYS[key] : undefined;
    if (!unique) return [...base, ...clean(patch)];
    const out = [...base];
    for (const item of clean(patch)) {
      const at = out.findIndex((o) => unique(o) === unique(item));
      if (at >= 0) out[at] = isMapLike(out[at]) && isMapLike(item) ? composeMerge(out[at], item, [...path, String(at)]) : item;
      else out.push(item);
    }
    return out;
  }
  return clean(patch);
}

/** `KEY=value` lines (and `KEY` alone) as a map, as Compose reads `environment` and `labels` lists. */
function asMap(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return Object.fromEntries(v.map((line) => String(line)).map((line) => (line.includes('=') ? [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] : [line, null])));
}

function clean(v: unknown): any {
  if (Array.isArray(v)) return v.map(clean);
  if (!isMapLike(v)) return v;
  return Object.fromEntries(entriesOf(v).filter(([, x]) => x !== null).map(([k, x]) => [k, clean(x)]));
}

const field = (o: unknown, k: string): unknown => (isMapLike(o) ? entriesOf(o).find(([key]) => key === k)?.[1] : undefined);

/** The unique key of each entry of a service's unique resources (the merge page's table). */
const UNIQUE_KEYS: Record<string, (entry: unknown) => string> = {
  volumes: (e) => String(typeof e === 'string' ? (e.split(':')[1] ?? e.split(':')[0]) : field(e, 'target')),
  secrets: (e) => (typeof e === 'string' ? `/run/secrets/${e}` : String(field(e, 'target') ?? `/run/secrets/${String(field(e, 'source'))}`)),
  configs: (e) => (typeof e === 'string' ? `/${e}` : String(field(e, 'target') ?? `/${String(field(e, 'source'))}`)),
  ports: (e) => JSON.stringify(portKey(e)),
};

/** `{ip, target, published, protocol}` of a port, short syntax (`127.0.0.1:8080:80/udp`) or long. */
function portKey(e: unknown): [string, string, string, string] {
  if (isMapLike(e)) return [String(field(e, 'host_ip') ?? ''), String(field(e, 'target') ?? ''), String(field(e, 'published') ?? ''), String(field(e, 'protocol') ?? 'tcp')];
  const [spec, protocol = 'tcp'] = String(e).split('/');
  const parts = spec!.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop() ?? '';
  return [parts.join(':'), target, published, protocol];
}

/** Maps as plain objects, for comparing a document before and after a patch. */
export function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (!isMapLike(v)) return v;
  return Object.fromEntries(entriesOf(v).map(([k, x]) => [k, plain(x)]));
}

/** Whether `path` (`['services', 'api', 'ports']`) names a key of `doc`. */
export function hasPath(doc: unknown, path: readonly string[]): boolean {
  let cur = doc;
  for (const k of path) {
    if (!isMapLike(cur) || field(cur, k) === undefined) return false;
    cur = field(cur, k);
  }
  return true;
}
