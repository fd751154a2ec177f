// .github/workflows/ci.yml: the `ci.steps` in one job (in the order written, sharing the runtime
// setup and the service containers), the stackc checks, and the image builds. It runs on pull
// requests, on pushes to branches no deploy workflow owns, and as the first job of every deploy
// workflow (`workflow_call`), which is how a deploy waits for its CI without running it twice.
import type { DeploymentModel } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import { fromOutputRoot } from '../../src/emit/paths.js';
import { oneLine } from '../../src/emit/text.js';
import { RUNNER } from './actions.js';
import { ciResources } from './ci-services.js';
import { ciVariables } from './ci-variables.js';
import { expressionsIn, isUntrusted, saferForm } from './expressions.js';
import { imageJob, isEcr, isGoogleRegistry, type Image } from './images.js';
import type { GithubActionsOptions } from './options.js';
import { runtimeSteps } from './runtimes.js';
import { stackcJob } from './stackc-job.js';
import { checkout, type Concurrency, type SecretList, type Job, type Workflow } from './workflow.js';

export function ciWorkflow(model: DeploymentModel, stackFile: string, options: GithubActionsOptions, images: readonly Image[], deployBranches: readonly string[], secrets: SecretList, report: Report): { workflow: Workflow; notes: string[] } {
  const jobs: Record<string, Job> = {};
  const notes: string[] = [];
  const ci = model.stack.ci;

  if (!ci) {
    report({ severity: 'info', code: 'github-actions/no-ci', message: 'stack.yaml has no `ci`, so ci.yml checks the stack and builds images, but runs no tests', path: options.path, hint: 'add `ci: { runtime: ..., steps: ... }`' });
  } else if (!ci.steps.length) {
    report({ severity: 'info', code: 'github-actions/no-ci-steps', message: '`ci` has no `steps`, so ci.yml runs no tests', path: ci.path });
  } else {
    for (const step of ci.steps) {
      const expressions = expressionsIn(step.run);
      const untrusted = expressions.filter(isUntrusted);
      if (untrusted.length) {
        const fixes = untrusted.map((e) => [e, saferForm(e)] as const);
        report({
          severity: 'error',
          code: 'github-actions/untrusted-expression',
          message: `step \`${step.name}\` puts ${untrusted.map((e) => `\`${e}\``).join(', ')} into its command: GitHub Actions substitutes ${untrusted.length > 1 ? 'them' : 'it'} before the shell runs, and whoever triggers the run chooses the text (a branch name, a pull request title), which would run as shell code`,
          path: step.path,
          hint: fixes.every(([, fix]) => fix)
            ? `read it from the step's environment instead: ${fixes.map(([e, fix]) => `${fix} for ${e}`).join(', ')}`
            : 'read it from the step\'s environment instead: `"$GITHUB_HEAD_REF"`, `"$GITHUB_REF_NAME"`, or an event field with `jq -r \'.pull_request.title\' "$GITHUB_EVENT_PATH"`',
        });
      } else if (expressions.length) {
        report({
          severity: 'warning',
          code: 'github-actions/expression-in-step',
          message: `step \`${step.name}\` contains \`\${{\`, which GitHub Actions evaluates before the shell runs; text from an event (a branch name, a pull request title) placed there can inject commands`,
          path: step.path,
          hint: 'read what you need from the variables GitHub sets (`$GITHUB_REF_NAME`, `$GITHUB_SHA`, `$GITHUB_EVENT_PATH`) instead',
        });
      }
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
    notes.push(`${images.map((i) => i.job).join(', ')}: build ${images.map((i) => i.repository).join(', ')}; push them (tagged sha-<commit>, the branch, the version of a v1.2.3 tag) except for pull requests.`);
  }

  const push = deployBranches.length ? { 'branches-ignore': [...deployBranches] } : { branches: ['**'] };
  const workflow: Workflow = {
    name: CI_NAME,
    // A called workflow reads only the secrets its caller passes: it declares the registry
    // credentials it logs in with, and each deploy workflow passes exactly those (deploy.ts).
    on: { push, pull_request: {}, workflow_call: secrets.names.length ? { secrets: Object.fromEntries(secrets.names.map((name) => [name, { description: oneLine(secrets.all.get(name)!), required: true }])) } : {} },
    permissions: { contents: 'read' },
    concurrency: ciConcurrency(CI_NAME),
    jobs,
  };
  const when = deployBranches.length
    ? `Runs on pull requests, on pushes to branches other than ${deployBranches.map((b) => `\`${b}\``).join(', ')} (their deploy workflows run it first), and from the deploy workflows.`
    : 'Runs on pull requests, on pushes to any branch, and from the deploy workflows.';
  return { workflow, notes: [`CI for ${model.stack.name}. ${when}`, ...notes, '', ...secrets.lines('repository secrets, Settings → Secrets and variables → Actions → Repository secrets: its jobs run in no GitHub environment, so they cannot read environment secrets')] };
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
