import { defineRule } from '../rule.js';
import type { ImageUser } from '../../deploy/model.js';
import type { RuleContext } from '../rule.js';
import { dockerfileAt, stageName } from './support/run-as.js';

export default defineRule({
  meta: {
    id: 'non-root-user',
    description: 'Containers run as a non-root user: `user` is set to a non-root UID, or the Dockerfile stage the service runs sets one; on Kubernetes, a user it can verify (a number, not a name).',
    category: 'security',
    severity: 'error',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'A process running as root in a container is root on the host the moment it escapes (a kernel or runtime bug, a mounted socket, a misconfigured volume), and it can rewrite everything in its own image. Images run as root unless told otherwise, so an unset `user` is root too; peers that only look for `USER root` miss exactly that case (hadolint DL3002). Kubernetes pods rendered by stackc also set `runAsNonRoot`, so a root image does not even start there, and neither does one whose user is a name (`user: app`, `USER app`): the kubelet cannot verify that a name is not root, so `stackc build` refuses it for the kubernetes target. Who a service runs as is the deployment model\'s answer: stack.yaml\'s `user`, else the Dockerfile\'s USER (a name it creates with `useradd --uid` counts as that UID), else what a well-known image documents (`nginx` starts as root, `node`\'s `node` is 1000).',
      fix: 'Set `user:` on the service to a non-root UID (numeric, so Kubernetes can verify it), or add `USER <uid>` to the Dockerfile stage the service runs (`build.target`, else the last) after creating the user and giving it the files it writes. For an image you do not build, use the image\'s own non-root UID (101 for `nginxinc/nginx-unprivileged`, 1000 for `node`, 65532 for distroless `:nonroot`), or its unprivileged variant (the finding names it when stackc knows the image). For Kubernetes, write a name as its numeric UID and GID (`user: "1000:1000"`), or create it in the Dockerfile with a fixed one (`useradd --uid 1000 app`). An image that must start as root (its entrypoint chowns and drops privileges) takes `user: 0` and this rule\'s suppression with the reason; Kubernetes then keeps only the capabilities such an entrypoint needs. A group of 0 counts as root unless the option `allowRootGroup` is on (OpenShift-style images that make their files group-0-writable).',
      bad: 'services:\n  api:\n    build: ./backend        # backend/Dockerfile has no USER\n  proxy:\n    image: nginx:1.27-alpine\n  admin:\n    image: ghcr.io/acme/admin:2.1.0\n    user: root',
      good: 'services:\n  api:\n    build: ./backend        # the runtime stage ends with `USER 1000`\n  proxy:\n    image: nginxinc/nginx-unprivileged:1.27-alpine\n    user: 101\n  admin:\n    image: ghcr.io/acme/admin:2.1.0\n    user: "1000:1000"',
      whenOff: 'Never for the whole project. For one service whose image starts as root and drops privileges itself (the official postgres and nginx images do), suppress the finding with the reason: `# stackc-disable-next-line non-root-user -- nginx workers run as uid 101`.',
    },
    peers: [
      'hadolint DL3002',
      'Checkov CKV_DOCKER_3',
      'Checkov CKV_DOCKER_8',
      'Checkov CKV_K8S_6',
      'Checkov CKV_K8S_23',
      'kube-linter run-as-non-root',
      'Polaris runAsRootAllowed',
      'kube-score container-security-context-user-group-id',
    ],
    securitySeverity: 8.5,
    options: {
      allowRootGroup: { type: 'boolean', default: false, description: 'Accept group 0 with a non-root user (`1000:0`), as OpenShift-style images expect.' },
    },
  },
  container(ctx, { service, environment }) {
    const runAs = service.runAs;
    const name = `\`${service.name}\``;
    if (runAs.kind === 'unknown') {
      // An image stackc does not build or know runs as root unless it was built otherwise.
      if (runAs.from !== 'image') return;
      ctx.report({
        message: `service ${name} runs \`${service.image}\` as root: no \`user\` is set, and an image runs as root unless it was built otherwise`,
        at: { path: service.path, key: true },
        hint: `set \`user:\` to the image's non-root UID (101 for nginxinc/nginx-unprivileged, 1000 for node), or, if the image drops privileges itself, suppress this with the reason: \`# stackc-disable-next-line non-root-user -- <why>\``,
      });
      return;
    }
    const { from } = runAs;
    const rootGroup = runAs.gid === 0 && !ctx.options.allowRootGroup;
    if (from.kind === 'stack') {
      if (runAs.kind === 'root') {
        ctx.report({ message: `service ${name} runs as root (\`user: ${from.text}\`)`, at: { path: from.at }, hint: instead(runAs, 'use a non-root numeric UID that owns the files the app writes, e.g. `user: 1000` or `user: "1000:1000"`') });
      } else if (rootGroup) {
        ctx.report({ message: `service ${name} runs with the root group (\`user: ${from.text}\`)`, at: { path: from.at }, hint: 'use a non-root group, e.g. `user: "1000:1000"`; for an OpenShift-style image that needs group 0, turn on the option `allowRootGroup`' });
      } else if (runAs.kind === 'name' && onKubernetes(ctx, service.name, environment.name)) {
        ctx.report({ message: namedMessage(name, runAs.name, `\`user: ${from.text}\``), at: { path: from.at }, hint: 'write the numeric UID and GID the image has for the name, e.g. `user: "1000:1000"`' });
      }
    } else if (from.kind === 'image') {
      if (runAs.kind !== 'root') return;
      ctx.report({
        message: `service ${name} runs \`${from.image}\` as root: no \`user\` is set, and the image starts as root`,
        at: { path: service.path, key: true },
        hint: instead(runAs, `set \`user:\` to a non-root UID the image can run as, or, if the image drops privileges itself, suppress this with the reason: \`# stackc-disable-next-line non-root-user -- <why>\``),
      });
    } else {
      const where = `${stageName(from.runStage)} of ${from.file}`;
      if (!from.text) {
        if (runAs.kind !== 'root') return; // the base image's own non-root user
        ctx.report({
          message: `service ${name} runs as root: ${where} sets no USER and stack.yaml sets no \`user\``,
          at: dockerfileAt(from),
          hint: instead(runAs, `add \`USER 1000\` to the stage (after creating the user and giving it the files it writes), or set \`user: 1000\` on \`${service.name}\` in stack.yaml`),
        });
      } else if (runAs.kind === 'root' || rootGroup) {
        ctx.report({
          message: runAs.kind === 'root' ? `service ${name} runs as root: ${where} ends with \`USER ${from.text}\`` : `service ${name} runs with the root group: ${where} ends with \`USER ${from.text}\``,
          at: dockerfileAt(from),
          hint:
            runAs.kind === 'root'
              ? 'switch to a non-root user before the stage ends (`USER 1000`), or set a non-root `user:` on the service in stack.yaml'
              : 'use a non-root group (`USER 1000:1000`); for an OpenShift-style image that needs group 0, turn on the option `allowRootGroup`',
        });
      } else if (runAs.kind === 'name' && onKubernetes(ctx, service.name, environment.name)) {
        ctx.report({
          message: namedMessage(name, runAs.name, `${where} ends with \`USER ${from.text}\``),
          at: dockerfileAt(from),
          hint: `create \`${runAs.name}\` with a fixed UID (\`useradd --uid 1000 ${runAs.name}\`), or end the stage with \`USER 1000:1000\`, or set \`user: "1000:1000"\` on the service in stack.yaml`,
        });
      }
    }
  },
});

/** Kubernetes runs the service here: its pods require a user the kubelet can verify is not root. */
const onKubernetes = (ctx: RuleContext<unknown>, service: string, environment: string): boolean => ctx.plans().some((plan) => plan.name === 'kubernetes' && plan.runs(environment, service));

const namedMessage = (name: string, user: string, said: string): string =>
  `service ${name} runs as the user name \`${user}\` (${said}), which Kubernetes cannot verify is not root: its pod would never start under runAsNonRoot`;

/** The image list's unprivileged alternative first, when it has one. */
const instead = (runAs: ImageUser, hint: string): string => (runAs.kind === 'root' && runAs.instead ? `run ${runAs.instead}; or ${hint}` : hint);
