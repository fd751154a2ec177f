// Who deploys a platform target's services: the GitHub Actions deploy workflows, or the platform's
// own Git integration (Vercel for GitHub, Railway's GitHub autodeploys). Never both: a push would
// deploy twice, and the platform's deploy would not wait for the workflow's CI. Decided once here,
// because the platform target writes it into its files (vercel.json's `git.deploymentEnabled`,
// Railway's setup notes) and the github-actions target gives it a deploy job or none.
import type { Environment, Stack, TargetConfig } from '../model/stack.js';

export type Deployer = 'github-actions' | 'platform';

/** The option that chooses, under `targets.<name>`, for the targets whose platform deploys from Git itself. */
export const DEPLOYED_BY_OPTION = 'deployed_by';

/** Targets whose platform can deploy every push from Git by itself, so `deployed_by` chooses. */
export const GIT_DEPLOYING_TARGETS: readonly string[] = ['vercel', 'railway'];

const selectsCommon = (a: TargetConfig, b: TargetConfig): boolean => !a.services || !b.services || a.services.some((s) => b.services!.includes(s));

/**
 * Whether the stack's github-actions target writes a deploy workflow that could deploy this
 * target's services: it covers an environment of the target that has a push trigger (`branch` or
 * `tags`), and its services filter leaves some of the target's services.
 */
export function workflowsCover(stack: Stack, target: TargetConfig): boolean {
  const workflows = workflowsOf(stack);
  if (!workflows || !selectsCommon(workflows, target)) return false;
  return target.environments.some((name) => workflowsRun(stack, workflows, name));
}

/** Environments a workflow can deploy: those with a push trigger. */
export const isTriggered = (e: Environment): boolean => e.branch !== undefined || e.tags !== undefined;

const workflowsOf = (stack: Stack): TargetConfig | undefined => stack.targets.find((t) => t.name === 'github-actions');

/** Whether the github-actions target writes a deploy workflow for the environment: it covers it, and a push triggers it. */
function workflowsRun(stack: Stack, workflows: TargetConfig, name: string): boolean {
  const environment = stack.environments.find((e) => e.name === name);
  return workflows.environments.includes(name) && environment !== undefined && isTriggered(environment);
}

/**
 * Who deploys the services of a target in GIT_DEPLOYING_TARGETS: `targets.<name>.deployed_by` as
 * written, else the workflows when they cover the target (workflowsCover), else the platform.
 */
export function deployedBy(stack: Stack, target: string): Deployer {
  const config = stack.targets.find((t) => t.name === target);
  if (!config) return 'platform';
  if (GIT_DEPLOYING_TARGETS.includes(target)) {
    const option = config.options[DEPLOYED_BY_OPTION];
    if (option === 'github-actions' || option === 'platform') return option;
  }
  return workflowsCover(stack, config) ? 'github-actions' : 'platform';
}

/**
 * Whether a deploy workflow deploys the target in that environment: the workflows deploy the
 * target, and the environment is theirs with a push trigger. The others are deployed by hand.
 */
export function workflowDeploys(stack: Stack, target: string, environment: string): boolean {
  const workflows = workflowsOf(stack);
  return deployedBy(stack, target) === 'github-actions' && workflows !== undefined && workflowsRun(stack, workflows, environment);
}
