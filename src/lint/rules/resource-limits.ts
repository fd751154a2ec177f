import { defineRule } from '../rule.js';
import { quantity } from './support/quantities.js';

export default defineRule({
  meta: {
    id: 'resource-limits',
    description: 'Containers declare a memory limit (and, with `requireCpu`, a CPU limit), and request no more than their limits.',
    category: 'reliability',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'Without a memory limit one leaking process can take the whole node or laptop down with it, and Kubernetes schedules the pod blind. Limits are also what the requests default to, so the scheduler can place pods sensibly.',
      fix: 'Set `resources.memory` (and usually `resources.cpu`) on the service; add `resources.requests` when the steady state is well below the limit. A request above its limit is reported too: Kubernetes refuses such a pod.',
      bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2',
      good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    resources: { cpu: 500m, memory: 512Mi }',
      whenOff: 'For stacks that only ever run on a PaaS that sizes machines itself.',
    },
    peers: ['kube-linter unset-cpu-requirements', 'kube-linter unset-memory-requirements', 'Polaris memoryLimitsMissing', 'Polaris cpuLimitsMissing', 'kube-score container-resources', 'Checkov CKV_K8S_10', 'Checkov CKV_K8S_11', 'Checkov CKV_K8S_12', 'Checkov CKV_K8S_13'],
    options: {
      requireCpu: { type: 'boolean', default: false, description: 'Also require `resources.cpu` (CPU limits can throttle latency-sensitive services, so this is off by default, as kube-score allows).' },
    },
  },
  container(ctx, { service }) {
    const r = service.resources;
    if (!r?.memory) {
      ctx.report({ message: `service \`${service.name}\` has no memory limit`, at: { path: r ? r.path : service.path, key: !r }, hint: 'add `resources: { memory: 512Mi }` (sized to the service), plus `cpu` if you want it capped' });
    } else if (ctx.options.requireCpu && !r.cpu) {
      ctx.report({ message: `service \`${service.name}\` has no CPU limit`, at: { path: r.path }, hint: 'add `cpu: 500m` under `resources`' });
    }
    for (const kind of ['cpu', 'memory'] as const) {
      const limit = r?.[kind];
      const request = r?.requests[kind];
      if (!r || !limit || !request || request === limit) continue;
      const [l, q] = [quantity(kind, limit), quantity(kind, request)];
      if (l === undefined || q === undefined || q <= l) continue;
      ctx.report({
        message: `service \`${service.name}\` requests more ${kind === 'cpu' ? 'CPU' : 'memory'} (${request}) than its limit (${limit}): Kubernetes rejects the pod`,
        at: { path: [...r.path, 'requests', kind] },
        hint: `lower \`requests.${kind}\` to at most ${limit}, or raise \`${kind}\``,
      });
    }
  },
});
