// Where a service is public in one environment, with its URL. The host is already resolved
// (`${environment.domain}` and friends) by the loader; an environment without a domain gives
// `localhost`, which no platform serves as such: such an endpoint is not routable, and each platform
// answers with an address of its own (`<app>.fly.dev`, a Railway domain, a published port).
import { LOCAL_DOMAIN } from '../model/defaults.js';
import type { Environment, Service } from '../model/stack.js';
import type { Endpoint } from './model.js';

/** `localhost` and names under it (`api.localhost`, RFC 6761) only ever reach the machine itself. */
const isLocal = (host: string): boolean => host === LOCAL_DOMAIN || host.endsWith(`.${LOCAL_DOMAIN}`);

/** A path as it follows a host in an address: `/api`, and nothing for `/`. */
export const pathSuffix = (path: string): string => (path === '/' ? '' : path);

export const urlOf = (host: string, path: string, scheme = 'https'): string => `${scheme}://${host}${pathSuffix(path)}`;

const endpoint = (host: string, path: string, port: number, routable: boolean, at: Endpoint['at']): Endpoint => {
  const address = `${host}${pathSuffix(path)}`;
  return { host, path, address, port, routable, url: `https://${address}`, at };
};

/** The service's public address; a static site without `public` is served on the environment's domain. */
export function endpointsOf(service: Service, environment: Environment): Endpoint[] {
  const p = service.public;
  if (!p) {
    if (service.kind !== 'static') return [];
    const host = environment.domain ?? LOCAL_DOMAIN;
    return [endpoint(host, '/', 80, environment.domain !== undefined, service.origins.static ?? service.path)];
  }
  const path = p.path === '/' ? '/' : p.path.replace(/\/+$/, '');
  return [endpoint(p.host, path, p.port, !isLocal(p.host), p.at)];
}
