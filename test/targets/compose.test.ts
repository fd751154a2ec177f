import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import type { Artifact, BuildProblem, EmitContext } from '../../src/build/target.js';
import { loadStackFile, loadStackText } from '../../src/load/load-stack.js';
import type { Stack } from '../../src/model/stack.js';
import compose from '../../targets/compose/index.js';
import { duration } from '../../src/build/text.js';
import { cpus, memory } from '../../targets/compose/units.js';
import { root } from '../helpers.js';
import { composeProblems, parseYamlDocuments } from '../platform-schemas.js';
import { emitContext } from './context.js';

// ---------------------------------------------------------------------------------------------
// Helpers

interface Emitted {
  artifacts: Artifact[];
  problems: BuildProblem[];
  file(path: string): string;
  doc(path: string): ComposeDoc;
}

interface ComposeService {
  image?: string;
  build?: string | { context: string; dockerfile?: string; target?: string; args?: Record<string, string> };
  command?: string[];
  entrypoint?: string[];
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean; interval?: string; timeout?: string; retries?: number; start_period?: string };
  restart?: string;
  user?: string;
  read_only?: boolean;
  tmpfs?: string[];
  hostname?: string;
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: number; memory?: string }; reservations?: { cpus?: number; memory?: string } } };
  labels?: Record<string, string>;
}

interface ComposeDoc {
  name: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}


function emit(stack: Stack, overrides: Partial<EmitContext> = {}): Emitted {
  const ctx = emitContext(stack, 'compose', overrides);
  const { problems } = ctx;
  const artifacts = compose.emit(stack, ctx);
  const file = (path: string) => {
    const a = artifacts.find((x) => x.path === path);
    if (!a) throw new Error(`no artifact ${path}; have ${artifacts.map((x) => x.path).join(', ')}`);
    return a.content;
  };
  return { artifacts, problems, file, doc: (path) => parseYamlDocuments(file(path))[0] as ComposeDoc };
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

/** Names Compose interpolates in a file (`${NAME...}`, not the escaped `$${...}`). */
const interpolated = (text: string): string[] => [...new Set([...text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))].sort();

/** Variable names an env example lists, checking each has no value. */
function exampleNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=$/.exec(line);
    if (!match) throw new Error(`env example line with a value or malformed: ${line}`);
    names.push(match[1]!);
  }
  return names.sort();
}

/** Keys of the map at `path` in the order the file writes them (JavaScript objects move `9` first). */
function keysInFile(text: string, path: string[]): string[] {
  const node = parseDocument(text).getIn(path, true);
  if (!isMap(node)) throw new Error(`no map at ${path.join('.')}`);
  return (node as YAMLMap<{ value: string }>).items.map((p) => String(p.key.value));
}

const has = (problems: BuildProblem[], code: string, path?: readonly (string | number)[]) =>
  problems.some((p) => p.code === code && (!path || JSON.stringify(p.path) === JSON.stringify(path)));

const FIXTURES = ['fullstack', 'saas', 'minimal', 'design-sketch'];

// ---------------------------------------------------------------------------------------------

