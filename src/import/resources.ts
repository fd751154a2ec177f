// Backing services: compose services running a well-known official image (postgres, mysql,
// mariadb, mongo, redis, rabbitmq) or a known S3 server (MinIO, SeaweedFS: an `s3` resource)
// become `resources` when nothing they set would be lost.
// A service that sets more (a command, init scripts, extra variables, other ports) stays a
// service, with a note saying why.
import { RESOURCE_KINDS, type ResourceType } from '../model/resource-types.js';
import { parsePorts, parseVolumes } from './compose-model.js';
import type { EnvEntry } from './environment.js';
import type { CMap } from './tree.js';
import { isImageReference, officialImage, parseImageReference } from '../vocabulary/image-reference.js';

const IMAGES: Record<string, ResourceType> = { postgres: 'postgres', mysql: 'mysql', mariadb: 'mariadb', mongo: 'mongodb', redis: 'redis', rabbitmq: 'rabbitmq' };

/**
 * S3 servers by repository: the port their S3 API listens on and the other ports they serve (a web
 * console, SeaweedFS's master and filer), which the resource replaces with its own server's.
 */
export const S3_SERVERS: Readonly<Record<string, { s3Port: number; otherPorts: readonly number[] }>> = {
  'minio/minio': { s3Port: 9000, otherPorts: [9001] },
  'quay.io/minio/minio': { s3Port: 9000, otherPorts: [9001] },
  'bitnami/minio': { s3Port: 9000, otherPorts: [9001] },
  'chrislusf/seaweedfs': { s3Port: 8333, otherPorts: [9333, 8888, 8080, 23646, 7333] },
};

export interface RecognizedImage {
  type: ResourceType;
  /** An S3 server: the port its S3 API listened on in the compose file (MinIO: 9000). */
  s3Port?: number;
  /** The version the tag pins (`16-alpine` → `16`), or undefined for `latest`, `alpine` or no tag. */
  version?: string;
  tag?: string;
}

/** An official image (on Docker Hub, under `library/`) by tag; a digest pins what a resource's version cannot. */
export function recognizeImage(image: string): RecognizedImage | undefined {
  if (!isImageReference(image)) return undefined;
  const ref = parseImageReference(image);
  const official = officialImage(ref);
  const s3 = ref.digest === undefined ? s3Server(image) : undefined;
  if (s3) {
    // Only SeaweedFS's tags are versions of the server the resource runs (MinIO's are release dates).
    const version = s3.repository === 'chrislusf/seaweedfs' && ref.tag ? /^(\d+(?:\.\d+){0,2})$/.exec(ref.tag)?.[1] : undefined;
    return { type: 's3', s3Port: s3.s3Port, ...(version ? { version } : {}), ...(ref.tag ? { tag: ref.tag } : {}) };
  }
  const type = official !== undefined && ref.digest === undefined && Object.hasOwn(IMAGES, official) ? IMAGES[official] : undefined;
  if (!type) return undefined;
  const tag = ref.tag;
  const version = tag ? /^(\d+(?:\.\d+){0,2})(?:[-_].*)?$/.exec(tag)?.[1] : undefined;
  return { type, ...(version ? { version } : {}), ...(tag ? { tag } : {}) };
}

/** The S3 server an image is, by its repository without tag or digest (`docker.io/` left out). */
function s3Server(image: string): { repository: string; s3Port: number } | undefined {
  const repository = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '').replace(/^(docker\.io|index\.docker\.io)\//, '').toLowerCase();
  const server = S3_SERVERS[repository];
  return server ? { repository, s3Port: server.s3Port } : undefined;
}

/** Variables of each official image that set up credentials and the database: stackc manages these. */
export const CREDENTIAL_VARIABLES: Record<ResourceType, string[]> = {
  postgres: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'],
  mysql: ['MYSQL_USER', 'MYSQL_PASSWORD', 'MYSQL_DATABASE', 'MYSQL_ROOT_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD'],
  mariadb: ['MARIADB_USER', 'MARIADB_PASSWORD', 'MARIADB_DATABASE', 'MARIADB_ROOT_PASSWORD', 'MARIADB_RANDOM_ROOT_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MYSQL_USER', 'MYSQL_PASSWORD', 'MYSQL_DATABASE', 'MYSQL_ROOT_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD'],
  mongodb: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD', 'MONGO_INITDB_DATABASE'],
  redis: [],
  rabbitmq: ['RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_PASS'],
  // MinIO's and SeaweedFS's keys, and the bucket SeaweedFS creates at start.
  s3: ['MINIO_ROOT_USER', 'MINIO_ROOT_PASSWORD', 'MINIO_ACCESS_KEY', 'MINIO_SECRET_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'S3_BUCKET'],
  // A container resource carries its variables as written.
  container: [],
};

/** The variables stackc's compose target sets on the resource's container. */
export const GENERATED_VARIABLES: Record<ResourceType, string[]> = {
  postgres: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'APP_USER', 'APP_PASSWORD'],
  mysql: ['MYSQL_USER', 'MYSQL_PASSWORD', 'MYSQL_DATABASE', 'MYSQL_RANDOM_ROOT_PASSWORD'],
  mariadb: ['MARIADB_USER', 'MARIADB_PASSWORD', 'MARIADB_DATABASE', 'MARIADB_RANDOM_ROOT_PASSWORD'],
  mongodb: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD', 'MONGO_INITDB_DATABASE', 'APP_USER', 'APP_PASSWORD'],
  redis: ['REDISCLI_AUTH'],
  rabbitmq: ['RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_PASS'],
  s3: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'S3_BUCKET'],
  container: [],
};

