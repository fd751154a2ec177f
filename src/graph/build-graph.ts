// Stack + environment → Graph. Pure. Each target says where it places the services of the
// environment (its `place` hook over the deployment model: the same plans, names, namespaces and
// port plans the build uses), so the picture matches the generated files. A target without a
// `place` hook (a plugin) shows the services its plan runs there. A dependency the target does not
// run is drawn outside every target, saying who runs it, if anyone.
import { basename } from 'node:path';
import type { DeployedEnvironment, DeployedResource, DeployedService, DeploymentModel } from '../deploy/model.js';
import { containerOutputSecrets } from '../deploy/container-outputs.js';
import { planTarget } from '../deploy/placement.js';
import { resolveDeployment } from '../deploy/resolve.js';
import { resourceSecretNames } from '../emit/emit-helpers.js';
import { entryKey, type Entry, type Placement } from '../emit/placement.js';
import { BUILTIN_TARGETS } from '../emit/registry.js';
import { placeAll, planTargets } from '../emit/render.js';
import type { Target } from '../emit/target.js';
import type { Stack } from '../model/stack.js';
import { references } from '../model/template.js';
import { Ids, type EdgeKind, type Graph, type GraphEdge, type GraphGroup, type GraphNode } from './model.js';

interface Placed {
  service: DeployedService;
  facts: string[];
  entries: Entry[];
  /** A nested group for the service (a Fly app). */
  unit?: { key: string; title: string; lines: string[] };
}

interface Group {
  target: string;
  title: string;
  lines: string[];
  services: Placed[];
  resources: { resource: DeployedResource; facts: string[] }[];
}

export interface GraphOptions {
  /** stack.yaml's name for the header (default: the base name of `stack.file`). */
  source?: string;
  /** The targets that place services (default: the built-in ones; a stack's plugins are drawn by their plans). */
  targets?: readonly Target[];
}

/**
 * The graph of `environment` (which must exist; the CLI checks the name first).
 * @throws Error for an unknown environment.
 */
export const buildGraph = (stack: Stack, environment: string, options: GraphOptions = {}): Graph => graphDrawer(stack, options)(environment);

/**
 * Draws the environments of one stack: the model is resolved and every target places its services
 * once, however many environments are drawn (a pull request's graph change draws each twice).
 */
export function graphDrawer(stack: Stack, options: GraphOptions = {}): (environment: string) => Graph {
  const model = resolveDeployment(stack).model;
  const planned = planTargets(model, options.targets ?? BUILTIN_TARGETS);
  // Placements name files relative to the output root: the stack's directory, as `stackc build` has it.
  const placements = placeAll(model, planned, basename(stack.file) || 'stack.yaml', () => () => {});
  const source = options.source ?? (basename(stack.file) || 'stack.yaml');
  return (environment) => {
    if (!stack.views.has(environment)) throw new Error(`no environment \`${environment}\` in the stack`);
    return draw(model, planned, placements, environment, source);
  };
}

function draw(model: DeploymentModel, planned: ReturnType<typeof planTargets>, placements: readonly Placement[], environment: string, source: string): Graph {
  const stack = model.stack;
  const view = model.environment(environment)!;
  const notes: string[] = [];
  const groups: Group[] = [];
  for (const config of stack.targets) {
    const entry = planned.find((p) => p.plan.name === config.name);
    const capabilities = entry?.target.capabilities;
    if (capabilities && capabilities.runs.services.length === 0) {
      notes.push(`${config.name}: ${capabilities.makes ?? capabilities.title}; they run no service, so they are not drawn`);
      continue;
    }
    if (!config.environments.includes(environment)) {
      notes.push(`${config.name}: does not deploy environment ${environment}`);
      continue;
    }
    const placement = placements.find((p) => p.target === config.name && p.environment === environment);
    groups.push(placement ? groupOf(placement, view, capabilities?.title ?? config.name) : pluginGroup(config.name, (entry?.plan ?? planTarget(model, config)).services(environment)));
  }
  return assemble(model, view, groups, notes, source);
}

function groupOf(p: Placement, view: DeployedEnvironment, title: string): Group {
  return {
    target: p.target,
    title,
    lines: p.lines,
    // A job is drawn like a service it runs beside (Railway places its cron jobs among its services).
    services: [
      ...p.services.map((s) => ({ service: (view.service(s.name) ?? view.job(s.name))!, facts: s.facts, entries: s.entries, ...(s.unit ? { unit: { ...s.unit, lines: [] } } : {}) })),
      ...(p.jobs ?? []).map((j) => ({ service: view.job(j.name)!, facts: j.facts, entries: [] })),
    ],
    resources: p.resources.map((r) => ({ resource: view.resource(r.name)!, facts: r.facts })),
  };
}

/** What the graph knows of a target it cannot ask: the services it runs, as they are. */
const pluginGroup = (target: string, services: readonly DeployedService[]): Group => ({ target, title: target, lines: ['plugin target'], services: services.map((service) => ({ service, facts: [], entries: [] })), resources: [] });

