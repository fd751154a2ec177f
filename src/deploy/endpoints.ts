// Where a service is public in one environment, with its URL. The host is already resolved
// (`${environment.domain}` and friends) by the loader; an environment without a domain gives
// `localhost`, which no platform serves as such: such an endpoint is not routable, and each platform
// answers with an address of its own (`<app>.fly.dev`, a Railway domain, a published port).
import { LOCAL_DOMAIN } from '../model/defaults.js';
import type { Environment, Service } from '../model/stack.js';
import type { Endpoint, Redirect } from './model.js';

/** `localhost` and names under it (`api.localhost`, RFC 6761) only ever reach the machine itself. */
const isLocal = (host: string): boolean => host === LOCAL_DOMAIN || host.endsWith(`.${LOCAL_DOMAIN}`);

/** A path as it follows a host in an address: `/api`, and nothing for `/`. */
export const pathSuffix = (path: string): string => (path === '/' ? '' : path);

export const urlOf = (host: string, path: string, scheme = 'https'): string => `${scheme}://${host}${pathSuffix(path)}`;

const endpoint = (host: string, path: string, port: number, routable: boolean, at: Endpoint['at']): Endpoint => {
  const address = `${host}${pathSuffix(path)}`;
  return { host, path, address, port, routable, url: `https://${address}`, at };
};

/**
 * The service's public addresses, one per host (`host`, or each of `hosts`, the canonical one
 * first), all with the same path and port; a static site without `public` is served on the
 * environment's domain.
 */
export function endpointsOf(service: Service, environment: Environment): Endpoint[] {
  const p = service.public;
  if (!p) {
    if (service.kind !== 'static') return [];
    const host = environment.domain ?? LOCAL_DOMAIN;
    return [endpoint(host, '/', 80, environment.domain !== undefined, service.origins.static ?? service.path)];
  }
  const path = p.path === '/' ? '/' : p.path.replace(/\/+$/, '');
  const hosts = [{ name: p.host, at: p.at }, ...(p.aliases ?? [])];
  return hosts.map((h) => endpoint(h.name, path, p.port, !isLocal(h.name), h.at));
}

/**
 * The service's redirects, each to the endpoint of its `to` host. One whose `to` is not among the
 * service's hosts is refused by `validate` (src/load/checks/public.ts), so it is left out here.
 */
export function redirectsOf(service: Service, endpoints: readonly Endpoint[]): Redirect[] {
  return (service.public?.redirects ?? []).flatMap((r) => {
    const to = endpoints.find((e) => e.host === r.to);
    return to ? [{ from: r.from, to, status: r.permanent ? 308 : 307, routable: !isLocal(r.from) && to.routable, at: r.at }] : [];
  });
}
