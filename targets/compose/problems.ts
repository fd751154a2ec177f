// Reporting once: a setting that Compose cannot express is usually the same in every environment,
// and the user should read about it once, not once per generated file.
import type { BuildProblem, EmitContext } from '../../src/build/target.js';

export type Report = (problem: BuildProblem) => void;

export function onceReporter(ctx: EmitContext): Report {
  const seen = new Set<string>();
  return (problem) => {
    const key = JSON.stringify([problem.code, problem.path ?? [], problem.message]);
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report(problem);
  };
}
