// The real renderer: every Kubernetes overlay a build writes, rendered with `kubectl kustomize` as
// `kubectl apply -k` would, so the checks read what a cluster would receive, not what the target
// meant to write. Missing kubectl skips these tests with a message, unless STACKC_REQUIRE_KUBECTL=1
// (set by .ci/run), where it fails them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Artifact } from '../../src/emit/target.js';

/** A Kubernetes object as rendered: read loosely, as a checker that must not trust the writer does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: any };

let available: boolean | undefined;
/** Whether `kubectl kustomize` runs here. */
export function kubectlAvailable(): boolean {
  available ??= spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
  return available;
}

export const kubectlRequired = (): boolean => process.env.STACKC_REQUIRE_KUBECTL === '1';

const OVERLAY = /^(.*\/overlays\/([^/]+))\/kustomization\.yaml$/;

/** Each overlay of the build (environment → its objects), rendered by `kubectl kustomize`. */
export function renderOverlays(artifacts: readonly Artifact[]): Map<string, KubeObject[]> {
  const files = artifacts.filter((a) => a.target === 'kubernetes');
  const overlays = files.flatMap((a) => {
    const m = OVERLAY.exec(a.path);
    return m ? [{ dir: m[1]!, environment: m[2]! }] : [];
  });
  const out = new Map<string, KubeObject[]>();
  if (!overlays.length) return out;
  const scratch = mkdtempSync(join(tmpdir(), 'stackc-kustomize-'));
  try {
    for (const a of files) {
      mkdirSync(dirname(join(scratch, a.path)), { recursive: true });
      writeFileSync(join(scratch, a.path), a.content);
    }
    for (const { dir, environment } of overlays) {
      const yaml = execFileSync('kubectl', ['kustomize', join(scratch, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      out.set(environment, parseAllDocuments(yaml).map((d) => d.toJS() as KubeObject).filter(Boolean));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return out;
}
