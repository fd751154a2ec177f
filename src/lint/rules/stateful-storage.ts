import { isDevelopment } from '../../model/environment-kind.js';
import { RESOURCE_TYPES, type ResourceType } from '../../model/resource-types.js';
import type { DataPath } from '../../model/stack.js';
import { listText } from '../../emit/text.js';
import { defineRule } from '../rule.js';

export interface StatefulImage {
  /** What it is, for messages: `postgres`. */
  name: string;
  /** Where the official image keeps its data. */
  dataPath: string;
  /** The stackc resource type that replaces it, when there is one. */
  resource?: ResourceType;
}

// Images that keep data on their own disk, by repository name (the last path component, so
// `bitnami/postgresql` and `docker.io/library/postgres` both match). Caches (redis, memcached) are
// left out: running one without a volume is usually the point.
const STATEFUL: Record<string, StatefulImage> = {};
const add = (names: string[], info: StatefulImage) => names.forEach((n) => (STATEFUL[n] = info));
add(['postgres', 'postgresql', 'postgis', 'timescaledb', 'timescaledb-ha'], { name: 'postgres', dataPath: '/var/lib/postgresql/data', resource: 'postgres' });
add(['mysql', 'percona', 'percona-server'], { name: 'mysql', dataPath: '/var/lib/mysql', resource: 'mysql' });
add(['mariadb'], { name: 'mariadb', dataPath: '/var/lib/mysql', resource: 'mariadb' });
add(['mongo', 'mongodb', 'mongodb-community-server'], { name: 'mongodb', dataPath: '/data/db', resource: 'mongodb' });
add(['rabbitmq'], { name: 'rabbitmq', dataPath: '/var/lib/rabbitmq', resource: 'rabbitmq' });
add(['elasticsearch'], { name: 'elasticsearch', dataPath: '/usr/share/elasticsearch/data' });
add(['opensearch'], { name: 'opensearch', dataPath: '/usr/share/opensearch/data' });
add(['minio'], { name: 'minio', dataPath: '/data' });
add(['clickhouse-server', 'clickhouse'], { name: 'clickhouse', dataPath: '/var/lib/clickhouse' });
add(['cassandra'], { name: 'cassandra', dataPath: '/var/lib/cassandra' });
add(['neo4j'], { name: 'neo4j', dataPath: '/data' });
add(['influxdb'], { name: 'influxdb', dataPath: '/var/lib/influxdb2' });
add(['couchdb'], { name: 'couchdb', dataPath: '/opt/couchdb/data' });

/** The database (or other data store) an image reference runs, if it is a well-known one. */
export function statefulImage(image: string): StatefulImage | undefined {
  const withoutDigest = image.split('@')[0]!;
  const parts = withoutDigest.split('/');
  const last = parts[parts.length - 1]!;
  const repo = last.split(':')[0]!.toLowerCase();
  return Object.hasOwn(STATEFUL, repo) ? STATEFUL[repo] : undefined;
}

const DATABASES: readonly ResourceType[] = ['postgres', 'mysql', 'mariadb', 'mongodb'];

