// What each official image needs to run under Compose: the env vars it is created with, where it
// keeps its data, and a healthcheck that passes only once it accepts connections from other
// containers (not while its entrypoint runs the first-start initialisation on a local socket).
import type { ResourceType } from '../../src/model/resource-types.js';
import type { Resource } from '../../src/model/stack.js';
import type { Credentials } from './credentials.js';
import type { ComposeHealthcheck } from './healthcheck.js';

export interface ResourceKindCompose {
  environment(resource: Resource, credentials: Credentials | undefined): [string, string][];
  dataPath(resource: Resource): string;
  healthcheck: ComposeHealthcheck;
  /** Images whose data is tied to the container's host name (RabbitMQ's node name). */
  stableHostname?: boolean;
}

// First checks after 5s, so `docker compose up` is quick; failures count only after the start period.
const QUICK = { interval: '5s', timeout: '5s', retries: 5, start_period: '30s' };

const creds = (c: Credentials | undefined): Credentials => c ?? { user: '', password: '' };

export const COMPOSE_RESOURCE_KINDS: Record<ResourceType, ResourceKindCompose> = {
  postgres: {
    environment: (r, c) => [['POSTGRES_USER', creds(c).user], ['POSTGRES_PASSWORD', creds(c).password], ['POSTGRES_DB', r.database ?? '']],
    // Images from 18 on keep data in a versioned directory below /var/lib/postgresql.
    dataPath: (r) => (Number.parseInt(r.version, 10) >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data'),
    // Over TCP: during initialisation the server listens on its Unix socket only. `$$` leaves the
    // variables to the container's shell, so no user name is written here.
    healthcheck: { test: ['CMD-SHELL', 'pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER}" -d "$${POSTGRES_DB}"'], ...QUICK },
  },
  mysql: {
    // A random root password (printed once in the container log): the application user owns the database.
    environment: (r, c) => [['MYSQL_USER', creds(c).user], ['MYSQL_PASSWORD', creds(c).password], ['MYSQL_DATABASE', r.database ?? ''], ['MYSQL_RANDOM_ROOT_PASSWORD', 'yes']],
    dataPath: () => '/var/lib/mysql',
    // `ping` succeeds without credentials once the server answers; TCP skips the init-time server.
    healthcheck: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'], ...QUICK },
  },
  mariadb: {
    environment: (r, c) => [['MARIADB_USER', creds(c).user], ['MARIADB_PASSWORD', creds(c).password], ['MARIADB_DATABASE', r.database ?? ''], ['MARIADB_RANDOM_ROOT_PASSWORD', 'yes']],
    dataPath: () => '/var/lib/mysql',
    healthcheck: { test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], ...QUICK },
  },
  mongodb: {
    environment: (r, c) => [['MONGO_INITDB_ROOT_USERNAME', creds(c).user], ['MONGO_INITDB_ROOT_PASSWORD', creds(c).password], ['MONGO_INITDB_DATABASE', r.database ?? '']],
    dataPath: () => '/data/db',
    // While it runs the first-start initialisation (creating the root user, running
    // /docker-entrypoint-initdb.d), the image's entrypoint starts a temporary mongod bound to
    // 127.0.0.1 only, then restarts it bound to every address: asking the container's own address
    // (its host name) is healthy only for the real server. `$$` leaves `$(hostname)` to the shell.
    healthcheck: { test: ['CMD-SHELL', 'mongosh --quiet --host "$$(hostname)" --eval "db.adminCommand(\'ping\').ok"'], ...QUICK },
  },
  redis: {
    environment: () => [],
    dataPath: () => '/data',
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], ...QUICK },
  },
  rabbitmq: {
    environment: (_r, c) => [['RABBITMQ_DEFAULT_USER', creds(c).user], ['RABBITMQ_DEFAULT_PASS', creds(c).password]],
    dataPath: () => '/var/lib/rabbitmq',
    // rabbitmq-diagnostics starts a small Erlang VM: slower than the others.
    healthcheck: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], interval: '10s', timeout: '10s', retries: 5, start_period: '60s' },
    stableHostname: true,
  },
};
