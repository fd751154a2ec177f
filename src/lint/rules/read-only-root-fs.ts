import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'read-only-root-fs',
    description: 'Services run with a read-only root file system outside development (`read_only: true`, writable paths as volumes).',
    category: 'security',
    severity: 'info',
    strict: 'warn',
    scopes: ['model'],
    docs: {
      why: 'With a writable root file system, an attacker who gets code execution in the container can drop tools, replace binaries or plant a backdoor that lives as long as the container does. `read_only: true` makes the image immutable at run time and shows exactly where the app writes. stackc mounts a writable `/tmp` for you (a tmpfs in Compose, an emptyDir in Kubernetes), which is all most runtimes need.',
      fix: 'Set `read_only: true` on the service and mount every other directory it writes to as a volume (`{ name: uploads, path: /app/uploads }`). Development environments are not checked: an override there may turn it off for hot reload.',
      bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: 1000',
      good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: 1000\n    read_only: true\n    volumes:\n      - { name: uploads, path: /app/uploads }\n    environments:\n      development: { read_only: false }',
      whenOff: 'For images that write to many places under their own directory (some CMSs, language servers) until those are known; or per service, with that reason.',
    },
    peers: ['kube-linter no-read-only-root-fs', 'Polaris notReadOnlyRootFilesystem', 'Checkov CKV_K8S_22', 'kube-score container-security-context-readonlyrootfilesystem'],
    securitySeverity: 3.0,
  },
  container(ctx, { service, environment }) {
    if (environment.role === 'development' || service.readOnly) return;
    const written = service.origins.read_only;
    ctx.report({
      message: written
        ? `service \`${service.name}\` turns its read-only root file system off outside development (\`read_only: false\`)`
        : `service \`${service.name}\` has a writable root file system: \`read_only\` is not set`,
      at: written ? { path: written } : { path: service.path, key: true },
      hint: 'set `read_only: true` and mount the directories the app writes to as volumes (stackc adds a writable /tmp)',
    });
  },
});
