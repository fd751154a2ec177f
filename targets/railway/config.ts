// A service's railway.json: the build and deploy settings of every environment the target deploys,
// as a base plus per-environment overrides (`environments.<name>`, only what differs). For each key
// the base holds the value most environments share (the earliest one on a tie), so an override in
// stack.yaml usually stays an override here.
import type { DeployedJob, DeployedService } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import type { Service } from '../../src/model/stack.js';
import { shellJoin } from '../../src/emit/text.js';
import { healthcheckTimeout, railwayChecks, railwayReplicas } from './platform.js';

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
  cronSchedule: ['schedule'],
  numReplicas: ['replicas', 'autoscale'],
  overlapSeconds: ['drain_period'],
  drainingSeconds: ['stop_grace_period'],
};

/** Keys none of whose fields an environment override sets. */
function baseKeys(service: Service): Set<string> {
  const overridden = (field: string) => service.origins[field]?.includes('environments') ?? false;
  return new Set(Object.entries(SOURCES).filter(([, fields]) => !fields.some(overridden)).map(([key]) => key));
}

const BUILD_KEYS = ['builder', 'dockerfilePath', 'buildCommand', 'watchPatterns'] as const;
const DEPLOY_KEYS = ['startCommand', 'preDeployCommand', 'healthcheckPath', 'healthcheckTimeout', 'restartPolicyType', 'numReplicas', 'overlapSeconds', 'drainingSeconds', 'cronSchedule'] as const;
/** Keys Railway lets an environment reset with `null` (the reference says so for each). */
const NULLABLE = new Set(['dockerfilePath', 'buildCommand', 'startCommand', 'healthcheckPath', 'healthcheckTimeout']);

const RESTART: Record<Service['restart'], string> = { always: 'ALWAYS', 'unless-stopped': 'ALWAYS', 'on-failure': 'ON_FAILURE', no: 'NEVER' };

/**
 * A service's build and deploy settings in one environment. What they cannot say is the target's
 * capability gaps (capabilities.ts), reported before rendering.
 */
/**
 * @param repositoryPath a stack-relative path from the repository root (layout.ts)
 * @param configFile the railway.json's path from the repository root: watched too when it is not in
 *   the watched directory (a site served as it is has its files in deploy/railway/), so a change to
 *   the settings alone redeploys
 */
export function settingsOf(service: DeployedService, report: Report, repositoryPath: (path: string) => string, configFile?: string): Settings {
  const build: Section = {};
  const deploy: Section = {};

  if (service.build) {
    const b = service.build;
    build.builder = 'DOCKERFILE';
    build.dockerfilePath = b.dockerfile;
    const dir = repositoryPath(b.context);
    if (dir !== '.') build.watchPatterns = [`/${dir}/**`];
  } else if (service.static) {
    const s = service.static;
    build.builder = 'RAILPACK';
    if (s.build) build.buildCommand = s.build;
    const dir = repositoryPath(s.root);
    if (dir !== '.') build.watchPatterns = [`/${dir}/**`, ...(configFile && !configFile.startsWith(`${dir}/`) ? [`/${configFile}`] : [])];
  }

  if (service.kind === 'container') {
    const start = [...(service.entrypoint ?? []), ...(service.command ?? [])];
    if (start.length) deploy.startCommand = shellJoin(start);
  }
  if (service.release) deploy.preDeployCommand = shellJoin(service.release);
  const h = service.healthcheck;
  // Railway requests the path on PORT only: a probe it cannot run would fail every deployment
  // (railway/healthcheck-port reports it).
  if (h?.probe?.kind === 'http' && railwayChecks(service)) {
    deploy.healthcheckPath = h.probe.path;
    deploy.healthcheckTimeout = healthcheckTimeout(h);
  } else if (!h && service.kind === 'container' && service.servedPort !== undefined) {
    report({
      severity: 'info',
      code: 'railway/no-healthcheck',
      message: `\`${service.name}\` has no healthcheck: Railway switches traffic to a new deployment as soon as it starts`,
      path: service.path,
      hint: 'add `healthcheck: { http: /health }`',
    });
  }
  if (service.kind === 'container') {
    deploy.restartPolicyType = RESTART[service.restart];
    deploy.numReplicas = railwayReplicas(service);
    // Once the new deployment is active, the old one serves on for overlapSeconds (the drain), then
    // gets SIGTERM and drainingSeconds before SIGKILL (https://docs.railway.com/guides/deployment-teardown).
    // Numbers: Railway's parser refuses the strings its reference shows (railwayapp/docs#1243).
    if (service.shutdown?.drain) deploy.overlapSeconds = service.shutdown.drain.seconds;
    if (service.shutdown?.grace) deploy.drainingSeconds = service.shutdown.grace.seconds;
  }
  // A scheduled job: Railway starts it on the schedule (in UTC) and it exits when done (`NEVER`).
  if ('schedule' in service && service.schedule) deploy.cronSchedule = (service as DeployedJob).schedule!.cron.text;
  return { build, deploy, fromBase: baseKeys(service) };
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
