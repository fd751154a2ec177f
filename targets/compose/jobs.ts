// Jobs of `jobs:` as one-shot Compose services (`restart: "no"`), with the image, environment,
// volumes and hardening a service gets (service.ts) and `depends_on` from what they need.
//
// - manual: under the `jobs` profile, so `docker compose up` leaves it alone and
//   `docker compose run --rm <job>` runs it (a named service's profile is enabled by `run`:
//   https://docs.docker.com/compose/how-tos/profiles/#auto-starting-profiles-and-dependency-resolution).
// - post-deploy: started by `up` once every service of the file is ready (healthy, completed or
//   started, as the model says waiting for it means), so it runs after each `up` that deploys.
// - scheduled: Compose has no scheduler (the published compose-spec has no jobs element); it is
//   under the `jobs` profile too, to run by hand, and the header and the compose/schedule gap say
//   that nothing runs it on its schedule. With `targets.compose.scheduler: supercronic`, it is a
//   long-running service that runs it on its schedule instead (supercronic.ts).
import type { DeployedJob } from '../../src/deploy/model.js';
import { serviceReadiness } from '../../src/deploy/needs.js';
import type { Condition } from './depends-on.js';
import { healthcheckTurnedOff } from './healthcheck.js';
import type { ImageNames } from './images.js';
import type { Scope } from './scope.js';
import { runsOnSchedule } from './scheduler-choice.js';
import { appService, type Emitted } from './service.js';
import { supercronicService } from './supercronic.js';

/** The profile of the jobs `up` does not start. */
export const JOBS_PROFILE = 'jobs';

const CONDITION = { healthy: 'service_healthy', started: 'service_started', completed: 'service_completed_successfully' } as const satisfies Record<string, Condition>;

export function jobService(job: DeployedJob, scope: Scope, images: ImageNames): Emitted {
  if (runsOnSchedule(job, scope.scheduler)) return supercronicService(job, scope, images);
  const { service } = appService(job, scope, images);
  const definition: Record<string, unknown> = job.trigger === 'post-deploy' ? { ...service.definition } : { profiles: [JOBS_PROFILE], ...service.definition };
  if (job.trigger === 'post-deploy') {
    const after = new Map(definition.depends_on as Map<string, { condition: Condition }> | undefined);
    for (const s of scope.services) {
      if (after.has(s.name)) continue;
      after.set(s.name, { condition: healthcheckTurnedOff(s) ? 'service_started' : CONDITION[serviceReadiness(s)] });
    }
    if (after.size) definition.depends_on = after;
  }
  return { ...service, definition, comments: [...service.comments, ...jobComment(job)] };
}

function jobComment(job: DeployedJob): string[] {
  if (job.trigger === 'manual') return [`Manual job: docker compose run --rm ${job.name}`];
  if (job.trigger === 'post-deploy') return ['Post-deploy job: `up` runs it once the services are ready.'];
  const zone = job.schedule!.timezone ? ` ${job.schedule!.timezone}` : ' UTC';
  return [`Scheduled job (${job.schedule!.cron.text}${zone}): Compose runs nothing on a schedule; run it with docker compose run --rm ${job.name}`];
}
