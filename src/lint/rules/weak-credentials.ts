import type { Service } from '../../model/stack.js';
import { defineRule } from '../rule.js';
import { classifySecretValue, companionUser, isWeakValue, literalValue, runStageVars } from '../secrets/index.js';
import { isClientPublicName, isSecretName } from '../../vocabulary/secret-names.js';

/** Image settings that switch authentication off: name → the values that do it. */
const NO_AUTH: Record<string, RegExp> = {
  POSTGRES_HOST_AUTH_METHOD: /^trust$/i,
  MYSQL_ALLOW_EMPTY_PASSWORD: /^(yes|true|1)$/i,
  MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: /^(yes|true|1)$/i,
  MARIADB_ALLOW_EMPTY_PASSWORD: /^(yes|true|1)$/i,
  ALLOW_EMPTY_PASSWORD: /^(yes|true|1)$/i, // Bitnami images
};

/** User names that images create by default: named in the message, since `guest`/`guest` is the classic. */
const DEFAULT_USERS = /^(root|admin|administrator|guest|postgres|sa|elastic|minioadmin|user|test)$/i;

export default defineRule({
  meta: {
    id: 'weak-credentials',
    description: 'Outside development, no password is a well-known default (`postgres`, `password`, `guest`, `changeme`, ...) and no database runs without authentication.',
    category: 'secrets',
    severity: 'error',
    scopes: ['model', 'dockerfile'],
    docs: {
      why:
        'Default and dictionary passwords are the first thing scanners try: a staging database with `postgres`/`postgres` or a RabbitMQ with `guest`/`guest` is open to anyone who reaches the port, and staging data is usually a copy of production data.',
      fix:
        'Let stackc manage backing services under `resources:`: their passwords are never written anywhere, each target reads `DB_PASSWORD` (for a resource `db`) from its secret store, and Compose refuses to start without it (`${DB_PASSWORD:?...}`, no default even in development). For a database image you run yourself as a service, list the password variable under `secrets:` and set a generated value (`openssl rand -base64 32`) in the platform\'s store.\n\n' +
        '**Where a weak password can be written:** stack.yaml `resources:` have no password field at all, so this rule looks where one can be: `env` of services (e.g. a service running `postgres`, `mysql`, `mongo` or `rabbitmq` images with `POSTGRES_PASSWORD`, `MYSQL_ROOT_PASSWORD`, `MONGO_INITDB_ROOT_PASSWORD`, `RABBITMQ_DEFAULT_PASS`) and `ARG`/`ENV` of the Dockerfile a service runs. It reports a value under a secret-like name that is a well-known weak value (a list of default and dictionary passwords, `dev-secret`-style combinations, `django-insecure-...`, `your-api-key-here`, digit runs) or that equals the matching user (`POSTGRES_USER: shop` with `POSTGRES_PASSWORD: shop`), and settings that switch authentication off (`POSTGRES_HOST_AUTH_METHOD: trust`, `MYSQL_ALLOW_EMPTY_PASSWORD`, `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD`, Bitnami\'s `ALLOW_EMPTY_PASSWORD`).\n\n' +
        '**Development is exempt:** environments named `development`, `dev`, `local`, `test`, `testing` or `ci` may use laptop passwords. The base `env` applies to every environment, so a weak value there is reported for the first non-development environment that uses it. (CI service containers that stackc generates start password-less on a throwaway runner on purpose.)\n\n' +
        '**Split with no-secret-literal:** this rule owns the well-known weak values, `no-secret-literal` every other literal, so one value is reported once. Weak passwords inside URLs (`postgres://postgres:postgres@db`) are `no-url-credentials`\' job.\n\n' +
        '**Output:** messages never contain the value, but code frames show it: a well-known default is public knowledge, and masking a word like `postgres` or the stack name would mask it everywhere in the output.',
      bad: 'environments:\n  development: {}\n  staging: { domain: staging.shop.example }\nservices:\n  queue:\n    image: rabbitmq:4.1-management\n    env:\n      RABBITMQ_DEFAULT_USER: guest\n      RABBITMQ_DEFAULT_PASS: guest',
      good: 'environments:\n  development: {}\n  staging: { domain: staging.shop.example }\nresources:\n  queue: { type: rabbitmq }   # the password comes from QUEUE_PASSWORD in each platform\'s store',
      whenOff: 'For stacks whose only environments are local ones under other names; better to name them `development` or `local`.',
    },
    peers: ['actionlint credentials', 'detect-secrets KeywordDetector', 'secretlint database-connection-string', 'Checkov CKV_SECRET_6'],
    securitySeverity: 8,
  },
  service(ctx, { service, environment }) {
    if (environment.role === 'development') return;
    for (const v of service.env) {
      const value = literalValue(v, environment);
      if (value === undefined) continue;
      const noAuth = NO_AUTH[v.name.toUpperCase()];
      if (noAuth?.test(value.trim())) {
        ctx.report({
          message: `\`${v.name}: ${value.trim()}\` of \`${service.name}\` lets anyone connect without a password in environment \`${environment.name}\``,
          at: { path: v.path },
          hint: `remove \`${v.name}\` and give the database a password from the secret store (or declare it under \`resources:\`, where stackc manages the password)`,
        });
        continue;
      }
      if (!isSecretName(v.name, 'lint') || isClientPublicName(v.name)) continue;
      const user = companionUser(service, v.name);
      if (classifySecretValue(value, user) !== 'weak') continue;
      ctx.report({ message: message(v.name, service, environment.name, value, user), at: { path: v.path }, key: v.name, hint: hint(v.name, service) });
    }
    const dockerfile = ctx.dockerfile(service);
    if (!dockerfile) return;
    for (const v of runStageVars(dockerfile, service.build?.target)) {
      if (v.value === undefined || !isSecretName(v.name, 'lint') || classifySecretValue(v.value) !== 'weak') continue;
      ctx.report({
        message: `\`${v.keyword} ${v.name}\` in ${dockerfile.file} is a well-known weak password, and \`${service.name}\` runs this image in environment \`${environment.name}\``,
        at: { file: dockerfile.file, line: v.line, col: v.col, endLine: v.endLine, endCol: v.endCol, pointer: `${v.keyword} ${v.name}` },
        key: v.name,
        hint: `drop the default from the Dockerfile and list \`${v.name}\` under \`secrets:\` of \`${service.name}\`, with a generated value in the platform's store`,
      });
    }
  },
});

function message(name: string, service: Service, environment: string, value: string, user: string | undefined): string {
  const v = value.trim().toLowerCase();
  const same = user !== undefined && user.trim().toLowerCase() === v;
  const what = same && !isWeakValue(value) ? 'the same as its user name' : same ? 'a well-known default, the same as its user name' : 'a well-known weak password';
  // Nothing that contains the value may be printed (the engine would mask it there too).
  const who = !same && user !== undefined && DEFAULT_USERS.test(user.trim()) && !user.toLowerCase().includes(v) ? ` (for the default user \`${user.trim()}\`)` : '';
  const of = service.name.toLowerCase().includes(v) ? '' : ` of \`${service.name}\``;
  const where = environment.toLowerCase().includes(v) || name.includes(value.trim()) ? 'outside development' : `in environment \`${environment}\``;
  return `\`${name}\`${of} is ${what}${who} ${where}`;
}

const hint = (name: string, service: Service): string =>
  `generate a strong value (\`openssl rand -base64 32\`), keep it in the platform's secret store and list \`${name}\` under \`secrets:\` of \`${service.name}\`; for a database, a \`resources:\` entry gets its password from the store by itself`;
