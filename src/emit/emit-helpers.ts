// Helpers the built-in targets share: the connection details of backing services expressed with each
// platform's own placeholders, and the secret-store names of their credentials.
import { envPrefix } from '../model/dns-label.js';
import { RESOURCE_KINDS } from '../model/resource-types.js';
import type { Resource } from '../model/stack.js';
import type { ValuePart } from '../deploy/references.js';
import type { EmitContext, Report } from './target.js';

/** The pieces of a connection URL in a platform's own parts: plain text, its variable syntax, a key of its secret store. */
export interface ConnectionParts {
  host: ValuePart[];
  port: ValuePart[];
  user: ValuePart[];
  password: ValuePart[];
  database: ValuePart[];
}

const text = (t: string): ValuePart => ({ kind: 'text', text: t });

/**
 * A resource's connection URL: the one place that says what `${resources.x.url}` looks like for
 * each type, every platform supplying only the pieces. `postgresql://<user>:<password>@db:5432/shop`;
 * redis authenticates with a password alone (`redis://:<password>@cache:6379`); mongodb names the
 * database its users live in (`?authSource=admin`, src/emit/app-user.ts). Adjacent text is merged.
 */
export function connectionUrl(resource: Resource, parts: ConnectionParts): ValuePart[] {
  const kind = RESOURCE_KINDS[resource.type];
  const auth = kind.hasCredentials ? [...parts.user, text(':'), ...parts.password, text('@')] : kind.hasPassword ? [text(':'), ...parts.password, text('@')] : [];
  const all = [
    text(`${kind.scheme}://`),
    ...auth,
    ...parts.host,
    text(':'),
    ...parts.port,
    ...(kind.hasDatabase ? [text('/'), ...parts.database] : []),
    ...(resource.type === 'mongodb' ? [text('?authSource=admin')] : []),
  ];
  const out: ValuePart[] = [];
  for (const p of all) {
    const last = out.at(-1);
    if (p.kind === 'text' && last?.kind === 'text') out[out.length - 1] = text(last.text + p.text);
    else if (p.kind !== 'text' || p.text !== '') out.push(p);
  }
  return out;
}

/** Default user name a stackc-run database container is created with: the user `${resources.x.url}` connects as. */
export const defaultResourceUser = (resource: Resource): string => (resource.type === 'rabbitmq' ? 'app' : resource.database ?? 'app');

/**
 * The environment-variable names (secret store keys) a target uses for a resource's credentials:
 * `DB_PASSWORD`, `DB_USER` for a resource named `db` (the user `${resources.db.url}` connects as:
 * for postgres and mongodb the application user, src/emit/app-user.ts), `DB_ADMIN_PASSWORD` for the
 * superuser of those two, and `DB_URL` for an external one. An s3 bucket's keys, where stackc runs
 * the server and where it is external alike: `FILES_ACCESS_KEY`, `FILES_SECRET_KEY`.
 */
export function resourceSecretNames(resource: Resource): { user: string; password: string; adminPassword: string; url: string; accessKey: string; secretKey: string } {
  const prefix = envPrefix(resource.name);
  return { user: `${prefix}_USER`, password: `${prefix}_PASSWORD`, adminPassword: `${prefix}_ADMIN_PASSWORD`, url: `${prefix}_URL`, accessKey: `${prefix}_ACCESS_KEY`, secretKey: `${prefix}_SECRET_KEY` };
}

/**
 * `${resources.x.endpoint|bucket|region}` of an s3 bucket: what stack.yaml says (src/model/stack.ts
 * S3Bucket), or for `endpoint` where the platform runs the server, `http://<host>:<port>` in the
 * platform's spelling of its host. `undefined` for the keys, which each platform takes from its store.
 */
export function s3Setting(resource: Resource, key: string, serverHost: ValuePart[]): ValuePart[] | undefined {
  const s3 = resource.s3!;
  if (key === 'bucket') return [text(s3.bucket)];
  if (key === 'region') return [text(s3.region)];
  if (key !== 'endpoint') return undefined;
  if (s3.endpoint !== undefined) return [text(s3.endpoint)];
  return [text('http://'), ...serverHost, text(`:${resource.port}`)];
}

/**
 * For targets that render environments beyond `--env` (to lay out files shared by all of them):
 * a reporter per environment that stays silent for environments not being built.
 */
export const reporterFor =
  (ctx: EmitContext) =>
  (environment: string): Report =>
    ctx.environments.includes(environment) ? ctx.report : () => {};
