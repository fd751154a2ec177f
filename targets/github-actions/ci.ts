// .github/workflows/ci.yml: the `ci.steps` in one job (in the order written, sharing the runtime
// setup and the service containers), the stackc checks, and the image builds. It runs once per
// change: on pull requests, as the first job of every deploy workflow (`workflow_call`, which is
// how a deploy waits for its CI without running it twice), and on the few pushes neither covers
// (ownPushes).
import picomatch from 'picomatch';
import type { DeploymentModel } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import { fromOutputRoot } from '../../src/emit/paths.js';
import { RUNNER } from './actions.js';
import { ciResources } from './ci-services.js';
import { ciVariables } from './ci-variables.js';
import { imageJob, isEcr, isGoogleRegistry, PUSH_IMAGES_INPUT, type Image } from './images.js';
import type { GithubActionsOptions } from './options.js';
import { runtimeSteps } from './runtimes.js';
import { stackcJob } from './stackc-job.js';
import { checkout, type Concurrency, type SecretList, type Job, type Workflow } from './workflow.js';

export function ciWorkflow(model: DeploymentModel, stackFile: string, options: GithubActionsOptions, images: readonly Image[], pushes: Refs, secrets: SecretList, report: Report): { workflow: Workflow; notes: string[] } {
  const jobs: Record<string, Job> = {};
  const notes: string[] = [];
  const ci = model.stack.ci;

  if (!ci) {
    report({ severity: 'info', code: 'github-actions/no-ci', message: 'stack.yaml has no `ci`, so ci.yml checks the stack and builds images, but runs no tests', path: options.path, hint: 'add `ci: { runtime: ..., steps: ... }`' });
  } else if (!ci.steps.length) {
    report({ severity: 'info', code: 'github-actions/no-ci-steps', message: '`ci` has no `steps`, so ci.yml runs no tests', path: ci.path });
  } else {
    for (const step of ci.steps.filter((s) => s.run.includes('${{'))) {
      report({
        severity: 'warning',
        code: 'github-actions/expression-in-step',
        message: `step \`${step.name}\` contains \`\${{\`, which GitHub Actions evaluates before the shell runs; text from an event (a branch name, a pull request title) placed there can inject commands`,
        path: step.path,
        hint: 'read what you need from the variables GitHub sets (`$GITHUB_REF_NAME`, `$GITHUB_SHA`, `$GITHUB_EVENT_PATH`) instead',
      });
    }
    // CI is an environment of its own: it takes the backing services as the default environment declares them.
    const defaults = model.environments.find((e) => e.isDefault)!;
    const resources = ciResources(ci, defaults, report);
    const variables = ciVariables(defaults, resources, report);
    const dir = fromOutputRoot(ci.workingDirectory, stackFile) ?? ci.workingDirectory;
    jobs.test = {
      name: `Test (${ci.steps.map((s) => s.name).join(', ')})`,
      'runs-on': RUNNER,
      'timeout-minutes': 30,
      ...(Object.keys(variables).length ? { env: variables } : {}),
      ...(dir !== '.' ? { defaults: { run: { 'working-directory': dir } } } : {}),
      ...(resources.length ? { services: Object.fromEntries(resources.map((r) => [r.resource.name, r.container])) } : {}),
      steps: [checkout(), ...runtimeSteps(ci, dir, report), ...ci.steps.map((s) => ({ name: s.name, run: s.run }))],
    };
    notes.push(`test: runs ci.steps in order (${ci.steps.map((s) => s.name).join(', ')})${dir !== '.' ? ` in ${dir}` : ''}.`);
    if (resources.length) {
      notes.push(
        `  Service containers: ${resources.map((r) => `${r.resource.name} (${r.resource.image}, localhost:${r.hostPort})`).join(', ')}; the job waits until they are healthy.`,
        '  They start without passwords (each image\'s password-less mode): harmless on a throwaway runner, and nothing secret is in the repository.',
      );
    }
  }

  jobs.stackc = stackcJob(options.stackc, stackFile);
  notes.push(`stackc: stack.yaml is valid and the generated files are current (${options.stackc}).`);
  for (const image of images) jobs[image.job] = imageJob(image, stackFile, secrets);
  if (images.length) {
    const keyed = images.filter((i) => isEcr(i.registry) || isGoogleRegistry(i.registry)).map((i) => i.registry);
    if (keyed.length) {
      notes.push(
        `${[...new Set(keyed)].join(', ')}: CI logs in with a long-lived key (an IAM user's access key for ECR, a service account's JSON key for Google), as docker/login-action documents.`,
        '  Keyless login (an IAM role assumed over OIDC with aws-actions/configure-aws-credentials, Workload Identity Federation with google-github-actions/auth) is not generated: docs/targets/github-actions.md says what it needs.',
      );
    }
    notes.push(
      `${images.map((i) => i.job).join(', ')}: build ${images.map((i) => i.repository).join(', ')}; push them (tagged sha-<commit>, the branch, the version of a v1.2.3 tag) when a deploy workflow calls CI with ${PUSH_IMAGES_INPUT}: true, or CI runs for a push of its own (above).`,
      '  On a pull request it builds them (the Dockerfiles are checked) and pushes nothing.',
    );
  }

  const push = { ...(pushes.branches.length ? { branches: [...pushes.branches] } : {}), ...(pushes.tags.length ? { tags: [...pushes.tags] } : {}) };
  const workflow: Workflow = {
    name: CI_NAME,
    on: {
      ...(Object.keys(push).length ? { push } : {}),
      pull_request: {},
      workflow_call: { inputs: { [PUSH_IMAGES_INPUT]: { description: 'Push the images (a deploy workflow sets it; a pull request only builds them)', type: 'boolean', default: false } } },
    },
    permissions: { contents: 'read' },
    concurrency: ciConcurrency(CI_NAME),
    jobs,
  };
  const refs = [...pushes.branches.map((b) => `branch \`${b}\``), ...pushes.tags.map((t) => `tags \`${t}\``)];
  const when = refs.length
    ? `Runs once per change: on pull requests, from the deploy workflows (first job), and on pushes to ${refs.join(', ')}, which no deploy workflow takes; a push to any other branch runs it through its pull request.`
    : `Runs once per change: on pull requests, and from the deploy workflows (first job), which also take the pushes to the default branch \`${options.defaultBranch}\`; a push to any other branch runs it through its pull request.`;
  return { workflow, notes: [`CI for ${model.stack.name}. ${when}`, ...notes, '', ...secrets.lines('repository secrets, Settings → Secrets and variables → Actions → Repository secrets: its jobs run in no GitHub environment, so they cannot read environment secrets')] };
}

