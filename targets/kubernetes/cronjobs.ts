// Jobs of `jobs:` as CronJobs (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/),
// with the pod template services get (the same hardening, env, Secret keys and pull Secret).
//
// - A scheduled job: `schedule`, `timeZone`, `concurrencyPolicy` (only when stack.yaml says: the
//   default is Kubernetes' `Allow`, and lint asks for a choice), `activeDeadlineSeconds` from
//   `timeout`, `backoffLimit` from `retries` (0 when unset: Kubernetes' default of 6 would run a
//   failing report seven times).
// - A manual or post-deploy job: a suspended CronJob, so `kubectl create job --from=cronjob/<name>`
//   runs it with the spec that was applied, and `kubectl apply -k` updates that spec with every
//   deploy. Its schedule is never read while suspended; the one written is a valid yearly one.
// - A job that needs a one-shot service (a reference to it) waits for its Job in an init container,
//   as services do (jobs.ts): the first scheduled run may come before the migration has completed.
// - Finished Jobs: the CronJob keeps the last 3 successful and 1 failed (Kubernetes' defaults), so
//   their logs stay readable.
import type { DeployedJob } from '../../src/deploy/model.js';
import { compact } from '../../src/emit/serialize/yaml.js';
import { podTemplate, type PodInput } from './deployment.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';

/** Never read while the CronJob is suspended; the API requires a valid one. */
const SUSPENDED_SCHEDULE = '0 0 1 1 *';

const POLICY = { allow: 'Allow', forbid: 'Forbid', replace: 'Replace' } as const;

/** A job of `jobs:` as a CronJob named after it (validate held the name to 52 characters). */
export function cronJob(job: DeployedJob, input: PodInput, env: RenderEnv): Rendered {
  const stack = env.stack.name;
  const labels = objectLabels(stack, job.name, 'job');
  const scheduled = job.trigger === 'schedule';
  return rendered(
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: compact({
        name: job.name,
        labels,
        annotations: job.description ? { 'kubernetes.io/description': job.description } : undefined,
      }),
      spec: compact({
        schedule: scheduled ? job.schedule!.cron.text : SUSPENDED_SCHEDULE,
        timeZone: job.schedule?.timezone,
        concurrencyPolicy: job.concurrency ? POLICY[job.concurrency.policy] : undefined,
        suspend: scheduled ? undefined : true,
        jobTemplate: {
          metadata: { labels },
          spec: compact({
            backoffLimit: job.retries,
            activeDeadlineSeconds: job.timeout ? Math.max(1, Math.ceil(job.timeout.ms / 1000)) : undefined,
            template: podTemplate({ ...input, job: true }, env),
          }),
        },
      }),
    },
    input.notes,
    { services: [job.name], images: [input.image, ...(input.waiter ? [input.waiter.container.image] : [])], secrets: input.env.secretKeys },
  );
}

/** How to run a suspended CronJob's Job: a Job name of its own each run (`<job>-<unix time>` by hand). */
export const runCommand = (namespace: string, job: string, suffix = '$(date +%s)'): string => `kubectl -n ${namespace} create job --from=cronjob/${job} ${job}-${suffix}`;
