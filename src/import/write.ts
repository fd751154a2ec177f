// The imported stack as commented YAML, through the `yaml` Document API: comments say where each
// service came from, what became a backing resource, and which secrets to set (names only).
import { Document, isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';

export interface Commented {
  /** Path of keys to the pair the comment goes above (`[]`: the document). */
  path: readonly string[];
  lines: string[];
}

const AMBIGUOUS = /^(y|yes|n|no|on|off|true|false|null|~)$/i;
const NUMBER_LIKE = /^[0-9][0-9:._/-]*$/;

export function writeStack(data: Record<string, unknown>, header: string[], comments: readonly Commented[]): string {
  const doc = new Document(data, { version: '1.2' });
  doc.commentBefore = header.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
  for (const c of comments) {
    const pair = findPair(doc.contents as Node, c.path);
    if (!pair) continue;
    const key = pair.key as Scalar;
    const text = c.lines.map((l) => ` ${l}`).join('\n');
    key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${text}` : text;
  }
  quoteAmbiguous(doc.contents as Node);
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: true });
}

function findPair(root: Node, path: readonly string[]): Pair | undefined {
  let node: unknown = root;
  let pair: Pair | undefined;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    pair = (node as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

/** Strings a YAML 1.1 reader (or a person) would take for booleans or numbers are quoted. */
function quoteAmbiguous(node: unknown): void {
  if (isMap(node)) for (const p of node.items) quoteAmbiguous(p.value);
  else if (isSeq(node)) for (const i of node.items) quoteAmbiguous(i);
  else if (isScalar(node) && typeof node.value === 'string' && (AMBIGUOUS.test(node.value) || NUMBER_LIKE.test(node.value) || node.value === '')) node.type = Scalar.QUOTE_DOUBLE;
}
