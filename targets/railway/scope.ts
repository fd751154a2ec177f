// What rendering one service in one environment needs: the environment's view, the services this
// target deploys there (each a Railway service of the same name), Railway names of the resources.
import type { Environment, EnvironmentView, Resource, Service, Stack } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import type { Layout } from './layout.js';

export interface Scope {
  stack: Stack;
  view: EnvironmentView;
  environment: Environment;
  layout: Layout;
  stackFile: string;
  /** Services this target deploys in the environment (containers and static sites), by name. */
  deployed: ReadonlyMap<string, Service>;
  /** Every enabled service of the environment, by name. */
  declared: ReadonlyMap<string, Service>;
  resources: ReadonlyMap<string, Resource>;
  /** Railway service name of each resource. */
  names: ReadonlyMap<string, string>;
  report: Report;
}

export function createScope(stack: Stack, view: EnvironmentView, services: readonly string[], layout: Layout, names: ReadonlyMap<string, string>, stackFile: string, report: Report): Scope {
  return {
    stack,
    view,
    environment: view.environment,
    layout,
    stackFile,
    deployed: new Map(view.services.filter((s) => services.includes(s.name)).map((s) => [s.name, s])),
    declared: new Map(view.services.map((s) => [s.name, s])),
    resources: new Map(view.resources.map((r) => [r.name, r])),
    names,
    report,
  };
}

/** The port Railway routes to and health-checks (`PORT`): the public port, else the first one. */
export const mainPort = (service: Service): number | undefined => service.public?.port ?? service.ports[0]?.container;
