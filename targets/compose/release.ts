// `release` (migrations) as a one-shot service: same image, environment and volumes as its service,
// run to completion before the service starts (`service_completed_successfully`), so that
// `docker compose up` migrates first, as the platforms' release phases do. The compose/release gap
// reports it, and that it is not run when the stack already uses the job's name.
import type { DeployedService } from '../../src/deploy/model.js';
import { releaseJobName, releaseNameTaken } from './release-name.js';
import type { Scope } from './scope.js';
import type { Emitted } from './service.js';
import { literal } from './text.js';

/** The one-shot service's name (`api-release`), or `undefined` when there is none to run. */
export function releaseName(service: DeployedService, scope: Scope): string | undefined {
  if (!service.release || releaseNameTaken(service, scope.environment)) return undefined;
  return releaseJobName(service);
}

/** The job: the service's image, build, hardening, environment, volumes and dependencies; no ports, healthcheck or replicas. */
export function releaseJob(service: DeployedService, name: string, main: Emitted): Emitted {
  const d = main.definition;
  const pick = (key: string) => (key in d ? { [key]: d[key] } : {});
  const deps = new Map(d.depends_on as Map<string, unknown>);
  deps.delete(name);
  const resources = (d.deploy as { resources?: unknown } | undefined)?.resources;
  const definition: Record<string, unknown> = {
    ...pick('image'),
    ...pick('build'),
    ...pick('pull_policy'),
    ...pick('entrypoint'),
    command: service.release!.map(literal),
    ...pick('user'),
    ...pick('security_opt'),
    ...pick('read_only'),
    ...pick('tmpfs'),
    ...pick('environment'),
    ...pick('volumes'),
    ...(deps.size ? { depends_on: deps } : {}),
    restart: 'no',
    ...(resources ? { deploy: { resources } } : {}),
    ...pick('labels'),
  };
  return { name, definition, comments: [`One-shot: the release command of ${service.name}, run to completion before ${service.name} starts.`], keyComments: new Map() };
}
