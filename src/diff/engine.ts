// The comparison: two sides (files by path) in, a DiffReport out. Pure: no file system, no git.
//   1. files: added, removed, changed; a Kubernetes object whose file moves between base/ and an
//      overlay is a move, diffed against where it was;
//   2. each changed file compared as parsed documents (ordering, comments and style are not
//      changes); its patch is a line diff of both versions re-serialized in one canonical order;
//   3. resources of both sides matched by identity, per environment, with field-level changes;
//   4. risky changes, from the resource pairs and the secret names each side reads.
import { structuredPatch } from 'diff';
import { alignTo, canonical, compareValues } from './compare.js';
import { parseFile, pairDocs, renderDocs, type Parsed } from './documents.js';
import { maskPair, maskText } from './mask.js';
import type { DiffReport, DriftKind, FileDiff, FileVersion, Json, ResourceChange, RiskyChange, Side, SideInfo, TargetSummary } from './model.js';
import { environmentsOf, kustomizeNamespaces, resourceIndex, type Resource } from './resources.js';
import { roleFromName, type EnvironmentRole } from '../model/environment-role.js';
import { namespaceMoves, renameRisks, resourceRisks, secretNames, secretRisks, type ResourcePair } from './risky.js';
import { byCodePoint } from '../model/order.js';

export interface EngineOptions {
  mode: 'drift' | 'refs';
  base: SideInfo;
  head: SideInfo;
  filters: { environment?: string; target?: string };
  /** Drift mode: why each file differs from disk. */
  drift?: ReadonlyMap<string, { kind: DriftKind; detail?: string }>;
  notes?: string[];
  /** Environments in the stack's order (for listing them). */
  environmentOrder?: readonly string[];
  /** Each environment's role as the stacks say (`role:`, else from the name); others by their name. */
  roles?: ReadonlyMap<string, EnvironmentRole>;
  /** Lines of context in patches (default 3). */
  context?: number;
}

const K8S_BASE = 'deploy/kubernetes/base/';
const K8S_OVERLAY = /^deploy\/kubernetes\/overlays\/[^/]+\//;

