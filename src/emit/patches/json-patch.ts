// RFC 6902 JSON Patch (https://www.rfc-editor.org/rfc/rfc6902), the other kind of kustomize patch:
// operations at JSON Pointers (RFC 6901). Applied in process the way kustomize applies them, so that
// what the build checks and lint reads is what `kubectl apply -k` sends.
import { isMap, sameJson, type Json } from './json.js';

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/** Why an operation could not apply; `index` is the operation's place in the patch. */
export class JsonPatchFailure extends Error {
  constructor(readonly index: number, message: string) {
    super(message);
  }
}

/** `/a/b~1c` → `['a', 'b/c']`. */
export const pointerTokens = (pointer: string): string[] => (pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')));

/** `document` with every operation applied, in order; throws JsonPatchFailure at the first that cannot. */
export function applyJsonPatch(document: unknown, operations: readonly JsonPatchOperation[]): Json {
  let doc = structuredClone(document) as Json;
  operations.forEach((operation, index) => {
    try {
      doc = applyOperation(doc, operation);
    } catch (e) {
      throw new JsonPatchFailure(index, (e as Error).message);
    }
  });
  return doc;
}

function applyOperation(doc: Json, { op, path, from, value }: JsonPatchOperation): Json {
  switch (op) {
    case 'add':
      return add(doc, pointerTokens(path), structuredClone(value) as Json, path);
    case 'remove':
      return remove(doc, pointerTokens(path), path).doc;
    case 'replace':
      return add(remove(doc, pointerTokens(path), path).doc, pointerTokens(path), structuredClone(value) as Json, path);
    case 'move': {
      const taken = remove(doc, pointerTokens(from ?? ''), from ?? '');
      return add(taken.doc, pointerTokens(path), taken.value, path);
    }
    case 'copy':
      return add(doc, pointerTokens(path), structuredClone(get(doc, pointerTokens(from ?? ''), from ?? '')), path);
    case 'test':
      if (!sameJson(get(doc, pointerTokens(path), path), value)) throw new Error(`\`test\` failed: ${path} is not ${JSON.stringify(value)}`);
      return doc;
  }
}

function get(doc: Json, tokens: string[], pointer: string): Json {
  let cur: Json = doc;
  for (const t of tokens) {
    if (Array.isArray(cur) && /^(0|[1-9][0-9]*)$/.test(t) && Number(t) < cur.length) cur = cur[Number(t)]!;
    else if (isMap(cur) && Object.hasOwn(cur, t)) cur = (cur as Record<string, Json>)[t]!;
    else throw new Error(`${pointer} does not exist`);
  }
  return cur;
}

/** The parent container of the pointer's last token (copied, so the input is never changed). */
function withParent(doc: Json, tokens: string[], pointer: string, change: (parent: Json, last: string) => Json): Json {
  if (tokens.length === 0) return change(doc, '');
  const [head, ...rest] = tokens as [string, ...string[]];
  if (rest.length === 0) return change(doc, head);
  const child = get(doc, [head], pointer);
  const changed = withParent(child, rest, pointer, change);
  if (Array.isArray(doc)) return doc.map((v, i) => (i === Number(head) ? changed : v));
  return { ...(doc as Record<string, Json>), [head]: changed };
}

function add(doc: Json, tokens: string[], value: Json, pointer: string): Json {
  if (tokens.length === 0) return value;
  return withParent(doc, tokens, pointer, (parent, last) => {
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : /^(0|[1-9][0-9]*)$/.test(last) ? Number(last) : NaN;
      if (!(i >= 0 && i <= parent.length)) throw new Error(`${pointer}: no index ${last} in a list of ${parent.length}`);
      return [...parent.slice(0, i), value, ...parent.slice(i)];
    }
    if (isMap(parent)) return { ...(parent as Record<string, Json>), [last]: value };
    throw new Error(`${pointer}: its parent is not a map or a list`);
  });
}

function remove(doc: Json, tokens: string[], pointer: string): { doc: Json; value: Json } {
  if (tokens.length === 0) throw new Error('cannot remove the whole object');
  const value = get(doc, tokens, pointer);
  const out = withParent(doc, tokens, pointer, (parent, last) => {
    if (Array.isArray(parent)) return parent.filter((_, i) => i !== Number(last));
    const { [last]: _gone, ...rest } = parent as Record<string, Json>;
    return rest;
  });
  return { doc: out, value };
}
