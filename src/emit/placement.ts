import type { DeployedJob } from '../deploy/model.js';
// Where a target puts each service of an environment, as its `place` hook answers: what the graph
// draws (groups, facts, public entry points) and what a deploy job needs to know about another
// target's files (a Kubernetes overlay, a fly.toml, a Vercel project's environment). Plain data, so
// no module needs another target's internals.

export interface Placement {
  target: string;
  environment: string;
  /** Lines under the target's name in the graph: `namespace shop`, `compose.yaml`, `region fra`. */
  lines: string[];
  services: PlacedService[];
  resources: PlacedResource[];
  /** The jobs of `jobs:` it runs, each with short facts for the graph (`CronJob`, `schedule 0 3 * * *`). */
  jobs?: PlacedJob[];
  /** How the environment's share is deployed as a whole, when it is one unit (a Kubernetes overlay). */
  deploy?: DeployUnit;
}

export interface PlacedService {
  name: string;
  /** Short facts for the graph: `×3`, `port 8000`, `private: shop-api.flycast`. */
  facts: string[];
  /** Public addresses that route to it, with how the traffic gets there. */
  entries: Entry[];
  /** The platform's own unit around it, when it has a name (a Fly app). */
  unit?: { key: string; title: string };
  /** How this service alone is deployed (a fly.toml, a Railway service, a Vercel project). */
  deploy?: DeployUnit;
}

export interface PlacedJob {
  name: string;
  facts: string[];
  /** How a workflow runs it on demand (a manual job), when the platform can. */
  run?: JobRun;
  /**
   * The platform leaves the job's schedule to a workflow (Fly's `scheduler: github-actions`): GitHub
   * Actions' schedule-<job>.yml runs it with `run` on the job's schedule.
   */
  workflowSchedule?: true;
}

/**
 * How a workflow (GitHub Actions' run-<job>.yml, or a deploy job after the deploy) runs a job on
 * the platform that holds it, with what the last deploy left there: a Kubernetes Job made from its
 * suspended CronJob (`kubectl create job --from=cronjob/<cronJob>`), waited for within `timeout`;
 * a Fly Machine made from the configuration of one of the app's `app` group, running `command`
 * with the variables it does not share with the app (`set`, `unset`).
 */
export type JobRun =
  | { kind: 'kubernetes'; namespace: string; cronJob: string; timeout?: string }
  | { kind: 'fly'; app: string; job: string; command: string[]; set: [string, string][]; unset: string[]; timeout?: string };

/** A job a Fly scheduled Machine runs at `interval`, restarted at most `retries` times when it fails. */
export type ScheduledMachine = Extract<JobRun, { kind: 'fly' }> & { interval: 'hourly' | 'daily' | 'weekly' | 'monthly'; retries: number };

/** When a job runs, as every target's graph facts say it: `schedule 0 3 * * * (Europe/Berlin)`, `manual`, `post-deploy`. */
export const jobFact = (job: DeployedJob): string =>
  job.schedule ? `schedule ${job.schedule.cron.text}${job.schedule.timezone ? ` (${job.schedule.timezone})` : ''}` : job.trigger;

export interface PlacedResource {
  name: string;
  facts: string[];
}

export interface Entry {
  /** The same address is the same entry, whichever targets serve it: `@entry/api.shop.example/`. */
  key: string;
  title: string;
  lines: string[];
  /** How traffic gets from the entry to the service: `Ingress nginx · TLS`. */
  label: string;
}

/**
 * A Kubernetes environment's release Jobs: the kustomization in `dir` (outside the overlay) names
 * each `<job>`; a deploy appends `nameSuffix: "-<short sha>"` and the images of the commit to it.
 * Before it, `kubectl apply -k <overlay> -l <needs>` applies what they need and the `statefulSets`
 * roll out; after it, each `<job>-<short sha>` completes, or the deploy stops, within `timeout`.
 */
export interface ReleaseUnit {
  dir: string;
  needs: string;
  statefulSets: string[];
  jobs: { service: string; job: string }[];
  timeout: string;
}

