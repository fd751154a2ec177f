// Semantic comparison of parsed documents. Map key order never matters. Lists of maps that carry
// an identity field (`name`, `id`, ...) are matched by it; lists that are sets (kustomization
// `resources`, compose `depends_on`, capability `drop`, ...) are compared as sets; everything else
// is compared in order. Order still matters, and is reported, where the platform runs things in
// sequence (workflow `steps`, `initContainers`, Vercel routing rules).
import { isObject, type FieldChange, type Json, type Segment } from './model.js';

/** Lists whose items, matched by identity, run or apply in order. */
const ORDERED_KEYED = new Set(['steps', 'initContainers', 'rewrites', 'redirects', 'headers', 'routes', 'env_file']);

/** Lists whose order means nothing. */
const SET_LIKE = new Set([
  'resources', // kustomization
  'depends_on',
  'secrets',
  'networks',
  'profiles',
  'drop',
  'add',
  'cap_drop',
  'cap_add',
  'security_opt',
  'accessModes',
  'needs',
  'branches',
  'branches-ignore',
  'tags',
  'tags-ignore',
  'paths',
  'paths-ignore',
  'watchPatterns',
  'ports',
  'expose',
  'volumes',
  'tmpfs',
  'extra_hosts',
  'hosts',
  'from',
  'to',
  'ingress',
  'egress',
  'policyTypes',
  'tolerations',
  'topologySpreadConstraints',
  'tls',
  'rules',
  'processes',
  'values', // matchExpressions (operator In / NotIn)
]);

/** Fields that identify an item of a list of maps, in order of preference. */
const IDENTITY_FIELDS = ['name', 'id', 'key', 'source', 'mountPath', 'containerPort', 'path'];

const lastKey = (path: readonly Segment[]): string | undefined => {
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i];
    if (typeof s === 'string') return s;
    if (typeof s === 'object') return undefined; // inside a list item: the item's own keys decide
  }
  return undefined;
};

/** Canonical JSON: keys sorted, so equal values give equal text. */
export function canonical(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** The field identifying every item of both lists, or `undefined`. */
function identityField(a: readonly Json[], b: readonly Json[]): string | undefined {
  const all = [...a, ...b];
  if (all.length === 0 || !all.every(isObject)) return undefined;
  for (const field of IDENTITY_FIELDS) {
    const ok = [a, b].every((list) => {
      const seen = new Set<string>();
      for (const item of list) {
        const v = (item as Record<string, Json>)[field];
        if (typeof v !== 'string' && typeof v !== 'number') return false;
        if (seen.has(String(v))) return false;
        seen.add(String(v));
      }
      return true;
    });
    if (ok) return field;
  }
  return undefined;
}

type ListMode = { kind: 'keyed'; field: string; ordered: boolean } | { kind: 'set' } | { kind: 'ordered' };

function listMode(path: readonly Segment[], a: readonly Json[], b: readonly Json[]): ListMode {
  const key = lastKey(path);
  const field = identityField(a, b);
  if (field) return { kind: 'keyed', field, ordered: key !== undefined && ORDERED_KEYED.has(key) };
  if (key !== undefined && SET_LIKE.has(key)) return { kind: 'set' };
  return { kind: 'ordered' };
}

const idOf = (item: Json, field: string): string => String((item as Record<string, Json>)[field]);

/** Field-level differences between two values (either may be absent). */
export function compareValues(before: Json | undefined, after: Json | undefined, path: Segment[] = []): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [change(path, 'add', undefined, after)];
  if (after === undefined) return [change(path, 'remove', before, undefined)];
  if (isObject(before) && isObject(after)) {
    const out: FieldChange[] = [];
    for (const key of unionKeys(before, after)) out.push(...compareValues(before[key], after[key], [...path, key]));
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) return compareLists(before, after, path);
  if (canonical(before) === canonical(after)) return [];
  return [change(path, 'change', before, after)];
}

