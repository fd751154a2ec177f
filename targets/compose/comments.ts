// The YAML node tree of a generated file, with comment lines above keys. `Map`s become plain YAML
// maps in insertion order (the `yaml` library would otherwise write a YAML 1.1 `!!omap`), so maps
// keyed by names from stack.yaml keep declaration order even for names like `1` that JavaScript
// objects move to the front.
import { Document, isMap, isScalar, Pair, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { fastYaml, toYaml } from '../../src/emit/serialize/yaml.js';
import { oneLine } from '../../src/emit/text.js';

export interface KeyComment {
  /** Keys from the root to the commented key, e.g. `['services', 'api', 'healthcheck']`. */
  path: string[];
  lines: string[];
}

/**
 * `toYaml(withComments(value, comments))`, written by the fast path of src/emit/serialize/yaml.ts
 * when it can (a 1000-service compose file spent ~0.5 s building YAML nodes), by the library
 * otherwise. test/serialize-yaml.test.ts compares the two.
 */
export function commentedYaml(value: unknown, comments: readonly KeyComment[]): string {
  const byPath = new Map<string, string[]>();
  for (const { path, lines } of comments) {
    if (lines.length) byPath.set(path.join('\u0000'), lines.map((l) => ` ${oneLine(l)}`).join('\n').split('\n'));
  }
  return fastYaml(value, { maps: true, comments: byPath }) ?? toYaml(withComments(value, comments));
}

/** `value` as a YAML node with the comments attached; pass it to `toYaml`. */
export function withComments(value: unknown, comments: readonly KeyComment[]): Node {
  const doc = new Document(null, { version: '1.1', aliasDuplicateObjects: false });
  const node = toNode(doc, value);
  for (const { path, lines } of comments) {
    if (!lines.length) continue;
    let map: unknown = node;
    for (const key of path.slice(0, -1)) map = isMap(map) ? map.get(key, true) : undefined;
    const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1)) : undefined;
    if (!pair || !isScalar(pair.key)) throw new Error(`no key ${path.join('.')} to comment`);
    pair.key.commentBefore = lines.map((l) => ` ${oneLine(l)}`).join('\n');
  }
  return node;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function toNode(doc: Document, value: unknown): Node {
  if (value instanceof Map || isRecord(value)) {
    const map = new YAMLMap(doc.schema);
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    for (const [k, v] of entries) if (v !== undefined) map.items.push(new Pair(doc.createNode(k), toNode(doc, v)));
    return map;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq(doc.schema);
    seq.items = value.map((v) => toNode(doc, v));
    return seq;
  }
  return doc.createNode(value) as Node;
}