export function diffSides(base: Side, head: Side, options: EngineOptions): DiffReport {
  const context = options.context ?? 3;
  const notes = [...(options.notes ?? [])];
  const paths = [...new Set([...base.files.keys(), ...head.files.keys()])].sort();
  const added: FileVersion[] = [];
  const removed: FileVersion[] = [];
  const changed: [FileVersion, FileVersion][] = [];
  for (const path of paths) {
    const b = base.files.get(path);
    const h = head.files.get(path);
    if (b && h) {
      if (b.content !== h.content) changed.push([b, h]);
    } else if (h) added.push(h);
    else if (b) removed.push(b);
  }

  // Kubernetes objects move between base/ (identical in every environment) and the overlays.
  const moves: [FileVersion, FileVersion][] = [];
  const movedAway = new Set<string>();
  const movedIn = new Set<string>();
  const fileName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  for (const to of added) {
    if (to.target !== 'kubernetes' || fileName(to.path) === 'kustomization.yaml') continue;
    const fromBase = K8S_OVERLAY.test(to.path) ? removed.find((f) => f.target === 'kubernetes' && f.path === `${K8S_BASE}${fileName(to.path)}`) : undefined;
    const fromOverlays = to.path.startsWith(K8S_BASE) ? removed.filter((f) => f.target === 'kubernetes' && K8S_OVERLAY.test(f.path) && fileName(f.path) === fileName(to.path)) : [];
    if (fromBase) {
      moves.push([fromBase, to]);
      movedAway.add(fromBase.path);
      movedIn.add(to.path);
    }
    for (const from of fromOverlays) {
      moves.push([from, to]);
      movedAway.add(from.path);
      movedIn.add(to.path);
    }
  }

  const files: FileDiff[] = [];
  const formattingOnly: DiffReport['formattingOnly'] = [];
  const driftOf = (path: string) => options.drift?.get(path);
  const record = (diff: FileDiff, reason?: string) => {
    const d = driftOf(diff.path);
    if (d) {
      diff.drift = d.kind;
      if (d.detail) diff.detail = d.detail;
    }
    if (reason) notes.push(`${diff.path}: ${reason}`);
    if (options.mode === 'refs' && !diff.semantic && (diff.status === 'changed' || diff.status === 'moved')) {
      formattingOnly.push({ path: diff.path, ...(diff.previousPath ? { previousPath: diff.previousPath } : {}), target: diff.target });
    } else files.push(diff);
  };

  // A file that stack.yaml patches changed names them: its content is not stackc's alone.
  const patchedBy = (...sides: (FileVersion | undefined)[]) => {
    const by = sides.find((f) => f?.patchedBy?.length)?.patchedBy;
    return by ? { patchedBy: by } : {};
  };
  for (const [b, h] of changed) {
    const { semantic, patch, reason } = compareFile(b, h, options.mode === 'drift', context);
    record({ path: h.path, target: h.target, ...envOf(h), status: 'changed', semantic, patch, ...count(patch), ...patchedBy(h, b) }, reason);
  }
  for (const [from, to] of moves) {
    const { semantic, patch, reason } = compareFile(from, to, false, context);
    record({ path: to.path, previousPath: from.path, target: to.target, ...envOf(to), status: 'moved', semantic, patch, ...count(patch), ...patchedBy(to, from) }, reason);
  }
  for (const h of added) {
    if (movedIn.has(h.path)) continue;
    const patch = unified('', maskText(h.content), context);
    record({ path: h.path, target: h.target, ...envOf(h), status: 'added', semantic: true, patch, ...count(patch), ...patchedBy(h) });
  }
  for (const b of removed) {
    if (movedAway.has(b.path)) continue;
    const patch = unified(maskText(b.content), '', context);
    record({ path: b.path, target: b.target, ...envOf(b), status: 'removed', semantic: true, patch, ...count(patch), ...patchedBy(b) });
  }
  files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : byCodePoint(x.previousPath ?? '', y.previousPath ?? '')));
  formattingOnly.sort((x, y) => byCodePoint(x.path, y.path));

  // Resources.
  const targetOrder = [...new Set([...head.rendered.map((r) => r.name), ...base.rendered.map((r) => r.name), ...paths.map((p) => (head.files.get(p) ?? base.files.get(p))!.target)])];
  const envOrder = [...new Set([...(options.environmentOrder ?? []), ...head.rendered.flatMap((r) => r.environments), ...base.rendered.flatMap((r) => r.environments)])];
  // A file with the same bytes on both sides holds the same resources on both (unless its target
  // now deploys to other environments): only the others need parsing.
  const envsOf = (side: Side, target: string) => side.rendered.find((r) => r.name === target)?.environments.join('\u0000') ?? '';
  // Kubernetes objects run in the namespace their overlay's kustomization sets: a file with the same
  // bytes has other resources when that namespace changed.
  const baseNamespaces = kustomizeNamespaces(base.files);
  const headNamespaces = kustomizeNamespaces(head.files);
  const movesNamespace = (f: FileVersion) =>
    f.target === 'kubernetes' && environmentsOf(f, head.rendered).some((env) => baseNamespaces(f, env) !== headNamespaces(f, env));
  const relevant = (f: FileVersion) => {
    const b = base.files.get(f.path);
    const h = head.files.get(f.path);
    return !b || !h || b.content !== h.content || envsOf(base, f.target) !== envsOf(head, f.target) || movesNamespace(f);
  };
  const baseFiles = [...base.files.values()].filter(relevant);
  const headFiles = [...head.files.values()].filter(relevant);
  const before = resourceIndex(baseFiles, base.rendered, baseNamespaces);
  const after = resourceIndex(headFiles, head.rendered, headNamespaces);
  const pairs: ResourcePair[] = [];
  for (const key of [...after.keys(), ...[...before.keys()].filter((k) => !after.has(k))]) {
    const pair = comparePair(before.get(key), after.get(key));
    if (pair) pairs.push(pair);
  }
  const resources = mergeResources(pairs, targetOrder, envOrder);

  // Risks.
  const isProduction = (env: string | undefined) => env !== undefined && (options.roles?.get(env) ?? roleFromName(env)) === 'production';
  const moved = namespaceMoves(pairs);
  const risky = mergeRisks([...moved.risks, ...moved.pairs.flatMap((pair) => resourceRisks(pair, isProduction)), ...renameRisks(baseFiles, headFiles, base.rendered, head.rendered)], envOrder);
  // Secret names per target and environment, for the groups a differing file belongs to.
  const groups = (f: FileVersion, side: Side) => environmentsOf(f, side.rendered).map((env) => `${f.target}\u0000${env ?? ''}`);
  const affected = new Set([...baseFiles.flatMap((f) => groups(f, base)), ...headFiles.flatMap((f) => groups(f, head))]);
  // Only names one side has and the other lacks become risks. A file with the same bytes on both
  // sides (not `relevant`) names the same secrets on both, so it can only cancel such a name: read
  // it only when its text contains one (or a backslash, which could escape one). Parsing every
  // file of the affected groups was most of `diff --base` on a large stack.
  const inAffected = (side: Side) => (f: FileVersion) => groups(f, side).some((g) => affected.has(g));
  const differingNames = (side: Side) => secretNames([...side.files.values()].filter((f) => relevant(f) && inAffected(side)(f)), side.rendered);
  const baseNames = differingNames(base);
  const headNames = differingNames(head);
  const candidates = new Set<string>();
  for (const key of new Set([...baseNames.keys(), ...headNames.keys()])) {
    const b = baseNames.get(key) ?? new Set<string>();
    const h = headNames.get(key) ?? new Set<string>();
    for (const n of b) if (!h.has(n)) candidates.add(n);
    for (const n of h) if (!b.has(n)) candidates.add(n);
  }
  const candidateList = [...candidates];
  const mayName = (f: FileVersion) => f.content.includes('\\') || candidateList.some((n) => f.content.includes(n));
  const secretsOf = (side: Side, differing: Map<string, Set<string>>) => {
    const names = candidates.size ? secretNames([...side.files.values()].filter((f) => !relevant(f) && inAffected(side)(f) && mayName(f)), side.rendered) : new Map<string, Set<string>>();
    for (const [key, set] of differing) {
      const all = names.get(key) ?? new Set<string>();
      set.forEach((n) => all.add(n));
      names.set(key, all);
    }
    for (const key of [...names.keys()]) if (!affected.has(key)) names.delete(key);
    return names;
  };
  risky.push(...secretRisks(secretsOf(base, baseNames), secretsOf(head, headNames), targetOrder, envOrder));
  const ruleOrder: RiskyChange['rule'][] = ['data-loss', 'namespace-changed', 'app-renamed', 'service-renamed', 'replicas-reduced', 'rollout-downtime', 'schedule-removed', 'job-runs-more-often', 'port-public', 'host-removed', 'healthcheck-removed', 'security-relaxed', 'mutable-image', 'secret-added', 'secret-removed'];
  risky.sort((x, y) => ruleOrder.indexOf(x.rule) - ruleOrder.indexOf(y.rule));

  // Summary per target.
  const targets: TargetSummary[] = [];
  const summaryOf = (target: string) => {
    let s = targets.find((t) => t.target === target);
    if (!s) {
      s = { target, files: { added: 0, changed: 0, removed: 0, moved: 0 }, resources: { added: 0, changed: 0, removed: 0 } };
      targets.push(s);
    }
    return s;
  };
  for (const f of files) summaryOf(f.target).files[f.status === 'added' ? 'added' : f.status === 'removed' ? 'removed' : f.status === 'moved' ? 'moved' : 'changed']++;
  for (const p of pairs) {
    const r = (p.after ?? p.before)!;
    summaryOf(r.target).resources[!p.before ? 'added' : !p.after ? 'removed' : 'changed']++;
  }
  targets.sort((x, y) => rankOf(targetOrder, x.target) - rankOf(targetOrder, y.target));

  const changedAny = options.mode === 'drift' ? files.length > 0 : files.length > 0 || resources.length > 0;
  return { formatVersion: 1, mode: options.mode, base: options.base, head: options.head, filters: options.filters, changed: changedAny, risky, targets, resources, files, formattingOnly, notes };
}

