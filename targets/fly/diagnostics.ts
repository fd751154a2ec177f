// Build diagnostics of the fly target. Every environment gets its own files, and most findings
// (a command healthcheck, a bind mount) are the same in each: each is reported once.
import type { BuildProblem, EmitContext } from '../../src/build/target.js';

export type Report = (problem: BuildProblem) => void;

export function dedupedReporter(ctx: EmitContext): Report {
  const seen = new Set<string>();
  return (problem) => {
    const key = JSON.stringify([problem.code, problem.path ?? null, problem.message]);
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report(problem);
  };
}
