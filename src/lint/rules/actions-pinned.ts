import { defineRule } from '../rule.js';

/** A commit SHA (40 hex digits), a local action, or an image by digest: what no one can move. */
const PINNED = /^(?:[^@\s]+@[0-9a-f]{40}|\.\/.*|docker:\/\/[^@\s]+@sha256:[0-9a-f]{64})$/;

export default defineRule({
  meta: {
    id: 'actions-pinned',
    description: 'The steps stack.yaml adds to the GitHub Actions workflows use actions pinned to a commit SHA.',
    category: 'supply-chain',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: "A tag or branch of an action (`@v4`, `@main`) is whatever its owner, or whoever takes over the owner's account, points it at next: the step runs that code with the job's token and secrets (tj-actions/changed-files, March 2025, moved its tags to a commit that printed secrets into build logs). A commit SHA cannot be moved. The steps stackc generates are pinned; the ones you add in `targets.github-actions.patches` are yours to pin.",
      fix: 'Replace the tag with the commit it points at and keep the tag in a comment, as the generated steps do: `uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1` (the release page names the commit; `git ls-remote https://github.com/<owner>/<repo> <tag>` prints it). Dependabot and Renovate update pinned actions and their comments.',
      bad: 'targets:\n  github-actions:\n    patches:\n      - job: test\n        steps:\n          - uses: acme/upload-coverage@v2',
      good: 'targets:\n  github-actions:\n    patches:\n      - job: test\n        steps:\n          - uses: acme/upload-coverage@9f2c4d1e7a3b5c6d8e0f1a2b3c4d5e6f7a8b9c0d # v2.1.0',
      whenOff: "For actions of your own organization that you trust as much as the workflow itself; better suppressed per step, with that reason.",
    },
    peers: ['zizmor unpinned-uses', 'OpenSSF Scorecard Pinned-Dependencies', 'StepSecurity harden-runner pinning', 'Semgrep third-party-action-not-pinned-to-commit-sha'],
    securitySeverity: 6.5,
  },
  check(ctx) {
    const options = ctx.stack.targets.find((t) => t.name === 'github-actions')?.options;
    const patches = Array.isArray(options?.patches) ? (options.patches as { steps?: { uses?: unknown }[] }[]) : [];
    patches.forEach((patch, p) => {
      (Array.isArray(patch.steps) ? patch.steps : []).forEach((step, s) => {
        if (typeof step?.uses !== 'string' || PINNED.test(step.uses)) return;
        const [action] = step.uses.split('@');
        ctx.report({
          message: `the step adds \`${step.uses}\`, which is not pinned to a commit: whoever controls the action's tags decides what runs with the job's token`,
          at: { path: ['targets', 'github-actions', 'patches', p, 'steps', s, 'uses'] },
          hint: `pin it: \`${action}@<40-hex commit SHA> # <tag>\` (\`git ls-remote https://github.com/${action!.split('/').slice(0, 2).join('/')} <tag>\` prints the commit)`,
          key: `${p}#${s}`,
        });
      });
    });
  },
});
