// Stack + environment → Graph. Pure. For each target that deploys the environment it asks the
// target's own code what it runs there (the same filters, namespaces, app names, file names and
// port plans the build uses), so the picture matches the generated files:
//   compose     container services of its filter; every backing service that is not external
//   kubernetes  container services of its filter; the backing services they use, unless external
//   fly         container services of its filter, one Fly app each; no backing services (Fly does
//               not provision them from fly.toml)
//   railway     services of its filter (containers and static sites); the databases they use
//   vercel      static sites of its filter
//   plugins     the services of their filter, as they are (what a plugin makes of them is its own business)
// A dependency the target does not run is drawn outside every target, saying who runs it, if anyone.
import { basename } from 'node:path';
import { resourceSecretNames } from '../emit/emit-helpers.js';
import type { EnvironmentView, Resource, Service, Stack, TargetConfig } from '../model/stack.js';
import { references } from '../model/template.js';
import { fileNames } from '../../targets/compose/paths.js';
import { planPorts } from '../../targets/compose/ports.js';
import { replicasOf } from '../../targets/compose/scope.js';
import { appName } from '../../targets/fly/layout.js';
import { readOptions as flyOptions } from '../../targets/fly/options.js';
import { readOptions as kubernetesOptions } from '../../targets/kubernetes/options.js';
import { resourcesUsedBy } from '../../targets/kubernetes/references.js';
import { railwayNames } from '../../targets/railway/resources.js';
import { readOptions as vercelOptions, vercelEnvironment } from '../../targets/vercel/options.js';
import { siteDomain } from '../../targets/vercel/variables.js';
import { Ids, type EdgeKind, type Graph, type GraphEdge, type GraphGroup, type GraphNode } from './model.js';

/** How targets are named in the picture. Anything else is a plugin. */
export const TARGET_TITLES: Readonly<Record<string, string>> = {
  compose: 'Docker Compose',
  kubernetes: 'Kubernetes',
  fly: 'Fly.io',
  railway: 'Railway',
  vercel: 'Vercel',
  'github-actions': 'GitHub Actions',
};

const titleOf = (target: string): string => TARGET_TITLES[target] ?? target;

interface Entry {
  /** Same address, same node: `api.shop.example/` is one entry however many targets serve it. */
  key: string;
  title: string;
  lines: string[];
  /** How traffic gets from the entry to the service on this target. */
  label: string;
}

interface Placed {
  service: Service;
  facts: string[];
  entries: Entry[];
  /** A nested group for the service (a Fly app). */
  unit?: { key: string; title: string; lines: string[] };
}

interface Placement {
  target: string;
  title: string;
  lines: string[];
  services: Placed[];
  resources: { resource: Resource; facts: string[] }[];
}

export interface GraphOptions {
  /** stack.yaml's name for the header (default: the base name of `stack.file`). */
  source?: string;
}

/**
 * The graph of `environment` (which must exist; the CLI checks the name first).
 * @throws Error for an unknown environment.
 */
export function buildGraph(stack: Stack, environment: string, options: GraphOptions = {}): Graph {
  const view = stack.views.get(environment);
  if (!view) throw new Error(`no environment \`${environment}\` in the stack`);
  const notes: string[] = [];
  const placements: Placement[] = [];
  for (const config of stack.targets) {
    if (config.name === 'github-actions') {
      notes.push('github-actions: CI and deploy workflows; they run no service, so they are not drawn');
      continue;
    }
    if (!config.environments.includes(environment)) {
      notes.push(`${config.name}: does not deploy environment ${environment}`);
      continue;
    }
    placements.push(place(stack, view, config));
  }
  return assemble(stack, view, placements, notes, options.source ?? (basename(stack.file) || 'stack.yaml'));
}

const selected = (view: EnvironmentView, config: TargetConfig): Service[] => view.services.filter((s) => !config.services || config.services.includes(s.name));

function place(stack: Stack, view: EnvironmentView, config: TargetConfig): Placement {
  switch (config.name) {
    case 'compose':
      return placeCompose(stack, view, config);
    case 'kubernetes':
      return placeKubernetes(stack, view, config);
    case 'fly':
      return placeFly(stack, view, config);
    case 'railway':
      return placeRailway(stack, view, config);
    case 'vercel':
      return placeVercel(stack, view, config);
    default:
      return {
        target: config.name,
        title: config.name,
        lines: ['plugin target'],
        services: selected(view, config).map((service) => ({ service, facts: [], entries: [] })),
        resources: [],
      };
  }
}

const ignore = (): void => {};
const times = (n: number): string | undefined => (n > 1 ? `×${n}` : undefined);
const hostAddress = (service: Service): string => `${service.public!.host}${service.public!.path === '/' ? '' : service.public!.path}`;
const hostEntry = (service: Service, label: string): Entry => ({ key: `@entry/${hostAddress(service)}`, title: hostAddress(service), lines: [], label });

