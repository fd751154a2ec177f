// The namespace, labelled for Pod Security Admission. Every pod stackc writes meets the
// `restricted` standard, so the namespace enforces it: a hand-added privileged pod is refused.
// A service that asks for root (`user: 0`) cannot meet it, and then the namespace enforces `baseline`.
import type { RenderEnv } from './environment.js';
import { MANAGED_BY } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { isRootOnPurpose } from './security.js';

export function namespace(env: RenderEnv): Rendered {
  const level = env.services.some((s) => isRootOnPurpose(s.runAs)) ? 'baseline' : 'restricted';
  return rendered({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: env.namespace,
      labels: {
        'app.kubernetes.io/part-of': env.stack.name,
        'app.kubernetes.io/managed-by': MANAGED_BY,
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
}
