import { describe, expect, it } from 'vitest';
import { mergeOverride } from '../src/load/normalize.js';
import { references, renderTemplate } from '../src/model/template.js';
import { loadOk, stackYaml } from './helpers.js';

const api = (extra: string) =>
  loadOk(
    stackYaml(`environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api
${extra}`),
  );

describe('normalize: defaults', () => {
  it('fills in what stack.yaml leaves out', () => {
    const s = api('    ports: [8000]').views.get('development')!.services[0]!;
    expect(s).toMatchObject({ replicas: 1, restart: 'unless-stopped', readOnly: false, env: [], secrets: [], volumes: [], dependsOn: [], kind: 'container' });
    // A port's name is only what stack.yaml says: the Kubernetes target names the rest.
    expect(s.ports).toEqual([{ container: 8000, containerEnd: 8000, host: 8000, hostEnd: 8000, protocol: 'tcp', path: ['services', 'api', 'ports', 0] }]);
  });

  it('implies one `development` environment when none is declared', () => {
    const stack = loadOk(stackYaml('services:\n  api: { image: nginx }\n'));
    expect(stack.environments.map((e) => e.name)).toEqual(['development']);
  });

  it('applies healthcheck defaults and probes the first port', () => {
    const s = api('    ports: [8000, 9000]\n    healthcheck: { http: /health }').views.get('development')!.services[0]!;
    expect(s.healthcheck).toMatchObject({ probe: { kind: 'http', path: '/health', port: 8000 }, intervalMs: 30_000, timeoutMs: 5_000, retries: 3, startPeriodMs: 0 });
  });

  it('gives resources a pinned official image, a database name and storage', () => {
    const stack = loadOk(stackYaml('name2: x\n').replace('name2: x\n', '') + 'services:\n  api: { image: nginx }\nresources:\n  db: { type: postgres }\n  queue: { type: rabbitmq, version: "4.0" }\n  cache: { type: redis, version: 7 }\n');
    const [db, queue, cache] = stack.views.get('development')!.resources;
    expect(db).toMatchObject({ type: 'postgres', image: 'postgres:17', port: 5432, database: 'shop', storage: '1Gi', external: false });
    expect(queue).toMatchObject({ image: 'rabbitmq:4.0', port: 5672 });
    expect(queue).not.toHaveProperty('database');
    expect(cache).toMatchObject({ image: 'redis:7', version: '7' });
  });

  it('parses ports, users, commands and cpu the way targets need them', () => {
    const s = api(`    ports: ["8080:80", "53:53/udp", "9000-9002", { port: 7000, publish: false, name: admin }]
    user: "1000:2000"
    command: npm start
    resources: { cpu: 0.5, memory: 256Mi }`).views.get('development')!.services[0]!;
    expect(s.ports.map((p) => [p.name, p.container, p.containerEnd, p.host, p.protocol])).toEqual([
      [undefined, 80, 80, 8080, 'tcp'],
      [undefined, 53, 53, 53, 'udp'],
      [undefined, 9000, 9002, 9000, 'tcp'],
      ['admin', 7000, 7000, undefined, 'tcp'],
    ]);
    expect(s.user).toEqual({ text: '1000:2000', uid: 1000, gid: 2000 });
    expect(s.command).toEqual(['sh', '-c', 'npm start']);
    expect(s.resources).toMatchObject({ cpu: '500m', memory: '256Mi', requests: { cpu: '500m', memory: '256Mi' } });
  });

  it('canonicalizes project paths', () => {
    const s = api('    build: { context: ./backend/, dockerfile: docker/Dockerfile.prod }\n    volumes: ["./src:/app/src:ro", "data:/data"]').views.get('development')!.services[0]!;
    expect(s.build).toEqual({ context: 'backend', dockerfile: 'docker/Dockerfile.prod', args: {} });
    expect(s.volumes).toEqual([
      { kind: 'bind', source: 'src', path: '/app/src', readonly: true, at: ['services', 'api', 'volumes', 0] },
      { kind: 'named', name: 'data', path: '/data', readonly: false, size: '1Gi', at: ['services', 'api', 'volumes', 1] },
    ]);
  });
});

