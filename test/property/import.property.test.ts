// Property: the import report is complete (issue 19, item 13). Generated compose files are
// imported, the compose target is built from the imported stack for every environment, and each
// built file is compared with the original as `docker compose [--profile P] up` would run it:
// services, images, ports with their host address, depends_on, volumes, variable names and
// healthchecks. A difference no import note `affects` fails the property. STACKC_PROPERTY_RUNS
// compose files (default 100: a few seconds).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importCompose } from '../../src/import/index.js';
import { loadStackText } from '../../src/load/load-stack.js';
import { tempDir } from '../helpers.js';
import { covers, roundTrip } from '../import/compose-view.js';

const RUNS = Number(process.env.STACKC_PROPERTY_RUNS ?? 100);
const SEED = process.env.STACKC_PROPERTY_SEED ? Number(process.env.STACKC_PROPERTY_SEED) : undefined;

// Names that collide once converted to DNS labels (`A_B` and `a-b`), images that become backing
// resources (postgres, redis) and ones that stay services, values read from .env.
const NAMES = ['web', 'api', 'A_B', 'a-b', 'a-b-2', 'Worker_1', 'worker-1', 'db', 'cache'] as const;
const IMAGES = ['nginx:1.27', 'busybox:1.36', 'node:20', 'postgres:16', 'redis:7', 'nginx:${TAG:-1.27}', 'postgres:${PG:-15}'] as const;
const ENV_NAMES = ['PORT', 'LOG_LEVEL', 'DB_PASSWORD', 'API_URL', 'POSTGRES_PASSWORD', 'discovery.type'] as const;
const CONTAINER_PORTS = [80, 3000, 5432, 6379, 8080] as const;
const TARGETS = ['/data', '/app', '/cache', '/var/lib/postgresql/data', '/data/'] as const;
const DOTENV = 'TAG=1.27\nAPP_PORT=7000\nAPP_PORT_0_0=7100\nPG=16\n';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** `arb` about once in `n` files, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, n: number) => fc.oneof({ arbitrary: fc.constant(undefined), weight: n - 1 }, { arbitrary: arb, weight: 1 });

/** Ports of one service: distinct container ports, and host ports no other entry of the file uses. */
const portEntries = (service: number) =>
  fc.uniqueArray(fc.tuple(fc.constantFrom(...CONTAINER_PORTS), fc.constantFrom('none', 'same', 'own', 'env', 'expose'), maybe(fc.constantFrom('127.0.0.1', '0.0.0.0')), fc.boolean()), { maxLength: 3, selector: ([c]) => c }).map((entries) =>
    entries.map(([container, host, ip, long], j) => {
      // Host ports are distinct across the file (Compose cannot publish one host port twice in an environment).
      const own = 20000 + service * 10 + j;
      const hostPort = host === 'own' ? String(own) : host === 'env' ? `\${APP_PORT_${service}_${j}:-${own}}` : String(container + service * 1000);
      if (host === 'expose') return { expose: String(container) };
      if (long) return { port: { target: container, ...(host !== 'none' ? { published: hostPort } : {}), ...(ip ? { host_ip: ip } : {}) } };
      return { port: `${ip && host !== 'none' ? `${ip}:` : ''}${host !== 'none' ? `${hostPort}:` : ''}${container}` };
    }),
  );

const mount = fc.tuple(fc.constantFrom(...TARGETS), fc.constantFrom('named', 'Named_Data', 'bind', 'anonymous', 'outside'), fc.boolean()).map(([target, kind, ro]) =>
  kind === 'anonymous' ? target : `${kind === 'named' ? 'data' : kind === 'Named_Data' ? 'Named_Data' : kind === 'bind' ? './src' : '/var/run/docker.sock'}:${target}${ro ? ':ro' : ''}`,
);

const healthcheck = fc.record({
  test: fc.constantFrom(['CMD-SHELL', 'true'], ['CMD', 'curl', '-f', 'http://localhost'], 'exit 0', ['NONE']),
  interval: maybe(fc.constantFrom('10s', '1m')),
  retries: maybe(fc.constantFrom(1, 5)),
});

