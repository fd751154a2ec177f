// The JSON merge patches of one generated document (fly.toml, railway.json, vercel.json), applied
// in order and checked the way every patch is: a value stackc wrote that a patch gives another type,
// or anything else the platform's schema refuses in the patched document, is an error at the
// patch's line.
import type { Report } from '../../diagnostics/problem.js';
import { isMap, type Json } from './json.js';
import { mergePatch } from './merge-patch.js';
import { appliesIn, appliesTo, patchName, type TargetPatch } from './patches.js';
import { reportComplaint, type PlatformSchema } from './schema-check.js';
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
