// Which of a service's ports speak HTTP, as far as stack.yaml shows it: the port an `http`
// healthcheck requests, and the port a public endpoint sends its traffic to (every platform's public
// entry is an HTTP proxy: an Ingress, Fly's http_service, Railway's and Vercel's edges). Anything else
// may be any protocol (a database wire protocol, gRPC, a raw socket). Service meshes pick a port's
// protocol from its name (Istio: `http`, `http-*`), and parse a TCP stream named `http` as HTTP,
// so a target that names ports asks this instead of assuming the first port is HTTP.
import type { Service } from '../model/stack.js';
import type { Endpoint } from './model.js';

/** The declared TCP container ports known to speak HTTP, in declaration order. */
export function httpPorts(service: Service, endpoints: readonly Endpoint[]): number[] {
  const probe = service.healthcheck?.probe;
  const known = new Set<number>(endpoints.map((e) => e.port));
  if (probe?.kind === 'http') known.add(probe.port);
  const out: number[] = [];
  for (const p of service.ports) {
    if (p.protocol !== 'tcp') continue;
    for (let port = p.container; port <= p.containerEnd; port++) if (known.has(port)) out.push(port);
  }
  return out;
}
