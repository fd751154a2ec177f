// What the GitHub Actions target does (src/emit/capabilities.ts): it runs no service; it tests,
// builds images, deploys the other targets' files, runs their post-deploy jobs after the deploy and
// their manual jobs on demand (run-<job>.yml), and the scheduled jobs a platform leaves to it
// (schedule-<job>.yml). It expresses no service setting, so it has no gap.
import { defineCapabilities } from '../../src/emit/capabilities.js';

export default defineCapabilities({
  title: 'GitHub Actions',
  runs: { services: [], resources: 'none' },
  makes: 'CI and deploy workflows',
  gaps: [],
  codes: {
    // run-<job>.yml
    'github-actions/manual-job': { severity: 'info', summary: 'a manual job in an environment a deploy workflow deploys, where no target that runs it can run it from a workflow: no run-<job>.yml runs it there' },
    // schedule-<job>.yml
    'github-actions/schedule-timezone': { severity: 'warning', summary: 'a job a workflow runs on its schedule (schedule-<job>.yml) with a `timezone` other than UTC: GitHub runs schedules in UTC' },
    'github-actions/patch-failed': { severity: 'error', summary: 'a patch (`targets.github-actions.patches`) that names a job or step the workflow does not have' },
    // Options and layout
    'github-actions/option': { severity: 'error', summary: 'an option of `targets.github-actions` has the wrong shape' },
    'github-actions/output-root': { severity: 'warning', summary: 'the workflows are written below the project, where GitHub does not read them' },
    // The shared resolver's code for a service the test job cannot reach (ci-variables.ts leaves
    // such variables out before resolving them, so it is a safety net rather than a message users see).
    'github-actions/service-not-deployed': { severity: 'info', summary: 'a CI variable refers to a service, which the test job does not run' },
    // ci.yml: the test job
    'github-actions/no-ci': { severity: 'info', summary: 'stack.yaml has no `ci`: ci.yml runs no tests' },
    'github-actions/no-ci-steps': { severity: 'info', summary: '`ci` has no `steps`: ci.yml runs no tests' },
    'github-actions/untrusted-expression': { severity: 'error', summary: 'a `ci.steps` command contains `${{ }}` reading text whoever triggers the run chooses (`github.event.*`, `github.head_ref`, ref names, inputs, outputs): refused, as it would run as shell code' },
    'github-actions/expression-in-step': { severity: 'warning', summary: 'a `ci.steps` command contains another `${{ }}` (`github.sha`, `secrets.X`), which Actions substitutes before the shell runs' },
    'github-actions/no-install': { severity: 'warning', summary: 'a runtime of `ci.runtime` whose steps never install dependencies, with no lockfile in their directories to install from' },
    'github-actions/dependency-cache': { severity: 'info', summary: 'no dependency cache for a runtime (no lockfile found, no step runs a command that needs one), or a lockfile of a second package manager installed without one' },
    'github-actions/runtime': { severity: 'warning', summary: 'a runtime stackc cannot set up: the steps use the runner\'s own' },
    'github-actions/ci-port': { severity: 'info', summary: 'a CI service container moved to another port of the runner' },
    'github-actions/ci-variable': { severity: 'warning', summary: 'two services give a variable of the test job different values: the first one is set' },
    // ci.yml: the stackc job
    'github-actions/stackc-no-lockfile': { severity: 'warning', summary: 'package.json depends on stackc but no lockfile records it: CI runs stackc from npm by version' },
    'github-actions/package-manager-version': { severity: 'info', summary: 'pnpm or Yarn without `packageManager` in package.json: corepack runs its own default version in CI' },
    // ci.yml: images
    'github-actions/image-name': { severity: 'info', summary: 'a built service without `image`: CI pushes it under the repository owner' },
    'github-actions/image-conflict': { severity: 'warning', summary: 'services build different things under one image name' },
    'github-actions/build-differs': { severity: 'warning', summary: 'a service builds differently in the environments the workflows deploy' },
    // deploy-<env>.yml
    'github-actions/no-trigger': { severity: 'info', summary: 'an environment with something to deploy but neither `branch` nor `tags`: no deploy workflow' },
    'github-actions/nothing-to-deploy': { severity: 'info', summary: 'an environment with a trigger where no platform target deploys a service: no deploy workflow' },
    'github-actions/compose-not-deployed': { severity: 'info', summary: 'Compose files run on a machine of your own: the deploy workflow does not deploy them' },
    'github-actions/unknown-target': { severity: 'info', summary: 'a target (a plugin) the deploy workflow has no step for' },
  },
  outputs: ['.github/workflows/ci.yml', '.github/workflows/deploy-*.yml', '.github/workflows/run-*.yml', '.github/workflows/schedule-*.yml'],
});
