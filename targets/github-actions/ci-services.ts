// `ci.services` as service containers of the test job: the pinned official image, a health check
// the runner waits for before the first step, and the port published on the runner. No password
// exists anywhere: each database is started in its image's password-less mode, which is safe on a
// throwaway CI runner and leaves nothing secret-looking in the repository.
import type { DeployedEnvironment, DeployedResource } from '../../src/deploy/model.js';
import type { Ci } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import type { ServiceContainer } from './workflow.js';

interface Health {
  cmd: string;
  interval: string;
  retries: number;
  startPeriod: string;
}

/**
 * A container resource's secret output on the runner: a fixed, obviously throwaway value that the
 * container is started with and the steps read (`ci-password`), as the s3 server's keys are.
 */
export const ciContainerSecret = (output: string): string => `ci-${output}`;

/** The access and secret key the test job's steps sign in to a CI s3 server with (it checks none). */
const CI_S3_KEY = 'ci';

/** How each image starts without a password, who connects, and how its health is checked. */
function containerFor(resource: DeployedResource): { env: Record<string, string>; user: string; password: string; health?: Health } {
  const db = resource.database ?? '';
  const quick = (cmd: string): Health => ({ cmd, interval: '5s', retries: 12, startPeriod: '10s' });
  switch (resource.type) {
    case 'postgres': {
      const user = db || 'postgres';
      return { env: { POSTGRES_USER: user, POSTGRES_DB: db, POSTGRES_HOST_AUTH_METHOD: 'trust' }, user, password: '', health: quick(`pg_isready -h 127.0.0.1 -U ${user} -d ${db}`) };
    }
    case 'mysql':
      return { env: { MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', MYSQL_DATABASE: db }, user: 'root', password: '', health: quick('mysqladmin ping -h 127.0.0.1 --silent') };
    case 'mariadb':
      return { env: { MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: '1', MARIADB_DATABASE: db }, user: 'root', password: '', health: quick('healthcheck.sh --connect --innodb_initialized') };
    case 'mongodb':
      return { env: { MONGO_INITDB_DATABASE: db }, user: '', password: '', health: quick(`mongosh --quiet --eval 'db.runCommand({ping:1}).ok'`) };
    case 'redis':
      return { env: {}, user: '', password: '', health: quick('redis-cli ping') };
    case 'rabbitmq':
      // The image's default `guest` account, allowed in from outside the container (the runner).
      return { env: { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-rabbit loopback_users []' }, user: 'guest', password: 'guest', health: { cmd: 'rabbitmq-diagnostics -q ping', interval: '10s', retries: 12, startPeriod: '30s' } };
    case 's3':
      // Without keys the server configures no identity and checks no signature, so any key pair
      // signs in: the steps get a fixed, obviously throwaway one. The image's default command
      // creates the bucket (the Dockerfile's CMD is chosen so that service containers need no arguments).
      return { env: { S3_BUCKET: resource.s3?.bucket ?? '' }, user: CI_S3_KEY, password: CI_S3_KEY, health: quick(`curl -fsS -o /dev/null http://127.0.0.1:${resource.port}/healthz`) };
    case 'container':
      // Its variables as written; stackc knows no command that checks an unknown image's health,
      // so the runner starts the steps once the container has started.
      return { env: Object.fromEntries((resource.container?.environment ?? []).map((v) => [v.name, 'value' in v ? v.value : ciContainerSecret(v.secretOutput)])), user: '', password: '' };
  }
}

/** A backing service the test job starts, and how the steps reach it on the runner. */
export interface CiResource {
  resource: DeployedResource;
  hostPort: number;
  container: ServiceContainer;
  user: string;
  password: string;
}

/**
 * The service containers, in `ci.services` order, each on its own port of the runner.
 * @param environment where CI takes the backing services from: CI is an environment of its own, so
 * it starts them as the default environment declares them
 */
export function ciResources(ci: Ci, environment: DeployedEnvironment, report: Report): CiResource[] {
  const used = new Set<number>();
  return ci.services.flatMap((name, i) => {
    const resource = environment.resource(name);
    if (!resource) return [];
    let hostPort = resource.port;
    while (used.has(hostPort)) hostPort += 1;
    used.add(hostPort);
    if (hostPort !== resource.port) {
      report({ severity: 'info', code: 'github-actions/ci-port', message: `\`${name}\` listens on port ${resource.port} of the runner, which another CI service uses; it gets ${hostPort}`, path: [...ci.path, 'services', i] });
    }
    const c = containerFor(resource);
    const h = c.health;
    const env = Object.fromEntries(Object.entries(c.env).filter(([, v]) => v !== ''));
    return [{
      resource,
      hostPort,
      user: c.user,
      password: c.password,
      container: {
        image: resource.image,
        ...(Object.keys(env).length ? { env } : {}),
        ports: [`${hostPort}:${resource.port}`],
        ...(h ? { options: `--health-cmd "${h.cmd}" --health-interval ${h.interval} --health-timeout 5s --health-retries ${h.retries} --health-start-period ${h.startPeriod}` } : {}),
      },
    }];
  });
}
