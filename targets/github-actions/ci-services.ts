// `ci.services` as service containers of the test job: the pinned official image, a health check
// the runner waits for before the first step, the port published on the runner, and the variables
// the steps read (`DATABASE_URL` pointing at localhost). No password exists anywhere: each database
// is started in its image's password-less mode, which is safe on a throwaway CI runner and leaves
// nothing secret-looking in the repository.
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Resource, Stack } from '../../src/model/stack.js';
import type { Reference } from '../../src/model/template.js';
import type { Report } from '../../src/emit/target.js';
import type { ServiceContainer } from './workflow.js';

interface Health {
  cmd: string;
  interval: string;
  retries: number;
  startPeriod: string;
}

/** How each image starts without a password, who connects, and how its health is checked. */
function containerFor(resource: Resource): { env: Record<string, string>; user: string; password: string; health: Health } {
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
  }
}

export interface CiResource {
  resource: Resource;
  hostPort: number;
  container: ServiceContainer;
  user: string;
  password: string;
}

/** The service containers, in `ci.services` order, each on its own port of the runner. */
export function ciResources(stack: Stack, report: Report): CiResource[] {
  const ci = stack.ci;
  if (!ci) return [];
  // CI is an environment of its own; resources are taken as the default environment declares them.
  const view = stack.views.get(stack.environments[0]!.name)!;
  const used = new Set<number>();
  return ci.services.flatMap((name, i) => {
    const resource = view.resources.find((r) => r.name === name);
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
        options: `--health-cmd "${h.cmd}" --health-interval ${h.interval} --health-timeout 5s --health-retries ${h.retries} --health-start-period ${h.startPeriod}`,
      },
    }];
  });
}

/** A resource's connection URL on the runner: `postgresql://shop@localhost:5432/shop`. */
export function ciUrl(r: CiResource): string {
  const kind = RESOURCE_KINDS[r.resource.type];
  const auth = r.user ? `${r.user}${r.password ? `:${r.password}` : ''}@` : '';
  const database = kind.hasDatabase ? `/${r.resource.database ?? ''}` : '';
  return `${kind.scheme}://${auth}localhost:${r.hostPort}${database}`;
}

function ciOutput(r: CiResource, key: string): string {
  switch (key) {
    case 'host':
      return 'localhost';
    case 'port':
      return String(r.hostPort);
    case 'user':
      return r.user;
    case 'password':
      return r.password;
    case 'database':
      return r.resource.database ?? '';
    default:
      return ciUrl(r);
  }
}

/**
 * Variables the steps need: every env variable of a container service whose value refers to a
 * CI service (`DATABASE_URL: ${resources.db.url}`), resolved for the runner. Variables that also
 * refer to anything else (other services, resources CI does not start) are left out.
 */
export function ciVariables(stack: Stack, resources: readonly CiResource[], report: Report): Record<string, string> {
  const byName = new Map(resources.map((r) => [r.resource.name, r]));
  const view = stack.views.get(stack.environments[0]!.name)!;
  const out: Record<string, string> = {};
  for (const service of view.services) {
    for (const variable of service.env) {
      const refs = variable.value.parts.filter((p): p is Reference => typeof p !== 'string');
      if (!refs.length || !refs.every((r) => r.root === 'resources' && byName.has(r.name))) continue;
      const value = variable.value.parts.map((p) => (typeof p === 'string' ? p : ciOutput(byName.get(p.name)!, p.key))).join('');
      if (out[variable.name] === undefined) out[variable.name] = value;
      else if (out[variable.name] !== value) {
        report({
          severity: 'warning',
          code: 'github-actions/ci-variable',
          message: `\`${variable.name}\` of \`${service.name}\` points at a different CI service than an earlier service's \`${variable.name}\`; the test job sets the first one`,
          path: variable.path,
        });
      }
    }
  }
  return out;
}
