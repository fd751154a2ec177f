import type { DataPath } from '../../model/stack.js';
import { defineRule } from '../rule.js';

/** `services.api.environments.production` for a path into an override, else `services.api`. */
const blockOf = (path: DataPath): string => path.slice(0, path[2] === 'environments' ? 4 : 2).join('.');
const inOverride = (path: DataPath): boolean => path[2] === 'environments';

export default defineRule({
  meta: {
    id: 'no-duplicate-env',
    description: 'After environment overrides are merged, no variable is both a plain `env` value and a secret.',
    category: 'reliability',
    severity: 'error',
    scopes: ['model'],
    docs: {
      why: 'Loading already rejects a name listed in both `env` and `secrets` of the same block. Overrides can still bring the two together: `env` merges key by key while `secrets` is replaced as a list, so a base `env: { SENTRY_DSN: ... }` plus a production `secrets: [SENTRY_DSN]` defines the variable twice in production. The targets then pick one without a word: Compose keeps only the secret, Kubernetes writes the plain value into the ConfigMap and lets the secret shadow it. Whichever you meant, the file says something else somewhere.',
      fix: 'Decide which it is in each environment. Usually: set the plain value only in the overrides of the environments that use it (`environments: { development: { env: { SENTRY_DSN: "" } } }`) and list the secret in the others, or make it a secret everywhere. (Removing it with `env: { SENTRY_DSN: null }` in the same override that lists the secret does not work yet: loading rejects that block as a duplicate too.)',
      bad: 'services:\n  api:\n    env: { SENTRY_DSN: "" }\n    environments:\n      production:\n        secrets: [SENTRY_DSN]',
      good: 'services:\n  api:\n    environments:\n      development:\n        env: { SENTRY_DSN: "" }\n      production:\n        secrets: [SENTRY_DSN]',
    },
    peers: ['kube-linter duplicate-env-var', 'kube-score environment-variable-key-duplication', 'hadolint DL3044'],
  },
  container(ctx, { service, environment }) {
    for (const secret of service.secrets) {
      const plain = service.env.find((v) => v.name === secret.name);
      if (!plain) continue;
      // Report where the override brought them together: the entry written in the environment's block.
      const [here, other] = inOverride(secret.path) ? [secret.path, plain.path] : [plain.path, secret.path];
      const hereIsSecret = here === secret.path;
      ctx.report({
        message: `\`${secret.name}\` is both a plain variable (\`${blockOf(plain.path)}.env\`) and a secret (\`${blockOf(secret.path)}.secrets\`) in \`${environment.name}\``,
        at: { path: here },
        hint: hereIsSecret
          ? `move \`${secret.name}\` out of \`${blockOf(other)}.env\` into the overrides of the environments that want the plain value, or make it a secret everywhere`
          : `drop this \`env\` entry, or give \`${environment.name}\` its own \`secrets\` list without \`${secret.name}\` (the list in \`${blockOf(other)}.secrets\` applies here)`,
      });
    }
  },
});
