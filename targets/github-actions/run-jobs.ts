// .github/workflows/run-<job>.yml: a manual job (`trigger: manual`) run on demand, one workflow per
// job with the environment as its input (workflow_dispatch), one workflow job per environment the
// deploy workflows deploy, each in the GitHub environment of that name, so its required reviewers
// approve the run and its secrets are the deploy's. The job runs on the platform that holds it, with
// what the last deploy left there (a Kubernetes CronJob's spec), as the platform target's placement
// says (`PlacedJob.run`).
import type { DeployedJob, DeploymentModel } from '../../src/deploy/model.js';
import type { JobRun, Placement } from '../../src/emit/placement.js';
import type { Report } from '../../src/emit/target.js';
import type { Environment } from '../../src/model/stack.js';
import { ACTIONS, RUNNER } from './actions.js';
import { clusterAccessStep, flyRunScript, jobFinishedFunction } from './deployers.js';
import { SecretList, type Job, type Step, type Workflow } from './workflow.js';

export const runWorkflowPath = (job: string): string => `.github/workflows/run-${job}.yml`;

/** How long a run is waited for when the job has no `timeout`: as long as a post-deploy job. */
const DEFAULT_WAIT = { text: '30m', minutes: 30 };

/** How long a workflow waits for a run of the job: its `timeout`, else DEFAULT_WAIT. */
export const waitOf = (job: DeployedJob): { text: string; minutes: number } => (job.timeout ? { text: job.timeout.text, minutes: Math.ceil(job.timeout.ms / 60_000) } : DEFAULT_WAIT);

/** A workflow that runs one job of `jobs:` (run-<job>.yml, schedule-<job>.yml). */
export interface JobWorkflow {
  path: string;
  job: string;
  workflow: Workflow;
  notes: string[];
  secrets: SecretList;
}

export type RunWorkflow = JobWorkflow;

/** One environment's share of a job's workflow: the platforms that run the job there. */
export interface EnvironmentRun<J extends DeployedJob = DeployedJob> {
  environment: Environment;
  job: J;
  runs: { target: string; run: JobRun }[];
}

/**
 * The run workflows of the manual jobs, over the environments the deploy workflows deploy
 * (`deployed`, whose GitHub environments hold the platforms' credentials); reports, at the job's
 * line, an environment where no target that runs the job can run it from a workflow.
 * @param jobsOf the jobs this target selects in an environment (its `services` filter)
 * @param reports whether problems of the environment are reported (`--env`)
 */
export function runWorkflows(model: DeploymentModel, placements: readonly Placement[], deployed: readonly Environment[], jobsOf: (environment: string) => readonly DeployedJob[], reports: (environment: string) => boolean, report: Report): RunWorkflow[] {
  const byJob = new Map<string, EnvironmentRun[]>();
  for (const environment of deployed) {
    for (const job of jobsOf(environment.name)) {
      if (job.trigger !== 'manual') continue;
      const runs = placements.filter((p) => p.environment === environment.name).flatMap((p) => {
        const run = p.jobs?.find((j) => j.name === job.name)?.run;
        return run ? [{ target: p.target, run }] : [];
      });
      if (!runs.length) {
        if (reports(environment.name)) {
          report({
            severity: 'info',
            code: 'github-actions/manual-job',
            message: `no workflow runs the manual job \`${job.name}\` in environment \`${environment.name}\`: no target that deploys it there can run it on demand from a workflow`,
            path: job.path,
            hint: 'run it with a target that can (kubernetes), or on its platform by hand (`docker compose run --rm <job>`, `railway run`)',
          });
        }
        continue;
      }
      byJob.set(job.name, [...(byJob.get(job.name) ?? []), { environment, job, runs }]);
    }
  }
  return [...byJob.entries()].map(([job, environments]) => runWorkflow(job, environments));
}

export const TITLES: Readonly<Record<JobRun['kind'], string>> = { kubernetes: 'Kubernetes', fly: 'Fly.io' };

