// `autoscale` as a HorizontalPodAutoscaler on CPU utilisation, which is measured against the CPU
// request: without one the HPA cannot compute it and never scales (a capability gap, said once).
import type { Service } from '../../src/model/stack.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { serviceComponent } from './deployment.js';

export function autoscaler(service: Service, env: RenderEnv): Rendered | undefined {
  const scale = service.autoscale;
  if (!scale) return undefined;
  return rendered(
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: service.name, labels: objectLabels(env.stack.name, service.name, serviceComponent(service)) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service.name },
        minReplicas: scale.min,
        maxReplicas: scale.max,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: scale.cpu } } }],
      },
    },
    [],
    { services: [service.name] },
  );
}
