// A static site as a Vercel project sees it, read from the deployment model: the domain it is served
// on, and the `static` settings its vercel.json holds (which must agree across environments, since
// one file serves every deployment).
import type { DeployedService } from '../../src/deploy/model.js';

/**
 * The domain the site is served on in its environment: its public address when the world can reach
 * it; none in an environment without a domain (Vercel gives the deployment a `*.vercel.app` URL).
 */
export function siteDomain(site: DeployedService): string | undefined {
  const endpoint = site.endpoints[0];
  return endpoint?.routable ? endpoint.host : undefined;
}

/**
 * The site's other domains in its environment: its other hosts and the hosts redirecting to it,
 * which the project must hold too for Vercel to answer them (vercel.json holds the redirects).
 */
export function otherDomains(site: DeployedService): string[] {
  if (!siteDomain(site)) return [];
  const hosts = [...site.endpoints.slice(1).filter((e) => e.routable).map((e) => e.host), ...site.redirects.filter((r) => r.routable).map((r) => r.from)];
  return [...new Set(hosts)];
}

/** The `static` settings that go into vercel.json; the rest (root, node) is the project's business. */
export function configSettings(site: DeployedService): { framework?: string; install?: string; build?: string; output?: string } {
  const { framework, install, build, output } = site.static!;
  return { ...(framework !== undefined ? { framework } : {}), ...(install ? { install } : {}), ...(build ? { build } : {}), ...(output ? { output } : {}) };
}

/** Whether two deployments of a site would write the same vercel.json. */
export const sameConfig = (a: DeployedService, b: DeployedService): boolean => JSON.stringify(configSettings(a)) === JSON.stringify(configSettings(b));
