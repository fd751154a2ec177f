import { defineRule } from '../rule.js';
import { runAs, stageName, stageOf } from './support/run-as.js';

export default defineRule({
  meta: {
    id: 'non-root-user',
    description: 'Containers run as a non-root user: `user` is set to a non-root UID, or the Dockerfile stage the service runs sets one.',
    category: 'security',
    severity: 'error',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'A process running as root in a container is root on the host the moment it escapes (a kernel or runtime bug, a mounted socket, a misconfigured volume), and it can rewrite everything in its own image. Images run as root unless told otherwise, so an unset `user` is root too; peers that only look for `USER root` miss exactly that case (hadolint DL3002). Kubernetes pods rendered by stackc also set `runAsNonRoot`, so a root image does not even start there.',
      fix: 'Set `user:` on the service to a non-root UID (numeric, so Kubernetes can verify it), or add `USER <uid>` to the Dockerfile stage the service runs (`build.target`, else the last) after creating the user and giving it the files it writes. For an image you do not build, use the image\'s own non-root UID (101 for `nginxinc/nginx-unprivileged`, 1000 for `node`, 65532 for distroless `:nonroot`), or its unprivileged variant. A group of 0 counts as root unless the option `allowRootGroup` is on (OpenShift-style images that make their files group-0-writable).',
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
  container(ctx, { service }) {
    const r = runAs(ctx, service);
    const name = `\`${service.name}\``;
    if (r.source === 'stack') {
      if (r.rootUser) {
        ctx.report({ message: `service ${name} runs as root (\`user: ${r.text}\`)`, at: { path: r.at }, hint: 'use a non-root numeric UID that owns the files the app writes, e.g. `user: 1000` or `user: "1000:1000"`' });
      } else if (r.rootGroup && !ctx.options.allowRootGroup) {
        ctx.report({ message: `service ${name} runs with the root group (\`user: ${r.text}\`)`, at: { path: r.at }, hint: 'use a non-root group, e.g. `user: "1000:1000"`; for an OpenShift-style image that needs group 0, turn on the option `allowRootGroup`' });
      }
    } else if (r.source === 'image') {
      ctx.report({
        message: `service ${name} runs \`${r.image}\` as root: no \`user\` is set, and an image runs as root unless it was built otherwise`,
        at: { path: service.path, key: true },
        hint: `set \`user:\` to the image's non-root UID (101 for nginxinc/nginx-unprivileged, 1000 for node), or, if the image drops privileges itself, suppress this with the reason: \`# stackc-disable-next-line non-root-user -- <why>\``,
      });
    } else if (r.source === 'dockerfile') {
      const { dockerfile, stage, instruction } = r;
      const where = `${stageName(dockerfile, stage)} of ${dockerfile.file}`;
      if (!instruction) {
        ctx.report({
          message: `service ${name} runs as root: ${where} sets no USER and stack.yaml sets no \`user\``,
          at: { file: dockerfile.file, line: stage.from.line, col: stage.from.col, endLine: stage.from.endLine, endCol: stage.from.endCol, pointer: `FROM[${stage.index}]` },
          hint: `add \`USER 1000\` to the stage (after creating the user and giving it the files it writes), or set \`user: 1000\` on \`${service.name}\` in stack.yaml`,
        });
      } else if (r.rootUser || (r.rootGroup && !ctx.options.allowRootGroup)) {
        const owner = stageOf(dockerfile, instruction) ?? stage;
        ctx.report({
          message: r.rootUser ? `service ${name} runs as root: ${where} ends with \`USER ${r.text}\`` : `service ${name} runs with the root group: ${where} ends with \`USER ${r.text}\``,
          at: { file: dockerfile.file, line: instruction.line, col: instruction.col, endLine: instruction.endLine, endCol: instruction.endCol, pointer: `FROM[${owner.index}]/USER` },
          hint: r.rootUser
            ? 'switch to a non-root user before the stage ends (`USER 1000`), or set a non-root `user:` on the service in stack.yaml'
            : 'use a non-root group (`USER 1000:1000`); for an OpenShift-style image that needs group 0, turn on the option `allowRootGroup`',
        });
      }
    }
  },
});
