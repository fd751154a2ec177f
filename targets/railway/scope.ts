// What rendering one service in one environment needs: the environment as the model resolves it,
// what the target runs there (the plan), where files land, and how Railway spells addresses.
import type { Deployer } from '../../src/deploy/deployed-by.js';
import type { DeployedEnvironment } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { AddressBook } from '../../src/deploy/references.js';
import type { Report } from '../../src/emit/target.js';
import type { Layout } from './layout.js';

export interface Scope {
  environment: DeployedEnvironment;
  plan: TargetPlan;
  layout: Layout;
  stackFile: string;
  /** Railway service name of each service and backing service, by its stack name (railwayNames). */
  names: ReadonlyMap<string, string>;
  book: AddressBook;
  /** Who deploys the services: the GitHub Actions workflows (the repository stays unconnected) or Railway's GitHub autodeploys. */
  deployedBy: Deployer;
  /** Whether a deploy workflow deploys this environment (it has a push trigger the workflows serve). */
  workflowDeploys: boolean;
  /** Silent for environments the build lays out but does not write. */
  report: Report;
}
