// Ports: published ones as `[ADDRESS:]HOST:CONTAINER[/udp]` (`127.0.0.1:`, `[::1]:`), the others under `expose`. One plan
// per file, because host ports are shared by everything in it: services with several replicas get
// a host port range (one port per replica) and backing services take the first free port from theirs.
// Pure and computed once per environment (the compose/replica-ports and compose/public gaps, the
// emitter and `place` all read the same plan).
import { urlOf } from '../../src/deploy/endpoints.js';
import type { DeployedEnvironment, DeployedResource, DeployedService, Endpoint } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { Problem } from '../../src/diagnostics/problem.js';
import type { GapFinding } from '../../src/emit/capabilities.js';
import type { Port, Service } from '../../src/model/stack.js';
import { replicasOf } from './replicas.js';

/** Where a public endpoint is reached on the host through its published port: `http://localhost:8080/api`. */
export const publishedUrl = (hostPort: number, endpoint: Endpoint): string => urlOf(`localhost:${hostPort}`, endpoint.path, 'http');

export interface ServicePorts {
  ports: string[];
  expose: string[];
  /** The host port a container port is reached at (the first replica's), if published. */
  hostPort(containerPort: number): number | undefined;
  /** The host address a published container port is bound to; `undefined`: every address. */
  hostAddress(containerPort: number): string | undefined;
  /** How its replicas share a published port (the compose/replica-ports gap). */
  replicaFindings: GapFinding[];
}

export interface PortPlan {
  /**
   * The host address app ports are published on: `127.0.0.1` in an environment with a public host
   * (a reverse proxy on the machine is expected in front), else every address (`undefined`).
   */
  bind?: string;
  services: ReadonlyMap<string, ServicePorts>;
  /** Where each backing service published in this environment is (`publish:`, else the default environment only). */
  resources: ReadonlyMap<string, PublishedResource>;
  /** Backing services moved off a taken host port (compose/resource-host-port). */
  moved: Problem[];
}

export interface PublishedResource {
  /** The host port it takes (its own, or the first free one after it). */
  port: number;
  /** The host address: `publish.bind`, else 127.0.0.1. */
  bind: string;
}

/** `127.0.0.1:` or `[::1]:` before a published port: Compose reads an IPv6 address in brackets. */
export const addressPrefix = (address: string | undefined): string => (address === undefined ? '' : address.includes(':') ? `[${address}]:` : `${address}:`);

interface Taken {
  protocol: string;
  from: number;
  to: number;
}

const range = (from: number, to: number): string => (from === to ? String(from) : `${from}-${to}`);
const suffix = (p: Port): string => (p.protocol === 'udp' ? '/udp' : '');
const overlaps = (taken: readonly Taken[], t: Taken): boolean => taken.some((o) => o.protocol === t.protocol && o.from <= t.to && t.from <= o.to);

const plans = new WeakMap<TargetPlan, Map<string, PortPlan>>();

/**
 * The port plan of the file for one environment: the services Compose runs there, and its backing
 * services, published on the host in the default (developer) environment only.
 */
export function environmentPorts(plan: TargetPlan, environment: DeployedEnvironment): PortPlan {
  let byEnvironment = plans.get(plan);
  if (!byEnvironment) plans.set(plan, (byEnvironment = new Map()));
  let ports = byEnvironment.get(environment.name);
  if (!ports) {
    const services = plan.services(environment.name);
    ports = planPorts(services, plan.resources(environment.name).filter((r) => publishesResource(r, environment)), hasPublicHost(environment, services) ? LOOPBACK : undefined);
    byEnvironment.set(environment.name, ports);
  }
  return ports;
}

const LOOPBACK = '127.0.0.1';

/**
 * A backing service is published where `publish` says so, else in the default (developer)
 * environment only, where tools on the machine connect to it.
 */
const publishesResource = (resource: DeployedResource, environment: DeployedEnvironment): boolean =>
  resource.publish ? resource.publish.published : environment.isDefault;

/**
 * An environment with a domain, or where a service is public at a routable host, is served through
 * a reverse proxy (the compose/public gap says so): its ports then bind to loopback only, so the
 * proxy's TLS and routing cannot be bypassed from the network. Docker publishes on every address
 * by default, and its published ports bypass host firewalls such as ufw.
 */
const hasPublicHost = (environment: DeployedEnvironment, services: readonly DeployedService[]): boolean =>
  environment.domain !== undefined || services.some((s) => s.endpoints.some((e) => e.routable));

