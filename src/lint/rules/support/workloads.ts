// The containers the stack's targets render, read back from the artifacts: Compose services and the
// containers of Kubernetes pod templates. The rendered files are parsed once per lint run, however
// many rules ask. Only what the security rules need; anything deeper is for kube-linter or Checkov.
import { parseAllDocuments } from 'yaml';
import type { DataPath, Stack } from '../../../model/stack.js';
import type { RenderedArtifact } from '../../sources/artifacts.js';
import { renderOverlay } from '../../../emit/patches/overlay.js';

type Obj = Record<string, unknown>;

export interface ComposeService {
  artifact: RenderedArtifact;
  /** The patches in stack.yaml that changed it (`targets.<name>.patches[<i>]`), if any. */
  patchedBy?: DataPath[];
  /** The service's key in the Compose file. */
  name: string;
  definition: Obj;
}

export interface PodTemplate {
  artifact: RenderedArtifact;
  /** The patches in stack.yaml that changed it (`targets.<name>.patches[<i>]`), if any. */
  patchedBy?: DataPath[];
  /** `Deployment/api`. */
  object: string;
  spec: Obj;
  containers: { name: string; definition: Obj }[];
}

export interface Workloads {
  compose: ComposeService[];
  pods: PodTemplate[];
}

const cache = new WeakMap<readonly RenderedArtifact[], Workloads>();

export function workloads(artifacts: readonly RenderedArtifact[]): Workloads {
  const cached = cache.get(artifacts);
  if (cached) return cached;
  const out: Workloads = { compose: [], pods: [] };
  for (const artifact of artifacts) {
    if (!/\.ya?ml$/i.test(artifact.path)) continue;
    if (artifact.patchedBy && OVERLAY.test(artifact.path)) out.pods.push(...patchedPods(artifact, artifacts));
    for (const doc of documents(artifact.content)) {
      if (typeof doc.apiVersion === 'string' && typeof doc.kind === 'string') {
        for (const item of doc.kind === 'List' && Array.isArray(doc.items) ? doc.items.filter(isObj) : [doc]) {
          const pod = podTemplate(item, artifact);
          if (pod) out.pods.push(pod);
        }
      } else if (isObj(doc.services) && !('jobs' in doc)) {
        for (const [name, definition] of Object.entries(doc.services)) if (isObj(definition)) out.compose.push({ artifact, name, definition, ...(artifact.patchedBy ? { patchedBy: artifact.patchedBy } : {}) });
      }
    }
  }
  cache.set(artifacts, out);
  return out;
}

const OVERLAY = /^(.*)\/kustomization\.ya?ml$/;

/**
 * The objects of a kustomize overlay that its patches changed, as `kubectl apply -k` sends them
 * (applied in process, src/emit/patches/overlay.ts): the files alone show them unpatched.
 */
function patchedPods(overlay: RenderedArtifact, artifacts: readonly RenderedArtifact[]): PodTemplate[] {
  const files = new Map(artifacts.filter((a) => a.target === overlay.target).map((a) => [a.path, a.content]));
  let rendered: ReturnType<typeof renderOverlay>;
  try {
    rendered = renderOverlay(files, OVERLAY.exec(overlay.path)![1]!);
  } catch {
    return []; // the build reports a patch that cannot apply
  }
  return rendered.objects.flatMap((object, i) => {
    const by = rendered.changedBy[i]!;
    const pod = by.length && isObj(object) ? podTemplate(object, overlay) : undefined;
    return pod ? [{ ...pod, patchedBy: by.map((p) => overlay.patchedBy![p]!) }] : [];
  });
}

function documents(text: string): Obj[] {
  try {
    return parseAllDocuments(text, { uniqueKeys: false })
      .filter((d) => 'errors' in d && d.errors.length === 0)
      .map((d) => d.toJS({ maxAliasCount: 100 }) as unknown)
      .filter(isObj);
  } catch {
    return [];
  }
}

function podTemplate(doc: Obj, artifact: RenderedArtifact): PodTemplate | undefined {
  const spec = doc.kind === 'Pod' ? doc.spec : isObj(doc.spec) ? (dig(doc.spec, ['template', 'spec']) ?? dig(doc.spec, ['jobTemplate', 'spec', 'template', 'spec'])) : undefined;
  if (!isObj(spec)) return undefined;
  const name = isObj(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : '?';
  const containers = ['initContainers', 'containers', 'ephemeralContainers'].flatMap((k) =>
    (Array.isArray(spec[k]) ? spec[k] : []).filter(isObj).map((c, i) => ({ name: typeof c.name === 'string' ? c.name : `${k}[${i}]`, definition: c })),
  );
  return { artifact, object: `${String(doc.kind)}/${name}`, spec, containers };
}

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function dig(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Where a finding about rendered output points: the last patch that changed it, else its target's options. */
export type Origin = { artifact: RenderedArtifact; patchedBy?: DataPath[] };

export const originOf = (stack: Stack, item: Origin): DataPath => item.patchedBy?.at(-1) ?? targetPath(stack, item.artifact.target);

/** Where a target is configured in stack.yaml: the finding about its output points there. */
export const targetPath = (stack: Stack, target: string): DataPath => stack.targets.find((t) => t.name === target)?.path ?? ['targets'];

/** `SYS_ADMIN` for `cap_sys_admin`, `CAP_SYS_ADMIN` and `sys_admin`. */
export const capabilityName = (c: unknown): string => String(c).trim().toUpperCase().replace(/^CAP_/, '');
