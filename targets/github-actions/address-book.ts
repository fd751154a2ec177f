// How the test job's steps reach what `${resources.*}` and `${services.*}` name, for the shared
// resolver (src/deploy/references.ts): a backing service CI starts is a service container published
// on the runner (`localhost:<port>`, its image's password-less account); anything else — a backing
// service CI does not start, any service of the stack — does not exist on the runner.
import { containerOutput } from '../../src/deploy/container-outputs.js';
import type { AddressBook, ValuePart } from '../../src/deploy/references.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import { ciContainerSecret, type CiResource } from './ci-services.js';

/** A resource's connection URL on the runner: `postgresql://shop@localhost:5432/shop`. */
export function ciUrl(r: CiResource): string {
  const kind = RESOURCE_KINDS[r.resource.type];
  const auth = r.user ? `${r.user}${r.password ? `:${r.password}` : ''}@` : '';
  const database = kind.hasDatabase ? `/${r.resource.database ?? ''}` : '';
  return `${kind.scheme}://${auth}localhost:${r.hostPort}${database}`;
}

function ciOutput(r: CiResource, key: string): string {
  if (r.resource.type === 's3') return ciBucketOutput(r, key);
  switch (key) {
    case 'host':
      return 'localhost';
    case 'port':
      return String(r.hostPort);
    case 'user':
      return r.user;
    case 'password':
      return r.password;
    case 'database':
      return r.resource.database ?? '';
    default:
      return ciUrl(r);
  }
}

/** An s3 server on the runner: its endpoint, the bucket it created, and the throwaway keys (ci-services.ts). */
function ciBucketOutput(r: CiResource, key: string): string {
  const s3 = r.resource.s3!;
  const values: Record<string, string> = { endpoint: `http://localhost:${r.hostPort}`, bucket: s3.bucket, region: s3.region, access_key: r.user, secret_key: r.password };
  return values[key] ?? '';
}

const missing = (about: string): ValuePart[] => [{ kind: 'unresolved', about }];

/** The address book of the test job: the service containers of `ci.services`, and nothing else. */
export function ciAddressBook(resources: readonly CiResource[]): AddressBook {
  const started = new Map(resources.map((r) => [r.resource.name, r]));
  return {
    target: 'github-actions',
    title: 'the CI test job',
    // The test job runs the steps, not the stack's services.
    runs: () => false,
    resource(resource, key) {
      const r = started.get(resource.name);
      // A container resource's output on the runner (src/deploy/container-outputs.ts); a secret one is not there.
      if (r && resource.type === 'container') {
        // Its secret outputs: the throwaway value the container was started with; an external one's are not on the runner.
        return containerOutput({ ...r.resource, port: r.hostPort }, key, [{ kind: 'text', text: 'localhost' }]).map((p): ValuePart =>
          p.kind !== 'secret' ? p : r.resource.external ? { kind: 'unresolved', about: `\`${resource.name}\`'s ${key}, the secret ${p.name}`, resource: resource.name } : { kind: 'text', text: ciContainerSecret(key) });
      }
      return r ? [{ kind: 'text', text: ciOutput(r, key) }] : [{ kind: 'unresolved', about: `\`${resource.name}\`'s ${key} (not among \`ci.services\`)`, resource: resource.name }];
    },
    serviceHost: (service) => missing(`the host of \`${service.name}\``),
    notRun: (service, key) => ({
      parts: missing(`the ${key} of \`${service.name}\``),
      consequence: 'the test job leaves the variable out',
      hint: 'set it in a step if the tests need it',
      severity: 'info',
    }),
    noPublicUrl: (service) => missing(`the public URL of \`${service.name}\``),
  };
}
