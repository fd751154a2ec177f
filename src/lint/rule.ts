// The contract between the lint engine and a rule, modelled on ESLint's rule modules: a `meta`
// object that documents the rule and a few small hooks that the engine calls and that report
// findings. Rules are pure: they read the model and the sources the context hands them, and never
// touch the file system or git.
//
// Hooks. The engine walks the stack once per run and calls, for each rule that is on:
//
//   state(ctx)                              once, first: the rule's per-run state (`ctx.state`)
//   service(ctx, { service, environment })  every enabled service in every environment, static sites included
//   container(ctx, { service, environment }) the same, containers only (`kind: container`)
//   resource(ctx, { resource, environment }) every backing service in every environment
//   job(ctx, { job, environment })          every job (`jobs:`) in every environment, after the resources
//   check(ctx)                              once, last: whole-stack checks (repository, CI, rendered
//                                           targets), and reporting what the hooks above collected
//
// in that order: environments in declaration order and, within one, services (`service`, then
// `container`, for each) and resources in declaration order; every `service`/`container` call of
// the run comes before the first `resource` call, and `check` after all of them. A rule defines
// only the hooks it needs. Rules never loop over environments or services themselves
// (test/lint/rule-structure.test.ts checks it): the engine does, once for all rules, and only for
// the hooks some rule that is on defines; a rule that is off costs nothing, not even its `state`.
//
// Static sites reach `service` but not `container`. Most service rules are about a running process
// (user, ports, probes, replicas, limits) and would otherwise start with `if (service.kind !==
// 'container') return`; the `container` hook says it in the signature instead, and is where
// container-only facts will be added. Rules about what any service declares (env values, build
// files, secrets) use `service`.
//
// Hook arguments are objects so the engine can add facts without breaking rules: `service` and
// `environment` are the deployment model's (src/deploy/model.ts: the main port, endpoints, who the
// process runs as, what it needs, the environment's role), and grow with it.
//
// The same finding reported for several environments (a base setting every environment shares) is
// one finding: the engine deduplicates by rule, position and message. A rule that wants one
// finding naming every environment collects in `ctx.state` and reports from `check`.
import type { DeployedEnvironment, DeployedJob, DeployedResource, DeployedService, DeploymentModel } from '../deploy/model.js';
import type { TargetPlan } from '../deploy/placement.js';
import type { Dockerfile } from '../dockerfile/dockerfile.js';
import type { Capabilities } from '../emit/capabilities.js';
import type { DataPath, Service, Stack } from '../model/stack.js';
import type { RenderedArtifact } from './sources/artifacts.js';
import type { Repository } from './sources/repository.js';

/** A rule's level: `off` turns it off; the others are the severity of its findings. */
export type Level = 'off' | 'info' | 'warn' | 'error';
export type FindingSeverity = Exclude<Level, 'off'>;

export type Category = 'security' | 'secrets' | 'reliability' | 'supply-chain' | 'portability' | 'cost' | 'lint';

/** What a rule reads, for the docs and so the engine loads git, Dockerfiles or targets only when needed. */
export type Scope = 'model' | 'dockerfile' | 'repository' | 'artifacts';

/** A rule option: a small, closed set of types so config errors can be explained without ajv. */
export type OptionSpec =
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'number'; default: number; description: string; minimum?: number }
  | { type: 'string'; default: string; description: string; enum?: readonly string[] }
  | { type: 'string[]'; default: readonly string[]; description: string };

/** A rule's options, by name. */
export type OptionSpecs = Record<string, OptionSpec>;
/** What `defineRule` infers for a rule without options: `ctx.options` has no properties at all. */
export type NoOptions = Record<never, OptionSpec>;

export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { type: 'number' } ? number : O[K] extends { type: 'string' } ? string : readonly string[];
};

export interface RuleMeta<O extends OptionSpecs = OptionSpecs> {
  /** Kebab-case, stable forever: users write it in config and suppressions. */
  id: string;
  /** One line: what the rule wants (shown by `stackc rules`). */
  description: string;
  category: Category;
  /** Level in the `recommended` preset. */
  severity: Level;
  /** Level in the `strict` preset; defaults to `severity`, or `warn` for rules off in `recommended`. */
  strict?: Level;
  scopes: readonly Scope[];
  /**
   * With the `artifacts` scope: look only at plugin targets' output and patched output. The built-in
   * targets are tested never to emit what the rule looks for, so a stack without plugins or
   * `targets.<name>.patches` is not rendered for it.
   */
  pluginTargetsOnly?: boolean;
  docs: {
    /** Why it matters: the risk, in two or three sentences. */
    why: string;
    /** How to fix it (Markdown). */
    fix: string;
    /** A stack.yaml (or Dockerfile) excerpt that the rule reports. */
    bad?: string;
    /** The same excerpt, fixed. */
    good?: string;
    /** When turning it off is reasonable. */
    whenOff?: string;
  };
  /** The peer linters' rules this corresponds to, e.g. `hadolint DL3002`, `kube-linter run-as-non-root`. */
  peers: readonly string[];
  /** GitHub code scanning's 0.0–10.0 score for security findings (SARIF `security-severity`). */
  securitySeverity?: number;
  options?: O;
}