export default defineRule({
  meta: {
    id: 'stateful-storage',
    description: 'Data outlives containers outside development: databases run from an image mount a volume, and database resources deployed to Kubernetes say how much `storage` they need.',
    category: 'reliability',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: [
        'A database container without a volume keeps its data in the container\'s writable layer, which every deploy, image update or rescheduled pod throws away. stackc\'s `resources` always get a named volume (Compose) or a StatefulSet volume claim (Kubernetes), but a database run as a plain service from its image gets nothing unless `volumes` says so.',
        '',
        'For resources the danger is quieter: without `storage` the Kubernetes volume claim asks for the default 1Gi, which a production database outgrows, and a StatefulSet\'s claim cannot be grown by editing stack.yaml afterwards (the PVC has to be resized by hand, if its storage class allows it at all).',
      ].join('\n'),
      fix: [
        '- Prefer a resource over a hand-run database service: `resources: { db: { type: postgres } }` gets a volume, a healthcheck and generated credentials on every target. Otherwise mount a named volume at the image\'s data directory (`/var/lib/postgresql/data` for postgres, `/var/lib/mysql` for mysql and mariadb, `/data/db` for mongo).',
        '- Give database resources an explicit `storage` sized for the data (`storage: 20Gi`), per environment if they differ (`environments: { production: { storage: 100Gi } }`). Resources that are `external` (a managed database) need none.',
        '',
        'Development environments are exempt: losing a laptop database is a feature. Caches run from an image (redis, memcached) are not reported; the option `types` chooses which resource types need `storage` (redis and rabbitmq keep data too, add them if you rely on it).',
      ].join('\n'),
      bad: 'services:\n  pg:\n    image: postgres:17\nresources:\n  db: { type: postgres }\ntargets:\n  kubernetes: { environments: [production] }',
      good: 'services:\n  pg:\n    image: postgres:17\n    volumes: ["pg-data:/var/lib/postgresql/data"]\nresources:\n  db: { type: postgres, storage: 20Gi }\ntargets:\n  kubernetes: { environments: [production] }',
      whenOff: 'For stacks whose non-development environments are throwaway (preview environments seeded on every start).',
    },
    peers: ['kube-score statefulset-has-servicename'],
    options: {
      types: { type: 'string[]', default: DATABASES, description: `Resource types whose \`storage\` must be written when Kubernetes provisions them (${RESOURCE_TYPES.join(', ')}).` },
    },
  },
  check(ctx) {
    const kubernetes = new Set(ctx.stack.targets.find((t) => t.name === 'kubernetes')?.environments ?? []);
    const types = new Set(ctx.options.types);
    // Findings are collected per position and reported once, naming every environment they apply to.
    const found = new Map<string, { at: DataPath; key: boolean; envs: string[]; message: (envs: string) => string; hint: string }>();
    const note = (at: DataPath, key: boolean, env: string, message: (envs: string) => string, hint: string, id: string) => {
      const k = `${JSON.stringify(at)}\0${id}`;
      const entry = found.get(k) ?? { at, key, envs: [], message, hint };
      if (!entry.envs.includes(env)) entry.envs.push(env);
      found.set(k, entry);
    };

    for (const { environment, services } of ctx.environments()) {
      if (isDevelopment(environment.name)) continue;
      const env = environment.name;
      for (const service of services) {
        if (service.kind !== 'container' || !service.image || service.build || service.volumes.length > 0) continue;
        const db = statefulImage(service.image);
        if (!db) continue;
        const at = service.origins.image ?? [...service.path, 'image'];
        const volume = `volumes: ["${service.name}-data:${db.dataPath}"]`;
        note(
          at,
          false,
          env,
          (envs) => `\`${service.name}\` runs ${db.name} (\`${service.image}\`) without a volume in ${envs}: its data is lost whenever the container is recreated`,
          db.resource
            ? `declare it as a resource instead (\`resources: { ${service.name}: { type: ${db.resource}, storage: 10Gi } }\` gets a volume, a healthcheck and credentials), or mount a named volume: \`${volume}\``
            : `mount a named volume at its data directory: \`${volume}\``,
          `service:${db.name}:${service.image}`,
        );
      }
      if (!kubernetes.has(env)) continue;
      for (const resource of ctx.stack.views.get(env)!.resources) {
        if (resource.external || resource.origins.storage || !types.has(resource.type)) continue;
        note(
          resource.path,
          true,
          env,
          (envs) => `\`${resource.name}\` (${resource.type}) has no \`storage\`: its Kubernetes volume in ${envs} gets the default ${resource.storage}, which a StatefulSet cannot grow later without manual work`,
          `set \`storage:\` to what the data will need, e.g. \`storage: 20Gi\` (per environment if they differ: \`environments: { ${env}: { storage: 50Gi } }\`)`,
          'resource',
        );
      }
    }
    for (const { at, key, envs, message, hint } of found.values()) {
      ctx.report({ message: message(listText(envs.map((e) => `\`${e}\``))), at: { path: at, ...(key ? { key: true } : {}) }, hint });
    }
  },
});
