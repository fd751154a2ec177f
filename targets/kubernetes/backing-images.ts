// How each official backing-service image runs safely in a pod: its non-root user (so the pod can
// run as it from the start instead of starting as root and dropping privileges), where it keeps
// data, how to probe it, and which variables create its user and database.
import { adminResourceUser, APP_PASSWORD_VAR, APP_USER_VAR } from '../../src/emit/app-user.js';
import { defaultResourceUser, resourceSecretNames } from '../../src/emit/emit-helpers.js';
import { containerOutputSecret, type ResourceType } from '../../src/model/resource-types.js';
import type { Resource } from '../../src/model/stack.js';
import type { EnvVarSpec } from './env.js';
import { varRef } from './expansion.js';

/** Which of a resource's secrets a variable reads: the password services connect with, the superuser's, or an s3 server's keys. */
export type PasswordKind = 'password' | 'adminPassword' | 'accessKey' | 'secretKey';
/** A container variable read from the resource's password key of the user's Secret (or, for a container resource's secret output, its key). */
export type FromSecret = (name: string, password: PasswordKind | { key: string }) => EnvVarSpec;

export interface BackingImage {
  /** The image's own unprivileged user and group (versions are plain numbers, so the default
   *  Debian/Ubuntu variant is always the one pulled). */
  uid: number;
  gid: number;
  /** Where the volume is mounted. */
  dataPath: string;
  /**
   * The directory of the volume mounted there, for an image whose first start refuses a data
   * directory with anything in it: a new ext4 block volume's root holds `lost+found`.
   */
  dataSubPath?: string;
  /** Whether the root file system can be read-only (with `scratch` directories writable). */
  readOnlyRoot: boolean;
  /** Writable emptyDir mounts a read-only root file system needs (volume name → path). */
  scratch: { name: string; path: string }[];
  /** Exec probe: cheap, needs no password. */
  probe: (r: Resource) => string[];
  /** Probe timeout in seconds (mongosh and rabbitmq-diagnostics start a runtime first). */
  probeTimeout: number;
  /** Variables that create the users and database; `secret(name, which)` reads a password into `name`. */
  env: (r: Resource, secret: FromSecret) => EnvVarSpec[];
  /** Container args, where the image takes its password as an argument (redis: `$(VAR)` of `env`). */
  args?: string[];
  memoryRequest: string;
}

const plain = (name: string, value: string): EnvVarSpec => ({ name, value });
/** The application user the image's first-start script creates (src/emit/app-user.ts). */
const appUser = (r: Resource, secret: FromSecret): EnvVarSpec[] => [plain(APP_USER_VAR, defaultResourceUser(r)), secret(APP_PASSWORD_VAR, 'password')];

