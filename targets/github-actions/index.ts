// The GitHub Actions target: .github/workflows/ci.yml (tests with service containers, stackc's own
// checks, image builds) and .github/workflows/deploy-<env>.yml for each environment with a `branch`
// or `tags` trigger, deploying every service with the target that covers it, and
// .github/workflows/run-<job>.yml for each manual job (run-jobs.ts). The workflows assume
// the output root is the repository root. See docs/targets/github-actions.md.
import { defineTarget, type Artifact, type EmitContext } from '../../src/emit/target.js';
import type { DeploymentModel } from '../../src/deploy/model.js';
import type { Environment } from '../../src/model/stack.js';
import { ciWorkflow, ownPushes, type Refs } from './ci.js';
import { isTriggered } from '../../src/deploy/deployed-by.js';
import { CI_WORKFLOW, deployWorkflow, deployWorkflowPath, planDeploy } from './deploy.js';
import { plannedImages, registryLogin } from './images.js';
import { readOptions } from './options.js';
import { renderWorkflow, SecretList } from './workflow.js';
import { patchWorkflow } from './patches.js';
import { runWorkflows } from './run-jobs.js';
import { scheduleWorkflows } from './schedule-jobs.js';
import { patchPathName } from '../../src/emit/patches/patches.js';
import type { DataPath } from '../../src/model/stack.js';

/** The header line naming the patches that changed a workflow. */
const patchedNote = (paths: readonly DataPath[]): string[] => (paths.length ? ['', `Patched by stack.yaml: ${paths.map(patchPathName).join(', ')}.`] : []);
import capabilities from './capabilities.js';

function emit(model: DeploymentModel, ctx: EmitContext): Artifact[] {
  if (ctx.environments.length === 0) return [];
  const report = ctx.report;
  const options = readOptions(ctx.options, report);
  if (ctx.stackFile.startsWith('../')) {
    report({
      severity: 'warning',
      code: 'github-actions/output-root',
      message: 'the workflows are written below the project, but GitHub reads them only from .github/workflows at the repository root, and their paths assume the output root is the repository root',
      path: options.path,
      hint: 'build without `--out`, or with `--out` naming the repository root',
    });
  }

  // The target's own environments, even under `--env`, so ci.yml is the same however it is built.
  const environments = ctx.plan.environments;
  const triggered = environments.filter((e) => {
    const environment = model.environment(e)?.environment;
    return environment !== undefined && isTriggered(environment);
  });
  const images = plannedImages(model, ctx.plan, triggered.length ? triggered : environments, options, report);
  // The registry credentials ci.yml reads; a deploy workflow that calls it passes them on.
  const ciSecrets = new SecretList();
  const registries = model.stack.registries;
  // The token permissions ci.yml's image jobs need, which a deploy workflow's call must grant.
  const ciPermissions: Record<string, 'write'> = {};
  for (const image of images) Object.assign(ciPermissions, registryLogin(image.registry, ciSecrets, registries).permissions);
  // Deploy plans decide which branches ci.yml leaves to the deploy workflows.
  const plans = environments.flatMap((e) => {
    // Jobs too: a platform that runs a job as a service of its own (a Railway cron service) deploys it.
    const selected = [...ctx.plan.selected(e), ...ctx.plan.jobs(e)].map((s) => s.name);
    const plan = planDeploy(model, ctx.placements, e, selected, ctx.stackFile, images, ciSecrets.all, ctx.environments.includes(e) ? report : () => {});
    return plan ? [plan] : [];
  });
  // ci.yml runs on its own only for pushes no deploy workflow runs it for (ci.ts, ownPushes).
  const refsOf = (list: readonly (Environment | undefined)[]): Refs => ({
    branches: list.flatMap((e) => (e?.branch ? [e.branch] : [])),
    tags: list.flatMap((e) => (e?.tags ? [e.tags] : [])),
  });
  const deployed = plans.map((p) => p.environment);
  const undeployed = triggered.map((e) => model.environment(e)?.environment).filter((e) => e !== undefined && !deployed.some((d) => d.name === e.name));
  const pushes = ownPushes(options.defaultBranch, refsOf(deployed), refsOf(undeployed));
  const ci = ciWorkflow(model, ctx.stackFile, options, images, pushes, ciSecrets, ctx.project, report);

  const patchedCi = patchWorkflow(ci.workflow, ctx.options, 'ci', undefined, CI_WORKFLOW, report);
  const artifacts: Artifact[] = [
    {
      path: CI_WORKFLOW,
      target: 'github-actions',
      content: renderWorkflow(patchedCi.workflow, [...ci.notes, ...patchedNote(patchedCi.patchedBy)], ctx.stackFile),
      // It deploys nothing: it builds and pushes the images of these services.
      facts: { services: images.flatMap((i) => i.services), images: images.map((i) => i.repository), secrets: ciSecrets.names },
      ...(patchedCi.patchedBy.length ? { patchedBy: patchedCi.patchedBy } : {}),
    },
  ];
  for (const plan of plans) {
    if (!ctx.environments.includes(plan.environment.name)) continue;
    const { workflow, notes } = deployWorkflow(plan, ciPermissions, ciSecrets);
    const path = deployWorkflowPath(plan.environment.name);
    const patched = patchWorkflow(workflow, ctx.options, 'deploy', plan.environment.name, path, report);
    artifacts.push({
      path,
      target: 'github-actions',
      environment: plan.environment.name,
      content: renderWorkflow(patched.workflow, [...notes, ...patchedNote(patched.patchedBy)], ctx.stackFile),
      facts: { services: plan.services, images: plan.images, secrets: plan.secrets.names },
      ...(patched.patchedBy.length ? { patchedBy: patched.patchedBy } : {}),
    });
  }
  // Manual jobs: a run-<job>.yml each, over every environment a deploy workflow deploys (whatever
  // `--env` says, as ci.yml), so it is the same however it is built.
  const runs = runWorkflows(model, ctx.placements, deployed, (e) => ctx.plan.jobs(e), (e) => ctx.environments.includes(e), report);
  for (const run of runs) {
    artifacts.push({
      path: run.path,
      target: 'github-actions',
      content: renderWorkflow(run.workflow, run.notes, ctx.stackFile),
      facts: { services: [run.job], images: [], secrets: run.secrets.names },
    });
  }
  // Scheduled jobs a platform leaves to a workflow (Fly's `scheduler: github-actions`): a schedule-<job>.yml each, likewise.
  for (const scheduled of scheduleWorkflows(options.defaultBranch, ctx.placements, deployed, (e) => ctx.plan.jobs(e), (e) => ctx.environments.includes(e), report)) {
    artifacts.push({
      path: scheduled.path,
      target: 'github-actions',
      content: renderWorkflow(scheduled.workflow, scheduled.notes, ctx.stackFile),
      facts: { services: [scheduled.job], images: [], secrets: scheduled.secrets.names },
    });
  }
  return artifacts;
}

export default defineTarget({
  name: 'github-actions',
  describe: 'GitHub Actions workflows: .github/workflows/ci.yml (tests, stackc checks, images) and deploy-<env>.yml per environment with a branch or tags trigger',
  capabilities,
  emit,
});
