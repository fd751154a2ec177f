import { branchNameProblem, nearestBranchName } from '../../model/branch-name.js';
import { entries, type DataCheck } from './context.js';

/**
 * An environment's `branch` is a branch name git can have (src/model/branch-name.ts): one it cannot
 * would never be pushed, so its deploy workflow would never run.
 */
export const checkEnvironmentBranches: DataCheck = (ctx) => {
  for (const [name, environment] of entries(ctx.data.environments)) {
    const branch = environment?.branch;
    if (branch === undefined) continue;
    const problem = branchNameProblem(branch);
    if (!problem) continue;
    const suggestion = nearestBranchName(branch);
    ctx.report({
      path: ['environments', name, 'branch'],
      code: 'invalid-branch',
      message: `the branch of environment \`${name}\`, \`${branch}\`, is not a valid branch name: ${problem}`,
      hint: `${suggestion ? `did you mean \`${suggestion}\`? ` : ''}a branch name as git takes it (git check-ref-format): components of letters, digits, \`-\`, \`_\` and \`.\` between \`/\`; \`*\` matches several branches, as in \`feature/*\``,
    });
  }
};
