// What a target can express, as data beside its code (targets/<name>/capabilities.ts): what it
// runs, the settings it approximates or drops, every diagnostic code it can report, and the files it
// can write. The modules have no side effects and import no emitter, so lint's target-capability
// rule, the graph and the writer read them without loading any target.
import type { Severity } from '../diagnostics/diagnostic.js';
import type { Problem, Report } from '../diagnostics/problem.js';
import type { DeployedEnvironment, DeployedJob, DeployedResource, DeployedService } from '../deploy/model.js';
import type { TargetPlan, TargetRuns } from '../deploy/placement.js';
import type { DataPath } from '../model/stack.js';

export interface Capabilities {
  /** How messages, docs and the graph name the platform: `Docker Compose`, `Fly.io`. */
  title: string;
  runs: TargetRuns;
  /** For a target that runs no service: what it makes instead (`CI and deploy workflows`), as the graph notes it. */
  makes?: string;
  /** Settings of stack.yaml the platform expresses only approximately, or not at all. */
  gaps: readonly Gap[];
  /** Every other diagnostic code the target reports while rendering (a test holds emitted codes to `gaps` and `codes`). */
  codes: Readonly<Record<string, CodeInfo>>;
  /** The files it can write: globs relative to the output root (`compose.yaml`, `**\/fly.*.toml`). */
  outputs: readonly string[];
  /**
   * What the platform asks of names beyond stack.yaml's own (DNS labels): `validate` refuses a name
   * that breaks one, at the name's line, for every target the stack enables that would use it.
   */
  names?: readonly NameRule[];
}

/** A rule on the names of one kind of thing the target deploys. */
export interface NameRule {
  /** Services the target runs, backing services it provisions, environments it deploys, or jobs its filter selects. */
  of: 'service' | 'resource' | 'environment' | 'job';
  /** Whether a name breaks the rule. */
  breaks(name: string): boolean;
  /** Why it cannot be used, ending "`2fa` cannot name a service on Kubernetes: …". */
  why: string;
  /** What to do instead. */
  hint(name: string): string;
}

export interface CodeInfo {
  severity: Severity;
  /** One line for the docs: what the diagnostic is about. */
  summary: string;
  /** A lint rule that reports the same problem with more context (lint does not repeat the target's). */
  coveredBy?: string;
}

/** Where a gap is checked: one service (or backing service) the target runs, in one environment. */
export interface GapContext {
  environment: DeployedEnvironment;
  plan: TargetPlan;
  options: Record<string, unknown>;
}

export interface GapFinding {
  message: string;
  path: DataPath;
  hint?: string;
  /** Lower than the gap's own severity for this case (a note instead of a warning). */
  severity?: Severity;
  /** The line the target writes about it in the generated file, where the format has comments. */
  note?: string;
}

export interface Gap extends CodeInfo {
  /** `<target>/<what>`, e.g. `compose/autoscale`. */
  code: string;
  /** The stack.yaml setting it is about, for the docs: `autoscale`, `volumes (bind mounts)`. */
  setting: string;
  support: 'approximated' | 'dropped';
  /** The finding for a service where the target runs it, when the service uses the setting there. */
  service?(service: DeployedService, ctx: GapContext): GapFinding | readonly GapFinding[] | undefined;
  /** The same for a backing service the target provisions. */
  resource?(resource: DeployedResource, ctx: GapContext): GapFinding | readonly GapFinding[] | undefined;
  /**
   * The same for a job the target's filter selects (every job: a target that cannot run one says so
   * here, at the job's line, rather than leaving it out without a word).
   */
  job?(job: DeployedJob, ctx: GapContext): GapFinding | readonly GapFinding[] | undefined;
  /** The same for an HTTP job (`http:`) of a service the target runs (the plan's `httpJobs`). */
  httpJob?(job: DeployedJob, ctx: GapContext): GapFinding | readonly GapFinding[] | undefined;
}

/** Identity helper that type-checks a capabilities module (`export default defineCapabilities({...})`). */
export const defineCapabilities = (capabilities: Capabilities): Capabilities => capabilities;

const list = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? (x as readonly T[]) : [x as T]);

