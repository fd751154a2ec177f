import { defineRule } from '../rule.js';
import { servedPortText, servesTraffic } from './support/service-role.js';

export default defineRule({
  meta: {
    id: 'restart-policy',
    description: 'Long-running services are restarted when they exit: no `restart: "no"` on a service with ports or a healthcheck outside development.',
    category: 'reliability',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'With `restart: "no"` a crashed server stays down until someone notices: Compose leaves the container exited, Fly and Railway are told never to restart it. (Kubernetes Deployments restart containers whatever the policy says, and the kubernetes target reports that it cannot express `no`.) The default, `unless-stopped`, is right for almost every service; `restart: "no"` is for one-shot jobs.',
      fix: 'Remove `restart` (the default is `unless-stopped`), or use `on-failure` if a clean exit should stay down. A one-shot task that runs before the service (migrations) belongs in the service\'s `release` command instead.',
      bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    restart: "no"',
      good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    # restart: unless-stopped (the default)',
      whenOff: 'Development environments are already exempt (a server that stays down after a crash is handy while debugging). Turn it off for stacks that leave restarting to an outside supervisor.',
    },
    peers: [],
  },
  container(ctx, { service, environment }) {
    if (environment.role === 'development' || service.restart !== 'no') return;
    const serves = servesTraffic(service);
    if (!serves && !service.healthcheck?.probe) return; // a one-shot job
    const why = serves ? (servedPortText(service) ? `serves port ${servedPortText(service)}` : 'is public') : 'has a healthcheck, so it is meant to keep running';
    const at = service.origins.restart ?? [...service.path, 'restart'];
    const inOverride = at[2] === 'environments';
    ctx.report({
      message: `\`${service.name}\` ${why}, but \`restart: "no"\` leaves it down after a crash`,
      at: { path: at },
      hint: inOverride
        ? 'remove this override (the default is `unless-stopped`), or use `on-failure`'
        : 'remove `restart` (the default is `unless-stopped`), or use `on-failure`; to keep it off while developing, set `restart: "no"` only in the development override',
    });
  },
});
