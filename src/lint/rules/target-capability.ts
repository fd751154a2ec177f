import type { DataPath, Service } from '../../model/stack.js';
import { defineRule, type RuleContext } from '../rule.js';
import type { TargetProblem } from '../sources/artifacts.js';

/** Target problems another lint rule already reports (with more context): not repeated here. */
const COVERED_BY: Readonly<Record<string, string>> = {
  'kubernetes/image-tag': 'image-tag-pinned',
  'kubernetes/user-unset': 'non-root-user',
  'kubernetes/root-user': 'non-root-user',
  // notes (shown with includeNotes)
  'kubernetes/no-probes': 'healthcheck-required',
  'fly/no-healthcheck': 'healthcheck-required',
  'railway/no-healthcheck': 'healthcheck-required',
  'kubernetes/unused-resource': 'unused-resource',
};

export default defineRule({
  meta: {
    id: 'target-capability',
    description: 'The selected targets can express every setting: nothing is dropped or approximated when build renders them.',
    category: 'portability',
    // Off in `recommended`: `stackc build` prints the same warnings on every build (and the
    // stackc-build-check hook and CI job run build), and rendering every target would double the
    // time of a pre-commit lint. `strict` turns it on for CI that wants lint to fail on them.
    severity: 'off',
    strict: 'warn',
    scopes: ['artifacts'],
    docs: {
      why: 'Each platform expresses a different subset of stack.yaml: Compose cannot autoscale, Railway builds only the last Dockerfile stage, Fly gives every Machine its own volume. `stackc build` says so when it renders; lint reports the same at the line that asked for it, so the gap is decided on in review rather than found in production.',
      fix: 'Change the setting so every target can express it, narrow the target to the environments or services it can run (`targets.<name>.environments`, `services`), or accept the difference: suppress the finding with a reason. `stackc build --verbose` shows the notes as well (`includeNotes` reports them here).',
      bad: 'services:\n  api:\n    build: { context: ./api, target: runtime }   # Dockerfile: runtime, then a test stage\n    volumes: [{ name: uploads, path: /app/uploads }]\n    replicas: 3\ntargets:\n  railway: {}',
      good: 'services:\n  api:\n    build: { context: ./api }                    # runtime is the last stage\n    replicas: 3                                  # uploads go to object storage\ntargets:\n  railway: {}',
      whenOff: 'It is off in `recommended`: `stackc build` already prints these warnings on every build, and rendering every target doubles the time of a lint. Turn it on (`target-capability: warn`, or the `strict` preset) to have lint fail on them in CI, at the stack.yaml line that asked for the setting.',
    },
    peers: [],
    options: {
      includeNotes: { type: 'boolean', default: false, description: 'Also report the targets\' notes (what a platform does differently without losing anything), at `info`.' },
    },
  },
  // The services that build a named stage, by the `build` node that says so (for railway/build-target).
  state: () => ({ builds: new Map<string, Service[]>() }),
  service(ctx, { service }) {
    if (!service.build?.target) return;
    const key = JSON.stringify(service.origins.build ?? service.path);
    ctx.state.builds.set(key, [...(ctx.state.builds.get(key) ?? []), service]);
  },
  check(ctx) {
    const said = new Set<string>();
    for (const problem of ctx.targetProblems()) {
      if (problem.severity === 'info' && !ctx.options.includeNotes) continue;
      if (COVERED_BY[problem.code]) continue;
      if (problem.code === 'railway/build-target' && buildsLastStage(ctx, problem.path)) continue;
      const key = problem.code.includes('/') ? problem.code : `${problem.target}/${problem.code}`;
      const at: DataPath = problem.path ?? ctx.stack.targets.find((t) => t.name === problem.target)?.path ?? ['targets'];
      // The same gap in several environments (with other numbers in the message) is one finding.
      const once = JSON.stringify([key, at]);
      if (said.has(once)) continue;
      said.add(once);
      ctx.report({
        message: `${problem.target}: ${problem.message}`,
        at: { path: at, key: true }, // where `stackc build` points, too
        ...(problem.hint ? { hint: problem.hint } : {}),
        ...(problem.severity === 'info' ? { severity: 'info' as const } : {}),
        key,
      });
    }
  },
});

/**
 * Railway builds a Dockerfile's last stage, and says a `build.target` is lost without reading the
 * Dockerfile. When every Dockerfile this `build` node applies to ends with the target stage, nothing is.
 */
function buildsLastStage(ctx: RuleContext<unknown, { builds: Map<string, Service[]> }>, path: TargetProblem['path']): boolean {
  if (!path) return false;
  const builds = ctx.state.builds.get(JSON.stringify(path)) ?? [];
  if (builds.length === 0) return false;
  return builds.every((service) => {
    const dockerfile = ctx.dockerfile(service);
    const last = dockerfile?.stages.at(-1);
    return last !== undefined && last.name === service.build!.target!.toLowerCase();
  });
}