function placeCompose(stack: Stack, view: EnvironmentView, config: TargetConfig): Placement {
  const files = fileNames(stack, view.environment.name);
  const services = selected(view, config).filter((s) => s.kind === 'container');
  const ports = planPorts(services, replicasOf, view.resources, files.isDefault, ignore);
  return {
    target: 'compose',
    title: titleOf('compose'),
    lines: [files.compose],
    services: services.map((service) => {
      const planned = ports.services.get(service.name)!;
      const a = service.autoscale;
      return {
        service,
        facts: [
          a ? `×${a.min} (no autoscaling)` : times(service.replicas),
          planned.ports.length ? `published ${planned.ports.join(', ')}` : undefined,
          planned.expose.length ? `port ${planned.expose.join(', ')}` : undefined,
        ].filter((f): f is string => f !== undefined),
        entries: [],
      };
    }),
    resources: view.resources
      .filter((r) => !r.external)
      .map((resource) => {
        const port = ports.resources.get(resource.name);
        return { resource, facts: ['container', ...(port !== undefined ? [`published 127.0.0.1:${port}`] : [])] };
      }),
  };
}

function placeKubernetes(stack: Stack, view: EnvironmentView, config: TargetConfig): Placement {
  const options = kubernetesOptions(stack, config.options);
  const services = selected(view, config).filter((s) => s.kind === 'container');
  const used = new Set(services.flatMap(resourcesUsedBy));
  const { className, tls } = options.ingress;
  const ingress = ['Ingress', className, tls ? 'TLS' : undefined].filter(Boolean).join(' · ');
  return {
    target: 'kubernetes',
    title: titleOf('kubernetes'),
    lines: [`namespace ${options.namespace}`],
    services: services.map((service) => {
      const a = service.autoscale;
      return {
        service,
        facts: [a ? `autoscale ${a.min}–${a.max} at ${a.cpu}% CPU` : times(service.replicas), portList(service)].filter((f): f is string => f !== undefined),
        entries: service.public ? [hostEntry(service, ingress)] : [],
      };
    }),
    resources: view.resources.filter((r) => used.has(r.name) && !r.external).map((resource) => ({ resource, facts: [`StatefulSet · ${resource.storage}`] })),
  };
}

function placeFly(stack: Stack, view: EnvironmentView, config: TargetConfig): Placement {
  const options = flyOptions(stack, config.options);
  const environment = view.environment;
  return {
    target: 'fly',
    title: titleOf('fly'),
    lines: options.region ? [`region ${options.region}`] : [],
    services: selected(view, config)
      .filter((s) => s.kind === 'container')
      .map((service) => {
        const app = appName(stack, options, service.name, environment.name);
        const a = service.autoscale;
        const entries: Entry[] = [];
        if (service.public) {
          entries.push(environment.domain ? hostEntry(service, 'Fly proxy · HTTPS') : { key: `@entry/${app}.fly.dev`, title: `${app}.fly.dev`, lines: [], label: 'Fly proxy · HTTPS' });
        }
        const isPrivate = !service.public && service.ports.length > 0;
        return {
          service,
          facts: [a ? `${a.min}–${a.max} Machines` : times(service.replicas), portList(service), isPrivate ? `private: ${app}.flycast` : undefined].filter((f): f is string => f !== undefined),
          entries,
          unit: { key: `fly/app/${service.name}`, title: `app ${app}`, lines: [] },
        };
      }),
    resources: [],
  };
}

function placeRailway(stack: Stack, view: EnvironmentView, config: TargetConfig): Placement {
  const names = railwayNames(stack);
  const services = selected(view, config);
  const used = new Set(services.flatMap(resourcesUsedBy));
  return {
    target: 'railway',
    title: titleOf('railway'),
    lines: [`environment ${view.environment.name}`],
    services: services.map((service) => {
      const a = service.autoscale;
      const entries: Entry[] = [];
      if (service.public) {
        entries.push(
          view.environment.domain
            ? hostEntry(service, 'Railway · custom domain')
            : { key: `@entry/railway/${service.name}`, title: '*.up.railway.app', lines: [`generated domain of ${service.name}`], label: 'Railway · HTTPS' },
        );
      }
      return { service, facts: [a ? `×${a.min} (no autoscaling)` : times(service.replicas), portList(service)].filter((f): f is string => f !== undefined), entries };
    }),
    resources: view.resources.filter((r) => used.has(r.name) && !r.external).map((resource) => ({ resource, facts: [`Railway service ${names.get(resource.name) ?? resource.name}`] })),
  };
}

