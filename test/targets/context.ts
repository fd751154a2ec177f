import { reportOnce } from '../../src/build/render.js';
import type { BuildProblem, EmitContext } from '../../src/build/target.js';
import type { Stack } from '../../src/model/stack.js';

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
