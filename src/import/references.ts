// Rewriting values that point at a backing service into `${resources.<name>.<key>}` references,
// when that is safe: the URL's host is the resource, and its credentials and database are the
// ones the resource was set up with, so the application and the database keep agreeing whatever
// values each platform supplies.
import { RESOURCE_KINDS, type ResourceType } from '../model/resource-types.js';
import type { Credentials } from './resources.js';

export interface ResourceTarget {
  /** Names the service is reached by in compose: the service name, `container_name`, `hostname`. */
  hosts: string[];
  /** The resource's name in stack.yaml. */
  name: string;
  type: ResourceType;
  credentials: Credentials;
  /** An S3 server: the port its S3 API listened on in the compose file (MinIO: 9000), for its endpoint. */
  s3Port?: number;
  /** A container resource: its port, and whether it has a `url` output (`http://${host}:${port}`). */
  container?: { port: number; http: boolean };
}

const SCHEMES: Record<ResourceType, string[]> = {
  postgres: ['postgres', 'postgresql'],
  mysql: ['mysql'],
  mariadb: ['mysql', 'mariadb'],
  mongodb: ['mongodb'],
  redis: ['redis'],
  rabbitmq: ['amqp'],
  // A bucket is reached through an S3 client's endpoint, not a connection URL.
  s3: [],
  // Import makes no container resources (yet): nothing to rewrite.
  container: [],
};

export interface Rewrite {
  value: string;
  resource: string;
}