export const BACKING_IMAGES: Record<Exclude<ResourceType, 'container'>, BackingImage> = {
  postgres: {
    uid: 999,
    gid: 999,
    // One mount at /var/lib/postgresql with the cluster in `<major>/docker`, the layout of the
    // official image from 18 on (pg_ctlcluster style). For every version this keeps the data out of
    // the volume's root (which holds `lost+found` on many storage classes, refused by initdb), and a
    // major upgrade finds the old cluster and stops with an explanation instead of starting empty.
    dataPath: '/var/lib/postgresql',
    readOnlyRoot: true,
    scratch: [{ name: 'run', path: '/var/run/postgresql' }, { name: 'tmp', path: '/tmp' }],
    probe: (r) => ['pg_isready', '-h', '127.0.0.1', '-p', String(r.port), '-U', defaultResourceUser(r), '-d', r.database ?? 'postgres'],
    probeTimeout: 5,
    // POSTGRES_USER is the superuser; services connect as the application user.
    env: (r, secret) => [
      plain('POSTGRES_USER', adminResourceUser(r)!),
      secret('POSTGRES_PASSWORD', 'adminPassword'),
      plain('POSTGRES_DB', r.database ?? 'postgres'),
      plain('PGDATA', `/var/lib/postgresql/${r.version.split('.')[0]}/docker`),
      ...appUser(r, secret),
    ],
    memoryRequest: '256Mi',
  },
  mysql: {
    uid: 999,
    gid: 999,
    dataPath: '/var/lib/mysql',
    // `mysqld --initialize` aborts when the data directory has files in it (lost+found included).
    dataSubPath: 'data',
    readOnlyRoot: false,
    scratch: [],
    probe: () => ['mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'],
    probeTimeout: 5,
    // The application user owns its database; root gets a random password (as in the compose target).
    env: (r, secret) => [plain('MYSQL_DATABASE', r.database ?? 'app'), plain('MYSQL_USER', defaultResourceUser(r)), secret('MYSQL_PASSWORD', 'password'), plain('MYSQL_RANDOM_ROOT_PASSWORD', 'yes')],
    memoryRequest: '512Mi',
  },
  mariadb: {
    uid: 999,
    gid: 999,
    dataPath: '/var/lib/mysql',
    // mariadb-install-db accepts lost+found, but the server then lists it as a database
    // (`#mysql50#lost+found`), which dumps and upgrades trip over.
    dataSubPath: 'data',
    readOnlyRoot: false,
    scratch: [],
    probe: () => ['healthcheck.sh', '--connect', '--innodb_initialized'],
    probeTimeout: 5,
    env: (r, secret) => [plain('MARIADB_DATABASE', r.database ?? 'app'), plain('MARIADB_USER', defaultResourceUser(r)), secret('MARIADB_PASSWORD', 'password'), plain('MARIADB_RANDOM_ROOT_PASSWORD', 'yes')],
    memoryRequest: '256Mi',
  },
  mongodb: {
    uid: 999,
    gid: 999,
    // mongod and the image's first-start check (WiredTiger files present?) ignore lost+found.
    dataPath: '/data/db',
    readOnlyRoot: false,
    scratch: [],
    // On its own address, not localhost: the image's first start runs a temporary mongod bound to
    // 127.0.0.1 only (docker-entrypoint.sh), which a localhost ping would take for the real one. The
    // probe's `$(` is escaped like any command's (the kubelet expands exec probes: prober.go).
    probe: () => ['sh', '-c', `mongosh --quiet --host "$(hostname)" --eval "db.adminCommand('ping').ok"`],
    probeTimeout: 10,
    env: (r, secret) => [
      plain('MONGO_INITDB_ROOT_USERNAME', adminResourceUser(r)!),
      secret('MONGO_INITDB_ROOT_PASSWORD', 'adminPassword'),
      plain('MONGO_INITDB_DATABASE', r.database ?? 'app'),
      ...appUser(r, secret),
    ],
    memoryRequest: '512Mi',
  },
  redis: {
    uid: 999,
    gid: 999,
    dataPath: '/data',
    readOnlyRoot: true,
    scratch: [],
    // redis-cli (5.0.3+) reads the password from REDISCLI_AUTH, so the probe holds none.
    probe: () => ['redis-cli', 'ping'],
    probeTimeout: 5,
    env: (_r, secret) => [secret('REDISCLI_AUTH', 'password')],
    // The image has no password variable: `requirepass` is an argument, which the kubelet expands
    // from the variable. Starting with `redis-server` keeps the image's entrypoint in charge.
    args: ['redis-server', '--requirepass', varRef('REDISCLI_AUTH')],
    memoryRequest: '64Mi',
  },
  rabbitmq: {
    uid: 999,
    gid: 999,
    dataPath: '/var/lib/rabbitmq',
    readOnlyRoot: false,
    scratch: [],
    probe: () => ['rabbitmq-diagnostics', '-q', 'ping'],
    probeTimeout: 10,
    env: (r, secret) => [plain('RABBITMQ_DEFAULT_USER', defaultResourceUser(r)), secret('RABBITMQ_DEFAULT_PASS', 'password')],
    memoryRequest: '256Mi',
  },
  s3: {
    // The image's `seaweed` user (docker/Dockerfile.go_build); its entrypoint changes owners only
    // when started as root, so running as 1000 from the start skips that.
    uid: 1000,
    gid: 1000,
    // The default command, `weed mini -dir=/data`, keeps everything under /data.
    dataPath: '/data',
    readOnlyRoot: false,
    scratch: [],
    // The S3 API's own health endpoint, with the curl the image installs.
    probe: (r) => ['curl', '-fsS', '-o', '/dev/null', `http://127.0.0.1:${r.port}/healthz`],
    probeTimeout: 5,
    // The server is created with the keys services read, and creates the bucket at start.
    env: (r, secret) => [secret('AWS_ACCESS_KEY_ID', 'accessKey'), secret('AWS_SECRET_ACCESS_KEY', 'secretKey'), plain('S3_BUCKET', r.s3?.bucket ?? '')],
    memoryRequest: '256Mi',
  },
};

/**
 * A container resource: an image stackc knows nothing of but its port, its variables (as written)
 * and where it keeps data. Who it runs as is the model's (src/deploy/image-user.ts), its probe a TCP
 * connection to its port (statefulset.ts), and its root file system writable: nothing says which
 * directories it writes.
 */
export function containerBackingImage(r: Resource): BackingImage {
  return {
    uid: 0,
    gid: 0,
    dataPath: r.container?.volume ?? '',
    readOnlyRoot: false,
    scratch: [],
    probe: () => [],
    probeTimeout: 5,
    env: (_r, secret) => (r.container?.environment ?? []).map((v) => ('value' in v ? plain(v.name, v.value) : secret(v.name, { key: containerOutputSecret(r.name, v.secretOutput) }))),
    memoryRequest: '256Mi',
  };
}

/** How the resource's image runs in a pod. */
export const backingImage = (r: Resource): BackingImage => (r.type === 'container' ? containerBackingImage(r) : BACKING_IMAGES[r.type]);

/** The Secret key holding one of a resource's secrets (`DB_PASSWORD`, `DB_ADMIN_PASSWORD`, `FILES_ACCESS_KEY`). */
export const passwordKey = (resource: Resource, which: PasswordKind = 'password'): string => resourceSecretNames(resource)[which];
