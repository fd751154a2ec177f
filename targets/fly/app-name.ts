// The Fly app of a service in an environment. Pure: the capabilities' gaps name it too.
import type { DeployedEnvironment } from '../../src/deploy/model.js';
import type { FlyOptions } from './options.js';

/**
 * The `apps` option's name when it gives one; else `<prefix>-<service>` in the environment that gets
 * the bare name (`options.bare`: the production one) and `<prefix>-<service>-<env>` in the others.
 * By role, never by list order, so adding or reordering environments renames no running app. Fly
 * app names are global, so `prefix` (default: the stack name) is the knob for making them unique.
 */
export function appName(options: FlyOptions, service: string, environment: DeployedEnvironment): string {
  const named = options.apps[environment.name]?.[service];
  if (named) return named;
  return environment.name === options.bare ? `${options.prefix}-${service}` : `${options.prefix}-${service}-${environment.name}`;
}

/**
 * The environment whose apps get the bare `<prefix>-<service>` name: the one production environment
 * (by role: `role:` or its name), else the environment of a stack that declares none; with two
 * production environments (or none) every environment is suffixed, so no two share an app.
 */
export function bareEnvironment(environments: readonly { name: string; role: string; path: readonly unknown[] }[]): string | undefined {
  const production = environments.filter((e) => e.role === 'production');
  if (production.length === 1) return production[0]!.name;
  // The implicit environment of a stack without `environments:` (it has no place in stack.yaml).
  const [only] = environments;
  return environments.length === 1 && only!.path.length === 0 ? only!.name : undefined;
}

/** Whether `<app>.fly.dev` can exist: a DNS label of at most 63 characters. */
export const isValidAppName = (app: string): boolean => app.length <= 63 && /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(app);