/** `${resources.db.url}` or a URL assembled from the resource's parts; undefined when not safe. */
export function rewriteUrl(value: string, targets: readonly ResourceTarget[]): Rewrite | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^:@/\s]*)(?::([^@/\s]*))?@)?([^:/?#\s]+)(?::(\d+))?(\/[^?#\s]*)?(\?[^#\s]*)?$/i.exec(value);
  if (!m) return undefined;
  const [, scheme, user, password, host, port, path = '', query = ''] = m as unknown as string[];
  const target = targets.find((t) => t.hosts.includes(host!));
  if (!target) return undefined;
  if (target.type === 's3') return rewriteEndpoint(target, { scheme: scheme!, user, port, path, query });
  if (target.container) return rewriteContainerUrl(target, target.container, { scheme: scheme!, user, port, path, query });
  const kind = RESOURCE_KINDS[target.type];
  if (port !== undefined && Number(port) !== kind.port) return undefined;
  const c = target.credentials;
  if (user !== undefined && user !== '' && user !== c.user) return undefined;
  if (password !== undefined && password !== c.password) return undefined;
  if (password === undefined && user && kind.hasCredentials) return undefined;
  const r = (key: string) => `\${resources.${target.name}.${key}}`;
  const dbPath = kind.hasDatabase && c.database !== undefined && path === `/${c.database}`;
  if (kind.hasDatabase && path !== '' && path !== '/' && !dbPath) return undefined;
  const canonicalScheme = SCHEMES[target.type]!.includes(scheme!.toLowerCase()) && scheme === kind.scheme;
  const standardQuery = query === '' || (target.type === 'mongodb' && query === '?authSource=admin');
  const credentialed = !kind.hasCredentials || (user !== undefined && password !== undefined);
  const wholeDb = kind.hasDatabase ? dbPath : path === '';
  if (canonicalScheme && standardQuery && credentialed && wholeDb) return { value: r('url'), resource: target.name };
  // Redis requires the resource's password (`requirepass`): a URL written without one gets it.
  const auth = user !== undefined ? `${user === '' ? '' : r('user')}${password !== undefined ? `:${r('password')}` : ''}@` : kind.hasPassword && !kind.hasCredentials ? `:${r('password')}@` : '';
  const portPart = port !== undefined ? `:${r('port')}` : '';
  const pathPart = dbPath ? `/${r('database')}` : path;
  return { value: `${scheme}://${auth}${r('host')}${portPart}${pathPart}${query}`, resource: target.name };
}

/**
 * An S3 server's address (`http://minio:9000`) is the bucket's endpoint: an s3 resource has no
 * connection URL, and its endpoint is whatever each platform spells, so only the bare address is.
 */
function rewriteEndpoint(target: ResourceTarget, url: { scheme: string; user?: string; port?: string; path: string; query: string }): Rewrite | undefined {
  const bare = url.user === undefined && (url.path === '' || url.path === '/') && url.query === '';
  if (!/^https?$/i.test(url.scheme) || !bare || url.port === undefined || Number(url.port) !== target.s3Port) return undefined;
  return { value: `\${resources.${target.name}.endpoint}`, resource: target.name };
}

/**
 * A URL to a container resource: `http://search:9200` is its `url` output; another scheme, path or
 * query keeps them around `${resources.x.host}:${resources.x.port}`. With credentials in it, it stays as written.
 */
function rewriteContainerUrl(target: ResourceTarget, c: { port: number; http: boolean }, url: { scheme: string; user?: string; port?: string; path: string; query: string }): Rewrite | undefined {
  if (url.user !== undefined || url.port === undefined || Number(url.port) !== c.port) return undefined;
  const r = (key: string) => `\${resources.${target.name}.${key}}`;
  if (c.http && url.scheme === 'http' && (url.path === '' || url.path === '/') && url.query === '') return { value: r('url'), resource: target.name };
  return { value: `${url.scheme}://${r('host')}:${r('port')}${url.path}${url.query}`, resource: target.name };
}

/** An S3 key copied from the server's own variables into a service that uses it. */
function rewriteS3Key(name: string, value: string, t: ResourceTarget): Rewrite | undefined {
  if (!/S3|MINIO|AWS|STORAGE|BUCKET|OBJECT|BLOB/.test(name)) return undefined;
  const r = (key: string) => ({ value: `\${resources.${t.name}.${key}}`, resource: t.name });
  if (/SECRET|PASS/.test(name) && value === t.credentials.password) return r('secret_key');
  if (/ACCESS|USER|KEY_ID/.test(name) && value === t.credentials.user) return r('access_key');
  if (/BUCKET/.test(name) && t.credentials.database !== undefined && value === t.credentials.database) return r('bucket');
  return undefined;
}

/**
 * A variable that holds one part of a resource's connection (`DB_HOST=db`, `DB_PASSWORD=...`),
 * judged by its name and its value; `host:port` too.
 */
export function rewritePart(name: string, value: string, targets: readonly ResourceTarget[], related: readonly string[]): Rewrite | undefined {
  const upper = name.toUpperCase();
  for (const t of targets) {
    // An s3 bucket has no host or port to read, only its endpoint (rewriteEndpoint).
    if (t.type === 's3') continue;
    const r = (key: string) => `\${resources.${t.name}.${key}}`;
    const kind = RESOURCE_KINDS[t.type];
    if (/HOST|ADDR|SERVER/.test(upper) && t.hosts.includes(value)) return { value: r('host'), resource: t.name };
    const hp = /^([^:\s]+):(\d+)$/.exec(value);
    if (hp && t.hosts.includes(hp[1]!) && Number(hp[2]) === (t.container?.port ?? kind.port)) return { value: `${r('host')}:${r('port')}`, resource: t.name };
  }
  // Credentials and database names only for a resource the service is already tied to.
  const mine = targets.filter((t) => related.includes(t.name));
  if (mine.length !== 1) return undefined;
  const t = mine[0]!;
  if (t.type === 's3') return rewriteS3Key(upper, value, t);
  // A container resource has no credentials stackc knows of; its port is a number like any other.
  if (t.container) return undefined;
  const kind = RESOURCE_KINDS[t.type];
  const r = (key: string) => `\${resources.${t.name}.${key}}`;
  const c = t.credentials;
  // Only variables whose name says they are about this kind of service: EMAIL_USERNAME=netbox is not the database user.
  if (!/(^|_)(DB|DATABASE|SQL|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|MONGO|MONGODB|RABBIT|RABBITMQ|AMQP|MQ|BROKER|REDIS|CACHE)(_|$)|^(DB|PG|DATABASE)/.test(upper)) return undefined;
  if (kind.hasCredentials && /PASS/.test(upper) && c.password !== undefined && value === c.password) return { value: r('password'), resource: t.name };
  if (kind.hasCredentials && /USER/.test(upper) && c.user !== undefined && value === c.user && c.user !== 'root') return { value: r('user'), resource: t.name };
  if (kind.hasDatabase && /(^|_)(DB|DATABASE|NAME|DBNAME)(_|$)|DB_NAME|DATABASE/.test(upper) && !/HOST|PORT|USER|PASS|URL/.test(upper) && c.database !== undefined && value === c.database) return { value: r('database'), resource: t.name };
  if (/PORT/.test(upper) && value === String(kind.port) && /DB|DATABASE|REDIS|MONGO|MYSQL|POSTGRES|PG|RABBIT|AMQP|MQ|CACHE/.test(upper)) return { value: r('port'), resource: t.name };
  return undefined;
}
