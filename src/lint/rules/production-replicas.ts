import type { DataPath } from '../../model/stack.js';
import { defineRule } from '../rule.js';
import { servesTraffic } from './support/service-role.js';
import { statefulImage } from './support/stateful-images.js';

export default defineRule({
  meta: {
    id: 'production-replicas',
    description: 'Services that serve traffic run at least two replicas in production (`replicas`, or `autoscale.min`).',
    category: 'reliability',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'With one replica, every deploy, crash, node drain or host restart is an outage for whoever is calling the service. Two replicas let Kubernetes roll updates and drain nodes without downtime (stackc then also adds a PodDisruptionBudget and spreads the pods over nodes), and let Compose and the PaaS targets keep one copy serving while the other restarts.',
      fix: 'Set `replicas: 2` (or more) for the production environment, usually as an override so development keeps one: `environments: { production: { replicas: 2 } }`. With `autoscale`, set `min: 2`. The application must tolerate it: no in-process state that the next request depends on, and files in object storage or a volume every replica can use.',
      bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    public: true',
      good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    public: true\n    environments:\n      production: { replicas: 2 }',
      whenOff: 'For services that cannot run twice (a singleton scheduler, a service that keeps state on its own disk) suppress the finding with that reason, or lower `min` to 1 for a project that accepts short outages.',
    },
    peers: [
      'kube-score deployment-replicas',
      'kube-linter minimum-three-replicas',
      'kube-linter hpa-minimum-three-replicas',
      'Polaris deploymentMissingReplicas',
    ],
    options: {
      min: { type: 'number', default: 2, minimum: 1, description: 'The fewest replicas a service that serves traffic should run in production.' },
    },
  },
  container(ctx, { service, environment }) {
    if (environment.role !== 'production') return;
    // Workers pick work from a queue: one replica restarting delays jobs, it drops no requests.
    // A database run from its image cannot simply be replicated (stateful-storage covers it).
    if (!servesTraffic(service) || (service.image && !service.build && statefulImage(service.image))) return;
    const running = service.autoscale ? service.autoscale.min : service.replicas;
    const min = ctx.options.min;
    if (running >= min) return;
    const env = `\`${environment.name}\``;
    let at: DataPath;
    let key = false;
    let hint: string;
    if (service.autoscale) {
      at = [...service.autoscale.path, 'min'];
      hint = `set \`autoscale.min: ${min}\` for ${env}`;
    } else {
      const written = service.origins.replicas;
      at = written ?? service.path;
      key = written === undefined;
      const inOverride = written !== undefined && written[2] === 'environments';
      hint = inOverride
        ? `set \`replicas: ${min}\` here`
        : `set \`replicas: ${min}\` for ${env}, e.g. \`services.${service.name}.environments.${environment.name}.replicas: ${min}\` (development can keep 1)`;
    }
    ctx.report({
      message:
        running === 1
          ? `\`${service.name}\` serves traffic from a single replica in ${env}: every deploy, crash or node drain is an outage`
          : `\`${service.name}\` runs ${running} replicas in ${env}, fewer than the ${min} this project asks for`,
      at: { path: at, ...(key ? { key: true } : {}) },
      hint,
    });
  },
});
