// The deployment model: the facts every target, lint rule, graph and diff needs, decided once per
// environment from the Stack model (docs/architecture.md). Targets read it instead of deciding
// again what the main port is, where a service is public, who its process runs as or what it
// depends on, so two platforms can no longer disagree about the same stack.yaml.
//
// Experimental for plugin authors: the jobs and format work will add fields (docs/plugins.md).
import type { EnvironmentRole } from '../model/environment-role.js';
import type { DataPath, Environment, EnvironmentView, Job, Resource, Service, Stack } from '../model/stack.js';
import type { ImageReference } from '../vocabulary/image-reference.js';
import type { ProbeTools } from '../vocabulary/probe-tools.js';
import type { DeployedFile } from './mounted-files.js';
import type { Shutdown } from './shutdown.js';

export type { EnvironmentRole, DeployedFile, Shutdown };

export interface DeploymentModel {
  stack: Stack;
  /** In declaration order; the first is the default one. */
  environments: readonly DeployedEnvironment[];
  /** The environment of that name (`undefined` for a name the stack does not declare). */
  environment(name: string): DeployedEnvironment | undefined;
}

/**
 * One environment: the stack as it runs there. Its own settings (`name`, `role`, `domain`, ...) are
 * at the top level, and as `environment` for code written against the Stack model's views.
 */
export interface DeployedEnvironment extends Environment, EnvironmentView {
  environment: Environment;
  /** The first environment: what `stackc build --env` and `compose.yaml` default to. */
  isDefault: boolean;
  /** Enabled services, in declaration order. */
  services: DeployedService[];
  resources: DeployedResource[];
  /** Enabled jobs, in declaration order. */
  jobs: DeployedJob[];
  service(name: string): DeployedService | undefined;
  resource(name: string): DeployedResource | undefined;
  job(name: string): DeployedJob | undefined;
}

/** A public address of a service, after `${environment.*}` resolution. */
export interface Endpoint {
  host: string;
  /** `/` or a path prefix without a trailing slash (`/api`). */
  path: string;
  /** The host and the path prefix, as the address is written and keyed: `api.shop.example/v1`, `shop.example`. */
  address: string;
  /** The container port requests are sent to (the service's served port). */
  port: number;
  /**
   * Whether the host is a name the world can reach. `false` for `localhost` and names under it
   * (`api.localhost`), which is what `${environment.domain}` gives in an environment without a
   * domain: there each platform serves the service at an address of its own (`<app>.fly.dev`, a
   * Railway domain, a published port).
   */
  routable: boolean;
  /** `https://<address>`. */
  url: string;
  at: DataPath;
}

/** A host that redirects to one of the service's endpoints (`public.redirects`), keeping path and query. */
export interface Redirect {
  from: string;
  /** The endpoint it leads to: the canonical one unless `to` names another of the service's hosts. */
  to: Endpoint;
  /** 308 (permanent) or 307 (temporary): both keep the request's method and body. */
  status: 308 | 307;
  /** Whether both `from` and the endpoint it leads to are names the world can reach (not `localhost` or under it). */
  routable: boolean;
  at: DataPath;
}

/**
 * Who the service's process runs as, and how stackc knows:
 * - `uid`: a number, from `user:` or from the Dockerfile's final USER (a number, a name the same
 *   Dockerfile creates with `useradd -u` / `adduser -u`, or a user of a well-known base image such as
 *   `node`), or the documented user of a well-known image run without `user:` (`nginxinc/nginx-unprivileged`);
 * - `root`: uid 0 or `root`, written in either place, a built image whose stage sets no USER, or a
 *   well-known image that starts as root (`nginx`); `instead` says what runs unprivileged, when the
 *   image list knows (src/vocabulary/image-users.ts);
 * - `name`: a user name stackc cannot turn into a number (Kubernetes cannot verify it is not root);
 * - `unknown`: an image stackc does not build or know and no `user:` (its USER is the image's
 *   business), or a Dockerfile stackc could not read.
 */
export type ImageUser =
  | { kind: 'uid'; uid: number; gid?: number; from: UserSource; reason: string }
  | { kind: 'root'; gid?: number; from: UserSource; reason: string; instead?: string }
  | { kind: 'name'; name: string; gid?: number; from: UserSource; reason: string }
  | { kind: 'unknown'; from: 'image' | 'dockerfile' | 'none'; reason: string };

export type UserSource =
  /** `user:` in stack.yaml, at `at`. */
  | { kind: 'stack'; text: string; at: DataPath }
  /**
   * The USER of a Dockerfile's run stage or a stage it builds on (`text`), or, when none sets one,
   * the run stage's FROM (`text` empty): the instruction's range (1-based), the index of the stage
   * it is in, and the run stage (`build.target`, else the last) that lint's messages name.
   */
  | { kind: 'dockerfile'; text: string; file: string; line: number; col: number; endLine: number; endCol: number; stage: number; runStage: { index: number; name?: string; last: boolean } }
  /** What a well-known image runs as by itself (src/vocabulary/image-users.ts); `at` is its `image:`. */
  | { kind: 'image'; image: string; at: DataPath };

