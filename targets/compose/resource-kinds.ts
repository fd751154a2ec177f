// What each official image needs to run under Compose: the env vars it is created with, where it
// keeps its data, and a healthcheck that passes only once it accepts connections from other
// containers (not while its entrypoint runs the first-start initialisation on a local socket).
import { APP_PASSWORD_VAR, APP_USER_VAR } from '../../src/emit/app-user.js';
import type { ResourceType } from '../../src/model/resource-types.js';
import type { Resource } from '../../src/model/stack.js';
import type { ComposeHealthcheck } from './healthcheck.js';
import { literal } from './text.js';

/** What a container is created with, as interpolations of the env file (the superuser's name is plain). */
export interface ContainerCredentials {
  /** The user services connect as, and its password (redis: the password alone). */
  user: string;
  password: string;
  /** Postgres and MongoDB: the image's superuser, for admin use (src/emit/app-user.ts). */
  admin?: { user: string; password: string };
  /** A container resource: the env file's interpolation of one of its secret outputs (`${MAIL_PASSWORD:?...}`). */
  outputSecret?: (output: string) => string;
}

export interface ResourceKindCompose {
  environment(resource: Resource, credentials: ContainerCredentials): [string, string][];
  /** The container's command, where the image takes its password as an argument (redis). */
  command?(credentials: ContainerCredentials): string[];
  /** Where its volume is mounted; `undefined`: it keeps nothing (a container resource without `volume`). */
  dataPath(resource: Resource): string | undefined;
  /** `undefined` for an image stackc knows nothing of (a container resource): services wait for its start. */
  healthcheck?: ComposeHealthcheck;
  /** Images whose data is tied to the container's host name (RabbitMQ's node name). */
  stableHostname?: boolean;
}

// First checks after 5s, so `docker compose up` is quick; failures count only after the start period.
const QUICK = { interval: '5s', timeout: '5s', retries: 5, start_period: '30s' };

const admin = (c: ContainerCredentials): { user: string; password: string } => c.admin ?? { user: '', password: '' };
/** The application user the image's first-start script creates (src/emit/app-user.ts). */
const appUser = (c: ContainerCredentials): [string, string][] => [[APP_USER_VAR, c.user], [APP_PASSWORD_VAR, c.password]];

export const COMPOSE_RESOURCE_KINDS: Record<ResourceType, ResourceKindCompose> = {
  postgres: {
    // POSTGRES_USER is the superuser; services connect as the application user.
    environment: (r, c) => [['POSTGRES_USER', admin(c).user], ['POSTGRES_PASSWORD', admin(c).password], ['POSTGRES_DB', r.database ?? ''], ...appUser(c)],
    // Images from 18 on keep data in a versioned directory below /var/lib/postgresql.
    dataPath: (r) => (Number.parseInt(r.version, 10) >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data'),
    // Over TCP: during initialisation the server listens on its Unix socket only. `$$` leaves the
    // variables to the container's shell, so no user name is written here.
    healthcheck: { test: ['CMD-SHELL', 'pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER}" -d "$${POSTGRES_DB}"'], ...QUICK },
  },
  mysql: {
    // A random root password (printed once in the container log): the application user owns the database.
    environment: (r, c) => [['MYSQL_USER', c.user], ['MYSQL_PASSWORD', c.password], ['MYSQL_DATABASE', r.database ?? ''], ['MYSQL_RANDOM_ROOT_PASSWORD', 'yes']],
    dataPath: () => '/var/lib/mysql',
    // `ping` succeeds without credentials once the server answers; TCP skips the init-time server.
    healthcheck: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'], ...QUICK },
  },
  mariadb: {
    environment: (r, c) => [['MARIADB_USER', c.user], ['MARIADB_PASSWORD', c.password], ['MARIADB_DATABASE', r.database ?? ''], ['MARIADB_RANDOM_ROOT_PASSWORD', 'yes']],
    dataPath: () => '/var/lib/mysql',
    healthcheck: { test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], ...QUICK },
  },
  mongodb: {
    environment: (r, c) => [['MONGO_INITDB_ROOT_USERNAME', admin(c).user], ['MONGO_INITDB_ROOT_PASSWORD', admin(c).password], ['MONGO_INITDB_DATABASE', r.database ?? ''], ...appUser(c)],
    dataPath: () => '/data/db',
    // While it runs the first-start initialisation (creating the root user, running
    // /docker-entrypoint-initdb.d), the image's entrypoint starts a temporary mongod bound to
    // 127.0.0.1 only, then restarts it bound to every address: asking the container's own address
    // (its host name) is healthy only for the real server. `$$` leaves `$(hostname)` to the shell.
    healthcheck: { test: ['CMD-SHELL', 'mongosh --quiet --host "$$(hostname)" --eval "db.adminCommand(\'ping\').ok"'], ...QUICK },
  },
  redis: {
    // The image has no password variable: `requirepass` is an argument, interpolated by Compose
    // from the env file like the other images' password variables. Starting with `redis-server`
    // keeps the entrypoint's switch to the redis user. redis-cli (5.0.3+) reads REDISCLI_AUTH, so
    // the healthcheck holds no password.
    environment: (_r, c) => [['REDISCLI_AUTH', c.password]],
    command: (c) => ['redis-server', '--requirepass', c.password],
    dataPath: () => '/data',
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], ...QUICK },
  },
  rabbitmq: {
    environment: (_r, c) => [['RABBITMQ_DEFAULT_USER', c.user], ['RABBITMQ_DEFAULT_PASS', c.password]],
    dataPath: () => '/var/lib/rabbitmq',
    // rabbitmq-diagnostics starts a small Erlang VM: slower than the others.
    healthcheck: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], interval: '10s', timeout: '10s', retries: 5, start_period: '60s' },
    stableHostname: true,
  },
  s3: {
    // The image's default command (`weed mini -dir=/data`) serves S3 with these keys and creates the
    // bucket named in S3_BUCKET at start (https://github.com/seaweedfs/seaweedfs, docker/).
    environment: (r, c) => [['AWS_ACCESS_KEY_ID', c.user], ['AWS_SECRET_ACCESS_KEY', c.password], ['S3_BUCKET', r.s3?.bucket ?? '']],
    dataPath: () => '/data',
    // The S3 API's own health endpoint, with the curl the image installs; healthy once it serves.
    healthcheck: { test: ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:8333/healthz'], ...QUICK },
  },
  container: {
    // Any image, with the variables written in stack.yaml (literals: Compose must not interpolate
    // them) and its data at `volume`. stackc knows no command that checks its health.
    environment: (r, c) => (r.container?.environment ?? []).map((v): [string, string] => [v.name, 'value' in v ? literal(v.value) : c.outputSecret!(v.secretOutput)]),
    dataPath: (r) => r.container?.volume,
  },
};