function placeVercel(stack: Stack, view: EnvironmentView, config: TargetConfig): Placement {
  const options = vercelOptions(config.options, ignore);
  const mapped = vercelEnvironment(stack, view.environment.name, options);
  const kind = { production: 'Production', preview: 'Preview', development: 'Development' }[mapped.target];
  return {
    target: 'vercel',
    title: titleOf('vercel'),
    lines: [`${kind} environment${mapped.gitBranch ? ` · branch ${mapped.gitBranch}` : ''}`],
    services: selected(view, config)
      .filter((s) => s.kind === 'static')
      .map((service) => {
        // Without a domain the site has only Vercel's deployment URL; Vercel's Development
        // environment is `vercel dev` on the developer's machine.
        const domain = view.environment.domain ? siteDomain(service, view) : undefined;
        const path = service.public && service.public.path !== '/' ? service.public.path : '';
        const entry: Entry =
          mapped.target === 'development'
            ? { key: `@entry/vercel-dev/${service.name}`, title: 'vercel dev', lines: [`local server of ${service.name}`], label: 'Vercel CLI' }
            : domain
              ? { key: `@entry/${domain}${path}`, title: `${domain}${path}`, lines: [], label: 'Vercel CDN · HTTPS' }
              : { key: `@entry/vercel/${service.name}`, title: '*.vercel.app', lines: [`deployment URL of ${service.name}`], label: 'Vercel CDN · HTTPS' };
        return { service, facts: [], entries: [entry] };
      }),
    resources: [],
  };
}

function portList(service: Service): string | undefined {
  if (service.ports.length === 0) return undefined;
  const text = service.ports.map((p) => `${p.container === p.containerEnd ? p.container : `${p.container}-${p.containerEnd}`}${p.protocol === 'udp' ? '/udp' : ''}`);
  return `port${text.length > 1 ? 's' : ''} ${text.join(', ')}`;
}

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

function serviceLines(service: Service, facts: readonly string[]): string[] {
  const kind = service.kind === 'static' ? [`static site${service.static?.framework ? ` · ${service.static.framework}` : ''}`] : [];
  const secrets = service.secrets.length ? wrap(`secrets: ${service.secrets.map((s) => s.name).join(', ')}`, WIDTH) : [];
  return [...(service.description ? wrap(service.description, WIDTH) : []), ...wrapFacts([...kind, ...facts]), ...secrets];
}

/** Where a service's `public_url` points: its public host, or a static site's environment domain. */
function publicAddress(service: Service | undefined, view: EnvironmentView): string | undefined {
  if (service?.public) return hostAddress(service);
  return service?.kind === 'static' ? view.environment.domain : undefined;
}

const resourceKind = (r: Resource): string => `${r.type} ${r.version} · ${r.storage}`;

/** A service's dependencies: `depends_on` first, then references without one, each once. */
function needs(service: Service): { kind: 'service' | 'resource'; name: string; edge: EdgeKind; publicUrl: boolean }[] {
  const out: { kind: 'service' | 'resource'; name: string; edge: EdgeKind; publicUrl: boolean }[] = [];
  const seen = new Set<string>();
  for (const d of service.dependsOn) {
    seen.add(`${d.kind}/${d.name}`);
    out.push({ kind: d.kind, name: d.name, edge: 'depends', publicUrl: false });
  }
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

function assemble(stack: Stack, view: EnvironmentView, placements: readonly Placement[], notes: string[], source: string): Graph {
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
  const local = new Map<Placement, { service: Map<string, string>; resource: Map<string, string> }>();
  for (const p of placements) {
    const group: GraphGroup = { key: `group/${p.target}`, id: ids.of(`group/${p.target}`, 'g'), kind: 'target', title: p.title, lines: p.lines, nodes: [], groups: [] };
    groups.push(group);
    const here = { service: new Map<string, string>(), resource: new Map<string, string>() };
    local.set(p, here);
    for (const placed of p.services) {
      const key = `${p.target}/service/${placed.service.name}`;
      const node: GraphNode = { key, id: ids.of(key), kind: placed.service.kind === 'static' ? 'site' : 'service', title: placed.service.name, lines: serviceLines(placed.service, placed.facts) };
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
      const node: GraphNode = { key, id: ids.of(key), kind: 'resource', title: resource.name, lines: [...(resource.description ? wrap(resource.description, WIDTH) : []), ...wrapFacts([`${resource.type} ${resource.version}`, ...facts])] };
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
          const address = publicAddress(view.services.find((s) => s.name === need.name), view);
          const entry = address === undefined ? undefined : entries.get(`@entry/${address}`);
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
      ? [`external in ${env}`, `URL from secret ${resourceSecretNames(resource).url}`]
      : [
          ...(by.length ? [`not provisioned by ${by.join(', ')}`] : []),
          elsewhere ? `provisioned by ${elsewhere.join(', ')}` : `not provisioned by any target in ${env}`,
        ];
    outside.push({
      key,
      id: ids.of(key),
      kind: 'outside',
      title: resource.name,
      lines: [...(resource.description ? wrap(resource.description, WIDTH) : []), resource.external ? `${resource.type} ${resource.version}` : resourceKind(resource), ...status.flatMap((s) => wrap(s, WIDTH))],
    });
  }

  const nodes = [...entries.values(), ...outside];
  // The loader guarantees every reference names something in the environment; should one not, the
  // edge goes rather than point at a node that does not exist.
  const drawn = new Set([...nodes.map((n) => n.id), ...[...local.values()].flatMap((h) => [...h.service.values(), ...h.resource.values()])]);
  return { stack: stack.name, environment: env, source, groups, nodes, edges: edges.filter((e) => drawn.has(e.from) && drawn.has(e.to)), notes };
}
