// One environment's complete set of objects, in stack.yaml order: the namespace, then each service
// (its ConfigMap, claims, Deployment, Service, Ingress, PodDisruptionBudget, autoscaler), then each
// backing service (StatefulSet, Service, NetworkPolicy).
import { resourceSecretNames } from '../../src/emit/emit-helpers.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Resource, Service, Stack } from '../../src/model/stack.js';
import { configMap } from './configmap.js';
import { deployment, serviceComponent } from './deployment.js';
import type { Report } from '../../src/emit/target.js';
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
import { resourcesUsedBy } from './references.js';
import { clusterService } from './service.js';
import { checkService } from './service-checks.js';
import { headlessService, networkPolicy, statefulSet } from './statefulset.js';
import { claims, podVolumes, usesSingleWriterClaim } from './volumes.js';

export interface RenderedEnvironment {
  objects: Rendered[];
  /** Keys the environment's pods read from the user's Secret, in first-use order, with what each holds. */
  secretKeys: Map<string, string>;
  /** Public services served with TLS, whose certificate Secret must exist. */
  tlsServices: string[];
}

export function renderEnvironment(stack: Stack, environment: string, serviceNames: readonly string[], options: KubernetesOptions, report: Report): RenderedEnvironment {
  const view = stack.views.get(environment);
  if (!view) throw new Error(`kubernetes target: unknown environment ${environment}`);
  const wanted = new Set(serviceNames);
  const selected = view.services.filter((s) => wanted.has(s.name));
  for (const s of selected.filter((x) => x.kind === 'static')) {
    report({
      severity: 'info',
      code: 'kubernetes/static-service',
      message: `\`${s.name}\` is a static site; the kubernetes target does not run it`,
      path: s.path,
      hint: 'serve it with the vercel target or a CDN, or leave it out with `targets.kubernetes.services`',
    });
  }
  const services = selected.filter((s) => s.kind === 'container');
  // Each service's references are read once (per resource, that was services × resources).
  const usedBy = new Map<string, Service[]>();
  for (const s of services) {
    for (const name of resourcesUsedBy(s)) {
      const list = usedBy.get(name);
      if (list) list.push(s);
      else usedBy.set(name, [s]);
    }
  }
  const consumers = (r: Resource): Service[] => usedBy.get(r.name) ?? [];
  const used = view.resources.filter((r) => consumers(r).length > 0);
  for (const r of view.resources.filter((x) => consumers(x).length === 0)) {
    report({ severity: 'info', code: 'kubernetes/unused-resource', message: `no service of the kubernetes target uses \`${r.name}\` in environment \`${environment}\`, so it is not deployed there`, path: r.path });
  }
  for (const r of used.filter((x) => x.external)) {
    report({
      severity: 'info',
      code: 'kubernetes/external-resource',
      message: `\`${r.name}\` is external in environment \`${environment}\`: nothing is deployed for it, and services read its URL from the key \`${resourceSecretNames(r).url}\` of the Secret \`${secretName(stack)}\``,
      path: r.origins.external ?? r.path,
    });
  }
  const env: RenderEnv = { stack, view, options, services, resources: used.filter((r) => !r.external), report };

  const secretKeys = describeKeys(env);
  const objects: Rendered[] = [namespace(env)];
  const claimsByOwner = claims(env);
  for (const service of services) {
    const notes = checkService(service, env);
    const vars = containerEnv(service, env, secretName(stack));
    for (const key of vars.secretKeys) secretKeys.use(key, service.name);
    const ports = containerPorts(service, report);
    const volumes = podVolumes(service, env);
    if (Object.keys(vars.plain).length) objects.push(configMap(service, vars.plain, env));
    objects.push(...(claimsByOwner.get(service.name) ?? []));
    const podMetadata = userPodMetadata(service, report);
    const image = serviceImage(service, stack.name, report);
    objects.push(deployment({ service, image, ports, env: vars, volumes, podMetadata, recreate: usesSingleWriterClaim(service, env), notes: [...notes, ...volumes.notes] }, env));
    if (ports.length) objects.push(clusterService({ name: service.name, stack: stack.name, namespace: options.namespace, component: serviceComponent(service), ports }));
    for (const extra of [ingress(service, env), disruptionBudget(service, env), autoscaler(service, env)]) if (extra) objects.push(extra);
  }
  for (const resource of env.resources) {
    objects.push(statefulSet(resource, env), headlessService(resource, env), networkPolicy(resource, consumers(resource), env));
    if (RESOURCE_KINDS[resource.type].hasCredentials) secretKeys.use(resourceSecretNames(resource).password, resource.name);
  }
  const tlsServices = options.ingress.tls ? services.filter((s) => s.public).map((s) => s.name) : [];
  return { objects, secretKeys: secretKeys.done(), tlsServices };
}

/** Collects the Secret keys in use and says what each one holds, for the deploy instructions. */
function describeKeys(env: RenderEnv) {
  const users = new Map<string, Set<string>>();
  const resourceKey = new Map<string, string>();
  for (const r of env.view.resources) {
    const keys = resourceSecretNames(r);
    if (r.external) resourceKey.set(keys.url, `connection URL of \`${r.name}\` (external in ${env.view.environment.name})`);
    else if (RESOURCE_KINDS[r.type].hasCredentials) resourceKey.set(keys.password, `password of \`${r.name}\` (${r.type}); pick a URL-safe one, e.g. \`openssl rand -hex 24\``);
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
