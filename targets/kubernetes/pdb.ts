// A PodDisruptionBudget when a service runs more than one pod: node drains and cluster upgrades
// then evict one pod at a time instead of all of them. `maxUnavailable` (not `minAvailable`) keeps
// working whatever replica count the HPA picks.
import type { Service } from '../../src/model/stack.js';
import type { RenderEnv } from './environment.js';
import { objectLabels, selectorLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { serviceComponent } from './deployment.js';

export const minimumPods = (service: Service): number => (service.autoscale ? service.autoscale.min : service.replicas);

export function disruptionBudget(service: Service, env: RenderEnv): Rendered | undefined {
  if (minimumPods(service) <= 1) return undefined;
  return rendered(
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: service.name, labels: objectLabels(env.stack.name, service.name, serviceComponent(service)) },
      spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(env.stack.name, service.name) } },
    },
    [],
    { services: [service.name] },
  );
}
