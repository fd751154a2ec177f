// The Fly app of a service in an environment. Pure: the capabilities' gaps name it too.
import type { DeployedEnvironment } from '../../src/deploy/model.js';
import type { FlyOptions } from './options.js';

/**
 * `<prefix>-<service>` in the default environment, `<prefix>-<service>-<env>` in the others. Fly
 * app names are global, so `prefix` (default: the stack name) is the knob for making them unique.
 * (Names still follow the default environment, not the role: renaming running apps needs a
 * migration path.)
 */
export function appName(options: FlyOptions, service: string, environment: DeployedEnvironment): string {
  return environment.isDefault ? `${options.prefix}-${service}` : `${options.prefix}-${service}-${environment.name}`;
}

/** Whether `<app>.fly.dev` can exist: a DNS label of at most 63 characters. */
export const isValidAppName = (app: string): boolean => app.length <= 63 && /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(app);
