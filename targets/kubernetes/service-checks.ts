// Advice about a service the manifests run as written but that may not behave as hoped: who its
// pod runs as, and whether it has probes. (Settings Kubernetes cannot express are capability
// gaps, in capabilities.ts.) Lint rules report the same with more context (`coveredBy`).
import type { DeployedService } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import { isRootUser } from './security.js';

export function checkService(service: DeployedService, report: Report): void {
  if (service.user === undefined) {
    report({
      severity: 'warning',
      code: 'kubernetes/user-unset',
      message: `\`${service.name}\` sets no \`user\`; the pod requires a non-root user (runAsNonRoot), so it will not start if the image runs as root`,
      path: service.path,
      hint: 'set `user:` to the numeric non-root UID the image runs as, e.g. `user: "1000:1000"`',
    });
  } else if (isRootUser(service.user)) {
    report({
      severity: 'warning',
      code: 'kubernetes/root-user',
      message: `\`${service.name}\` runs as root (\`user: ${service.user.text}\`); the pod allows it, capabilities are still dropped, and the namespace enforces the \`baseline\` Pod Security Standard instead of \`restricted\``,
      path: service.origins.user ?? [...service.path, 'user'],
      hint: 'run as a non-root UID; bind ports above 1024',
    });
  }

  // A one-shot's Job needs no probe: it is done when its command exits.
  if (!service.healthcheck && !service.oneShot) {
    report({
      severity: 'info',
      code: 'kubernetes/no-probes',
      message: `\`${service.name}\` has no \`healthcheck\`, so its pods get no readiness or liveness probe: they receive traffic as soon as the container starts and are never restarted when they hang`,
      path: service.path,
      hint: 'add `healthcheck: { http: /health }` (or `tcp`, `command`)',
    });
  }
}
