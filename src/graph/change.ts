// Before/after pictures for `stackc diff --format markdown`: the graphs of one environment built
// from the base and head stacks, compared by key (the same service on the same target has the same
// key in both), with what went away highlighted in "before" and what is new or different in "after".
// Pure: the caller loads both stacks.
import type { Stack } from '../model/stack.js';
import { graphDrawer } from './build-graph.js';
import { toMermaid, type Highlight } from './mermaid.js';
import { allGroups, allNodes, type Graph, type GraphEdge, type GraphGroup, type GraphNode } from './model.js';
import { plural } from '../vocabulary/plural.js';

export interface GraphChange {
  environment: string;
  /**
   * Whether the architecture changed: a service, resource, entry point or target cluster appeared or
   * went away, an edge (dependency, reference, traffic) did, or a `depends_on` became a reference.
   * Label-only differences (replicas, secrets, ports, how an entry point routes) do not count: the
   * file diffs show those.
   */
  changed: boolean;
  /** Mermaid of the base, removed parts highlighted; `undefined` when the environment is new. */
  before?: string;
  /** Mermaid of the head, new and changed parts highlighted; `undefined` when the environment is gone. */
  after?: string;
  /** One line per difference (`+ service worker on Kubernetes`), in a stable order. */
  summary: string[];
}

export interface GraphChangeOptions {
  /** Environments to compare; default: every environment of `after`, then those only `before` has. */
  environments?: readonly string[];
  /** stack.yaml's name for the generated comment. */
  source?: string;
}

interface Indexed {
  graph: Graph;
  nodes: Map<string, GraphNode>;
  /** Node key → where it is drawn (`on Kubernetes`, `outside the targets`). */
  where: Map<string, string>;
  groups: Map<string, GraphGroup>;
  /** `fromKey -> toKey` → edge and its index in graph.edges. */
  edges: Map<string, { edge: GraphEdge; index: number }>;
}

function index(graph: Graph): Indexed {
  const nodes = new Map(allNodes(graph).map((n) => [n.key, n]));
  const byId = new Map([...nodes.values()].map((n) => [n.id, n]));
  const where = new Map<string, string>();
  const walk = (g: GraphGroup, path: string[]) => {
    for (const n of g.nodes) where.set(n.key, `on ${[...path, g.title].join(' › ')}`);
    for (const inner of g.groups) walk(inner, [...path, g.title]);
  };
  graph.groups.forEach((g) => walk(g, []));
  for (const n of graph.nodes) where.set(n.key, n.kind === 'entry' ? 'entry point' : 'outside the targets');
  const edges = new Map(graph.edges.map((edge, i) => [`${byId.get(edge.from)!.key} -> ${byId.get(edge.to)!.key}`, { edge, index: i }]));
  return { graph, nodes, where, groups: new Map(allGroups(graph).map((g) => [g.key, g])), edges };
}

const sameNode = (a: GraphNode, b: GraphNode): boolean => a.kind === b.kind && a.title === b.title && a.lines.join('\n') === b.lines.join('\n');
const sameEdge = (a: GraphEdge, b: GraphEdge): boolean => a.kind === b.kind && (a.label ?? '') === (b.label ?? '');

/** Compares one environment of two stacks (either may be missing: a stack file added or deleted). */
export function graphChange(before: Stack | undefined, after: Stack | undefined, environment: string, options: Pick<GraphChangeOptions, 'source'> = {}): GraphChange {
  return changeOf(drawerOf(before, options), drawerOf(after, options), environment);
}

/** A stack's environments as graphs (none for a stack that is not there); `undefined` for an environment it lacks. */
type Drawer = (environment: string) => Graph | undefined;

function drawerOf(stack: Stack | undefined, options: Pick<GraphChangeOptions, 'source'>): Drawer {
  if (!stack) return () => undefined;
  let draw: ((environment: string) => Graph) | undefined; // resolved on the first environment the stack has
  return (environment) => (stack.views.has(environment) ? (draw ??= graphDrawer(stack, options.source ? { source: options.source } : {}))(environment) : undefined);
}

