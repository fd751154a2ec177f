// Everything one compose file is built from: the environment as the deployment model gives it,
// narrowed by the plan to what Compose runs, plus the per-file state (variables read, host ports,
// volumes) the parts share.
import type { AddressBook } from '../../src/deploy/references.js';
import type { DeployedEnvironment, DeployedJob, DeployedResource, DeployedService, DeploymentModel } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { GapFinder } from '../../src/emit/capabilities.js';
import type { EmitContext, Report } from '../../src/emit/target.js';
import { composeAddressBook } from './address-book.js';
import type { ComposeConfig } from './files.js';
import { fileNames, type FileNames } from './paths.js';
import { environmentPorts, type PortPlan } from './ports.js';
import { Variables } from './variables.js';
import { schedulerOf, type Scheduler } from './scheduler-choice.js';
import { readPatches, type TargetPatch } from '../../src/emit/patches/patches.js';

export interface Scope {
  /** The Compose project name: the stack's name. */
  project: string;
  environment: DeployedEnvironment;
  plan: TargetPlan;
  files: FileNames;
  /** stack.yaml relative to the output root, for rebasing paths (src/emit/paths.ts). */
  stackFile: string;
  /** Container services Compose runs, in declaration order. */
  services: DeployedService[];
  /** Jobs of `jobs:`, as one-shot services (jobs.ts). */
  jobs: DeployedJob[];
  /** Static sites that were asked for: Compose cannot run them. */
  staticSites: DeployedService[];
  /** Backing services it runs a container for (not the external ones). */
  resources: DeployedResource[];
  ports: PortPlan;
  vars: Variables;
  /** How references are spelled in this file (address-book.ts). */
  book: AddressBook;
  /** For the notes of the capability gaps (capabilities.ts) written above a service. */
  gaps: GapFinder;
  /** Named volumes the file uses, declared at the top level. */
  volumes: Set<string>;
  /** Configs (name → inline content or a project file) the file's services mount, declared at the top level. */
  configs: Map<string, ComposeConfig>;
  report: Report;
  /** `targets.compose.patches` (docs/patches.md). */
  patches: TargetPatch[];
  /** `targets.compose.scheduler`: what runs scheduled jobs on their schedule, if anything (scheduler-choice.ts). */
  scheduler: Scheduler | undefined;
}

export function createScope(model: DeploymentModel, environment: DeployedEnvironment, ctx: EmitContext): Scope {
  const { plan, report } = ctx;
  const files = fileNames(environment);
  const vars = new Variables(files.envFile, files.example);
  const ports = environmentPorts(plan, environment);
  return {
    project: model.stack.name,
    environment,
    plan,
    files,
    stackFile: ctx.stackFile,
    services: plan.services(environment.name),
    jobs: plan.jobs(environment.name),
    staticSites: plan.selected(environment.name).filter((s) => s.kind === 'static'),
    resources: plan.resources(environment.name),
    ports,
    vars,
    book: composeAddressBook({ environment, plan, ports, vars, report }),
    gaps: ctx.gaps,
    volumes: new Set(),
    configs: new Map(),
    patches: readPatches('compose', ctx.options),
    scheduler: schedulerOf(ctx.options),
    report,
  };
}