/** Where a finding is: a node of stack.yaml, or a position in another project file. */
export type Location =
  | { path: DataPath; key?: boolean }
  | { file: string; line: number; col: number; endLine?: number; endCol?: number; pointer?: string };

export interface FindingInput {
  message: string;
  at: Location;
  hint?: string;
  /**
   * The finding's severity when it is less than the rule's level (a worker without a healthcheck is a
   * warning where a web service is an error). Capped at the configured level.
   */
  severity?: FindingSeverity;
  /**
   * The secret value found, if any: hashed into the fingerprint, masked in every output, never
   * printed. Messages and hints must not contain it either (the engine masks it if they do).
   */
  secret?: string;
  /** Disambiguates findings at one place (e.g. the secret pattern id); part of the fingerprint. */
  key?: string;
}

/** What a project path is on disk: `missing` covers unreadable too (both fail a build). */
export type FileKind = 'file' | 'directory' | 'other' | 'missing';

/**
 * One enabled service in one environment, as the deployment model resolved it (src/deploy/model.ts:
 * main port, endpoints, who it runs as, what it needs, the environment's role): the argument of the
 * `service` and `container` hooks.
 */
export interface ServiceFacts {
  readonly service: DeployedService;
  readonly environment: DeployedEnvironment;
}

/** `ServiceFacts` of a container: what the `container` hook gets. */
export interface ContainerFacts extends ServiceFacts {
  readonly service: DeployedService & { kind: 'container' };
}

/** One job (`jobs:`) in one environment: the argument of the `job` hook. */
export interface JobFacts {
  readonly job: DeployedJob;
  readonly environment: DeployedEnvironment;
}

/** One backing service (`resources:`) in one environment: the argument of the `resource` hook. */
export interface ResourceFacts {
  readonly resource: DeployedResource;
  readonly environment: DeployedEnvironment;
}

export interface RuleContext<O = Record<string, unknown>, S = unknown> {
  stack: Stack;
  /** stack.yaml's path relative to the project directory, and its text (comments included). */
  stackFile: string;
  stackText: string;
  /** The rule's options, defaults filled in. */
  options: O;
  /** What the rule's `state` hook returned for this run (`undefined` without one). */
  state: S;
  report(finding: FindingInput): void;
  /**
   * The service `name` in each environment that enables it, in declaration order: the facts the
   * hooks get for it. For comparing a service across environments, or looking up a dependency.
   */
  instances(name: string): readonly ServiceFacts[];
  /** The parsed Dockerfile a service builds from in an environment (cached), or undefined. */
  dockerfile(service: Service): Dockerfile | undefined;
  /** Whether a project-relative path is a file or a directory (cached per run). */
  fileKind(path: string): FileKind;
  /** Git's view of the project directory; `undefined` outside a git work tree. */
  repository(): Repository | undefined;
  /** The deployment model (resolved once per run, on first use). */
  model(): DeploymentModel;
  /** What each target of the stack runs where; built-in targets by their capabilities, plugins run what their filter selects. */
  plans(): readonly TargetPlan[];
  /** A built-in target's capabilities (what it runs, the settings it cannot express); `undefined` for a plugin. */
  capabilities(target: string): Capabilities | undefined;
  /** Every artifact the stack's targets render, in memory (never written). */
  artifacts(): RenderedArtifact[];
}

/** A rule: `meta`, and the hooks it needs (see the top of this file for when each runs). */
export interface Rule<O extends OptionSpecs = OptionSpecs, S = unknown> {
  meta: RuleMeta<O>;
  /** Makes the rule's state for one run (maps it collects into, things computed once); `ctx.state` in the other hooks. */
  state?(ctx: RuleContext<OptionValues<O>, undefined>): S;
  service?(ctx: RuleContext<OptionValues<O>, S>, facts: ServiceFacts): void;
  container?(ctx: RuleContext<OptionValues<O>, S>, facts: ContainerFacts): void;
  resource?(ctx: RuleContext<OptionValues<O>, S>, facts: ResourceFacts): void;
  job?(ctx: RuleContext<OptionValues<O>, S>, facts: JobFacts): void;
  check?(ctx: RuleContext<OptionValues<O>, S>): void;
}

/**
 * Any rule, the option and state types its hooks see erased: the type of catalogs (lists of rules)
 * and of the engine's input. `meta` stays typed for those who read it (config, docs).
 */
export interface AnyRule extends Omit<Rule<any, any>, 'meta'> {
  meta: RuleMeta;
}

/**
 * Identity helper that type-checks a rule module (`export default defineRule({...})`): the option
 * types come from `meta.options` (a misspelt option is a compile error) and the state type from
 * `state`, so the hooks see `ctx.options` and `ctx.state` typed.
 */
export const defineRule = <O extends OptionSpecs = NoOptions, S = undefined>(rule: Rule<O, S>): Rule<O, S> => rule;
