// A compose file as a small tree of maps, lists and scalars, each with its source position. Merge
// keys (`<<`) and aliases are resolved here, so the rest of the importer never sees YAML syntax.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceRef } from '../diagnostics/diagnostic.js';
import { rangeToRef } from '../load/parse.js';

export interface CScalar {
  kind: 'scalar';
  /** The value as Compose reads it (YAML 1.2 core schema, with yaml.v3's octal `0755`), interpolated for strings. */
  value: string | number | boolean | null;
  /** The text as written in the file (before interpolation). */
  raw: string;
  quoted: boolean;
  /** Variables the raw text interpolates. */
  vars: string[];
  /** `${VAR:?message}` of an unset variable: the message. */
  interpolationError?: string;
  at: SourceRef;
}
export interface CEntry {
  key: string;
  keyAt: SourceRef;
  value: CNode;
}
export interface CMap {
  kind: 'map';
  entries: CEntry[];
  at: SourceRef;
  /** `!override` on the node: replaces instead of merging. */
  override?: boolean;
}
export interface CSeq {
  kind: 'seq';
  items: CNode[];
  at: SourceRef;
  override?: boolean;
}
/** `!reset`: removes the value when files are merged. */
export interface CReset {
  kind: 'reset';
  at: SourceRef;
}
export type CNode = CScalar | CMap | CSeq | CReset;

export const get = (node: CNode | undefined, key: string): CNode | undefined =>
  node?.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
export const entry = (node: CNode | undefined, key: string): CEntry | undefined =>
  node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;

/** A scalar's plain value, or `undefined` when the node is not a scalar. */
export const str = (node: CNode | undefined): string | undefined => (node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined);

export interface TreeContext {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Converts a YAML node; `<<` merge keys and aliases are expanded (aliases at most `budget` nodes). */
export function toTree(ctx: TreeContext, node: unknown, budget = { left: 100_000 }): CNode {
  if (--budget.left < 0) throw new RangeError('alias expansion budget exhausted');
  if (isAlias(node)) return toTree(ctx, node.resolve(ctx.doc), budget);
  const at = ref(ctx, node as Node | null);
  const tag = (node as { tag?: string } | null)?.tag;
  if (tag === '!reset') return { kind: 'reset', at };
  const override = tag === '!override' ? { override: true } : {};
  if (isMap(node)) {
    const entries: CEntry[] = [];
    const seen = new Set<string>();
    const merged: CEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key === '<<' && (!isScalar(pair.key) || pair.key.type === Scalar.PLAIN)) {
        const value = isAlias(pair.value) ? pair.value.resolve(ctx.doc) : pair.value;
        const sources = isSeq(value) ? value.items : [value];
        for (const source of sources) {
          const tree = toTree(ctx, source, budget);
          if (tree.kind !== 'map') continue;
          for (const e of tree.entries) if (!merged.some((m) => m.key === e.key)) merged.push(e);
        }
        continue;
      }
      seen.add(key);
      const value = pair.value === null || pair.value === undefined ? nullScalar(ref(ctx, pair.key as Node)) : toTree(ctx, pair.value, budget);
      entries.push({ key, keyAt: ref(ctx, pair.key as Node), value });
    }
    for (const m of merged) if (!seen.has(m.key)) entries.push(m);
    return { kind: 'map', entries, at, ...override };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((i) => toTree(ctx, i, budget)), at, ...override };
  if (isScalar(node)) {
    const raw = node.source ?? String(node.value);
    const quoted = node.type !== Scalar.PLAIN && node.type !== undefined;
    let value = node.value as CScalar['value'];
    // compose-go reads YAML with yaml.v3, which still reads `0755` as an octal number.
    if (!quoted && typeof value === 'number' && /^[-+]?0[0-7]+$/.test(raw)) value = parseInt(raw, 8);
    if ((value as unknown) instanceof Date) value = raw;
    if (typeof value === 'bigint') value = String(value);
    return { kind: 'scalar', value, raw, quoted, vars: [], at };
  }
  return nullScalar(at);
}

const nullScalar = (at: SourceRef): CScalar => ({ kind: 'scalar', value: null, raw: '', quoted: false, vars: [], at });

function ref(ctx: TreeContext, node: Node | null | undefined): SourceRef {
  const [start, end] = node?.range ?? [0, 0];
  return rangeToRef(ctx.file, ctx.lineCounter, start, end);
}

/** Every scalar of a tree, depth first (for interpolation). */
export function* scalars(node: CNode): Generator<CScalar> {
  if (node.kind === 'scalar') yield node;
  else if (node.kind === 'map') for (const e of node.entries) yield* scalars(e.value);
  else if (node.kind === 'seq') for (const i of node.items) yield* scalars(i);
}
