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
