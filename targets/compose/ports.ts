// Ports: published ones as `HOST:CONTAINER[/udp]`, the others under `expose`. One plan per file,
// because host ports are shared by everything in it: services with several replicas get a host
// port range (one port per replica) and backing services take the first free port from theirs.
import type { Port, Resource, Service } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';

export interface ServicePorts {
  ports: string[];
  expose: string[];
  /** The host port a container port is reached at (the first replica's), if published. */
  hostPort(containerPort: number): number | undefined;
}

export interface PortPlan {
  services: ReadonlyMap<string, ServicePorts>;
  /** Host port each backing service is published on (only where backing services are published). */
  resources: ReadonlyMap<string, number>;
}

interface Taken {
  protocol: string;
  from: number;
  to: number;
}

const range = (from: number, to: number): string => (from === to ? String(from) : `${from}-${to}`);
const suffix = (p: Port): string => (p.protocol === 'udp' ? '/udp' : '');
const overlaps = (taken: readonly Taken[], t: Taken): boolean => taken.some((o) => o.protocol === t.protocol && o.from <= t.to && t.from <= o.to);

export function planPorts(
  services: readonly Service[],
  replicasOf: (s: Service) => number,
  resources: readonly Resource[],
  publishResources: boolean,
  report: Report,
): PortPlan {
  // The loader guarantees the declared host ports do not clash; they are taken first.
  const taken: Taken[] = services.flatMap((s) => s.ports.filter((p) => p.host !== undefined).map((p) => ({ protocol: p.protocol, from: p.host!, to: p.hostEnd! })));
  const planned = new Map<string, ServicePorts>();
  for (const service of services) planned.set(service.name, servicePorts(service, replicasOf(service), taken, report));

  const resourcePorts = new Map<string, number>();
  if (publishResources) {
    for (const resource of resources) {
      if (resource.external) continue;
      let port = resource.port;
      while (overlaps(taken, { protocol: 'tcp', from: port, to: port })) port++;
      if (port !== resource.port) {
        report({
          severity: 'info',
          code: 'compose/resource-host-port',
          message: `\`${resource.name}\` is published on host port ${port} in the default environment, because ${resource.port} is taken by another service or resource`,
          path: resource.path,
          hint: `connect from the host to 127.0.0.1:${port}; it can be changed in the env file`,
        });
      }
      taken.push({ protocol: 'tcp', from: port, to: port });
      resourcePorts.set(resource.name, port);
    }
  }
  return { services: planned, resources: resourcePorts };
}

function servicePorts(service: Service, replicas: number, taken: Taken[], report: Report): ServicePorts {
  const ports: string[] = [];
  const expose: string[] = [];
  const hosts: { port: Port; host: number }[] = [];
  for (const p of service.ports) {
    const container = range(p.container, p.containerEnd) + suffix(p);
    if (p.host === undefined) {
      if (!expose.includes(container)) expose.push(container);
      continue;
    }
    hosts.push({ port: p, host: p.host });
    let hostEnd = p.hostEnd!;
    if (replicas > 1) hostEnd = replicaRange(service, p, replicas, taken, report) ?? hostEnd;
    ports.push(`${range(p.host, hostEnd)}:${container}`);
  }
  return {
    ports,
    expose,
    hostPort: (c) => {
      const hit = hosts.find(({ port }) => port.protocol === 'tcp' && port.container <= c && c <= port.containerEnd);
      return hit ? hit.host + (c - hit.port.container) : undefined;
    },
  };
}

/**
 * Several replicas cannot share one host port; Compose gives each replica its own port from a host
 * range (`8000-8002:8000`). Returns the range's last port, or `undefined` when that is impossible.
 */
function replicaRange(service: Service, p: Port, replicas: number, taken: Taken[], report: Report): number | undefined {
  const problem = (why: string) =>
    report({
      severity: 'warning',
      code: 'compose/replica-ports',
      message: `\`${service.name}\` runs ${replicas} replicas but publishes host port ${range(p.host!, p.hostEnd!)}, which only one container can bind: ${why}`,
      path: p.path,
      hint: 'publish the port only where one replica runs (`publish: false` in that environment) and put a reverse proxy in front, or run one replica',
    });
  if (p.container !== p.containerEnd) {
    problem('a port range cannot be given to each replica');
    return undefined;
  }
  const wanted: Taken = { protocol: p.protocol, from: p.host! + 1, to: p.host! + replicas - 1 };
  if (wanted.to > 65535 || overlaps(taken, wanted)) {
    problem(`host ports ${range(wanted.from, wanted.to)} are not free for the other replicas`);
    return undefined;
  }
  taken.push(wanted);
  report({
    severity: 'info',
    code: 'compose/replica-ports',
    message: `\`${service.name}\` runs ${replicas} replicas: Compose gives each its own host port from ${range(p.host!, wanted.to)} (container port ${p.container})`,
    path: p.path,
    hint: 'Compose does not load-balance one host port across replicas; put a reverse proxy in front for a single address',
  });
  return wanted.to;
}
