// A service's railway.json: the build and deploy settings of every environment the target deploys,
// as a base plus per-environment overrides (`environments.<name>`, only what differs). For each key
// the base holds the value most environments share (the earliest one on a tie), so an override in
// stack.yaml usually stays an override here.
import type { DataPath, Service } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { mainPort, type Scope } from './scope.js';
import { listText, seconds, shellJoin } from '../../src/emit/text.js';

export const SCHEMA_URL = 'https://railway.com/railway.schema.json';

export type Section = Record<string, unknown>;
export interface Settings {
  build: Section;
  deploy: Section;
  /** Keys whose value comes from the service's base definition in stack.yaml, not an override. */
  fromBase: ReadonlySet<string>;
}

/** The stack.yaml fields each railway.json key is made from. */
const SOURCES: Record<string, readonly string[]> = {
  builder: ['build', 'image', 'static'],
  dockerfilePath: ['build'],
  buildCommand: ['static'],
  watchPatterns: ['build', 'static'],
  startCommand: ['entrypoint', 'command'],
  preDeployCommand: ['release'],
  healthcheckPath: ['healthcheck', 'ports', 'public'],
  healthcheckTimeout: ['healthcheck'],
  restartPolicyType: ['restart'],
  numReplicas: ['replicas', 'autoscale'],
};

/** Keys none of whose fields an environment override sets. */
function baseKeys(service: Service): Set<string> {
  const overridden = (field: string) => service.origins[field]?.includes('environments') ?? false;
  return new Set(Object.entries(SOURCES).filter(([, fields]) => !fields.some(overridden)).map(([key]) => key));
}

const BUILD_KEYS = ['builder', 'dockerfilePath', 'buildCommand', 'watchPatterns'] as const;
const DEPLOY_KEYS = ['startCommand', 'preDeployCommand', 'healthcheckPath', 'healthcheckTimeout', 'restartPolicyType', 'numReplicas'] as const;
/** Keys Railway lets an environment reset with `null` (the reference says so for each). */
const NULLABLE = new Set(['dockerfilePath', 'buildCommand', 'startCommand', 'healthcheckPath', 'healthcheckTimeout']);

const RESTART: Record<Service['restart'], string> = { always: 'ALWAYS', 'unless-stopped': 'ALWAYS', 'on-failure': 'ON_FAILURE', no: 'NEVER' };

/** A service's settings in one environment, and the notes (what railway.json cannot say) for its variables file. */
export function settingsOf(service: Service, scope: Scope): { settings: Settings; notes: string[] } {
  const notes: string[] = [];
  const note = (problem: Parameters<Report>[0], line: string) => {
    scope.report(problem);
    notes.push(line);
  };
  const build: Section = {};
  const deploy: Section = {};

  if (service.build) {
    const b = service.build;
    build.builder = 'DOCKERFILE';
    build.dockerfilePath = b.dockerfile;
    if (b.context !== '.') build.watchPatterns = [`/${b.context}/**`];
    if (b.target) {
      note({
        severity: 'warning',
        code: 'railway/build-target',
        message: `Railway builds the last stage of the Dockerfile: the build target \`${b.target}\` of \`${service.name}\` is not expressible`,
        path: service.origins.build ?? service.path,
        hint: `make \`${b.target}\` the last stage of ${b.dockerfile}, or add a Dockerfile that ends with it`,
      }, `build target ${b.target}: Railway builds the Dockerfile's last stage`);
    }
  } else if (service.static) {
    const s = service.static;
    build.builder = 'RAILPACK';
    if (s.build) build.buildCommand = s.build;
    if (s.root !== '.') build.watchPatterns = [`/${s.root}/**`];
  }

  if (service.kind === 'container') {
    const start = [...(service.entrypoint ?? []), ...(service.command ?? [])];
    if (start.length) deploy.startCommand = shellJoin(start);
    if (service.entrypoint && !service.command) {
      note({
        severity: 'warning',
        code: 'railway/entrypoint',
        message: `Railway's start command replaces the image's ENTRYPOINT and CMD: \`${service.name}\` sets an entrypoint only, so the image's CMD is not passed to it`,
        path: service.origins.entrypoint ?? service.path,
        hint: 'set `command` too (the arguments the image\'s CMD gave)',
      }, 'entrypoint without command: the image CMD is dropped');
    } else if (service.command && !service.entrypoint) {
      scope.report({
        severity: 'info',
        code: 'railway/start-command',
        message: `Railway's start command replaces the image's ENTRYPOINT as well as its CMD: if the image of \`${service.name}\` has an ENTRYPOINT, add it as \`entrypoint\``,
        path: service.origins.command ?? service.path,
      });
    }
  }
  if (service.release) deploy.preDeployCommand = shellJoin(service.release);
  healthcheck(service, scope, deploy, note);
  if (service.kind === 'container') {
    deploy.restartPolicyType = RESTART[service.restart];
    deploy.numReplicas = replicas(service, note);
  }
  unexpressible(service, scope, note);
  return { settings: { build, deploy, fromBase: baseKeys(service) }, notes };
}

