// Which entries of .stackc/manifest.json a build may prune. The manifest is committed and rarely
// reviewed, so an entry is trusted only when the target it names could have written its path: a
// built-in target's declared layout (`capabilities.outputs`, the same whether or not stack.yaml
// still enables it, so a removed target's files are still pruned) or, for a plugin, its declared
// layout when it has one. Nothing protected (protected-paths.ts) is ever trusted.
import picomatch from 'picomatch';
import type { Manifest, ManifestEntry } from './manifest.js';
import { protectedPathProblem } from './protected-paths.js';

export interface TrustContext {
  /** Output globs by target name: every built-in target, and the loaded plugins that declare them. */
  layouts: Readonly<Record<string, readonly string[]>>;
  /** The stack file relative to the output root (`stack.yaml`, `../stack.yaml`). */
  stackFile: string;
}

export interface UntrustedEntry {
  entry: ManifestEntry;
  /** Completes "<path> ...": `is inside .git/`. */
  why: string;
}

/** Why pruning must not trust this entry, or `undefined`. */
export function untrustedWhy(entry: ManifestEntry, context: TrustContext): string | undefined {
  const protectedWhy = protectedPathProblem(entry.path, context.stackFile);
  if (protectedWhy) return protectedWhy;
  const layout = context.layouts[entry.target];
  // A plugin that is not loaded (removed from stack.yaml) or declares no layout cannot be checked.
  if (!layout || picomatch(layout as string[], { dot: true })(entry.path)) return undefined;
  return `is not a file target \`${entry.target}\` writes (${layout.join(', ')})`;
}

export function untrustedEntries(manifest: Manifest, context: TrustContext): UntrustedEntry[] {
  return manifest.files.flatMap((entry) => {
    const why = untrustedWhy(entry, context);
    return why ? [{ entry, why }] : [];
  });
}
