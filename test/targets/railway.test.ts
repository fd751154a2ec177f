import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Artifact, BuildProblem, EmitContext } from '../../src/build/target.js';
import { loadStackFile, loadStackText } from '../../src/load/load-stack.js';
import type { Stack } from '../../src/model/stack.js';
import railway from '../../targets/railway/index.js';
import { envValue } from '../../targets/railway/text.js';
import { root } from '../helpers.js';
import { emitContext, allServices } from './context.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** The schema derived from Railway's config-as-code reference (the official one is online only). */
let validator: ValidateFunction | undefined;
function railwaySchemaProblems(document: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('../schemas/railway/railway.docs-derived.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    validator = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(schema);
  }
  return validator(document) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

interface Section {
  [key: string]: unknown;
}
interface RailwayJson {
  $schema: string;
  build?: Section;
  deploy?: Section;
  environments?: Record<string, { build?: Section; deploy?: Section }>;
}

interface Emitted {
  artifacts: Artifact[];
  problems: BuildProblem[];
  file(path: string): string;
  json(path: string): RailwayJson;
  /** The NAME=value lines of a variables file, checked to be well-formed. */
  vars(path: string): Record<string, string>;
}


/** Emits with the stack's own `targets.railway`, or (when it has none) for every service and environment. */
function emit(stack: Stack, overrides: Partial<EmitContext> = {}): Emitted {
  const ctx = emitContext(stack, 'railway', overrides);
  const { problems } = ctx;
  const artifacts = railway.emit(stack, ctx);
  const file = (path: string) => {
    const a = artifacts.find((x) => x.path === path);
    if (!a) throw new Error(`no artifact ${path}; have ${artifacts.map((x) => x.path).join(', ')}`);
    return a.content;
  };
  return { artifacts, problems, file, json: (path) => JSON.parse(file(path)) as RailwayJson, vars: (path) => variableLines(file(path)) };
}

/** Parses a variables file: comments, blank lines and `NAME=value` lines only. */
function variableLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`malformed variables line: ${line}`);
    expect(out[match[1]!], `duplicate ${match[1]}`).toBeUndefined();
    out[match[1]!] = match[2]!;
  }
  return out;
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

const FIXTURES = ['fullstack', 'saas', 'minimal', 'design-sketch'];

// ---------------------------------------------------------------------------------------------