type Note = (problem: Parameters<Report>[0], line: string) => void;

function healthcheck(service: Service, scope: Scope, deploy: Section, note: Note): void {
  const h = service.healthcheck;
  if (!h?.probe) {
    if (!h && service.kind === 'container' && mainPort(service) !== undefined) {
      scope.report({
        severity: 'info',
        code: 'railway/no-healthcheck',
        message: `\`${service.name}\` has no healthcheck: Railway switches traffic to a new deployment as soon as it starts`,
        path: service.path,
        hint: 'add `healthcheck: { http: /health }`',
      });
    }
    return;
  }
  const probe = h.probe;
  if (probe.kind !== 'http') {
    note({
      severity: 'warning',
      code: 'railway/healthcheck',
      message: `Railway health-checks an http path only: the ${probe.kind} healthcheck of \`${service.name}\` is not expressible`,
      path: h.path,
      hint: 'expose an http endpoint for the check',
    }, `${probe.kind} healthcheck: not expressible (Railway checks an http path)`);
    return;
  }
  deploy.healthcheckPath = probe.path;
  // How long a new deployment may take to become healthy: the start period and every retry.
  deploy.healthcheckTimeout = seconds(h.startPeriodMs + h.retries * h.intervalMs);
  const port = mainPort(service);
  if (probe.port !== port) {
    note({
      severity: 'warning',
      code: 'railway/healthcheck-port',
      message: `Railway health-checks the port in PORT (${port}): the healthcheck of \`${service.name}\` on port ${probe.port} is not expressible`,
      path: h.path,
      hint: `serve ${probe.path} on port ${port}`,
    }, `healthcheck on port ${probe.port}: Railway checks PORT (${port})`);
  }
  note({
    severity: 'info',
    code: 'railway/healthcheck',
    message: `Railway checks ${probe.path} of \`${service.name}\` only while a deployment goes live (for up to ${deploy.healthcheckTimeout}s), not continuously: interval, timeout and retries are not expressible`,
    path: h.path,
  }, 'healthcheck interval/timeout/retries: Railway checks only while a deployment goes live');
}

function replicas(service: Service, note: Note): number {
  const a = service.autoscale;
  if (!a) return service.replicas;
  note({
    severity: 'warning',
    code: 'railway/autoscale',
    message: `Railway does not add replicas under load: autoscale (${a.min}-${a.max} at ${a.cpu}% CPU) of \`${service.name}\` runs a fixed ${a.min}`,
    path: a.path,
    hint: 'change numReplicas by hand, or raise the replica limits Railway scales each replica up to (vertical autoscaling)',
  }, `autoscale (${a.min}-${a.max}): a fixed ${a.min} replicas`);
  return a.min;
}

