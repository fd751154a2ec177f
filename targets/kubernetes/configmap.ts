// Plain environment variables of a service: values without any secret in them.
import type { Service } from '../../src/model/stack.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { configMapName } from './options.js';
import { serviceComponent } from './deployment.js';

export function configMap(service: Service, plain: Record<string, string>, env: RenderEnv): Rendered {
  return rendered(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMapName(service.name), labels: objectLabels(env.stack.name, service.name, serviceComponent(service)) },
      data: plain,
    },
    [],
    { services: [service.name] },
  );
}
