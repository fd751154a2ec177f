// Where Fly runs a job of `jobs:`: in the app of its `from` service, with that app's image, so
// every `fly deploy` of the app updates it. A scheduled job is a line of the app's crontab, run by
// supercronic in the process group `cron` (https://fly.io/docs/blueprints/supercronic/); a manual
// or post-deploy job a Machine made from the configuration of one of the app's Machines, running
// the job's command (deployers of GitHub Actions). One decision for the gap (capabilities.ts), the
// fly.toml (fly-file.ts) and the placement (place.ts). Light: capabilities import it.
import type { DeployedJob, DeployedService } from '../../src/deploy/model.js';
import type { Cron } from '../../src/model/cron.js';
import type { EnvVar } from '../../src/model/stack.js';

/** The process group that runs the crontab (src/emit/crontab.ts). */
export const CRON_GROUP = 'cron';

/** The job's variables that differ from the app's: literal values to set, names to remove. */
export interface EnvDifference {
  set: [string, string][];
  unset: string[];
}

/** `coarse: false`: left out only because a scheduled Machine takes no such schedule. */
export type JobHost = { host: DeployedService; env: EnvDifference } | { why: string; coarse?: false };

/**
 * What runs the scheduled jobs (`targets.fly.scheduler`): the app's crontab, read by supercronic
 * (the default), a GitHub Actions workflow that starts a Machine of the app for each run, or a Fly
 * scheduled Machine per job (https://fly.io/docs/blueprints/task-scheduling/).
 */
export type FlyScheduler = 'supercronic' | 'github-actions' | 'machines';

/** `targets.fly.scheduler`, validated by the schema. */
export const schedulerOf = (options: Record<string, unknown>): FlyScheduler => (options.scheduler === 'github-actions' || options.scheduler === 'machines' ? options.scheduler : 'supercronic');

/** The intervals of a Fly scheduled Machine (`fly machine run --schedule`), counted from when the Machine was made. */
export type MachineInterval = 'hourly' | 'daily' | 'weekly' | 'monthly';

/**
 * The interval a cron is exactly, in the coarse sense a scheduled Machine takes, or undefined: one
 * minute of every hour (hourly), one time of every day (daily), of one weekday (weekly) or of one
 * day of the month up to the 28th, which every month has (monthly). Read from the parsed cron, so
 * `MON` and `7` count as weekdays and `1-12` as every month.
 */
export function machineInterval(cron: Cron): MachineInterval | undefined {
  const weekdays = new Set(cron.daysOfWeek.map((d) => d % 7)).size;
  const everyDay = cron.daysOfMonth.length === 31 && weekdays === 7;
  if (cron.minutes.length !== 1 || cron.months.length !== 12) return undefined;
  if (cron.hours.length === 24) return everyDay ? 'hourly' : undefined;
  if (cron.hours.length !== 1) return undefined;
  if (everyDay) return 'daily';
  if (cron.daysOfMonth.length === 31 && weekdays === 1) return 'weekly';
  if (cron.daysOfMonth.length === 1 && cron.daysOfMonth[0]! <= 28 && weekdays === 7) return 'monthly';
  return undefined;
}

/** The jobs of an environment the apps' crontabs run: its scheduled ones, unless a workflow runs them. */
export const crontabJobs = (jobs: readonly DeployedJob[], scheduler: FlyScheduler): DeployedJob[] => (scheduler === 'supercronic' ? jobs.filter((j) => j.schedule) : []);

const literal = (v: EnvVar): string | undefined => (v.value.parts.every((p) => typeof p === 'string') ? v.value.parts.join('') : undefined);
const same = (a: EnvVar, b: EnvVar): boolean => JSON.stringify(a.value) === JSON.stringify(b.value);

/**
 * The app a job runs in (its `from` service, where the fly target runs it), or why it has none.
 * @param services what the fly target runs in the job's environment
 * @param scheduled the environment's jobs of a crontab (crontabJobs), for the one time zone a crontab has
 * @param scheduler what runs scheduled jobs (a scheduled Machine takes coarse schedules only)
 */
export function flyJobHost(job: DeployedJob, services: readonly DeployedService[], scheduled: readonly DeployedJob[], scheduler: FlyScheduler = 'supercronic'): JobHost {
  const from = job.from?.service;
  if (!from) return { why: 'it has no `from` service, and Fly runs a job in the app of its `from` service, with that app\'s image' };
  const host = services.find((s) => s.name === from);
  if (!host) return { why: `its \`from\` service \`${from}\` is not deployed by the fly target in environment \`${job.environment}\`` };
  if (JSON.stringify(job.build) !== JSON.stringify(host.build) || job.image !== host.image) return { why: `it runs another image than \`${from}\`, and a Fly app runs one image` };
  if (!job.command) return { why: 'it has no `command`, and a crontab line or a Machine of the app needs one (the app\'s image runs the service by default)' };
  if (job.schedule && scheduler === 'machines' && !machineInterval(job.schedule.cron)) {
    return { why: `its schedule \`${job.schedule.cron.text}\` is not exactly hourly, daily, weekly or monthly, which is all a Fly scheduled Machine (\`targets.fly.scheduler: machines\`) runs on`, coarse: false };
  }
  const env = envDifference(job, host);
  if ('why' in env) return env;
  if (job.schedule && scheduled.includes(job)) {
    const first = scheduled.find((j) => j.from?.service === from && j.command && (j.schedule?.timezone ?? 'UTC') !== (job.schedule!.timezone ?? 'UTC'));
    if (first && scheduled.indexOf(first) < scheduled.indexOf(job)) return { why: `the crontab of \`${from}\`'s app has one time zone, and \`${first.name}\` runs in ${first.schedule!.timezone ?? 'UTC'}, not ${job.schedule.timezone ?? 'UTC'}` };
  }
  return { host, env };
}

/** The job's variables against the app's: a reference that differs cannot be resolved per line. */
function envDifference(job: DeployedJob, host: DeployedService): EnvDifference | { why: string } {
  const set: [string, string][] = [];
  for (const v of job.env) {
    const own = host.env.find((h) => h.name === v.name);
    if (own && same(own, v)) continue;
    const value = literal(v);
    if (value === undefined) return { why: `its variable \`${v.name}\` is a reference that \`${host.name}\` does not have, and the app's Machines read their references from the app's secrets and [env]` };
    set.push([v.name, value]);
  }
  const names = new Set(job.env.map((v) => v.name));
  return { set, unset: host.env.filter((v) => !names.has(v.name)).map((v) => v.name) };
}

/**
 * What the fly target runs of an environment's jobs, each in the app of its host service; `workflow`
 * for a scheduled one a GitHub Actions workflow runs (`scheduler: github-actions`), `machine` the
 * interval of one a scheduled Machine runs (`scheduler: machines`), not the crontab.
 */
export function hostedJobs(jobs: readonly DeployedJob[], services: readonly DeployedService[], scheduler: FlyScheduler): { job: DeployedJob; host: DeployedService; env: EnvDifference; workflow?: true; machine?: MachineInterval }[] {
  const scheduled = crontabJobs(jobs, scheduler);
  return jobs.flatMap((job) => {
    const found = flyJobHost(job, services, scheduled, scheduler);
    if ('why' in found) return [];
    const interval = job.schedule && scheduler === 'machines' ? machineInterval(job.schedule.cron) : undefined;
    return [{ job, ...found, ...(job.schedule && scheduler === 'github-actions' ? { workflow: true as const } : {}), ...(interval ? { machine: interval } : {}) }];
  });
}
