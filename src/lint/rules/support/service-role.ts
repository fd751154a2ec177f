// What a service is for, from what it declares: one that serves traffic, a worker, or a one-shot job.
// Shared by the reliability rules (healthcheck-required, depends-on-healthy, production-replicas, restart-policy).
import type { Service } from '../../../model/stack.js';

/** Serves traffic: has ports or a public entry point. Anything else is a worker. */
export const servesTraffic = (service: Service): boolean => service.ports.length > 0 || service.public !== undefined;

/** A one-shot job rather than a long-running process (the deployment model's definition). */
export { isOneShot } from '../../../deploy/one-shot.js';

/** The port a message names for a service that serves traffic: its main port, else its first (`53/udp`). */
export function servedPortText(service: Service & { mainPort?: number }): string | undefined {
  if (service.mainPort !== undefined) return String(service.mainPort);
  const first = service.ports[0];
  return first ? `${first.container}/${first.protocol}` : undefined;
}
