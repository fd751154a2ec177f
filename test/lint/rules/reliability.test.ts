// Edge cases of the reliability rules that the bad/good fixtures do not show.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quantity } from '../../../src/lint/rules/support/quantities.js';
import { statefulImage } from '../../../src/lint/rules/support/stateful-images.js';
import { root } from '../../helpers.js';
import { lintDir, lintFiles, where } from '../harness.js';

const RELIABILITY = ['healthcheck-required', 'healthcheck-valid', 'resource-limits', 'production-replicas', 'depends-on-healthy', 'restart-policy', 'no-duplicate-env', 'stateful-storage'];

const findings = async (files: Record<string, string>, rule: string) => (await lintFiles(files)).findings.filter((f) => f.ruleId === rule && !f.suppressed);

const PROD = 'environments:\n  development: {}\n  staging: { domain: staging.shop.example }\n  production: { domain: shop.example }\n';

describe('healthcheck-required', () => {
  it('is an error for a service with ports and a warning for a worker, with a hint built from the port', async () => {
    const f = await findings(
      {
        'stack.yaml': 'stack: 1\nname: shop\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: ["8080:8000"]\n  worker:\n    image: ghcr.io/acme/worker:1.4.2\n',
      },
      'healthcheck-required',
    );
    expect(f.map((x) => [x.line, x.severity])).toEqual([
      [4, 'error'],
      [7, 'warn'],
    ]);
    expect(f[0]!.message).toBe('service `api` serves port 8000 but has no healthcheck');
    expect(f[0]!.hint).toContain('`healthcheck: { http: /health }` (it requests port 8000');
    expect(f[1]!.hint).toContain('healthcheck: { command:');
    expect(f[1]!.hint).toContain('disable: true, reason');
  });

  it('follows build.target to the stage that runs and the stages it builds on', async () => {
    const dockerfile = [
      'FROM python:3.12-slim AS base',
      'HEALTHCHECK CMD python -c "print(1)"',
      'FROM base AS runtime',
      'CMD ["python", "-m", "app"]',
      'FROM python:3.12-slim AS debug',
      'CMD ["python", "-m", "app", "--debug"]',
    ].join('\n');
    const stack = (target: string) => `stack: 1\nname: shop\nservices:\n  api:\n    build: { context: ./app, target: ${target} }\n    image: ghcr.io/acme/api\n    ports: [8000]\n`;
    expect(await findings({ 'stack.yaml': stack('runtime'), 'app/Dockerfile': dockerfile }, 'healthcheck-required')).toEqual([]);
    const f = await findings({ 'stack.yaml': stack('debug'), 'app/Dockerfile': dockerfile }, 'healthcheck-required');
    expect(f.map((x) => x.message)).toEqual(['service `api` serves port 8000 but has no healthcheck, and its Dockerfile `app/Dockerfile` (stage `debug`) has no HEALTHCHECK either']);
  });

  it('does not take HEALTHCHECK NONE as a reason, and says so', async () => {
    const f = await findings(
      { 'stack.yaml': 'stack: 1\nname: shop\nservices:\n  api:\n    build: ./app\n    image: ghcr.io/acme/api\n    ports: [8000]\n', 'app/Dockerfile': 'FROM ghcr.io/acme/base:1.0.0\nHEALTHCHECK NONE\n' },
      'healthcheck-required',
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('turns it off with `HEALTHCHECK NONE`');
    expect(f[0]!.hint).toContain('say why in stack.yaml');
  });

  it('checks the Dockerfile each environment builds from', async () => {
    const result = await lintFiles({
      'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  api:\n    build: ./app\n    image: ghcr.io/acme/api\n    ports: [8000]\n    environments:\n      development:\n        build: { context: ./app, dockerfile: Dockerfile.dev }\n`,
      'app/Dockerfile': 'FROM python:3.12-slim\nCMD ["python", "-m", "app"]\n',
      'app/Dockerfile.dev': 'FROM python:3.12-slim\nHEALTHCHECK CMD true\nCMD ["python", "-m", "app"]\n',
    });
    const f = result.findings.filter((x) => x.ruleId === 'healthcheck-required');
    expect(f.map((x) => x.message)).toEqual(['service `api` serves port 8000 but has no healthcheck, and its Dockerfile `app/Dockerfile` has no HEALTHCHECK either']);
  });

  it('accepts a disabled healthcheck with a reason, and skips static sites and one-shot jobs', async () => {
    const f = await findings(
      {
        'stack.yaml': [
          'stack: 1\nname: shop\nservices:',
          '  relay:\n    image: ghcr.io/acme/relay:1.0.0\n    ports: [2525]\n    healthcheck: { disable: true, reason: no status endpoint }',
          '  web:\n    static: { root: ./web }',
          '  seed:\n    image: ghcr.io/acme/seed:1.0.0\n    restart: "no"',
        ].join('\n'),
      },
      'healthcheck-required',
    );
    expect(f).toEqual([]);
  });
});

describe('healthcheck-valid', () => {
  it('names a UDP port as such', async () => {
    const f = await findings({ 'stack.yaml': 'stack: 1\nname: dns\nservices:\n  dns:\n    image: ghcr.io/acme/dns:1.0.0\n    ports: ["53:53/udp"]\n    healthcheck: { tcp: 53 }\n' }, 'healthcheck-valid');
    expect(f.map((x) => [x.line, x.message])).toEqual([[7, 'the tcp healthcheck of `dns` probes port 53, which the service declares as UDP']]);
  });

  it('accepts a probe on any port of a range, and the default port', async () => {
    const f = await findings(
      { 'stack.yaml': 'stack: 1\nname: shop\nservices:\n  a:\n    image: ghcr.io/acme/a:1.0.0\n    ports: ["9000-9005"]\n    healthcheck: { tcp: 9003 }\n  b:\n    image: ghcr.io/acme/b:1.0.0\n    ports: [8000, 9100]\n    healthcheck: { http: /health }\n' },
      'healthcheck-valid',
    );
    expect(f).toEqual([]);
  });

  it('warns about retries: 1 in production only, and swapped timings as a warning with the fix', async () => {
    const f = await findings(
      { 'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    healthcheck:\n      http: /health\n      interval: 5s\n      timeout: 1m\n      retries: 1\n` },
      'healthcheck-valid',
    );
    expect(f.map((x) => [x.line, x.severity])).toEqual([
      [14, 'warn'],
      [15, 'warn'],
    ]);
    expect(f[0]!.hint).toContain('`interval: 1m`, `timeout: 5s`');
    expect(f[1]!.message).toBe('the healthcheck of `api` counts a single failed check as unhealthy (`retries: 1`) in `production`');
  });

  it('points at the override that set a wrong port, not the base', async () => {
    const f = await findings(
      {
        'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    healthcheck: { http: /health }\n    environments:\n      production:\n        healthcheck: { http: { path: /health, port: 8001 } }\n`,
      },
      'healthcheck-valid',
    );
    expect(f.map((x) => [x.line, x.message])).toEqual([[14, 'the http healthcheck of `api` probes port 8001, which is not among its ports (8000)']]);
  });
});

describe('production-replicas', () => {
  it('takes its threshold from the `min` option', async () => {
    const stack = `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    replicas: 2\nlint:\n  rules:\n    production-replicas: [warn, { min: 3 }]\n`;
    const f = await findings({ 'stack.yaml': stack }, 'production-replicas');
    expect(f.map((x) => [x.line, x.message])).toEqual([[11, '`api` runs 2 replicas in `production`, fewer than the 3 this project asks for']]);
  });

  it('recognises `prod`, and leaves stacks without a production environment alone', async () => {
    const svc = 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n';
    expect(await findings({ 'stack.yaml': `stack: 1\nname: shop\nenvironments:\n  dev: {}\n  prod: { domain: shop.example }\n${svc}` }, 'production-replicas')).toHaveLength(1);
    expect(await findings({ 'stack.yaml': `stack: 1\nname: shop\nenvironments:\n  dev: {}\n  staging: {}\n${svc}` }, 'production-replicas')).toEqual([]);
  });

  it('suggests the production override when the value is inherited', async () => {
    const f = await findings({ 'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n` }, 'production-replicas');
    expect(f[0]!.hint).toBe('set `replicas: 2` for `production`, e.g. `services.api.environments.production.replicas: 2` (development can keep 1)');
  });
});

describe('depends-on-healthy', () => {
  const services = 'services:\n  api:\n    build: ./app\n    image: ghcr.io/acme/api\n    ports: [8000]\n  worker:\n    image: ghcr.io/acme/worker:1.4.2\n    depends_on: [api]\n';
  const dockerfile = 'FROM python:3.12-slim\nHEALTHCHECK CMD true\n';

  it('says that a Dockerfile HEALTHCHECK is not what Compose waits on', async () => {
    const f = await findings({ 'stack.yaml': `stack: 1\nname: shop\n${services}targets:\n  compose: {}\n`, 'app/Dockerfile': dockerfile }, 'depends-on-healthy');
    expect(f.map((x) => x.line)).toEqual([10]);
    expect(f[0]!.message).toContain('(the HEALTHCHECK in `app/Dockerfile` is not used for `depends_on`)');
    expect(f[0]!.hint).toContain('stackc then writes `condition: service_healthy`');
  });

  it('also reads what a service reaches through a reference (the model\'s needs), never a public_url', async () => {
    const stack = `stack: 1
name: shop
services:
  api:
    image: ghcr.io/acme/api:1.4.2
    ports: [8000]
    public: { host: localhost }
  worker:
    image: ghcr.io/acme/worker:1.4.2
    env:
      API: \${services.api.url}
      SITE: \${services.api.public_url}
targets:
  compose: {}
`;
    const f = await findings({ 'stack.yaml': stack }, 'depends-on-healthy');
    expect(f.map((x) => [x.line, x.message])).toEqual([
      [11, '`worker` reaches `api` through a reference in `API`, and `api` has no healthcheck in stack.yaml: Compose starts `worker` as soon as `api` has started, not when it is ready'],
    ]);
  });

  it('only looks where Compose runs both services', async () => {
    expect(await findings({ 'stack.yaml': `stack: 1\nname: shop\n${services}targets:\n  kubernetes: {}\n`, 'app/Dockerfile': dockerfile }, 'depends-on-healthy')).toEqual([]);
    expect(await findings({ 'stack.yaml': `stack: 1\nname: shop\n${services}targets:\n  compose: { services: [worker] }\n`, 'app/Dockerfile': dockerfile }, 'depends-on-healthy')).toEqual([]);
  });
});

describe('restart-policy', () => {
  it('reports a base `restart: "no"` once, however many environments inherit it', async () => {
    const f = await findings({ 'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    restart: "no"\n` }, 'restart-policy');
    expect(f.map((x) => [x.line, x.message])).toEqual([[11, '`api` serves port 8000, but `restart: "no"` leaves it down after a crash']]);
    expect(f[0]!.hint).toContain('only in the development override');
  });

  it('leaves the single-environment (development) stack alone', async () => {
    expect(await findings({ 'stack.yaml': 'stack: 1\nname: shop\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    restart: "no"\n' }, 'restart-policy')).toEqual([]);
  });
});

describe('no-duplicate-env', () => {
  it('names both blocks and the environment', async () => {
    const f = await findings(
      { 'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    env: { SENTRY_DSN: "" }\n    environments:\n      production:\n        secrets: [SENTRY_DSN]\n` },
      'no-duplicate-env',
    );
    expect(f.map((x) => [x.line, x.severity, x.message])).toEqual([
      [13, 'error', '`SENTRY_DSN` is both a plain variable (`services.api.env`) and a secret (`services.api.environments.production.secrets`) in `production`'],
    ]);
    expect(f[0]!.hint).toContain('move `SENTRY_DSN` out of `services.api.env`');
  });
});

describe('stateful-storage', () => {
  it('recognises database images by repository, whatever the registry, tag or digest', () => {
    expect(statefulImage('postgres:17')?.name).toBe('postgres');
    expect(statefulImage('docker.io/bitnami/postgresql:16.4.0')?.dataPath).toBe('/var/lib/postgresql/data');
    expect(statefulImage('registry.local:5000/library/mongo:7.0@sha256:' + 'a'.repeat(64))?.name).toBe('mongodb');
    expect(statefulImage('redis:7.4')).toBeUndefined();
    expect(statefulImage('ghcr.io/acme/postgres-backup:1.0.0')).toBeUndefined();
    // S3 servers: an s3 resource replaces them (issue 20, item 5).
    expect(statefulImage('quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z')?.resource).toBe('s3');
    expect(statefulImage('chrislusf/seaweedfs:4.44')).toMatchObject({ dataPath: '/data', resource: 's3' });
  });

  it('asks for storage only where Kubernetes provisions it, for the configured types', async () => {
    const resources = 'resources:\n  db: { type: postgres }\n  cache: { type: redis }\n';
    const base = `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n${resources}`;
    expect(await findings({ 'stack.yaml': `${base}targets:\n  compose: {}\n` }, 'stateful-storage')).toEqual([]);
    const f = await findings({ 'stack.yaml': `${base}targets:\n  kubernetes: { environments: [staging, production] }\nlint:\n  rules:\n    stateful-storage: [warn, { types: [postgres, redis] }]\n` }, 'stateful-storage');
    expect(f.map((x) => [x.line, x.message])).toEqual([
      [11, '`db` (postgres) has no `storage`: its Kubernetes volume in `staging` and `production` gets the default 1Gi, which a StatefulSet cannot grow later without manual work'],
      [12, '`cache` (redis) has no `storage`: its Kubernetes volume in `staging` and `production` gets the default 1Gi, which a StatefulSet cannot grow later without manual work'],
    ]);
  });

  it('leaves development alone and suggests a resource for types stackc knows', async () => {
    const svc = 'services:\n  pg:\n    image: postgres:17\n';
    expect(await findings({ 'stack.yaml': `stack: 1\nname: shop\n${svc}` }, 'stateful-storage')).toEqual([]);
    const f = await findings({ 'stack.yaml': `stack: 1\nname: shop\n${PROD}${svc}` }, 'stateful-storage');
    expect(f.map((x) => x.message)).toEqual(['`pg` runs postgres (`postgres:17`) without a volume in `staging` and `production`: its data is lost whenever the container is recreated']);
    expect(f[0]!.hint).toContain('resources: { pg: { type: postgres');
    expect(f[0]!.hint).toContain('volumes: ["pg-data:/var/lib/postgresql/data"]');
  });

  it('suggests a container resource for Elasticsearch, and asks no storage of a container resource that keeps nothing (issue 20, item 5)', async () => {
    const es = await findings({ 'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  search:\n    image: elasticsearch:8.15.0\n` }, 'stateful-storage');
    expect(es[0]!.hint).toContain('resources: { search: { type: container, image: elasticsearch:8.15.0, port: 9200, volume: /usr/share/elasticsearch/data');
    const resources = 'resources:\n  mail: { type: container, image: "axllent/mailpit:v1.21", port: 1025 }\n  search: { type: container, image: "elasticsearch:8.15.0", port: 9200, volume: /usr/share/elasticsearch/data }\n';
    const f = await findings({ 'stack.yaml': `stack: 1\nname: shop\n${PROD}services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n${resources}targets:\n  kubernetes: { environments: [production] }\nlint:\n  rules:\n    stateful-storage: [warn, { types: [container] }]\n` }, 'stateful-storage');
    expect(f.map((x) => x.message)).toEqual(['`search` (container) has no `storage`: its Kubernetes volume in `production` gets the default 1Gi, which a StatefulSet cannot grow later without manual work']);
  });
});

describe('resource-limits', () => {
  it('compares quantities across units', () => {
    expect(quantity('memory', '1Gi')! > quantity('memory', '1000Mi')!).toBe(true);
    expect(quantity('memory', '1G')! < quantity('memory', '1Gi')!).toBe(true);
    expect(quantity('cpu', '1500m')).toBe(1.5);
    expect(quantity('cpu', '0.25')).toBe(0.25);
    expect(quantity('memory', 'lots')).toBeUndefined();
  });

  it('reports a memory request above the limit where the request is written', async () => {
    const f = await findings(
      { 'stack.yaml': 'stack: 1\nname: shop\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    resources:\n      memory: 512Mi\n      requests:\n        memory: 1Gi\n' },
      'resource-limits',
    );
    expect(f.map((x) => [x.line, x.message])).toEqual([[9, 'service `api` requests more memory (1Gi) than its limit (512Mi): Kubernetes rejects the pod']]);
  });
});

describe('the shipped example stacks', () => {
  it.each(['fullstack', 'saas', 'minimal', 'design-sketch'])('%s has no reliability error', async (name) => {
    const result = await lintDir(join(root, 'fixtures', name));
    const errors = result.findings.filter((f) => RELIABILITY.includes(f.ruleId) && f.severity === 'error' && !f.suppressed);
    expect(errors.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
    // Nothing from the rules of this group at all, apart from resource-limits in `minimal` (a demo without limits).
    expect(where(result).filter((w) => RELIABILITY.some((id) => w.endsWith(` ${id}`)) && !w.endsWith(' resource-limits'))).toEqual([]);
  });
});
