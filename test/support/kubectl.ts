// `kubectl kustomize` over built artifacts: what `kubectl apply -k <overlay>` would send to the API
// server, rendered by the real kustomize (go-yaml, its name references, its image transformer).
// Tests that need it skip, saying why, only when kubectl is not installed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Why kubectl tests cannot run here, or undefined when kubectl is installed. */
export const kubectlMissing = ((): string | undefined => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'kubectl is not installed: the `kubectl kustomize` checks are skipped';
  }
})();

/**
 * Writes `files` (path → content) to a temporary directory and renders `dir` there with
 * `kubectl kustomize`; `prepare` runs in between, in that directory (a deploy step's script).
 */
export function kustomize(files: Iterable<{ path: string; content: string }>, dir: string, prepare?: (root: string) => void): Record<string, any>[] {
  const root = mkdtempSync(join(tmpdir(), 'stackc-kustomize-'));
  try {
    for (const f of files) {
      mkdirSync(dirname(join(root, f.path)), { recursive: true });
      writeFileSync(join(root, f.path), f.content);
    }
    prepare?.(root);
    const out = execFileSync('kubectl', ['kustomize', join(root, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    // kustomize writes YAML 1.2 (go-yaml v3): read it as such.
    return parseAllDocuments(out, { version: '1.2' }).map((d) => d.toJS() as Record<string, any>);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
