import { Document } from 'yaml';

const DOC_OPTIONS = { version: '1.1', aliasDuplicateObjects: false } as const;
const STRING_OPTIONS = { lineWidth: 0, indentSeq: true, directives: false, flowCollectionPadding: true } as const;

/**
 * Stable YAML for generated files: block style, keys in the order the emitter built them, no
 * anchors, no line folding, final newline. Strings are quoted wherever a YAML 1.1 reader (kubectl,
 * PyYAML, older go-yaml) would read them as something else: `"yes"`, `"on"`, `"0777"`, `"22:22"`.
 *
 * Plain data (objects, arrays, scalars) takes a fast path that lays out the block structure itself
 * and asks the `yaml` library only how to write each distinct scalar (memoized): building a `yaml`
 * Document per file cost ~3 s of a 1000-service build. The output is byte-for-byte what the
 * library writes (test/build/yaml-fast-path.test.ts compares them on generated data); anything
 * else — YAML nodes with comments, Maps, Dates, class instances — goes through the library.
 */
export function toYaml(value: unknown): string {
  const fast = fastYaml(value);
  if (fast !== undefined) return fast;
  return libraryYaml(value);
}

/** The reference rendering: the `yaml` library on its own. */
export function libraryYaml(value: unknown): string {
  return new Document(value, DOC_OPTIONS).toString(STRING_OPTIONS);
}

/** Several documents in one file, separated by `---`. */
export const toYamlStream = (values: readonly unknown[]): string => values.map(toYaml).join('---\n');

/** Drops keys whose value is `undefined`, so emitters can write `{ a: maybe }` without clutter. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// The fast path

/** Thrown inside the fast path when a value needs the library; never escapes `fastYaml`. */
const FALLBACK = Symbol('fallback');

/** `value` as YAML, or undefined when it is not plain data the fast path handles. */
export function fastYaml(value: unknown): string | undefined {
  if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
  const lines: string[] = [];
  try {
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]\n';
      seq(value, 0, lines);
    } else {
      if (!hasEntries(value)) return '{}\n';
      map(value, 0, lines);
    }
  } catch (error) {
    if (error === FALLBACK) return undefined;
    throw error;
  }
  return `${lines.join('\n')}\n`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

function hasEntries(o: Record<string, unknown>): boolean {
  for (const k in o) if (Object.hasOwn(o, k) && o[k] !== undefined) return true;
  return false;
}

const pads: string[] = [];
const pad = (n: number): string => (pads[n] ??= ' '.repeat(n));

function map(o: Record<string, unknown>, indent: number, lines: string[]): void {
  const p = pad(indent);
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined) continue;
    const head = `${p}${keyText(k, indent === 0 ? topKeyCache : nestedKeyCache, indent === 0 ? 0 : 2)}:`;
    if (Array.isArray(v)) {
      if (v.length === 0) lines.push(`${head} []`);
      else {
        lines.push(head);
        seq(v, indent + 2, lines);
      }
    } else if (isPlainObject(v)) {
      if (!hasEntries(v)) lines.push(`${head} {}`);
      else {
        lines.push(head);
        map(v, indent + 2, lines);
      }
    } else {
      lines.push(`${head} ${scalarText(v, valueCache, valueRender, indent)}`);
    }
  }
}

function seq(a: readonly unknown[], indent: number, lines: string[]): void {
  const p = pad(indent);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] === undefined ? null : a[i];
    if (Array.isArray(v) || isPlainObject(v)) {
      const empty = Array.isArray(v) ? v.length === 0 : !hasEntries(v);
      if (empty) {
        lines.push(`${p}- ${Array.isArray(v) ? '[]' : '{}'}`);
        continue;
      }
      // The nested collection's first line shares the dash's line: `- key: value`, `- - item`.
      const first = lines.length;
      if (Array.isArray(v)) seq(v, indent + 2, lines);
      else map(v, indent + 2, lines);
      lines[first] = `${p}- ${lines[first]!.slice(indent + 2)}`;
    } else {
      lines.push(`${p}- ${scalarText(v, itemCache, itemRender, indent)}`);
    }
  }
}

// Scalars: how the library writes each distinct one, in a value (`key: x`) or item (`- x`)
// position, rendered at column 0 and re-indented for block scalars (`|`), whose content lines sit
// two columns right of their key or dash.
const valueCache = new Map<unknown, string>();
const itemCache = new Map<unknown, string>();
// Keys at column 0 differ from nested ones: `...` and `---` there would end or start a document.
const topKeyCache = new Map<string, string>();
const nestedKeyCache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

const valueRender = (v: unknown): string => libraryYaml({ x: v }).slice(3, -1);
const itemRender = (v: unknown): string => libraryYaml([v]).slice(2, -1);

function scalarText(v: unknown, cache: Map<unknown, string>, render: (v: unknown) => string, indent: number): string {
  if (v === null || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
    if (v !== null) throw FALLBACK;
  }
  // The cache's SameValueZero keys would mix up 0 and -0, which the library writes as `-0`.
  let text = Object.is(v, -0) ? render(v) : cache.get(v);
  if (text === undefined) {
    text = render(v);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(v, text);
  }
  if (indent === 0 || !text.includes('\n')) return text;
  const p = pad(indent);
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : p + line)).join('\n');
}

function keyText(k: string, cache: Map<string, string>, indent: 0 | 2): string {
  let text = cache.get(k);
  if (text === undefined) {
    if (k === '<<') throw FALLBACK;
    const rendered = indent === 0 ? libraryYaml({ [k]: null }) : libraryYaml({ x: { [k]: null } }).slice('x:\n  '.length);
    // A key the library writes in the explicit `? key` form (multi-line, very long) is left to it.
    if (!rendered.endsWith(': null\n') || rendered.indexOf('\n') !== rendered.length - 1) throw FALLBACK;
    text = rendered.slice(0, -': null\n'.length);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(k, text);
  }
  return text;
}
