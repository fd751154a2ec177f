// How references are spelled on Fly, for the shared resolver (src/deploy/references.ts). Fly runs
// each service as an app of its own and provisions no backing service from fly.toml, so:
// - a backing service's port and database are what stack.yaml declares; anything else (where it
//   runs, its credentials) only the user knows: the variable becomes a secret to set;
// - a service is reached over Fly's private network: `<app>.flycast` (through the Fly proxy) when
//   it is private with a port, `<app>.internal` (6PN) otherwise. A public service keeps 6PN because
//   its `[http_service]` forces HTTPS, and a `.flycast` name has no certificate;
// - a public service on no routable host is served at `https://<app>.fly.dev`.
import type { DeployedEnvironment, DeployedService } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { AddressBook, ReferenceSite, ValuePart } from '../../src/deploy/references.js';
import { urlOf } from '../../src/deploy/endpoints.js';
import { containerOutput } from '../../src/deploy/container-outputs.js';
import { s3Setting } from '../../src/emit/emit-helpers.js';
import type { Report } from '../../src/emit/target.js';

const text = (t: string): ValuePart => ({ kind: 'text', text: t });

const WHAT: Record<string, string> = { url: 'connection URL', host: 'host name', user: 'user name', password: 'password', endpoint: 'S3 endpoint', access_key: 'access key', secret_key: 'secret key' };

/**
 * Whether the service's app is private, served on Flycast only: a service with a port that is not
 * public gets a [[services]] section and no public IPs.
 */
export const flycastOnly = (service: DeployedService): boolean => service.endpoints.length === 0 && service.servedPort !== undefined;

/** The private address other apps reach a service at. */
export function privateHost(service: DeployedService, app: string): { host: string; via: 'flycast' | 'internal' } {
  return flycastOnly(service) ? { host: `${app}.flycast`, via: 'flycast' } : { host: `${app}.internal`, via: 'internal' };
}

/**
 * The address book of one environment. `app` names a service's Fly app there; `report` takes the
 * notes only Fly has (6PN, public URLs of services it does not run).
 */
export function flyAddressBook(environment: DeployedEnvironment, plan: TargetPlan, app: (service: string) => string, report: Report): AddressBook {
  const port = (service: DeployedService): number => service.mainPort ?? 80;
  /** `.internal` reaches only Machines that run and listen on IPv6: worth a note where it is used. */
  const noteSixPn = (service: DeployedService, site: ReferenceSite): void => {
    const { host, via } = privateHost(service, app(service.name));
    if (via !== 'internal') return;
    report({
      severity: 'info',
      code: 'fly/private-network',
      message: `\`${service.name}\` is reached at ${host}:${port(service)} over Fly's private network (6PN, IPv6): it must listen on \`::\` (IPv6), not only 0.0.0.0, and .internal requests do not start stopped Machines`,
      path: site.path,
      hint: `listen on [::]:${port(service)} (e.g. \`--host ::\`); min_machines_running keeps Machines running`,
    });
  };
  const runs = (service: DeployedService): boolean => plan.runs(environment.name, service.name);

  return {
    target: 'fly',
    title: 'the fly target',
    runs,
    resource(resource, key) {
      // An s3 bucket: its settings as written (an external one's endpoint too); where it runs and its keys, only the user knows.
      // A container resource: its outputs (src/deploy/container-outputs.ts); where it runs, only the user knows.
      if (resource.type === 'container') return containerOutput(resource, key, [{ kind: 'unresolved', about: `host name of \`${resource.name}\``, resource: resource.name }]);
      if (resource.type === 's3') {
        const setting = resource.external || key !== 'endpoint' ? s3Setting(resource, key, []) : undefined;
        return setting ?? [{ kind: 'unresolved', about: `${WHAT[key] ?? key} of the s3 bucket \`${resource.name}\``, resource: resource.name }];
      }
      if (resource.external) return [{ kind: 'unresolved', about: `URL of the external ${resource.type} \`${resource.name}\``, resource: resource.name }];
      if (key === 'port') return [text(String(resource.port))];
      if (key === 'database') return [text(resource.database ?? '')];
      return [{ kind: 'unresolved', about: `${WHAT[key] ?? key} of ${resource.type} \`${resource.name}\``, resource: resource.name }];
    },
    serviceHost(service, site) {
      noteSixPn(service, site);
      return [text(privateHost(service, app(service.name)).host)];
    },
    // The main port, on 6PN and Flycast alike (a private service's [[services]] forwards it as is).
    servicePort(service, site) {
      noteSixPn(service, site);
      return port(service);
    },
    notRun(service, key, site) {
      if (key === 'public_url') {
        return {
          parts: [{ kind: 'unresolved', about: `public URL of \`${service.name}\` (environment \`${environment.name}\` has no domain)` }],
          consequence: 'the value becomes a secret to set',
          hint: `set ${site.variable} with \`fly secrets set\` to where ${service.name} is served, or give \`${environment.name}\` a domain`,
          severity: 'info',
        };
      }
      return {
        parts: [{ kind: 'unresolved', about: `${key} of \`${service.name}\`, which the fly target does not deploy` }],
        consequence: 'the value becomes a secret to set',
        hint: service.endpoints.length
          ? `use \`\${services.${service.name}.public_url}\`, or set ${site.variable} with \`fly secrets set\``
          : `set ${site.variable} with \`fly secrets set\` to where ${service.name} runs`,
      };
    },
    publicUrl(service, endpoint) {
      // Public on no routable host (an environment without a domain): Fly's own address for the app.
      if (endpoint && !endpoint.routable && runs(service)) return [text(urlOf(`${app(service.name)}.fly.dev`, endpoint.path))];
      return undefined;
    },
    noPublicUrl(service) {
      // Not public here (the model warns): its private address, when Fly runs it.
      if (runs(service)) return [text(`http://${privateHost(service, app(service.name)).host}:${port(service)}`)];
      return [{ kind: 'unresolved', about: `public URL of \`${service.name}\`, which is not public in \`${environment.name}\`` }];
    },
  };
}
