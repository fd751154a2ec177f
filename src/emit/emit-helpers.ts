// Helpers the built-in targets share: the connection details of backing services expressed with each
// platform's own placeholders, and the secret-store names of their credentials.
import { envPrefix } from '../model/dns-label.js';
import { RESOURCE_KINDS } from '../model/resource-types.js';
import type { Resource } from '../model/stack.js';
import type { EmitContext, Report } from './target.js';

/** Placeholders a target substitutes into a connection URL (plain text or its own variable syntax). */
export interface ConnectionParts {
  host: string;
  port: string;
  user: string;
  password: string;
  database: string;
}

/**
 * A resource's connection URL built from parts, e.g.
 * `postgresql://${USER}:${PASSWORD}@db:5432/shop`. Types without credentials or databases leave
 * those parts out (`redis://cache:6379`).
 */
export function connectionUrl(resource: Resource, parts: ConnectionParts): string {
  const kind = RESOURCE_KINDS[resource.type];
  const auth = kind.hasCredentials ? `${parts.user}:${parts.password}@` : '';
  const database = kind.hasDatabase ? `/${parts.database}` : '';
  const query = resource.type === 'mongodb' ? '?authSource=admin' : '';
  return `${kind.scheme}://${auth}${parts.host}:${parts.port}${database}${query}`;
}

/** Default user name a stackc-run database container is created with. */
export const defaultResourceUser = (resource: Resource): string => (resource.type === 'rabbitmq' ? 'app' : resource.database ?? 'app');

/**
 * The environment-variable names (secret store keys) a target uses for a resource's credentials:
 * `DB_PASSWORD`, `DB_USER` for a resource named `db`, and `DB_URL` for an external one.
 */
export function resourceSecretNames(resource: Resource): { user: string; password: string; url: string } {
  const prefix = envPrefix(resource.name);
  return { user: `${prefix}_USER`, password: `${prefix}_PASSWORD`, url: `${prefix}_URL` };
}

/**
 * For targets that render environments beyond `--env` (to lay out files shared by all of them):
 * a reporter per environment that stays silent for environments not being built.
 */
export const reporterFor =
  (ctx: EmitContext) =>
  (environment: string): Report =>
    ctx.environments.includes(environment) ? ctx.report : () => {};
