// One environment's complete set of objects, in stack.yaml order: the namespace, the access of the
// pods that wait for one-shot Jobs, then each service (its ConfigMap, claims, Deployment, Service,
// Ingress, PodDisruptionBudget, autoscaler; or its Job, for a one-shot), then each
// backing service (StatefulSet, Service, NetworkPolicy). What runs here is the plan's; the settings
// Kubernetes cannot express were reported from the capabilities, and only their notes are written.
import type { DeployedEnvironment, DeployedJob, DeployedResource, DeployedService, DeploymentModel } from '../../src/deploy/model.js';
import { containerOutputSecrets } from '../../src/deploy/container-outputs.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import { gapsMet, type GapFinder } from '../../src/emit/capabilities.js';
import { adminResourceUser } from '../../src/emit/app-user.js';
import { resourceSecretNames } from '../../src/emit/emit-helpers.js';
import type { Report } from '../../src/emit/target.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Stack } from '../../src/model/stack.js';
import { addressBook } from './address-book.js';
import { configMap } from './configmap.js';
import { cronJob } from './cronjobs.js';
import { deployment, serviceComponent, type PodInput } from './deployment.js';
import { fileVolume } from './files.js';
import { containerEnv } from './env.js';
import type { RenderEnv } from './environment.js';
import { autoscaler } from './hpa.js';
import { serviceImage } from './image.js';
import { ingress } from './ingress.js';
import { jobSelector, jobsNeeded, jobWaiter, oneShotJob, waiterAccess } from './jobs.js';
import { namespace } from './namespace.js';
import { namespaceOf, ownsNamespace } from './namespace-names.js';
import type { Rendered } from './objects.js';
import { secretName, type KubernetesOptions } from './options.js';
import { disruptionBudget } from './pdb.js';
import { userPodMetadata } from './pod-labels.js';
import { checkPortCount, containerPorts } from './ports.js';
import { pullSecret, reportPullSecret, type PullSecret } from './pull-secrets.js';
import { releaseJob, releasePodName } from './release.js';
import { clusterService } from './service.js';
import { checkService } from './service-checks.js';
import { appUserConfigMap, headlessService, networkPolicy, statefulSet } from './statefulset.js';
import { claims, podVolumes, usesSingleWriterClaim } from './volumes.js';

export interface RenderedEnvironment {
  /** The namespace the environment runs in. */
  namespace: string;
  objects: Rendered[];
  /** Keys the environment's pods read from the user's Secret, in first-use order, with what each holds. */
  secretKeys: Map<string, string>;
  /** Hosts served with TLS, in first-use order: each has one certificate Secret, shared by its Ingresses. */
  tlsHosts: string[];
  /** The one-shot services' Jobs: their names, and the selector of every run of each. */
  jobs: { name: string; selector: string }[];
  /** The image pull Secrets the pods name, one per registry, in first-use order. */
  pullSecrets: PullSecret[];
  /** The release Jobs of the services with a `release` (release.ts): not part of the overlay. */
  releases: Rendered[];
  /** The StatefulSets of the backing services, by name: a release waits for them to roll out. */
  statefulSets: string[];
  /** The jobs of `jobs:` rendered as CronJobs, in declaration order. */
  cronJobs: { name: string; trigger: DeployedJob['trigger']; timeout?: string }[];
}

/** Gaps whose note goes into the Deployment (or Job) file (a shared volume's goes into its claim's). */
const DEPLOYMENT_NOTES = ['kubernetes/restart-policy', 'kubernetes/one-shot', 'kubernetes/bind-mount', 'kubernetes/stop-signal', 'kubernetes/rollout'];

export interface RenderInput {
  model: DeploymentModel;
  plan: TargetPlan;
  environment: string;
  options: KubernetesOptions;
  /** The gaps the build found (EmitContext.gaps), for the notes the files carry. */
  gaps: GapFinder;
  report: Report;
}

