// The real renderer: every Kubernetes overlay a build writes, rendered with `kubectl kustomize` as
// `kubectl apply -k` would (test/support/kubectl.ts), so the checks read what a cluster would
// receive, not what the target meant to write. Missing kubectl skips these tests with a message,
// unless STACKC_REQUIRE_KUBECTL=1 (set by .ci/run), where it fails them.
import type { Artifact } from '../../src/emit/target.js';
import { kubectlMissing, kustomize } from '../support/kubectl.js';

/** A Kubernetes object as rendered: read loosely, as a checker that must not trust the writer does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: any };

export const kubectlAvailable = (): boolean => kubectlMissing === undefined;

export const kubectlRequired = (): boolean => process.env.STACKC_REQUIRE_KUBECTL === '1';

const OVERLAY = /^(.*\/overlays\/([^/]+))\/kustomization\.yaml$/;
/** An environment's release Jobs (targets/kubernetes/release.ts): a kustomization of their own, beside the overlay's objects. */
const RELEASE = /^(.*\/overlays\/([^/]+)\/release)\/kustomization\.yaml$/;

/**
 * Each overlay of the build (environment → its objects), rendered by `kubectl kustomize`, with the
 * objects of its release kustomization, which a deploy applies into the same namespace before it.
 */
export function renderOverlays(artifacts: readonly Artifact[]): Map<string, KubeObject[]> {
  const files = artifacts.filter((a) => a.target === 'kubernetes');
  const out = new Map<string, KubeObject[]>();
  for (const a of files) {
    const m = OVERLAY.exec(a.path);
    if (m) out.set(m[2]!, [...(out.get(m[2]!) ?? []), ...(kustomize(files, m[1]!).filter(Boolean) as KubeObject[])]);
    const r = RELEASE.exec(a.path);
    if (r) out.set(r[2]!, [...(out.get(r[2]!) ?? []), ...(kustomize(files, r[1]!).filter(Boolean) as KubeObject[])]);
  }
  return out;
}
