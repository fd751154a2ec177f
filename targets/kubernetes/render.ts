// One environment's complete set of objects, in stack.yaml order: the namespace, then each service
// (its ConfigMap, claims, Deployment, Service, Ingress, PodDisruptionBudget, autoscaler), then each
// backing service (StatefulSet, Service, NetworkPolicy). What runs here is the plan's; the settings
// Kubernetes cannot express were reported from the capabilities, and only their notes are written.
import type { DeployedEnvironment, DeploymentModel } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { GapFinder } from '../../src/emit/capabilities.js';
import { adminResourceUser } from '../../src/emit/app-user.js';
import { resourceSecretNames } from '../../src/emit/emit-helpers.js';
import type { Report } from '../../src/emit/target.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Stack } from '../../src/model/stack.js';
import { addressBook } from './address-book.js';
import { configMap } from './configmap.js';
import { deployment, serviceComponent } from './deployment.js';
import { containerEnv } from './env.js';
import type { RenderEnv } from './environment.js';
import { autoscaler } from './hpa.js';
import { serviceImage } from './image.js';
import { ingress } from './ingress.js';
import { namespace } from './namespace.js';
import type { Rendered } from './objects.js';
import { secretName, type KubernetesOptions } from './options.js';
import { disruptionBudget } from './pdb.js';
import { userPodMetadata } from './pod-labels.js';
import { containerPorts } from './ports.js';
import { clusterService } from './service.js';
import { checkService } from './service-checks.js';
import { appUserConfigMap, headlessService, networkPolicy, statefulSet } from './statefulset.js';
import { claims, podVolumes, usesSingleWriterClaim } from './volumes.js';

export interface RenderedEnvironment {
  objects: Rendered[];
  /** Keys the environment's pods read from the user's Secret, in first-use order, with what each holds. */
  secretKeys: Map<string, string>;
  /** Public services served with TLS, whose certificate Secret must exist. */
  tlsServices: string[];
}

/** Gaps whose note goes into the Deployment file (a shared volume's goes into its claim's). */
const DEPLOYMENT_NOTES = ['kubernetes/restart-policy', 'kubernetes/bind-mount'];

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
  const env: RenderEnv = { stack, environment, options, services, resources: plan.resources(name), book: addressBook(environment, plan, options), gaps, report };

  const secretKeys = describeKeys(env);
  const objects: Rendered[] = [namespace(env)];
  const claimsByOwner = claims(env);
  for (const service of services) {
    checkService(service, report);
    const met = gaps.service(service);
    const notes = DEPLOYMENT_NOTES.flatMap((code) => met.flatMap((g) => (g.code === code && g.note ? [g.note] : [])));
    const vars = containerEnv(service, env, secretName(stack));
    for (const key of vars.secretKeys) secretKeys.use(key, service.name);
    const ports = containerPorts(service);
    const volumes = podVolumes(service);
    if (Object.keys(vars.plain).length) objects.push(configMap(service, vars.plain, env));
    objects.push(...(claimsByOwner.get(service.name) ?? []));
    const podMetadata = userPodMetadata(service);
    const image = serviceImage(service, stack.name, report);
    objects.push(deployment({ service, image, ports, env: vars, volumes, podMetadata, recreate: usesSingleWriterClaim(service, env), notes }, env));
    if (ports.length) objects.push(clusterService({ name: service.name, stack: stack.name, namespace: options.namespace, component: serviceComponent(service), ports }));
    for (const extra of [ingress(service, env), disruptionBudget(service, env), autoscaler(service, env)]) if (extra) objects.push(extra);
  }
  for (const resource of env.resources) {
    const consumers = resource.usedBy.filter((s) => plan.runs(name, s));
    const init = appUserConfigMap(resource, env);
    const set = statefulSet(resource, env);
    objects.push(...(init ? [init] : []), set, headlessService(resource, env), networkPolicy(resource, consumers, env));
    for (const key of set.facts.secrets) secretKeys.use(key, resource.name);
  }
  const tlsServices = options.ingress.tls ? services.filter((s) => s.endpoints.length > 0).map((s) => s.name) : [];
  return { objects, secretKeys: secretKeys.done(), tlsServices };
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
      message: `\`${r.name}\` is external in environment \`${environment.name}\`: nothing is deployed for it, and services read its URL from the key \`${resourceSecretNames(r).url}\` of the Secret \`${secretName(stack)}\``,
      path: r.origins.external ?? r.path,
    });
  }
}

/** Collects the Secret keys in use and says what each one holds, for the deploy instructions. */
function describeKeys(env: RenderEnv) {
  const users = new Map<string, Set<string>>();
  const resourceKey = new Map<string, string>();
  for (const r of env.environment.resources) {
    const keys = resourceSecretNames(r);
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
