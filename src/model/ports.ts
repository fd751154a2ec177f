// The two ports every platform asks about, defined once (docs/format.md):
// - the main port, the first TCP port: what `${services.X.port}` and `${services.X.url}` mean, and
//   where an http healthcheck without a port probes;
// - the served port, `public.port` or else the main port: what a platform's proxy sends traffic to
//   (Fly `internal_port`, Railway `PORT`, the Kubernetes Ingress backend).
import type { Port, Public } from './stack.js';

export const mainPort = (ports: readonly Port[]): number | undefined => ports.find((p) => p.protocol === 'tcp')?.container;

export const servedPort = (ports: readonly Port[], published: Public | undefined): number | undefined => published?.port ?? mainPort(ports);
