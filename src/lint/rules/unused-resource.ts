import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'unused-resource',
    description: 'Every backing resource is used: a service depends on it or reads `${resources.<name>.…}`, or CI starts it.',
    category: 'cost',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'Each resource becomes a running database or broker in every environment: a StatefulSet and a volume on Kubernetes, a container on every laptop, a billed add-on on a PaaS. One that nothing reads is cost and attack surface for nothing, and usually a leftover from a rename (`db` → `postgres`) that left the services talking to something else.',
      fix: 'Remove the resource, or connect the service that needs it: `depends_on: [<name>]` and an env var such as `DATABASE_URL: ${resources.<name>.url}`. A resource only the tests need belongs in `ci.services`.',
      bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    env: { DATABASE_URL: ${resources.db.url} }\nresources:\n  db: { type: postgres }\n  cache: { type: redis }',
      good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    env:\n      DATABASE_URL: ${resources.db.url}\n      REDIS_URL: ${resources.cache.url}\nresources:\n  db: { type: postgres }\n  cache: { type: redis }',
      whenOff: 'While a stack is being built up and resources are declared ahead of the services that will use them.',
    },
    peers: [],
  },
  // Every `service` call comes before the first `resource` call, so `used` is complete by then.
  state: (ctx) => ({ used: new Set<string>(ctx.stack.ci?.services ?? []), reported: new Set<string>() }),
  service(ctx, { service }) {
    for (const name of service.uses) ctx.state.used.add(name);
  },
  resource(ctx, { resource }) {
    const { used, reported } = ctx.state;
    if (used.has(resource.name) || reported.has(resource.name)) return;
    reported.add(resource.name);
    ctx.report({
      message: `nothing uses the ${resource.type} resource \`${resource.name}\`: no service depends on it or reads \`\${resources.${resource.name}.…}\`, and CI does not start it`,
      at: { path: resource.path, key: true },
      hint: `connect a service (\`depends_on: [${resource.name}]\` and e.g. \`\${resources.${resource.name}.url}\` in its env), list it in \`ci.services\` if only the tests need it, or remove it`,
    });
  },
});