/** Words wrapped to lines of at most `width` characters (longer words stay whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const WIDTH = 38;

/** Facts joined with ` · `, a line break between facts rather than inside one where possible. */
export function wrapFacts(facts: readonly string[], width = WIDTH): string[] {
  const lines: string[] = [];
  for (const fact of facts) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 3 + fact.length <= width) lines[lines.length - 1] = `${last} · ${fact}`;
    else lines.push(...wrap(fact, width));
  }
  return lines;
}

function serviceLines(service: DeployedService, facts: readonly string[]): string[] {
  const kind = service.kind === 'static' ? [`static site${service.static?.framework ? ` · ${service.static.framework}` : ''}`] : [];
  const secrets = service.secrets.length ? wrap(`secrets: ${service.secrets.map((s) => s.name).join(', ')}`, WIDTH) : [];
  return [...(service.description ? wrap(service.description, WIDTH) : []), ...wrapFacts([...kind, ...facts]), ...secrets];
}

/** Where a service's `public_url` points: its public address, or a static site's environment domain. */
function publicAddress(service: DeployedService | undefined): string | undefined {
  const e = service?.endpoints[0];
  if (!e) return undefined;
  return service!.public || e.routable ? e.address : undefined;
}

/** Where services read an external resource from: its URL's secret, an s3 bucket's endpoint and key secrets, a container's outputs' secrets. */
function externalSecrets(r: DeployedResource): string {
  const names = resourceSecretNames(r);
  if (r.type === 'container') return `outputs from secrets ${containerOutputSecrets(r).map((x) => x.secret).join(', ')}`;
  return r.s3?.endpoint ? `${r.s3.endpoint}, keys from secrets ${names.accessKey}, ${names.secretKey}` : `URL from secret ${names.url}`;
}

/** What a resource is: its type and version, or for an s3 bucket, which bucket (its server's version says little). */
const resourceWhat = (r: DeployedResource): string => (r.s3 ? `s3 bucket ${r.s3.bucket}` : r.type === 'container' ? `image ${r.image}` : `${r.type} ${r.version}`);
/** What it is and its storage; a container resource without `volume` keeps nothing, so it has none. */
const resourceKind = (r: DeployedResource): string => (r.type === 'container' && r.container?.volume === undefined ? resourceWhat(r) : `${resourceWhat(r)} · ${r.storage}`);

/**
 * A service's arrows: its needs (model.ts: `depends_on`, then what it reaches through references),
 * and the public URLs it reads, which are not needs but are drawn, in the order the env values name them.
 */
function needs(service: DeployedService): { kind: 'service' | 'resource'; name: string; edge: EdgeKind; publicUrl: boolean }[] {
  const out: { kind: 'service' | 'resource'; name: string; edge: EdgeKind; publicUrl: boolean }[] = service.needs
    .filter((n) => n.via === 'depends_on')
    .map((n) => ({ kind: n.kind, name: n.name, edge: 'depends', publicUrl: false }));
  const seen = new Set(out.map((n) => `${n.kind}/${n.name}`));
  for (const v of service.env) {
    for (const ref of references(v.value)) {
      if (ref.root === 'environment') continue;
      const kind = ref.root === 'services' ? 'service' : 'resource';
      const publicUrl = ref.root === 'services' && ref.key === 'public_url';
      const id = `${kind}/${ref.name}${publicUrl ? '/public' : ''}`;
      if (seen.has(id) || (!publicUrl && seen.has(`${kind}/${ref.name}`))) continue;
      seen.add(id);
      out.push({ kind, name: ref.name, edge: 'reads', publicUrl });
    }
  }
  return out;
}

