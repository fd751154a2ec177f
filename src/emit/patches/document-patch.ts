// The JSON merge patches of one generated document (fly.toml, railway.json, vercel.json), applied
// in order and checked the way every patch is: a value stackc wrote that a patch gives another type,
// or anything else the platform's schema refuses in the patched document, is an error at the
// patch's line.
import type { Report } from '../../diagnostics/problem.js';
import type { DataPath } from '../../model/stack.js';
import { isMap, type Json } from './json.js';
import { mergePatch } from './merge-patch.js';
import { appliesIn, appliesTo, patchName, patchPathName, type TargetPatch } from './patches.js';
import { patchComplaint, type PlatformSchema } from './schema-check.js';
import { describeTypeChange, typeChanges } from './type-changes.js';

/** The patches that change the file of `service` in `environment` (either undefined: not per service / environment). */
export const patchesOf = (patches: readonly TargetPatch[], environment: string | undefined, service: string | undefined): TargetPatch[] =>
  patches.filter((p) => appliesIn(p, environment) && appliesTo(p, service));

/** `document` with each patch merged in (RFC 7386); `code` is the target's `<target>/patch-failed`. */
export function mergePatches(document: Json, patches: readonly TargetPatch[], file: string, schema: PlatformSchema, code: string, report: Report): Json {
  let out = document;
  for (const patch of patches) {
    const next = mergePatch(out, patch.patch);
    const [change] = typeChanges(out, next);
    if (change) report({ severity: 'error', code, message: `${patchName(patch)} ${describeTypeChange(change)} in ${file}: the platform's schema refuses it`, path: patch.path, hint: 'give the value the type stackc writes (see the generated file), or `null` to remove it' });
    else reportComplaint(patch, schema, out, next, file, code, report, patch.patch);
    out = next;
  }
  return isMap(out) ? out : document;
}

/**
 * What the platform's schema refuses in `after` that it took in `before`, as an error at the patch:
 * at the line in the patch that wrote the refused value when its keys lead there (`merged`: the
 * patch's map, merged into the document at the keys `under`), else at the patch.
 */
export function reportComplaint(patch: { path: DataPath }, schema: PlatformSchema, before: unknown, after: unknown, file: string, code: string, report: Report, merged?: unknown, under: readonly string[] = []): boolean {
  const complaint = patchComplaint(schema, before, after);
  if (complaint) report({ severity: 'error', code, message: `${patchPathName(patch.path)} makes ${file} invalid: ${complaint.message}`, path: [...patch.path, ...keysInPatch(merged, after, complaint.tokens, under)], hint: complaint.hint });
  return complaint !== undefined;
}

/**
 * `['patch', ...keys]`: the longest run of `tokens` the patch itself holds (none: no map patch). A
 * list item is found by its `name` (how Kubernetes merges containers, and Compose nothing else).
 */
function keysInPatch(merged: unknown, after: unknown, tokens: readonly (string | number)[], under: readonly string[]): DataPath {
  if (!isMap(merged) || under.some((k, i) => tokens[i] !== k)) return [];
  let doc = under.reduce<unknown>((d, k) => (isMap(d) ? d[k] : undefined), after);
  const keys: (string | number)[] = [];
  let cur: unknown = merged;
  for (const t of tokens.slice(under.length)) {
    doc = (doc as Record<string | number, unknown> | undefined)?.[t];
    if (typeof t === 'string' && isMap(cur) && Object.hasOwn(cur, t)) {
      keys.push(t);
      cur = cur[t];
      continue;
    }
    const name = isMap(doc) ? doc.name : undefined;
    const named = typeof name === 'string' && Array.isArray(cur) ? cur.findIndex((item) => isMap(item) && item.name === name) : -1;
    if (named < 0) break;
    keys.push(named);
    cur = (cur as unknown[])[named];
  }
  return ['patch', ...keys];
}
