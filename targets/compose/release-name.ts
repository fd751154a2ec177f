// The name of a service's release job (release.ts), shared with the compose/release gap: the job
// is a Compose service beside the stack's own, so it cannot take a name the stack already uses.
import type { DeployedEnvironment, DeployedService } from '../../src/deploy/model.js';

export const releaseJobName = (service: DeployedService): string => `${service.name}-release`;

/** Whether the stack already uses the job's name in the environment (a service or a backing service). */
export const releaseNameTaken = (service: DeployedService, environment: DeployedEnvironment): boolean => {
  const name = releaseJobName(service);
  return environment.service(name) !== undefined || environment.resource(name) !== undefined;
};
