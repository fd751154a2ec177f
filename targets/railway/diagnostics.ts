// Build diagnostics of the railway target. railway.json covers every environment the target deploys,
// so each environment is rendered, but only those being built report; a finding that is the same in
// several environments is reported once.
import type { BuildProblem, EmitContext } from '../../src/build/target.js';

export type Report = (problem: BuildProblem) => void;

/** Reporters sharing one memory of what was said; `enabled: false` for environments not being built. */
export function dedupedReporter(ctx: EmitContext): (enabled: boolean) => Report {
  const seen = new Set<string>();
  return (enabled) => (problem) => {
    if (!enabled) return;
    const key = JSON.stringify([problem.code, problem.path ?? null, problem.message]);
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report(problem);
  };
}
