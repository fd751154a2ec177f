import { capabilityGaps, declaredCodes, gapFinder } from '../../emit/capabilities.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'target-capability',
    description: 'The selected targets can express every setting: nothing is dropped or approximated when build renders them.',
    category: 'portability',
    // Read from each target's capabilities (data beside its code) and the deployment model, without
    // rendering any target, so it costs a pre-commit lint almost nothing and is on by default. As a
    // note: `stackc build` already warns about each gap on every build; `strict` makes them warnings.
    severity: 'info',
    strict: 'warn',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'Each platform expresses a different subset of stack.yaml: Compose cannot autoscale, Railway builds only the last Dockerfile stage, Fly gives every Machine its own volume. `stackc build` says so when it renders; lint reports the same at the line that asked for it, so the gap is decided on in review rather than found in production.',
      fix: 'Change the setting so every target can express it, narrow the target to the environments or services it can run (`targets.<name>.environments`, `services`), or accept the difference: suppress the finding with a reason. `stackc build --verbose` shows the notes as well (`includeNotes` reports them here).',
      bad: 'services:\n  api:\n    build: { context: ./api, target: runtime }   # Dockerfile: runtime, then a test stage\n    volumes: [{ name: uploads, path: /app/uploads }]\n    replicas: 3\ntargets:\n  railway: {}',
      good: 'services:\n  api:\n    build: { context: ./api }                    # runtime is the last stage\n    replicas: 3                                  # uploads go to object storage\ntargets:\n  railway: {}',
      whenOff: 'It reports notes in `recommended` (the build warns about the same gaps) and warnings in `strict`. When a target is only an occasional extra (a Compose file for local runs of a Kubernetes stack) and its gaps are known and accepted, turn the rule off, or suppress single findings with the reason. The rule reads the built-in targets\' capabilities; what a plugin target cannot express shows when `stackc build` renders it.',
    },
    peers: [],
    options: {
      includeNotes: { type: 'boolean', default: false, description: 'Also report the targets\' notes (what a platform does differently without losing anything), at `info`.' },
    },
  },
  check(ctx) {
    const said = new Set<string>();
    for (const plan of ctx.plans()) {
      const capabilities = ctx.capabilities(plan.name);
      if (!capabilities) continue;
      const codes = declaredCodes(capabilities);
      const gaps = gapFinder(capabilities, plan, plan.config.options, { notes: ctx.options.includeNotes });
      capabilityGaps(gaps, plan, plan.environments, (problem) => {
        if (problem.severity === 'info' && !ctx.options.includeNotes) return;
        // Another rule reports the same problem with more context.
        if (codes.get(problem.code)?.coveredBy) return;
        const at = problem.path ?? plan.config.path;
        // The same gap in several environments (with other numbers in the message) is one finding.
        const once = JSON.stringify([problem.code, at]);
        if (said.has(once)) return;
        said.add(once);
        ctx.report({
          message: `${plan.name}: ${problem.message}`,
          at: { path: at, key: true }, // where `stackc build` points, too
          ...(problem.hint ? { hint: problem.hint } : {}),
          ...(problem.severity === 'info' ? { severity: 'info' as const } : {}),
          key: problem.code,
        });
      });
    }
  },
});
