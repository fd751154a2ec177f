// What every renderer needs to know about the environment being rendered, read from the model.
import type { DeployedEnvironment, DeployedResource, DeployedService } from '../../src/deploy/model.js';
import type { AddressBook } from '../../src/deploy/references.js';
import type { GapFinder } from '../../src/emit/capabilities.js';
import type { Report } from '../../src/emit/target.js';
import type { Stack } from '../../src/model/stack.js';
import type { KubernetesOptions } from './options.js';

export interface RenderEnv {
  stack: Stack;
  environment: DeployedEnvironment;
  options: KubernetesOptions;
  /** The namespace this environment runs in (namespace-names.ts); the overlay's kustomization sets it on every object. */
  namespace: string;
  /** Container services this target runs in the environment, in declaration order (the plan's). */
  services: DeployedService[];
  /** Backing services deployed as StatefulSets here (the plan's: used by a service, not external). */
  resources: DeployedResource[];
  /** How references are spelled in the cluster. */
  book: AddressBook;
  /** The gaps the build found (EmitContext.gaps), for the notes the files carry. */
  gaps: GapFinder;
  report: Report;
}