/** A gap a service or backing service meets, with its code and severity settled. */
export interface FoundGap extends GapFinding {
  code: string;
  severity: Severity;
}

/**
 * The gaps of one target's capabilities, worked out once per service and backing service (each is
 * one environment's): `stackc build` reports them before the target renders, and the target reads
 * the same findings for the notes it writes into its files.
 */
export interface GapFinder {
  service(service: DeployedService): readonly FoundGap[];
  resource(resource: DeployedResource): readonly FoundGap[];
  job(job: DeployedJob): readonly FoundGap[];
  httpJob(job: DeployedJob): readonly FoundGap[];
}

/** A target without capabilities meets no gap. */
export const NO_GAPS: GapFinder = { service: () => [], resource: () => [], job: () => [], httpJob: () => [] };

/** `notes: false` leaves out the gaps that can only be notes (lint without `includeNotes`). */
export function gapFinder(capabilities: Capabilities, plan: TargetPlan, options: Record<string, unknown>, { notes = true } = {}): GapFinder {
  // A gap declared as a note reports notes only (a finding may lower its severity, never raise it).
  const gaps = notes ? capabilities.gaps : capabilities.gaps.filter((g) => g.severity !== 'info');
  const contexts = new Map<string, GapContext>();
  const contextOf = (environment: string): GapContext => {
    let ctx = contexts.get(environment);
    if (!ctx) contexts.set(environment, (ctx = { environment: plan.environment(environment)!, plan, options }));
    return ctx;
  };
  // One memo per hook: a job is shaped as a service, and its findings are its job hooks' alone.
  const memo = <N extends object>(check: (gap: Gap, node: N, ctx: GapContext) => GapFinding | readonly GapFinding[] | undefined) => {
    const found = new Map<N, FoundGap[]>();
    return (node: N & { environment: string }): FoundGap[] => {
      let out = found.get(node);
      if (!out) {
        const ctx = contextOf(node.environment);
        found.set(node, (out = gaps.flatMap((gap) => list(check(gap, node, ctx)).map((f) => ({ ...f, code: gap.code, severity: f.severity ?? gap.severity })))));
      }
      return out;
    };
  };
  const service = memo<DeployedService>((gap, s, ctx) => gap.service?.(s, ctx));
  const resource = memo<DeployedResource>((gap, r, ctx) => gap.resource?.(r, ctx));
  const job = memo<DeployedJob>((gap, j, ctx) => gap.job?.(j, ctx));
  const httpJob = memo<DeployedJob>((gap, j, ctx) => gap.httpJob?.(j, ctx));
  return { service, resource, job, httpJob };
}

/**
 * The gaps met where the plan runs services and backing services in the environments given, as
 * problems: what `stackc build` prints and lint's target-capability rule reports, from the model
 * alone (no target renders).
 */
export function capabilityGaps(gaps: GapFinder, plan: TargetPlan, environments: readonly string[], report: Report): void {
  for (const environment of environments) {
    for (const s of plan.services(environment)) for (const f of gaps.service(s)) report(problemOf(f));
    for (const r of plan.resources(environment)) for (const f of gaps.resource(r)) report(problemOf(f));
    for (const j of plan.jobs(environment)) for (const f of gaps.job(j)) report(problemOf(f));
    for (const j of plan.httpJobs(environment)) for (const f of gaps.httpJob(j)) report(problemOf(f));
  }
}

/** The findings of a service, or of a job (shaped as a service, met by the job hooks alone). */
export const gapsMet = (gaps: GapFinder, node: DeployedService | DeployedJob): readonly FoundGap[] => ('trigger' in node ? (node.http ? gaps.httpJob(node) : gaps.job(node)) : gaps.service(node));

const problemOf = (f: FoundGap): Problem => ({ severity: f.severity, code: f.code, message: f.message, path: f.path, ...(f.hint ? { hint: f.hint } : {}) });

/** Every code a target declares: its gaps' and the others. */
export const declaredCodes = (capabilities: Capabilities): Map<string, CodeInfo> =>
  new Map<string, CodeInfo>([...capabilities.gaps.map((g): [string, CodeInfo] => [g.code, g]), ...Object.entries(capabilities.codes)]);
