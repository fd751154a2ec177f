// Backing services on Railway are services of the project created from Railway's database templates
// (+ New → Database). Services read them through reference variables, `${{Postgres.DATABASE_URL}}`,
// which Railway resolves at deploy time: no password ever reaches a file.
//
// A resource's Railway service is named as Railway names a new database of its type (`Postgres`,
// `Redis`, ...) when the stack has one resource of that type; with several, each is named after the
// resource (`db`, `analytics`), and the user names the Railway services the same.
//
// Data only (capabilities.ts reads it): how the references are spelled is address-book.ts.
import type { DeploymentModel } from '../../src/deploy/model.js';
import type { ResourceType } from '../../src/model/resource-types.js';

export const TEMPLATE_NAMES: Record<ResourceType, string> = {
  postgres: 'Postgres',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  mongodb: 'MongoDB',
  redis: 'Redis',
  rabbitmq: 'RabbitMQ',
  // A Railway Storage Bucket, created on the canvas (https://docs.railway.com/guides/storage-buckets).
  s3: 'Bucket',
  // A service deployed from the image (https://docs.railway.com/guides/services#deploying-a-public-docker-image).
  container: 'Docker image',
};

/** Railway's own database services (others come from the template marketplace). */
export const BUILT_IN: ReadonlySet<ResourceType> = new Set(['postgres', 'mysql', 'mongodb', 'redis']);

/** The variables each database template offers, by stackc output key. */
export const TEMPLATE_VARIABLES: Partial<Record<ResourceType, Partial<Record<string, string>>>> = {
  postgres: { url: 'DATABASE_URL', host: 'PGHOST', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', database: 'PGDATABASE' },
  mysql: { url: 'MYSQL_URL', host: 'MYSQLHOST', port: 'MYSQLPORT', user: 'MYSQLUSER', password: 'MYSQLPASSWORD', database: 'MYSQLDATABASE' },
  mongodb: { url: 'MONGO_URL', host: 'MONGOHOST', port: 'MONGOPORT', user: 'MONGOUSER', password: 'MONGOPASSWORD' },
  // Railway's Redis has a password: REDIS_URL carries it (`redis://default:<password>@...`).
  redis: { url: 'REDIS_URL', host: 'REDISHOST', port: 'REDISPORT', password: 'REDISPASSWORD' },
  // Marketplace templates of the official images: the image's own variables, and Railway's
  // private domain for the host.
  mariadb: { host: 'RAILWAY_PRIVATE_DOMAIN', user: 'MARIADB_USER', password: 'MARIADB_PASSWORD', database: 'MARIADB_DATABASE' },
  rabbitmq: { host: 'RAILWAY_PRIVATE_DOMAIN', user: 'RABBITMQ_DEFAULT_USER', password: 'RABBITMQ_DEFAULT_PASS' },
};

/**
 * Railway service names, by the stack's name, of its services (the same name) and backing services
 * (as above), over every environment, so they never change with `--env`. `pinned` (the `names`
 * option) overrides either: a Railway service is found by its name, so renaming one means a new,
 * empty service; the option keeps the name one already runs under.
 */
export function railwayNames(model: DeploymentModel, pinned: Readonly<Record<string, string>> = {}): Map<string, string> {
  const types = new Map<string, ResourceType>();
  for (const environment of model.environments) for (const r of environment.resources) if (!types.has(r.name)) types.set(r.name, r.type);
  const perType = new Map<ResourceType, number>();
  for (const type of types.values()) perType.set(type, (perType.get(type) ?? 0) + 1);
  // A container resource's Railway service is named after it: its image says nothing of a name.
  const names = new Map([...types].map(([name, type]) => [name, pinned[name] ?? (type === 'container' || perType.get(type)! > 1 ? name : TEMPLATE_NAMES[type])]));
  for (const environment of model.environments) for (const s of environment.services) if (!names.has(s.name)) names.set(s.name, pinned[s.name] ?? s.name);
  return names;
}
