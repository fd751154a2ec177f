import { RESOURCE_TYPES, type ResourceType } from '../../model/resource-types.js';
import type { DataPath } from '../../model/stack.js';
import { listText } from '../../emit/text.js';
import { defineRule } from '../rule.js';
import { statefulImage } from './support/stateful-images.js';

interface Found {
  at: DataPath;
  key: boolean;
  envs: string[];
  message: (envs: string) => string;
  hint: string;
}

const note = (found: Map<string, Found>, at: DataPath, key: boolean, env: string, message: (envs: string) => string, hint: string, id: string): void => {
  const k = `${JSON.stringify(at)}\0${id}`;
  const entry = found.get(k) ?? { at, key, envs: [], message, hint };
  if (!entry.envs.includes(env)) entry.envs.push(env);
  found.set(k, entry);
};

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
  // Findings are collected per position and reported once, by `check`, naming every environment they apply to.
  state: (ctx) => ({
    kubernetes: new Set(ctx.stack.targets.find((t) => t.name === 'kubernetes')?.environments ?? []),
    types: new Set<string>(ctx.options.types),
    found: new Map<string, Found>(),
  }),
  container(ctx, { service, environment }) {
    if (environment.role === 'development' || !service.image || service.build || service.volumes.length > 0) return;
    const db = statefulImage(service.image);
    if (!db) return;
    const at = service.origins.image ?? [...service.path, 'image'];
    const volume = `volumes: ["${service.name}-data:${db.dataPath}"]`;
    note(
      ctx.state.found,
      at,
      false,
      environment.name,
      (envs) => `\`${service.name}\` runs ${db.name} (\`${service.image}\`) without a volume in ${envs}: its data is lost whenever the container is recreated`,
      db.resource
        ? `declare it as a resource instead (\`resources: { ${service.name}: { type: ${db.resource}, storage: 10Gi } }\` gets a volume, a healthcheck and credentials), or mount a named volume: \`${volume}\``
        : db.containerPort !== undefined
          ? `declare it as a container resource (\`resources: { ${service.name}: { type: container, image: ${service.image}, port: ${db.containerPort}, volume: ${db.dataPath}, storage: 10Gi } }\`), or mount a named volume: \`${volume}\``
          : `mount a named volume at its data directory: \`${volume}\``,
      `service:${db.name}:${service.image}`,
    );
  },
  resource(ctx, { resource, environment }) {
    const env = environment.name;
    if (environment.role === 'development' || !ctx.state.kubernetes.has(env)) return;
    if (resource.external || resource.origins.storage || !ctx.state.types.has(resource.type)) return;
    // A container resource without `volume` keeps nothing: `storage` has no use there.
    if (resource.type === 'container' && resource.container?.volume === undefined) return;
    note(
      ctx.state.found,
      resource.path,
      true,
      env,
      (envs) => `\`${resource.name}\` (${resource.type}) has no \`storage\`: its Kubernetes volume in ${envs} gets the default ${resource.storage}, which a StatefulSet cannot grow later without manual work`,
      `set \`storage:\` to what the data will need, e.g. \`storage: 20Gi\` (per environment if they differ: \`environments: { ${env}: { storage: 50Gi } }\`)`,
      'resource',
    );
  },
  check(ctx) {
    for (const { at, key, envs, message, hint } of ctx.state.found.values()) {
      ctx.report({ message: message(listText(envs.map((e) => `\`${e}\``))), at: { path: at, ...(key ? { key: true } : {}) }, hint });
    }
  },
});
