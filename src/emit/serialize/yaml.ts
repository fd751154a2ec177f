import { Document, isScalar, type Scalar, type CreateNodeOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import { OTHER_READERS } from './retyped-scalars.js';

const DOC_OPTIONS: DocumentOptions & SchemaOptions & CreateNodeOptions = { version: '1.1', compat: OTHER_READERS, aliasDuplicateObjects: false };
const STRING_OPTIONS = { lineWidth: 0, indentSeq: true, directives: false, flowCollectionPadding: true } as const;

/**
 * Stable YAML for generated files: block style, keys in the order the emitter built them, no
 * anchors, no line folding, final newline. Strings are quoted wherever a YAML 1.1 or 1.2 reader
 * (kubectl and kustomize's go-yaml, PyYAML, Psych, 1.2 core) would read them as something else:
 * `"yes"`, `"on"`, `"0777"`, `"22:22"`, `"0o17"`, `"08"` (retyped-scalars.ts).
 *
 * Plain data (objects, arrays, scalars) takes a fast path that lays out the block structure itself
 * and asks the `yaml` library only how to write each distinct scalar (memoized): building a `yaml`
 * Document per file cost ~3 s of a 1000-service build. The output is byte-for-byte what the
 * library writes (test/serialize-yaml.test.ts compares them on generated data). A map value may
 * be a `Scalar` with a one-line comment after it (a workflow's `uses: <repo>@<sha> # v7.0.1`);
 * anything else — other YAML nodes, Maps, Dates, class instances — goes through the library.
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

/** Drops keys whose value is `undefined`, so emitters can write `{ a: maybe }` without clutter. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// The fast path

/** Thrown inside the fast path when a value needs the library; never escapes `fastYaml`. */
const FALLBACK = Symbol('fallback');

/**
 * Comments above map keys, by key path joined with NUL (`services\0api`), each line as the `yaml`
 * library's `commentBefore` holds it (`' text'`): what targets/compose/comments.ts attaches.
 */
export type KeyComments = ReadonlyMap<string, readonly string[]>;

interface Walk {
  /** Treat `Map`s as maps in insertion order (string keys only), as comments.ts does. */
  maps: boolean;
  comments?: KeyComments;
  /** The key path of the map being written, while it is reachable through maps only. */
  path?: string[];
  /** Comments written so far; any left over means a path the value does not have. */
  used: number;
}

/**
 * `value` as YAML, or undefined when it is not plain data the fast path handles. With `comments`
 * (and `maps`), what `toYaml(withComments(value, comments))` writes in targets/compose/comments.ts.
 */
export function fastYaml(value: unknown, options: { maps?: boolean; comments?: KeyComments } = {}): string | undefined {
  const walk: Walk = { maps: options.maps ?? false, used: 0, ...(options.comments?.size ? { comments: options.comments, path: [] } : {}) };
  if (!isMapLike(value, walk) && !Array.isArray(value)) return undefined;
  const lines: string[] = [];
  try {
    if (Array.isArray(value)) {
      if (value.length === 0) return walk.comments ? undefined : '[]\n';
      seq(value, 0, lines, walk);
    } else {
      if (!hasEntries(value, walk)) return walk.comments ? undefined : '{}\n';
      map(value, 0, lines, walk);
    }
  } catch (error) {
    if (error === FALLBACK) return undefined;
    throw error;
  }
  if (walk.comments && walk.used !== walk.comments.size) return undefined;
  return `${lines.join('\n')}\n`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

// With `maps` (comments.ts's node tree), only Object.prototype objects are maps: others go through
// the library's createNode there, which anchors repeated objects; leave those to it.
const isMapLike = (v: unknown, walk: Walk): boolean =>
  walk.maps ? v instanceof Map || (isPlainObject(v) && Object.getPrototypeOf(v) === Object.prototype) : isPlainObject(v);

function entriesOf(o: unknown): [string, unknown][] {
  if (!(o instanceof Map)) return Object.entries(o as Record<string, unknown>);
  const out: [string, unknown][] = [];
  for (const [k, v] of o) {
    if (typeof k !== 'string') throw FALLBACK;
    out.push([k, v]);
  }
  return out;
}

function hasEntries(o: unknown, walk: Walk): boolean {
  if (walk.maps && o instanceof Map) {
    for (const v of o.values()) if (v !== undefined) return true;
    return false;
  }
  const r = o as Record<string, unknown>;
  for (const k in r) if (Object.hasOwn(r, k) && r[k] !== undefined) return true;
  return false;
}

const pads: string[] = [];
const pad = (n: number): string => (pads[n] ??= ' '.repeat(n));

function map(o: unknown, indent: number, lines: string[], walk: Walk): void {
  const p = pad(indent);
  for (const [k, v] of entriesOf(o)) {
    if (v === undefined) continue;
    if (walk.path) {
      walk.path.push(k);
      const comment = walk.comments!.get(walk.path.join('\u0000'));
      if (comment) {
        walk.used++;
        for (const line of comment) lines.push(line.trim() === '' ? `${p}#` : `${p}#${line}`);
      }
    }
    const head = `${p}${keyText(k, indent === 0 ? topKeyCache : nestedKeyCache, indent === 0 ? 0 : 2)}:`;
    if (Array.isArray(v)) {
      if (v.length === 0) lines.push(`${head} []`);
      else {
        lines.push(head);
        const path = walk.path;
        delete walk.path; // comments attach to keys reached through maps only
        seq(v, indent + 2, lines, walk);
        if (path) walk.path = path;
      }
    } else if (isMapLike(v, walk)) {
      if (!hasEntries(v, walk)) lines.push(`${head} {}`);
      else {
        lines.push(head);
        map(v, indent + 2, lines, walk);
      }
    } else if (isScalar(v)) {
      lines.push(`${head} ${trailingCommented(v)}`);
    } else {
      lines.push(`${head} ${scalarText(v, valueCache, valueRender, indent)}`);
    }
    walk.path?.pop();
  }
}

function seq(a: readonly unknown[], indent: number, lines: string[], walk: Walk): void {
  const p = pad(indent);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] === undefined ? null : a[i];
    if (Array.isArray(v) || isMapLike(v, walk)) {
      const empty = Array.isArray(v) ? v.length === 0 : !hasEntries(v, walk);
      if (empty) {
        lines.push(`${p}- ${Array.isArray(v) ? '[]' : '{}'}`);
        continue;
      }
      // The nested collection's first line shares the dash's line: `- key: value`, `- - item`.
      const first = lines.length;
      if (Array.isArray(v)) seq(v, indent + 2, lines, walk);
      else map(v, indent + 2, lines, walk);
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

// Letter-first words of letters, digits and `_ . / @ = : -` are plain for the library in every position
// unless YAML 1.1 reads them as booleans, null or an exponent-only float (`e3`; other numbers,
// dates and `.inf` start otherwise, and the other readers of retyped-scalars.ts type no other
// letter-first word): answered here, as most unique strings (names, images, paths)
// are these. The property test in test/serialize-yaml.test.ts holds this to the library.
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9_./@=:-]*$/;
const RESERVED_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|[eE][-+]?[0-9].*)$/;
// `:` only inside (`redis://db:6379`); a trailing one would read as a key.
const safePlain = (v: string): boolean => SAFE_PLAIN.test(v) && !v.endsWith(':') && !RESERVED_WORDS.test(v);

function scalarText(v: unknown, cache: Map<unknown, string>, render: (v: unknown) => string, indent: number): string {
  if (typeof v === 'string' && safePlain(v)) return v;
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

// A comment the library writes as it is: a space, then printable ASCII with no space at either end.
const SIMPLE_COMMENT = /^ [\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** A plain string with a one-line comment after it (`value # comment`), and nothing else set on the node. */
function trailingCommented(node: Scalar): string {
  const { value, comment } = node;
  const plain = typeof value === 'string' && safePlain(value);
  if (!plain || !comment || !SIMPLE_COMMENT.test(comment) || node.commentBefore || node.tag || node.type || node.anchor || node.spaceBefore) throw FALLBACK;
  return `${value} #${comment}`;
}

function keyText(k: string, cache: Map<string, string>, indent: 0 | 2): string {
  if (k.length < 1000 && safePlain(k)) return k; // longer keys take the explicit `? key` form
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
