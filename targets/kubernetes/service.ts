// Services: a ClusterIP Service for each container service with ports (reached in the cluster as
// `http://<name>:<port>`), and a headless one for each StatefulSet (its stable network identity).
import { objectLabels, selectorLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { servicePorts, type ContainerPort } from './ports.js';

export interface ServiceInput {
  name: string;
  stack: string;
  component: string;
  ports: ContainerPort[];
  headless?: boolean;
}

export function clusterService(input: ServiceInput): Rendered {
  return rendered(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: input.name, labels: objectLabels(input.stack, input.name, input.component) },
      spec: {
        type: 'ClusterIP',
        ...(input.headless ? { clusterIP: 'None' } : {}),
        selector: selectorLabels(input.stack, input.name),
        ports: servicePorts(input.ports),
      },
    },
    [],
    // A headless Service fronts a backing service, which is not one of the stack's services.
    { services: input.headless ? [] : [input.name] },
  );
}