export function renderEnvironment({ model, plan, environment: name, options, gaps, report }: RenderInput): RenderedEnvironment {
  const stack = model.stack;
  const environment = model.environment(name);
  if (!environment) throw new Error(`kubernetes target: unknown environment ${name}`);
  reportNotRun(environment, plan, stack, report);
  const services = plan.services(name);
  const env: RenderEnv = { stack, environment, options, namespace: namespaceOf(options, name), services, resources: plan.resources(name), book: addressBook(environment, plan, options), gaps, report };

  const secretKeys = describeKeys(env);
  // A namespace the stack does not own gets no Namespace object: its labels are its owner's, and
  // `kubectl delete -k` must not delete it with everything else in it.
  const objects: Rendered[] = ownsNamespace(options, env.namespace) ? [namespace(env)] : [];
  const claimsByOwner = claims(env);
  // Worked out on first use, so that a stack without one-shots reports in the order it always did.
  const inputs = new Map<string, PodInput>();
  const inputOf = (service: DeployedService): PodInput => inputs.get(service.name) ?? inputs.set(service.name, podInput(service, env)).get(service.name)!;
  const jobs = oneShotJobs(services, inputOf, env);
  const cronJobs = plan.jobs(name);
  // Services and the jobs of `jobs:` alike wait for the one-shots they need (a CronJob's first run
  // may come before the migration Job has completed).
  const waited = [...new Set([...services, ...cronJobs].flatMap((s) => jobsNeeded(s, env)))].map((name) => jobs.get(name)!.object.metadata.name);
  if (waited.length) objects.push(...waiterAccess(waited, env));
  const pullSecrets = new Map<string, PullSecret>();
  const releases: Rendered[] = [];
  for (const service of services) {
    checkService(service, report);
    checkPortCount(service, report);
    const input = inputOf(service);
    for (const key of input.env.secretKeys) secretKeys.use(key, service.name);
    if (input.config) objects.push(input.config);
    if (input.files) objects.push(input.files);
    objects.push(...(claimsByOwner.get(service.name) ?? []));
    const secret = input.pullSecret;
    if (secret) {
      reportPullSecret(service, secret, report);
      if (!pullSecrets.has(secret.name)) pullSecrets.set(secret.name, secret);
    }
    const waiter = waiterFor(service, jobs, env);
    if (service.release) releases.push(releaseJob({ ...input, ...(waiter ? { waiter } : {}) }, env));
    const job = jobs.get(service.name);
    if (job) {
      objects.push(job);
      continue;
    }
    objects.push(deployment({ ...input, waiter, recreate: usesSingleWriterClaim(service, env) }, env));
    if (input.ports.length) objects.push(clusterService({ name: service.name, stack: stack.name, component: serviceComponent(service), ports: input.ports }));
    for (const extra of [ingress(service, env), disruptionBudget(service, env), autoscaler(service, env)]) if (extra) objects.push(extra);
  }
  for (const job of cronJobs) {
    const input = podInput(job, env);
    for (const key of input.env.secretKeys) secretKeys.use(key, job.name);
    if (input.config) objects.push(input.config);
    const secret = input.pullSecret;
    if (secret) {
      // A job that runs its `from` service's image needs no second warning about it.
      if (job.origins.image?.[0] === 'jobs') reportPullSecret(job, secret, report);
      if (!pullSecrets.has(secret.name)) pullSecrets.set(secret.name, secret);
    }
    const waiter = waiterFor(job, jobs, env);
    objects.push(cronJob(job, { ...input, ...(waiter ? { waiter } : {}) }, env));
  }
  for (const resource of env.resources) {
    // A release Job runs with its service's needs, from pods of its own name (release.ts); the jobs'
    // pods connect too (a job is not among a resource's `usedBy`, which lists services).
    const consumers = [...resource.usedBy.filter((s) => plan.runs(name, s)), ...cronJobs.filter((j) => j.uses.includes(resource.name)).map((j) => j.name)];
    consumers.push(...consumers.filter((s) => services.some((x) => x.name === s && x.release)).map(releasePodName));
    const init = appUserConfigMap(resource, env);
    const set = statefulSet(resource, env);
    objects.push(...(init ? [init] : []), set, headlessService(resource, env), networkPolicy(resource, consumers, env));
    for (const key of set.facts.secrets) secretKeys.use(key, resource.name);
  }
  const tlsHosts = options.ingress.tls ? [...new Set(services.flatMap((s) => s.endpoints.map((e) => e.host)))] : [];
  const jobList = [...jobs].map(([service, job]) => ({ name: job.object.metadata.name, selector: jobSelector(stack.name, service) }));
  return { namespace: env.namespace, objects, secretKeys: secretKeys.done(), tlsHosts, jobs: jobList, pullSecrets: [...pullSecrets.values()], releases, statefulSets: env.resources.map((r) => r.name), cronJobs: cronJobs.map((j) => ({ name: j.name, trigger: j.trigger, ...(j.timeout ? { timeout: j.timeout.text } : {}) })) };
}

/** What a service's pod is made of, whether a Deployment or a Job runs it. */
function podInput(service: DeployedService, env: RenderEnv): PodInput {
  const met = gapsMet(env.gaps, service);
  const notes = DEPLOYMENT_NOTES.flatMap((code) => met.flatMap((g) => (g.code === code && g.note ? [g.note] : [])));
  const vars = containerEnv(service, env, secretName(env.stack));
  const ports = containerPorts(service);
  const volumes = podVolumes(service);
  const files = fileVolume(service, volumes.volumes.map((v) => String(v.name)), env);
  if (files) {
    volumes.volumes.push(files.volume);
    volumes.mounts.push(...files.mounts);
  }
  const podMetadata = userPodMetadata(service);
  const config = Object.keys(vars.plain).length ? configMap(service, vars.plain, env) : undefined;
  const secret = pullSecret(service, env.stack.name, env.stack.registries);
  return { service, image: serviceImage(service, env.stack.name, env.report), ports, env: vars, ...(config ? { config } : {}), ...(files ? { files: files.configMap } : {}), volumes, podMetadata, notes, ...(secret ? { pullSecret: secret } : {}) };
}

