// The picture of one environment of a stack, independent of how it is drawn: groups (one per target
// that runs something there, Fly apps nested in Fly), nodes (services, resources, entry points, and
// what no target runs) and edges (depends_on, references, traffic from entry points). Mermaid and
// DOT are both renderings of this value, so they cannot disagree.

export type NodeKind =
  /** A container service as a target runs it. */
  | 'service'
  /** A static site as a target serves it. */
  | 'site'
  /** A job of `jobs:` as a target runs it (its schedule, or how it is started, in its lines). */
  | 'job'
  /** A backing service a target provisions. */
  | 'resource'
  /** Something a service needs that the target running the service does not run (external, or elsewhere). */
  | 'outside'
  /** Where traffic comes in: a domain, an ingress host, a platform-generated address. */
  | 'entry';

export type EdgeKind =
  /** `depends_on`. */
  | 'depends'
  /** A `${services.x.*}` or `${resources.x.*}` reference without a `depends_on`. */
  | 'reads'
  /** Traffic from an entry point. */
  | 'serves';

export interface GraphNode {
  /**
   * Stable across stacks: the same thing has the same key (`compose/service/api`). Ids derive from it.
   * Entry points and outside nodes start with `@` (`@entry/api.shop.example`, `@outside/resource/db`),
   * which no target name can, so a plugin target called `outside` cannot collide with them.
   */
  key: string;
  /** A valid identifier in Mermaid and DOT (`[A-Za-z][A-Za-z0-9_]*`), unique in the graph. */
  id: string;
  kind: NodeKind;
  /** Shown bold: a service, resource or address. */
  title: string;
  /** Detail lines, plain text (renderers escape them). */
  lines: string[];
}

export interface GraphGroup {
  key: string;
  id: string;
  /** `target`: a target's cluster; `unit`: a part of one (a Fly app). */
  kind: 'target' | 'unit';
  title: string;
  lines: string[];
  nodes: GraphNode[];
  groups: GraphGroup[];
}

export interface GraphEdge {
  /** Node ids. */
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
}

export interface Graph {
  stack: string;
  environment: string;
  /** stack.yaml's file name, for the generated-file header. */
  source: string;
  /** Target clusters, in `targets:` order. */
  groups: GraphGroup[];
  /** Nodes outside every target: entry points first, then what no target in the group runs. */
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Remarks rendered as comments (targets not drawn, and why). */
  notes: string[];
}

/** Every node, depth first in drawing order. */
export function allNodes(graph: Graph): GraphNode[] {
  const out: GraphNode[] = [];
  const walk = (g: GraphGroup) => {
    out.push(...g.nodes);
    g.groups.forEach(walk);
  };
  graph.groups.forEach(walk);
  out.push(...graph.nodes);
  return out;
}

/** Every group, depth first. */
export function allGroups(graph: Graph): GraphGroup[] {
  const out: GraphGroup[] = [];
  const walk = (g: GraphGroup) => {
    out.push(g);
    g.groups.forEach(walk);
  };
  graph.groups.forEach(walk);
  return out;
}

/** Identifiers from keys: letters, digits and `_`, prefixed so that no keyword (`end`, `graph`) can result. */
export class Ids {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  /** @param prefix `n` for nodes, `g` for groups: one namespace, as Mermaid has. */
  of(key: string, prefix: 'n' | 'g' = 'n'): string {
    const known = this.byKey.get(key);
    if (known) return known;
    const base = `${prefix}_${key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}
