// A patched file is checked against its platform's published schema, the way the tests check
// everything stackc writes (docs/patches.md): a patch that makes it invalid is an error at the
// patch's line. The schemas and their validator are a chunk of their own (platform-schemas.ts),
// loaded by the build only when the stack has patches, so a build without patches, `lint` and
// `validate` never load them; until then nothing is checked.
import type { Json } from './json.js';

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
