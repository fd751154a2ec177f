// stackc as a library: the functions the `stackc` command itself runs, and the types plugin
// authors write targets and rules against. Documented in docs/api.md.
//
//   import { loadStack, build, lint, diff } from 'stackc';
//   const loaded = loadStack('stack.yaml');
//   if (!loaded.ok) throw new Error(formatDiagnostics(loaded.diagnostics, loaded.sources));
//   const { artifacts } = await build(loaded);
import pkg from '../package.json' with { type: 'json' };

/** The version of this stackc package. */
export const version: string = pkg.version;

export { loadStack, type FailedStack, type LoadedStack, type LoadOptions, type LoadStackResult, type StackText } from './api/load.js';
export { build, planBuild, writeBuild, type BuildOptions, type BuildResult, type PlanOptions, type PlanResult, type WriteResult } from './api/build.js';
export { lint, type LintOptions } from './api/lint.js';
export { diff, type DiffOptions, type DiffResult } from './api/diff.js';
export { formatDiagnostics, formatDiff, formatLint, type DiffFormat, type DiffFormatOptions, type LintFormat } from './api/format.js';
export { graphChangeMarkdown } from './graph/change.js';

// Plugin authors: targets and rules.
export { defineTarget, type Artifact, type ArtifactFacts, type BuildProblem, type EmitContext, type PlaceContext, type Target } from './emit/target.js';
// Experimental (docs/plugins.md): the deployment model targets read, and the parts of the contract
// built on it. Their shape may change with the jobs and format work.
export type { DeployedEnvironment, DeployedResource, DeployedService, DeploymentModel, Endpoint, ImageUser, Need, Readiness, UserSource } from './deploy/model.js';
export type { TargetPlan, TargetRuns } from './deploy/placement.js';
export { plainText, resolveReference, resolveTemplate, type AddressBook, type NotRunAnswer, type ReferenceSite, type ServiceKey, type ValuePart } from './deploy/references.js';
export { defineCapabilities, type Capabilities, type CodeInfo, type FoundGap, type Gap, type GapContext, type GapFinder, type GapFinding } from './emit/capabilities.js';
export type { DeployUnit, Entry, PlacedResource, PlacedService, Placement } from './emit/placement.js';
export type { EnvironmentRole } from './model/environment-role.js';
export { defineRule, type AnyRule, type Category, type ContainerFacts, type FileKind, type FindingInput, type FindingSeverity, type Level, type Location, type OptionSpec, type ResourceFacts, type Rule, type RuleContext, type RuleMeta, type Scope, type ServiceFacts } from './lint/rule.js';
export { BUILTIN_TARGETS as builtinTargets } from './emit/registry.js';
export { RULES as builtinRules } from './lint/catalog/index.js';

// The shapes results come in.
export type { Diagnostic, Severity, SourceRef } from './diagnostics/diagnostic.js';
export type { ParsedSource } from './load/parse.js';
export type { Finding, LintResult } from './lint/engine.js';
export type { Baseline, BaselineEntry } from './lint/baseline.js';
export { parseBaseline } from './lint/baseline.js';
export type { Action, Conflict, Plan } from './emit/plan.js';
export type { RenderedTarget } from './emit/render.js';
export type { DiffReport, FileDiff, FieldChange, ResourceChange, RiskyChange, SideInfo } from './diff/model.js';
export type {
  Autoscale,
  Build,
  Ci,
  ComputeResources,
  DataPath,
  Dependency,
  Environment,
  EnvironmentView,
  EnvVar,
  Healthcheck,
  Port,
  Probe,
  Public,
  Resource,
  RestartPolicy,
  Secret,
  Service,
  Stack,
  StaticSite,
  TargetConfig,
  User,
  Volume,
} from './model/stack.js';