function unexpressible(service: Service, scope: Scope, note: Note): void {
  const at = (field: string): DataPath => service.origins[field] ?? service.path;
  if (service.resources) {
    const r = service.resources;
    const what = [r.cpu ? `${r.cpu} CPU` : '', r.memory ? `${r.memory} memory` : ''].filter(Boolean).join(', ');
    note({
      severity: 'info',
      code: 'railway/resources',
      message: `railway.json has no resource limits: set ${what || 'the limits'} of \`${service.name}\` in Settings → Deploy → Resource Limits`,
      path: r.path,
    }, `resources (${what}): set them in Settings → Deploy → Resource Limits`);
  }
  const named = service.volumes.filter((v) => v.kind === 'named');
  for (const v of service.volumes) {
    if (v.kind === 'bind') {
      note({ severity: 'warning', code: 'railway/bind-mount', message: `the bind mount \`${v.source}:${v.path}\` of \`${service.name}\` is left out: Railway has no project directory at run time`, path: v.at, hint: 'copy the files into the image, or use a volume' }, `bind mount ${v.source}:${v.path}: left out`);
    }
  }
  named.slice(1).forEach((v) => {
    note({ severity: 'warning', code: 'railway/one-volume', message: `a Railway service has one volume: \`${v.name}\` (${v.path}) of \`${service.name}\` is left out`, path: v.at, hint: `keep the data under one volume (subdirectories of ${named[0]!.path})` }, `volume ${v.name} (${v.path}): left out (one volume per service)`);
  });
  if (named.length) {
    const replicasWanted = service.autoscale?.min ?? service.replicas;
    if (replicasWanted > 1) {
      note({ severity: 'warning', code: 'railway/volume-replicas', message: `Railway runs a service with a volume as a single replica: \`${service.name}\` asks for ${replicasWanted} and mounts \`${named[0]!.name}\``, path: named[0]!.at, hint: 'keep shared files in object storage or the database, or run one replica' }, `${replicasWanted} replicas with a volume: Railway runs one`);
    }
  }
  if (service.user) note({ severity: 'info', code: 'railway/user', message: `railway.json cannot set the user: \`${service.name}\` runs as the image's USER, not \`${service.user.text}\``, path: at('user'), hint: `set \`USER ${service.user.text}\` in the Dockerfile` }, `user ${service.user.text}: runs as the image's USER`);
  if (service.readOnly) note({ severity: 'info', code: 'railway/read-only', message: `Railway cannot make the root file system of \`${service.name}\` read-only`, path: at('read_only') }, 'read_only: not expressible');
  const labels = Object.keys(service.labels).sort();
  if (labels.length) note({ severity: 'info', code: 'railway/labels', message: `Railway services have no labels: ${listText(labels.map((l) => `\`${l}\``))} of \`${service.name}\` are left out`, path: at('labels') }, `labels: left out (${labels.join(', ')})`);
  const deps = service.dependsOn.filter((x) => x.kind === 'service');
  if (deps.length) {
    scope.report({ severity: 'info', code: 'railway/depends-on', message: `Railway deploys services independently: \`${service.name}\` does not wait for ${listText(deps.map((x) => `\`${x.name}\``))}`, path: at('depends_on'), hint: 'make the application retry its connections at start-up' });
  }
  if (service.public) {
    const p = service.public;
    if (p.path !== '/') note({ severity: 'warning', code: 'railway/public-path', message: `Railway serves the whole service on its domain: the path \`${p.path}\` of \`${service.name}\` is not expressible`, path: p.at, hint: 'route the path prefix in the application' }, `public path ${p.path}: the domain serves every path`);
  }
  for (const p of service.ports.slice(1)) {
    if (p.container === service.public?.port) continue;
    scope.report({ severity: 'info', code: 'railway/extra-port', message: `port ${p.container} of \`${service.name}\` is reachable over the private network only (${service.name}.railway.internal:${p.container}); Railway routes a domain to one port`, path: p.path });
  }
}

/** The base value of a key: the one most environments have (`undefined` = not set), earliest on a tie. */
function majority(values: readonly unknown[]): unknown {
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const v of values) {
    const key = JSON.stringify(v) ?? 'undefined';
    const entry = counts.get(key) ?? { value: v, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  let best: { value: unknown; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * railway.json of a service from its settings in each environment (in stack order). Keys an
 * environment does not set but the base does are reset with `null` where Railway allows it;
 * otherwise the environment keeps the base value and `cannotReset` is called.
 */
export function railwayJson(perEnvironment: readonly { environment: string; settings: Settings }[], cannotReset: (environment: string, key: string, base: unknown) => void): Record<string, unknown> {
  const sections = { build: BUILD_KEYS, deploy: DEPLOY_KEYS } as const;
  const base: Record<string, Section> = {};
  const overrides = new Map<string, Record<string, Section>>();
  for (const [section, keys] of Object.entries(sections) as ['build' | 'deploy', readonly string[]][]) {
    const baseSection: Section = {};
    for (const key of keys) {
      const fromBase = perEnvironment.filter((e) => e.settings.fromBase.has(key));
      const value = majority((fromBase.length ? fromBase : perEnvironment).map((e) => e.settings[section][key]));
      if (value !== undefined) baseSection[key] = value;
      for (const { environment, settings } of perEnvironment) {
        const own = settings[section][key];
        if (same(own, value)) continue;
        let write: unknown = own;
        if (own === undefined) {
          if (!NULLABLE.has(key)) {
            cannotReset(environment, key, value);
            continue;
          }
          write = null;
        }
        const env = overrides.get(environment) ?? {};
        (env[section] ??= {})[key] = write;
        overrides.set(environment, env);
      }
    }
    if (Object.keys(baseSection).length) base[section] = baseSection;
  }
  const environments = perEnvironment.filter((e) => overrides.has(e.environment)).map((e) => [e.environment, orderSections(overrides.get(e.environment)!)] as const);
  return {
    $schema: SCHEMA_URL,
    ...base,
    ...(environments.length ? { environments: Object.fromEntries(environments) } : {}),
  };
}

const orderSections = (s: Record<string, Section>): Record<string, Section> => ({ ...(s.build ? { build: s.build } : {}), ...(s.deploy ? { deploy: s.deploy } : {}) });
