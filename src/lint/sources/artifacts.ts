// The stack's targets rendered in memory, once per lint run, for the rules that look at what build
// would write (what a target cannot express; the emitted files themselves). Loaded only when such a
// rule is on, so a plain `stackc lint` never pays for the emitters.
import { join } from 'node:path';
import { diskFileHeads, diskFiles } from '../../emit/project-files.js';
import type { Artifact } from '../../emit/target.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ParsedSource } from '../../load/parse.js';
import type { Stack } from '../../model/stack.js';

export type RenderedArtifact = Artifact;

export interface RenderedStack {
  artifacts: RenderedArtifact[];
  /** Why the targets could not be rendered (a plugin that does not load, ...): the rules that read them saw nothing. */
  failures: Diagnostic[];
}

export async function renderStack(stack: Stack, source: ParsedSource): Promise<RenderedStack> {
  const { prepareBuild } = await import('../../emit/build.js');
  const prepared = await prepareBuild(stack, source, { outRoot: stack.root, stackPath: join(stack.root, source.file.split('/').pop()!), files: diskFiles(stack.root), heads: diskFileHeads(stack.root) });
  const rendered = prepared.artifacts.length > 0 || !prepared.diagnostics.some((d) => d.severity === 'error');
  return {
    failures: rendered ? [] : prepared.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, severity: 'warning' as const, message: `targets not rendered, so lint rules that read them were skipped: ${d.message}` })),
    artifacts: prepared.artifacts,
  };
}
