// The normalized Stack model every target, lint rule and diff consumes. Built by src/load/normalize.ts
// from the validated stack.yaml: defaults applied, environment overrides merged, `${environment.*}`
// interpolated. `path` fields point back into stack.yaml for diagnostics.
import type { Cron } from './cron.js';
import type { EnvironmentRole } from './environment-role.js';
import type { ResourceType } from './resource-types.js';
import type { Template } from './template.js';

/** A path into stack.yaml's data, e.g. `['services', 'api', 'ports', 0]`. */
export type DataPath = readonly (string | number)[];

export interface Stack {
  name: string;
  description?: string;
  /** Absolute directory of stack.yaml; every relative path in the stack is relative to it. */
  root: string;
  /** stack.yaml's path as shown to the user (relative to the working directory). */
  file: string;
  /** In declaration order; the first is the default. */
  environments: Environment[];
  /** Each environment's view of the stack, keyed by environment name. */
  views: ReadonlyMap<string, EnvironmentView>;
  ci?: Ci;
  /** How CI signs in to registries (`registries:`), in declaration order. */
  registries: Registry[];
  /** Targets switched on in stack.yaml, in declaration order. */
  targets: TargetConfig[];
  /** Plugin specifiers, as written (`./x.mjs` or `stackc-target-x`). */
  plugins: string[];
  lint: LintConfig;
}

export interface Environment {
  name: string;
  description?: string;
  /** What it is for: `role:` in stack.yaml, else from the name (see environment-role.ts). */
  role: EnvironmentRole;
  /** The environment's domain; `undefined` when stack.yaml gives none. */
  domain?: string;
  branch?: string;
  tags?: string;
  approval: boolean;
  path: DataPath;
}

/**
 * How to sign in to one container registry (`registries.<host>`): named credentials, which every
 * target reads (CI's login, the Kubernetes pull Secret, the Compose, Fly and Railway instructions),
 * or a keyless CI login.
 */
