// Merging compose files the way `docker compose -f a.yaml -f b.yaml` does (the Compose
// specification's merge rules): maps merge key by key; `command`, `entrypoint` and
// `healthcheck.test` are replaced; `volumes` merge by mount target; other lists are appended
// without duplicates; `environment`, `labels`, `depends_on`, ... merge as maps whichever syntax
// each file uses; `!reset` removes a value and `!override` replaces it.
import type { CEntry, CMap, CNode, CScalar, CSeq } from './tree.js';

/** Keys of a service whose list syntax (`- KEY=value`, `- name`) is a map in disguise. */
const MAPPING_KEYS = new Set(['environment', 'labels', 'annotations', 'sysctls', 'depends_on', 'networks', 'links_map']);
const REPLACED_LISTS = new Set(['command', 'entrypoint', 'test', 'dns', 'dns_search', 'tmpfs', 'env_file_replaced']);

/** Converts list syntax to map syntax where Compose treats both the same, in place. */
export function canonicalizeService(service: CNode): void {
  if (service.kind !== 'map') return;
  for (const e of service.entries) {
    if (MAPPING_KEYS.has(e.key) && e.value.kind === 'seq') e.value = listToMap(e.value, e.key === 'environment' || e.key === 'labels' || e.key === 'annotations' || e.key === 'sysctls');
    if (e.key === 'env_file' && e.value.kind === 'scalar') e.value = { kind: 'seq', items: [e.value], at: e.value.at };
    if (e.key === 'build' && e.value.kind === 'map') {
      for (const b of e.value.entries) if (b.key === 'args' && b.value.kind === 'seq') b.value = listToMap(b.value, true);
    }
    if (e.key === 'build' && e.value.kind === 'scalar') {
      const s = e.value;
      e.value = { kind: 'map', entries: [{ key: 'context', keyAt: s.at, value: s }], at: s.at };
    }
  }
}

function listToMap(seq: CSeq, withValues: boolean): CMap {
  const entries: CEntry[] = [];
  for (const item of seq.items) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const text = String(item.value);
    const eq = withValues ? text.indexOf('=') : -1;
    const key = eq >= 0 ? text.slice(0, eq) : text;
    const value: CScalar = eq >= 0
      ? { ...item, value: text.slice(eq + 1), raw: rawAfterEquals(item.raw) }
      : { ...item, value: null, raw: '' };
    const existing = entries.findIndex((x) => x.key === key);
    if (existing >= 0) entries.splice(existing, 1);
    entries.push({ key, keyAt: item.at, value });
  }
  return { kind: 'map', entries, at: seq.at };
}

const rawAfterEquals = (raw: string): string => {
  const unquoted = raw.replace(/^(['"])([\s\S]*)\1$/, '$2');
  const eq = unquoted.indexOf('=');
  return eq >= 0 ? unquoted.slice(eq + 1) : '';
};

/** The mount target of a `volumes` entry (short or long syntax), for merging by target. */
export function volumeTarget(node: CNode): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const parts = splitVolume(node.value);
    return parts.length === 1 ? parts[0] : parts[1];
  }
  if (node.kind === 'map') {
    const t = node.entries.find((e) => e.key === 'target')?.value;
    return t?.kind === 'scalar' && t.value !== null ? String(t.value) : undefined;
  }
  return undefined;
}

/** `src:dst[:mode]`, keeping Windows drive letters (`C:\x:/y`) together. */
export function splitVolume(text: string): string[] {
  const parts = text.split(':');
  if (parts.length > 1 && /^[A-Za-z]$/.test(parts[0]!) && /^[\\/]/.test(parts[1]!)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  return parts;
}

/** Merges `over` into `base` (both canonical) and returns the result; inputs are not modified. */
export function mergeNodes(base: CNode | undefined, over: CNode, path: readonly string[] = []): CNode | undefined {
  if (over.kind === 'reset') return undefined;
  if (!base || base.kind === 'reset' || (over.kind !== 'scalar' && over.override)) return over;
  const key = path.at(-1) ?? '';
  if (base.kind === 'map' && over.kind === 'map') {
    const entries = base.entries.map((e) => ({ ...e }));
    for (const o of over.entries) {
      const i = entries.findIndex((e) => e.key === o.key);
      const merged = mergeNodes(i >= 0 ? entries[i]!.value : undefined, o.value, [...path, o.key]);
      if (merged === undefined) {
        if (i >= 0) entries.splice(i, 1);
      } else if (i >= 0) entries[i] = { key: o.key, keyAt: o.keyAt, value: merged };
      else entries.push({ key: o.key, keyAt: o.keyAt, value: merged });
    }
    return { kind: 'map', entries, at: over.at };
  }
  if (base.kind === 'seq' && over.kind === 'seq') {
    if (REPLACED_LISTS.has(key)) return over;
    if (key === 'volumes' && path.length === 3) {
      const items = [...base.items];
      for (const o of over.items) {
        const target = volumeTarget(o);
        const i = target === undefined ? -1 : items.findIndex((b) => volumeTarget(b) === target);
        if (i >= 0) items[i] = o;
        else items.push(o);
      }
      return { kind: 'seq', items, at: over.at };
    }
    const seen = new Set(base.items.map(identity));
    return { kind: 'seq', items: [...base.items, ...over.items.filter((o) => !seen.has(identity(o)))], at: over.at };
  }
  return over;
}

function identity(node: CNode): string {
  if (node.kind === 'scalar') return JSON.stringify(node.value);
  if (node.kind === 'seq') return `[${node.items.map(identity).join(',')}]`;
  if (node.kind === 'map') return `{${node.entries.map((e) => `${JSON.stringify(e.key)}:${identity(e.value)}`).join(',')}}`;
  return 'reset';
}

/** Merges whole compose files (their root maps), after canonicalizing each service. */
export function mergeFiles(roots: CMap[]): CMap {
  let merged: CNode | undefined;
  for (const root of roots) {
    const services = root.entries.find((e) => e.key === 'services')?.value;
    if (services?.kind === 'map') for (const s of services.entries) canonicalizeService(s.value);
    merged = merged ? mergeNodes(merged, root) : root;
  }
  return merged as CMap;
}
