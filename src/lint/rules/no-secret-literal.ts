import type { DataPath, Service } from '../../model/stack.js';
import { redact } from '../redact.js';
import { defineRule, type RuleContext } from '../rule.js';
import { classifySecretValue, companionUser, fieldPath, literalValue, runStageVars } from '../secrets/index.js';
import { isClientPublicName, isSecretName } from '../../vocabulary/secret-names.js';

const HINT = (name: string, service: string) =>
  `remove the value: list \`${name}\` under \`secrets:\` of \`${service}\` and set it in the platform's secret store (the Compose .env file, a Kubernetes Secret, \`fly secrets set\`, Railway or Vercel variables)`;

export default defineRule({
  meta: {
    id: 'no-secret-literal',
    description: 'Variables named like secrets (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `*_KEY`, ...) hold no literal value in stack.yaml or in the Dockerfile.',
    category: 'secrets',
    severity: 'error',
    scopes: ['model', 'dockerfile'],
    docs: {
      why:
        'stack.yaml and Dockerfiles are committed: a value written there is in every clone, every fork and the git history for good, and a Dockerfile `ARG`/`ENV` default is also baked into the image (`docker history`, `docker inspect`). stackc keeps secrets as names (`secrets:`) whose values each platform\'s secret store supplies, so a literal under a secret-like name is almost always a leak.',
      fix:
        'Move the name to the service\'s `secrets:` list and set the value where the platform keeps secrets (Compose: the `.env` file stackc\'s `.env.example` documents; Kubernetes: the Secret; fly: `fly secrets set`; Railway/Vercel: variables). Rotate the value if it was ever committed. For a Dockerfile, drop the default and pass build-time secrets with `RUN --mount=type=secret`.\n\n' +
        '**What counts as secret-like:** the name\'s last word is `SECRET`, `PASSWORD`, `PASSWD`, `PASS`, `PWD`, `PW`, `PASSPHRASE`, `TOKEN`, `KEY`, `APIKEY`, `CREDENTIALS`, `CREDS` or `SALT`, or ends in a long one (`WEBPASSWORD`); plus `SECRET_KEY_BASE`. Settings *about* a secret are not: `PASSWORD_MIN_LENGTH`, `TOKEN_TTL`, `SECRET_ROTATION_DAYS`, `JWT_SECRET_FILE`, `AWS_ACCESS_KEY_ID`, `PASSWORD_HASH`. Nor are public or non-credential keys (`*_PUBLIC_KEY`, `*_PUBLISHABLE_KEY`, `*_SITE_KEY`, `CACHE_KEY`, `SORT_KEY`, ...), and `*_DSN` (a Sentry DSN is designed to ship in client code; a DSN with a password in it is `no-url-credentials`\' job). Variables compiled into browser bundles (`NEXT_PUBLIC_*`, `VITE_*`, `REACT_APP_*`, ...) are public by construction and skipped.\n\n' +
        '**What is not a literal:** references (`${resources.db.password}`, `${services.api.url}`, `${environment.name}`), placeholders of other tools (`<token>`, `{{ .Token }}`, `$TOKEN`, `$${TOKEN}`), secret-manager references (`op://...`, `arn:aws:secretsmanager:...`, `vault:...`), empty values, booleans, short numbers, durations and sizes, and file paths (`/run/secrets/db`).\n\n' +
        '**Who reports what:** well-known weak values (`postgres`, `password`, `changeme`, `guest`, a password equal to its user, ...) are allowed in development environments (laptop passwords) and reported by `weak-credentials` elsewhere, so this rule never reports them; URLs with `user:password@` are `no-url-credentials`\'; vendor token formats (`ghp_...`, `sk_live_...`) are `known-secret-pattern`\'s, with a more precise message.',
      bad: 'services:\n  api:\n    env:\n      LOG_LEVEL: info\n      STRIPE_WEBHOOK_SECRET: whsec_4eC39HqLyjWDarjtT1zdp7dc',
      good: 'services:\n  api:\n    env:\n      LOG_LEVEL: info\n    secrets: [STRIPE_WEBHOOK_SECRET]',
      whenOff: 'Never for stacks that are committed. For a throwaway demo repository, suppress the one line with a reason instead.',
    },
    peers: ['detect-secrets KeywordDetector', 'gitleaks generic-api-key', 'hadolint DL3064', 'Polaris sensitiveContainerEnvVar', 'kube-linter env-var-secret', 'actionlint credentials'],
    securitySeverity: 9,
  },
  service(ctx, { service, environment }) {
    for (const v of service.env) {
      if (!isSecretName(v.name, 'lint') || isClientPublicName(v.name)) continue;
      const value = literalValue(v, environment);
      if (value === undefined || classifySecretValue(value, companionUser(service, v.name)) !== 'literal') continue;
      ctx.report({ message: `\`${v.name}\` of \`${service.name}\` is a secret written into stack.yaml (\`${redact(value)}\`)`, at: { path: v.path }, secret: value, hint: HINT(v.name, service.name) });
    }
    for (const [name, value] of Object.entries(service.build?.args ?? {})) {
      if (!isSecretName(name, 'lint') || classifySecretValue(value) !== 'literal') continue;
      ctx.report({
        message: `build argument \`${name}\` of \`${service.name}\` is a secret written into stack.yaml (\`${redact(value)}\`)`,
        at: { path: [...buildPath(service), 'args', name] },
        secret: value,
        hint: 'build arguments end up in the image history: pass the secret with a build secret (`RUN --mount=type=secret,id=...`) instead, and keep its value out of stack.yaml',
      });
    }
    checkDockerfile(ctx, service);
  },
});

const buildPath = (service: Service): DataPath => fieldPath(service, 'build');

function checkDockerfile(ctx: RuleContext<unknown>, service: Service): void {
  const dockerfile = ctx.dockerfile(service);
  if (!dockerfile) return;
  for (const v of runStageVars(dockerfile, service.build?.target)) {
    if (v.value === undefined || !isSecretName(v.name, 'lint') || isClientPublicName(v.name)) continue;
    if (classifySecretValue(v.value) !== 'literal') continue;
    ctx.report({
      message: `\`${v.keyword} ${v.name}\` in ${dockerfile.file} has a secret as its ${v.keyword === 'ARG' ? 'default' : 'value'} (\`${redact(v.value)}\`), which is baked into the image`,
      at: { file: dockerfile.file, line: v.line, col: v.col, endLine: v.endLine, endCol: v.endCol, pointer: `${v.keyword} ${v.name}` },
      secret: v.value,
      hint: v.keyword === 'ARG'
        ? 'drop the default and pass the secret at build time with a build secret (`RUN --mount=type=secret,id=...`): build arguments are visible in `docker history`'
        : `drop the \`ENV\` and give the running container the secret instead: list \`${v.name}\` under \`secrets:\` of \`${service.name}\``,
    });
  }
}
