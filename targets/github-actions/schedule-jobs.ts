// .github/workflows/schedule-<job>.yml: a scheduled job whose platform leaves its schedule to a
// workflow (`PlacedJob.workflowSchedule`: Fly with `targets.fly.scheduler: github-actions`), run on
// `on.schedule` the way run-<job>.yml runs a manual job (run-jobs.ts), one workflow job per
// environment the deploy workflows deploy, each in the GitHub environment of that name. GitHub's
// schedules run in UTC, from the default branch, at most every 5 minutes, may start late or be
// dropped at busy times, and are disabled after 60 days without activity in a public repository
// (https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule).
import type { DeployedJob } from '../../src/deploy/model.js';
import type { Placement } from '../../src/emit/placement.js';
import type { Report } from '../../src/emit/target.js';
import type { Environment } from '../../src/model/stack.js';
import { RUNNER } from './actions.js';
import { runLine, runSteps, TITLES, waitOf, type EnvironmentRun as ScheduledRun, type JobWorkflow } from './run-jobs.js';
import { SecretList, type Job, type Workflow } from './workflow.js';

export const scheduleWorkflowPath = (job: string): string => `.github/workflows/schedule-${job}.yml`;

export type ScheduleWorkflow = JobWorkflow;

type EnvironmentRun = ScheduledRun<DeployedJob & { schedule: NonNullable<DeployedJob['schedule']> }>;

const UTC = new Set(['UTC', 'Etc/UTC']);

/**
 * The schedule workflows, over the environments the deploy workflows deploy (`deployed`, whose
 * GitHub environments hold the platforms' credentials); a time zone other than UTC is a warning at
 * its line, since GitHub has none.
 * @param jobsOf the jobs this target selects in an environment (its `services` filter)
 * @param reports whether problems of the environment are reported (`--env`)
 * @param defaultBranch the branch GitHub starts scheduled runs from (`targets.github-actions.default_branch`)
 */
export function scheduleWorkflows(defaultBranch: string, placements: readonly Placement[], deployed: readonly Environment[], jobsOf: (environment: string) => readonly DeployedJob[], reports: (environment: string) => boolean, report: Report): ScheduleWorkflow[] {
  const byJob = new Map<string, EnvironmentRun[]>();
  const zoned = new Set<string>();
  for (const environment of deployed) {
    for (const job of jobsOf(environment.name)) {
      const schedule = job.schedule;
      if (!schedule) continue;
      const runs = placements.filter((p) => p.environment === environment.name).flatMap((p) => {
        const placed = p.jobs?.find((j) => j.name === job.name);
        return placed?.workflowSchedule && placed.run ? [{ target: p.target, run: placed.run }] : [];
      });
      if (!runs.length) continue;
      const zone = `${job.name}\u0000${schedule.timezone}`;
      if (schedule.timezone && !UTC.has(schedule.timezone) && reports(environment.name) && !zoned.has(zone)) {
        zoned.add(zone);
        report({
          severity: 'warning',
          code: 'github-actions/schedule-timezone',
          message: `GitHub runs schedules in UTC: \`${schedule.cron.text}\` of \`${job.name}\` runs at that time UTC, not in ${schedule.timezone}`,
          path: job.origins.timezone ?? schedule.path,
          hint: 'write the schedule in UTC (and mind daylight saving time), and remove `timezone`',
        });
      }
      byJob.set(job.name, [...(byJob.get(job.name) ?? []), { environment, job: { ...job, schedule }, runs }]);
    }
  }
  return [...byJob.entries()].map(([job, environments]) => scheduleWorkflow(defaultBranch, job, environments));
}

function scheduleWorkflow(branch: string, name: string, environments: readonly EnvironmentRun[]): ScheduleWorkflow {
  const secrets = new SecretList();
  const crons = [...new Set(environments.map((e) => e.job.schedule.cron.text))];
  const jobs: Record<string, Job> = {};
  const lines: string[] = [];
  for (const { environment, job, runs } of environments) {
    const cron = job.schedule.cron.text;
    for (const { run } of runs) {
      const wait = waitOf(job);
      jobs[`${run.kind}-${environment.name}`] = {
        name: `${TITLES[run.kind]}: ${name} in ${environment.name}`,
        // Several schedules in one workflow: each environment's job runs on its own.
        ...(crons.length > 1 ? { if: `github.event.schedule == '${cron}'` } : {}),
        'runs-on': RUNNER,
        environment: { name: environment.name },
        'timeout-minutes': wait.minutes + 10,
        steps: runSteps(secrets, environment.name, run, wait),
      };
      lines.push(`${runLine(name, environment.name, run, wait.text)} Schedule: \`${cron}\`.`);
    }
  }
  const first = environments[0]!;
  const approval = environments.filter((e) => e.environment.approval).map((e) => `\`${e.environment.name}\``);
  const notes = [
    `Runs the scheduled job \`${name}\`${first.job.description ? ` (${first.job.description})` : ''} on its schedule, which its platform leaves to this workflow (\`targets.fly.scheduler: github-actions\`).`,
    'GitHub runs it in UTC, from the latest commit of the default branch, at most every 5 minutes; a run may start late or be dropped when',
    'Actions is busy (at the start of an hour most), and GitHub disables the schedule after 60 days without activity in a public repository.',
    `Each environment's job runs in the GitHub environment of that name (Settings → Environments): its deployment branches must allow \`${branch}\`, the branch a scheduled run starts from.`,
    ...(approval.length ? [`${approval.join(', ')} ${approval.length > 1 ? 'need' : 'needs'} approval (\`approval: true\`): every scheduled run there waits for a reviewer.`] : []),
    'It runs what the last deploy left on the platform (its spec, image and variables). A run due while the last one still runs waits for it.',
    '',
    ...secrets.lines(`Settings → Environments → ${environments.map((e) => e.environment.name).join(', ')} → Environment secrets, the ones the deploy workflows read`),
    '',
    ...lines,
  ];
  const workflow: Workflow = {
    name: `Schedule ${name}`,
    on: { schedule: crons.map((cron) => ({ cron })) },
    permissions: { contents: 'read' },
    // One run at a time; a run due while the last one runs waits rather than overlap it.
    concurrency: { group: `schedule-${name}`, 'cancel-in-progress': false },
    jobs,
  };
  return { path: scheduleWorkflowPath(name), job: name, workflow, notes, secrets };
}