export function dataPath(type: ResourceType, version: string): string {
  if (type === 'postgres') return Number.parseInt(version, 10) >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
  // A container resource's data directory is its own `volume`.
  return { mysql: '/var/lib/mysql', mariadb: '/var/lib/mysql', mongodb: '/data/db', redis: '/data', rabbitmq: '/var/lib/rabbitmq', s3: '/data', container: '' }[type];
}

/** Service keys a resource replaces with its own (credentials, data volume, healthcheck, restart, port). */
const ABSORBED_KEYS = new Set(['image', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'healthcheck', 'restart', 'container_name', 'hostname', 'networks', 'secrets', 'user']);
/** An S3 server's command (`server /data --console-address ":9001"`, `server -s3`) starts the server the resource replaces. */
const ABSORBED_S3_KEYS = new Set([...ABSORBED_KEYS, 'command']);

/** What a resource would lose; empty when the service can become one. */
export function resourceBlockers(service: CMap, recognized: RecognizedImage, env: readonly EnvEntry[]): string[] {
  const blockers: string[] = [];
  const type = recognized.type;
  const absorbed = type === 's3' ? ABSORBED_S3_KEYS : ABSORBED_KEYS;
  for (const e of service.entries) {
    if (e.key.startsWith('x-') || absorbed.has(e.key)) continue;
    blockers.push(`\`${e.key}\``);
  }
  if (type !== 's3' && recognized.tag && !recognized.version && !/^(latest|alpine|bookworm|bullseye|jammy|noble|focal)$/.test(recognized.tag)) blockers.push(`the image tag \`${recognized.tag}\``);
  if (type === 'rabbitmq' && recognized.tag?.includes('management')) blockers.push('the management plugin of the `management` image');
  const allowed = new Set(CREDENTIAL_VARIABLES[type]);
  for (const v of env) {
    const base = v.name.replace(/_FILE$/, '');
    if (!allowed.has(v.name) && !(v.name.endsWith('_FILE') && allowed.has(base))) blockers.push(`the variable \`${v.name}\``);
  }
  const kind = RESOURCE_KINDS[type];
  const { ports, problems } = parsePorts(service);
  if (problems.length > 0) blockers.push('its ports');
  const served = recognized.s3Port !== undefined ? [recognized.s3Port, ...Object.values(S3_SERVERS).find((s) => s.s3Port === recognized.s3Port)!.otherPorts] : [kind.port];
  for (const p of ports) if (!served.includes(p.container) || p.containerEnd !== p.container || p.protocol !== 'tcp' || p.extras.length > 0) blockers.push(`port ${p.container}${p.protocol === 'udp' ? '/udp' : ''}`);
  const { mounts } = parseVolumes(service);
  const version = recognized.version ?? kind.defaultVersion;
  for (const m of mounts) {
    if (m.type !== 'volume' || m.target.replace(/\/+$/, '') !== dataPath(type, version) || m.readOnly || m.extras.length > 0) blockers.push(`the mount at \`${m.target}\``);
  }
  if (mounts.length > 1 && !blockers.some((b) => b.startsWith('the mount'))) blockers.push('several volumes');
  return [...new Set(blockers)];
}

/** What the original container used: user, password and database (for matching references; never printed). */
export interface Credentials {
  user?: string;
  password?: string;
  database?: string;
}

export function originalCredentials(type: ResourceType, env: readonly EnvEntry[]): Credentials {
  const v = (n: string) => env.find((e) => e.name === n)?.value ?? undefined;
  switch (type) {
    case 'postgres': {
      const user = v('POSTGRES_USER') || 'postgres';
      return { user, password: v('POSTGRES_PASSWORD') ?? undefined, database: v('POSTGRES_DB') || user };
    }
    case 'mysql':
    case 'mariadb': {
      const user = v('MARIADB_USER') ?? v('MYSQL_USER');
      const password = v('MARIADB_PASSWORD') ?? v('MYSQL_PASSWORD');
      const root = v('MARIADB_ROOT_PASSWORD') ?? v('MYSQL_ROOT_PASSWORD');
      return { ...(user ? { user, password: password ?? undefined } : { user: 'root', password: root ?? undefined }), database: v('MARIADB_DATABASE') ?? v('MYSQL_DATABASE') ?? undefined };
    }
    case 'mongodb':
      return { user: v('MONGO_INITDB_ROOT_USERNAME') ?? undefined, password: v('MONGO_INITDB_ROOT_PASSWORD') ?? undefined, database: v('MONGO_INITDB_DATABASE') ?? undefined };
    case 'rabbitmq':
      return { user: v('RABBITMQ_DEFAULT_USER') ?? 'guest', password: v('RABBITMQ_DEFAULT_PASS') ?? 'guest' };
    case 's3':
      // The access and secret key; `database` is the bucket SeaweedFS was told to create.
      return {
        user: v('MINIO_ROOT_USER') ?? v('MINIO_ACCESS_KEY') ?? v('AWS_ACCESS_KEY_ID') ?? undefined,
        password: v('MINIO_ROOT_PASSWORD') ?? v('MINIO_SECRET_KEY') ?? v('AWS_SECRET_ACCESS_KEY') ?? undefined,
        database: v('S3_BUCKET') ?? undefined,
      };
    default:
      return {};
  }
}
