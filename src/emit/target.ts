// The contract between stackc and a target (built-in or plugin). A target is a name plus a pure
// `emit`: it turns the Stack model into files' final bytes and never touches the file system.
import type { Severity, SourceRef } from '../diagnostics/diagnostic.js';
import type { DataPath, Stack } from '../model/stack.js';

export interface Artifact {
  /** `/`-separated, relative to the output root, never absolute or escaping it (checked by the writer). */
  path: string;
  target: string;
  environment?: string;
  /** The final bytes, already serialized, ending with a newline. */
  content: string;
  /** Where in stack.yaml it came from. */
  origin?: SourceRef[];
}

/** What a target says about the stack at build time: things it cannot express, advice. */
export interface BuildProblem {
  severity: Severity;
  /** Stable, e.g. `compose/managed-resource`. */
  code: string;
  message: string;
  /** The stack.yaml node it is about. */
  path?: DataPath;
  hint?: string;
}

export type Report = (problem: BuildProblem) => void;

export interface EmitContext {
  /** Environments to emit, in stack order: the target's filter, narrowed by `--env`. */
  environments: string[];
  /** Services to emit: the target's `services` filter, or all. Targets skip what they cannot run. */
  services: string[];
  /** The options under `targets.<name>` (filters included). */
  options: Record<string, unknown>;
  /** stack.yaml's name as the header comment should show it (relative to the output root). */
  stackFile: string;
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
  emit(stack: Stack, ctx: EmitContext): Artifact[];
}

/** Identity helper that type-checks a target definition (`export default defineTarget({...})`). */
export const defineTarget = (target: Target): Target => target;
