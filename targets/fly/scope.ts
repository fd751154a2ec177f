// What rendering the fly.toml files of one environment needs: the environment as the model has it,
// the plan (what the target runs there, each service its own Fly app), names, paths and the
// address book references are resolved with.
import { registryCredentials, type RegistryCredentials } from '../../src/deploy/registry-credentials.js';
import type { DeployedEnvironment, DeployedService } from '../../src/deploy/model.js';
import type { AddressBook } from '../../src/deploy/references.js';
import type { GapFinder } from '../../src/emit/capabilities.js';
import type { EmitContext, Report } from '../../src/emit/target.js';
import { flyAddressBook } from './address-book.js';
import { appName } from './app-name.js';
import type { Layout } from './layout.js';
import type { FlyOptions } from './options.js';
import { readPatches, type TargetPatch } from '../../src/emit/patches/patches.js';

export interface Scope {
  environment: DeployedEnvironment;
  options: FlyOptions;
  layout: Layout;
  /** stack.yaml relative to the output root. */
  stackFile: string;
  /** Where the capabilities' gaps are checked: their notes go into the files' headers. */
  gaps: GapFinder;
  book: AddressBook;
  report: Report;
  app(service: string): string;
  /** A GitHub Actions deploy workflow deploys and scales this environment's apps (src/deploy/deployed-by.ts). */
  workflowDeploys: boolean;
  /** Credentials for the registry of a pulled image (src/deploy/registry-credentials.ts). */
  credentials(service: DeployedService): RegistryCredentials | undefined;
  /** `targets.fly.patches`: JSON merge patches of the files (docs/patches.md). */
  patches: TargetPatch[];
}

export function createScope(environment: DeployedEnvironment, ctx: EmitContext, options: FlyOptions, layout: Layout, workflowDeploys: boolean): Scope {
  const app = (service: string) => appName(options, service, environment);
  return {
    environment,
    options,
    layout,
    stackFile: ctx.stackFile,
    gaps: ctx.gaps,
    book: flyAddressBook(environment, ctx.plan, app, ctx.report),
    report: ctx.report,
    app,
    credentials: (service) => registryCredentials(ctx.plan.stack.registries, service.imageRef?.registry),
    workflowDeploys,
    patches: readPatches('fly', ctx.options),
  };
}
