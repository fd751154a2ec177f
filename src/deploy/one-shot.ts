// Whether a service runs to completion rather than serving: a migration or a seed that other
// services wait for. One definition for Compose's `service_completed_successfully`, the Kubernetes
// Job, the PaaS targets' gaps and the lint rules that exempt one-shots from healthchecks.
import type { Service } from '../model/stack.js';

/** `restart: "no"`, no ports, no public entry and no healthcheck probe: nothing to serve, nothing to keep alive. */
export const isOneShot = (service: Service): boolean =>
  service.kind === 'container' && service.restart === 'no' && service.ports.length === 0 && service.public === undefined && !service.healthcheck?.probe;