describe('normalize: environment overrides', () => {
  const stack = api(`    ports: [8000]
    command: [gunicorn, app]
    env: { LOG_LEVEL: info, DEBUG: "1", REGION: eu }
    healthcheck: { http: /health, interval: 10s }
    resources: { cpu: 500m, memory: 512Mi }
    environments:
      production:
        command: [gunicorn, app, --workers, "4"]
        env: { LOG_LEVEL: warning, DEBUG: null }
        healthcheck: { command: [check] }
        resources: { memory: 1Gi }
        replicas: 3`);
  const dev = stack.views.get('development')!.services[0]!;
  const prod = stack.views.get('production')!.services[0]!;

  it('leaves other environments untouched', () => {
    expect(dev.replicas).toBe(1);
    expect(dev.env.map((e) => [e.name, renderTemplate(e.value, () => '')])).toEqual([['LOG_LEVEL', 'info'], ['DEBUG', '1'], ['REGION', 'eu']]);
  });

  it('replaces lists and scalars', () => {
    expect(prod.command).toEqual(['gunicorn', 'app', '--workers', '4']);
    expect(prod.replicas).toBe(3);
  });

  it('merges maps key by key, and null removes a key', () => {
    expect(prod.env.map((e) => [e.name, renderTemplate(e.value, () => '')])).toEqual([['LOG_LEVEL', 'warning'], ['REGION', 'eu']]);
    expect(prod.resources).toMatchObject({ cpu: '500m', memory: '1Gi' });
  });

  it('replaces the probe but keeps the timings when an override names a new probe', () => {
    expect(prod.healthcheck).toMatchObject({ probe: { kind: 'command', command: ['check'] }, intervalMs: 10_000 });
  });

  it('records where each value came from', () => {
    expect(prod.origins.replicas).toEqual(['services', 'api', 'environments', 'production', 'replicas']);
    expect(prod.origins.ports).toEqual(['services', 'api', 'ports']);
    expect(prod.env.find((e) => e.name === 'LOG_LEVEL')!.path).toEqual(['services', 'api', 'environments', 'production', 'env', 'LOG_LEVEL']);
    expect(prod.env.find((e) => e.name === 'REGION')!.path).toEqual(['services', 'api', 'env', 'REGION']);
  });

  it('switches a service off with enabled: false', () => {
    const s = loadOk(stackYaml(`environments: { development: {}, production: {} }
services:
  api: { image: nginx }
  mailpit: { image: "axllent/mailpit:v1.20", environments: { production: { enabled: false } } }
`));
    expect(s.views.get('development')!.services.map((x) => x.name)).toEqual(['api', 'mailpit']);
    expect(s.views.get('production')!.services.map((x) => x.name)).toEqual(['api']);
  });

  it('turns a resource external per environment', () => {
    const s = loadOk(stackYaml(`environments: { development: {}, production: {} }
services: { api: { image: nginx } }
resources: { db: { type: postgres, environments: { production: { external: true } } } }
`));
    expect(s.views.get('development')!.resources[0]!.external).toBe(false);
    expect(s.views.get('production')!.resources[0]!.external).toBe(true);
  });

  it('mergeOverride is pure: the inputs are not modified', () => {
    const base = { env: { A: '1' }, ports: [1] };
    const override = { env: { B: '2' } };
    const { merged } = mergeOverride(base, override, ['b'], ['o']);
    expect(merged).toEqual({ env: { A: '1', B: '2' }, ports: [1] });
    expect(base).toEqual({ env: { A: '1' }, ports: [1] });
    expect(override).toEqual({ env: { B: '2' } });
  });
});

