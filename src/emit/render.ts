// DeploymentModel → artifacts for the selected targets and environments. Pure: the caller writes
// them. Per target: its plan (what it runs where), the settings it cannot express (its capabilities'
// gaps, reported here from the model, the same way lint's target-capability rule does), then emit.
import { createHash } from 'node:crypto';
import type { DeploymentModel } from '../deploy/model.js';
import { planTarget, type TargetPlan } from '../deploy/placement.js';
import type { DataPath } from '../model/stack.js';
import { NO_PROJECT, type ProjectFacts } from '../project/package-managers.js';
import { artifactPathProblem } from './artifact-path.js';
import { pluginArtifacts, thrownMessage } from './plugin-result.js';
import { capabilityGaps, gapFinder, NO_GAPS } from './capabilities.js';
import type { Placement } from './placement.js';
import type { Artifact, BuildProblem, EmitContext, Report, Target } from './target.js';

export interface RenderSelection {
  /** Only this environment (`--env`). */
  environment?: string;
  /** Only this target (`--target`). */
  target?: string;
  /** stack.yaml relative to the output root, as generated headers name it. */
  stackFile: string;
  /** The project's package-manager facts (none: CI falls back to its defaults). */
  project?: ProjectFacts;
}

export interface RenderedTarget {
  name: string;
  environments: string[];
}

export interface RenderResult {
  artifacts: Artifact[];
  /** Which targets ran, and for which environments (so pruning touches only those). */
  rendered: RenderedTarget[];
  problems: (BuildProblem & { target: string })[];
}

/** Each configured target that is available, with its plan. */
export function planTargets(model: DeploymentModel, targets: readonly Target[]): { target: Target; plan: TargetPlan }[] {
  const byName = new Map(targets.map((t) => [t.name, t]));
  return model.stack.targets.flatMap((config) => {
    const target = byName.get(config.name);
    return target ? [{ target, plan: planTarget(model, config, target.capabilities?.runs) }] : [];
  });
}

/** Where every target places its services, in every environment it deploys. */
export function placeAll(model: DeploymentModel, planned: readonly { target: Target; plan: TargetPlan }[], stackFile: string, report: (target: string) => Report): Placement[] {
  return planned.flatMap(({ target, plan }) => {
    if (!target.place) return [];
    const failed = (why: string): [] => {
      report(target.name)({ severity: 'error', code: 'plugin-failed', message: `target \`${target.name}\` failed to place its services: ${why}`, path: plan.config.path, hint: 'this is a problem in the plugin target' });
      return [];
    };
    try {
      const placed: unknown = target.place(model, { plan, options: plan.config.options, stackFile });
      if (isBuiltin(target) || Array.isArray(placed)) return placed as Placement[];
      if (typeof (placed as { then?: unknown } | null)?.then === 'function') (placed as PromiseLike<unknown>).then(undefined, () => undefined);
      return failed('`place` must return an array of placements (synchronously)');
    } catch (error) {
      if (isBuiltin(target)) throw error;
      return failed(thrownMessage(error));
    }
  });
}

export function renderArtifacts(model: DeploymentModel, targets: readonly Target[], selection: RenderSelection): RenderResult {
  const artifacts: Artifact[] = [];
  const rendered: RenderedTarget[] = [];
  const problems: RenderResult['problems'] = [];
  const owners = new Map<string, string>();
  const reporters = new Map<string, Report>();
  const reporter = (target: string): Report => {
    let r = reporters.get(target);
    if (!r) reporters.set(target, (r = reportOnce((p) => problems.push({ ...p, target }))));
    return r;
  };

  const planned = planTargets(model, targets);
  // Only the GitHub Actions target reads placements: placed on first use, once for all targets.
  let placed: readonly Placement[] | undefined;
  const placements = () => (placed ??= placeAll(model, planned, selection.stackFile, reporter));
  for (const { target, plan } of planned) {
    const config = plan.config;
    if (selection.target && config.name !== selection.target) continue;
    const environments = selection.environment ? config.environments.filter((e) => e === selection.environment) : config.environments;
    if (environments.length === 0) continue;
    const report = reporter(target.name);
    const services = config.services ?? [...new Set(model.environments.flatMap((e) => e.services.map((s) => s.name)))];
    let emitted: Artifact[];
    const failed = (why: string) => report({ severity: 'error', code: 'plugin-failed', message: `target \`${target.name}\` failed: ${why}`, path: config.path as DataPath, hint: 'this is a problem in the plugin target' });
    try {
      emitted = runTarget(model, target, { environments, services, options: config.options, stackFile: selection.stackFile, project: selection.project ?? NO_PROJECT, report, plan, placements });
    } catch (error) {
      if (isBuiltin(target)) throw error; // a bug in stackc: exit 3 with a request to report it
      failed(thrownMessage(error));
      continue;
    }
    if (!isBuiltin(target)) {
      const checked = pluginArtifacts(emitted);
      if ('problem' in checked) {
        failed(checked.problem);
        continue;
      }
    }
    rendered.push({ name: target.name, environments });
    for (const artifact of emitted) {
      const problem = artifactPathProblem(artifact.path);
      if (problem) {
        report({ severity: 'error', code: 'unsafe-path', message: `target \`${target.name}\` produced a file whose path ${problem}: \`${artifact.path}\``, path: config.path });
        continue;
      }
      const owner = owners.get(artifact.path);
      if (owner) {
        report({ severity: 'error', code: 'path-conflict', message: `targets \`${owner}\` and \`${target.name}\` both produce \`${artifact.path}\``, path: config.path });
        continue;
      }
      owners.set(artifact.path, target.name);
      artifacts.push({ ...artifact, target: target.name, content: artifact.content.endsWith('\n') ? artifact.content : `${artifact.content}\n` });
    }
  }
  artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { artifacts, rendered, problems };
}

/** What runs one target: its emit context, but the placements placed on demand and the gaps not yet found. */
export type TargetRun = Omit<EmitContext, 'placements' | 'gaps'> & { placements: () => readonly Placement[] };

/** One target over the environments of `run`: the settings it cannot express, then its files. */
export function runTarget(model: DeploymentModel, target: Target, run: TargetRun): Artifact[] {
  const gaps = target.capabilities ? gapFinder(target.capabilities, run.plan, run.options) : NO_GAPS;
  capabilityGaps(gaps, run.plan, run.environments, run.report);
  const { placements, ...rest } = run;
  const ctx: EmitContext = {
    ...rest,
    gaps,
    get placements() {
      return placements();
    },
  };
  return target.emit(model, ctx);
}

/** The same finding in several environments is one finding: passes each (code, path, message) once. */
export function reportOnce(sink: Report): Report {
  const said = new Set<string>();
  return (p) => {
    const key = JSON.stringify([p.code, p.path ?? null, p.message]);
    if (said.has(key)) return;
    said.add(key);
    sink(p);
  };
}

const BUILTIN = new WeakSet<Target>();
/** Marks the built-in targets, whose exceptions are stackc bugs rather than plugin faults. */
export const markBuiltin = (targets: readonly Target[]): void => targets.forEach((t) => BUILTIN.add(t));
const isBuiltin = (t: Target): boolean => BUILTIN.has(t);

export const sha256 = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');