function changeOf(before: Drawer, after: Drawer, environment: string): GraphChange {
  const drawnBefore = before(environment);
  const drawnAfter = after(environment);
  const a = drawnBefore && index(drawnBefore);
  const b = drawnAfter && index(drawnAfter);
  if (!a && !b) return { environment, changed: false, summary: [] };
  if (!a) return { environment, changed: true, after: toMermaid(b!.graph, { title: `${b!.graph.stack} · ${environment} (new)` }), summary: [`+ environment ${environment}`] };
  if (!b) return { environment, changed: true, before: toMermaid(a.graph, { title: `${a.graph.stack} · ${environment} (removed)` }), summary: [`- environment ${environment}`] };

  const summary: string[] = [];
  const beforeNodes = new Map<string, Highlight>();
  const afterNodes = new Map<string, Highlight>();
  const beforeEdges = new Map<number, Highlight>();
  const afterEdges = new Map<number, Highlight>();
  let changed = false;
  const describe = (n: GraphNode, where: string) => `${n.kind === 'entry' ? 'entry point' : n.kind === 'site' ? 'static site' : n.kind} ${n.title} ${where}`;

  for (const [key, n] of a.nodes) {
    if (b.nodes.has(key)) continue;
    changed = true;
    beforeNodes.set(n.id, 'removed');
    summary.push(`- ${describe(n, a.where.get(key)!)}`);
  }
  for (const [key, n] of b.nodes) {
    const old = a.nodes.get(key);
    if (!old) {
      changed = true;
      afterNodes.set(n.id, 'added');
      summary.push(`+ ${describe(n, b.where.get(key)!)}`);
    } else if (!sameNode(old, n)) {
      afterNodes.set(n.id, 'changed');
      summary.push(`~ ${describe(n, b.where.get(key)!)}`);
    }
  }
  for (const key of a.groups.keys()) if (!b.groups.has(key)) changed = true;
  for (const key of b.groups.keys()) if (!a.groups.has(key)) changed = true;
  const edgeText = (key: string, g: Indexed) => {
    const [from, to] = key.split(' -> ') as [string, string];
    return `${g.nodes.get(from)!.title} → ${g.nodes.get(to)!.title} ${g.where.get(from)!}`;
  };
  for (const [key, { index: i }] of a.edges) {
    if (b.edges.has(key)) continue;
    changed = true;
    beforeEdges.set(i, 'removed');
    summary.push(`- edge ${edgeText(key, a)}`);
  }
  for (const [key, { edge, index: i }] of b.edges) {
    const old = a.edges.get(key);
    if (!old) {
      changed = true;
      afterEdges.set(i, 'added');
      summary.push(`+ edge ${edgeText(key, b)}`);
    } else if (!sameEdge(old.edge, edge)) {
      // A `depends_on` that became a reference (or back) is a dependency change; a new label is not.
      if (old.edge.kind !== edge.kind) changed = true;
      afterEdges.set(i, 'changed');
      summary.push(`~ edge ${edgeText(key, b)}`);
    }
  }
  return {
    environment,
    changed,
    before: toMermaid(a.graph, { title: `${a.graph.stack} · ${environment} (before)`, nodes: beforeNodes, edges: beforeEdges }),
    after: toMermaid(b.graph, { title: `${b.graph.stack} · ${environment} (after)`, nodes: afterNodes, edges: afterEdges }),
    summary,
  };
}

/** The environments to compare by default: `after`'s in order, then any only `before` has. */
function environmentsOf(before: Stack | undefined, after: Stack | undefined): string[] {
  const names = (after?.environments ?? []).map((e) => e.name);
  for (const e of before?.environments ?? []) if (!names.includes(e.name)) names.push(e.name);
  return names;
}

/**
 * Markdown for a pull-request comment: per environment whose architecture changed, a collapsed
 * `<details>` with the before and after Mermaid graphs. Empty when nothing changed.
 */
export function graphChangeMarkdown(before: Stack | undefined, after: Stack | undefined, options: GraphChangeOptions = {}): string {
  const sections: string[] = [];
  const drawBefore = drawerOf(before, options);
  const drawAfter = drawerOf(after, options);
  for (const environment of options.environments ?? environmentsOf(before, after)) {
    const change = changeOf(drawBefore, drawAfter, environment);
    if (!change.changed) continue;
    const parts = [`<details>`, `<summary>Architecture of <code>${html(environment)}</code>: ${plural(change.summary.length, 'change')}</summary>`, ''];
    parts.push('```diff', ...change.summary, '```', '');
    if (change.before && change.after) parts.push('Green: added · red, dashed: removed · yellow: changed.', '');
    if (change.before) parts.push('**Before**', '', '```mermaid', change.before.trimEnd(), '```', '');
    if (change.after) parts.push('**After**', '', '```mermaid', change.after.trimEnd(), '```', '');
    parts.push('</details>');
    sections.push(parts.join('\n'));
  }
  return sections.length ? `${sections.join('\n\n')}\n` : '';
}

const html = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
