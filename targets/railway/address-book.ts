// How Railway spells the addresses the shared resolver (src/deploy/references.ts) asks for: backing
// services and services this target runs are Railway reference variables (`${{Postgres.DATABASE_URL}}`,
// `${{api.RAILWAY_PRIVATE_DOMAIN}}`), which Railway fills in at deploy time; anything else is a
// value the user sets in Railway.
import type { DeployedEnvironment, DeployedResource, DeployedService, Endpoint } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import { pathSuffix } from '../../src/deploy/endpoints.js';
import { containerOutput } from '../../src/deploy/container-outputs.js';
import type { AddressBook, ValuePart } from '../../src/deploy/references.js';
import { connectionUrl, s3Setting } from '../../src/emit/emit-helpers.js';
import { TEMPLATE_VARIABLES } from './resources.js';

const text = (t: string): ValuePart => ({ kind: 'text', text: t });
/** A Railway reference variable: `${{<service>.<VARIABLE>}}`. */
const reference = (service: string, variable: string): ValuePart => ({ kind: 'expression', text: `\${{${service}.${variable}}}` });

/** Railway's address book for one environment; `names` are the Railway service names (railwayNames). */
export function railwayAddressBook(environment: DeployedEnvironment, plan: TargetPlan, names: ReadonlyMap<string, string>): AddressBook {
  const runs = (service: DeployedService) => plan.runs(environment.name, service.name);
  const named = (service: DeployedService) => names.get(service.name) ?? service.name;
  return {
    target: 'railway',
    title: 'the railway target',
    kinds: plan.can.services,
    runs,
    resource: (resource, key) =>
      // A container resource: a Railway service of its image, reached at its private domain.
      resource.type === 'container'
        ? containerOutput(resource, key, [reference(names.get(resource.name) ?? resource.name, 'RAILWAY_PRIVATE_DOMAIN')])
        : resource.type === 's3'
        ? bucketAddress(resource, key)
        : resource.external
        ? [{ kind: 'unresolved', about: `URL of the external ${resource.type} \`${resource.name}\``, resource: resource.name }]
        : resourceAddress(resource, names.get(resource.name) ?? resource.name, key),
    serviceHost: (service) => [reference(named(service), 'RAILWAY_PRIVATE_DOMAIN')],
    notRun: (service, key, site) =>
      key === 'public_url'
        ? { parts: [{ kind: 'unresolved', about: `public URL of \`${service.name}\`, which Railway does not serve` }], consequence: `set ${site.variable} yourself`, hint: `set ${site.variable} in Railway to where ${service.name} is served` }
        : {
            parts: [{ kind: 'unresolved', about: `${key} of \`${service.name}\`, which Railway does not run` }],
            consequence: `set ${site.variable} yourself`,
            hint: service.endpoints.length ? `use \`\${services.${service.name}.public_url}\`` : `set ${site.variable} in Railway to where ${service.name} runs`,
          },
    // Without a domain of its own, a service Railway serves is at the domain Railway generates for it.
    publicUrl: (service, endpoint) => (endpoint && !endpoint.routable && runs(service) ? generatedDomainUrl(named(service), endpoint) : undefined),
    noPublicUrl: (service) => {
      // Not public here (the model warns): the private address of a service Railway runs.
      if (runs(service)) return [text('http://'), reference(named(service), 'RAILWAY_PRIVATE_DOMAIN'), text(`:${service.mainPort ?? 80}`)];
      return [{ kind: 'unresolved', about: `public URL of \`${service.name}\`, which Railway does not serve` }];
    },
  };
}

const generatedDomainUrl = (railwayName: string, endpoint: Endpoint): ValuePart[] => [
  text('https://'),
  reference(railwayName, 'RAILWAY_PUBLIC_DOMAIN'),
  text(pathSuffix(endpoint.path)),
];

/**
 * An s3 bucket: a Railway Storage Bucket's name carries a hash Railway adds, and its endpoint,
 * region and keys are in its Credentials tab, so only an external bucket's settings are known here.
 */
function bucketAddress(resource: DeployedResource, key: string): ValuePart[] {
  const setting = resource.external ? s3Setting(resource, key, []) : undefined;
  return setting ?? [{ kind: 'unresolved', about: `${key.replace('_', ' ')} of the ${resource.external ? 'external s3 bucket' : 'Railway Storage Bucket'} \`${resource.name}\``, resource: resource.name }];
}

/** `${resources.<name>.<key>}`: the template's variable, or text built from the ones it offers. */
function resourceAddress(resource: DeployedResource, railwayName: string, key: string): ValuePart[] {
  const variable = TEMPLATE_VARIABLES[resource.type]?.[key];
  if (variable) return [reference(railwayName, variable)];
  if (key === 'port') return [text(String(resource.port))];
  if (key === 'database') return [text(resource.database ?? '')];
  // A URL the template does not offer, built from the parts it does.
  const part = (k: string) => resourceAddress(resource, railwayName, k);
  return connectionUrl(resource, { host: part('host'), port: [text(String(resource.port))], user: part('user'), password: part('password'), database: part('database') });
}
