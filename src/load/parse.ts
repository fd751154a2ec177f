import { LineCounter, parseDocument, visit, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Diagnostic, SourceRef } from '../diagnostics/diagnostic.js';

/** A parsed stack.yaml: its text, the YAML document with source ranges, and the plain data. */
export interface ParsedSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data; `undefined` when the YAML could not be read. */
  data: unknown;
}

/** Limits that make hostile input fail fast instead of exhausting memory. */
export const PARSE_LIMITS = {
  /** Largest accepted file (stack files are a few KiB; this leaves room for huge generated ones). */
  maxBytes: 5 * 1024 * 1024,
  /** Alias expansion budget, per the `yaml` package's own billion-laughs guard. */
  maxAliasCount: 1000,
  /** Deepest nesting accepted. */
  maxDepth: 200,
};

export function rangeToRef(file: string, lineCounter: LineCounter, start: number, end: number): SourceRef {
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(Math.max(start, end));
  return { file, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}

export function parseSource(file: string, text: string): { source: ParsedSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const fail = (code: string, message: string, hint: string, start = 0, end = 0): Diagnostic => ({
    severity: 'error',
    code,
    message,
    hint,
    at: rangeToRef(file, lineCounter, start, end),
  });

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark is harmless; drop it
  // YAML allows only printable characters; a NUL or escape code means a corrupt or binary file.
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0 && i < control.index; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    const doc = parseDocument('', { lineCounter: new LineCounter() });
    diagnostics.push(fail('control-character', `control character U+${code} in the file`, 'YAML files hold printable text only; is this a binary or corrupted file?', control.index, control.index + 1));
    return { source: { file, text, doc, lineCounter, data: undefined }, diagnostics };
  }
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
    strict: true,
    keepSourceTokens: false,
    // Warnings are diagnostics here: a collection used as a key (`? { a: 1 }`) is reported as a bad
    // name, not as a Node warning on stderr.
    logLevel: 'error',
  });
  const source: ParsedSource = { file, text, doc, lineCounter, data: undefined };

  // After the first syntax error the parser is out of step and the rest are echoes of it:
  // report that one (duplicate keys are independent, so report each of those).
  const syntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  if (syntax && /call stack/i.test(syntax.message)) {
    const [start, end] = syntax.pos;
    diagnostics.push(fail('too-deep', 'nesting is too deep to read', 'a stack.yaml is a few levels deep; this file is probably not one', start, end));
  } else if (syntax) {
    const [start, end] = syntax.pos;
    diagnostics.push(fail('yaml-syntax', yamlMessage(syntax.message), yamlHint(syntax.code, lineAt(text, start)), start, end));
  } else {
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      diagnostics.push(fail('duplicate-key', `duplicate key ${keyText(text, start)}`, 'each key may appear once in a map; merge the two entries', start, end));
    }
  }
  if (diagnostics.length > 0) return { source, diagnostics };

  const depth = maxDepth(doc.contents);
  if (depth.depth > PARSE_LIMITS.maxDepth) {
    const [start, end] = depth.node?.range ?? [0, 0];
    diagnostics.push(fail('too-deep', `nesting deeper than ${PARSE_LIMITS.maxDepth} levels`, 'a stack.yaml is a few levels deep; this file is probably not one', start, end));
    return { source, diagnostics };
  }

  try {
    source.data = doc.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) {
      let alias: Node | undefined;
      visit(doc, { Alias: (_, node) => ((alias = node), visit.BREAK) });
      const [start, end] = alias?.range ?? [0, 0];
      diagnostics.push(fail('alias-limit', 'aliases expand to too many nodes (a "billion laughs" document?)', `anchors and aliases may expand to at most ${PARSE_LIMITS.maxAliasCount} nodes; write the values out instead`, start, end));
    } else if (/merge sources must be maps/i.test((error as Error).message)) {
      const [start, end] = badMerge(doc)?.range ?? [0, 0];
      diagnostics.push(fail('bad-merge', '`<<` merges maps only, and this is not a map', 'write `<<: *anchor` where the anchor names a map, or a list of them: `<<: [*a, *b]`', start, end));
    } else throw error;
  }
  return { source, diagnostics };
}

/** The value of the first `<<` merge key that is not a map, an alias of a map, or a list of those. */
function badMerge(doc: Document): Node | undefined {
  const isMapLike = (n: unknown): boolean => isMap(n) || (isAlias(n) && isMap(n.resolve(doc)));
  let found: Node | undefined;
  visit(doc, {
    Pair: (_, pair) => {
      // With `merge: true` the key's value is the symbol `<<` (its source text is `<<`).
      if (!isScalar(pair.key) || (pair.key.value !== '<<' && pair.key.source !== '<<')) return undefined;
      const value = pair.value as Node | null;
      const ok = isMapLike(value) || (isSeq(value) && value.items.every(isMapLike));
      if (ok) return undefined;
      found = (value ?? pair.key) as Node;
      return visit.BREAK;
    },
  });
  return found;
}

