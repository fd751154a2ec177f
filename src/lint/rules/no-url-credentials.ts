import type { DataPath, Service } from '../../model/stack.js';
import { redact } from '../redact.js';
import { defineRule, type RuleContext } from '../rule.js';
import { envText, fieldPath, isLocalHost, isPlaceholder, isWeakValue, secretField, stackHostNames } from '../secrets/index.js';
import { findUrlCredentials } from '../../vocabulary/url-credentials.js';

interface Place {
  text: string;
  path: DataPath;
  /** What the text is, for the message: `` `DATABASE_URL` of `api` ``. */
  what: string;
  /** Development or CI: local hosts with well-known passwords are allowed. */
  development: boolean;
  /** Offer `${resources.<name>.url}` in the hint when the URL points at a resource of the stack. */
  service?: Service;
}

export default defineRule({
  meta: {
    id: 'no-url-credentials',
    description: 'No `scheme://user:password@host` URL with a literal password in env values, build arguments, commands or CI steps.',
    category: 'secrets',
    severity: 'error',
    scopes: ['model'],
    docs: {
      why:
        'A connection string with the password in it (`DATABASE_URL`, `REDIS_URL`, `AMQP_URL`, a registry URL) is a secret like any other, but it does not look like one: it sits under a `*_URL` name that no keyword check flags, it is printed in logs and error messages, and it gets copied between environments.',
      fix:
        'For a backing service declared under `resources:`, use `${resources.db.url}`: each target builds the URL from the password in its secret store and never writes it into a file. For anything else, list the whole URL as a secret (`secrets: [DATABASE_URL]`), or keep the URL without the password and pass the password separately.\n\n' +
        '**Not reported:** a password that is a reference or a placeholder (`${resources.db.password}`, `$${DB_PASSWORD}`, `$DB_PASSWORD`, `<password>`), and, in development environments (`development`, `dev`, `local`, `test`, `testing`, `ci`) and CI steps, a well-known local password (`postgres`, `password`, `dev`, ...) for a local host: `localhost`, `127.0.0.1`, `host.docker.internal`, `*.localhost`, `*.local`, or a service or resource of the stack. Any other password is reported in every environment.\n\n' +
        'The finding names the scheme, user and host, never the password. This rule owns every password inside a URL; `no-secret-literal` and `weak-credentials` leave URLs to it.',
      bad: 'services:\n  api:\n    env:\n      DATABASE_URL: postgresql://shop:Xk29vLq8Rz@db.internal:5432/shop',
      good: 'services:\n  api:\n    env:\n      DATABASE_URL: ${resources.db.url}\nresources:\n  db: { type: postgres }',
      whenOff: 'Never; suppress a single line with a reason for a documented public demo database.',
    },
    peers: ['secretlint basicauth', 'secretlint database-connection-string', 'detect-secrets BasicAuthDetector', 'Checkov CKV_SECRET_4', 'gitleaks generic-api-key'],
    securitySeverity: 9,
  },
  state: (ctx) => ({ hosts: stackHostNames(ctx.stack) }),
  service(ctx, { service, environment }) {
    for (const place of placesOf(service, environment.role === 'development')) check(ctx, place, ctx.state.hosts);
  },
  check(ctx) {
    const ci = ctx.stack.ci;
    if (ci) for (const step of ci.steps) check(ctx, { text: step.run, path: step.path, what: `CI step \`${step.name}\``, development: true }, ctx.state.hosts);
  },
});

function placesOf(service: Service, development: boolean): Place[] {
  const places: Place[] = service.env.map((v) => ({ text: envText(v).text, path: v.path, what: `\`${v.name}\` of \`${service.name}\``, development, service }));
  for (const [name, value] of Object.entries(service.build?.args ?? {})) {
    places.push({ text: value, path: [...fieldPath(service, 'build'), 'args', name], what: `build argument \`${name}\` of \`${service.name}\``, development });
  }
  for (const field of ['command', 'entrypoint', 'release'] as const) {
    const command = service[field];
    if (!command) continue;
    // A string command is `sh -c <string>` in the model; the string is the one node in stack.yaml.
    const asString = command.length === 3 && command[0] === 'sh' && command[1] === '-c';
    command.forEach((arg, i) => places.push({ text: arg, path: asString ? fieldPath(service, field) : [...fieldPath(service, field), i], what: `the ${field} of \`${service.name}\``, development }));
  }
  const probe = service.healthcheck?.probe;
  if (probe?.kind === 'command') for (const arg of probe.command) places.push({ text: arg, path: [...service.healthcheck!.path, 'command'], what: `the healthcheck of \`${service.name}\``, development });
  return places;
}

function check(ctx: RuleContext<unknown>, place: Place, hosts: ReadonlySet<string>): void {
  for (const url of findUrlCredentials(place.text)) {
    const password = decode(url.password);
    if (url.password.includes('${') || isPlaceholder(url.password) || isPlaceholder(password)) continue;
    if (place.development && isLocalHost(url.host, hosts) && isWeakValue(password, decode(url.user))) continue;
    const resource = hosts.has(url.host) ? url.host : undefined;
    const secret = secretField(url.password, url.user);
    // The user is shown unless it contains the password (`postgres:postgres`): the engine would mask it anyway.
    const user = url.user && !url.user.includes(url.password) ? `${url.user}:` : '';
    ctx.report({
      message: `${place.what} has a password in its URL (\`${url.scheme}://${user}${secret.secret ? redact(secret.secret) : '…'}@${url.host}\`)`,
      at: { path: place.path },
      ...secret,
      key: url.host,
      hint: resource && place.service
        ? `use \`\${resources.${resource}.url}\` if \`${resource}\` is a resource of the stack, or list the variable under \`secrets:\` and set the URL in the platform's secret store`
        : "list the variable under `secrets:` and set the URL in the platform's secret store, or keep the password out of the URL",
    });
  }
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
