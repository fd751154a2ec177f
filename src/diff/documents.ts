// Generated files as data: parse each by its format (YAML streams, JSON, TOML, env files) so the
// comparison sees documents, not lines; render them back in one canonical style for line diffs.
// Files that are not data (a Markdown setup page, a plugin's Procfile) are compared as lines.
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { toYaml } from '../emit/serialize/yaml.js';
import { isObject, type Json } from './model.js';

export type Format = 'yaml' | 'json' | 'toml' | 'env' | 'text';

export function formatOf(path: string): Format {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/\.json$/i.test(name)) return 'json';
  if (/\.toml$/i.test(name)) return 'toml';
  if (/^\.env(\..+)?$/.test(name) || /\.env$/.test(name) || /^\.env\..*example$/.test(name)) return 'env';
  return 'text';
}

export type Parsed = { format: Exclude<Format, 'text'>; docs: Json[] } | { format: 'text'; lines: string[]; reason?: string };

const cache = new Map<string, Parsed>();

/** Parses a file; a data file that does not parse (a broken hand edit) falls back to text, with the reason. */
export function parseFile(path: string, content: string): Parsed {
  const format = formatOf(path);
  const key = `${format}\u0000${content}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let parsed: Parsed;
  try {
    parsed = format === 'text' ? textOf(content) : { format, docs: parseData(format, content) };
  } catch (error) {
    parsed = { ...textOf(content), reason: `${format === 'env' ? 'env file' : format.toUpperCase()} that does not parse (${firstLine((error as Error).message)}): compared as text` };
  }
  cache.set(key, parsed);
  return parsed;
}

const firstLine = (s: string): string => s.split('\n')[0]!.slice(0, 120);
const textOf = (content: string): { format: 'text'; lines: string[] } => ({ format: 'text', lines: content.split('\n') });

function parseData(format: Exclude<Format, 'text'>, content: string): Json[] {
  switch (format) {
    case 'yaml': {
      const docs = parseAllDocuments(content, { merge: true, uniqueKeys: true, prettyErrors: false });
      if (!Array.isArray(docs)) return [];
      const out: Json[] = [];
      for (const doc of docs) {
        if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
        const value = toJson(doc.toJS({ maxAliasCount: 1000 }));
        if (value !== null) out.push(value);
      }
      return out;
    }
    case 'json':
      return [toJson(JSON.parse(content))];
    case 'toml':
      return [toJson(parseToml(content))];
    case 'env':
      return [parseEnv(content)];
  }
}

/** `NAME=value` lines (optionally `export NAME=value`); comments and blank lines are not data. */
function parseEnv(content: string): Json {
  const out: Record<string, Json> = {};
  for (const [i, raw] of content.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1} is not NAME=value`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  if (value instanceof Set) return [...value].map(toJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJson(v)]));
  return String(value);
}

/** The documents of a file in one canonical style of its own format. */
export function renderDocs(format: Exclude<Format, 'text'>, docs: readonly Json[]): string {
  switch (format) {
    case 'yaml':
      return docs.map((d) => toYaml(d)).join('---\n');
    case 'json':
      return docs.map((d) => `${JSON.stringify(d, null, 2)}\n`).join('');
    case 'toml':
      return docs.map((d) => (isObject(d) ? `${stringifyToml(d)}\n` : `${JSON.stringify(d)}\n`)).join('');
    case 'env':
      return docs.map((d) => (isObject(d) ? Object.entries(d).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}\n`).join('') : '')).join('');
  }
}

/**
 * A Kubernetes object's identity, when the document is one: `apps/v1|Deployment|pazpaz|api`. An
 * immutable ConfigMap or Secret named with a content hash (`api-env-3f2a9c1b7d`, as the kubernetes
 * target and kustomize's generators name them) is known by the name without the hash, so a
 * changed value reads as a change of that ConfigMap (its name included), not one removed and
 * another added.
 */
export function kubernetesId(doc: Json): { apiVersion: string; kind: string; namespace?: string; name: string } | undefined {
  if (!isObject(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') return undefined;
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const written = typeof meta.name === 'string' ? meta.name : '';
  const contentAddressed = (doc.kind === 'ConfigMap' || doc.kind === 'Secret') && doc.immutable === true;
  const name = contentAddressed ? written.replace(/-[0-9a-z]{10}$/, '') : written;
  return { apiVersion: doc.apiVersion, kind: doc.kind, ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}), name };
}

const docKey = (doc: Json, index: number, keyed: boolean): string => {
  const id = keyed ? kubernetesId(doc) : undefined;
  return id ? `${id.apiVersion}|${id.kind}|${id.namespace ?? ''}|${id.name}` : `#${index}`;
};

/**
 * Pairs the documents of two versions of a file: Kubernetes objects by apiVersion/kind/namespace/name
 * (so reordering them is no change), anything else by position.
 */
export function pairDocs(before: readonly Json[], after: readonly Json[]): { key: string; before?: Json; after?: Json }[] {
  const keyed = [...before, ...after].every((d) => kubernetesId(d) !== undefined);
  const b = new Map(before.map((d, i) => [docKey(d, i, keyed), d]));
  const a = new Map(after.map((d, i) => [docKey(d, i, keyed), d]));
  const keys = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  return keys.map((key) => ({ key, ...(b.has(key) ? { before: b.get(key)! } : {}), ...(a.has(key) ? { after: a.get(key)! } : {}) }));
}
