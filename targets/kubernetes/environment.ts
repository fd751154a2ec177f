// What every renderer needs to know about the environment being rendered.
import type { EnvironmentView, Resource, Service, Stack } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import type { KubernetesOptions } from './options.js';
import { findNamed } from '../../src/model/lookup.js';

export interface RenderEnv {
  stack: Stack;
  view: EnvironmentView;
  options: KubernetesOptions;
  /** Container services this target runs in the environment, in declaration order. */
  services: Service[];
  /** Backing services deployed as StatefulSets here (used by a service, not external). */
  resources: Resource[];
  report: Report;
}

export const isDeployedService = (env: RenderEnv, name: string): boolean => findNamed(env.services, name) !== undefined;