/** Branches and tag patterns, as a push filter takes them. */
export interface Refs {
  branches: readonly string[];
  tags: readonly string[];
}

/**
 * The pushes ci.yml runs on by itself, so that each change runs CI once. A pull request runs it
 * (`pull_request`, on the merge commit), and a push to a deploy workflow's branch or tag runs it
 * inside that workflow, so neither needs a push run; a push to any other branch would only repeat
 * its pull request's run. Left: the default branch, which pull requests merge into and hand
 * deploys take images from, unless a deploy workflow's branch covers it; and the refs of
 * environments no deploy workflow deploys (a production only Compose runs, deployed by hand).
 * Branch filters match as GitHub's do: `*` stops at `/`, `**` does not.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet
 */
export function ownPushes(defaultBranch: string, deployed: Refs, undeployed: Refs): Refs {
  const covered = (branch: string) => deployed.branches.some((pattern) => pattern === branch || picomatch(pattern, { dot: true })(branch));
  const branches = [defaultBranch, ...undeployed.branches].filter((b, i, all) => all.indexOf(b) === i && !covered(b));
  const tags = undeployed.tags.filter((t, i, all) => all.indexOf(t) === i && !deployed.tags.includes(t));
  return { branches, tags };
}

/** The name of ci.yml; its concurrency group tells its own runs from the runs a deploy workflow calls by it. */
export const CI_NAME = 'CI';

/**
 * ci.yml's concurrency. A called workflow evaluates its expressions in the caller's `github`
 * context (`github.workflow` is the deploy workflow's name, `github.run_id` its run), so the
 * group is per workflow: CI's own runs, one group per pull request or branch, cancel the run a
 * newer push supersedes; a deploy workflow's CI gets a group of its own run, which nothing
 * else joins, so no other push and no other deploy workflow cancels it or makes it wait.
 * https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows
 * https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency
 */
export function ciConcurrency(name: string): Concurrency {
  const own = `github.workflow == '${name}'`;
  return {
    group: `ci-\${{ github.workflow }}-\${{ ${own} && (github.event.pull_request.number || github.ref) || github.run_id }}`,
    'cancel-in-progress': `\${{ ${own} }}`,
  };
}
