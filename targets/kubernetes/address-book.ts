// How references are spelled in a cluster, for the shared resolver (src/deploy/references.ts): a
// service or backing service is reached by its Service name in the namespace (`db`, `api`), and
// whatever carries a credential is a key of the user's Secret (read with secretKeyRef / `$(VAR)`).
import { connectionUrl, defaultResourceUser, resourceSecretNames, s3Setting } from '../../src/emit/emit-helpers.js';
import { containerOutput } from '../../src/deploy/container-outputs.js';
import { urlOf } from '../../src/deploy/endpoints.js';
import type { DeployedEnvironment, DeployedResource, DeployedService } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { AddressBook, ValuePart } from '../../src/deploy/references.js';
import type { KubernetesOptions } from './options.js';

const text = (t: string): ValuePart => ({ kind: 'text', text: t });

/** `${resources.<name>.<key>}` in the cluster. */
function resourceValue(resource: DeployedResource, key: string): ValuePart[] {
  const keys = resourceSecretNames(resource);
  const secret = (name: string): ValuePart => ({ kind: 'secret', name, resource: resource.name });
  // An s3 bucket, run here or external: its settings as written, its keys from the Secret.
  // A container resource: its outputs (src/deploy/container-outputs.ts), its host its Service's name.
  if (resource.type === 'container') return containerOutput(resource, key, [text(resource.name)]);
  if (resource.type === 's3') return s3Setting(resource, key, [text(resource.name)]) ?? [secret(key === 'access_key' ? keys.accessKey : keys.secretKey)];
  // An external resource offers only its URL, from the Secret (the loader enforces it).
  if (resource.external) return [secret(keys.url)];
  switch (key) {
    case 'host':
      return [text(resource.name)];
    case 'port':
      return [text(String(resource.port))];
    case 'user':
      return [text(defaultResourceUser(resource))];
    case 'database':
      return [text(resource.database ?? '')];
    case 'password':
      return [secret(keys.password)];
    case 'url':
      return connectionUrl(resource, {
        host: [text(resource.name)],
        port: [text(String(resource.port))],
        user: [text(defaultResourceUser(resource))],
        password: [secret(keys.password)],
        database: [text(resource.database ?? '')],
      });
    default:
      return [text('')];
  }
}

/** A service's address inside the cluster: its Service in the namespace, on its main port. */
const inClusterUrl = (service: DeployedService): string => `http://${service.name}:${service.mainPort ?? 80}`;

export function addressBook(environment: DeployedEnvironment, plan: TargetPlan, options: KubernetesOptions): AddressBook {
  const runs = (service: DeployedService): boolean => plan.runs(environment.name, service.name);
  return {
    target: 'kubernetes',
    title: 'the kubernetes target',
    runs,
    resource: (resource, key) => resourceValue(resource, key),
    serviceHost: (service) => [text(service.name)],
    // What a pod would look up; nothing answers to it, which the shared warning says.
    notRun: (service, key, site) =>
      key === 'public_url'
        ? {
            parts: [text(inClusterUrl(service))],
            consequence: `stackc writes its in-cluster URL, and the name \`${service.name}\` will not resolve`,
            hint: `give \`${environment.name}\` a domain, or set ${site.variable} to where ${service.name} is served`,
          }
        : {
            parts: [text(key === 'host' ? service.name : key === 'port' ? String(service.mainPort ?? 80) : inClusterUrl(service))],
            consequence: `the in-cluster name \`${service.name}\` will not resolve`,
            hint: service.endpoints.length ? `use \`\${services.${service.name}.public_url}\`` : `run \`${service.name}\` with this target, or point the variable elsewhere`,
          },
    // A service this target serves is reached through its Ingress, on its host even without a
    // domain (kind, Docker Desktop), over TLS only when the Ingress terminates it.
    publicUrl: (service, endpoint) => (endpoint && runs(service) ? [text(urlOf(endpoint.host, endpoint.path, options.ingress.tls ? 'https' : 'http'))] : undefined),
    noPublicUrl: (service) => [text(inClusterUrl(service))],
  };
}
