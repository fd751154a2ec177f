// Where Fly runs each service of an environment: a Fly app per service, with its fly.toml, served
// on its own domain or at `<app>.fly.dev`, or privately over Flycast.
import type { DeploymentModel } from '../../src/deploy/model.js';
import { addressEntry, facts, jobFact, portsFact, replicasFact, type Entry, type Placement } from '../../src/emit/placement.js';
import type { PlaceContext } from '../../src/emit/target.js';
import { flycastOnly } from './address-book.js';
import { appName } from './app-name.js';
import { machines } from './machines.js';
import { planLayout } from './layout.js';
import { readOptions } from './options.js';
import { hostedJobs, schedulerOf } from './jobs.js';
import type { HostedJob } from './cron.js';
import type { JobRun } from '../../src/emit/placement.js';

/** How a workflow runs a manual or post-deploy job in its app's Machine. */
const flyRun = (app: string, { job, env }: HostedJob): Extract<JobRun, { kind: 'fly' }> => ({
  kind: 'fly',
  app,
  job: job.name,
  command: job.command!,
  set: env.set,
  unset: env.unset,
  ...(job.timeout ? { timeout: job.timeout.text } : {}),
});

export function place(model: DeploymentModel, ctx: PlaceContext): Placement[] {
  const options = readOptions(model.stack, ctx.options);
  const layout = planLayout(ctx.plan);
  return ctx.plan.environments.map((name) => {
    const environment = model.environment(name)!;
    const scheduler = schedulerOf(ctx.options);
    const jobs = hostedJobs(ctx.plan.jobs(name), ctx.plan.services(name), scheduler);
    const app = (service: string) => appName(options, service, environment);
    return {
      target: 'fly',
      environment: name,
      lines: options.region ? [`region ${options.region}`] : [],
      services: ctx.plan.services(name).map((service) => {
        const app = appName(options, service.name, environment);
        const a = service.autoscale;
        // On a routable host once its certificate is added; else at Fly's own address for the app.
        const entries: Entry[] = service.endpoints.map((e) =>
          e.routable ? addressEntry(e, 'Fly proxy · HTTPS') : { key: `@entry/${app}.fly.dev`, title: `${app}.fly.dev`, lines: [], label: 'Fly proxy · HTTPS' },
        );
        const isPrivate = flycastOnly(service);
        const own = jobs.filter((j) => j.host.name === service.name);
        const after = own.filter((j) => j.job.trigger === 'post-deploy');
        const machineRuns = own.filter((j) => j.machine);
        return {
          name: service.name,
          facts: facts(a ? `${a.min}–${a.max} Machines` : replicasFact(service.replicas), portsFact(service.ports), isPrivate ? `private: ${app}.flycast` : undefined),
          entries,
          unit: { key: `fly/app/${service.name}`, title: `app ${app}` },
          deploy: {
            kind: 'fly',
            config: layout.file(service, name),
            app,
            private: isPrivate,
            count: machines(service).count,
            ...(own.some((j) => j.job.schedule && !j.workflow && !j.machine) ? { cron: true } : {}),
            ...(after.length ? { postDeploy: after.map((j) => flyRun(app, j)) } : {}),
            // Under `scheduler: machines` even when no job is left: the deploy removes the Machines of jobs gone from stack.yaml.
            ...(scheduler === 'machines' ? { scheduledMachines: machineRuns.map((j) => ({ ...flyRun(app, j), interval: j.machine!, retries: j.job.retries ?? 0 })) } : {}),
          },
        };
      }),
      resources: [],
      // Each in the app of its `from` service (jobs.ts): the crontab's, a Machine a workflow starts
      // (on demand, or on its schedule with `scheduler: github-actions`), or a scheduled Machine.
      jobs: jobs.map((h) => ({
        name: h.job.name,
        facts: [h.machine ? `scheduled Machine of ${app(h.host.name)} (${h.machine})` : h.job.schedule && !h.workflow ? `process group cron of ${app(h.host.name)}` : `Machine of ${app(h.host.name)}`, jobFact(h.job)],
        ...(h.job.trigger === 'manual' || h.workflow ? { run: flyRun(app(h.host.name), h) } : {}),
        ...(h.workflow ? { workflowSchedule: true } : {}),
      })),
    };
  });
}
