// What a target says about the jobs it cannot run (capabilities' `job` gaps): at the job's line,
// worded once for every target, so that no job is left out of a platform's files without a word.
import type { DeployedJob } from '../deploy/model.js';
import { shortestIntervalMinutes } from '../model/cron.js';
import type { Gap, GapContext } from './capabilities.js';

/** How messages name a job: ``the scheduled job `report` (`0 3 * * *`)``, ``the manual job `reindex` ``. */
export const jobText = (job: DeployedJob): string =>
  job.trigger === 'schedule' ? `the scheduled job \`${job.name}\` (\`${job.schedule!.cron.text}\`)` : `the ${job.trigger} job \`${job.name}\``;

/**
 * The jobs a platform cannot run: `why` says why for a job it cannot run (and nothing for one it
 * runs); the job is left out of the target's files.
 */
export function jobsNotExpressible(
  spec: Pick<Gap, 'code' | 'summary' | 'severity'> & { title: string; why(job: DeployedJob, ctx: GapContext): string | undefined; hint(job: DeployedJob, ctx: GapContext): string },
): Gap {
  return {
    code: spec.code,
    setting: 'jobs',
    support: 'dropped',
    severity: spec.severity,
    summary: spec.summary,
    job: (job, ctx) => {
      const why = spec.why(job, ctx);
      if (why === undefined) return undefined;
      return { message: `${spec.title} cannot run ${jobText(job)}: ${why}; it is left out`, path: job.path, hint: spec.hint(job, ctx), note: `job ${job.name}: not expressible (${why})` };
    },
  };
}

/** How messages name an HTTP job: ``the HTTP job `ping` (`/api/cron/ping` of `web`, `0 3 * * *`)``. */
export const httpJobText = (job: DeployedJob): string =>
  `the HTTP job \`${job.name}\` (\`${job.http!.path}\` of \`${job.from!.service}\`${job.schedule ? `, \`${job.schedule.cron.text}\`` : ''})`;

/**
 * A platform that sends no scheduled request: every HTTP job of a service it runs is reported at
 * the job's line and left out (only Vercel's crons send them).
 */
export function httpJobsNotExpressible(code: string, title: string): Gap {
  return {
    code,
    setting: 'jobs.http',
    support: 'dropped',
    severity: 'warning',
    summary: `an HTTP job (\`http:\`) of a service ${title} runs: ${title} sends no scheduled request to a path (only Vercel's crons do)`,
    httpJob: (job, { plan }) => {
      const from = job.from!.service;
      const site = plan.services(job.environment).find((s) => s.name === from)?.kind === 'static';
      return {
        message: `${title} cannot run ${httpJobText(job)}: it sends no scheduled request to a path; it is left out`,
        path: job.http!.at,
        hint: site
          ? `leave \`${from}\` to the vercel target, whose crons send it (\`targets.<name>.services\`)`
          : 'run a container job instead: drop `http`, and give it an `image` with curl and `command: [curl, -fsS, <url>]`',
        note: `job ${job.name}: not expressible (an HTTP job)`,
      };
    },
  };
}

/** A schedule that runs more often than the platform allows: an error at the schedule's line. */
export function scheduleTooFrequent(code: string, title: string, minutes: number, source: string): Gap {
  return {
    code,
    setting: 'jobs.schedule',
    support: 'dropped',
    severity: 'error',
    summary: `a schedule that runs more often than every ${minutes} minutes, the shortest interval ${title} allows (${source})`,
    job: (job) => {
      const schedule = job.schedule;
      if (!schedule) return undefined;
      const shortest = shortestIntervalMinutes(schedule.cron);
      if (shortest >= minutes) return undefined;
      return {
        message: `${title} runs a schedule at most every ${minutes} minutes, and \`${schedule.cron.text}\` of \`${job.name}\` runs ${shortest === 1 ? 'every minute' : `${shortest} minutes apart`}`,
        path: schedule.path,
        hint: `run it every ${minutes} minutes or less often (\`*/${minutes} * * * *\`), or leave ${title} out for it (\`targets.<name>.services\`)`,
      };
    },
  };
}
