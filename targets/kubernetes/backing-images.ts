// How each official backing-service image runs safely in a pod: its non-root user (so the pod can
// run as it from the start instead of starting as root and dropping privileges), where it keeps
// data, how to probe it, and which variables create its user and database.
import { defaultResourceUser, resourceSecretNames } from '../../src/emit/emit-helpers.js';
import type { ResourceType } from '../../src/model/resource-types.js';
import type { Resource } from '../../src/model/stack.js';
import type { EnvVarSpec } from './env.js';

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
  /** Variables that create the user and database; `secret(name)` reads the password into `name`. */
  env: (r: Resource, secret: (name: string) => EnvVarSpec) => EnvVarSpec[];
  memoryRequest: string;
}

const plain = (name: string, value: string): EnvVarSpec => ({ name, value });

export const BACKING_IMAGES: Record<ResourceType, BackingImage> = {
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
    env: (r, secret) => [
      plain('POSTGRES_USER', defaultResourceUser(r)),
      secret('POSTGRES_PASSWORD'),
      plain('POSTGRES_DB', r.database ?? 'postgres'),
      plain('PGDATA', `/var/lib/postgresql/${r.version.split('.')[0]}/docker`),
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
    env: (r, secret) => [plain('MYSQL_DATABASE', r.database ?? 'app'), plain('MYSQL_USER', defaultResourceUser(r)), secret('MYSQL_PASSWORD'), plain('MYSQL_RANDOM_ROOT_PASSWORD', 'yes')],
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
    env: (r, secret) => [plain('MARIADB_DATABASE', r.database ?? 'app'), plain('MARIADB_USER', defaultResourceUser(r)), secret('MARIADB_PASSWORD'), plain('MARIADB_RANDOM_ROOT_PASSWORD', 'yes')],
    memoryRequest: '256Mi',
  },
  mongodb: {
    uid: 999,
    gid: 999,
    // mongod and the image's first-start check (WiredTiger files present?) ignore lost+found.
    dataPath: '/data/db',
    readOnlyRoot: false,
    scratch: [],
    probe: () => ['mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"],
    probeTimeout: 10,
    env: (r, secret) => [plain('MONGO_INITDB_ROOT_USERNAME', defaultResourceUser(r)), secret('MONGO_INITDB_ROOT_PASSWORD'), plain('MONGO_INITDB_DATABASE', r.database ?? 'app')],
    memoryRequest: '512Mi',
  },
  redis: {
    uid: 999,
    gid: 999,
    dataPath: '/data',
    readOnlyRoot: true,
    scratch: [],
    probe: () => ['redis-cli', 'ping'],
    probeTimeout: 5,
    env: () => [],
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
    env: (r, secret) => [plain('RABBITMQ_DEFAULT_USER', defaultResourceUser(r)), secret('RABBITMQ_DEFAULT_PASS')],
    memoryRequest: '256Mi',
  },
};

/** The Secret key holding a resource's password (`DB_PASSWORD`). */
export const passwordKey = (resource: Resource): string => resourceSecretNames(resource).password;