function runWorkflow(name: string, environments: readonly EnvironmentRun[]): RunWorkflow {
  const path = runWorkflowPath(name);
  const secrets = new SecretList();
  const jobs: Record<string, Job> = {};
  const lines: string[] = [];
  for (const { environment, job, runs } of environments) {
    for (const { run } of runs) {
      const wait = waitOf(job);
      jobs[`${run.kind}-${environment.name}`] = {
        name: `${TITLES[run.kind]}: ${name} in ${environment.name}`,
        if: `inputs.environment == '${environment.name}'`,
        'runs-on': RUNNER,
        environment: { name: environment.name },
        // The wait, and time to set up and print the output.
        'timeout-minutes': wait.minutes + 10,
        steps: runSteps(secrets, environment.name, run, wait),
      };
      lines.push(runLine(name, environment.name, run, wait.text));
    }
  }
  const first = environments[0]!;
  const approval = environments.filter((e) => e.environment.approval).map((e) => `\`${e.environment.name}\``);
  const notes = [
    `Runs the manual job \`${name}\`${first.job.description ? ` (${first.job.description})` : ''} on demand: Actions → Run ${name} → Run workflow, on a branch or tag the environment allows,`,
    `  with the environment to run it in (or \`gh workflow run run-${name}.yml --ref <branch or tag> -f environment=${first.environment.name}\`).`,
    'Each environment\'s job runs in the GitHub environment of that name (Settings → Environments): its required reviewers approve the run, and its deployment branches and tags limit the refs it runs from.',
    ...(approval.length ? [`${approval.join(', ')} ${approval.length > 1 ? 'need' : 'needs'} approval (\`approval: true\`): add required reviewers to the environment; a workflow file cannot name them.`] : []),
    'It runs what the last deploy left on the platform (its spec, image and variables), not the code of the ref it is started from.',
    '',
    ...secrets.lines(`Settings → Environments → ${environments.map((e) => e.environment.name).join(', ')} → Environment secrets, the ones the deploy workflows read`),
    '',
    ...lines,
  ];
  const workflow: Workflow = {
    name: `Run ${name}`,
    on: {
      workflow_dispatch: {
        inputs: {
          environment: { description: 'The environment to run it in', type: 'choice', options: environments.map((e) => e.environment.name), required: true },
        },
      },
    },
    permissions: { contents: 'read' },
    // One run of the job per environment at a time; a second waits rather than overlap it.
    concurrency: { group: `run-${name}-\${{ inputs.environment }}`, 'cancel-in-progress': false },
    jobs,
  };
  return { path, job: name, workflow, notes, secrets };
}

/** The steps that run the job once on its platform, and wait for it: the same for a run on demand and on a schedule. */
export const runSteps = (secrets: SecretList, environment: string, run: JobRun, wait: { text: string; minutes: number }): Step[] =>
  run.kind === 'kubernetes' ? kubernetesRunSteps(secrets, environment, run, wait.text) : flyRunSteps(secrets, run, wait.minutes);

/** The header's line on how a platform runs the job. */
export const runLine = (name: string, environment: string, run: JobRun, wait: string): string =>
  run.kind === 'kubernetes'
    ? `${TITLES[run.kind]} (${environment}): a Job made from the suspended CronJob \`${run.cronJob}\` in namespace \`${run.namespace}\`, named \`${name}-<run number>\`, waited for up to ${wait}; its output is printed, and a failed Job fails the run.`
    : `${TITLES[run.kind]} (${environment}): a Machine of the app \`${run.app}\` made from one of its \`app\` Machines (image, variables, files, size as the last deploy left them), running the job once, waited for up to ${wait}; its output is printed, the Machine destroyed, and a failed job fails the run.`;

/**
 * Kubernetes: a Job from the suspended CronJob (the spec the last `kubectl apply -k` left), named
 * after the workflow's run number (a re-run deletes its earlier attempt's Job first), waited for
 * until it completes or fails; its output is printed either way.
 */
function kubernetesRunSteps(secrets: SecretList, environment: string, run: Extract<JobRun, { kind: 'kubernetes' }>, wait: string): Step[] {
  const ns = run.namespace;
  return [
    clusterAccessStep(secrets, environment),
    {
      name: `Run ${run.cronJob}`,
      run: [
        ...jobFinishedFunction(ns, wait),
        `JOB="${run.cronJob}-$GITHUB_RUN_NUMBER"`,
        `kubectl -n ${ns} delete job "$JOB" --ignore-not-found`,
        `kubectl -n ${ns} create job --from=cronjob/${run.cronJob} "$JOB"`,
        'if finished "$JOB"; then ok=1; else ok=0; fi',
        `kubectl -n ${ns} logs "job/$JOB" --all-containers --tail=500 || true`,
        `if [ "$ok" -ne 1 ]; then echo "::error::${run.cronJob} did not complete (job/$JOB)"; exit 1; fi`,
      ].join('\n'),
    },
  ];
}

/** Fly.io: a Machine made from one of the app's (deployers.ts, flyRunScript), with flyctl for its output. */
function flyRunSteps(secrets: SecretList, run: Extract<JobRun, { kind: 'fly' }>, minutes: number): Step[] {
  const token = secrets.use('FLY_API_TOKEN', 'Fly.io deploy token (`fly tokens create deploy -a <app>`), the one the deploy workflow reads');
  return [
    { name: 'Set up flyctl', uses: ACTIONS.setupFlyctl },
    { name: `Run ${run.job}`, env: { FLY_API_TOKEN: token }, run: flyRunScript(run, minutes * 60_000) },
  ];
}