const envOf = (f: FileVersion) => (f.environment ? { environment: f.environment } : {});
const rankOf = (list: readonly string[], x: string) => (list.indexOf(x) < 0 ? list.length : list.indexOf(x));

/** Compares two versions of one file; the patch is empty when nothing worth showing differs. */
function compareFile(b: FileVersion, h: FileVersion, showFormatting: boolean, context: number): { semantic: boolean; patch: string; reason?: string } {
  const pb = parseFile(b.path, b.content);
  const ph = parseFile(h.path, h.content);
  const raw = () => unified(maskText(b.content), maskText(h.content), context);
  if (pb.format !== 'text' && pb.format === ph.format) {
    const beforeDocs: Json[] = [];
    const afterDocs: Json[] = [];
    let semantic = false;
    for (const pair of pairDocs(pb.docs, ph.docs)) {
      const [mb, ma] = maskPair(pair.before, pair.after);
      if (compareValues(mb, ma).length > 0) semantic = true;
      if (mb !== undefined) beforeDocs.push(ma !== undefined ? alignTo(mb, ma) : mb);
      if (ma !== undefined) afterDocs.push(ma);
    }
    if (semantic) {
      let patch: string;
      try {
        patch = unified(renderDocs(pb.format, beforeDocs), renderDocs(pb.format, afterDocs), context);
      } catch {
        patch = raw(); // a value the canonical serializer cannot write: show the text as it is
      }
      return { semantic, patch };
    }
    return { semantic, patch: showFormatting ? raw() : '' };
  }
  const reason = textReason(pb) ?? textReason(ph);
  const semantic = lineSet(b.content) !== lineSet(h.content) || reason !== undefined;
  return { semantic, patch: semantic || showFormatting ? raw() : '', ...(reason ? { reason } : {}) };
}

