// .github/workflows/ci.yml: the `ci.steps` in one job (in the order written, sharing the runtime
// setup and the service containers), the stackc checks, and the image builds. It runs once per
// change: on pull requests, as the first job of every deploy workflow (`workflow_call`, which is
// how a deploy waits for its CI without running it twice), and on the few pushes neither covers
// (ownPushes).
import picomatch from 'picomatch';
import type { DeploymentModel } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import type { ProjectFacts } from '../../src/project/package-managers.js';
import { fromOutputRoot } from '../../src/emit/paths.js';
import { oneLine } from '../../src/emit/text.js';
import { RUNNER } from './actions.js';
import { ciResources } from './ci-services.js';
import { ciVariables } from './ci-variables.js';
import { expressionsIn, isUntrusted, saferForm } from './expressions.js';
import { imageJob, imageOutputs, isEcr, isGoogleRegistry, PUSH_IMAGES_INPUT, type Image } from './images.js';
import type { GithubActionsOptions } from './options.js';
import { runtimeSteps } from './runtimes.js';
import { stackcRun } from './stackc-install.js';
import { stackcJob } from './stackc-job.js';
import { checkout, type Concurrency, type SecretList, type Job, type Workflow } from './workflow.js';

export function ciWorkflow(model: DeploymentModel, stackFile: string, options: GithubActionsOptions, images: readonly Image[], pushes: Refs, secrets: SecretList, project: ProjectFacts, report: Report): { workflow: Workflow; notes: string[] } {
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
      steps: [
        checkout(),
        ...runtimeSteps(ci, stackFile, project, report),
        ...ci.steps.map((s) => {
          const own = fromOutputRoot(s.workingDirectory, stackFile) ?? s.workingDirectory;
          return { name: s.name, ...(own !== dir ? { 'working-directory': own } : {}), run: s.run };
        }),
      ],
    };
    const elsewhere = ci.steps.filter((s) => s.workingDirectory !== ci.workingDirectory);
    notes.push(`test: runs ci.steps in order (${ci.steps.map((s) => s.name).join(', ')})${dir !== '.' ? ` in ${dir}` : ''}${elsewhere.length ? `, ${elsewhere.map((s) => `${s.name} in ${fromOutputRoot(s.workingDirectory, stackFile) ?? s.workingDirectory}`).join(', ')}` : ''}.`);
    if (resources.length) {
      notes.push(
        `  Service containers: ${resources.map((r) => `${r.resource.name} (${r.resource.image}, localhost:${r.hostPort})`).join(', ')}; the job waits until they are healthy.`,
        '  They start without passwords (each image\'s password-less mode): harmless on a throwaway runner, and nothing secret is in the repository.',
      );
    }
  }

  const stackc = stackcRun(options, project.stackc, report);
  jobs.stackc = stackcJob(stackc, stackFile);
  notes.push(...stackc.notes);
  for (const image of images) jobs[image.job] = imageJob(image, stackFile, secrets, model.stack.registries);
  if (images.length) {
    const keyless = (host: string) => model.stack.registries.find((r) => r.host.toLowerCase() === host.toLowerCase());
    const hosts = [...new Set(images.map((i) => i.registry))];
    const keyed = hosts.filter((h) => (isEcr(h) || isGoogleRegistry(h)) && !keyless(h));
    if (keyed.length) {
      notes.push(
        `${keyed.join(', ')}: CI logs in with a long-lived key (an IAM user's access key for ECR, a service account's JSON key for Google), as docker/login-action documents.`,
        `  To sign in without a stored key (GitHub's OIDC token), add \`registries: { ${keyed[0]}: ${isEcr(keyed[0]!) ? '{ aws: { role: <role ARN> } }' : '{ gcp: { workload_identity_provider: ..., service_account: ... } }'} }\` to stack.yaml (docs/targets/github-actions.md).`,
      );
    }
    for (const host of hosts) {
      const login = keyless(host)?.login;
      if (login?.kind === 'aws') notes.push(`${host}: CI signs in without a stored key, assuming ${login.role} with GitHub's OIDC token (its trust policy must allow this repository: docs/targets/github-actions.md).`);
      if (login?.kind === 'credentials') notes.push(`${host}: CI signs in with the secrets registries.${host}.credentials names, ${login.username} and ${login.password} (the same the deploy jobs and the platforms read).`);
      if (login?.kind === 'gcp') notes.push(`${host}: CI signs in without a stored key, as ${login.serviceAccount} through ${login.workloadIdentityProvider} (the pool must admit this repository: docs/targets/github-actions.md).`);
    }
    notes.push(
      `${images.map((i) => i.job).join(', ')}: build ${images.map((i) => i.repository).join(', ')}; push them (tagged sha-<commit>, the branch, the version of a v1.2.3 tag) when a deploy workflow calls CI with ${PUSH_IMAGES_INPUT}: true, or CI runs for a push of its own (above).`,
      '  On a pull request it builds them (the Dockerfiles are checked) and pushes nothing.',
    );
    notes.push('  Each image job passes on the digest it pushed (a workflow_call output, <job>-digest): the deploy workflows deploy that digest where the platform takes an image.');
  }

  const push = { ...(pushes.branches.length ? { branches: [...pushes.branches] } : {}), ...(pushes.tags.length ? { tags: [...pushes.tags] } : {}) };
  const workflow: Workflow = {
    name: CI_NAME,
    // A deploy workflow reads each image's digest from CI, so it deploys what CI built and tested.
    // A called workflow reads only the secrets its caller passes: it declares the registry
    // credentials it logs in with, and each deploy workflow passes exactly those (deploy.ts).
    on: {
      ...(Object.keys(push).length ? { push } : {}),
      pull_request: {},
      workflow_call: {
        inputs: { [PUSH_IMAGES_INPUT]: { description: 'Push the images (a deploy workflow sets it; a pull request only builds them)', type: 'boolean', default: false } },
        ...(images.length ? { outputs: imageOutputs(images) } : {}),
        ...(secrets.names.length ? { secrets: Object.fromEntries(secrets.names.map((name) => [name, { description: oneLine(secrets.all.get(name)!), required: true }])) } : {}),
      },
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