/** What a deploy job needs from the target that made the files, per platform. */
export type DeployUnit =
  /**
   * `kubectl apply -k <overlay>`; `images` are the names the manifests use, to point at a new build;
   * `rollouts` the Deployments to wait for. `jobs`: one-shot services run as Jobs, with the label
   * selector of their Jobs. A Job's pod template cannot change, so a deploy that points one at a new
   * build deletes its Jobs first (`kubectl delete job -l <selector>`), then waits for it to complete.
   */
  | {
      kind: 'kustomize';
      overlay: string;
      namespace: string;
      secret: string;
      images: { service: string; name: string }[];
      rollouts: string[];
      jobs: { service: string; selector: string }[];
      /** Pull Secrets made from the secrets `registries.<host>.credentials` names, which a deploy creates or updates first. */
      pullSecrets: { name: string; server: string; username: string; password: string }[];
      /** The services' releases, when any has one: run before the overlay, once per deploy. */
      release?: ReleaseUnit;
      /**
       * Jobs of `jobs:` to run once after the rollout (`trigger: post-deploy`): suspended CronJobs a
       * deploy instantiates (`kubectl create job --from=cronjob/<job> <job>-<sha>`), with how long
       * to wait for one (its `timeout`).
       */
      postDeploy?: { job: string; timeout?: string }[];
    }
  /**
   * `flyctl deploy --config <config>`, from the service's build context when the file is in it;
   * `private`: the app has no public IPs (Flycast only), so a deploy must not allocate them;
   * `count`: the Machines of its process group `app` after the deploy (`flyctl scale count`), the
   * number the fly target's header gives.
   */
  | {
      kind: 'fly';
      config: string;
      app: string;
      private: boolean;
      count: number;
      /** The app runs scheduled jobs: its process group `cron` runs on one Machine. */
      cron?: boolean;
      /** Jobs to run once after the deploy (`trigger: post-deploy`), each in a Machine of its own. */
      postDeploy?: Extract<JobRun, { kind: 'fly' }>[];
      /**
       * Under `targets.fly.scheduler: machines`, the app's scheduled jobs, each a Fly scheduled
       * Machine the deploy creates or updates; the deploy removes those of jobs no longer listed.
       */
      scheduledMachines?: ScheduledMachine[];
    }
  /**
   * `railway up` to the service of the same name. `variables`: its variables whose values the
   * files hold (never a secret; `${{Service.VAR}}` references as Railway takes them), which a deploy
   * sets first; `secrets`: the names of the ones set by hand, which must exist.
   */
  | { kind: 'railway'; service: string; variables: DeployVariable[]; secrets: string[] }
  /**
   * A Vercel project per site; `environment` is Vercel's, `domain` the site's own host;
   * `variables`: the site's variables whose values the files hold (never a secret), which a
   * deploy sets in the project first, in the Vercel environment (and branch) it deploys to.
   */
  | { kind: 'vercel'; environment: 'production' | 'preview' | 'development'; gitBranch?: string; domain?: string; variables: DeployVariable[] };

/** A variable with a value stackc writes into the platform's files: never a secret. */
export interface DeployVariable {
  name: string;
  value: string;
}

// Helpers the targets' `place` hooks share, so the graph words the same fact the same way.

/** The entry of a public address: the same host and path is one entry, whoever serves it. */
export const addressEntry = ({ address }: { address: string }, label: string): Entry => ({ key: entryKey(address), title: address, lines: [], label });

/** The key of the entry at an address (Endpoint.address). */
export const entryKey = (address: string): string => `@entry/${address}`;

/** `×3` for several replicas; nothing for one. */
export const replicasFact = (n: number): string | undefined => (n > 1 ? `×${n}` : undefined);

/** `port 8000`, `ports 8000, 53/udp, 9000-9005`; nothing without ports. */
export function portsFact(ports: readonly { container: number; containerEnd: number; protocol: string }[]): string | undefined {
  if (ports.length === 0) return undefined;
  const text = ports.map((p) => `${p.container === p.containerEnd ? p.container : `${p.container}-${p.containerEnd}`}${p.protocol === 'udp' ? '/udp' : ''}`);
  return `port${text.length > 1 ? 's' : ''} ${text.join(', ')}`;
}

/** The facts that are there, in order. */
export const facts = (...items: (string | undefined)[]): string[] => items.filter((f): f is string => f !== undefined);