const service = (index: number, earlier: readonly string[]) =>
  fc.record({
    image: fc.constantFrom(...IMAGES),
    ports: maybe(portEntries(index)),
    scalarPort: sometimes(fc.constant(8080), 30),
    environment: maybe(fc.dictionary(fc.constantFrom(...ENV_NAMES), fc.constantFrom('x', 'info', '${APP_PORT}', 's3cr3t-Value-123456'), { maxKeys: 3 })),
    volumes: maybe(fc.uniqueArray(mount, { maxLength: 3, selector: (m) => m.replace(/^[^:]*:/, '').replace(/:ro$/, '').replace(/\/$/, '') })),
    depends_on: maybe(fc.subarray([...earlier]).chain((deps) => fc.tuple(...deps.map(() => fc.constantFrom('service_started', 'service_healthy', 'service_completed_successfully'))).map((conds) => Object.fromEntries(deps.map((d, i) => [d, { condition: conds[i] }]))))),
    healthcheck: maybe(healthcheck),
    profiles: sometimes(fc.constantFrom(['debug'], ['tools'], ['debug', 'tools']), 3),
    mem_limit: maybe(fc.constantFrom('0', '512m')),
    cpus: maybe(fc.constantFrom('0', '0.5')),
    restart: maybe(fc.constantFrom('no', 'always', 'unless-stopped')),
  });

/** A compose file: up to four services, each depending only on earlier ones (Compose refuses cycles). */
const composeFile = fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }).chain((names) =>
  fc.tuple(...names.map((_, i) => service(i, names.slice(0, i)))).map((specs) => {
    const services: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const s = specs[i]!;
      const ports = (s.ports ?? []).filter((p) => p.port !== undefined).map((p) => p.port);
      const expose = (s.ports ?? []).filter((p) => p.expose !== undefined).map((p) => p.expose);
      services[name] = Object.fromEntries(
        Object.entries({
          image: s.image,
          ...(s.image.startsWith('busybox') ? { command: 'sleep 1000' } : {}),
          ports: s.scalarPort ?? (ports.length > 0 ? ports : undefined),
          expose: expose.length > 0 ? expose : undefined,
          environment: s.environment && Object.keys(s.environment).length > 0 ? s.environment : undefined,
          volumes: s.volumes && s.volumes.length > 0 ? s.volumes : undefined,
          depends_on: s.depends_on && Object.keys(s.depends_on).length > 0 ? s.depends_on : undefined,
          healthcheck: s.healthcheck ? Object.fromEntries(Object.entries(s.healthcheck).filter(([, v]) => v !== undefined)) : undefined,
          profiles: s.profiles,
          mem_limit: s.mem_limit,
          cpus: s.cpus,
          restart: s.restart,
        }).filter(([, v]) => v !== undefined),
      );
    });
    return stringify({ services });
  }),
);

describe('stackc import: the report is complete (property)', () => {
  it(`every difference between a generated compose file and its imported stack's build is reported (${RUNS} files)`, { timeout: Math.max(60_000, RUNS * 500) }, () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, '.env'), DOTENV);
    let compared = 0;
    fc.assert(
      fc.property(composeFile, (text) => {
        writeFileSync(join(dir, 'compose.yaml'), text);
        const result = importCompose({ files: ['compose.yaml'], cwd: dir, output: join(dir, 'stack.yaml'), processEnv: {} });
        // What Compose itself refuses (a scalar `ports`) is an error, and nothing is imported.
        if (result.errors.length > 0) {
          expect(result.errors.map((e) => e.code)).toEqual(result.errors.map(() => 'compose-invalid'));
          expect(result.text).toBeUndefined();
          return;
        }
        const stack = loadStackText(result.text!, { file: 'stack.yaml', root: dir }).stack!;
        expect(stack, result.text).toBeDefined();
        compared++;
        const profileOf = new Map([...result.profiles].map(([profile, env]) => [env, profile]));
        for (const environment of stack.environments.map((e) => e.name)) {
          const { diffs, affecting } = roundTrip(result, stack, environment, dir, profileOf.get(environment));
          const unexplained = diffs.filter((d) => !affecting.some((n) => covers(n, d)));
          expect(unexplained, `environment ${environment}: differences the import did not report\n--- compose.yaml\n${text}--- stack.yaml\n${result.text}`).toEqual([]);
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    // Most files are imported and compared, not refused (the property would hold vacuously).
    expect(compared).toBeGreaterThan(RUNS / 2);
  });
});
