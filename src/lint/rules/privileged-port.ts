import type { DataPath } from '../../model/stack.js';
import { defineRule } from '../rule.js';
import { whoSaid } from './support/run-as.js';

export default defineRule({
  meta: {
    id: 'privileged-port',
    description: 'A service that runs as a non-root user listens on ports of 1024 and above, which it can bind without extra capabilities.',
    category: 'security',
    severity: 'warn',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'Ports below 1024 are privileged: a non-root process needs the `NET_BIND_SERVICE` capability to bind them. Docker (20.10 and later) lifts that limit inside containers, so this works under Compose, but Kubernetes on containerd 1.x or CRI-O, where stackc drops every capability, and Fly machines do not: the service starts, fails to bind and crash-loops. The fix that keeps the non-root user is to listen on a high port and let the Service, Ingress or platform map the public one.',
      fix: 'Make the process listen on a port of 1024 or above (8080, 8000) and list that in `ports`. Users still reach it on 80/443: the Ingress, Fly\'s proxy or Compose\'s published host port (`"80:8080"`) maps it.',
      bad: 'services:\n  web:\n    image: ghcr.io/acme/web:1.4.2\n    user: 1000\n    ports: [80]\ntargets:\n  kubernetes: {}',
      good: 'services:\n  web:\n    image: ghcr.io/acme/web:1.4.2\n    user: 1000\n    ports: [8080]\ntargets:\n  kubernetes: {}',
      whenOff: 'When every cluster the stack runs on allows unprivileged ports (containerd 2.0 does by default); or suppress the one port, with that reason.',
    },
    peers: ['kube-linter privileged-ports'],
    securitySeverity: 2.0,
  },
  // One finding per port, naming every target that runs it (environments may differ in targets).
  state: () => ({ found: new Map<string, { message: (where: string) => string; path: DataPath; suggestion: number; targets: Set<string> }>() }),
  container(ctx, { service, environment }) {
    if (!service.ports.some((p) => p.container < 1024)) return;
    // Only where the runtime may refuse: any target but Compose (Docker allows it), or no target yet.
    const targets = ctx.plans().filter((plan) => plan.runs(environment.name, service.name));
    if (ctx.stack.targets.length > 0 && targets.every((t) => t.name === 'compose')) return;
    const runAs = service.runAs;
    if (runAs.kind !== 'uid' && runAs.kind !== 'name') return;
    const who = whoSaid(runAs.from);
    for (const port of service.ports) {
      if (port.container >= 1024) continue;
      const message = (where: string) => `service \`${service.name}\` listens on port ${port.container}, below 1024, but runs as a non-root user (${who}): it may not be allowed to bind it${where}`;
      const key = JSON.stringify([port.path, message('')]);
      const entry = ctx.state.found.get(key) ?? { message, path: port.path, suggestion: port.container + 8000, targets: new Set<string>() };
      for (const t of targets) if (t.name !== 'compose') entry.targets.add(t.name);
      ctx.state.found.set(key, entry);
    }
  },
  check(ctx) {
    for (const { message, path, suggestion, targets } of ctx.state.found.values()) {
      ctx.report({
        message: message(targets.size ? ` under ${[...targets].join(', ')}` : ''),
        at: { path },
        hint: `listen on a port of 1024 or above inside the container (e.g. ${suggestion}) and list that; the Service, Ingress or platform maps the public port`,
      });
    }
  },
});
