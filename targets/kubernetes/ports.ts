// Container and Service ports. Kubernetes has no port ranges, so `9000-9005` is listed port by port
// (the first keeps the range's name; a capability gap says so). Compose host ports do not apply: in
// the cluster a service is reached on its container port through its Service, and from outside
// through the Ingress.
//
// Names: the one stack.yaml gives, else `http` for the first port the model knows speaks HTTP (an
// http healthcheck requests it, or a public endpoint sends traffic to it; `http-<port>` for more),
// else `tcp-<port>` / `udp-<port>`. Service meshes pick the protocol from the name (Istio:
// https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/), so a
// database or gRPC port named `http` would be parsed as HTTP/1.
import type { DeployedService } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import type { Port, Service } from '../../src/model/stack.js';

/**
 * The most ports one service may list. Each listed port is about 75 bytes of JSON in the Service
 * (60 in the Deployment's container), and client-side `kubectl apply` keeps a second, escaped copy
 * in the `last-applied-configuration` annotation (90 more), so `1024-65535` makes a Service of
 * about 10 MB, where etcd refuses any request over 1.5 MiB by default
 * (https://etcd.io/docs/v3.5/dev-guide/limit/). A thousand ports keep it near 165 KB, a tenth of that.
 */
export const MAX_SERVICE_PORTS = 1000;

/** An error at the largest range of a service with more than MAX_SERVICE_PORTS. */
export function checkPortCount(service: Service, report: Report): void {
  const size = (p: Port) => p.containerEnd - p.container + 1;
  const total = service.ports.reduce((n, p) => n + size(p), 0);
  if (total <= MAX_SERVICE_PORTS) return;
  const largest = service.ports.reduce((a, b) => (size(b) > size(a) ? b : a));
  report({
    severity: 'error',
    code: 'kubernetes/too-many-ports',
    message: `\`${service.name}\` has ${total} ports; Kubernetes has no port ranges, so each would be listed in its Service and Deployment, which then outgrow etcd's default limit of 1.5 MiB per request (stackc lists at most ${MAX_SERVICE_PORTS} ports per service)`,
    path: largest.path,
    hint: `narrow the range to the ports the application really listens on (at most ${MAX_SERVICE_PORTS} in all), e.g. a smaller RTP or passive-FTP range configured in the app`,
  });
}

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: 'TCP' | 'UDP';
}

export function containerPorts(service: DeployedService): ContainerPort[] {
  const http = new Set(service.httpPorts);
  const taken = new Set(service.ports.flatMap((p) => (p.name ? [p.name] : [])));
  const out: ContainerPort[] = [];
  for (const p of service.ports) {
    for (let port = p.container; port <= p.containerEnd; port++) {
      let name = port === p.container ? p.name : undefined;
      if (!name && http.has(port)) name = taken.has('http') ? `http-${port}` : 'http';
      name ??= `${p.protocol}-${port}`;
      taken.add(name);
      out.push({ name, containerPort: port, protocol: p.protocol === 'udp' ? 'UDP' : 'TCP' });
    }
  }
  return out;
}

export function servicePorts(ports: readonly ContainerPort[]) {
  return ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name, protocol: p.protocol }));
}