/**
 * The Jobs of the one-shot services, by service name. A Job that waits for another names it, so
 * the other's name (a hash of its template) is worked out first; needs have no cycles (validate).
 */
function oneShotJobs(services: readonly DeployedService[], inputOf: (service: DeployedService) => PodInput, env: RenderEnv): Map<string, Rendered> {
  const jobs = new Map<string, Rendered>();
  const byName = new Map(services.map((s) => [s.name, s]));
  const render = (service: DeployedService): Rendered => {
    let job = jobs.get(service.name);
    if (!job) {
      for (const name of jobsNeeded(service, env)) render(byName.get(name)!);
      jobs.set(service.name, (job = oneShotJob({ ...inputOf(service), waiter: waiterFor(service, jobs, env) }, env)));
    }
    return job;
  };
  for (const service of services) if (service.oneShot) render(service);
  return jobs;
}

/** The init container that waits for the Jobs `service` needs, when it needs any. */
function waiterFor(service: DeployedService, jobs: ReadonlyMap<string, Rendered>, env: RenderEnv) {
  const names = jobsNeeded(service, env).map((name) => jobs.get(name)!.object.metadata.name);
  return names.length ? jobWaiter(names, env.stack.name) : undefined;
}

/**
 * What the plan leaves out of this environment, said where the stack asks for it: static sites,
 * backing services no service of the target uses, and external ones (read from the Secret).
 */
function reportNotRun(environment: DeployedEnvironment, plan: TargetPlan, stack: Stack, report: Report): void {
  for (const s of plan.selected(environment.name).filter((x) => x.kind === 'static')) {
    report({
      severity: 'info',
      code: 'kubernetes/static-service',
      message: `\`${s.name}\` is a static site; the kubernetes target does not run it`,
      path: s.path,
      hint: 'serve it with the vercel target or a CDN, or leave it out with `targets.kubernetes.services`',
    });
  }
  const used = (r: { usedBy: string[] }) => r.usedBy.some((s) => plan.runs(environment.name, s));
  for (const r of environment.resources.filter((x) => !used(x))) {
    report({ severity: 'info', code: 'kubernetes/unused-resource', message: `no service of the kubernetes target uses \`${r.name}\` in environment \`${environment.name}\`, so it is not deployed there`, path: r.path });
  }
  for (const r of environment.resources.filter((x) => x.external && used(x))) {
    report({
      severity: 'info',
      code: 'kubernetes/external-resource',
      message: `\`${r.name}\` is external in environment \`${environment.name}\`: nothing is deployed for it, and services read ${externalReads(r)} of the Secret \`${secretName(stack)}\``,
      path: r.origins.external ?? r.path,
    });
  }
}

/** Which keys of the Secret an external resource's readers take: its URL, or an s3 bucket's two keys. */
function externalReads(r: DeployedResource): string {
  const keys = resourceSecretNames(r);
  if (r.type === 'container') return `its outputs from the keys ${containerOutputSecrets(r).map((s) => `\`${s.secret}\``).join(', ')}`;
  return r.type === 's3' ? `its keys from \`${keys.accessKey}\` and \`${keys.secretKey}\`` : `its URL from the key \`${keys.url}\``;
}

/** Collects the Secret keys in use and says what each one holds, for the deploy instructions. */
function describeKeys(env: RenderEnv) {
  const users = new Map<string, Set<string>>();
  const resourceKey = new Map<string, string>();
  for (const r of env.environment.resources) {
    const keys = resourceSecretNames(r);
    if (r.type === 's3') {
      const where = r.external ? `the external s3 bucket \`${r.name}\`` : `\`${r.name}\` (s3), which its server is created with`;
      resourceKey.set(keys.accessKey, `access key of ${where}`);
      resourceKey.set(keys.secretKey, `secret key of ${where}${r.external ? '' : '; pick a long random one, e.g. `openssl rand -hex 24`'}`);
      continue;
    }
    if (r.type === 'container') {
      for (const { output, secret } of containerOutputSecrets(r)) resourceKey.set(secret, `\`${output}\` of ${r.external ? 'the external container resource' : 'the container resource'} \`${r.name}\``);
      continue;
    }
    if (r.external) {
      resourceKey.set(keys.url, `connection URL of \`${r.name}\` (external in ${env.environment.name})`);
      continue;
    }
    const admin = adminResourceUser(r);
    if (RESOURCE_KINDS[r.type].hasPassword) resourceKey.set(keys.password, `password of \`${r.name}\` (${r.type})${admin ? ', the user services connect as' : ''}; pick a URL-safe one, e.g. \`openssl rand -hex 24\``);
    if (admin) resourceKey.set(keys.adminPassword, `password of the superuser \`${admin}\` of \`${r.name}\`, for admin use`);
  }
  return {
    use(key: string, user: string) {
      const set = users.get(key) ?? new Set<string>();
      set.add(user);
      users.set(key, set);
    },
    done(): Map<string, string> {
      return new Map([...users].map(([key, who]) => [key, resourceKey.get(key) ?? `secret of ${[...who].map((w) => `\`${w}\``).join(', ')}`]));
    },
  };
}
