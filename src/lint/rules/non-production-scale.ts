import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'non-production-scale',
    description: 'Environments other than production run at most `maxReplicas` replicas of a service and do not autoscale.',
    category: 'cost',
    severity: 'off',
    strict: 'warn',
    scopes: ['model'],
    docs: {
      why: 'Replicas and autoscaling set in the base of a service apply to every environment that does not override them, so staging and preview environments quietly pay for production capacity. Outside production one replica is usually enough; more is a choice to make per environment, not a default to inherit.',
      fix: 'Override `replicas` (and `autoscale`) in the non-production environments, or move them from the service\'s base into `environments.production`. If an environment needs more on purpose (a load-test environment), raise `maxReplicas` or suppress the finding with the reason.',
      bad: 'services:\n  api:\n    replicas: 3\n    autoscale: { max: 10 }',
      good: 'services:\n  api:\n    environments:\n      production:\n        replicas: 3\n        autoscale: { max: 10 }',
      whenOff: 'When staging deliberately mirrors production\'s capacity (load tests, failover drills): the reason this rule is off in `recommended`.',
    },
    peers: [],
    options: {
      maxReplicas: { type: 'number', default: 1, minimum: 1, description: 'The most replicas a service may run outside production.' },
    },
  },
  container(ctx, { service, environment }) {
    if (environment.role === 'production') return;
    const max = ctx.options.maxReplicas;
    const hint = service.autoscale
      ? `move \`autoscale\` into \`environments.production\`, or cap it for \`${environment.name}\`: \`environments: { ${environment.name}: { autoscale: { min: 1, max: ${max} } } }\``
      : `set \`replicas\` in \`environments.production\` only, or override it for \`${environment.name}\`: \`environments: { ${environment.name}: { replicas: ${max} } }\``;
    if (service.autoscale && service.autoscale.max > max) {
      ctx.report({
        message: `\`${service.name}\` autoscales up to ${service.autoscale.max} replicas in \`${environment.name}\`, which is not production`,
        at: { path: service.origins.autoscale ?? service.autoscale.path },
        hint,
      });
    } else if (!service.autoscale && service.replicas > max) {
      ctx.report({
        message: `\`${service.name}\` runs ${service.replicas} replicas in \`${environment.name}\`, which is not production`,
        at: { path: service.origins.replicas ?? [...service.path, 'replicas'] },
        hint,
      });
    }
  },
});
