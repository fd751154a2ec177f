import { defineRule } from '../rule.js';
import type { Dockerfile, Stage } from '../../dockerfile/dockerfile.js';
import { dockerfileHealthcheck, healthcheckExample, isHealthcheckNone } from './support/healthcheck.js';
import { isOneShot, servedPortText, servesTraffic } from './support/service-role.js';

const stageText = (dockerfile: Dockerfile, stage: Stage): string =>
  `\`${dockerfile.file}\`${dockerfile.stages.length > 1 ? ` (stage ${stage.name ? `\`${stage.name}\`` : stage.index})` : ''}`;

export default defineRule({
  meta: {
    id: 'healthcheck-required',
    description: 'Long-running containers have a healthcheck: `healthcheck` in stack.yaml, a HEALTHCHECK in the Dockerfile stage they run, or `disable: true` with a reason.',
    category: 'reliability',
    severity: 'error',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'Without a healthcheck a container counts as ready the moment its process starts: Compose starts its dependants before it can answer, Kubernetes sends it traffic during start-up and never restarts it when it hangs, and Fly and Railway cannot tell a broken release from a working one. A service with ports is an error (traffic reaches it); a worker without ports is a warning (nothing routes to it, but a hung worker still goes unnoticed).',
      fix: [
        'Add a `healthcheck` to the service: `http: /health` for an HTTP service (it requests the first port), `tcp: <port>` for one that only accepts connections, or `command:` for a worker (a command that exits 0 while it works).',
        '',
        'A `HEALTHCHECK` in the Dockerfile stage the service runs (`build.target`, else the last stage, or an earlier stage it builds `FROM`) also counts; Compose uses it. Kubernetes, Fly and Railway ignore Dockerfile healthchecks, so stack.yaml is the place that works everywhere. `HEALTHCHECK NONE` does not count: it says there is none, without saying why.',
        '',
        'If the service really has no way to tell it is healthy, say so: `healthcheck: { disable: true, reason: "..." }`. Static sites are exempt, and so are one-shot jobs (`restart: "no"` without ports); `release` commands are not services.',
      ].join('\n'),
      bad: 'services:\n  api:\n    build: ./backend          # backend/Dockerfile has no HEALTHCHECK\n    ports: [8000]\n  worker:\n    image: ghcr.io/acme/worker:1.4.2',
      good: 'services:\n  api:\n    build: ./backend\n    ports: [8000]\n    healthcheck: { http: /health }\n  worker:\n    image: ghcr.io/acme/worker:1.4.2\n    healthcheck:\n      command: [celery, -A, app, inspect, ping]\n      interval: 60s',
      whenOff: 'Rarely for the whole project. For one service, prefer `healthcheck: { disable: true, reason: ... }`: the reason stays next to the service, and the targets comment on it.',
    },
    peers: [
      'hadolint DL3057',
      'Checkov CKV_DOCKER_2',
      'Checkov CKV_K8S_8',
      'Checkov CKV_K8S_9',
      'kube-linter no-liveness-probe',
      'kube-linter no-readiness-probe',
      'Polaris livenessProbeMissing',
      'Polaris readinessProbeMissing',
      'kube-score pod-probes',
    ],
  },
  container(ctx, { service }) {
    if (service.healthcheck || isOneShot(service)) return;
    const fromDockerfile = service.build ? dockerfileHealthcheck(ctx, service) : undefined;
    if (fromDockerfile?.instruction && !isHealthcheckNone(fromDockerfile.instruction)) return;

    const serves = servesTraffic(service);
    const what = serves ? `service \`${service.name}\`${servedPortText(service) ? ` serves port ${servedPortText(service)} but` : ' is public but'}` : `worker \`${service.name}\``;
    let message = `${what} has no healthcheck`;
    if (fromDockerfile?.instruction) message += `: its Dockerfile ${stageText(fromDockerfile.dockerfile, fromDockerfile.stage)} turns it off with \`HEALTHCHECK NONE\``;
    else if (fromDockerfile) message += `, and its Dockerfile ${stageText(fromDockerfile.dockerfile, fromDockerfile.stage)} has no HEALTHCHECK either`;
    const optOut = '`healthcheck: { disable: true, reason: "..." }`';
    ctx.report({
      message,
      at: { path: service.path, key: true },
      ...(serves ? {} : { severity: 'warn' as const }),
      hint: fromDockerfile?.instruction
        ? `add ${healthcheckExample(service)}; if having none is deliberate, say why in stack.yaml: ${optOut}`
        : `add ${healthcheckExample(service)}, or ${optOut} if it has no way to tell`,
    });
  },
});
