// Where Kubernetes runs each service of an environment: Deployments (Jobs for one-shots) in the
// namespace, reached from the internet through an Ingress; the overlay is what a deploy job applies.
import type { DeployedJob, DeployedService, DeploymentModel } from '../../src/deploy/model.js';
import { addressEntry, facts, jobFact, portsFact, replicasFact, type Placement } from '../../src/emit/placement.js';
import type { PlaceContext } from '../../src/emit/target.js';
import { imageName, workloadImage } from './image.js';
import { jobSelector } from './jobs.js';
import { overlayDir } from './layout.js';
import { namespaceOf } from './namespace-names.js';
import { readOptions, secretName } from './options.js';
import { pullSecret } from './pull-secrets.js';
import { RELEASE_NEEDS_SELECTOR, RELEASE_TIMEOUT, releaseDir, releaseJobName } from './release.js';

/** The post-deploy jobs a deploy runs after the rollout (cronjobs.ts), when there are any. */
function postDeploy(jobs: readonly DeployedJob[]): { postDeploy?: { job: string; timeout?: string }[] } {
  const after = jobs.filter((j) => j.trigger === 'post-deploy').map((j) => ({ job: j.name, ...(j.timeout ? { timeout: j.timeout.text } : {}) }));
  return after.length ? { postDeploy: after } : {};
}

export function place(model: DeploymentModel, ctx: PlaceContext): Placement[] {
  const options = readOptions(model.stack, ctx.options);
  const { className, tls } = options.ingress;
  const ingress = ['Ingress', className, tls ? 'TLS' : undefined].filter(Boolean).join(' · ');
  return ctx.plan.environments.map((name) => {
    const services = ctx.plan.services(name);
    const releasing = services.filter((s) => s.release);
    const release = releasing.length
      ? { dir: releaseDir(name), needs: RELEASE_NEEDS_SELECTOR, statefulSets: ctx.plan.resources(name).filter((r) => !r.external).map((r) => r.name), jobs: releasing.map((s) => ({ service: s.name, job: releaseJobName(s.name) })), timeout: RELEASE_TIMEOUT }
      : undefined;
    return {
      target: 'kubernetes',
      environment: name,
      lines: [`namespace ${namespaceOf(options, name)}`],
      services: services.map((service) => {
        const a = service.autoscale;
        return {
          name: service.name,
          facts: service.oneShot ? ['Job'] : facts(a ? `autoscale ${a.min}–${a.max} at ${a.cpu}% CPU` : replicasFact(service.replicas), portsFact(service.ports)),
          entries: service.endpoints.map((e) => addressEntry(e, ingress)),
        };
      }),
      resources: ctx.plan.resources(name).map((resource) => ({ name: resource.name, facts: [resource.type === 'container' && resource.container?.volume === undefined ? 'StatefulSet' : `StatefulSet · ${resource.storage}`] })),
      // Manual and post-deploy jobs are suspended CronJobs (cronjobs.ts).
      // A manual one a workflow runs on demand from its CronJob (GitHub Actions' run-<job>.yml).
      jobs: ctx.plan.jobs(name).map((job) => ({
        name: job.name,
        facts: [job.schedule ? 'CronJob' : 'CronJob (suspended)', jobFact(job)],
        ...(job.trigger === 'manual' ? { run: { kind: 'kubernetes' as const, namespace: namespaceOf(options, name), cronJob: job.name, ...(job.timeout ? { timeout: job.timeout.text } : {}) } } : {}),
      })),
      deploy: {
        kind: 'kustomize',
        overlay: overlayDir(name),
        namespace: namespaceOf(options, name),
        secret: secretName(model.stack),
        images: services.map((s) => ({ service: s.name, name: imageName(workloadImage(s, model.stack.name)) })),
        rollouts: services.filter((s) => !s.oneShot).map((s) => s.name),
        jobs: services.filter((s) => s.oneShot).map((s) => ({ service: s.name, selector: jobSelector(model.stack.name, s.name) })),
        pullSecrets: declaredPullSecrets(services, model),
        ...(release ? { release } : {}),
        ...postDeploy(ctx.plan.jobs(name)),
      },
    };
  });
}

/** The pull Secrets the services' pods name that `registries` gives credentials for, each once. */
function declaredPullSecrets(services: readonly DeployedService[], model: DeploymentModel) {
  const secrets = new Map<string, { name: string; server: string; username: string; password: string }>();
  for (const service of services) {
    const s = pullSecret(service, model.stack.name, model.stack.registries);
    if (s?.declared && !secrets.has(s.name)) secrets.set(s.name, { name: s.name, server: s.registry, username: s.username, password: s.password });
  }
  return [...secrets.values()];
}
