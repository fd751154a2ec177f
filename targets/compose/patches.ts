// `targets.compose.patches`: merged into an environment's file by the Compose merge rules
// (merge.ts), into a service's entry (`service:`) or the file itself. A patch of a service the
// environment does not run is skipped there: merging it would add a service with no image. The
// merged file is checked against the Compose specification's schema (a patch it makes invalid is
// an error at the patch).
import { reportComplaint } from '../../src/emit/patches/schema-check.js';
import { patchName, appliesIn, type TargetPatch } from '../../src/emit/patches/patches.js';
import { describeTypeChange, typeChanges } from '../../src/emit/patches/type-changes.js';
import type { Report } from '../../src/emit/target.js';
import { composeMerge, hasPath, plain } from './merge.js';

export function patchComposeFile<T>(document: T, patches: readonly TargetPatch[], environment: string, file: string, report: Report): { document: T; applied: TargetPatch[] } {
  let out: unknown = document;
  const applied: TargetPatch[] = [];
  for (const patch of patches) {
    if (!appliesIn(patch, environment)) continue;
    if (patch.service !== undefined && !hasPath(out, ['services', patch.service])) continue;
    const next = composeMerge(out, patch.service === undefined ? patch.patch : { services: { [patch.service]: patch.patch } });
    const [change] = typeChanges(plain(out), plain(next));
    if (change) report({ severity: 'error', code: 'compose/patch-failed', message: `${patchName(patch)} ${describeTypeChange(change)} in ${file}: the Compose specification's schema refuses it`, path: patch.path, hint: 'give the value the type stackc writes (see the generated file), or `null` to remove it' });
    else reportComplaint(patch, 'compose', plain(out), plain(next), file, 'compose/patch-failed', report, patch.patch, patch.service === undefined ? [] : ['services', patch.service]);
    out = next;
    applied.push(patch);
  }
  return { document: out as T, applied };
}
