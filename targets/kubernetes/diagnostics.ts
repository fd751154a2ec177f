// Build diagnostics of this target. Every environment is rendered separately, so the same finding
// (an untagged image, a bind mount in the base service) would repeat; each is reported once.
import type { BuildProblem, EmitContext } from '../../src/build/target.js';

export type Report = (problem: BuildProblem) => void;

/** Reporters sharing one memory of what was said; `enabled: false` for environments not emitted. */
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
