import { parse as parseYaml } from 'yaml';
import type { DeploymentModel } from '../../src/deploy/model.js';
import { planTarget } from '../../src/deploy/placement.js';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { dockerfileReader, noDockerfiles, type ProjectFiles } from '../../src/dockerfile/reader.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { gapFinder, NO_GAPS } from '../../src/emit/capabilities.js';
import { placeAll, planTargets, reportOnce, runTarget } from '../../src/emit/render.js';
import type { Artifact, BuildProblem, EmitContext, Target } from '../../src/emit/target.js';
import { loadStackFile, loadStackText } from '../../src/load/load-stack.js';
import type { Stack } from '../../src/model/stack.js';
import { NO_PROJECT } from '../../src/project/package-managers.js';
import { root } from '../helpers.js';

/** Every service of any environment, in declaration order (what build gives a target without a filter). */
export const allServices = (stack: Stack): string[] => [...new Set([...stack.views.values()].flatMap((v) => v.services.map((s) => s.name)))];

/**
 * The context `stackc build` gives a target: the stack's own `targets.<name>` filters and options,
 * or every environment and service when the stack does not enable it; problems are collected once
 * each, as build shows them. `files` are the project's files the model reads (Dockerfiles).
 */
export function emitContext(stack: Stack, target: string, { files, ...overrides }: Partial<EmitContext> & { files?: ProjectFiles } = {}): EmitContext & { problems: BuildProblem[]; model: DeploymentModel } {
  const model = resolveDeployment(stack, files ? dockerfileReader(files) : noDockerfiles, files).model;
  const config = stack.targets.find((t) => t.name === target) ?? { name: target, options: {}, environments: stack.environments.map((e) => e.name), path: ['targets', target] };
  const builtin = BUILTIN_TARGETS.find((t) => t.name === target);
  const problems: BuildProblem[] = [];
  const stackFile = overrides.stackFile ?? 'stack.yaml';
  const plan = planTarget(model, config, builtin?.capabilities?.runs);
  return {
    model,
    environments: config.environments,
    services: config.services ?? allServices(stack),
    options: config.options,
    stackFile,
    report: reportOnce((p) => problems.push(p)),
    problems,
    plan,
    placements: placeAll(model, planTargets(model, BUILTIN_TARGETS), stackFile, () => () => {}),
    gaps: builtin?.capabilities ? gapFinder(builtin.capabilities, plan, config.options) : NO_GAPS,
    ...overrides,
    project: overrides.project ?? NO_PROJECT,
  };
}

/** What `stackc build` makes of one target: the settings it cannot express reported, then its files. */
export const emitTarget = (target: Target, ctx: EmitContext & { model: DeploymentModel }): Artifact[] => runTarget(ctx.model, target, { ...ctx, placements: () => ctx.placements });

/** A stack from YAML text; a test that needs it valid fails with the diagnostics if it is not. */
export function loadText(text: string): Stack {
  const result = loadStackText(text, { file: 'stack.yaml', root: '/p' });
  if (!result.stack) throw new Error(result.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.message}`).join('\n'));
  return result.stack;
}

/** One of the example stacks in fixtures/. */
export function loadFixture(name: string): Stack {
  const result = loadStackFile(`${root}fixtures/${name}/stack.yaml`);
  if (!result.stack) throw new Error(`fixtures/${name} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.stack;
}

/** Whether a problem with this code (and, if given, this stack.yaml path) was reported. */
export const hasProblem = (problems: readonly BuildProblem[], code: string, path?: readonly (string | number)[]): boolean =>
  problems.some((p) => p.code === code && (!path || JSON.stringify(p.path) === JSON.stringify(path)));

/** The text of the artifact at `path`; a test fails naming the paths there are when it is missing. */
export function artifactText(artifacts: readonly { path: string; content: string }[], path: string): string {
  const a = artifacts.find((x) => x.path === path);
  if (!a) throw new Error(`no ${path} among ${artifacts.map((x) => x.path).join(', ')}`);
  return a.content;
}

/** A step of a generated workflow, as parsed. */
export type WorkflowStep = { name?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string>; run?: string };

/** The steps of one job of a generated workflow. */
export const workflowJobSteps = (workflow: string, job: string): WorkflowStep[] => (parseYaml(workflow) as { jobs: Record<string, { steps: WorkflowStep[] }> }).jobs[job]!.steps;
