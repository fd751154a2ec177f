// The diff's data model: what every formatter (text, markdown, json) renders. Built by engine.ts
// from two sides (a base and a head), each a set of generated files.
import type { ArtifactFacts } from '../emit/target.js';
import type { RenderedTarget } from '../emit/render.js';

/** A parsed document value (YAML, JSON, TOML and env files all parse to this). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step of a path into a document: a map key, a list index, or a list item known by its identity field. */
export type Segment = string | number | { field: string; id: string } | { set: true };

/** One generated file as one side has it. */
export interface FileVersion {
  path: string;
  target: string;
  environment?: string;
  content: string;
  /**
   * What the file makes the platform do, as the target that rendered it said (Artifact.facts), or as
   * the manifest recorded for a file stackc wrote earlier; absent for a file edited by hand.
   */
  facts?: ArtifactFacts;
  /** The stack.yaml patches that changed the file (`targets.kubernetes.patches[0]`), as the target said (Artifact.patchedBy). */
  patchedBy?: string[];
}

/** Everything one side of the comparison produced. */
export interface Side {
  files: Map<string, FileVersion>;
  /** The targets and environments rendered (so files shared by all environments can be attributed to each). */
  rendered: readonly RenderedTarget[];
}

export interface SideInfo {
  /** `disk`: the files in the output directory; `build`: what `stackc build` would write now; `worktree`: stack.yaml in the working tree; `git`: stack.yaml at a commit. */
  kind: 'disk' | 'build' | 'worktree' | 'git';
  /** What the user asked for (`origin/main`), for `git`. */
  ref?: string;
  /** The full commit id, for `git`. */
  commit?: string;
  /** How to name it in one line. */
  label: string;
}

export type FieldAction = 'add' | 'remove' | 'change' | 'order';

export interface FieldChange {
  /** Display path: `spec.template.spec.containers[api].image`; `[]` marks an item of an unordered list. */
  path: string;
  segments: Segment[];
  action: FieldAction;
  before?: Json;
  after?: Json;
}

export type ResourceAction = 'add' | 'remove' | 'change';

export interface ResourceChange {
  target: string;
  /** Environments the change applies to (empty for files shared by all, such as ci.yml). */
  environments: string[];
  /** `Deployment`, `service`, `job`, `file`, ... */
  type: string;
  /** `Deployment pazpaz/api`, `compose service api`, `workflow job ci/test`, `fly backend/fly.production.toml`. */
  label: string;
  action: ResourceAction;
  /** Files the resource is in (head side, or base side when removed). */
  files: string[];
  apiVersion?: string;
  /** The namespace it runs in (its overlay's, for stackc's objects); left out when the environments folded into this line differ. */
  namespace?: string;
  name: string;
  /** Field-level changes (for `change`). */
  changes: FieldChange[];
}

export type FileStatus = 'added' | 'removed' | 'changed' | 'moved';

/** Why a file differs on disk from what `stackc build` would write (drift mode only). */
export type DriftKind = 'missing' | 'stale' | 'edited' | 'not-generated' | 'blocked' | 'pruned';

export interface FileDiff {
  path: string;
  /** For `moved`: where the content was before (a Kubernetes object moving between base/ and an overlay). */
  previousPath?: string;
  target: string;
  environment?: string;
  status: FileStatus;
  /** False when only comments, whitespace or ordering differ. */
  semantic: boolean;
  drift?: DriftKind;
  /** Why (drift mode), in words. */
  detail?: string;
  /** Unified diff (masked), without the `---`/`+++` header; empty when there is nothing to show. */
  patch: string;
  /** Lines added and removed in the patch. */
  added: number;
  removed: number;
  /** The stack.yaml patches the file's content comes from besides stackc (its head side's, else its base side's). */
  patchedBy?: string[];
}

export type RiskRule = 'data-loss' | 'namespace-changed' | 'app-renamed' | 'service-renamed' | 'replicas-reduced' | 'rollout-downtime' | 'schedule-removed' | 'job-runs-more-often' | 'port-public' | 'host-removed' | 'healthcheck-removed' | 'security-relaxed' | 'mutable-image' | 'secret-added' | 'secret-removed';

export interface RiskyChange {
  rule: RiskRule;
  /** One line, naming the resource and what happens. */
  message: string;
  target?: string;
  environments: string[];
  /** The resource's label, when the risk is about one resource. */
  resource?: string;
  file?: string;
}

export interface Counts {
  added: number;
  changed: number;
  removed: number;
}

export interface TargetSummary {
  target: string;
  files: Counts & { moved: number };
  resources: Counts;
}

export interface DiffReport {
  formatVersion: 1;
  mode: 'drift' | 'refs';
  base: SideInfo;
  head: SideInfo;
  filters: { environment?: string; target?: string };
  /** What `--exit-code` reports. */
  changed: boolean;
  risky: RiskyChange[];
  targets: TargetSummary[];
  resources: ResourceChange[];
  files: FileDiff[];
  /** Files whose bytes differ only in comments, whitespace or ordering (not counted as changes when comparing refs). */
  formattingOnly: { path: string; previousPath?: string; target: string }[];
  /** Things worth knowing that are not changes (edited files build would leave in place, ...). */
  notes: string[];
}
