// How references read on Vercel (src/deploy/references.ts decides the rest): Vercel runs static sites
// and provisions no backing service, and a deployment is part of no other platform's network, so
// the only addresses it knows are public ones. Everything else is left for the user to set on
// Vercel, with a note of what it should hold.
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { AddressBook, ValuePart } from '../../src/deploy/references.js';
import { siteDomain } from './site.js';

const toSet = (about: string, resource?: string): ValuePart[] => [{ kind: 'unresolved', about, ...(resource ? { resource } : {}) }];

export function vercelAddressBook(plan: TargetPlan): AddressBook {
  return {
    target: 'vercel',
    title: 'the vercel target',
    kinds: plan.can.services,
    runs: (service) => plan.runs(service.environment, service.name),
    // Backing services run on another platform; the capability gap `vercel/resource-reference` says so.
    resource: (resource, key) => toSet(`\`${key}\` of \`${resource.name}\`, as reachable from Vercel`, resource.name),
    // Another Vercel site is reached at its domain (Vercel answers HTTP there too); without one, at a
    // deployment URL stackc does not know.
    serviceHost: (service) => {
      const domain = siteDomain(service);
      return domain ? [{ kind: 'text', text: domain }] : toSet(`address of \`${service.name}\` on Vercel`);
    },
    notRun: (service, key, site) =>
      key === 'public_url'
        ? {
            parts: toSet(`public URL of \`${service.name}\``),
            consequence: 'stackc lists the variable for you to set on Vercel',
            hint: `give \`${site.environment.name}\` a domain, or set ${site.variable} on Vercel to where ${service.name} is served`,
          }
        : {
      parts: toSet(`${key} of \`${service.name}\`, as reachable from Vercel`),
      consequence: 'that address is inside the network of the platform it runs on, which Vercel is not part of, so stackc lists the variable for you to set on Vercel',
      hint: `use \`\${services.${service.name}.public_url}\` (make \`${service.name}\` public) for what a browser or Vercel calls`,
    },
    noPublicUrl: (service) => toSet(`public URL of \`${service.name}\``),
  };
}
