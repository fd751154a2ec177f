import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planTarget } from '../../src/deploy/placement.js';
import { capabilityGaps, declaredCodes, gapFinder } from '../../src/emit/capabilities.js';
import type { Artifact, BuildProblem, EmitContext } from '../../src/emit/target.js';
import type { Stack } from '../../src/model/stack.js';
import railway from '../../targets/railway/index.js';
import { diffSides } from '../../src/diff/engine.js';
import { formatText } from '../../src/diff/format/text.js';
import type { Side } from '../../src/diff/model.js';
import { plain } from '../../src/diagnostics/format.js';
import { envValue } from '../../targets/railway/text.js';
import { allServices, emitContext, hasProblem, loadFixture, loadText, emitTarget } from './context.js';

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


/**
 * Emits with the stack's own `targets.railway`, or (when it has none) for every service and
 * environment. A `services` override narrows the target's filter, so its plan runs only those.
 */
function emit(stack: Stack, overrides: Partial<EmitContext> = {}): Emitted {
  const base = emitContext(stack, 'railway', overrides);
  const ctx = overrides.services ? { ...base, plan: planTarget(base.model, { ...base.plan.config, services: overrides.services }, railway.capabilities?.runs) } : base;
  const { problems } = ctx;
  const artifacts = emitTarget(railway, ctx);
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




const FIXTURES = ['fullstack', 'saas', 'minimal', 'design-sketch'];

// ---------------------------------------------------------------------------------------------

describe('railway target: example stacks', () => {
  for (const name of FIXTURES) {
    const stack = loadFixture(name);
    const config = stack.targets.find((t) => t.name === 'railway');
    const environments = config?.environments ?? stack.environments.map((e) => e.name);
    const label = config ? `its railway target (${(config.services ?? ['all']).join(', ')})` : 'every service and environment';

    it(`${name}: railway.json of ${label} validates; a variables file per environment`, () => {
      const { artifacts, problems, json, vars } = emit(stack);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      const configs = artifacts.filter((a) => a.path.endsWith('.json'));
      // A railway.json for each service deployed from code; one deployed from an image has none.
      const fromCode = new Set(environments.flatMap((env) => stack.views.get(env)!.services.filter((s) => (config?.services ?? allServices(stack)).includes(s.name) && (s.build || s.static)).map((s) => s.name)));
      expect(configs.length).toBe(fromCode.size);
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
      expect(emit(loadFixture(name)).artifacts).toEqual(emit(stack).artifacts);
    });
  }

  it('fullstack: api and worker share ./backend, so each gets railway.<service>.json', () => {
    const e = emit(loadFixture('fullstack'));
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

  it('tells how to set variables with the current CLI (`railway variable set`), secrets read from stdin so no value reaches the shell history', () => {
    const header = emit(loadFixture('fullstack')).file('backend/railway.api.staging.env');
    expect(header).toContain('#   railway variable set "NAME=value" --service api --environment staging\n');
    expect(header).toContain('#   printf %s "$VALUE" | railway variable set NAME --stdin --service api --environment staging\n');
    // `railway variables --set` is the form Railway's CLI docs list as deprecated.
    expect(header).not.toContain('--set');
  });

  it('says a built service is built by Railway from the uploaded source, not from the image CI pushes (issue 17, item 13)', () => {
    const header = emit(loadFixture('fullstack')).file('backend/railway.api.staging.env');
    expect(header).toContain('# Railway builds the image from the uploaded source, not the image CI pushes: its CLI cannot point a service at a new image tag.\n');
    // A static site is no image at all: nothing to say.
    expect(emit(loadFixture('saas')).artifacts.filter((a) => a.path.includes('web')).every((a) => !a.content.includes('image CI pushes'))).toBe(true);
  });

  it('fullstack: the base is stack.yaml\'s base definition; environments override only what differs', () => {
    const api = emit(loadFixture('fullstack')).json('backend/railway.api.json');
    expect(api.build).toEqual({ builder: 'DOCKERFILE', dockerfilePath: 'Dockerfile', watchPatterns: ['/backend/**'] });
    expect(api.deploy).toEqual({
      startCommand: 'uvicorn pazpaz.main:app --host 0.0.0.0 --port 8000',
      preDeployCommand: 'alembic upgrade head',
      healthcheckPath: '/health',
      // start_period 40s + 3 retries × 30s.
      healthcheckTimeout: 130,
      restartPolicyType: 'ALWAYS',
      // 2 (and 3 in production) asked for, but it mounts a volume: Railway runs one replica.
      numReplicas: 1,
    });
    expect(api.environments).toEqual({
      development: {
        build: { dockerfilePath: 'Dockerfile.dev' },
        deploy: { startCommand: 'uvicorn pazpaz.main:app --host 0.0.0.0 --port 8000 --reload' },
      },
    });
    const worker = emit(loadFixture('fullstack')).json('backend/railway.worker.json');
    expect(worker.environments).toBeUndefined();
    expect(worker.deploy).toEqual({ startCommand: 'arq pazpaz.worker.WorkerSettings', restartPolicyType: 'ALWAYS', numReplicas: 1 });
  });

  it('fullstack: backing services are Railway reference variables; the external database is a variable to set', () => {
    const e = emit(loadFixture('fullstack'));
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
    expect(hasProblem(e.problems, 'railway/resource', ['resources', 'db'])).toBe(true);
    expect(hasProblem(e.problems, 'railway/external-resource', ['resources', 'db'])).toBe(true);
  });

  it('fullstack: secrets are listed by name in comments, never as variables', () => {
    const e = emit(loadFixture('fullstack'));
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
    const e = emit(loadFixture('fullstack'));
    expect(hasProblem(e.problems, 'railway/build-target', ['services', 'api', 'build'])).toBe(true);
    expect(hasProblem(e.problems, 'railway/autoscale', ['services', 'api', 'environments', 'production', 'autoscale'])).toBe(true);
    expect(hasProblem(e.problems, 'railway/volume-replicas', ['services', 'api', 'volumes', 0])).toBe(true);
    expect(hasProblem(e.problems, 'railway/healthcheck', ['services', 'worker', 'healthcheck'])).toBe(true);
    expect(hasProblem(e.problems, 'railway/resources', ['services', 'api', 'resources'])).toBe(true);
    expect(hasProblem(e.problems, 'railway/bind-mount', ['services', 'api', 'environments', 'development', 'volumes', 0])).toBe(true);
    expect(e.file('backend/railway.api.production.env')).toContain('#   - autoscale (3-10): a fixed 1 replica\n');
    expect(e.file('backend/railway.worker.staging.env')).toContain('#   - command healthcheck: not expressible (Railway checks an http path)\n');
    const keys = e.problems.map((p) => JSON.stringify([p.code, p.path, p.message]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fullstack: --env builds one environment\'s variables and the same railway.json', () => {
    const all = emit(loadFixture('fullstack'));
    const one = emit(loadFixture('fullstack'), { environments: ['production'] });
    expect(one.artifacts.map((a) => a.path)).toEqual(['backend/railway.api.json', 'backend/railway.api.production.env', 'backend/railway.worker.json', 'backend/railway.worker.production.env']);
    for (const a of one.artifacts) expect(a.content).toBe(all.file(a.path));
    // Only the environment being built reports.
    expect(hasProblem(one.problems, 'railway/bind-mount')).toBe(false);
  });

  it('saas: one service per directory gets railway.json; the public URL of the static site', () => {
    const e = emit(loadFixture('saas'));
    expect(e.artifacts.map((a) => a.path)).toEqual(['apps/api/railway.json', 'apps/api/railway.development.env', 'apps/api/railway.production.env']);
    const api = e.json('apps/api/railway.json');
    expect(api.build?.dockerfilePath).toBe('Dockerfile');
    expect(api.environments?.development).toEqual({ build: { dockerfilePath: 'Dockerfile.dev' }, deploy: { startCommand: 'npm run dev' } });
    expect(api.environments?.production).toEqual({ deploy: { numReplicas: 2 } });
    expect(api.deploy?.preDeployCommand).toBe('npx prisma migrate deploy');
    expect(e.vars('apps/api/railway.production.env').APP_URL).toBe('https://invoicely.example');
    // web is not deployed by this target and development has no domain: a value to set, with a warning.
    expect(e.vars('apps/api/railway.development.env').APP_URL).toBeUndefined();
    expect(hasProblem(e.problems, 'railway/service-not-deployed', ['services', 'api', 'env', 'APP_URL'])).toBe(true);
  });

  it('saas: a static site builds with Railpack from its root; build settings become Railpack variables', () => {
    const e = emit(loadFixture('saas'), { services: ['api', 'web'] });
    const web = e.json('apps/web/railway.json');
    expect(web).toEqual({ $schema: 'https://railway.com/railway.schema.json', build: { builder: 'RAILPACK', buildCommand: 'npm run build', watchPatterns: ['/apps/web/**'] } });
    expect(e.vars('apps/web/railway.production.env')).toEqual({ NEXT_PUBLIC_API_URL: 'https://api.invoicely.example', RAILPACK_NODE_VERSION: '20' });
    // Without a domain, the public URL of a service Railway serves is its Railway domain.
    expect(e.vars('apps/web/railway.development.env').NEXT_PUBLIC_API_URL).toBe('https://${{api.RAILWAY_PUBLIC_DOMAIN}}');
    expect(e.vars('apps/api/railway.development.env').APP_URL).toBe('https://${{web.RAILWAY_PUBLIC_DOMAIN}}');
  });

  it('minimal: an image-only service has no railway.json (an image source has no code to read it from): its settings are in the setup', () => {
    const e = emit(loadFixture('minimal'));
    expect(e.artifacts.map((a) => a.path)).toEqual(['railway.development.env']);
    const text = e.file('railway.development.env');
    expect(text).toContain(
      [
        '#   Source → Image: nginxinc/nginx-unprivileged:1.27-alpine',
        '#   Deploy → Healthcheck Path: / (Healthcheck Timeout: 90 s)',
        '#   Deploy → Restart Policy: Always',
        '#   Deploy → Replicas: 1',
      ].join('\n'),
    );
    expect(text).not.toContain('railway up');
    expect(text).not.toContain('Config-as-code');
    expect(text).toContain('#   railway redeploy --service web --environment development --from-source --yes\n');
    expect(e.vars('railway.development.env')).toEqual({ PORT: '8080' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('railway target: translation', () => {
  const stack = loadText(`stack: 1
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
    expect(e.file('railway.internal.production.env')).toContain('#   Deploy → Restart Policy: On Failure\n#   Deploy → Replicas: 1\n');
    // A service switched off in an environment cannot be switched off by railway.json.
    expect(hasProblem(e.problems, 'railway/disabled-service', ['services', 'cron'])).toBe(true);
    expect(e.artifacts.filter((a) => a.path.startsWith('railway.cron.')).map((a) => a.path)).toEqual(['railway.cron.development.env', 'railway.cron.production.env']);
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
    expect(hasProblem(e.problems, 'railway/private-network', ['services', 'api', 'env', 'INTERNAL'])).toBe(true);
    expect(e.file('railway.api.development.env')).toContain('#   analytics (postgres 17): Railway\'s Postgres database, service named analytics (rename it)\n');
  });

  it('a reference to a service the target does not deploy is a value to set', () => {
    const only = emit(stack, { services: ['api'] });
    // Alone in its directory now, api's files are railway.json and railway.<env>.env.
    expect(only.artifacts.map((a) => a.path)).toEqual(['railway.json', 'railway.development.env', 'railway.staging.env', 'railway.production.env']);
    expect(only.vars('railway.staging.env').INTERNAL).toBeUndefined();
    expect(only.file('railway.staging.env')).toMatch(/^#   INTERNAL +url of `internal`, which Railway does not run$/m);
    expect(hasProblem(only.problems, 'railway/service-not-deployed', ['services', 'api', 'env', 'INTERNAL'])).toBe(true);
  });

  it('the production domain is a custom domain on the public port; elsewhere Railway generates one', () => {
    expect(e.file('railway.api.production.env')).toContain('#   Networking → Custom Domain: shop.example, port 3000\n');
    expect(e.file('railway.api.development.env')).toContain('#   Networking → Generate Domain, port 3000\n');
  });

  it('warns when an environment drops a setting railway.json cannot unset', () => {
    const s = loadText(`stack: 1
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
    expect(hasProblem(r.problems, 'railway/override', ['services', 'api'])).toBe(true);
  });

  it('quotes variable values the .env way only when needed', () => {
    expect(envValue('plain-value_1.2:3/x')).toBe('plain-value_1.2:3/x');
    expect(envValue('${{Postgres.DATABASE_URL}}')).toBe('${{Postgres.DATABASE_URL}}');
    expect(envValue('two words')).toBe('"two words"');
    expect(envValue('say "hi"\nbye')).toBe('"say \\"hi\\"\\nbye"');
  });
});

// ---------------------------------------------------------------------------------------------

describe('railway target: on the deployment model', () => {
  const stack = loadText(`stack: 1
name: shop
environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1
    ports: [8000, 9000]
    public: { port: 9000, host: "api.\${environment.domain}" }
    healthcheck: { http: /health }
    labels: { team: core }
    env:
      SELF_URL: \${services.api.url}
      SELF_PORT: \${services.api.port}
      WORKER: \${services.worker.url}
      WORKER_PUBLIC: \${services.worker.public_url}
      SITE: \${services.site.public_url}
      DOCS: \${services.docs.url}
      EXTERNAL: \${resources.ext.url}
    secrets: [TOKEN]
  worker:
    image: ghcr.io/acme/worker:1
    ports: ["53:53/udp", 7000]
    healthcheck: { http: /ready }
    environments:
      production: { public: { host: "worker.\${environment.domain}" } }
  site:
    static: { root: ./site, build: npm run build }
  docs:
    static: { root: ./docs, build: npm run build }
    public: { host: "docs.\${environment.domain}" }
resources:
  ext: { type: postgres, external: true }
targets:
  railway: { services: [api, worker, site] }
`);
  const e = emit(stack);

  it('`${services.X.port}` and `.url` are the main port; PORT is the served port', () => {
    const vars = e.vars('railway.api.development.env');
    expect(vars.PORT).toBe('9000');
    expect(vars.SELF_PORT).toBe('8000');
    expect(vars.SELF_URL).toBe('http://${{api.RAILWAY_PRIVATE_DOMAIN}}:8000');
    // The first TCP port, not a UDP port listed before it.
    expect(vars.WORKER).toBe('http://${{worker.RAILWAY_PRIVATE_DOMAIN}}:7000');
    expect(e.vars('railway.worker.development.env').PORT).toBe('7000');
    expect(e.file('railway.api.development.env')).toContain('#   Networking → Generate Domain, port 9000\n');
  });

  it('a public URL where the service is not public: the private address, and no warning of its own (the model warns)', () => {
    expect(e.vars('railway.api.development.env').WORKER_PUBLIC).toBe('http://${{worker.RAILWAY_PRIVATE_DOMAIN}}:7000');
    expect(e.vars('railway.api.production.env').WORKER_PUBLIC).toBe('https://worker.shop.example');
    expect(e.problems.map((p) => p.code)).not.toContain('railway/not-public');
  });

  it('a static site is public on the environment\'s domain, or on the domain Railway generates', () => {
    expect(e.vars('railway.api.development.env').SITE).toBe('https://${{site.RAILWAY_PUBLIC_DOMAIN}}');
    expect(e.vars('railway.api.production.env').SITE).toBe('https://shop.example');
    expect(e.file('site/railway.development.env')).toContain('#   Networking → Generate Domain\n');
    expect(e.file('site/railway.production.env')).toContain('#   Networking → Custom Domain: shop.example\n');
  });

  it('a static site left out by the filter is warned about in the shared wording', () => {
    expect(e.file('railway.api.development.env')).toMatch(/^#   DOCS +url of `docs`, which Railway does not run$/m);
    const warning = e.problems.find((p) => p.code === 'railway/service-not-deployed' && JSON.stringify(p.path) === JSON.stringify(['services', 'api', 'env', 'DOCS']));
    expect(warning?.message).toBe('`DOCS` of `api` refers to `${services.docs.url}`, but `docs` is not among the services the railway target runs; set DOCS yourself');
    expect(warning?.hint).toBe('use `${services.docs.public_url}`');
  });

  it('an explicit public host that the world can reach is a custom domain even without an environment domain', () => {
    const s = loadText(`stack: 1
name: shop
environments: { development: {} }
services:
  api:
    image: ghcr.io/acme/api:1
    ports: [8000]
    public: { host: api.acme.test }
    healthcheck: { http: /health }
  web:
    image: ghcr.io/acme/web:1
    ports: [3000]
    healthcheck: { http: /health }
    env:
      API: \${services.api.public_url}
targets:
  railway: {}
`);
    const r = emit(s);
    expect(r.file('railway.api.development.env')).toContain('#   Networking → Custom Domain: api.acme.test, port 8000\n');
    expect(r.vars('railway.web.development.env').API).toBe('https://api.acme.test');
  });

  it('the gaps are reported from the model before rendering, and the file lists their notes', () => {
    const ctx = emitContext(stack, 'railway');
    const fromModel: BuildProblem[] = [];
    capabilityGaps(gapFinder(railway.capabilities!, ctx.plan, ctx.options), ctx.plan, ctx.plan.environments, (p: BuildProblem) => fromModel.push(p));
    const gapCodes = new Set(railway.capabilities!.gaps.map((g) => g.code));
    const key = (p: BuildProblem) => JSON.stringify([p.code, p.path, p.message]);
    expect(new Set(e.problems.filter((p) => gapCodes.has(p.code)).map(key))).toEqual(new Set(fromModel.map(key)));
    expect(hasProblem(fromModel, 'railway/labels', ['services', 'api', 'labels'])).toBe(true);
    expect(hasProblem(fromModel, 'railway/extra-port', ['services', 'api', 'ports', 0])).toBe(true);
    expect(e.file('railway.api.development.env')).toContain('#   - labels: left out (team)\n');
  });

  it('reports only codes its capabilities declare', () => {
    const declared = declaredCodes(railway.capabilities!);
    for (const s of [stack, loadFixture('fullstack'), loadFixture('saas')]) {
      for (const p of emit(s).problems) expect(declared.has(p.code), p.code).toBe(true);
    }
  });

  it('every file says what it deploys, the images written in it, the secrets to set (names only) and the Railway services it names', () => {
    for (const a of e.artifacts) expect(a.facts?.services, a.path).toHaveLength(1);
    expect(e.artifacts.find((a) => a.path === 'railway.api.json')).toBeUndefined(); // deployed from an image
    expect(e.artifacts.find((a) => a.path === 'railway.api.development.env')?.facts).toEqual({ services: ['api'], images: ['ghcr.io/acme/api:1'], secrets: ['EXTERNAL', 'TOKEN'], names: { api: 'api' } });
    expect(e.artifacts.find((a) => a.path === 'site/railway.production.env')?.facts).toMatchObject({ services: ['site'], images: [], secrets: [] });
  });
});

describe('railway target: one-shot services', () => {
  it('warns that nothing waits for a one-shot a service needs, and hints at `release`', () => {
    const e = emit(
      loadText(`stack: 1
name: shop
services:
  migrate: { image: "ghcr.io/acme/api:1.0", restart: "no", command: [alembic, upgrade, head] }
  api: { image: "ghcr.io/acme/api:1.0", ports: [8000], healthcheck: { http: /health }, depends_on: [migrate] }
`),
    );
    expect(e.problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', code: 'railway/one-shot', path: ['services', 'migrate', 'restart'], hint: expect.stringContaining('preDeployCommand') }),
    );
  });
});

describe('railway target: redis', () => {
  it("reads the password of Railway's Redis, whose REDIS_URL already carries it", () => {
    const e = emit(loadText(`stack: 1
name: shop
services:
  api:
    image: ghcr.io/acme/api:1
    env: { URL: "\${resources.cache.url}", PW: "\${resources.cache.password}" }
resources:
  cache: { type: redis }
targets:
  railway: {}
`));
    const vars = e.vars('railway.development.env');
    expect(vars.URL).toBe('${{Redis.REDIS_URL}}');
    expect(vars.PW).toBe('${{Redis.REDISPASSWORD}}');
  });
});

describe('railway target: --out', () => {
  const stack = loadText(`stack: 1
name: mono
services:
  api: { build: { context: backend }, ports: [8000], healthcheck: { http: /health } }
  site: { static: { root: web, build: npm run build, output: dist } }
targets:
  railway: {}
`);

  it('with stack.yaml in a subdirectory, writes into the root directories and gives their paths from the repository root', () => {
    const e = emit(stack, { stackFile: 'app/stack.yaml' });
    expect(e.artifacts.map((a) => a.path).sort()).toEqual(['app/backend/railway.development.env', 'app/backend/railway.json', 'app/web/railway.development.env', 'app/web/railway.json']);
    expect(e.json('app/backend/railway.json').build?.watchPatterns).toEqual(['/app/backend/**']);
    expect(e.json('app/web/railway.json').build?.watchPatterns).toEqual(['/app/web/**']);
    const header = e.file('app/backend/railway.development.env');
    expect(header).toContain('#   Source → Root Directory: /app/backend\n');
    expect(header).toContain('#   Config-as-code → Railway Config File: /app/backend/railway.json\n');
    expect(e.problems.map((p) => p.code)).not.toContain('railway/out-of-tree');
  });

  it('a root directory outside the output directory is mirrored below it, with a warning', () => {
    const e = emit(stack, { stackFile: '../stack.yaml' });
    expect(e.artifacts.map((a) => a.path).sort()).toEqual(['backend/railway.development.env', 'backend/railway.json', 'web/railway.development.env', 'web/railway.json']);
    expect(e.json('backend/railway.json').build?.watchPatterns).toEqual(['/backend/**']);
    expect(e.file('backend/railway.development.env')).toContain('Railway Config File: /backend/railway.json  (from the output directory: use the path where it is committed)');
    expect(hasProblem(e.problems, 'railway/out-of-tree', ['services', 'api', 'build'])).toBe(true);
  });
});

describe('railway target: a static site served as it is (issue 17, item 18)', () => {
  // Railpack serves a site without a build from its root with Caddy's file_server, which hides only
  // .git and .env*: railway.json and railway.<env>.env there would be downloadable from the site.
  const stack = loadText(`stack: 1
name: brochure
environments:
  production: { domain: brochure.example }
services:
  site: { static: { root: ./site }, env: { GREETING: hello } }
  built: { static: { root: ./app, build: npm run build, output: dist }, public: { host: app.brochure.example } }
  prebuilt: { static: { root: ./docs, output: public }, public: { host: docs.brochure.example } }
targets:
  railway: {}
`);
  const e = emit(stack);
  const paths = e.artifacts.map((a) => a.path).sort();

  it('writes the files of a site without a build to deploy/railway/, out of the directory it publishes', () => {
    expect(paths).toContain('deploy/railway/railway.site.json');
    expect(paths).toContain('deploy/railway/railway.site.production.env');
    expect(paths.filter((p) => p.startsWith('site/'))).toEqual([]);
    expect(e.vars('deploy/railway/railway.site.production.env').GREETING).toBe('hello');
  });

  it('points the service at the moved config file, and redeploys when only that file changes', () => {
    const header = e.file('deploy/railway/railway.site.production.env');
    expect(header).toContain('#   Source → Root Directory: /site\n');
    expect(header).toContain('#   Config-as-code → Railway Config File: /deploy/railway/railway.site.json\n');
    expect(e.json('deploy/railway/railway.site.json').build?.watchPatterns).toEqual(['/site/**', '/deploy/railway/railway.site.json']);
  });

  it('moves them when the site is served as it is in any environment, not only the first', () => {
    const e = emit(loadText(`stack: 1
name: brochure
environments:
  production: { domain: brochure.example }
  preview: {}
services:
  site:
    static: { root: ./site }
    environments:
      production: { static: { build: npm run build, output: dist } }
targets:
  railway: {}
`));
    expect(e.artifacts.map((a) => a.path).sort()).toEqual(['deploy/railway/railway.site.json', 'deploy/railway/railway.site.preview.env', 'deploy/railway/railway.site.production.env']);
  });

  it('keeps the files in the root of a site that builds, or that serves a directory below its root', () => {
    expect(paths).toContain('app/railway.json');
    expect(e.json('app/railway.json').build?.watchPatterns).toEqual(['/app/**']);
    expect(paths).toContain('docs/railway.json');
    expect(paths).toContain('docs/railway.production.env');
  });
});

describe('railway target: healthchecks Railway cannot run', () => {
  const e = emit(loadText(`stack: 1
name: probes
services:
  api: { build: api, ports: [8000, 9090], healthcheck: { http: { path: /healthz, port: 9090 } } }
  worker: { build: worker, healthcheck: { http: { path: /healthz, port: 8081 } } }
  web: { build: web, ports: [3000], healthcheck: { http: /ready } }
targets:
  railway: {}
`));

  it('writes no healthcheckPath for a probe off PORT or on a service without a port, and warns at the healthcheck', () => {
    for (const name of ['api', 'worker']) {
      const found = e.problems.find((p) => p.code === 'railway/healthcheck-port' && p.path?.[1] === name);
      expect(found?.path).toEqual(['services', name, 'healthcheck']);
      expect(found?.message).not.toContain('undefined');
      expect(found?.hint).not.toContain('undefined');
    }
    expect(e.problems.find((p) => p.path?.[1] === 'worker' && p.code === 'railway/healthcheck-port')?.message).toContain('serves no port');
    expect(e.json('api/railway.json').deploy?.healthcheckPath).toBeUndefined();
    expect(e.json('worker/railway.json').deploy?.healthcheckPath).toBeUndefined();
    expect(e.json('web/railway.json').deploy).toMatchObject({ healthcheckPath: '/ready' });
  });
});

describe('railway target: service names', () => {
  /** Renders a stack the way `stackc diff` compares two versions of it: every file with its facts. */
  const sideOf = (stack: Stack): Side => ({
    files: new Map(emit(stack).artifacts.map((a) => [a.path, { path: a.path, target: a.target, ...(a.environment ? { environment: a.environment } : {}), content: a.content, ...(a.facts ? { facts: a.facts } : {}) }])),
    rendered: [{ name: 'railway', environments: ['production'] }],
  });
  const diffOf = (before: Stack, after: Stack) => diffSides(sideOf(before), sideOf(after), { mode: 'refs', base: { kind: 'git', label: 'main' }, head: { kind: 'worktree', label: 'working tree' }, filters: {} });
  const stack = (extra: string, resources = '  db: { type: postgres }\n') =>
    loadText(`stack: 1
name: shop
environments:
  production: { branch: main }
services:
  api: { build: ./api, ports: [8000], env: { DATABASE_URL: "\${resources.db.url}" } }
  worker: { build: ./worker, env: { API_URL: "\${services.api.url}" } }
resources:
${resources}targets:
  railway: {${extra}}
`);

  it('names each Railway service after its stack service, and `names` keeps the name one already runs under, in every place Railway reads it', () => {
    const pinned = emit(stack(' names: { api: shop-api, db: main-db }'));
    const api = pinned.file('api/railway.production.env');
    expect(api).toContain('Railway service `shop-api` (stack service `api`)');
    expect(api).toContain("railway up --service shop-api --environment production");
    expect(pinned.vars('api/railway.production.env').DATABASE_URL).toBe('${{main-db.DATABASE_URL}}');
    expect(pinned.vars('worker/railway.production.env').API_URL).toBe('http://${{shop-api.RAILWAY_PRIVATE_DOMAIN}}:8000');
    expect(pinned.artifacts.find((a) => a.path === 'api/railway.production.env')!.facts!.names).toEqual({ api: 'shop-api', db: 'main-db' });
    expect(pinned.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(pinned.problems.find((p) => p.code === 'railway/private-network')!.message).toContain('at shop-api.railway.internal:8000');
    const plain = emit(stack(''));
    expect(plain.file('api/railway.production.env')).toContain('railway up --service api --environment production');
    expect(plain.vars('worker/railway.production.env').API_URL).toBe('http://${{api.RAILWAY_PRIVATE_DOMAIN}}:8000');
  });

  it('diff flags a Railway service whose name changes (a second postgres renames the first database), and the pin keeps it', () => {
    const second = '  db: { type: postgres }\n  analytics: { type: postgres }\n';
    const renamed = diffOf(stack(''), stack('', second));
    expect(renamed.risky.filter((r) => r.rule === 'service-renamed')).toMatchObject([
      { target: 'railway', environments: ['production'], resource: 'backing service db', message: expect.stringMatching(/backing service db is the Railway service db, was Postgres: .*keep the old name with `targets\.railway\.names: \{ db: Postgres \}`/) },
    ]);
    expect(formatText(renamed, plain)).toContain('service renamed on its platform');
    // Pinned to the name it runs under: the database keeps it, nothing is flagged.
    expect(diffOf(stack(''), stack(' names: { db: Postgres }', second)).risky.filter((r) => r.rule === 'service-renamed')).toEqual([]);
    // A service whose name changes: a new, empty Railway service.
    const service = diffOf(stack(' names: { api: shop-api }'), stack(''));
    expect(service.risky.filter((r) => r.rule === 'service-renamed')).toMatchObject([
      { resource: 'service api', message: expect.stringMatching(/service api deploys to the Railway service api, was shop-api: Railway finds a service by its name, so the deploy creates a new, empty service api .* leaves shop-api running; keep the old name with `targets\.railway\.names: \{ api: shop-api \}`/) },
    ]);
  });

  it('warns about a `names` entry for nothing the target runs', () => {
    const e = emit(stack(' names: { apl: shop-api }'));
    expect(hasProblem(e.problems, 'railway/name-unused', ['targets', 'railway', 'names', 'apl'])).toBe(true);
  });
});

describe('railway target: jobs', () => {
  it('runs a scheduled job as a service with a cron schedule that exits when done', () => {
    const stack = loadFixture('fidelity/jobs');
    const ctx = emitContext(stack, 'railway');
    const artifacts = emitTarget(railway, ctx);
    const json = JSON.parse(artifacts.find((a) => a.path === 'api/railway.nightly-report.json')!.content);
    expect(json.deploy).toEqual({ startCommand: 'python -m app.report', restartPolicyType: 'NEVER', numReplicas: 1, cronSchedule: '0 3 * * *' });
    expect(railwaySchemaProblems(json)).toEqual([]);
    expect(artifacts.map((a) => a.path)).not.toContain('api/railway.reindex.json');
    const codes = ctx.problems.map((p) => `${p.code} ${String(p.path?.join('.'))}`);
    expect(codes).toEqual(expect.arrayContaining(['railway/job jobs.reindex', 'railway/job jobs.warm-cache', 'railway/job-schedule jobs.nightly-report.timezone']));
  });

  it('refuses a schedule finer than every 5 minutes, at the schedule\'s line', () => {
    const stack = loadText(`stack: 1
name: shop
services:
  api: { build: ./api }
jobs:
  poll: { from: api, schedule: "*/2 * * * *" }
targets:
  railway: {}
`);
    const ctx = emitContext(stack, 'railway');
    emitTarget(railway, ctx);
    expect(ctx.problems.filter((p) => p.code === 'railway/schedule-too-frequent').map((p) => [p.severity, p.message, p.path?.join('.')])).toEqual([
      ['error', 'Railway runs a schedule at most every 5 minutes, and `*/2 * * * *` of `poll` runs 2 minutes apart', 'jobs.poll.schedule'],
    ]);
  });
});
