// Where Compose runs each service of an environment: one compose file, its published ports.
import type { DeploymentModel } from '../../src/deploy/model.js';
import { facts, jobFact, replicasFact, type Placement } from '../../src/emit/placement.js';
import type { PlaceContext } from '../../src/emit/target.js';
import { fileNames } from './paths.js';
import { addressPrefix, environmentPorts } from './ports.js';

export function place(model: DeploymentModel, ctx: PlaceContext): Placement[] {
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
      // Post-deploy jobs run with `up`; the others are in the `jobs` profile, for `docker compose run`.
      jobs: ctx.plan.jobs(name).map((job) => ({ name: job.name, facts: [job.trigger === 'post-deploy' ? 'one-shot, run by up' : job.schedule ? 'one-shot, profile jobs (no scheduler)' : 'one-shot, profile jobs', jobFact(job)] })),
    };
  });
}
