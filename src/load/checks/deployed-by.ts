import { DEPLOYED_BY_OPTION, GIT_DEPLOYING_TARGETS, workflowsCover } from '../../deploy/deployed-by.js';
import type { ModelCheck } from './context.js';

/**
 * `deployed_by: github-actions` needs a deploy workflow that can deploy the target: otherwise the
 * platform's Git deploys are switched off (vercel.json) or left unconnected (Railway) and nothing
 * deploys the services.
 */
export const checkDeployedBy: ModelCheck = (stack, ctx) => {
  for (const target of stack.targets) {
    if (!GIT_DEPLOYING_TARGETS.includes(target.name) || target.options[DEPLOYED_BY_OPTION] !== 'github-actions' || workflowsCover(stack, target)) continue;
    const workflows = stack.targets.some((t) => t.name === 'github-actions');
    ctx.report({
      path: [...target.path, DEPLOYED_BY_OPTION],
      code: 'deployed-by-without-workflow',
      message: workflows
        ? `\`targets.${target.name}.deployed_by\` is \`github-actions\`, but no deploy workflow deploys \`${target.name}\`: the github-actions target covers none of its environments with a \`branch\` or \`tags\` trigger (or none of its services)`
        : `\`targets.${target.name}.deployed_by\` is \`github-actions\`, but the stack has no github-actions target, so no workflow would deploy \`${target.name}\``,
      hint: workflows ? 'give an environment both targets serve a `branch:` or `tags:`, or set `deployed_by: platform`' : 'add `github-actions: {}` under `targets:`, or set `deployed_by: platform`',
    });
  }
};