export interface Registry {
  /** As image names spell it: `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  host: string;
  login: RegistryLogin;
  path: DataPath;
}

export type RegistryLogin =
  /** Names of the two secrets holding the user name and the password or token, never values. */
  | { kind: 'credentials'; username: string; password: string }
  /** An IAM role GitHub's OIDC token assumes; `region` is the ECR host's. */
  | { kind: 'aws'; role: string; region: string }
  /** Workload identity federation impersonating a service account. */
  | { kind: 'gcp'; workloadIdentityProvider: string; serviceAccount: string };

/** The stack as it runs in one environment. */
export interface EnvironmentView {
  environment: Environment;
  /** Enabled services, in declaration order. */
  services: Service[];
  resources: Resource[];
  /** Enabled jobs, in declaration order. */
  jobs: Job[];
}

export type Command = string[];

export interface Build {
  /** Relative to the stack root, `/`-separated, without a leading `./` (`.` for the root itself). */
  context: string;
  /** Relative to the context. */
  dockerfile: string;
  target?: string;
  args: Record<string, string>;
  /** BuildKit secret ids, each also the name its value is stored under; absent when none. */
  secrets?: string[];
  /** `os/arch[/variant]` platforms of a multi-architecture build; absent for the builder's own. */
  platforms?: string[];
}

export interface StaticSite {
  root: string;
  framework?: string;
  install?: string;
  build?: string;
  output?: string;
  node?: string;
}

export interface Port {
  container: number;
  /** Last port of a range (`9000-9005`), else equal to `container`. */
  containerEnd: number;
  /** Host port Compose publishes on (first of a range); `undefined` when not published. */
  host?: number;
  hostEnd?: number;
  /**
   * The host address Compose publishes it on (`127.0.0.1`, `::1`), as written; `undefined`: the
   * environment's default (every address, or loopback behind a reverse proxy).
   */
  bind?: string;
  protocol: 'tcp' | 'udp';
  /** The port's name as stack.yaml gives it (Kubernetes); a target names the others. */
  name?: string;
  path: DataPath;
}

export interface Public {
  /** The canonical host: `host`, or the first of `hosts`. */
  host: string;
  path: string;
  port: number;
  at: DataPath;
  /** The hosts after the canonical one (`hosts` minus its first), `${environment.*}` resolved. */
  aliases?: PublicHost[];
  /** `redirects`, with `to` defaulted to the canonical host. */
  redirects?: PublicRedirect[];
}

export interface PublicHost {
  name: string;
  at: DataPath;
}

/** A host that redirects to one of the service's hosts, keeping path and query. */
export interface PublicRedirect {
  from: string;
  to: string;
  /** 308 when permanent, else 307. */
  permanent: boolean;
  at: DataPath;
  /** Where `to` is written, when it is. */
  toAt?: DataPath;
}

export interface EnvVar {
  name: string;
  value: Template;
  path: DataPath;
}

export interface Secret {
  name: string;
  path: DataPath;
}

export type Probe =
  /** `portMissing`: no port written and no TCP port to default to; `validate` refuses such a stack. */
  | { kind: 'http'; path: string; port: number; portMissing?: true }
  | { kind: 'command'; command: Command }
  | { kind: 'tcp'; port: number };

export interface Healthcheck {
  /** `undefined` when the healthcheck is disabled on purpose. */
  probe?: Probe;
  disabledReason?: string;
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  path: DataPath;
}

export interface User {
  /** As written: `1000`, `1000:1000`, `app`. */
  text: string;
  uid?: number;
  gid?: number;
  name?: string;
}

export interface ComputeResources {
  cpu?: string;
  memory?: string;
  requests: { cpu?: string; memory?: string };
  path: DataPath;
}

export interface Autoscale {
  min: number;
  max: number;
  cpu: number;
  path: DataPath;
}

export type Volume =
  | { kind: 'named'; name: string; path: string; readonly: boolean; size: string; at: DataPath }
  | { kind: 'bind'; source: string; path: string; readonly: boolean; at: DataPath };

/**
 * A file mounted into a container, read-only (`files:`): a file of the repository, or text written in
 * stack.yaml whose `${...}` references each target resolves as it resolves env values.
 */
export interface MountedFile {
  /** Absolute path of the file in the container. */
  path: string;
  content: FileContent;
  /** Permission bits (`0o440`); `undefined`: the platform's default. */
  mode?: number;
  at: DataPath;
}

export type FileContent =
  /** `source:` relative to the stack root, `/`-separated, without a leading `./`. */
  | { kind: 'repository'; source: string; at: DataPath }
  /** `content:`, `${environment.*}` already resolved. */
  | { kind: 'inline'; template: Template; at: DataPath };

export interface Dependency {
  name: string;
  kind: 'service' | 'resource';
  path: DataPath;
}

export type RestartPolicy = 'always' | 'unless-stopped' | 'on-failure' | 'no';

/** A duration as written (`30s`), in milliseconds, and where it was written. */
export interface Duration {
  ms: number;
  text: string;
  path: DataPath;
}

/** How a new version replaces the running one (`rollout:`); see src/deploy/shutdown.ts for what each platform does unset. */
export type RolloutStrategy = 'rolling' | 'recreate' | 'canary' | 'bluegreen';

/** Replicas counted as a Kubernetes Deployment counts them: a number, or a percentage of `replicas`. */
export type RolloutAmount = { kind: 'count'; count: number } | { kind: 'percent'; percent: number };

export interface Rollout {
  strategy: RolloutStrategy;
  /** With `rolling` only (`validate` refuses them with another strategy). */
  maxSurge?: RolloutAmount;
  maxUnavailable?: RolloutAmount;
  path: DataPath;
}

export interface Service {
  name: string;
  kind: 'container' | 'static';
  description?: string;
  build?: Build;
  image?: string;
  static?: StaticSite;
  command?: Command;
  entrypoint?: Command;
  release?: Command;
  ports: Port[];
  public?: Public;
  env: EnvVar[];
  secrets: Secret[];
  healthcheck?: Healthcheck;
  user?: User;
  readOnly: boolean;
  resources?: ComputeResources;
  replicas: number;
  autoscale?: Autoscale;
  restart: RestartPolicy;
  /** `stop_signal:` (`SIGQUIT`); `undefined`: the image's STOPSIGNAL, or the platform's signal. */
  stopSignal?: { name: string; path: DataPath };
  /** `stop_grace_period:`: how long the process may take to exit after the signal. */
  stopGracePeriod?: Duration;
  /** `drain_period:`: how long a replica runs on after it leaves load balancing, before the signal. */
  drainPeriod?: Duration;
  rollout?: Rollout;
  volumes: Volume[];
  /** `files:`, in the order written. */
  files: MountedFile[];
  dependsOn: Dependency[];
  labels: Record<string, string>;
  /** `['services', name]`. */
  path: DataPath;
  /** For each field set in stack.yaml, where its value came from (base or an environment override). */
  origins: Readonly<Record<string, DataPath>>;
}

/** When a job runs: on a schedule, on demand, or once after each deploy of its environment. */
export type JobTrigger = 'schedule' | 'manual' | 'post-deploy';

export interface Schedule {
  cron: Cron;
  /** IANA name; `undefined` is UTC. */
  timezone?: string;
  path: DataPath;
}

/**
 * A job (`jobs.<name>`): a container that runs to completion, shaped as a service so that targets
 * run it with the same code (image, env, secrets, volumes, user, resources: its own, or copied from
 * the service named in `from` as that service has them in the environment). It has no ports, no
 * public entry, no healthcheck and no replicas; `restart` is `no`. `path` is `['jobs', name]`.
 */
export interface Job extends Service {
  /** The service it copies its settings from (`from:`). */
  from?: { service: string; path: DataPath };
  trigger: JobTrigger;
  /** Set when `trigger` is `schedule`. */
  schedule?: Schedule;
  concurrency?: { policy: 'allow' | 'forbid' | 'replace'; path: DataPath };
  timeout?: { ms: number; text: string; path: DataPath };
  /** Retries after a failed run (0 when not set). */
  retries: number;
  /**
   * `http:`: the job is a request to this path of its `from` service (a static site or a public
   * service), sent on its schedule, instead of a container: it has no image or command, and only a
   * platform that can call the service's path runs it (Vercel's crons).
   */
  http?: { path: string; at: DataPath };
}

export interface Resource {
  name: string;
  type: ResourceType;
  description?: string;
  version: string;
  /** The official image, pinned to `version`: `postgres:17`. */
  image: string;
  port: number;
  storage: string;
  external: boolean;
  /**
   * Whether Compose publishes its port on the host in this environment, as written (`publish:`);
   * `undefined` leaves it to Compose's default (published on 127.0.0.1 in the default environment).
   */
  publish?: ResourcePublish;
  /** Database name, for types that have one. */
  database?: string;
  /** s3 only: where the bucket is, as services read it (`${resources.x.bucket|region|endpoint}`). */
  s3?: S3Bucket;
  /** container only: what runs and what it offers (`${resources.x.<output>}`). */
  container?: ContainerSpec;
  path: DataPath;
  origins: Readonly<Record<string, DataPath>>;
}

/**
 * An s3 resource's bucket in one environment: its name and region, and where it is `external`, the
 * S3 API's URL (written, or AWS S3 in the region). Where stackc runs the server, each platform
 * spells that server's address.
 */
export interface S3Bucket {
  bucket: string;
  region: string;
  /** Set where the resource is external. */
  endpoint?: string;
}

/**
 * A container resource: any image, its variables, where it keeps data, who it runs as, and the
 * outputs it declares besides `host` and `port`.
 */
export interface ContainerSpec {
  /** The container's variables, as written: plain values, or one of its `{ secret: true }` outputs. */
  environment: ContainerEnvVar[];
  /** The directory a volume is mounted at; none: the container keeps nothing. */
  volume?: string;
  /** `user:` as written (`1000:1000`), for the pod's security context. */
  user?: string;
  outputs: ContainerOutput[];
}

/** A container resource's variable: a plain value, or the secret of one of its outputs (`secretOutput`, its name). */
export type ContainerEnvVar = { name: string; value: string } | { name: string; secretOutput: string };

/** One declared output: a template of `${host}` and `${port}`, or a credential read from a secret. */
export type ContainerOutput =
  | { name: string; kind: 'template'; parts: ContainerOutputPart[]; at: DataPath }
  | { name: string; kind: 'secret'; at: DataPath };

/** A piece of an output template: text, or the container's host or port where it runs. */
export type ContainerOutputPart = { kind: 'text'; text: string } | { kind: 'host' } | { kind: 'port' };

/** `resources.<name>.publish`: `false`, or published on `host` (default: its port) at `bind` (default: 127.0.0.1). */
export type ResourcePublish = { published: false; at: DataPath } | { published: true; host?: number; bind?: string; at: DataPath };

export interface Ci {
  runtime: Record<string, string>;
  workingDirectory: string;
  /** In the order written; `workingDirectory` is the step's own (`{ run, working_directory }`) or `ci.working_directory`, relative to stack.yaml. */
  steps: { name: string; run: string; workingDirectory: string; path: DataPath }[];
  services: string[];
  path: DataPath;
}

export interface TargetConfig {
  name: string;
  /** Options as written under `targets.<name>`, filters included. */
  options: Record<string, unknown>;
  /** Environments to generate for (all when not filtered), in stack order. */
  environments: string[];
  /** Services filter, or `undefined` for all. */
  services?: string[];
  path: DataPath;
}

export type LintLevel = 'off' | 'info' | 'warn' | 'error';

export interface LintRuleSetting {
  level: LintLevel;
  /** Options as written (`[level, { options }]`), checked against the rule by the lint engine. */
  options?: Record<string, unknown>;
  path: DataPath;
}

export interface LintConfig {
  preset: 'recommended' | 'strict';
  rules: Record<string, LintRuleSetting>;
  /** Globs relative to the stack's directory. */
  ignore: string[];
  path: DataPath;
}