function keyText(text: string, start: number): string {
  const raw = lineAt(text, start).slice(start - text.lastIndexOf('\n', start - 1) - 1).split(':')[0]!.trim();
  return raw ? `\`${raw}\`` : '';
}

const TOKEN_NAMES: Record<string, string> = {
  'flow-map-start': '`{`',
  'flow-map-end': '`}`',
  'flow-seq-start': '`[`',
  'flow-seq-end': '`]`',
  'map-value-ind': '`:`',
  'seq-item-ind': '`-`',
  comma: '`,`',
  anchor: 'anchor',
  tag: 'tag',
};

/** The `yaml` package's message without its own position, and with tokens named as written. */
export function yamlMessage(message: string): string {
  const first = message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/ (token )?in YAML stream(: .*)?$/, '')
    .replace(/ at node end$/, '')
    .replace(/\b(flow-map-start|flow-map-end|flow-seq-start|flow-seq-end|map-value-ind|seq-item-ind|comma)\b( token)?/g, (_, t: string) => TOKEN_NAMES[t] ?? t);
  return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

function yamlHint(code: string, line: string): string {
  // `{ host: api.${environment.domain} }`: braces end a flow map, even inside a value.
  if (/[{[]/.test(line) && line.includes('${')) {
    return 'inside `{ }` or `[ ]`, a value containing `${...}` must be quoted: `"api.${environment.domain}"`';
  }
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'check the indentation: nested keys are indented by the same number of spaces, never tabs';
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation; use spaces';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key and its `:` must be on one line; is a `:` or a quote missing on the line before?';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'is a `:` missing after a key?';
    case 'BAD_ALIAS':
    case 'BAD_DQ_ESCAPE':
      return 'quote the value if it is meant as text';
    default:
      return 'quote values that contain `: `, ` #`, `{`, `}`, `[` or `]`';
  }
}

function maxDepth(root: unknown): { depth: number; node?: Node } {
  // Iterative, so a 10,000-deep document cannot overflow the call stack here.
  let best: { depth: number; node?: Node } = { depth: 0 };
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > best.depth) best = { depth, node };
      if (depth > PARSE_LIMITS.maxDepth) return best;
      for (const item of node.items) {
        if (isPair(item)) stack.push([item.value, depth + 1]);
        else stack.push([item, depth + 1]);
      }
    }
  }
  return best;
}

/** Segments of a path into the data: map keys and list indices. */
export type DataPath = readonly (string | number)[];

/**
 * The YAML node at `path`, following aliases and `<<` merge keys. With `key: true`, the key node of
 * the last segment (for "unknown key" errors). Returns the deepest node found, so a position is always
 * available even when the path does not exist in the document.
 */
export function findNode(doc: Document, path: DataPath, opts: { key?: boolean } = {}): { node: Node | undefined; found: boolean } {
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    node = resolveAlias(doc, node);
    const segment = path[i]!;
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = findPair(doc, node.items, String(segment));
      if (!pair) return { node: last, found: false };
      if (isLast && opts.key) return { node: pair.key as Node, found: true };
      last = (pair.value as Node | null) ?? (pair.key as Node);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return { node: last, found: false };
      last = item as Node;
      node = item;
    } else {
      return { node: last, found: false };
    }
  }
  return { node: last, found: true };
}

function findPair(doc: Document, items: Pair[], key: string): Pair | undefined {
  const found = pairIndex(items).get(key);
  if (found) return found;
  for (const pair of items) {
    if (isScalar(pair.key) && pair.key.value === '<<') {
      const value = resolveAlias(doc, pair.value);
      const sources = isSeq(value) ? value.items.map((v) => resolveAlias(doc, v)) : [value];
      for (const s of sources) {
        if (isMap(s)) {
          const found = findPair(doc, s.items, key);
          if (found) return found;
        }
      }
    }
  }
  return undefined;
}

/**
 * The first pair of each scalar key, per map, built once: locating every service's keys by scanning
 * the services map made loading a large stack quadratic. Rebuilt when the map's length changes.
 */
const pairIndexes = new WeakMap<Pair[], { length: number; byKey: Map<string, Pair> }>();
function pairIndex(items: Pair[]): Map<string, Pair> {
  const cached = pairIndexes.get(items);
  if (cached && cached.length === items.length) return cached.byKey;
  const byKey = new Map<string, Pair>();
  for (const pair of items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (!byKey.has(key)) byKey.set(key, pair);
  }
  pairIndexes.set(items, { length: items.length, byKey });
  return byKey;
}

function resolveAlias(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The source position of the node at `path` (or of its nearest existing ancestor). */
export function locate(source: ParsedSource, path: DataPath, opts: { key?: boolean } = {}): SourceRef {
  const { node } = findNode(source.doc, path, opts);
  const [start, end] = node?.range ?? [0, 0];
  return rangeToRef(source.file, source.lineCounter, start, end);
}
