// Plain environment variables of a service: values without any secret in them, in a ConfigMap whose
// name ends in a hash of its data (`api-env-3f2a9c1b7d`), as kustomize's configMapGenerator does.
// A changed value is a new ConfigMap and a changed pod template, so the pods roll; the old
// ConfigMap stays (apply does not delete it), so the old ReplicaSet still finds its values and
// `kubectl rollout undo` brings back the old pods with the old values. With a fixed name, undo
// brought back old pods reading the new values. Such a ConfigMap never changes, so it is
// `immutable` (the API server refuses edits, and kubelets stop watching it).
import { createHash } from 'node:crypto';
import type { Service } from '../../src/model/stack.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { configMapName } from './options.js';
import { serviceComponent } from './deployment.js';

/** Ten hex digits of the SHA-256 of the data (keys sorted by the caller). */
const contentHash = (data: Record<string, string>): string => createHash('sha256').update(JSON.stringify(Object.entries(data))).digest('hex').slice(0, 10);

export function configMap(service: Service, plain: Record<string, string>, env: RenderEnv): Rendered {
  const name = configMapName(service.name);
  return {
    ...rendered(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${name}-${contentHash(plain)}`, labels: objectLabels(env.stack.name, service.name, serviceComponent(service)) },
        immutable: true,
        data: plain,
      },
      [],
      { services: [service.name] },
    ),
    // One file per service whatever the hash, so a review shows the values that changed.
    file: `configmap-${name}.yaml`,
  };
}
