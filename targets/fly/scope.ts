// What rendering one fly.toml needs: the environment's view of the stack, the services this target
// deploys there (each its own Fly app), names and paths.
import type { Environment, EnvironmentView, Resource, Service, Stack } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { appName, type Layout } from './layout.js';
import type { FlyOptions } from './options.js';

export interface Scope {
  stack: Stack;
  view: EnvironmentView;
  environment: Environment;
  options: FlyOptions;
  layout: Layout;
  /** stack.yaml relative to the output root. */
  stackFile: string;
  /** Container services this target deploys in the environment, in declaration order. */
  deployed: ReadonlyMap<string, Service>;
  /** Every enabled service of the environment, by name. */
  declared: ReadonlyMap<string, Service>;
  resources: ReadonlyMap<string, Resource>;
  report: Report;
  app(service: string): string;
}

export function createScope(stack: Stack, view: EnvironmentView, services: readonly string[], options: FlyOptions, layout: Layout, stackFile: string, report: Report): Scope {
  const deployed = view.services.filter((s) => s.kind === 'container' && services.includes(s.name));
  return {
    stack,
    view,
    environment: view.environment,
    options,
    layout,
    stackFile,
    deployed: new Map(deployed.map((s) => [s.name, s])),
    declared: new Map(view.services.map((s) => [s.name, s])),
    resources: new Map(view.resources.map((r) => [r.name, r])),
    report,
    app: (service) => appName(stack, options, service, view.environment.name),
  };
}

/** The port the Fly proxy forwards to: the public port of a public service, else the first TCP port. */
export function servedPort(service: Service): number | undefined {
  if (service.public) return service.public.port;
  return service.ports.find((p) => p.protocol === 'tcp')?.container;
}

/** How other apps reach a deployed service over Fly's private network. */
export function privateAddress(service: Service, app: string): { host: string; port: number; via: 'internal' | 'flycast' } {
  const port = service.ports[0]?.container ?? 80;
  // A private service with a port gets a [[services]] section and a Flycast address: requests go
  // through the Fly proxy, which load-balances and starts stopped Machines. A public one keeps the
  // 6PN address: Flycast to an http_service that forces HTTPS would be redirected to TLS.
  if (!service.public && servedPort(service) !== undefined) return { host: `${app}.flycast`, port, via: 'flycast' };
  return { host: `${app}.internal`, port, via: 'internal' };
}
