// Which services and backing services each target runs in each environment, decided once from the
// target's filters (`targets.<name>.environments`, `.services`) and what the platform can run (its
// capabilities). Build, lint, graph and the GitHub Actions target's deploy jobs all read this.
import type { Stack, TargetConfig } from '../model/stack.js';
import type { DeployedEnvironment, DeployedJob, DeployedResource, DeployedService, DeploymentModel } from './model.js';

/** What a platform runs: kinds of services, and which backing services it provisions. */
export interface TargetRuns {
  /** `container`, `static`: the kinds of service it deploys (none for a CI-only target). */
  services: readonly ('container' | 'static')[];
  /**
   * Backing services it provisions: `all` (every one that is not external), `used` (those the
   * services it runs use, not external), or `none` (it provisions none; services reach them elsewhere).
   */
  resources: 'all' | 'used' | 'none';
}

/** A plugin that says nothing about itself runs every service its filter selects and no backing service. */
export const PLUGIN_RUNS: TargetRuns = { services: ['container', 'static'], resources: 'none' };

export interface TargetPlan {
  name: string;
  config: TargetConfig;
  /** The stack it plans (its name, for targets that derive names from it). */
  stack: Stack;
  /** What the platform can run (its capabilities, or a plugin's default). */
  can: TargetRuns;
  /**
   * Environments the target deploys (its filter), in stack order. They decide its file layout even
   * when `--env` builds fewer, so building one environment writes the same names as building all.
   */
  environments: readonly string[];
  /** The model's environment of that name (its role, branch, domain), for a target that compares environments. */
  environment(name: string): DeployedEnvironment | undefined;
  /** Services its filter selects in an environment, whether it can run them or not. */
  selected(environment: string): DeployedService[];
  /** Services it runs in an environment, in declaration order. */
  services(environment: string): DeployedService[];
  /** Backing services it provisions in an environment. */
  resources(environment: string): DeployedResource[];
  /**
   * Container jobs its filter selects in an environment (the `services` filter names jobs too),
   * whatever the platform can do with them: its capabilities' gaps say, at each job's line, what it cannot.
   */
  jobs(environment: string): DeployedJob[];
  /**
   * HTTP jobs (`http:`) of the services it runs in an environment: a request goes with the service
   * it is sent to, so the target that deploys the `from` service is the one to send it (or to say
   * at the job's line that it cannot).
   */
  httpJobs(environment: string): DeployedJob[];
  runs(environment: string, service: string): boolean;
}

export function planTarget(model: DeploymentModel, config: TargetConfig, runs: TargetRuns = PLUGIN_RUNS): TargetPlan {
  const cache = new Map<string, { selected: DeployedService[]; services: DeployedService[]; resources: DeployedResource[]; jobs: DeployedJob[]; httpJobs: DeployedJob[]; names: Set<string> }>();
  const filter = config.services ? new Set(config.services) : undefined;
  const deploys = new Set(config.environments);
  const of = (environment: string) => {
    let entry = cache.get(environment);
    if (!entry) {
      const env = deploys.has(environment) ? model.environment(environment) : undefined;
      const selected = env ? env.services.filter((s) => !filter || filter.has(s.name)) : [];
      const services = selected.filter((s) => runs.services.includes(s.kind));
      const jobs = env ? env.jobs.filter((j) => !j.http && (!filter || filter.has(j.name))) : [];
      const names = new Set(services.map((s) => s.name));
      const httpJobs = env ? env.jobs.filter((j) => j.http && j.from && names.has(j.from.service)) : [];
      // What its jobs use counts only where it runs containers (a job is one).
      const runners = runs.services.includes('container') ? [...services, ...jobs] : services;
      const used = new Set(runners.flatMap((s) => s.uses));
      const resources = !env || runs.resources === 'none' ? [] : env.resources.filter((r) => !r.external && (runs.resources === 'all' || used.has(r.name)));
      entry = { selected, services, resources, jobs, httpJobs, names };
      cache.set(environment, entry);
    }
    return entry;
  };
  return {
    name: config.name,
    config,
    stack: model.stack,
    can: runs,
    environments: config.environments,
    environment: (name) => model.environment(name),
    selected: (environment) => of(environment).selected,
    services: (environment) => of(environment).services,
    resources: (environment) => of(environment).resources,
    jobs: (environment) => of(environment).jobs,
    httpJobs: (environment) => of(environment).httpJobs,
    runs: (environment, service) => of(environment).names.has(service),
  };
}
