// fast-check arbitraries for valid stack.yaml documents across the schema: container services built
// or pulled, static sites, every backing-service type, environments with overrides, CI, and every
// built-in target with environment and service filters. Each generated document is valid by
// construction (the property tests assert the loader agrees), so a failure is a stackc bug.
import fc from 'fast-check';
import { stringify } from 'yaml';

export const RESOURCE_TYPES = ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'rabbitmq'] as const;
const ENVIRONMENTS = ['development', 'staging', 'production', 'preview'] as const;
const SERVICE_NAMES = ['api', 'worker', 'web', 'admin', 'jobs', 'docs', 'gateway'] as const;
const RESOURCE_NAMES = ['db', 'cache', 'queue', 'store', 'search'] as const;
const IMAGES = ['nginx:1.27', 'ghcr.io/acme/api:1.4.2', 'redis:7.4', 'python:3.12-slim', 'node:20-alpine', 'registry.example:5000/team/app', 'busybox'] as const;
const FRAMEWORKS = ['vite', 'nextjs', 'nuxtjs', 'sveltekit', 'astro', 'remix', 'gatsby', 'angular', 'create-react-app', 'vue', 'static'] as const;
const SECRET_NAMES = ['SECRET_KEY', 'API_TOKEN', 'STRIPE_SECRET_KEY', 'SENTRY_DSN', 'SMTP_PASSWORD', 'JWT_SECRET'] as const;
const ENV_NAMES = ['LOG_LEVEL', 'PORT', 'FEATURE_FLAG', 'APP_URL', 'DATABASE_URL', 'REDIS_URL', 'REGION', 'WORKERS'] as const;

type Data = Record<string, unknown>;

