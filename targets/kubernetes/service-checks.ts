// Advice about a service the manifests run as written but that may not behave as hoped, and the
// refusals when they could not run at all: who its pod runs as, and whether it has probes.
// (Settings Kubernetes cannot express are capability gaps, in capabilities.ts.) Lint rules report
// the same with more context (`coveredBy`).
import type { DeployedService, ImageUser, UserSource } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import { ROOT_CAPABILITIES, isRootOnPurpose } from './security.js';

export function checkService(service: DeployedService, report: Report): void {
  checkUser(service, report);
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

/**
 * Pods require a non-root user (`runAsNonRoot`), which the kubelet verifies before it starts a
 * container: a numeric runAsUser, else the image's USER, which must then be a non-root number.
 * A user the model knows to be root or a name would leave the pod in CreateContainerConfigError,
 * so the build refuses it; one it cannot know is a warning.
 */
function checkUser(service: DeployedService, report: Report): void {
  const runAs = service.runAs;
  const name = `\`${service.name}\``;
  if (isRootOnPurpose(runAs)) {
    report({
      severity: 'warning',
      code: 'kubernetes/root-user',
      message: `${name} runs as root (${runAs.reason}) as asked: privilege escalation stays off and every capability is dropped but what an image that starts as root needs (${ROOT_CAPABILITIES.join(', ')}), and the namespace enforces the \`baseline\` Pod Security Standard instead of \`restricted\``,
      path: (runAs.from as Extract<UserSource, { kind: 'stack' }>).at,
      hint: runAs.kind === 'root' && runAs.instead ? `run ${runAs.instead}` : 'run as a non-root UID that owns the files the app writes; bind ports above 1024',
    });
  } else if (runAs.kind === 'root' || runAs.kind === 'name') {
    const { from } = runAs;
    report({
      severity: 'error',
      code: runAs.kind === 'root' ? 'kubernetes/root-image' : 'kubernetes/user-name',
      message:
        runAs.kind === 'root'
          ? `${name} would run as root: ${runAs.reason}${lineOf(from)}; its pod requires a non-root user (runAsNonRoot), so it would never start`
          : `${name} runs as the user name \`${runAs.name}\` (${said(from)}); Kubernetes takes numeric IDs only and cannot verify that a name is not root, so its pod would never start`,
      path: from.kind === 'dockerfile' ? (service.origins.build ?? [...service.path, 'build']) : from.at,
      hint: userHint(runAs, service.build !== undefined),
    });
  } else if (runAs.kind === 'unknown') {
    report({
      severity: 'warning',
      code: 'kubernetes/user-unset',
      message: `stackc cannot tell who ${name} runs as (${runAs.reason}); its pod requires a non-root user (runAsNonRoot) without naming one, so it starts only if the image's USER is a non-root number, and a root or named USER leaves it in CreateContainerConfigError`,
      path: service.path,
      hint: 'set `user:` to the numeric UID and GID the image runs as, e.g. `user: "1000:1000"`',
    });
  }
}

const lineOf = (from: UserSource): string => (from.kind === 'dockerfile' ? ` (${from.text ? 'USER' : 'FROM'} at ${from.file}:${from.line})` : '');

/** Where the user was written: `user: app`, `USER app at api/Dockerfile:5`. */
const said = (from: Exclude<UserSource, { kind: 'image' }> | UserSource): string =>
  from.kind === 'stack' ? `\`user: ${from.text}\`` : from.kind === 'dockerfile' ? `\`USER ${from.text}\` at ${from.file}:${from.line}` : `\`${from.image}\``;

function userHint(runAs: Extract<ImageUser, { kind: 'root' | 'name' }>, builds: boolean): string {
  const numeric = 'set `user: "1000:1000"` (the numeric UID and GID the image can run as) on the service';
  if (runAs.kind === 'name') return builds ? `${numeric}, or create \`${runAs.name}\` with a fixed ID in the Dockerfile (\`useradd --uid 1000 ${runAs.name}\`)` : numeric;
  const root = 'an image that must start as root takes `user: 0`, which keeps only the capabilities it needs (docs/targets/kubernetes.md, "Users")';
  if (runAs.instead) return `run ${runAs.instead}; or ${numeric} if the image can run as that user; ${root}`;
  return `${numeric}; ${root}`;
}