function assemble(model: DeploymentModel, view: DeployedEnvironment, placements: readonly Group[], notes: string[], source: string): Graph {
  const ids = new Ids();
  const env = view.environment.name;
  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind, label?: string) => {
    const key = `${from}->${to}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from, to, kind, ...(label ? { label } : {}) });
  };
  const entries = new Map<string, GraphNode>();
  const entryId = (e: Pick<Entry, 'key' | 'title' | 'lines'>): string => {
    if (!entries.has(e.key)) entries.set(e.key, { key: e.key, id: ids.of(e.key), kind: 'entry', title: e.title, lines: e.lines });
    return entries.get(e.key)!.id;
  };
  // Outside nodes, made once everything is known (their lines say who needs them).
  const neededBy = new Map<string, Set<string>>();
  const outsideId = (kind: 'service' | 'resource', name: string, by: string | undefined): string => {
    const key = `@outside/${kind}/${name}`;
    if (!neededBy.has(key)) neededBy.set(key, new Set());
    if (by) neededBy.get(key)!.add(by);
    return ids.of(key);
  };
  const runBy = { service: new Map<string, string[]>(), resource: new Map<string, string[]>() };
  const ran = (kind: 'service' | 'resource', name: string, target: string) => runBy[kind].set(name, [...(runBy[kind].get(name) ?? []), target]);

  const groups: GraphGroup[] = [];
  const local = new Map<Group, { service: Map<string, string>; resource: Map<string, string> }>();
  for (const p of placements) {
    const group: GraphGroup = { key: `group/${p.target}`, id: ids.of(`group/${p.target}`, 'g'), kind: 'target', title: p.title, lines: p.lines, nodes: [], groups: [] };
    groups.push(group);
    const here = { service: new Map<string, string>(), resource: new Map<string, string>() };
    local.set(p, here);
    for (const placed of p.services) {
      const key = `${p.target}/service/${placed.service.name}`;
      const node: GraphNode = { key, id: ids.of(key), kind: 'trigger' in placed.service ? 'job' : placed.service.kind === 'static' ? 'site' : 'service', title: placed.service.name, lines: serviceLines(placed.service, placed.facts) };
      if (placed.unit) {
        const unitKey = `group/${placed.unit.key}`;
        group.groups.push({ key: unitKey, id: ids.of(unitKey, 'g'), kind: 'unit', title: placed.unit.title, lines: placed.unit.lines, nodes: [node], groups: [] });
      } else group.nodes.push(node);
      here.service.set(placed.service.name, node.id);
      ran('service', placed.service.name, p.title);
      for (const e of placed.entries) entryId(e);
    }
    for (const { resource, facts } of p.resources) {
      const key = `${p.target}/resource/${resource.name}`;
      const node: GraphNode = { key, id: ids.of(key), kind: 'resource', title: resource.name, lines: [...(resource.description ? wrap(resource.description, WIDTH) : []), ...wrapFacts([resourceWhat(resource), ...facts])] };
      group.nodes.push(node);
      here.resource.set(resource.name, node.id);
      ran('resource', resource.name, p.title);
    }
  }

  // Edges once every node exists: a service may depend on one declared after it, or read the
  // public URL of a service another target serves.
  for (const p of placements) {
    const here = local.get(p)!;
    for (const placed of p.services) {
      const from = here.service.get(placed.service.name)!;
      for (const e of placed.entries) addEdge(entryId(e), from, 'serves', e.label);
      for (const need of needs(placed.service)) {
        if (need.publicUrl) {
          // Through the address it is served at, when a target in the picture serves one.
          const address = publicAddress(view.service(need.name));
          const entry = address === undefined ? undefined : entries.get(entryKey(address));
          if (entry) {
            addEdge(from, entry.id, need.edge, 'public URL');
            continue;
          }
        }
        addEdge(from, here[need.kind].get(need.name) ?? outsideId(need.kind, need.name, p.title), need.edge, need.publicUrl ? 'public URL' : undefined);
      }
    }
  }

  // What no target runs in this environment still belongs in the picture, with its own dependencies.
  for (const service of view.services) {
    if (runBy.service.has(service.name)) continue;
    const from = outsideId('service', service.name, undefined);
    for (const need of needs(service)) addEdge(from, outsideId(need.kind, need.name, undefined), need.edge);
  }
  for (const resource of view.resources) if (!runBy.resource.has(resource.name)) outsideId('resource', resource.name, undefined);

  const outside: GraphNode[] = [];
  for (const service of view.services) {
    const key = `@outside/service/${service.name}`;
    if (!neededBy.has(key)) continue;
    const elsewhere = runBy.service.get(service.name);
    const by = [...neededBy.get(key)!];
    const status = elsewhere ? [...(by.length ? [`not run by ${by.join(', ')}`] : []), `runs on ${elsewhere.join(', ')}`] : [`not run by any target in ${env}`];
    // Described in full where it runs; here, only where that is.
    const about = elsewhere ? wrapFacts(service.kind === 'static' ? ['static site'] : []) : serviceLines(service, []);
    outside.push({ key, id: ids.of(key), kind: 'outside', title: service.name, lines: [...about, ...status.flatMap((s) => wrap(s, WIDTH))] });
  }
  for (const resource of view.resources) {
    const key = `@outside/resource/${resource.name}`;
    if (!neededBy.has(key)) continue;
    const elsewhere = runBy.resource.get(resource.name);
    const by = [...neededBy.get(key)!];
    const status = resource.external
      ? [`external in ${env}`, externalSecrets(resource)]
      : [
          ...(by.length ? [`not provisioned by ${by.join(', ')}`] : []),
          elsewhere ? `provisioned by ${elsewhere.join(', ')}` : `not provisioned by any target in ${env}`,
        ];
    outside.push({
      key,
      id: ids.of(key),
      kind: 'outside',
      title: resource.name,
      lines: [...(resource.description ? wrap(resource.description, WIDTH) : []), resource.external ? resourceWhat(resource) : resourceKind(resource), ...status.flatMap((s) => wrap(s, WIDTH))],
    });
  }

  const nodes = [...entries.values(), ...outside];
  // The loader guarantees every reference names something in the environment; should one not, the
  // edge goes rather than point at a node that does not exist.
  const drawn = new Set([...nodes.map((n) => n.id), ...[...local.values()].flatMap((h) => [...h.service.values(), ...h.resource.values()])]);
  return { stack: model.stack.name, environment: env, source, groups, nodes, edges: edges.filter((e) => drawn.has(e.from) && drawn.has(e.to)), notes };
}