describe('railway target: example stacks', () => {
  for (const name of FIXTURES) {
    const stack = fixture(name);
    const config = stack.targets.find((t) => t.name === 'railway');
    const environments = config?.environments ?? stack.environments.map((e) => e.name);
    const label = config ? `its railway target (${(config.services ?? ['all']).join(', ')})` : 'every service and environment';

    it(`${name}: railway.json of ${label} validates; a variables file per environment`, () => {
      const { artifacts, problems, json, vars } = emit(stack);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      const configs = artifacts.filter((a) => a.path.endsWith('.json'));
      expect(configs.length).toBeGreaterThan(0);
      for (const a of artifacts) {
        expect(a.target).toBe('railway');
        expect(a.content.endsWith('\n')).toBe(true);
      }
      for (const c of configs) {
        expect(c.path).toMatch(/(^|\/)railway(\.[a-z0-9-]+)?\.json$/);
        expect(c.environment).toBeUndefined();
        const doc = json(c.path);
        expect(railwaySchemaProblems(doc), c.path).toEqual([]);
        expect(doc.$schema).toBe('https://railway.com/railway.schema.json');
        // Overrides only name environments of the target and say something.
        for (const [env, o] of Object.entries(doc.environments ?? {})) {
          expect(environments).toContain(env);
          expect(Object.keys(o).length).toBeGreaterThan(0);
        }
      }
      const envFiles = artifacts.filter((a) => a.path.endsWith('.env'));
      for (const f of envFiles) {
        expect(f.content.startsWith('# Generated by stackc from stack.yaml.')).toBe(true);
        expect(environments).toContain(f.environment);
        expect(f.path).toMatch(new RegExp(`(^|/)railway(\\.[a-z0-9-]+)?\\.${f.environment}\\.env$`));
        vars(f.path);
      }
      // Every service the target deploys has its config and one variables file per environment it is in.
      const services = config?.services ?? allServices(stack);
      const expected = environments.flatMap((env) => stack.views.get(env)!.services.filter((s) => services.includes(s.name)).map((s) => `${s.name}@${env}`));
      expect(envFiles.length).toBe(expected.length);
    });

    it(`${name}: emitting twice gives byte-identical files`, () => {
      expect(emit(fixture(name)).artifacts).toEqual(emit(stack).artifacts);
    });
  }

  it('fullstack: api and worker share ./backend, so each gets railway.<service>.json', () => {
    const e = emit(fixture('fullstack'));
    expect(e.artifacts.map((a) => a.path)).toEqual([
      'backend/railway.api.json',
      'backend/railway.api.development.env',
      'backend/railway.api.staging.env',
      'backend/railway.api.production.env',
      'backend/railway.worker.json',
      'backend/railway.worker.development.env',
      'backend/railway.worker.staging.env',
      'backend/railway.worker.production.env',
    ]);
    expect(e.file('backend/railway.api.staging.env')).toContain('#   Config-as-code → Railway Config File: /backend/railway.api.json\n');
    expect(e.file('backend/railway.api.staging.env')).toContain('#   Source → Root Directory: /backend\n');
  });

  it('fullstack: the base is stack.yaml\'s base definition; environments override only what differs', () => {
    const api = emit(fixture('fullstack')).json('backend/railway.api.json');
    expect(api.build).toEqual({ builder: 'DOCKERFILE', dockerfilePath: 'Dockerfile', watchPatterns: ['/backend/**'] });
    expect(api.deploy).toEqual({
      startCommand: 'uvicorn pazpaz.main:app --host 0.0.0.0 --port 8000',
      preDeployCommand: 'alembic upgrade head',
      healthcheckPath: '/health',
      // start_period 40s + 3 retries × 30s.
      healthcheckTimeout: 130,
      restartPolicyType: 'ALWAYS',
      numReplicas: 2,
    });
    expect(api.environments).toEqual({
      development: {
        build: { dockerfilePath: 'Dockerfile.dev' },
        deploy: { startCommand: 'uvicorn pazpaz.main:app --host 0.0.0.0 --port 8000 --reload', numReplicas: 1 },
      },
      production: { deploy: { numReplicas: 3 } },
    });
    const worker = emit(fixture('fullstack')).json('backend/railway.worker.json');
    expect(worker.environments).toBeUndefined();
    expect(worker.deploy).toEqual({ startCommand: 'arq pazpaz.worker.WorkerSettings', restartPolicyType: 'ALWAYS', numReplicas: 1 });
  });

  it('fullstack: backing services are Railway reference variables; the external database is a variable to set', () => {
    const e = emit(fixture('fullstack'));
    expect(e.vars('backend/railway.api.staging.env')).toEqual({
      LOG_LEVEL: 'info',
      DATABASE_URL: '${{Postgres.DATABASE_URL}}',
      REDIS_URL: '${{Redis.REDIS_URL}}',
      FRONTEND_URL: 'https://staging.pazpaz.example',
      CORS_ORIGINS: 'https://staging.pazpaz.example',
      PORT: '8000',
    });
    const production = e.vars('backend/railway.api.production.env');
    expect(production.DATABASE_URL).toBeUndefined();
    expect(production.REDIS_URL).toBe('${{Redis.REDIS_URL}}');
    expect(e.file('backend/railway.api.production.env')).toMatch(/^#   DATABASE_URL +URL of the external postgres `db`$/m);
    expect(e.file('backend/railway.api.staging.env')).toContain('#   db (postgres 16): Railway\'s Postgres database, service named Postgres\n');
    expect(e.file('backend/railway.api.production.env')).not.toContain('#   db (postgres');
    expect(has(e.problems, 'railway/resource', ['resources', 'db'])).toBe(true);
    expect(has(e.problems, 'railway/external-resource', ['resources', 'db'])).toBe(true);
  });

  it('fullstack: secrets are listed by name in comments, never as variables', () => {
    const e = emit(fixture('fullstack'));
    for (const a of e.artifacts.filter((x) => x.path.endsWith('.env'))) {
      const vars = e.vars(a.path);
      for (const name of ['SECRET_KEY', 'SENTRY_DSN', 'SMTP_PASSWORD']) {
        expect(vars[name], `${a.path}: ${name}`).toBeUndefined();
        expect(a.content).toMatch(new RegExp(`^#   ${name} +secret$`, 'm'));
      }
    }
    for (const a of e.artifacts.filter((x) => x.path.endsWith('.json'))) expect(a.content).not.toMatch(/SECRET_KEY|PASSWORD/);
  });

  it('fullstack: what railway.json cannot say is reported and listed', () => {
    const e = emit(fixture('fullstack'));
    expect(has(e.problems, 'railway/build-target', ['services', 'api', 'build'])).toBe(true);
    expect(has(e.problems, 'railway/autoscale', ['services', 'api', 'environments', 'production', 'autoscale'])).toBe(true);
    expect(has(e.problems, 'railway/volume-replicas', ['services', 'api', 'volumes', 0])).toBe(true);
    expect(has(e.problems, 'railway/healthcheck', ['services', 'worker', 'healthcheck'])).toBe(true);
    expect(has(e.problems, 'railway/resources', ['services', 'api', 'resources'])).toBe(true);
    expect(has(e.problems, 'railway/bind-mount', ['services', 'api', 'environments', 'development', 'volumes', 0])).toBe(true);
    expect(e.file('backend/railway.api.production.env')).toContain('#   - autoscale (3-10): a fixed 3 replicas\n');
    expect(e.file('backend/railway.worker.staging.env')).toContain('#   - command healthcheck: not expressible (Railway checks an http path)\n');
    const keys = e.problems.map((p) => JSON.stringify([p.code, p.path, p.message]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fullstack: --env builds one environment\'s variables and the same railway.json', () => {
    const all = emit(fixture('fullstack'));
    const one = emit(fixture('fullstack'), { environments: ['production'] });
    expect(one.artifacts.map((a) => a.path)).toEqual(['backend/railway.api.json', 'backend/railway.api.production.env', 'backend/railway.worker.json', 'backend/railway.worker.production.env']);
    for (const a of one.artifacts) expect(a.content).toBe(all.file(a.path));
    // Only the environment being built reports.
    expect(has(one.problems, 'railway/bind-mount')).toBe(false);
  });

  it('saas: one service per directory gets railway.json; the public URL of the static site', () => {
    const e = emit(fixture('saas'));
    expect(e.artifacts.map((a) => a.path)).toEqual(['apps/api/railway.json', 'apps/api/railway.development.env', 'apps/api/railway.production.env']);
    const api = e.json('apps/api/railway.json');
    expect(api.build?.dockerfilePath).toBe('Dockerfile');
    expect(api.environments?.development).toEqual({ build: { dockerfilePath: 'Dockerfile.dev' }, deploy: { startCommand: 'npm run dev' } });
    expect(api.environments?.production).toEqual({ deploy: { numReplicas: 2 } });
    expect(api.deploy?.preDeployCommand).toBe('npx prisma migrate deploy');
    expect(e.vars('apps/api/railway.production.env').APP_URL).toBe('https://invoicely.example');
    // web is not deployed by this target and development has no domain: a value to set, with a warning.
    expect(e.vars('apps/api/railway.development.env').APP_URL).toBeUndefined();
    expect(has(e.problems, 'railway/service-not-deployed', ['services', 'api', 'env', 'APP_URL'])).toBe(true);
  });

  it('saas: a static site builds with Railpack from its root; build settings become Railpack variables', () => {
    const e = emit(fixture('saas'), { services: ['api', 'web'] });
    const web = e.json('apps/web/railway.json');
    expect(web).toEqual({ $schema: 'https://railway.com/railway.schema.json', build: { builder: 'RAILPACK', buildCommand: 'npm run build', watchPatterns: ['/apps/web/**'] } });
    expect(e.vars('apps/web/railway.production.env')).toEqual({ NEXT_PUBLIC_API_URL: 'https://api.invoicely.example', RAILPACK_NODE_VERSION: '20' });
    // Without a domain, the public URL of a service Railway serves is its Railway domain.
    expect(e.vars('apps/web/railway.development.env').NEXT_PUBLIC_API_URL).toBe('https://${{api.RAILWAY_PUBLIC_DOMAIN}}');
    expect(e.vars('apps/api/railway.development.env').APP_URL).toBe('https://${{web.RAILWAY_PUBLIC_DOMAIN}}');
  });

  it('minimal: an image-only service: deploy settings only, the image set in the service', () => {
    const e = emit(fixture('minimal'));
    expect(e.artifacts.map((a) => a.path)).toEqual(['railway.json', 'railway.development.env']);
    expect(e.json('railway.json')).toEqual({
      $schema: 'https://railway.com/railway.schema.json',
      deploy: { healthcheckPath: '/', healthcheckTimeout: 90, restartPolicyType: 'ALWAYS', numReplicas: 1 },
    });
    expect(e.file('railway.development.env')).toContain('#   Source → Image: nginx:1.27-alpine\n');
    expect(e.vars('railway.development.env')).toEqual({ PORT: '80' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('railway target: translation', () => {
  const stack = load(`stack: 1
name: shop
environments:
  development: {}
  staging: {}
  production: { domain: shop.example }
services:
  api:
    build: { context: ., dockerfile: Dockerfile, args: { NODE_ENV: production } }
    entrypoint: [/entry.sh]
    command: [node, server.js, --name, "my app"]
    ports: [3000]
    public: true
    env:
      INTERNAL: \${services.internal.url}
      INTERNAL_HOST: \${services.internal.host}
      DSN: "postgresql://\${resources.main.user}:\${resources.main.password}@\${resources.main.host}:\${resources.main.port}/\${resources.main.database}"
      ANALYTICS: \${resources.analytics.url}
      MARIA: \${resources.maria.url}
      MQ: \${resources.mq.url}
      MONGO: \${resources.docs.url}
      QUOTED: "a value # with a hash"
    secrets: [JWT_SECRET]
    healthcheck: { http: /ready, interval: 10s, retries: 2 }
    environments:
      production:
        healthcheck: { disable: true, reason: behind a load balancer check }
        release: [node, migrate.js]
  internal:
    image: ghcr.io/acme/internal:2
    ports: [7000]
    restart: on-failure
  cron:
    image: ghcr.io/acme/cron:2
    environments:
      staging: { enabled: false }
resources:
  main: { type: postgres }
  analytics: { type: postgres }
  maria: { type: mariadb }
  mq: { type: rabbitmq }
  docs: { type: mongodb }
targets:
  railway: {}
`);
  const e = emit(stack);

  it('writes the start command from entrypoint and command, quoted for a shell splitter', () => {
    expect(e.json('railway.api.json').deploy?.startCommand).toBe(`/entry.sh node server.js --name 'my app'`);
    expect(e.json('railway.api.json').build).toEqual({ builder: 'DOCKERFILE', dockerfilePath: 'Dockerfile' });
  });

  it('resets what an environment does not have with null, and reports what cannot be reset', () => {
    const api = e.json('railway.api.json');
    expect(api.deploy).toMatchObject({ healthcheckPath: '/ready', healthcheckTimeout: 20 });
    expect(api.deploy?.preDeployCommand).toBeUndefined();
    expect(api.environments?.production).toEqual({ deploy: { preDeployCommand: 'node migrate.js', healthcheckPath: null, healthcheckTimeout: null } });
    expect(railwaySchemaProblems(api)).toEqual([]);
    expect(e.json('railway.internal.json').deploy).toEqual({ restartPolicyType: 'ON_FAILURE', numReplicas: 1 });
    // A service switched off in an environment cannot be switched off by railway.json.
    expect(has(e.problems, 'railway/disabled-service', ['services', 'cron'])).toBe(true);
    expect(e.artifacts.filter((a) => a.path.startsWith('railway.cron.')).map((a) => a.path)).toEqual(['railway.cron.json', 'railway.cron.development.env', 'railway.cron.production.env']);
  });

  it('resolves references to Railway reference variables and private networking', () => {
    const vars = e.vars('railway.api.development.env');
    expect(vars.INTERNAL).toBe('http://${{internal.RAILWAY_PRIVATE_DOMAIN}}:7000');
    expect(vars.INTERNAL_HOST).toBe('${{internal.RAILWAY_PRIVATE_DOMAIN}}');
    // Two postgres resources: each Railway service is named after its resource.
    expect(vars.DSN).toBe('postgresql://${{main.PGUSER}}:${{main.PGPASSWORD}}@${{main.PGHOST}}:${{main.PGPORT}}/${{main.PGDATABASE}}');
    expect(vars.ANALYTICS).toBe('${{analytics.DATABASE_URL}}');
    // Template resources: URLs built from the image's variables and Railway's private domain.
    expect(vars.MARIA).toBe('mysql://${{MariaDB.MARIADB_USER}}:${{MariaDB.MARIADB_PASSWORD}}@${{MariaDB.RAILWAY_PRIVATE_DOMAIN}}:3306/${{MariaDB.MARIADB_DATABASE}}');
    expect(vars.MQ).toBe('amqp://${{RabbitMQ.RABBITMQ_DEFAULT_USER}}:${{RabbitMQ.RABBITMQ_DEFAULT_PASS}}@${{RabbitMQ.RAILWAY_PRIVATE_DOMAIN}}:5672');
    expect(vars.MONGO).toBe('${{MongoDB.MONGO_URL}}');
    expect(vars.QUOTED).toBe('"a value # with a hash"');
    expect(vars.PORT).toBe('3000');
    expect(vars.NODE_ENV).toBe('production');
    expect(vars.JWT_SECRET).toBeUndefined();
    expect(has(e.problems, 'railway/private-network', ['services', 'api', 'env', 'INTERNAL'])).toBe(true);
    expect(e.file('railway.api.development.env')).toContain('#   analytics (postgres 17): Railway\'s Postgres database, service named analytics (rename it)\n');
  });

  it('a reference to a service the target does not deploy is a value to set', () => {
    const only = emit(stack, { services: ['api'] });
    // Alone in its directory now, api's files are railway.json and railway.<env>.env.
    expect(only.artifacts.map((a) => a.path)).toEqual(['railway.json', 'railway.development.env', 'railway.staging.env', 'railway.production.env']);
    expect(only.vars('railway.staging.env').INTERNAL).toBeUndefined();
    expect(only.file('railway.staging.env')).toMatch(/^#   INTERNAL +url of `internal`, which Railway does not run$/m);
    expect(has(only.problems, 'railway/service-not-deployed', ['services', 'api', 'env', 'INTERNAL'])).toBe(true);
  });

  it('the production domain is a custom domain on the public port; elsewhere Railway generates one', () => {
    expect(e.file('railway.api.production.env')).toContain('#   Networking → Custom Domain: shop.example, port 3000\n');
    expect(e.file('railway.api.development.env')).toContain('#   Networking → Generate Domain, port 3000\n');
  });

  it('warns when an environment drops a setting railway.json cannot unset', () => {
    const s = load(`stack: 1
name: shop
environments: { staging: {}, production: {} }
services:
  api:
    build: ./api
    environments:
      production: { build: { context: . } }
`);
    const r = emit(s);
    // Built from the stack root in production, api has no watch patterns there; Railway has no way
    // to unset the base's.
    expect(r.json('api/railway.json').build).toEqual({ builder: 'DOCKERFILE', dockerfilePath: 'Dockerfile', watchPatterns: ['/api/**'] });
    expect(has(r.problems, 'railway/override', ['services', 'api'])).toBe(true);
  });

  it('quotes variable values the .env way only when needed', () => {
    expect(envValue('plain-value_1.2:3/x')).toBe('plain-value_1.2:3/x');
    expect(envValue('${{Postgres.DATABASE_URL}}')).toBe('${{Postgres.DATABASE_URL}}');
    expect(envValue('two words')).toBe('"two words"');
    expect(envValue('say "hi"\nbye')).toBe('"say \\"hi\\"\\nbye"');
  });
});
