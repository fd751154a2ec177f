// Settings of a service that Kubernetes runs differently from Compose: each is said once, at the
// stack.yaml line it comes from, with what the manifests do instead.
import type { Service } from '../../src/model/stack.js';
import type { RenderEnv } from './environment.js';
import { isRootUser } from './security.js';

/** Reports what cannot be expressed; returns comment lines for the Deployment file. */
export function checkService(service: Service, env: RenderEnv): string[] {
  const notes: string[] = [];
  const at = (field: string) => service.origins[field] ?? [...service.path, field];

  if (service.user === undefined) {
    env.report({
      severity: 'warning',
      code: 'kubernetes/user-unset',
      message: `\`${service.name}\` sets no \`user\`; the pod requires a non-root user (runAsNonRoot), so it will not start if the image runs as root`,
      path: service.path,
      hint: 'set `user:` to the numeric non-root UID the image runs as, e.g. `user: "1000:1000"`',
    });
  } else if (isRootUser(service.user)) {
    env.report({
      severity: 'warning',
      code: 'kubernetes/root-user',
      message: `\`${service.name}\` runs as root (\`user: ${service.user.text}\`); the pod allows it, capabilities are still dropped, and the namespace enforces the \`baseline\` Pod Security Standard instead of \`restricted\``,
      path: at('user'),
      hint: 'run as a non-root UID; bind ports above 1024',
    });
  } else if (service.user.uid === undefined) {
    env.report({
      severity: 'warning',
      code: 'kubernetes/user-name',
      message: `\`${service.name}\` runs as user \`${service.user.text}\`, a name; Kubernetes takes numeric IDs only, and cannot prove a named image user is not root, so the pod will not start`,
      path: at('user'),
      hint: `write the numeric UID (and GID) of \`${service.user.name}\` in the image, e.g. \`user: "1000:1000"\``,
    });
  }

  if (service.restart === 'no' || service.restart === 'on-failure') {
    env.report({
      severity: 'warning',
      code: 'kubernetes/restart-policy',
      message: `\`${service.name}\` has \`restart: ${service.restart}\`, but a Deployment always restarts its containers`,
      path: at('restart'),
      hint: 'drop `restart` for long-running services; one-off tasks belong in `release`',
    });
    notes.push(`restart: ${service.restart} is not expressible: a Deployment always restarts its containers.`);
  }

  if (service.dependsOn.length) {
    env.report({
      severity: 'info',
      code: 'kubernetes/depends-on',
      message: `Kubernetes starts pods in no particular order, so \`${service.name}\` may start before ${service.dependsOn.map((d) => `\`${d.name}\``).join(', ')}; its readiness probe keeps traffic away until it is ready, and a container that exits is restarted`,
      path: at('depends_on'),
      hint: 'make the service retry its connections at start-up',
    });
  }

  if (!service.healthcheck) {
    env.report({
      severity: 'info',
      code: 'kubernetes/no-probes',
      message: `\`${service.name}\` has no \`healthcheck\`, so its pods get no readiness or liveness probe: they receive traffic as soon as the container starts and are never restarted when they hang`,
      path: service.path,
      hint: 'add `healthcheck: { http: /health }` (or `tcp`, `command`)',
    });
  }
  return notes;
}
