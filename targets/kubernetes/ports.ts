// Container and Service ports. Kubernetes has no port ranges, so `9000-9005` is listed port by port
// (the first keeps the range's name; a capability gap says so). Compose host ports do not apply: in
// the cluster a service is reached on its container port through its Service, and from outside
// through the Ingress.
import type { Port, Service } from '../../src/model/stack.js';

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: 'TCP' | 'UDP';
}

export function containerPorts(service: Service): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const p of service.ports) {
    for (let port = p.container; port <= p.containerEnd; port++) {
      out.push({ name: port === p.container ? p.name : portName(p, port), containerPort: port, protocol: p.protocol === 'udp' ? 'UDP' : 'TCP' });
    }
  }
  return out;
}

const portName = (p: Port, port: number): string => `${p.protocol}-${port}`;

export function servicePorts(ports: readonly ContainerPort[]) {
  return ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name, protocol: p.protocol }));
}