const textReason = (p: Parsed): string | undefined => (p.format === 'text' ? p.reason : undefined);

/** Text files (a Markdown page, a Procfile) change when their lines do; lines that only moved are ordering. */
const lineSet = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .sort()
    .join('\n');

function unified(before: string, after: string, context: number): string {
  if (before === after) return '';
  const patch = structuredPatch('a', 'b', before, after, '', '', { context });
  // As git writes them: an empty side starts at line 0.
  return patch.hunks.map((h) => [`@@ -${h.oldLines === 0 ? h.oldStart - 1 : h.oldStart},${h.oldLines} +${h.newLines === 0 ? h.newStart - 1 : h.newStart},${h.newLines} @@`, ...h.lines].join('\n')).join('\n');
}

function count(patch: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}

function comparePair(b: Resource | undefined, h: Resource | undefined): ResourcePair | undefined {
  if (b && h && (b.text !== undefined || h.text !== undefined)) {
    if (lineSet(b.text ?? '') === lineSet(h.text ?? '') && b.text !== undefined && h.text !== undefined) return undefined;
    return { before: b, after: h, changes: [] };
  }
  const [mb, ma] = maskPair(b?.value, h?.value);
  const masked = (r: Resource | undefined, value: Json | undefined) => (r ? { ...r, ...(value !== undefined ? { value } : {}) } : undefined);
  if (b && h) {
    const changes = compareValues(mb, ma);
    if (changes.length === 0) return undefined;
    return { before: masked(b, mb)!, after: masked(h, ma)!, changes };
  }
  return { ...(b ? { before: masked(b, mb)! } : {}), ...(h ? { after: masked(h, ma)! } : {}), changes: [] };
}

/** One line per resource change, the environments with the same change folded together. */
function mergeResources(pairs: readonly ResourcePair[], targetOrder: readonly string[], envOrder: readonly string[]): ResourceChange[] {
  const merged = new Map<string, ResourceChange>();
  for (const p of pairs) {
    const r = (p.after ?? p.before)!;
    const action = !p.before ? 'add' : !p.after ? 'remove' : 'change';
    // By label, not namespace: one object of a base in each environment's namespace is one line.
    const id = [r.target, r.type, r.apiVersion ?? '', r.label, action, canonical(p.changes.map((c) => [c.path, c.action, c.before ?? null, c.after ?? null]) as Json)].join('\u0000');
    const existing = merged.get(id);
    if (existing) {
      if (r.environment && !existing.environments.includes(r.environment)) existing.environments.push(r.environment);
      if (!existing.files.includes(r.file)) existing.files.push(r.file);
      if (existing.namespace !== r.namespace) delete existing.namespace;
      continue;
    }
    merged.set(id, {
      target: r.target,
      environments: r.environment ? [r.environment] : [],
      type: r.type,
      label: r.label,
      action,
      files: [r.file],
      ...(r.apiVersion ? { apiVersion: r.apiVersion } : {}),
      ...(r.namespace ? { namespace: r.namespace } : {}),
      name: r.name,
      changes: p.changes,
    });
  }
  const out = [...merged.values()];
  for (const r of out) r.environments.sort((x, y) => rankOf(envOrder, x) - rankOf(envOrder, y));
  const actionRank = { remove: 0, change: 1, add: 2 } as const;
  return out.sort(
    (x, y) =>
      rankOf(targetOrder, x.target) - rankOf(targetOrder, y.target) ||
      byCodePoint(x.label, y.label) ||
      actionRank[x.action] - actionRank[y.action] ||
      rankOf(envOrder, x.environments[0] ?? '') - rankOf(envOrder, y.environments[0] ?? ''),
  );
}



function mergeRisks(risks: readonly (Omit<RiskyChange, 'environments'> & { environment?: string })[], envOrder: readonly string[]): RiskyChange[] {
  const merged = new Map<string, RiskyChange>();
  for (const { environment, ...risk } of risks) {
    const id = [risk.rule, risk.target ?? '', risk.resource ?? '', risk.message].join('\u0000');
    const existing = merged.get(id);
    if (existing) {
      if (environment && !existing.environments.includes(environment)) existing.environments.push(environment);
    } else merged.set(id, { ...risk, environments: environment ? [environment] : [] });
  }
  const out = [...merged.values()];
  for (const r of out) r.environments.sort((x, y) => rankOf(envOrder, x) - rankOf(envOrder, y));
  return out;
}