describe('normalize: interpolation', () => {
  const stack = api(`    ports: [8000]
    public: { host: "api.\${environment.domain}" }
    env:
      SITE: https://\${environment.domain}/app
      WHERE: \${environment.name}
      DB: \${resources.db.url}
      LITERAL: "cost: $\${price}"
resources:
  db: { type: postgres }`);

  it('resolves ${environment.*} per environment, with localhost where no domain is declared', () => {
    const text = (env: string, name: string) => renderTemplate(stack.views.get(env)!.services[0]!.env.find((e) => e.name === name)!.value, (r) => `<${r.text}>`);
    expect(text('production', 'SITE')).toBe('https://shop.example/app');
    expect(text('development', 'SITE')).toBe('https://localhost/app');
    expect(text('production', 'WHERE')).toBe('production');
    expect(stack.views.get('production')!.services[0]!.public).toMatchObject({ host: 'api.shop.example', path: '/', port: 8000 });
  });

  it('resolves hosts and redirects per environment; an override naming `host` replaces the base `hosts`, at its own lines (issue 20, item 3)', () => {
    const s = api(`    ports: [8000]
    public:
      hosts: ["\${environment.domain}", "www.\${environment.domain}"]
      redirects: [old.example, { from: "x.\${environment.domain}", to: "www.\${environment.domain}", permanent: false }]
    environments:
      development: { public: { host: dev.localhost, redirects: [old.example] } }`);
    const production = s.views.get('production')!.services[0]!.public!;
    expect(production).toMatchObject({ host: 'shop.example', aliases: [{ name: 'www.shop.example', at: ['services', 'api', 'public', 'hosts', 1] }] });
    expect(production.redirects).toEqual([
      { from: 'old.example', to: 'shop.example', permanent: true, at: ['services', 'api', 'public', 'redirects', 0] },
      { from: 'x.shop.example', to: 'www.shop.example', permanent: false, at: ['services', 'api', 'public', 'redirects', 1, 'from'], toAt: ['services', 'api', 'public', 'redirects', 1, 'to'] },
    ]);
    const development = s.views.get('development')!.services[0]!.public!;
    expect(development.host).toBe('dev.localhost');
    expect(development.aliases).toBeUndefined();
    expect(development.redirects).toEqual([{ from: 'old.example', to: 'dev.localhost', permanent: true, at: ['services', 'api', 'environments', 'development', 'public', 'redirects', 0] }]);
  });

  it('leaves resource references for the targets, parsed', () => {
    const db = stack.views.get('production')!.services[0]!.env.find((e) => e.name === 'DB')!;
    expect(references(db.value)).toEqual([{ root: 'resources', name: 'db', key: 'url', text: '${resources.db.url}' }]);
  });

  it('reads $${ as a literal ${', () => {
    const literal = stack.views.get('production')!.services[0]!.env.find((e) => e.name === 'LITERAL')!;
    expect(literal.value.parts).toEqual(['cost: ${price}']);
  });
});

describe('normalize: order', () => {
  it('keeps declaration order, even for names JavaScript would sort first', () => {
    const stack = loadOk(stackYaml(`environments: { prod: {}, "2025": {}, dev: {} }
services:
  zeta: { image: nginx }
  "42": { image: nginx }
  alpha: { image: nginx }
ci:
  steps: { test: npm test, "1": echo one, build: npm run build }
`));
    expect(stack.environments.map((e) => e.name)).toEqual(['prod', '2025', 'dev']);
    expect(stack.views.get('prod')!.services.map((s) => s.name)).toEqual(['zeta', '42', 'alpha']);
    expect(stack.ci!.steps.map((s) => s.name)).toEqual(['test', '1', 'build']);
  });

  it('applies target filters in environment order', () => {
    const stack = loadOk(stackYaml(`environments: { dev: {}, staging: {}, prod: {} }
services: { api: { image: nginx } }
targets:
  kubernetes: { environments: [prod, staging] }
  compose: {}
`));
    expect(stack.targets.map((t) => [t.name, t.environments])).toEqual([
      ['kubernetes', ['staging', 'prod']],
      ['compose', ['dev', 'staging', 'prod']],
    ]);
  });
});
