// Where Compose runs each service of an environment: one compose file, its published ports.
import type { DeployedJob, DeploymentModel } from '../../src/deploy/model.js';
import { facts, jobFact, replicasFact, type Placement } from '../../src/emit/placement.js';
import type { PlaceContext } from '../../src/emit/target.js';
import { fileNames } from './paths.js';
import { addressPrefix, environmentPorts } from './ports.js';
import { runsOnSchedule, schedulerOf, type Scheduler } from './scheduler-choice.js';

export function place(model: DeploymentModel, ctx: PlaceContext): Placement[] {
  const scheduler = schedulerOf(ctx.options);
  return ctx.plan.environments.map((name) => {
    const environment = model.environment(name)!;
    const files = fileNames(environment);
    const services = ctx.plan.services(name);
    const ports = environmentPorts(ctx.plan, environment);
    return {
      target: 'compose',
      environment: name,
      lines: [files.compose],
      services: services.map((service) => {
        const planned = ports.services.get(service.name)!;
        const a = service.autoscale;
        return {
          name: service.name,
          facts: facts(
            a ? `×${a.min} (no autoscaling)` : replicasFact(service.replicas),
            planned.ports.length ? `published ${planned.ports.join(', ')}` : undefined,
            planned.expose.length ? `port ${planned.expose.join(', ')}` : undefined,
          ),
          entries: [],
        };
      }),
      resources: ctx.plan.resources(name).map((resource) => {
        const published = ports.resources.get(resource.name);
        return { name: resource.name, facts: ['container', ...(published ? [`published ${addressPrefix(published.bind)}${published.port}`] : [])] };
      }),
      // Post-deploy jobs run with `up`; scheduled ones under a scheduler, when one is chosen; the
      // others are in the `jobs` profile, for `docker compose run`.
      jobs: ctx.plan.jobs(name).map((job) => ({ name: job.name, facts: [jobRun(job, scheduler), jobFact(job)] })),
    };
  });
}

function jobRun(job: DeployedJob, scheduler: Scheduler | undefined): string {
  if (job.trigger === 'post-deploy') return 'one-shot, run by up';
  if (runsOnSchedule(job, scheduler)) return `service running ${scheduler}`;
  return job.schedule ? 'one-shot, profile jobs (no scheduler)' : 'one-shot, profile jobs';
}
