// What a service needs running before it starts, with the readiness it waits for. One definition
// for Compose's depends_on, Kubernetes' ordering notes, the graph's arrows, lint and the cycle
// check: `depends_on` entries, then every backing service it references, then every service it
// reaches by host, port or url (in env values, then in inline files). `public_url` is not a need: it goes through the service's public
// address, and two services that link to each other's pages must not make a cycle.
import type { Service } from '../model/stack.js';
import { references } from '../model/template.js';
import type { Need, Readiness } from './model.js';
import { isOneShot } from './one-shot.js';

const readinessOf = (kind: Need['kind'], service: Service | undefined, probed = true): Readiness =>
  (kind === 'resource' && probed) || service?.healthcheck?.probe ? 'healthy' : service && isOneShot(service) ? 'completed' : 'started';

/** What waiting for a service means: its probe passes, it completed (a one-shot), or it started. */
export const serviceReadiness = (service: Service): Readiness => readinessOf('service', service);

/**
 * @param find the environment's enabled service of a name (readiness depends on its healthcheck)
 * @param probed whether stackc health-checks the backing service of a name: every type but
 *   `container`, whose image stackc knows nothing of, so waiting for it means waiting for its start
 */
export function needsOf(service: Service, find: (name: string) => Service | undefined, probed: (resource: string) => boolean = () => true): Need[] {
  const out: Need[] = [];
  const seen = new Set<string>();
  const add = (need: Omit<Need, 'readiness'>) => {
    const key = `${need.kind}/${need.name}`;
    if (seen.has(key) || (need.kind === 'service' && need.name === service.name)) return;
    seen.add(key);
    out.push({ ...need, readiness: readinessOf(need.kind, find(need.name), need.kind !== 'resource' || probed(need.name)) });
  };
  for (const d of service.dependsOn) add({ kind: d.kind, name: d.name, via: 'depends_on', path: d.path });
  const readers = [...service.env.map((v) => ({ template: v.value, path: v.path })), ...service.files.flatMap((f) => (f.content.kind === 'inline' ? [{ template: f.content.template, path: f.content.at }] : []))];
  for (const { template, path } of readers) {
    for (const ref of references(template)) {
      if (ref.root === 'resources') add({ kind: 'resource', name: ref.name, via: 'reference', path });
      else if (ref.root === 'services' && ref.key !== 'public_url') add({ kind: 'service', name: ref.name, via: 'reference', path });
    }
  }
  return out;
}

/** Backing services among the needs, in first-use order. */
export const usedResources = (needs: readonly Need[]): string[] => needs.filter((n) => n.kind === 'resource').map((n) => n.name);

/** One step of a cycle: `from` needs `need.name`. */
export interface CycleStep {
  from: Service;
  need: Need;
}

/**
 * Cycles among service needs, as their steps: one for each need that a depth-first walk (services
 * in declaration order) finds pointing back into its current path, so a stack with any cycle has
 * at least one reported; each starts where the walk entered it. Iterative, linear time.
 */
export function findNeedCycles(services: readonly Service[], needs: (service: Service) => readonly Need[]): CycleStep[][] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: CycleStep[][] = [];
  for (const root of services) {
    if (state.has(root.name)) continue;
    const stack: { service: Service; edges: Need[]; next: number; via?: Need }[] = [{ service: root, edges: serviceNeeds(root), next: 0 }];
    state.set(root.name, 'open');
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      if (frame.next >= frame.edges.length) {
        state.set(frame.service.name, 'done');
        stack.pop();
        continue;
      }
      const edge = frame.edges[frame.next++]!;
      const target = byName.get(edge.name)!;
      const s = state.get(target.name);
      if (s === 'open') {
        const from = stack.findIndex((f) => f.service.name === target.name);
        const frames = stack.slice(from);
        cycles.push(frames.map((f, i) => ({ from: f.service, need: i + 1 < frames.length ? frames[i + 1]!.via! : edge })));
      } else if (s === undefined) {
        state.set(target.name, 'open');
        stack.push({ service: target, edges: serviceNeeds(target), next: 0, via: edge });
      }
    }
  }
  return cycles;

  function serviceNeeds(s: Service): Need[] {
    return needs(s).filter((n) => n.kind === 'service' && byName.has(n.name));
  }
}
