// Backing services on Railway are services of the project created from Railway's database templates
// (+ New → Database). Services read them through reference variables, `${{Postgres.DATABASE_URL}}`,
// which Railway resolves at deploy time: no password ever reaches a file.
//
// A resource's Railway service is named as Railway names a new database of its type (`Postgres`,
// `Redis`, ...) when the stack has one resource of that type; with several, each is named after the
// resource (`db`, `analytics`), and the user names the Railway services the same.
import { RESOURCE_KINDS, type ResourceType } from '../../src/model/resource-types.js';
import type { Resource, Stack } from '../../src/model/stack.js';

export const TEMPLATE_NAMES: Record<ResourceType, string> = {
  postgres: 'Postgres',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  mongodb: 'MongoDB',
  redis: 'Redis',
  rabbitmq: 'RabbitMQ',
};

/** Railway's own database services (others come from the template marketplace). */
export const BUILT_IN: ReadonlySet<ResourceType> = new Set(['postgres', 'mysql', 'mongodb', 'redis']);

/** The variables each database template offers, by stackc output key. */
const VARIABLES: Partial<Record<ResourceType, Partial<Record<string, string>>>> = {
  postgres: { url: 'DATABASE_URL', host: 'PGHOST', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', database: 'PGDATABASE' },
  mysql: { url: 'MYSQL_URL', host: 'MYSQLHOST', port: 'MYSQLPORT', user: 'MYSQLUSER', password: 'MYSQLPASSWORD', database: 'MYSQLDATABASE' },
  mongodb: { url: 'MONGO_URL', host: 'MONGOHOST', port: 'MONGOPORT', user: 'MONGOUSER', password: 'MONGOPASSWORD' },
  redis: { url: 'REDIS_URL', host: 'REDISHOST', port: 'REDISPORT' },
  // Marketplace templates of the official images: the image's own variables, and Railway's
  // private domain for the host.
  mariadb: { host: 'RAILWAY_PRIVATE_DOMAIN', user: 'MARIADB_USER', password: 'MARIADB_PASSWORD', database: 'MARIADB_DATABASE' },
  rabbitmq: { host: 'RAILWAY_PRIVATE_DOMAIN', user: 'RABBITMQ_DEFAULT_USER', password: 'RABBITMQ_DEFAULT_PASS' },
};

/** Railway service names of the stack's resources. */
export function railwayNames(stack: Stack): Map<string, string> {
  const resources = new Map<string, Resource>();
  for (const view of stack.views.values()) for (const r of view.resources) if (!resources.has(r.name)) resources.set(r.name, r);
  const perType = new Map<ResourceType, number>();
  for (const r of resources.values()) perType.set(r.type, (perType.get(r.type) ?? 0) + 1);
  return new Map([...resources.values()].map((r) => [r.name, perType.get(r.type)! > 1 ? r.name : TEMPLATE_NAMES[r.type]]));
}

const ref = (service: string, variable: string): string => `\${{${service}.${variable}}}`;

/** `${resources.<name>.<key>}` as a Railway reference (or text built from references). */
export function resourceReference(resource: Resource, railwayName: string, key: string): string {
  const vars = VARIABLES[resource.type] ?? {};
  const variable = vars[key];
  if (variable) return ref(railwayName, variable);
  const kind = RESOURCE_KINDS[resource.type];
  if (key === 'port') return String(resource.port);
  if (key === 'database') return resource.database ?? '';
  // A URL the template does not offer, built from the parts it does.
  const auth = kind.hasCredentials ? `${resourceReference(resource, railwayName, 'user')}:${resourceReference(resource, railwayName, 'password')}@` : '';
  const database = kind.hasDatabase ? `/${resourceReference(resource, railwayName, 'database')}` : '';
  return `${kind.scheme}://${auth}${resourceReference(resource, railwayName, 'host')}:${resource.port}${database}`;
}