/** A secret value a user might keep in `.env` or the shell: long, random, and unmistakable in output. */
export const secretValue = fc
  .tuple(fc.constantFrom('sk_live_', 'ghp_', 'xoxb-', 'pw-', ''), fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'), minLength: 24, maxLength: 40 }))
  .map(([prefix, body]) => `${prefix}${body}`);

const subset = <T>(items: readonly T[], min = 0) => fc.subarray([...items], { minLength: Math.min(min, items.length) });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const duration = fc.constantFrom('5s', '30s', '1m', '1m30s', '500ms', '2h');
const cpu = fc.oneof(fc.constantFrom('250m', '500m', '1', '2', '0.5'), fc.constantFrom(0.25, 1, 2));
const memory = fc.constantFrom('128Mi', '256Mi', '512Mi', '1Gi', '2G');

/** Drops keys whose value is `undefined`, so the YAML shows only what was generated. */
const compact = (o: Data): Data => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export interface StackShape {
  data: Data;
  environments: string[];
  services: { name: string; kind: 'image' | 'build' | 'static' }[];
  resources: { name: string; type: (typeof RESOURCE_TYPES)[number] }[];
  /** Secret names some service declares (their values must never reach an artifact). */
  secrets: string[];
}

function envValue(resources: readonly string[], services: readonly string[]): fc.Arbitrary<string | number | boolean> {
  const refs: fc.Arbitrary<string>[] = [fc.constantFrom('${environment.name}', 'https://${environment.domain}/app', 'info', 'eu-west-1', 'a value with spaces and "quotes"', 'mot-clé ✓', '$${NOT_A_REFERENCE}')];
  if (resources.length) refs.push(fc.constantFrom(...resources).chain((r) => fc.constantFrom(`\${resources.${r}.url}`, `url=\${resources.${r}.url}`)));
  if (services.length) refs.push(fc.constantFrom(...services).map((s) => `http://\${services.${s}.host}/`));
  return fc.oneof(fc.oneof(...refs), fc.integer({ min: 0, max: 65535 }), fc.boolean());
}

function containerService(
  name: string,
  kind: 'image' | 'build',
  index: number,
  environments: readonly string[],
  dependencies: readonly string[],
  resources: readonly string[],
  services: readonly string[],
): fc.Arbitrary<Data> {
  const port = 3000 + index * 10; // distinct per service, so host ports never clash
  const envKeys = subset(ENV_NAMES);
  return fc
    .record({
      image: kind === 'image' ? fc.constantFrom(...IMAGES) : maybe(fc.constant(`ghcr.io/acme/${name}`)),
      build: kind === 'build' ? fc.oneof(fc.constant(`./${name}`), fc.record({ context: fc.constant(`./${name}`), dockerfile: maybe(fc.constant('Dockerfile.prod')), target: maybe(fc.constant('runtime')), args: maybe(fc.constant({ NODE_ENV: 'production', VERSION: 2 })) }).map(compact)) : fc.constant(undefined),
      command: maybe(fc.oneof(fc.constant(['node', 'server.js', '--port', String(port)]), fc.constant(`exec gunicorn app:app -b 0.0.0.0:${port}`))),
      entrypoint: maybe(fc.constant(['/docker-entrypoint.sh'])),
      release: maybe(fc.constant(['npm', 'run', 'migrate'])),
      ports: maybe(fc.constantFrom<unknown[]>([port], [`${port}`], [`${port + 1}:${port}`], [{ port, name: 'web' }], [port, { port: port + 5, publish: false }], [port, `${port + 2}/udp`])),
      env: envKeys.chain((keys) => fc.tuple(...keys.map(() => envValue(resources, services))).map((values) => (keys.length ? Object.fromEntries(keys.map((k, i) => [k, values[i]])) : undefined))),
      secrets: subset(SECRET_NAMES).map((s) => (s.length ? s : undefined)),
      healthcheck: maybe(
        fc.oneof(
          fc.record({ http: fc.constantFrom('/health', '/healthz'), interval: maybe(duration), timeout: maybe(fc.constantFrom('3s', '5s')), retries: maybe(fc.integer({ min: 1, max: 10 })), start_period: maybe(duration) }).map(compact),
          fc.record({ command: fc.constantFrom<unknown>(['curl', '-f', 'http://localhost/'], 'pg_isready || exit 1'), interval: maybe(duration) }).map(compact),
          fc.constant({ tcp: port }),
          fc.constant({ disable: true, reason: 'a batch job with nothing to probe' }),
        ),
      ),
      user: maybe(fc.constantFrom<unknown>(1000, '1000:1000', 'app', 'node:node', 0)),
      read_only: maybe(fc.boolean()),
      resources: maybe(fc.record({ cpu: maybe(cpu), memory: maybe(memory) }).map(compact)),
      replicas: maybe(fc.integer({ min: 1, max: 5 })),
      autoscale: maybe(fc.record({ max: fc.integer({ min: 5, max: 20 }), cpu: maybe(fc.integer({ min: 10, max: 95 })) }).map(compact)),
      restart: maybe(fc.constantFrom('always', 'unless-stopped', 'on-failure', 'no')),
      stop_signal: maybe(fc.constantFrom('SIGTERM', 'SIGQUIT', 'SIGHUP')),
      stop_grace_period: maybe(fc.constantFrom('10s', '1m30s', '500ms', '6m')),
      drain_period: maybe(fc.constantFrom('5s', '45s')),
      // Not canary or blue-green: Fly refuses them with a volume or without checks (fly/deploy-strategy).
      rollout: maybe(fc.constantFrom<unknown>('recreate', 'rolling', { strategy: 'rolling', max_surge: 1, max_unavailable: 0 }, { strategy: 'rolling', max_surge: '50%', max_unavailable: '25%' })),
      volumes: maybe(fc.constantFrom<unknown[]>([`${name}-data:/data`], [{ name: `${name}-data`, path: '/var/lib/data', size: '2Gi' }], [`./${name}/config:/etc/app:ro`], [{ source: `./${name}/static`, path: '/srv', readonly: true }])),
      depends_on: dependencies.length ? maybe(subset(dependencies, 1)) : fc.constant(undefined),
      labels: maybe(fc.constant({ team: 'checkout', 'example.com/tier': 'backend' })),
      environments: environments.length > 1 ? maybe(subset(environments.slice(1), 1).chain((envs) => fc.tuple(...envs.map(() => override(port))).map((os) => Object.fromEntries(envs.map((e, i) => [e, os[i]]))))) : fc.constant(undefined),
    })
    .map(compact)
    // A port probe needs a port: without ports, probe by command (an http probe would have nothing to probe).
    .map((s) => (((s.healthcheck as Data | undefined)?.tcp ?? (s.healthcheck as Data | undefined)?.http) !== undefined && !s.ports ? { ...s, healthcheck: { command: ['curl', '-f', 'http://localhost/'] } } : s));
}

function override(port: number): fc.Arbitrary<Data> {
  return fc
    .record({
      replicas: maybe(fc.integer({ min: 1, max: 4 })),
      env: maybe(fc.constantFrom<unknown>({ LOG_LEVEL: 'debug' }, { LOG_LEVEL: null }, { EXTRA: 'yes', WORKERS: 4 })),
      command: maybe(fc.constant(['node', 'server.js', '--watch', '--port', String(port)])),
      read_only: maybe(fc.boolean()),
      resources: maybe(fc.constant({ memory: '1Gi' })),
      restart: maybe(fc.constant('always')),
    })
    .map(compact);
}

/** The first static site may take the domain's root (with or without `public`); the others need a host of their own. */
function staticService(name: string, services: readonly string[], first: boolean): fc.Arbitrary<Data> {
  return fc
    .record({
      static: fc.record({ root: fc.constant(`./${name}`), framework: maybe(fc.constantFrom(...FRAMEWORKS)), build: maybe(fc.constant('npm run build')), output: maybe(fc.constantFrom('dist', 'build', 'out')), node: maybe(fc.constantFrom('20', '22', 18)) }).map(compact),
      public: first ? maybe(fc.constant(true)) : fc.constant({ host: `${name}.\${environment.domain}` }),
      env: maybe(fc.constantFrom(...services.map((s) => ({ VITE_API_URL: `http://\${services.${s}.host}/` })), { VITE_ENV: '${environment.name}' })),
    })
    .map(compact);
}

function resource(type: (typeof RESOURCE_TYPES)[number], environments: readonly string[]): fc.Arbitrary<Data> {
  return fc
    .record({
      type: fc.constant(type),
      version: maybe(fc.constantFrom('16', '8.4', 7, '11.4')),
      storage: maybe(fc.constantFrom('1Gi', '10Gi', '500Mi')),
      database: ['postgres', 'mysql', 'mariadb', 'mongodb'].includes(type) ? maybe(fc.constant('app_data')) : fc.constant(undefined),
      environments: environments.length > 1 ? maybe(fc.constantFrom(...environments.slice(1)).map((e) => ({ [e]: { external: true } }))) : fc.constant(undefined),
    })
    .map(compact);
}

function targets(environments: readonly string[], services: StackShape['services']): fc.Arbitrary<Data> {
  const containers = services.filter((s) => s.kind !== 'static').map((s) => s.name);
  const statics = services.filter((s) => s.kind === 'static').map((s) => s.name);
  const all = services.map((s) => s.name);
  const envFilter = maybe(subset(environments, 1));
  const filters = (names: readonly string[]) => fc.record({ environments: envFilter, services: names.length ? maybe(subset(names, 1)) : fc.constant(undefined) }).map(compact);
  return fc
    .record({
      compose: maybe(filters(all)),
      kubernetes: maybe(fc.tuple(filters(all), fc.record({ namespace: maybe(fc.constant('shop')), ingress: maybe(fc.constantFrom({ class: 'nginx', tls: true }, { class: 'nginx' }, { tls: true, issuer: 'letsencrypt' })) }).map(compact)).map(([f, o]) => ({ ...f, ...o }))),
      fly: containers.length ? maybe(fc.tuple(filters(containers), fc.record({ region: maybe(fc.constantFrom('fra', 'iad')), prefix: maybe(fc.constant('acme')) }).map(compact)).map(([f, o]) => ({ ...f, services: f.services ?? containers, ...o }))) : fc.constant(undefined),
      railway: containers.length ? maybe(filters(containers).map((f) => ({ ...f, services: f.services ?? containers }))) : fc.constant(undefined),
      vercel: statics.length ? maybe(fc.tuple(filters(statics), fc.record({ clean_urls: maybe(fc.boolean()), spa: maybe(fc.boolean()), security_headers: maybe(fc.boolean()), regions: maybe(fc.constant(['fra1'])) }).map(compact)).map(([f, o]) => ({ ...f, services: f.services ?? statics, ...o }))) : fc.constant(undefined),
      'github-actions': maybe(fc.record({ environments: envFilter, registry: maybe(fc.constant('ghcr.io/acme')) }).map(compact)),
    })
    .map(compact);
}

/** A valid stack, as data plus what the properties need to know about it. */
export const stackShape: fc.Arbitrary<StackShape> = fc
  .record({
    name: fc.constantFrom('shop', 'invoicely', 'a', 'x-1', 'pazpaz'),
    environments: fc.uniqueArray(fc.constantFrom(...ENVIRONMENTS), { minLength: 0, maxLength: 3 }),
    serviceKinds: fc.uniqueArray(fc.tuple(fc.constantFrom(...SERVICE_NAMES), fc.constantFrom('image' as const, 'build' as const, 'static' as const)), { minLength: 1, maxLength: 4, selector: ([n]) => n }),
    resources: fc.uniqueArray(fc.tuple(fc.constantFrom(...RESOURCE_NAMES), fc.constantFrom(...RESOURCE_TYPES)), { minLength: 0, maxLength: 3, selector: ([n]) => n }),
  })
  .chain(({ name, environments, serviceKinds, resources }) => {
    const envNames = environments.length ? environments : ['development'];
    const services = serviceKinds.map(([n, kind]) => ({ name: n, kind }));
    const containerNames = services.filter((s) => s.kind !== 'static').map((s) => s.name);
    const resourceNames = resources.map(([n]) => n);
    const serviceArbs = services.map((s, i) => {
      // Depend on (and reach by host) only earlier containers and resources: a reference by host is a
      // dependency too, so no cycles; no dependency on a static site.
      const earlier = services.slice(0, i).filter((x) => x.kind !== 'static').map((x) => x.name);
      const firstStatic = services.findIndex((x) => x.kind === 'static') === i;
      return s.kind === 'static' ? staticService(s.name, containerNames, firstStatic) : containerService(s.name, s.kind, i, envNames, [...earlier, ...resourceNames], resourceNames, earlier);
    });
    return fc
      .record({
        description: maybe(fc.constantFrom('A shop', 'Ünïcödé — “quotes” & <tags>', 'multi\nline')),
        environments: environments.length
          ? fc.tuple(...environments.map((e, i) => fc.record({ domain: i === 0 ? fc.constant(undefined) : maybe(fc.constant(`${e}.shop.example`)), branch: maybe(fc.constantFrom('main', 'develop')), tags: maybe(fc.constant('v*')), approval: maybe(fc.boolean()) }).map(compact))).map((vs) => Object.fromEntries(environments.map((e, i) => [e, vs[i]])))
          : fc.constant(undefined),
        services: fc.tuple(...serviceArbs).map((vs) => Object.fromEntries(services.map((s, i) => [s.name, vs[i]]))),
        resources: resources.length ? fc.tuple(...resources.map(([, t]) => resource(t, envNames))).map((vs) => Object.fromEntries(resources.map(([n], i) => [n, vs[i]]))) : fc.constant(undefined),
        ci: maybe(fc.record({ runtime: maybe(fc.constantFrom({ node: '20' }, { python: '3.12', node: 22 }, { go: '1.22' }, { java: '21', ruby: '3.3', bun: '1' })), steps: maybe(fc.constant({ install: 'npm ci', lint: 'npm run lint', test: 'npm test -- --ci' })), services: resourceNames.length ? maybe(subset(resourceNames, 1)) : fc.constant(undefined) }).map(compact)),
        targets: targets(envNames, services),
      })
      .map((rest) => {
        const data = compact({ stack: 1, name, ...rest });
        const secrets = [...new Set(Object.values(data.services as Record<string, Data>).flatMap((s) => (s.secrets as string[] | undefined) ?? []))];
        return { data, environments: envNames, services, resources: resources.map(([n, type]) => ({ name: n, type })), secrets };
      });
  });

/** The stack as a user would write it. */
export const toYaml = (data: unknown): string => stringify(data, { lineWidth: 0 });

/**
 * The same stack with the maps whose order means nothing shuffled: env, labels, secrets-free maps,
 * resources, targets, build args, step-free sections. Declaration order of services, environments
 * and CI steps is meaningful (first environment is the default; steps run in order) and is kept.
 */
export function reorderUnorderedMaps(data: Data, seed: number): Data {
  let state = seed >>> 0 || 1;
  const rand = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const shuffle = (o: Data): Data => {
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    return Object.fromEntries(keys.map((k) => [k, o[k]]));
  };
  const deep = (value: unknown, keepOrder: boolean): unknown => {
    if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
    const o = value as Data;
    const inner = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, deep(v, ORDERED_KEYS.has(k))]));
    return keepOrder ? inner : shuffle(inner);
  };
  // Top level: the keys of a document are not ordered, but environments/services/steps keep their own order.
  return deep(data, false) as Data;
}

/** Maps whose declaration order stackc keeps on purpose (docs/architecture.md: "declaration order in stack.yaml is kept"). */
const ORDERED_KEYS = new Set(['environments', 'services', 'resources', 'targets', 'steps', 'runtime', 'env', 'labels', 'args']);
