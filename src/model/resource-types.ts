// What stackc knows about each backing-service type: image, default version, port, and the keys
// `${resources.<name>.<key>}` can read. One table, so targets and checks cannot disagree.
import { envPrefix } from './dns-label.js';

export const RESOURCE_TYPES = ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'rabbitmq', 's3', 'container'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface ResourceKind {
  /** The Docker Hub image: the official one (library namespace), or the S3 server's. */
  image: string;
  /** Default version: a current long-supported release line, as an image tag. */
  defaultVersion: string;
  port: number;
  /** URL scheme of the connection string. */
  scheme: string;
  /** Whether it keeps data that a volume must hold. */
  stateful: boolean;
  /** Whether connections name a database (and so `${resources.x.database}` exists). */
  hasDatabase: boolean;
  /** Whether connections authenticate with a user name (and a password). */
  hasCredentials: boolean;
  /** Whether connections authenticate with a password (redis: a password alone, its `requirepass`). */
  hasPassword: boolean;
  /**
   * The superuser the official image creates, where stackc creates a separate application user
   * without superuser rights for `${resources.x.url}` (src/emit/app-user.ts). The image's own
   * default name where it has one.
   */
  superuser?: string;
}

export const RESOURCE_KINDS: Record<ResourceType, ResourceKind> = {
  postgres: { image: 'postgres', defaultVersion: '17', port: 5432, scheme: 'postgresql', stateful: true, hasDatabase: true, hasCredentials: true, hasPassword: true, superuser: 'postgres' },
  mysql: { image: 'mysql', defaultVersion: '8.4', port: 3306, scheme: 'mysql', stateful: true, hasDatabase: true, hasCredentials: true, hasPassword: true },
  mariadb: { image: 'mariadb', defaultVersion: '11.4', port: 3306, scheme: 'mysql', stateful: true, hasDatabase: true, hasCredentials: true, hasPassword: true },
  mongodb: { image: 'mongo', defaultVersion: '8.0', port: 27017, scheme: 'mongodb', stateful: true, hasDatabase: true, hasCredentials: true, hasPassword: true, superuser: 'root' },
  redis: { image: 'redis', defaultVersion: '7.4', port: 6379, scheme: 'redis', stateful: true, hasDatabase: false, hasCredentials: false, hasPassword: true },
  rabbitmq: { image: 'rabbitmq', defaultVersion: '4.1', port: 5672, scheme: 'amqp', stateful: true, hasDatabase: false, hasCredentials: true, hasPassword: true },
  // An S3-compatible server for development: SeaweedFS (Apache-2.0), whose image is published with
  // each release (MinIO's community images no longer are) and whose default command, `weed mini`,
  // serves S3 on 8333 and creates the bucket named in S3_BUCKET at start. Its keys are not a
  // user and password: `${resources.x.access_key|secret_key}` (S3_OUTPUTS).
  s3: { image: 'chrislusf/seaweedfs', defaultVersion: '4.44', port: 8333, scheme: 'http', stateful: true, hasDatabase: false, hasCredentials: false, hasPassword: false },
  // Any image: its image, port and outputs are the resource's own (`Resource.container`); these
  // are placeholders the loader replaces. Its port is named `tcp`: stackc knows no protocol.
  container: { image: '', defaultVersion: '', port: 0, scheme: 'tcp', stateful: false, hasDatabase: false, hasCredentials: false, hasPassword: false },
};

/** What every container resource offers, besides the outputs it declares: its host and port where it runs. */
export const CONTAINER_BUILT_IN_OUTPUTS = ['host', 'port'] as const;

/** Keys of `${resources.<name>.<key>}` for an s3 bucket, wherever it is (run by stackc or external). */
export const S3_OUTPUTS = ['endpoint', 'bucket', 'region', 'access_key', 'secret_key'] as const;

/** The region an s3 bucket is in when stack.yaml names none (the development server accepts any). */
export const DEFAULT_S3_REGION = 'us-east-1';

/**
 * Keys of `${resources.<name>.<key>}` for a type. `url` and `password` carry a secret. A container
 * resource has `host`, `port` and the outputs it declares (`declared`).
 */
export function resourceOutputs(type: ResourceType, declared: readonly string[] = []): string[] {
  if (type === 's3') return [...S3_OUTPUTS];
  if (type === 'container') return [...CONTAINER_BUILT_IN_OUTPUTS, ...declared];
  const kind = RESOURCE_KINDS[type];
  return ['url', 'host', 'port', ...(kind.hasCredentials ? ['user'] : []), ...(kind.hasPassword ? ['password'] : []), ...(kind.hasDatabase ? ['database'] : [])];
}

/** Outputs whose value is (or contains) a credential, so targets must take them from a secret store. */
export const SECRET_RESOURCE_OUTPUTS: ReadonlySet<string> = new Set(['url', 'password', 'access_key', 'secret_key']);

/** The outputs an external resource has: an s3 bucket and a container keep all of their own, any other only its URL. */
export const externalOutputs = (type: ResourceType, declared: readonly string[] = []): string[] =>
  type === 's3' ? [...S3_OUTPUTS] : type === 'container' ? resourceOutputs(type, declared) : ['url'];

/** The secret an output of a container resource is read from, where it is a secret or the resource is external: `SEARCH_PASSWORD`. */
export const containerOutputSecret = (resourceName: string, output: string): string => `${envPrefix(resourceName)}_${output.toUpperCase()}`;

/** For an external resource only the URL exists, read from this secret. */
export const externalUrlSecret = (resourceName: string): string => `${envPrefix(resourceName)}_URL`;

/** Keys of `${services.<name>.<key>}`. */
export const SERVICE_OUTPUTS = ['host', 'port', 'url', 'public_url'] as const;

/** Keys of `${environment.<key>}`. */
export const ENVIRONMENT_OUTPUTS = ['name', 'domain'] as const;

/** An s3 bucket's name when stack.yaml gives none: the stack's and the resource's, `shop-uploads`. */
export const defaultBucketName = (stack: string, resource: string): string => `${stack}-${resource}`;

/** AWS S3's endpoint in a region: where an external bucket is when stack.yaml names no `endpoint`. */
export const awsS3Endpoint = (region: string): string => `https://s3.${region}.amazonaws.com`;