function planPorts(services: readonly DeployedService[], published: readonly DeployedResource[], bind: string | undefined): PortPlan {
  // The loader guarantees the declared host ports do not clash; they are taken first.
  const taken: Taken[] = services.flatMap((s) => s.ports.filter((p) => p.host !== undefined).map((p) => ({ protocol: p.protocol, from: p.host!, to: p.hostEnd! })));
  const planned = new Map<string, ServicePorts>();
  for (const service of services) planned.set(service.name, servicePorts(service, replicasOf(service), taken, bind));

  const resourcePorts = new Map<string, PublishedResource>();
  const moved: Problem[] = [];
  for (const resource of published) {
    const wanted = resource.publish?.published ? resource.publish : undefined;
    let port = wanted?.host ?? resource.port;
    const first = port;
    while (overlaps(taken, { protocol: 'tcp', from: port, to: port })) port++;
    const address = wanted?.bind ?? LOOPBACK;
    if (port !== first) {
      moved.push({
        severity: 'info',
        code: 'compose/resource-host-port',
        message: `\`${resource.name}\` is published on host port ${port} in ${resource.publish ? `environment \`${resource.environment}\`` : 'the default environment'}, because ${first} is taken by another service or resource`,
        path: wanted?.at ?? resource.path,
        hint: `connect from the host to ${addressPrefix(address)}${port}; it can be changed in the env file`,
      });
    }
    taken.push({ protocol: 'tcp', from: port, to: port });
    resourcePorts.set(resource.name, { port, bind: address });
  }
  return { ...(bind ? { bind } : {}), services: planned, resources: resourcePorts, moved };
}

function servicePorts(service: Service, replicas: number, taken: Taken[], bind: string | undefined): ServicePorts {
  const ports: string[] = [];
  const expose: string[] = [];
  const hosts: { port: Port; host: number; address?: string }[] = [];
  const replicaFindings: GapFinding[] = [];
  for (const p of service.ports) {
    const container = range(p.container, p.containerEnd) + suffix(p);
    if (p.host === undefined) {
      if (!expose.includes(container)) expose.push(container);
      continue;
    }
    const address = p.bind ?? bind;
    hosts.push({ port: p, host: p.host, ...(address !== undefined ? { address } : {}) });
    let hostEnd = p.hostEnd!;
    if (replicas > 1) {
      const replicaRange = replicaHostPorts(service, p, replicas, taken);
      replicaFindings.push(replicaRange.finding);
      hostEnd = replicaRange.last ?? hostEnd;
    }
    // An address written on the port wins over the environment's (`bind`, `"127.0.0.1:5432:5432"`).
    ports.push(`${addressPrefix(address)}${range(p.host, hostEnd)}:${container}`);
  }
  const published = (c: number) => hosts.find(({ port }) => port.protocol === 'tcp' && port.container <= c && c <= port.containerEnd);
  return {
    ports,
    expose,
    hostPort: (c) => {
      const hit = published(c);
      return hit ? hit.host + (c - hit.port.container) : undefined;
    },
    hostAddress: (c) => published(c)?.address,
    replicaFindings,
  };
}

/**
 * Several replicas cannot share one host port; Compose gives each replica its own port from a host
 * range (`8000-8002:8000`). `last` is the range's last port, absent when that is impossible.
 */
function replicaHostPorts(service: Service, p: Port, replicas: number, taken: Taken[]): { last?: number; finding: GapFinding } {
  const refused = (why: string): { finding: GapFinding } => ({
    finding: {
      message: `\`${service.name}\` runs ${replicas} replicas but publishes host port ${range(p.host!, p.hostEnd!)}, which only one container can bind: ${why}`,
      path: p.path,
      hint: 'publish the port only where one replica runs (`publish: false` in that environment) and put a reverse proxy in front, or run one replica',
    },
  });
  if (p.container !== p.containerEnd) return refused('a port range cannot be given to each replica');
  const wanted: Taken = { protocol: p.protocol, from: p.host! + 1, to: p.host! + replicas - 1 };
  if (wanted.to > 65535 || overlaps(taken, wanted)) return refused(`host ports ${range(wanted.from, wanted.to)} are not free for the other replicas`);
  taken.push(wanted);
  return {
    last: wanted.to,
    finding: {
      severity: 'info',
      message: `\`${service.name}\` runs ${replicas} replicas: Compose gives each its own host port from ${range(p.host!, wanted.to)} (container port ${p.container})`,
      path: p.path,
      hint: 'Compose does not load-balance one host port across replicas; put a reverse proxy in front for a single address',
    },
  };
}