/**
 * The HEALTHCHECK the service's image gets from its own Dockerfile: the last one in the stage it
 * runs or the stages that stage builds on in the same file. `none` is `HEALTHCHECK NONE`, which
 * turns off whatever the base image had. Docker runs it; Kubernetes never does.
 */
export interface ImageHealthcheck {
  kind: 'command' | 'none';
  /** Project-relative path of the Dockerfile, 1-based line of the instruction. */
  file: string;
  line: number;
}

/** The image a service's image is built on (the FROM its run stage's chain starts at), or pulls. */
export interface ImageBase {
  /** As written, build arguments resolved: `python:3.12-slim`. */
  image: string;
  /** `image:` in stack.yaml, or the FROM line of a Dockerfile. */
  from: { kind: 'stack' } | { kind: 'dockerfile'; file: string; line: number };
}

/**
 * What a healthcheck can run inside the service's container: what the base image has, from the
 * table of base images (src/vocabulary/probe-tools.ts), and what its Dockerfile installs.
 */
export interface ImageProbeTools {
  base?: ImageBase;
  /**
   * The table's entry for the base image. Absent when stackc does not know what the base contains:
   * `tools` are then only what the Dockerfile installs, and the image may have more.
   */
  known?: { family: string; source: string };
  tools: ProbeTools;
  /** Tools the Dockerfile installs with apt-get, apk, dnf, yum or microdnf (`curl`, `wget`, `nc`, `bash`). */
  installed: string[];
  /** Why the base is unknown, for messages. */
  reason?: string;
}

/** What a dependent waits for before it starts. */
export type Readiness =
  /** The dependency's healthcheck passes (backing services, services with a probe). */
  | 'healthy'
  /** Its process started (services without a probe). */
  | 'started'
  /** It ran to completion and exited 0 (a one-shot service: `DeployedService.oneShot`). */
  | 'completed';

/** Something a service needs running: named in `depends_on`, or reached through a reference. */
export interface Need {
  kind: 'service' | 'resource';
  name: string;
  readiness: Readiness;
  /** `depends_on`, or `${resources.X.*}` / `${services.X.host|port|url}` (never `public_url`). */
  via: 'depends_on' | 'reference';
  /** The `depends_on` entry, or the env value or inline file that made the need. */
  path: DataPath;
}

export interface DeployedService extends Service {
  environment: string;
  /** The first TCP port: what `${services.<name>.port}` and `.url` mean. */
  mainPort?: number;
  /** What a platform's proxy sends public traffic to: `public.port`, else the main port. */
  servedPort?: number;
  /** Where it is public in this environment (none when it is private): one per host, the canonical host first. */
  endpoints: Endpoint[];
  /** The hosts that redirect to it in this environment (`public.redirects`). */
  redirects: Redirect[];
  /**
   * The declared TCP ports known to speak HTTP: the one an `http` healthcheck requests and the one
   * its public endpoints send traffic to (`http-ports.ts`). What names a port `http` (Kubernetes).
   */
  httpPorts: number[];
  /** Variables whose plain value looks like a secret (`literal-secrets.ts`): warned about, never shown in `.example` files. */
  literalSecrets: string[];
  /** `image:` parsed once (registry, repository, tag, digest). */
  imageRef?: ImageReference;
  runAs: ImageUser;
  /** The HEALTHCHECK its Dockerfile gives the image; absent when none is seen (a pulled image's is not). */
  imageHealthcheck?: ImageHealthcheck;
  /** What a healthcheck can run in its image. */
  probeTools: ImageProbeTools;
  /**
   * Runs to completion instead of serving (`src/deploy/one-shot.ts`: `restart: "no"`, no ports, no
   * public entry, no healthcheck probe), such as a migration other services wait for: a one-shot
   * Compose service, a Kubernetes Job; its dependents' needs have readiness `completed`.
   */
  oneShot: boolean;
  /**
   * Whether the Dockerfile stage the service runs (`build.target`, else the last) is the file's last
   * stage, which is all that platforms building without a target (Railway) can build. `undefined`
   * when stackc could not read the Dockerfile, or the service builds nothing.
   */
  runsLastStage?: boolean;
  /**
   * A static site published without a build: the stack-relative directory whose every file the world
   * can download (its root, or `static.output` below it; `served-root.ts`). Absent for a site that
   * builds and for containers. Platform files written there would be served with the site.
   */
  servedRoot?: string;
  /** `depends_on` first, then what references add, each name once. */
  needs: Need[];
  /** Backing services it uses (in `depends_on` or a reference), in first-use order. */
  uses: string[];
  /** `files:` with what each holds (`mounted-files.ts`). */
  files: DeployedFile[];
  /** `stop_signal`, `stop_grace_period` and `drain_period` in whole seconds (`shutdown.ts`); absent when none is set. */
  shutdown?: Shutdown;
}

/**
 * A job as it runs in one environment: the same facts as a service (who it runs as, its image, what
 * it needs), so that targets render its container with the code that renders services'. Always
 * `oneShot`; never public, never served.
 */
export interface DeployedJob extends DeployedService, Omit<Job, 'files'> {}

export interface DeployedResource extends Resource {
  environment: string;
  /** Services of the environment that use it, in declaration order. */
  usedBy: string[];
}
