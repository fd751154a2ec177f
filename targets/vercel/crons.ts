// The `crons` of a site's vercel.json: its HTTP jobs (`http:`) in the environment that is Vercel's
// Production, the only deployment Vercel calls them on (https://vercel.com/docs/cron-jobs). The
// schedule is written as stack.yaml has it and runs in UTC; the gaps `vercel/cron-timezone` and
// `vercel/cron-environment` (capabilities.ts) report another time zone and the other environments.
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { Cron } from './vercel-json.js';

export function siteCrons(plan: TargetPlan, site: string, production: string | undefined): Cron[] {
  if (production === undefined) return [];
  return plan
    .httpJobs(production)
    .filter((job) => job.from?.service === site && job.schedule)
    .map((job) => ({ path: job.http!.path, schedule: job.schedule!.cron.text }));
}
