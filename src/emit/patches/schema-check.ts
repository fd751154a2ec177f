// A patched file is checked against its platform's published schema, the way the tests check
// everything stackc writes (docs/patches.md): a patch that makes it invalid is an error at the
// patch's line. The schemas and their validator are a chunk of their own (platform-schemas.ts),
// loaded by the build only when the stack has patches, so a build without patches, `lint` and
// `validate` never load them; until then nothing is checked.
import type { Report } from '../../diagnostics/problem.js';
import type { DataPath } from '../../model/stack.js';
import { isMap, type Json } from './json.js';
import { patchPathName } from './patches.js';

/** A document kind: `compose`, `fly`…, or `kubernetes:<apiVersion>/<kind>` (`kubernetes:apps/v1/Deployment`). */
export type PlatformSchema = 'compose' | 'fly' | 'railway' | 'vercel' | 'github-workflow' | `kubernetes:${string}`;

/** What a schema refuses, in the user's words. */
export interface Complaint {
  /** Where in the generated file: `spec.replicas`, `services.api.ports[0]`. */
  at: string;
  /** The same as keys and indexes: `['spec', 'replicas']`. */
  tokens: (string | number)[];
  /** `\`spec.replicas\` is text ("three") where Kubernetes' schema for Deployment wants a whole number`. */
  message: string;
  hint: string;
}

type Checker = typeof import('./platform-schemas.js');
let checker: Checker | undefined;

/** Whether any target of the stack has patches (the targets' options, as stack.yaml has them). */
export const hasPatches = (targets: readonly { options: Record<string, unknown> }[]): boolean =>
  targets.some((t) => Array.isArray(t.options.patches) && t.options.patches.length > 0);

/** Loads the schemas' chunk (once); the build calls it before rendering a stack with patches. */
export async function loadPlatformSchemas(): Promise<void> {
  checker ??= await import('./platform-schemas.js');
}

/**
 * What the platform's schema refuses in `after`, the document a patch made of `before`, that it
 * did not refuse before; `undefined` when nothing (or when the schemas are not loaded).
 */
export function patchComplaint(schema: PlatformSchema, before: Json | unknown, after: Json | unknown): Complaint | undefined {
  return checker?.newComplaint(schema, before, after);
}

/** `kubernetes:apps/v1/Deployment` for an object (its apiVersion and kind). */
export const kubernetesSchema = (object: { apiVersion?: unknown; kind?: unknown }): PlatformSchema => `kubernetes:${String(object.apiVersion)}/${String(object.kind)}`;

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
