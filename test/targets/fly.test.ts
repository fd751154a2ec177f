import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import type { Artifact, BuildProblem, EmitContext } from '../../src/build/target.js';
import { loadStackFile, loadStackText } from '../../src/load/load-stack.js';
import type { Stack } from '../../src/model/stack.js';
import fly from '../../targets/fly/index.js';
import { relativeFrom } from '../../targets/fly/layout.js';
import { shellJoin } from '../../src/build/text.js';
import { memoryText, vmFor } from '../../targets/fly/vm.js';
import { root } from '../helpers.js';
import { emitContext, allServices } from './context.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** SchemaStore's fly.json (a community schema; see the notes where it lags flyctl). */
let validator: ValidateFunction | undefined;
function flySchemaProblems(document: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('../schemas/schemastore/fly.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    validator = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(schema);
  }
  return validator(document) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

interface FlyToml {
  app: string;
  primary_region?: string;
  experimental?: { entrypoint?: string[] };
  build?: { dockerfile?: string; image?: string; 'build-target'?: string; args?: Record<string, string> };
  deploy?: { release_command?: string };
  env?: Record<string, string>;
  processes?: Record<string, string>;
  mounts?: { source: string; destination: string; initial_size?: string }[];
  http_service?: {
    internal_port: number;
    force_https: boolean;
    auto_stop_machines: string;
    auto_start_machines: boolean;
    min_machines_running: number;
    checks?: Record<string, unknown>[];
  };
  services?: { protocol: string; internal_port: number; min_machines_running: number; ports: { port: number; handlers?: string[] }[]; http_checks?: Record<string, unknown>[]; tcp_checks?: Record<string, unknown>[] }[];
  checks?: Record<string, Record<string, unknown>>;
  restart?: { policy: string }[];
  vm?: { cpu_kind: string; cpus: number; memory: string }[];
}

interface Emitted {
  artifacts: Artifact[];
  problems: BuildProblem[];
  file(path: string): string;
  toml(path: string): FlyToml;
}


/** Emits with the stack's own `targets.fly`, or (when it has none) for every service and environment. */
function emit(stack: Stack, overrides: Partial<EmitContext> = {}): Emitted {
  const ctx = emitContext(stack, 'fly', overrides);
  const { problems } = ctx;
  const artifacts = fly.emit(stack, ctx);
  const file = (path: string) => {
    const a = artifacts.find((x) => x.path === path);
    if (!a) throw new Error(`no artifact ${path}; have ${artifacts.map((x) => x.path).join(', ')}`);
    return a.content;
  };
  return { artifacts, problems, file, toml: (path) => parseToml(file(path)) as unknown as FlyToml };
}

function load(text: string): Stack {
  const result = loadStackText(text, { file: 'stack.yaml', root: '/p' });
  if (!result.stack) throw new Error(result.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.message}`).join('\n'));
  return result.stack;
}

const fixture = (name: string): Stack => {
  const { stack, diagnostics } = loadStackFile(`${root}fixtures/${name}/stack.yaml`);
  if (!stack) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return stack;
};

const has = (problems: BuildProblem[], code: string, path?: readonly (string | number)[]) =>
  problems.some((p) => p.code === code && (!path || JSON.stringify(p.path) === JSON.stringify(path)));

/** The file without its comment lines: what flyctl reads. */
const data = (text: string): string => text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');

const FIXTURES = ['fullstack', 'saas', 'minimal', 'design-sketch'];

// ---------------------------------------------------------------------------------------------

describe('fly target: example stacks', () => {
  for (const name of FIXTURES) {
    const stack = fixture(name);
    const config = stack.targets.find((t) => t.name === 'fly');
    const label = config ? `its fly target (${config.environments.join(', ')})` : 'every container service and environment';

    it(`${name}: every fly.toml of ${label} parses and validates against SchemaStore's fly.json`, () => {
      const { artifacts, problems } = emit(stack);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(artifacts.length).toBeGreaterThan(0);
      for (const a of artifacts) {
        expect(a.target).toBe('fly');
        expect(a.environment).toBeDefined();
        expect(a.path).toMatch(/(^|\/)fly(\.[a-z0-9-]+)*\.toml$/);
        expect(a.content.startsWith('# Generated by stackc from stack.yaml.')).toBe(true);
        expect(a.content.endsWith('\n')).toBe(true);
        const doc = parseToml(a.content) as unknown as FlyToml;
        expect(flySchemaProblems(doc), a.path).toEqual([]);
        expect(doc.app).toMatch(/^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/);
        // Every value in [env] is a string (fly.json and flyctl take strings only).
        for (const v of Object.values(doc.env ?? {})) expect(typeof v).toBe('string');
      }
      // One file per deployed container service and environment, no two alike.
      expect(new Set(artifacts.map((a) => a.path)).size).toBe(artifacts.length);
      const expected = (config?.environments ?? stack.environments.map((e) => e.name)).flatMap((env) =>
        stack.views.get(env)!.services.filter((s) => s.kind === 'container' && (config?.services ?? allServices(stack)).includes(s.name)).map((s) => `${s.name}@${env}`),
      );
      expect(artifacts.map((a) => `${(parseToml(a.content) as unknown as FlyToml).app.split('-')[1]}@${a.environment}`)).toEqual(expected);
    });

    it(`${name}: emitting twice gives byte-identical files`, () => {
      expect(emit(fixture(name)).artifacts).toEqual(emit(stack).artifacts);
    });
  }

  it('fullstack: one file per environment in the build context, apps named per environment', () => {
    const e = emit(fixture('fullstack'));
    expect(e.artifacts.map((a) => a.path)).toEqual(['backend/fly.staging.toml', 'backend/fly.production.toml']);
    const staging = e.toml('backend/fly.staging.toml');
    expect(staging.app).toBe('pazpaz-api-staging');
    expect(staging.primary_region).toBe('fra');
    expect(staging.build).toEqual({ dockerfile: 'Dockerfile', 'build-target': 'runtime' });
    expect(staging.deploy).toEqual({ release_command: 'alembic upgrade head' });
    expect(staging.processes).toEqual({ app: 'uvicorn pazpaz.main:app --host 0.0.0.0 --port 8000' });
    expect(e.toml('backend/fly.production.toml').app).toBe('pazpaz-api-production');
    // The header says how to deploy it.
    expect(e.file('backend/fly.staging.toml')).toContain('#   cd backend && fly deploy -c fly.staging.toml\n');
  });

  it('fullstack: --env narrows what is built, not the file names', () => {
    const e = emit(fixture('fullstack'), { environments: ['production'] });
    expect(e.artifacts.map((a) => a.path)).toEqual(['backend/fly.production.toml']);
    expect(e.file('backend/fly.production.toml')).toBe(emit(fixture('fullstack')).file('backend/fly.production.toml'));
  });

  it('fullstack: services sharing a build context get their own files; the static site is skipped', () => {
    const stack = fixture('fullstack');
    const e = emit(stack, { services: ['api', 'worker', 'web'], environments: ['staging'] });
    expect(e.artifacts.map((a) => a.path)).toEqual(['backend/fly.api.staging.toml', 'backend/fly.worker.staging.toml']);
    expect(has(e.problems, 'fly/static-service', ['services', 'web'])).toBe(true);
    // A worker without ports has no proxy section, so nothing stops it: it restarts always.
    const worker = e.toml('backend/fly.worker.staging.toml');
    expect(worker.http_service).toBeUndefined();
    expect(worker.services).toBeUndefined();
    expect(worker.restart).toEqual([{ policy: 'always' }]);
    expect(has(e.problems, 'fly/command-healthcheck', ['services', 'worker', 'healthcheck'])).toBe(true);
  });

  it('fullstack: [http_service] from the public port, machines from replicas and autoscale', () => {
    const e = emit(fixture('fullstack'));
    const staging = e.toml('backend/fly.staging.toml');
    expect(staging.http_service).toMatchObject({ internal_port: 8000, force_https: true, auto_stop_machines: 'stop', auto_start_machines: true, min_machines_running: 2 });
    expect(e.file('backend/fly.staging.toml')).toContain('#   fly scale count 2 -a pazpaz-api-staging');
    // Production autoscales 3-10: at least 3 keep running, 10 Machines exist.
    const production = e.toml('backend/fly.production.toml');
    expect(production.http_service?.min_machines_running).toBe(3);
    expect(e.file('backend/fly.production.toml')).toContain('#   fly scale count 10 -a pazpaz-api-production');
    expect(has(e.problems, 'fly/autoscale', ['services', 'api', 'environments', 'production', 'autoscale'])).toBe(true);
    // The custom domain needs a certificate.
    expect(e.file('backend/fly.production.toml')).toContain('#   fly certs add api.pazpaz.example -a pazpaz-api-production');
  });

  it('fullstack: the http healthcheck is a service check with grace period, interval, timeout, method and path', () => {
    const e = emit(fixture('fullstack'));
    expect(e.toml('backend/fly.staging.toml').http_service?.checks).toEqual([{ grace_period: '40s', interval: '30s', timeout: '3s', method: 'GET', path: '/health' }]);
    expect(has(e.problems, 'fly/healthcheck-retries', ['services', 'api', 'healthcheck'])).toBe(true);
  });

  it('fullstack: the named volume is a mount sized in GB, one per Machine', () => {
    const e = emit(fixture('fullstack'));
    expect(e.toml('backend/fly.staging.toml').mounts).toEqual([{ source: 'uploads', destination: '/app/uploads', initial_size: '5gb' }]);
    expect(has(e.problems, 'fly/volume-per-machine', ['services', 'api', 'volumes', 0])).toBe(true);
    expect(has(e.problems, 'fly/release-volumes', ['services', 'api', 'release'])).toBe(true);
  });

  it('fullstack: cpu/memory become a Fly Machine size, and the rounding is reported', () => {
    const e = emit(fixture('fullstack'));
    expect(e.toml('backend/fly.staging.toml').vm).toEqual([{ cpu_kind: 'shared', cpus: 1, memory: '512mb' }]);
    expect(has(e.problems, 'fly/vm-size', ['services', 'api', 'resources'])).toBe(true);
  });

  it('fullstack: secrets and database URLs are named in the header, never in [env]', () => {
    const e = emit(fixture('fullstack'));
    for (const path of ['backend/fly.staging.toml', 'backend/fly.production.toml']) {
      const text = e.file(path);
      const doc = e.toml(path);
      for (const name of ['SECRET_KEY', 'SENTRY_DSN', 'SMTP_PASSWORD', 'DATABASE_URL', 'REDIS_URL']) {
        expect(doc.env?.[name], `${path}: ${name}`).toBeUndefined();
        expect(data(text)).not.toContain(name);
        expect(text).toMatch(new RegExp(`^#   ${name} +\\S`, 'm'));
      }
      expect(doc.env).toMatchObject({ LOG_LEVEL: expect.any(String), FRONTEND_URL: expect.stringMatching(/^https:\/\//) });
      expect(text).toMatch(/^#   fly secrets set DATABASE_URL=\.\.\. REDIS_URL=\.\.\. SECRET_KEY=\.\.\. SENTRY_DSN=\.\.\. SMTP_PASSWORD=\.\.\. -a pazpaz-api-(staging|production) /m);
      expect(text).toContain(`fly secrets import -a ${doc.app} <`);
    }
    // Backing services are not provisioned: a diagnostic says where they come from.
    expect(has(e.problems, 'fly/backing-service', ['resources', 'db'])).toBe(true);
    expect(has(e.problems, 'fly/backing-service', ['resources', 'cache'])).toBe(true);
    expect(e.file('backend/fly.production.toml')).toContain('#   DATABASE_URL   URL of the external postgres `db`');
  });

  it('minimal: an image-only service gets fly.toml at the stack root with [build] image', () => {
    const e = emit(fixture('minimal'));
    expect(e.artifacts.map((a) => a.path)).toEqual(['fly.toml']);
    const doc = e.toml('fly.toml');
    expect(doc.app).toBe('hello-web');
    expect(doc.build).toEqual({ image: 'nginx:1.27-alpine' });
    expect(doc.primary_region).toBeUndefined();
    expect(has(e.problems, 'fly/region', ['targets', 'fly'])).toBe(true);
    // Not public: a private [[services]] section reached over Flycast, deployed without public IPs.
    expect(doc.http_service).toBeUndefined();
    expect(doc.services).toEqual([expect.objectContaining({ protocol: 'tcp', internal_port: 80, ports: [{ port: 80 }], http_checks: [{ interval: '30s', timeout: '5s', method: 'GET', path: '/' }] })]);
    expect(e.file('fly.toml')).toContain('#   fly ips allocate-v6 --private -a hello-web');
    expect(e.file('fly.toml')).toContain('#   fly deploy -c fly.toml --no-public-ips\n');
  });

  it('saas: the public URL of the static site comes from the environment domain, or becomes a secret without one', () => {
    const e = emit(fixture('saas'));
    expect(e.toml('apps/api/fly.production.toml').env?.APP_URL).toBe('https://invoicely.example');
    const dev = e.toml('apps/api/fly.development.toml');
    expect(dev.env?.APP_URL).toBeUndefined();
    expect(e.file('apps/api/fly.development.toml')).toMatch(/^#   APP_URL +public URL of `web`/m);
    expect(dev.app).toBe('invoicely-api');
    expect(dev.build?.dockerfile).toBe('Dockerfile.dev');
    expect(has(e.problems, 'fly/bind-mount', ['services', 'api', 'environments', 'development', 'volumes', 0])).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('fly target: translation', () => {
  const stack = load(`stack: 1
name: shop
environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    build: { context: ./api, dockerfile: docker/Dockerfile, target: prod, args: { Z_ARG: "1", A_ARG: two } }
    entrypoint: [/entry.sh]
    command: "exec gunicorn app:app --bind '0.0.0.0:8000'"
    release: [python, manage.py, migrate, --noinput]
    ports: [8000, 9090]
    public: { host: "api.\${environment.domain}", path: /v1 }
    env:
      PLAIN: "a \\"quoted\\" value"
      INTERNAL: \${services.internal.url}
      INTERNAL_HOST: \${services.internal.host}
      WORKER: \${services.worker.host}
      DB_PORT: \${resources.db.port}
      DB_NAME: \${resources.db.database}
      DB_HOST: \${resources.db.host}
      DSN: "postgresql://app:\${resources.db.password}@\${resources.db.host}/x"
    secrets: [API_KEY]
    healthcheck: { tcp: 9090, interval: 10s, timeout: 2s }
    resources: { cpu: "3", memory: 5Gi }
    volumes: ["data:/data:ro", logs:/logs, ./conf:/etc/conf]
    labels: { team: core }
    depends_on: [internal]
    restart: "no"
  internal:
    image: ghcr.io/acme/internal:2
    ports: [7000]
    healthcheck: { tcp: 7000 }
    env:
      API: \${services.api.url}
      API_PUBLIC: \${services.api.public_url}
  worker:
    image: ghcr.io/acme/worker:2
    healthcheck: { http: { path: /healthz, port: 8081 } }
    user: "1000"
    read_only: true
resources:
  db: { type: postgres, database: shop }
targets:
  fly: { region: ams }
`);
  const options = { region: 'ams', prefix: 'acme' };
  const e = emit(stack, { options });

  it('names apps with the prefix option; the first environment has no suffix', () => {
    expect(e.artifacts.map((a) => `${a.path} ${(parseToml(a.content) as unknown as FlyToml).app}`)).toEqual([
      'api/fly.development.toml acme-api',
      'fly.internal.development.toml acme-internal',
      'fly.worker.development.toml acme-worker',
      'api/fly.production.toml acme-api-production',
      'fly.internal.production.toml acme-internal-production',
      'fly.worker.production.toml acme-worker-production',
    ]);
  });

  it('writes [build] relative to the fly.toml, build args sorted, entrypoint and command', () => {
    const api = e.toml('api/fly.production.toml');
    expect(api.build).toEqual({ dockerfile: 'docker/Dockerfile', 'build-target': 'prod', args: { A_ARG: 'two', Z_ARG: '1' } });
    expect(api.experimental).toEqual({ entrypoint: ['/entry.sh'] });
    // A string command runs through `sh -c`; flyctl splits [processes] with POSIX shell rules.
    expect(api.processes).toEqual({ app: `sh -c 'exec gunicorn app:app --bind '"'"'0.0.0.0:8000'"'"''` });
    expect(api.deploy).toEqual({ release_command: 'python manage.py migrate --noinput' });
  });

  it('resolves references to Fly private networking: Flycast for private services, .internal otherwise', () => {
    const api = e.toml('api/fly.production.toml');
    expect(api.env).toEqual({
      PLAIN: 'a "quoted" value',
      INTERNAL: 'http://acme-internal-production.flycast:7000',
      INTERNAL_HOST: 'acme-internal-production.flycast',
      WORKER: 'acme-worker-production.internal',
      DB_PORT: '5432',
      DB_NAME: 'shop',
    });
    expect(has(e.problems, 'fly/private-network', ['services', 'api', 'env', 'WORKER'])).toBe(true);
    const internal = e.toml('fly.internal.production.toml');
    expect(internal.env).toEqual({ API: 'http://acme-api-production.internal:8000', API_PUBLIC: 'https://api.shop.example/v1' });
    // Without a domain, the public URL of a deployed service is its fly.dev address.
    expect(e.toml('fly.internal.development.toml').env?.API_PUBLIC).toBe('https://acme-api.fly.dev/v1');
  });

  it('turns values with a database host or password into secrets, naming what they hold', () => {
    const text = e.file('api/fly.production.toml');
    expect(text).toMatch(/^#   DB_HOST  +host name of postgres `db`$/m);
    expect(text).toMatch(/^#   DSN  +postgresql:\/\/app:\$\{resources\.db\.password\}@\$\{resources\.db\.host\}\/x \(password of postgres `db`; host name of postgres `db`\)$/m);
    expect(text).toMatch(/^#   API_KEY  +secret$/m);
    expect(data(text)).not.toMatch(/DB_HOST|DSN|API_KEY/);
  });

  it('maps checks: a tcp check on the proxied port of a private service, other probes as Machine checks', () => {
    // api is public: its tcp probe on the second port becomes a top-level Machine check.
    expect(e.toml('api/fly.production.toml').checks).toEqual({ health: { type: 'tcp', port: 9090, interval: '10s', timeout: '2s' } });
    expect(e.toml('api/fly.production.toml').http_service?.checks).toBeUndefined();
    // internal is private: its tcp probe is a [[services.tcp_checks]].
    expect(e.toml('fly.internal.production.toml').services?.[0]?.tcp_checks).toEqual([{ interval: '30s', timeout: '5s' }]);
    // worker has no ports: its http probe is a Machine check on its own port.
    expect(e.toml('fly.worker.production.toml').checks).toEqual({ health: { type: 'http', port: 8081, interval: '30s', timeout: '5s', method: 'GET', path: '/healthz' } });
  });

  it('reports what fly.toml cannot say, in diagnostics and in the header', () => {
    const text = e.file('api/fly.production.toml');
    for (const code of ['fly/extra-port', 'fly/public-path', 'fly/one-volume', 'fly/bind-mount', 'fly/read-only-volume', 'fly/labels', 'fly/depends-on', 'fly/release-volumes']) {
      expect(has(e.problems, code), code).toBe(true);
    }
    expect(text).toContain('#   - port 9090/tcp: private network only (acme-api-production.internal)');
    expect(text).toContain('#   - public path /v1: not expressible, the app serves every path');
    expect(text).toContain('#   - volume logs (/logs): left out (one volume per Machine)');
    expect(text).toContain('#   - bind mount conf:/etc/conf: left out');
    expect(has(e.problems, 'fly/user', ['services', 'worker', 'user'])).toBe(true);
    expect(has(e.problems, 'fly/read-only', ['services', 'worker', 'read_only'])).toBe(true);
    expect(e.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('reports each finding once, however many environments are built', () => {
    const keys = e.problems.map((p) => JSON.stringify([p.code, p.path, p.message]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('maps restart policies: no → never; unless-stopped behind the proxy → on-failure', () => {
    expect(e.toml('api/fly.production.toml').restart).toEqual([{ policy: 'never' }]);
    expect(e.toml('fly.internal.production.toml').restart).toEqual([{ policy: 'on-failure' }]);
    expect(e.toml('fly.worker.production.toml').restart).toEqual([{ policy: 'always' }]);
  });

  it('sizes Machines: 3 CPUs and 5Gi need 4 shared CPUs (2 GB per shared CPU at most)', () => {
    expect(e.toml('api/fly.production.toml').vm).toEqual([{ cpu_kind: 'shared', cpus: 4, memory: '5gb' }]);
  });

  it('rebases [build] and the deploy command when --out moves the files away from the build context', () => {
    const moved = emit(stack, { options, stackFile: '../stack.yaml', environments: ['production'], services: ['api'] });
    const text = moved.file('api/fly.production.toml');
    expect((parseToml(text) as unknown as FlyToml).build?.dockerfile).toBe('../../api/docker/Dockerfile');
    expect(text).toContain('#   fly deploy "$PWD/../api" -c "$PWD/api/fly.production.toml"\n');
    expect(text.startsWith('# Generated by stackc from ../stack.yaml.')).toBe(true);
  });

  it('validates against fly.json, where fly.json knows the sections', () => {
    for (const a of e.artifacts) expect(flySchemaProblems(parseToml(a.content)), a.path).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('fly target: where SchemaStore fly.json lags flyctl', () => {
  // flyctl's own config (superfly/flyctl internal/appconfig/config.go) has top-level `[checks]`
  // (ToplevelCheck), `[[restart]]` (Restart: policy, retries, processes) and `[[vm]]` memory as a
  // size string; fly.json has no `checks` or `restart` at the top level, and accepts them only
  // because its root allows unknown keys. stackc follows flyctl, so these two sections are written
  // although the community schema cannot check them.
  it('top-level [checks] and [[restart]] are unknown to fly.json but accepted (additionalProperties)', () => {
    const schema = JSON.parse(readFileSync(new URL('../schemas/schemastore/fly.json', import.meta.url), 'utf8')) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.properties.checks).toBeUndefined();
    expect(schema.properties.restart).toBeUndefined();
    expect(schema.additionalProperties).toBe(true);
    expect(flySchemaProblems({ app: 'x', checks: { health: { type: 'tcp', port: 1 } }, restart: [{ policy: 'always' }] })).toEqual([]);
  });

  it('auto_stop_machines is written as a string ("stop"), which flyctl and fly.json both take', () => {
    expect(flySchemaProblems({ app: 'x', http_service: { internal_port: 1, auto_stop_machines: 'stop' } })).toEqual([]);
    expect(flySchemaProblems({ app: 'x', http_service: { internal_port: 1, auto_stop_machines: 'sometimes' } })).not.toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('fly target: helpers', () => {
  it('sizes Machines in Fly steps', () => {
    const size = (cpu?: string, memory?: string) => vmFor({ ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}), requests: {}, path: [] });
    expect(size('500m', '512Mi')).toEqual({ cpu_kind: 'shared', cpus: 1, memoryMb: 512 });
    expect(size('250m', '384Mi')).toEqual({ cpu_kind: 'shared', cpus: 1, memoryMb: 512 });
    expect(size('2', '1G')).toEqual({ cpu_kind: 'shared', cpus: 2, memoryMb: 1024 });
    expect(size('1', '5Gi')).toEqual({ cpu_kind: 'shared', cpus: 4, memoryMb: 5120 });
    expect(size('3')).toEqual({ cpu_kind: 'shared', cpus: 4, memoryMb: 1024 });
    expect(size(undefined, '2Gi')).toEqual({ cpu_kind: 'shared', cpus: 1, memoryMb: 2048 });
    expect(size('12', '8Gi')).toEqual({ cpu_kind: 'performance', cpus: 16, memoryMb: 32768 });
    expect(size('2', '20Gi')).toEqual({ cpu_kind: 'performance', cpus: 4, memoryMb: 20480 });
    expect(memoryText(512)).toBe('512mb');
    expect(memoryText(2048)).toBe('2gb');
  });

  it('quotes commands the way flyctl (google/shlex) splits them', () => {
    expect(shellJoin(['echo', 'a b', "it's", '#x', '$HOME'])).toBe(`echo 'a b' 'it'"'"'s' '#x' '$HOME'`);
  });

  it('computes relative paths without the working directory', () => {
    expect(relativeFrom('backend', 'backend')).toBe('.');
    expect(relativeFrom('backend', '../backend')).toBe('../../backend');
    expect(relativeFrom('.', 'apps/api')).toBe('apps/api');
    expect(relativeFrom('apps/web', 'apps/api')).toBe('../api');
  });
});
