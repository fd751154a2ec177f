// The contract between the lint engine and a rule, modelled on ESLint's rule modules: a `meta`
// object that documents the rule and a small `check` that reports findings. Rules are pure: they
// read the model and the sources the context hands them, and never touch the file system or git.
import type { DataPath, Environment, Service, Stack } from '../model/stack.js';
import type { Dockerfile } from './sources/dockerfile.js';
import type { Repository } from './sources/repository.js';
import type { TargetProblem, RenderedArtifact } from './sources/artifacts.js';

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

export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { type: 'number' } ? number : O[K] extends { type: 'string' } ? string : readonly string[];
};

export interface RuleMeta<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
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
   * With the `artifacts` scope: look only at plugin targets' output. The built-in targets are
   * tested never to emit what the rule looks for, so a stack without plugins is not rendered for it.
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

export interface RuleContext<O = Record<string, unknown>> {
  stack: Stack;
  /** stack.yaml's path relative to the project directory, and its text (comments included). */
  stackFile: string;
  stackText: string;
  /** The rule's options, defaults filled in. */
  options: O;
  report(finding: FindingInput): void;
  /** Each environment with its enabled services, in declaration order. */
  environments(): { environment: Environment; services: Service[] }[];
  /** The parsed Dockerfile a service builds from in an environment (cached), or undefined. */
  dockerfile(service: Service): Dockerfile | undefined;
  /** Whether a project-relative path is a file or a directory (cached per run). */
  fileKind(path: string): FileKind;
  /** Git's view of the project directory; `undefined` outside a git work tree. */
  repository(): Repository | undefined;
  /** What the selected targets report while rendering (things they cannot express), rendered once. */
  targetProblems(): TargetProblem[];
  /** Every artifact the stack's targets render, in memory (never written). */
  artifacts(): RenderedArtifact[];
}

export interface Rule<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  meta: RuleMeta<O>;
  check(ctx: RuleContext<OptionValues<O>>): void;
}

/** Identity helper that type-checks a rule module (`export default defineRule({...})`). */
export const defineRule = <O extends Record<string, OptionSpec> = Record<string, never>>(rule: Rule<O>): Rule => rule as unknown as Rule;
