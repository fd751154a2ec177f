import { reportOnce } from '../../src/emit/render.js';
import type { BuildProblem, EmitContext } from '../../src/emit/target.js';
import { loadStackFile, loadStackText } from '../../src/load/load-stack.js';
import type { Stack } from '../../src/model/stack.js';
import { root } from '../helpers.js';

/** Every service of any environment, in declaration order (what build gives a target without a filter). */
export const allServices = (stack: Stack): string[] => [...new Set([...stack.views.values()].flatMap((v) => v.services.map((s) => s.name)))];

/**
 * The context `stackc build` gives a target: the stack's own `targets.<name>` filters and options,
 * or every environment and service when the stack does not enable it; problems are collected once
 * each, as build shows them.
 */
export function emitContext(stack: Stack, target: string, overrides: Partial<EmitContext> = {}): EmitContext & { problems: BuildProblem[] } {
  const config = stack.targets.find((t) => t.name === target);
  const problems: BuildProblem[] = [];
  return {
    environments: config?.environments ?? stack.environments.map((e) => e.name),
    services: config?.services ?? allServices(stack),
    options: config?.options ?? {},
    stackFile: 'stack.yaml',
    report: reportOnce((p) => problems.push(p)),
    problems,
    ...overrides,
  };
}

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
