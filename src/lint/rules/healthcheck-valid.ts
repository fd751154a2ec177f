import { duration } from '../../emit/text.js';
import type { Port, Service } from '../../model/stack.js';
import { defineRule } from '../rule.js';

/** Whether a TCP port of the service covers `port`. */
const listens = (service: Service, port: number): boolean => service.ports.some((p: Port) => p.protocol === 'tcp' && p.container <= port && port <= p.containerEnd);

const portList = (service: Service): string =>
  service.ports.map((p) => (p.containerEnd !== p.container ? `${p.container}-${p.containerEnd}` : String(p.container)) + (p.protocol === 'udp' ? '/udp' : '')).join(', ');

export default defineRule({
  meta: {
    id: 'healthcheck-valid',
    description: 'Healthchecks can work: the probe targets a port the service listens on, timings are positive and the timeout fits in the interval, and production checks tolerate one failure.',
    category: 'reliability',
    severity: 'error',
    scopes: ['model'],
    docs: {
      why: 'A healthcheck that can never pass is worse than none: Compose never starts the services that wait for it, and Kubernetes never sends the pod traffic (or restarts it forever). The usual causes are a probe on a port the service does not listen on (a typo, or the port changed and the check did not) and timings that do not mean what they say: `0s` is "the default" (30s) to Compose but 1 second to Kubernetes, and a timeout longer than the interval is almost always swapped values or a missing unit.',
      fix: [
        '- Point `http.port` / `tcp` at one of the service\'s `ports`. If the service answers health checks on a port it does not otherwise publish (a management port), list it: `{ port: 9000, publish: false }`; Kubernetes then names it and kube-linter stops warning too.',
        '- Give `interval` and `timeout` positive durations, with `timeout` no longer than `interval` (typically `interval: 30s`, `timeout: 3s`–`5s`).',
        '- In production, use `retries: 2` or more (the default is 3): with `retries: 1`, one slow answer during a deploy or a GC pause marks the service unhealthy and Kubernetes takes the pod out of rotation.',
      ].join('\n'),
      bad: 'services:\n  api:\n    ports: [8000]\n    healthcheck:\n      http: { path: /health, port: 8080 }\n      interval: 5s\n      timeout: 30s',
      good: 'services:\n  api:\n    ports: [8000]\n    healthcheck:\n      http: /health\n      interval: 30s\n      timeout: 5s',
      whenOff: 'When health is served on an internal port you do not want to list under `ports` (suppress that one finding instead).',
    },
    peers: ['kube-linter liveness-port', 'kube-linter readiness-port', 'kube-linter startup-port', 'kube-score pod-probes', 'hadolint DL3012'],
  },
  container(ctx, { service, environment }) {
    const h = service.healthcheck;
    if (!h?.probe) return;
    const name = `\`${service.name}\``;
    const probe = h.probe;

    if (probe.kind !== 'command' && service.ports.length > 0 && !listens(service, probe.port)) {
      const at = probe.kind === 'tcp' ? [...h.path, 'tcp'] : [...h.path, 'http', 'port'];
      const udp = service.ports.some((p) => p.protocol === 'udp' && p.container <= probe.port && probe.port <= p.containerEnd);
      ctx.report({
        message: udp
          ? `the ${probe.kind} healthcheck of ${name} probes port ${probe.port}, which the service declares as UDP`
          : `the ${probe.kind} healthcheck of ${name} probes port ${probe.port}, which is not among its ports (${portList(service)})`,
        at: { path: at },
        hint: `probe one of the service's TCP ports, e.g. \`${probe.kind === 'tcp' ? `tcp: ${service.mainPort ?? probe.port}` : `http: ${probe.path}`}\`; if it really answers on ${probe.port}, list it: \`ports: [..., { port: ${probe.port}, publish: false }]\``,
      });
    }

    for (const [field, ms] of [['interval', h.intervalMs], ['timeout', h.timeoutMs]] as const) {
      if (ms === 0) {
        ctx.report({
          message: `the healthcheck of ${name} has \`${field}: 0s\`: Compose reads 0 as "use the default" (30s) and Kubernetes as 1 second`,
          at: { path: [...h.path, field] },
          hint: `give it a positive duration, e.g. \`${field}: ${field === 'interval' ? '30s' : '5s'}\`, or leave it out for the default`,
        });
      }
    }
    if (h.intervalMs > 0 && h.timeoutMs > h.intervalMs) {
      ctx.report({
        message: `the healthcheck of ${name} may take longer (\`timeout: ${duration(h.timeoutMs)}\`) than the time between checks (\`interval: ${duration(h.intervalMs)}\`)`,
        severity: 'warn',
        at: { path: [...h.path, 'timeout'] },
        hint: `swap them if that was the intent (\`interval: ${duration(h.timeoutMs)}\`, \`timeout: ${duration(h.intervalMs)}\`), or shorten \`timeout\`: a healthy service answers a health check in well under a second`,
      });
    }

    if (environment.role === 'production' && h.retries < 2) {
      ctx.report({
        message: `the healthcheck of ${name} counts a single failed check as unhealthy (\`retries: ${h.retries}\`) in \`${environment.name}\``,
        severity: 'warn',
        at: { path: [...h.path, 'retries'] },
        hint: 'use `retries: 3` (the default): one slow answer during a deploy or a GC pause should not take the service out of rotation',
      });
    }
  },
});
