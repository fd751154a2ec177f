// The contract between stackc and a target (built-in or plugin), in the style of a Rollup plugin: a
// name, what the platform can express (`capabilities`, plain data), and pure hooks over the
// deployment model: `place` says where each service lands, `emit` renders the files' final bytes.
// Neither touches the file system. See docs/architecture.md and docs/plugins.md.
import type { SourceRef } from '../diagnostics/diagnostic.js';
import type { DataPath } from '../model/stack.js';
import type { Problem, Report } from '../diagnostics/problem.js';
import type { DeploymentModel } from '../deploy/model.js';
import type { TargetPlan } from '../deploy/placement.js';
import type { Capabilities, GapFinder } from './capabilities.js';
import type { Placement } from './placement.js';
import type { ProjectFacts } from '../project/package-managers.js';

export interface Artifact {
  /** `/`-separated, relative to the output root, never absolute or escaping it (checked by the writer). */
  path: string;
  target: string;
  environment?: string;
  /** The final bytes, already serialized, ending with a newline. */
  content: string;
  /** Where in stack.yaml it came from. */
  origin?: SourceRef[];
  /** What the file makes the platform do, for diff and CI (never read back from the content). */
  facts?: ArtifactFacts;
  /** The patches in stack.yaml (`targets.<name>.patches[<i>]`) that changed the file, in the order they apply. */
  patchedBy?: DataPath[];
}

export interface ArtifactFacts {
  /** Services the file deploys or configures. */
  services?: string[];
  /** Images it runs, as written in it. */
  images?: string[];
  /** Names of the secrets the platform must hold for it (never values). */
  secrets?: string[];
  /**
   * What the platform calls the services and backing services the file deploys or configures, by
   * their stack names, where the target chooses the name and the platform finds things by it (a
   * Railway service): `diff` flags a change, which makes a new, empty service.
   */
  names?: Record<string, string>;
}

/** What a target says about the stack at build time: things it cannot express, advice. */
export type BuildProblem = Problem;
export type { Report };

export interface PlaceContext {
  /** What the target runs where (its filters applied to its capabilities). */
  plan: TargetPlan;
  /** The options under `targets.<name>` (filters included). */
  options: Record<string, unknown>;
  /** stack.yaml relative to the output root (paths in placements are relative to the output root). */
  stackFile: string;
}

export interface EmitContext extends PlaceContext {
  /** Environments to emit, in stack order: the target's filter, narrowed by `--env`. */
  environments: string[];
  /** Services its filter selects (`targets.<name>.services`, or all); `plan` says which of them it runs. */
  services: string[];
  /**
   * Where every target of the stack places its services, per environment (the GitHub Actions target
   * deploys them). Worked out the first time a target reads it.
   */
  readonly placements: readonly Placement[];
  /**
   * The gaps of this target's capabilities that each service and backing service meets, as the build
   * reported them before `emit`: for the notes a target writes into its files (none without capabilities).
   */
  gaps: GapFinder;
  /**
   * What the project installs with, read from its files beside stack.yaml (the package.json that
   * depends on stackc, the lockfile of a directory): how the GitHub Actions target installs and runs
   * stackc and the CI steps' dependencies. `build` and `build --check` read the same files, so both
   * render the same workflows.
   */
  project: ProjectFacts;
  /**
   * Reports a diagnostic; an `error` fails the build (and nothing is written). Report freely while
   * rendering each environment: identical reports (code, path, message) are shown once.
   */
  report(problem: BuildProblem): void;
}

export interface Target {
  /** `compose`, `kubernetes`, or a plugin's name (a DNS label). */
  name: string;
  /** One line for `stackc build --help` and the docs. */
  describe: string;
  /** JSON Schema for the options under `targets.<name>` (built-in targets' are in the stack schema). */
  optionsSchema?: object;
  /** What it runs and which settings it cannot express; a plugin without one runs every selected service. */
  capabilities?: Capabilities;
  /** Where each service lands in each environment the target deploys (graph, diff, CI). */
  place?(model: DeploymentModel, ctx: PlaceContext): Placement[];
  emit(model: DeploymentModel, ctx: EmitContext): Artifact[];
}

/** Identity helper that type-checks a target definition (`export default defineTarget({...})`). */
export const defineTarget = (target: Target): Target => target;
