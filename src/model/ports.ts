// The two ports every platform asks about, defined once (docs/format.md):
// - the main port, the first TCP port: what `${services.X.port}` and `${services.X.url}` mean, and
//   where an http healthcheck without a port probes;
// - the served port, `public.port` or else the main port: what a platform's proxy sends traffic to
//   (Fly `internal_port`, Railway `PORT`, the Kubernetes Ingress backend).
import type { Port, Public } from './stack.js';

export const mainPort = (ports: readonly Port[]): number | undefined => ports.find((p) => p.protocol === 'tcp')?.container;

export const servedPort = (ports: readonly Port[], published: Public | undefined): number | undefined => published?.port ?? mainPort(ports);

/**
 * The ports written with a host address (`bind`, `"127.0.0.1:5432:5432"`). Only Compose publishes
 * on a host; every other target says what becomes of them (a `<target>/host-address` note).
 */
export const boundPorts = (ports: readonly Port[]): Port[] => ports.filter((p) => p.bind !== undefined);

/** `port 5432 on 127.0.0.1`, `port 53/udp on ::1`: how the notes name a bound port. */
export const boundPortText = (p: Port): string => `port ${p.container}${p.containerEnd !== p.container ? `-${p.containerEnd}` : ''}${p.protocol === 'udp' ? '/udp' : ''} on ${p.bind}`;
