// Everything one compose file is built from: the environment's view of the stack, narrowed to what
// Compose runs, plus the per-file state (variables read, host ports, volumes) the parts share.
import type { EmitContext } from '../../src/emit/target.js';
import type { Environment, EnvironmentView, Resource, Service, Stack } from '../../src/model/stack.js';
import { fileNames, type FileNames } from './paths.js';
import { planPorts, type PortPlan } from './ports.js';
import type { Report } from '../../src/emit/target.js';
import { Variables } from './variables.js';
import { hasName } from '../../src/model/lookup.js';

export interface Scope {
  stack: Stack;
  environment: Environment;
  files: FileNames;
  /** stack.yaml relative to the output root, for rebasing paths (see paths.ts). */
  stackFile: string;
  /** Container services Compose runs, in declaration order. */
  services: Service[];
  /** Static sites that were asked for: Compose cannot run them. */
  staticSites: Service[];
  /** Every enabled service of the environment, by name (including ones this target leaves out). */
  declared: ReadonlyMap<string, Service>;
  running: ReadonlyMap<string, Service>;
  resources: ReadonlyMap<string, Resource>;
  ports: PortPlan;
  vars: Variables;
  /** Named volumes the file uses, declared at the top level. */
  volumes: Set<string>;
  report: Report;
}

/** Compose has no autoscaler: an autoscaled service runs its minimum. */
export const replicasOf = (service: Service): number => service.autoscale?.min ?? service.replicas;

export function createScope(stack: Stack, view: EnvironmentView, ctx: EmitContext, report: Report): Scope {
  const files = fileNames(stack, view.environment.name);
  const selected = view.services.filter((s) => hasName(ctx.services, s.name));
  const services = selected.filter((s) => s.kind === 'container');
  return {
    stack,
    environment: view.environment,
    files,
    stackFile: ctx.stackFile,
    services,
    staticSites: selected.filter((s) => s.kind === 'static'),
    declared: new Map(view.services.map((s) => [s.name, s])),
    running: new Map(services.map((s) => [s.name, s])),
    resources: new Map(view.resources.map((r) => [r.name, r])),
    // Backing services are reachable from the host only in the default (developer) environment.
    ports: planPorts(services, replicasOf, view.resources, files.isDefault, report),
    vars: new Variables(files.envFile, files.example),
    volumes: new Set(),
    report,
  };
}