function compareLists(before: Json[], after: Json[], path: Segment[]): FieldChange[] {
  const mode = listMode(path, before, after);
  if (mode.kind === 'keyed') {
    const out: FieldChange[] = [];
    const b = new Map(before.map((item) => [idOf(item, mode.field), item]));
    const a = new Map(after.map((item) => [idOf(item, mode.field), item]));
    const ids = [...a.keys(), ...[...b.keys()].filter((id) => !a.has(id))];
    for (const id of ids) out.push(...compareValues(b.get(id), a.get(id), [...path, { field: mode.field, id }]));
    if (mode.ordered) {
      const common = (m: Map<string, Json>, other: Map<string, Json>) => [...m.keys()].filter((id) => other.has(id));
      if (common(b, a).join('\u0000') !== common(a, b).join('\u0000')) out.push(change(path, 'order', before, after));
    }
    return out;
  }
  if (mode.kind === 'set') {
    const count = (list: Json[]) => {
      const m = new Map<string, { item: Json; n: number }>();
      for (const item of list) {
        const k = canonical(item);
        const e = m.get(k);
        if (e) e.n++;
        else m.set(k, { item, n: 1 });
      }
      return m;
    };
    const b = count(before);
    const a = count(after);
    const out: FieldChange[] = [];
    const setPath: Segment[] = [...path, { set: true }];
    for (const [k, { item, n }] of b) for (let i = (a.get(k)?.n ?? 0); i < n; i++) out.push(change(setPath, 'remove', item, undefined));
    for (const [k, { item, n }] of a) for (let i = (b.get(k)?.n ?? 0); i < n; i++) out.push(change(setPath, 'add', undefined, item));
    return out;
  }
  if (canonical(before) === canonical(after)) return [];
  // Lists of scalars (commands, args) read best as one value; lists of maps are compared item by item.
  if (before.every((v) => !isObject(v) && !Array.isArray(v)) && after.every((v) => !isObject(v) && !Array.isArray(v))) return [change(path, 'change', before, after)];
  const sameItems = before.length === after.length && [...before].map(canonical).sort().join('\u0000') === [...after].map(canonical).sort().join('\u0000');
  if (sameItems) return [change(path, 'order', before, after)];
  const out: FieldChange[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...compareValues(before[i], after[i], [...path, i]));
  return out;
}

function unionKeys(a: Record<string, Json>, b: Record<string, Json>): string[] {
  return [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
}

function change(segments: Segment[], action: FieldChange['action'], before: Json | undefined, after: Json | undefined): FieldChange {
  return { path: pathText(segments), segments, action, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

/** `spec.template.spec.containers[api].image`; keys that are not plain words are quoted. */
export function pathText(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string') out += /^[A-Za-z_$][\w$-]*$/.test(s) ? `${out ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`;
    else if ('set' in s) out += '[]';
    else out += `[${s.id}]`;
  }
  return out;
}

/**
 * `before` rearranged to follow `after`'s order wherever order means nothing (map keys, keyed and
 * set-like lists), so a line diff of the two shows only real changes.
 */
export function alignTo(before: Json, after: Json | undefined, path: Segment[] = []): Json {
  if (after === undefined) return before;
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(after).filter((k) => k in before), ...Object.keys(before).filter((k) => !(k in after))];
    return Object.fromEntries(keys.map((k) => [k, alignTo(before[k]!, after[k], [...path, k])]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const mode = listMode(path, before, after);
    if (mode.kind === 'keyed') {
      const a = new Map(after.map((item) => [idOf(item, mode.field), item]));
      const aligned = (item: Json) => alignTo(item, a.get(idOf(item, mode.field)), [...path, { field: mode.field, id: idOf(item, mode.field) }]);
      if (mode.ordered) return before.map(aligned);
      const rank = new Map([...a.keys()].map((id, i) => [id, i]));
      return [...before].sort((x, y) => (rank.get(idOf(x, mode.field)) ?? Infinity) - (rank.get(idOf(y, mode.field)) ?? Infinity)).map(aligned);
    }
    if (mode.kind === 'set') {
      const rank = new Map<string, number>();
      after.forEach((item, i) => {
        const k = canonical(item);
        if (!rank.has(k)) rank.set(k, i);
      });
      return [...before].sort((x, y) => (rank.get(canonical(x)) ?? Infinity) - (rank.get(canonical(y)) ?? Infinity));
    }
    return before.map((item, i) => alignTo(item, after[i], [...path, i]));
  }
  return before;
}

/** Scalars and lists of scalars under a value, each with its path: what the risk rules look at. */
export interface Leaf {
  segments: Segment[];
  before?: Json;
  after?: Json;
}

/** The changes, with added and removed subtrees opened up into their leaves. */
export function leaves(changes: readonly FieldChange[]): Leaf[] {
  const out: Leaf[] = [];
  const open = (value: Json | undefined, segments: Segment[], side: 'before' | 'after') => {
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) open(v, [...segments, k], side);
    } else if (Array.isArray(value) && value.some((v) => isObject(v) || Array.isArray(v))) {
      value.forEach((v, i) => open(v, [...segments, isObject(v) && typeof v.name === 'string' ? { field: 'name', id: v.name } : i], side));
    } else if (value !== undefined) {
      out.push({ segments, [side]: value });
    }
  };
  for (const c of changes) {
    if (c.action === 'order') continue;
    const structured = (v: Json | undefined) => isObject(v) || (Array.isArray(v) && v.some((x) => isObject(x) || Array.isArray(x)));
    if (c.action === 'change' && !structured(c.before) && !structured(c.after)) out.push({ segments: c.segments, before: c.before, after: c.after });
    else {
      open(c.before, c.segments, 'before');
      open(c.after, c.segments, 'after');
    }
  }
  return out;
}
