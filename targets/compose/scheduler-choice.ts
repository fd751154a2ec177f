// Which scheduled jobs a scheduler runs (`targets.compose.scheduler`), for the capabilities and the
// emitter alike: data only, so lint reads it without loading the emitter.
//
// supercronic (https://github.com/aptible/supercronic) was chosen over a scheduler container such as
// ofelia (https://github.com/mcuadros/ofelia): ofelia needs the Docker socket, which is root on the
// host (read-only does not change that: the API behind it is not read-only), and its `job-run` jobs
// start a container from labels that carry neither Compose's configs, tmpfs, read-only root nor
// resource limits, nor the job's env but as label text. A supercronic container per job is the job's
// own Compose service, with everything it has, updated by every `up`; what it costs is supercronic
// and /bin/sh in the image.
import type { DeployedJob } from '../../src/deploy/model.js';

export type Scheduler = 'supercronic';

/** `targets.compose.scheduler`, validated by the schema. */
export const schedulerOf = (options: Record<string, unknown>): Scheduler | undefined => (options.scheduler === 'supercronic' ? 'supercronic' : undefined);

/**
 * Whether the scheduler runs the job on its schedule: it must be scheduled, and have a command of
 * stack.yaml's (supercronic runs a crontab line; the image's own ENTRYPOINT and CMD are not known).
 */
export const runsOnSchedule = (job: DeployedJob, scheduler: Scheduler | undefined): boolean =>
  scheduler !== undefined && job.schedule !== undefined && (job.command !== undefined || job.entrypoint !== undefined);

/** What the crontab line runs: the job's entrypoint and command, as stack.yaml says them. */
export const scheduledCommand = (job: DeployedJob): string[] => [...(job.entrypoint ?? []), ...(job.command ?? [])];