describe('compose target: example stacks', () => {
  for (const name of FIXTURES) {
    const stack = fixture(name);
    const config = stack.targets.find((t) => t.name === 'compose');
    const environments = config?.environments ?? stack.environments.map((e) => e.name);

    it(`${name}: one valid compose file per environment (${environments.join(', ')})`, () => {
      const { artifacts, problems, file } = emit(stack);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      for (const environment of environments) {
        const path = environment === stack.environments[0]!.name ? 'compose.yaml' : `compose.${environment}.yaml`;
        const text = file(path);
        expect(text.startsWith('# Generated by stackc from stack.yaml.')).toBe(true);
        const docs = parseYamlDocuments(text);
        expect(docs).toHaveLength(1);
        const doc = docs[0] as ComposeDoc & { version?: unknown };
        expect(composeProblems(doc)).toEqual([]);
        expect(doc.version).toBeUndefined();
        expect(doc.name).toBe(stack.name);
        expect(artifacts.find((a) => a.path === path)?.environment).toBe(environment);
        // Every named volume a service uses is declared at the top level.
        for (const service of Object.values(doc.services)) {
          for (const v of service.volumes ?? []) {
            const source = v.split(':')[0]!;
            if (!source.startsWith('.')) expect(doc.volumes?.[source], `${path}: volume ${source}`).toBeDefined();
          }
          for (const dep of Object.keys(service.depends_on ?? {})) expect(doc.services[dep], `${path}: depends on ${dep}`).toBeDefined();
        }
      }
      expect(artifacts.every((a) => a.target === 'compose' && a.content.endsWith('\n'))).toBe(true);
    });

    it(`${name}: the env example lists exactly the variables the compose file reads, without values`, () => {
      const { artifacts, file } = emit(stack);
      for (const environment of environments) {
        const isDefault = environment === stack.environments[0]!.name;
        const composeText = file(isDefault ? 'compose.yaml' : `compose.${environment}.yaml`);
        const examplePath = isDefault ? '.env.example' : `.env.${environment}.example`;
        const names = interpolated(composeText);
        const example = artifacts.find((a) => a.path === examplePath);
        if (!names.length) {
          expect(example).toBeUndefined();
          continue;
        }
        expect(exampleNames(example!.content)).toEqual(names);
        // Each entry says what it is for.
        for (const n of names) expect(example!.content).toMatch(new RegExp(`# [^\\n]+\\n(# [^\\n]+\\n)*${n}=\\n`));
      }
    });

    it(`${name}: emitting twice gives byte-identical files`, () => {
      expect(emit(fixture(name)).artifacts).toEqual(emit(stack).artifacts);
    });
  }

  it('fullstack: development builds Dockerfile.dev with a bind mount; production builds the runtime image', () => {
    const e = emit(fixture('fullstack'));
    const dev = e.doc('compose.yaml').services.api!;
    expect(dev.build).toEqual({ context: './backend', dockerfile: 'Dockerfile.dev', target: 'dev' });
    expect(dev.volumes).toEqual(['./backend:/app', 'uploads:/app/uploads']);
    expect(dev.command).toContain('--reload');
    expect(dev.deploy?.replicas).toBeUndefined();
    expect(dev.environment?.LOG_LEVEL).toBe('debug');
    expect(dev.read_only).toBeUndefined();

    const prod = e.doc('compose.production.yaml').services.api!;
    expect(prod.build).toEqual({ context: './backend', target: 'runtime' });
    expect(prod.volumes).toEqual(['uploads:/app/uploads']);
    expect(prod.command).not.toContain('--reload');
    expect(prod.environment?.LOG_LEVEL).toBe('warning');
    expect(prod.read_only).toBe(true);
    expect(prod.tmpfs).toEqual(['/tmp']);
    // autoscale min 3 → a fixed 3 replicas, each with its own host port.
    expect(prod.deploy?.replicas).toBe(3);
    expect(prod.ports).toEqual(['8000-8002:8000']);
    expect(has(e.problems, 'compose/autoscale', ['services', 'api', 'environments', 'production', 'autoscale'])).toBe(true);
    expect(e.file('compose.production.yaml')).toMatch(/# autoscale \(3-10 replicas at 70% CPU\)[^\n]*\n(\s+#[^\n]*\n)*\s+api:\n/);
  });

  it('fullstack: Postgres is external in production; its URL comes from DB_URL and there is no container', () => {
    const e = emit(fixture('fullstack'));
    const prod = e.doc('compose.production.yaml');
    expect(prod.services.db).toBeUndefined();
    expect(prod.volumes?.['db-data']).toBeUndefined();
    expect(prod.services.api!.environment?.DATABASE_URL).toBe('${DB_URL:?set it in .env.production (see .env.production.example)}');
    expect(prod.services.api!.depends_on?.db).toBeUndefined();
    expect(has(e.problems, 'compose/external-resource', ['resources', 'db', 'environments', 'production', 'external'])).toBe(true);
    expect(has(e.problems, 'compose/dependency-not-run', ['services', 'api', 'depends_on', 0])).toBe(true);
    expect(exampleNames(e.file('.env.production.example'))).toContain('DB_URL');
    expect(exampleNames(e.file('.env.production.example'))).not.toContain('DB_PASSWORD');

    const dev = e.doc('compose.yaml');
    expect(dev.services.api!.environment?.DATABASE_URL).toBe('postgresql://${DB_USER:-pazpaz}:${DB_PASSWORD:?set it in .env (see .env.example)}@db:5432/pazpaz');
    expect(dev.services.api!.environment?.REDIS_URL).toBe('redis://cache:6379');
  });

  it('fullstack: depends_on waits for healthy backing services, healthchecked services and the release job', () => {
    const dev = emit(fixture('fullstack')).doc('compose.yaml');
    expect(dev.services.api!.depends_on).toEqual({
      db: { condition: 'service_healthy' },
      cache: { condition: 'service_healthy' },
      'api-release': { condition: 'service_completed_successfully' },
    });
    expect(dev.services.worker!.depends_on).toEqual({ db: { condition: 'service_healthy' }, cache: { condition: 'service_healthy' }, api: { condition: 'service_healthy' } });
    expect(Object.keys(dev.services)).toEqual(['api', 'api-release', 'worker', 'db', 'cache']);
  });

  it('fullstack: the release command runs once, as a one-shot service with the same image and environment', () => {
    const e = emit(fixture('fullstack'));
    const dev = e.doc('compose.yaml');
    const job = dev.services['api-release']!;
    expect(job.command).toEqual(['alembic', 'upgrade', 'head']);
    expect(job.restart).toBe('no');
    expect(job.build).toEqual(dev.services.api!.build);
    expect(job.environment).toEqual(dev.services.api!.environment);
    expect(job.depends_on).toEqual({ db: { condition: 'service_healthy' }, cache: { condition: 'service_healthy' } });
    expect(job.ports).toBeUndefined();
    expect(job.healthcheck).toBeUndefined();
    expect(has(e.problems, 'compose/release', ['services', 'api', 'release'])).toBe(true);
  });

  it('fullstack: two different builds never share one image tag', () => {
    const e = emit(fixture('fullstack'));
    // In development api builds Dockerfile.dev and worker the runtime stage: worker must not overwrite api's tag.
    expect(e.doc('compose.yaml').services.worker!.image).toBeUndefined();
    expect(e.doc('compose.yaml').services.api!.image).toBe('ghcr.io/pazpaz/api');
    expect(has(e.problems, 'compose/image-name', ['services', 'worker', 'image'])).toBe(true);
    // In production both build the same thing and share the name.
    expect(e.doc('compose.production.yaml').services.worker!.image).toBe('ghcr.io/pazpaz/api');
  });

  it('fullstack: resources limits become cores and Docker memory units; requests become reservations', () => {
    const api = emit(fixture('fullstack')).doc('compose.yaml').services.api!;
    expect(api.deploy?.resources).toEqual({ limits: { cpus: 0.5, memory: '512m' }, reservations: { cpus: 0.25, memory: '256m' } });
  });

  it('fullstack: the static front end is skipped with a diagnostic and a comment', () => {
    const e = emit(fixture('fullstack'));
    for (const path of ['compose.yaml', 'compose.production.yaml']) {
      expect(e.doc(path).services.web).toBeUndefined();
      expect(e.file(path)).toMatch(/^# Not run by Compose \(static sites\):\n#   web: /m);
    }
    const skipped = e.problems.filter((p) => p.code === 'compose/static-service');
    expect(skipped).toEqual([expect.objectContaining({ severity: 'info', path: ['services', 'web'] })]);
  });

  it('fullstack: backing services are published on 127.0.0.1 in the default environment only', () => {
    const e = emit(fixture('fullstack'));
    expect(e.doc('compose.yaml').services.db!.ports).toEqual(['127.0.0.1:${DB_HOST_PORT:-5432}:5432']);
    expect(e.doc('compose.yaml').services.cache!.ports).toEqual(['127.0.0.1:${CACHE_HOST_PORT:-6379}:6379']);
    expect(e.doc('compose.production.yaml').services.cache!.ports).toBeUndefined();
  });

  it('usage comments say how to start each environment', () => {
    const e = emit(fixture('fullstack'));
    expect(e.file('compose.yaml')).toContain('#   cp .env.example .env');
    expect(e.file('compose.yaml')).toContain('#   docker compose up -d\n');
    expect(e.file('compose.production.yaml')).toContain('#   docker compose -f compose.production.yaml --env-file .env.production up -d\n');
    // A stack that reads no variables gets no env example and no copy step.
    const minimal = emit(fixture('minimal'));
    expect(minimal.artifacts.map((a) => a.path)).toEqual(['compose.yaml']);
    expect(minimal.file('compose.yaml')).not.toContain('cp ');
  });
});

// ---------------------------------------------------------------------------------------------

describe('compose target: secrets', () => {
  const text = `stack: 1
name: shop
environments: { development: {}, production: { domain: shop.example } }
services:
  api:
    image: ghcr.io/acme/api:1.0
    ports: [8000]
    env:
      DATABASE_URL: \${resources.db.url}
      DB_PASS: \${resources.db.password}
      MQ: \${resources.mq.url}
    secrets: [SECRET_KEY, STRIPE_KEY]
resources:
  db: { type: postgres }
  mq: { type: rabbitmq }
targets: { compose: {} }
`;

  it('writes only names and interpolations: no values, no default passwords', () => {
    const e = emit(load(text));
    for (const a of e.artifacts) {
      // Comments may name a variable; everything else may hold it only as a key or an interpolation.
      const data = a.content.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
      for (const name of ['SECRET_KEY', 'STRIPE_KEY', 'DB_PASSWORD', 'MQ_PASSWORD']) {
        for (const m of data.matchAll(new RegExp(`${name}[^\\n]*`, 'g'))) {
          // The name appears as a key, an interpolation without default, or an env-example entry.
          expect(m[0], `${a.path}: ${m[0]}`).toMatch(new RegExp(`^${name}(: \\$\\{${name}:\\?[^}]*\\}|=|:\\?[^}]*\\}.*)$`));
        }
      }
      expect(a.content).not.toMatch(/PASSWORD:-/);
      expect(a.content).not.toMatch(/(KEY|PASSWORD)=\S/);
    }
    const api = e.doc('compose.yaml').services.api!;
    expect(api.environment?.SECRET_KEY).toBe('${SECRET_KEY:?set it in .env (see .env.example)}');
    expect(api.environment?.DB_PASS).toBe('${DB_PASSWORD:?set it in .env (see .env.example)}');
    expect(api.environment?.MQ).toBe('amqp://${MQ_USER:-app}:${MQ_PASSWORD:?set it in .env (see .env.example)}@mq:5672');
    expect(e.doc('compose.production.yaml').services.api!.environment?.SECRET_KEY).toBe('${SECRET_KEY:?set it in .env.production (see .env.production.example)}');
  });

  it('lists every secret and credential in .env.example with an empty value and a comment', () => {
    const e = emit(load(text));
    const example = e.file('.env.example');
    expect(exampleNames(example)).toEqual(['DB_HOST_PORT', 'DB_PASSWORD', 'DB_USER', 'MQ_HOST_PORT', 'MQ_PASSWORD', 'MQ_USER', 'SECRET_KEY', 'STRIPE_KEY']);
    expect(example).toMatch(/# Password of the postgres resource `db`\.\n# Required\. Used by api and db\.\nDB_PASSWORD=\n/);
    expect(example).toMatch(/# Secret[^\n]*\n# Required\. Used by api\.\nSTRIPE_KEY=\n/);
    expect(example).toMatch(/# User of the postgres resource `db`\.\n# Optional: defaults to shop\. Used by api and db\.\nDB_USER=\n/);
    // Per environment: production publishes no backing-service ports, so no host-port variables.
    expect(exampleNames(e.file('.env.production.example'))).toEqual(['DB_PASSWORD', 'DB_USER', 'MQ_PASSWORD', 'MQ_USER', 'SECRET_KEY', 'STRIPE_KEY']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('compose target: translation', () => {
  it('keeps declaration order of services, resources and env, whatever the key order', () => {
    const a = load(`stack: 1
name: shop
services:
  zeta:
    image: nginx:1.27
    env: { B: "1", A: "2", "C": "3" }
  "9":
    image: nginx:1.27
  alpha:
    image: nginx:1.27
resources:
  zdb: { type: redis }
  adb: { type: redis }
`);
    const b = load(`stack: 1
name: shop
resources:
  adb: { type: redis }
  zdb: { type: redis }
services:
  alpha:
    image: nginx:1.27
  "9":
    image: nginx:1.27
  zeta:
    image: nginx:1.27
    env: { C: "3", A: "2", B: "1" }
`);
    const textA = emit(a).file('compose.yaml');
    const textB = emit(b).file('compose.yaml');
    expect(keysInFile(textA, ['services'])).toEqual(['zeta', '9', 'alpha', 'zdb', 'adb']);
    expect(keysInFile(textB, ['services'])).toEqual(['alpha', '9', 'zeta', 'adb', 'zdb']);
    expect(keysInFile(textA, ['services', 'zeta', 'environment'])).toEqual(['B', 'A', 'C']);
    expect(keysInFile(textB, ['services', 'zeta', 'environment'])).toEqual(['C', 'A', 'B']);
    // Maps without meaningful order (top-level volumes) are sorted.
    expect(keysInFile(textA, ['volumes'])).toEqual(['adb-data', 'zdb-data']);
    expect(keysInFile(textB, ['volumes'])).toEqual(['adb-data', 'zdb-data']);
    expect(composeProblems(emit(a).doc('compose.yaml'))).toEqual([]);
  });

  it('escapes literal `$` so Compose does not interpolate it', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  api:
    image: alpine:3.20
    command: [sh, -c, 'echo $HOME']
    env:
      PRICE: "costs $5"
      TEMPLATE: "$\${HOME}/x"
    labels: { note: "a$b" }
    healthcheck: { command: "test -n $HOSTNAME" }
`));
    const text = e.file('compose.yaml');
    const api = e.doc('compose.yaml').services.api!;
    expect(api.environment).toEqual({ PRICE: 'costs $$5', TEMPLATE: '$${HOME}/x' });
    expect(api.command).toEqual(['sh', '-c', 'echo $$HOME']);
    expect(api.labels).toEqual({ note: 'a$$b' });
    expect(api.healthcheck?.test).toEqual(['CMD-SHELL', 'test -n $$HOSTNAME']);
    expect(interpolated(text)).toEqual([]);
  });

  it('writes ports in every form: published, ranges, udp, explicit host port, unpublished (expose)', () => {
    const api = emit(load(`stack: 1
name: shop
services:
  api:
    image: nginx:1.27
    ports: [8000, "8080:80", "9000-9005", "53:53/udp", { port: 7000, host: 17000 }, { port: 9100, publish: false }, { port: 514, protocol: udp, publish: false }]
`)).doc('compose.yaml').services.api!;
    expect(api.ports).toEqual(['8000:8000', '8080:80', '9000-9005:9000-9005', '53:53/udp', '17000:7000']);
    expect(api.expose).toEqual(['9100', '514/udp']);
  });

  it('translates healthchecks: http, command list, command string, tcp, disabled; timings as durations', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  http:
    image: nginx:1.27
    ports: [8080]
    healthcheck: { http: "/health?full=1&x='y'", interval: 1m30s, timeout: 1500ms, retries: 4, start_period: 10s }
  list:
    image: nginx:1.27
    healthcheck: { command: [pg_isready, -q] }
  string:
    image: nginx:1.27
    healthcheck: { command: "curl -f localhost || exit 1" }
  tcp:
    image: redis:7
    healthcheck: { tcp: 6379 }
  off:
    image: nginx:1.27
    healthcheck: { disable: true, reason: the image has its own HEALTHCHECK }
  dependent:
    image: nginx:1.27
    depends_on: [http, off]
`));
    const s = e.doc('compose.yaml').services;
    const shellCommand = s.http!.healthcheck!.test![1]!;
    // What the shell inside the container passes to curl and wget: the URL exactly, quote included.
    const urls = execFileSync('sh', ['-c', `set -- ${shellCommand.replace(/^curl -fsS -o \/dev\/null /, '').replace(/ \|\| wget -q -O \/dev\/null /, ' ')}; printf '%s\\n' "$@"`], { encoding: 'utf8' });
    expect(urls).toBe("http://127.0.0.1:8080/health?full=1&x='y'\nhttp://127.0.0.1:8080/health?full=1&x='y'\n");
    expect(s.http!.healthcheck).toEqual({
      test: ['CMD-SHELL', shellCommand],
      interval: '1m30s',
      timeout: '1s500ms',
      retries: 4,
      start_period: '10s',
    });
    expect(s.list!.healthcheck).toEqual({ test: ['CMD', 'pg_isready', '-q'], interval: '30s', timeout: '5s', retries: 3 });
    expect(s.string!.healthcheck?.test).toEqual(['CMD-SHELL', 'curl -f localhost || exit 1']);
    expect(s.tcp!.healthcheck?.test).toEqual(['CMD-SHELL', "nc -z 127.0.0.1 6379 || bash -c ': </dev/tcp/127.0.0.1/6379'"]);
    expect(s.off!.healthcheck).toEqual({ disable: true });
    expect(e.file('compose.yaml')).toContain('    # healthcheck disabled: the image has its own HEALTHCHECK\n    healthcheck:\n      disable: true\n');
    // A dependency with a probe is waited for until healthy; one without, until started.
    expect(s.dependent!.depends_on).toEqual({ http: { condition: 'service_healthy' }, off: { condition: 'service_started' } });
    expect(has(e.problems, 'compose/http-healthcheck', ['services', 'http', 'healthcheck'])).toBe(true);
    expect(has(e.problems, 'compose/tcp-healthcheck', ['services', 'tcp', 'healthcheck'])).toBe(true);
    expect(e.problems.find((p) => p.code === 'compose/http-healthcheck')?.severity).toBe('info');
  });

  it('runs every resource type with its official image, credentials, data volume and healthcheck', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  api:
    image: nginx:1.27
    depends_on: [pg, pg18, my, maria, mongo, cache, mq]
resources:
  pg: { type: postgres, version: "16" }
  pg18: { type: postgres, version: "18" }
  my: { type: mysql }
  maria: { type: mariadb }
  mongo: { type: mongodb }
  cache: { type: redis }
  mq: { type: rabbitmq }
`));
    const s = e.doc('compose.yaml').services;
    expect(composeProblems(e.doc('compose.yaml'))).toEqual([]);
    const row = (name: string) => ({ image: s[name]!.image, volumes: s[name]!.volumes, test: s[name]!.healthcheck?.test, restart: s[name]!.restart });
    expect(row('pg')).toEqual({ image: 'postgres:16', volumes: ['pg-data:/var/lib/postgresql/data'], test: ['CMD-SHELL', 'pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER}" -d "$${POSTGRES_DB}"'], restart: 'unless-stopped' });
    expect(row('pg18').volumes).toEqual(['pg18-data:/var/lib/postgresql']);
    expect(row('my')).toEqual({ image: 'mysql:8.4', volumes: ['my-data:/var/lib/mysql'], test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'], restart: 'unless-stopped' });
    expect(row('maria')).toEqual({ image: 'mariadb:11.4', volumes: ['maria-data:/var/lib/mysql'], test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], restart: 'unless-stopped' });
    expect(row('mongo')).toEqual({ image: 'mongo:8.0', volumes: ['mongo-data:/data/db'], test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"], restart: 'unless-stopped' });
    expect(row('cache')).toEqual({ image: 'redis:7.4', volumes: ['cache-data:/data'], test: ['CMD', 'redis-cli', 'ping'], restart: 'unless-stopped' });
    expect(row('mq')).toEqual({ image: 'rabbitmq:4.1', volumes: ['mq-data:/var/lib/rabbitmq'], test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], restart: 'unless-stopped' });
    expect(s.mq!.hostname).toBe('mq');

    const env = (name: string) => s[name]!.environment;
    const pw = (p: string) => `\${${p}_PASSWORD:?set it in .env (see .env.example)}`;
    expect(env('pg')).toEqual({ POSTGRES_USER: '${PG_USER:-shop}', POSTGRES_PASSWORD: pw('PG'), POSTGRES_DB: 'shop' });
    expect(env('my')).toEqual({ MYSQL_USER: '${MY_USER:-shop}', MYSQL_PASSWORD: pw('MY'), MYSQL_DATABASE: 'shop', MYSQL_RANDOM_ROOT_PASSWORD: 'yes' });
    expect(env('maria')).toEqual({ MARIADB_USER: '${MARIA_USER:-shop}', MARIADB_PASSWORD: pw('MARIA'), MARIADB_DATABASE: 'shop', MARIADB_RANDOM_ROOT_PASSWORD: 'yes' });
    expect(env('mongo')).toEqual({ MONGO_INITDB_ROOT_USERNAME: '${MONGO_USER:-shop}', MONGO_INITDB_ROOT_PASSWORD: pw('MONGO'), MONGO_INITDB_DATABASE: 'shop' });
    expect(env('cache')).toBeUndefined();
    expect(env('mq')).toEqual({ RABBITMQ_DEFAULT_USER: '${MQ_USER:-app}', RABBITMQ_DEFAULT_PASS: pw('MQ') });
    expect(Object.values(s.api!.depends_on!).every((d) => d.condition === 'service_healthy')).toBe(true);
    // Both postgres resources want 5432 on the host: the second takes the next free port.
    expect(s.pg!.ports).toEqual(['127.0.0.1:${PG_HOST_PORT:-5432}:5432']);
    expect(s.pg18!.ports).toEqual(['127.0.0.1:${PG18_HOST_PORT:-5433}:5432']);
    expect(s.maria!.ports).toEqual(['127.0.0.1:${MARIA_HOST_PORT:-3307}:3306']);
    expect(has(e.problems, 'compose/resource-host-port', ['resources', 'pg18'])).toBe(true);
    expect(Object.keys(e.doc('compose.yaml').volumes!)).toEqual(['cache-data', 'maria-data', 'mongo-data', 'mq-data', 'my-data', 'pg-data', 'pg18-data']);
  });

  it('resolves every resource and service reference to Compose names and interpolations', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  api:
    image: nginx:1.27
    ports: [8000]
    public: true
  worker:
    image: nginx:1.27
    env:
      H: \${resources.db.host}
      P: \${resources.db.port}
      U: \${resources.db.user}
      D: \${resources.db.database}
      R: \${resources.cache.url}
      SH: \${services.api.host}
      SP: \${services.api.port}
      SU: \${services.api.url}
      PUB: \${services.api.public_url}/app
resources:
  db: { type: mongodb, database: things }
  cache: { type: redis }
`));
    expect(e.doc('compose.yaml').services.worker!.environment).toEqual({
      H: 'db',
      P: '27017',
      U: '${DB_USER:-things}',
      D: 'things',
      R: 'redis://cache:6379',
      SH: 'api',
      SP: '8000',
      SU: 'http://api:8000',
      PUB: 'http://localhost:8000/app',
    });
  });

  it('public URLs: the declared https address where the environment has a domain', () => {
    const e = emit(load(`stack: 1
name: shop
environments: { development: {}, production: { domain: shop.example } }
services:
  api:
    image: nginx:1.27
    ports: [8000]
    public: { host: "api.\${environment.domain}", path: /v1 }
  web:
    static: { root: ./web }
    public: true
    env: { API: "\${services.api.public_url}" }
  worker:
    image: nginx:1.27
    env: { API: "\${services.api.public_url}", WEB: "\${services.web.public_url}" }
`));
    expect(e.doc('compose.yaml').services.worker!.environment).toEqual({ API: 'http://localhost:8000/v1', WEB: '${WEB_PUBLIC_URL:-http://localhost}' });
    expect(e.doc('compose.production.yaml').services.worker!.environment).toEqual({ API: 'https://api.shop.example/v1', WEB: 'https://shop.example' });
    expect(has(e.problems, 'compose/public-url', ['services', 'worker', 'env', 'WEB'])).toBe(true);
    const publicProblems = e.problems.filter((p) => p.code === 'compose/public');
    expect(publicProblems.map((p) => p.severity)).toEqual(['info', 'warning']);
    expect(e.file('compose.production.yaml')).toContain('  # public at https://api.shop.example/v1: Compose publishes host port 8000');
  });

  it('leaves out dependencies and references on services the target does not run, and says so', () => {
    const stack = load(`stack: 1
name: shop
services:
  api:
    image: nginx:1.27
    ports: [8000]
    env: { WORKER: "\${services.worker.url}" }
    depends_on: [worker]
  worker:
    image: nginx:1.27
    ports: [9000]
targets: { compose: { services: [api] } }
`);
    const e = emit(stack, { services: ['api'] });
    const doc = e.doc('compose.yaml');
    expect(Object.keys(doc.services)).toEqual(['api']);
    expect(doc.services.api!.depends_on).toBeUndefined();
    expect(doc.services.api!.environment?.WORKER).toBe('${WORKER_URL:?set it in .env (see .env.example)}');
    expect(has(e.problems, 'compose/dependency-not-run', ['services', 'api', 'depends_on', 0])).toBe(true);
    expect(has(e.problems, 'compose/reference-not-run', ['services', 'api', 'env', 'WORKER'])).toBe(true);
    expect(composeProblems(doc)).toEqual([]);
  });

  it('writes user, read-only root with a writable /tmp, restart, labels sorted, entrypoint and build args', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  api:
    build: { context: ., dockerfile: docker/Dockerfile, args: { B: "2", A: "1" } }
    entrypoint: [tini, --]
    command: [serve]
    user: app
    read_only: true
    restart: on-failure
    labels: { z: "1", a: "2" }
    volumes: ["cache:/var/cache", { name: data, path: /data, size: 5Gi, readonly: true }, "./conf:/etc/app:ro"]
`));
    const api = e.doc('compose.yaml').services.api!;
    expect(api.build).toEqual({ context: '.', dockerfile: 'docker/Dockerfile', args: { A: '1', B: '2' } });
    expect(Object.keys((api.build as { args: object }).args)).toEqual(['A', 'B']);
    expect(api.image).toBeUndefined();
    expect(api.entrypoint).toEqual(['tini', '--']);
    expect(api.user).toBe('app');
    expect(api.read_only).toBe(true);
    expect(api.tmpfs).toEqual(['/tmp']);
    expect(api.restart).toBe('on-failure');
    expect(Object.keys(api.labels!)).toEqual(['a', 'z']);
    expect(api.volumes).toEqual(['cache:/var/cache', 'data:/data:ro', './conf:/etc/app:ro']);
    expect(Object.keys(e.doc('compose.yaml').volumes!)).toEqual(['cache', 'data']);
    expect(has(e.problems, 'compose/volume-size', ['services', 'api', 'volumes', 1])).toBe(true);
    expect(has(e.problems, 'compose/volume-size', ['services', 'api', 'volumes', 0])).toBe(false);
  });

  it('warns when a release job name is taken, instead of dropping the release silently', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  api:
    image: nginx:1.27
    release: [migrate]
  api-release:
    image: nginx:1.27
`));
    expect(e.doc('compose.yaml').services.api!.depends_on).toBeUndefined();
    expect(e.problems.find((p) => p.code === 'compose/release')).toMatchObject({ severity: 'warning', path: ['services', 'api', 'release'] });
  });

  it('rebases paths when the files are written away from stack.yaml (build --out)', () => {
    const stack = fixture('fullstack');
    const e = emit(stack, { stackFile: '../stack.yaml' });
    const dev = e.doc('compose.yaml').services.api!;
    expect(dev.build).toMatchObject({ context: '../backend' });
    expect(dev.volumes).toContain('../backend:/app');
    expect(e.file('compose.yaml')).toContain('#   web: vite in ../frontend');
    expect(e.file('compose.yaml').startsWith('# Generated by stackc from ../stack.yaml.')).toBe(true);
    expect(emit(stack, { stackFile: 'deploy/stack.yaml' }).doc('compose.yaml').services.api!.build).toMatchObject({ context: './deploy/backend' });
  });

  it('keeps multi-line descriptions inside their comment', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  api:
    description: |
      first line
      second line
    image: nginx:1.27
`));
    expect(e.file('compose.yaml')).toContain('  # first line second line\n  api:\n');
    expect(composeProblems(e.doc('compose.yaml'))).toEqual([]);
  });

  it('refuses variable names Compose cannot read (a resource named 1db)', () => {
    const e = emit(load(`stack: 1
name: shop
services:
  api:
    image: nginx:1.27
resources:
  1db: { type: postgres }
`));
    expect(e.problems.find((p) => p.code === 'compose/variable-name')).toMatchObject({ severity: 'error', path: ['resources', '1db'] });
  });

  it('reports each problem once even when every environment has it', () => {
    const e = emit(fixture('design-sketch'));
    const keys = e.problems.map((p) => JSON.stringify([p.code, p.path, p.message]));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('compose target: units', () => {
  it('converts durations, CPU and memory to what Compose reads', () => {
    expect([0, 1500, 30_000, 90_000, 3_600_000].map(duration)).toEqual(['0s', '1s500ms', '30s', '1m30s', '1h']);
    expect(['500m', '250m', '1', '2', '1.5'].map(cpus)).toEqual([0.5, 0.25, 1, 2, 1.5]);
    expect(['512Mi', '1Gi', '1.5Gi', '64Ki', '10G', '1.1G', '100M', '2Ti'].map(memory)).toEqual(['512m', '1g', '1536m', '64k', '9765625k', '1100000000b', '100000000b', '2t']);
  });
});

describe('compose target: the env example documents every variable', () => {
  it('lists every env and secret name of every service, with values only for non-secrets', () => {
    const stack = loadStackFile(`${root}fixtures/fullstack/stack.yaml`).stack!;
    const { artifacts } = emit(stack, { environments: ['production'] });
    const example = artifacts.find((a) => a.path === '.env.production.example')!.content;
    const reference = example.slice(example.indexOf('What each service receives'));
    for (const service of stack.views.get('production')!.services) {
      expect(reference).toContain(`\n# ${service.name}`);
      for (const v of service.env) expect(reference).toMatch(new RegExp(`#   ${v.name}[= ]`));
      for (const secret of service.secrets) expect(reference).toContain(`#   ${secret.name.padEnd(13)}  (secret)`);
    }
    expect(reference).toContain('#   LOG_LEVEL=warning');
    expect(reference).toContain('#   REDIS_URL=${resources.cache.url}'); // redis has no password: not a secret
    expect(reference).toContain('#   DATABASE_URL   (secret: built from ${resources.db.url})'); // external in production
    expect(reference).not.toMatch(/DATABASE_URL=/);
  });
});

