// .github/workflows/deploy-<env>.yml: for an environment with `branch` and/or `tags`, a push of
// that ref runs CI (ci.yml, called as the first job, so nothing untested is deployed and the images
// exist), then deploys every service of the environment with the target that covers it, in the
// GitHub environment of the same name (its protection rules and secrets).
import { deployedBy, GIT_DEPLOYING_TARGETS, isTriggered } from '../../src/deploy/deployed-by.js';
import type { DeployedService, DeploymentModel } from '../../src/deploy/model.js';
import type { Placement } from '../../src/emit/placement.js';
import type { Report } from '../../src/emit/target.js';
import type { Environment } from '../../src/model/stack.js';
import { ciImageOf, flyJob, kubernetesJob, railwayJob, vercelJob, type DeployContext, type DeployJob } from './deployers.js';
import { PUSH_IMAGES_INPUT, type Image } from './images.js';
import { secret, SecretList, type Concurrency, type Workflow } from './workflow.js';

export const CI_WORKFLOW = '.github/workflows/ci.yml';
export const deployWorkflowPath = (environment: string): string => `.github/workflows/deploy-${environment}.yml`;

export interface DeployPlan {
  environment: Environment;
  jobs: DeployJob[];
  secrets: SecretList;
  /** Setup notes per platform, for the header. */
  notes: string[];
  /** The services its jobs deploy, in declaration order. */
  services: string[];
  /** The images its jobs point a platform at, as written in them. */
  images: string[];
}

/**
 * The services of the environment each target deploys (where the targets place them), as jobs;
 * reports what no job deploys.
 * @param selected the services this target selects in the environment (its plan: its own `services`
 * filter); each platform target's placement narrows them further
 */
export function planDeploy(model: DeploymentModel, placements: readonly Placement[], environment: string, selected: readonly string[], stackFile: string, images: readonly Image[], ciSecrets: ReadonlyMap<string, string>, report: Report): DeployPlan | undefined {
  const view = model.environment(environment);
  if (!view) return undefined;
  const env = view.environment;
  const covering = model.stack.targets
    .filter((config) => config.environments.includes(environment))
    .map((config) => {
      const placement = placements.find((p) => p.target === config.name && p.environment === environment);
      const placed = (placement?.services ?? []).filter((p) => selected.includes(p.name));
      return { config, placement, placed, deployed: placed.map((p) => view.service(p.name) ?? view.job(p.name)!) };
    });
  // Deployable: a target that says how (a deploy unit) places a service here, and whose platform's
  // Git integration does not deploy it instead. Compose and plugins do not say how.
  const byPlatform = (name: string): boolean => GIT_DEPLOYING_TARGETS.includes(name) && deployedBy(model.stack, name) === 'platform';
  const deployable = covering.some((c) => !byPlatform(c.config.name) && ((c.placement?.deploy && c.deployed.length > 0) || c.placed.some((p) => p.deploy)));
  if (!isTriggered(env)) {
    if (deployable) {
      report({
        severity: 'info',
        code: 'github-actions/no-trigger',
        message: `environment \`${environment}\` has neither \`branch\` nor \`tags\`, so no workflow deploys it`,
        path: env.path,
        hint: 'set `branch: <branch>` or `tags: "v*"` to deploy it on push',
      });
    }
    return undefined;
  }
  if (!deployable) {
    report({ severity: 'info', code: 'github-actions/nothing-to-deploy', message: `environment \`${environment}\` has a trigger, but no platform target deploys a service there, so it has no deploy workflow`, path: env.path });
    return undefined;
  }

  const secrets = new SecretList();
  for (const [name, about] of ciSecrets) secrets.use(name, about);
  const ctx: DeployContext = { model, view, stackFile, images, secrets };
  const jobs: DeployJob[] = [];
  const notes: string[] = [];
  for (const { config, placement, placed, deployed } of covering) {
    // Its platform's Git integration deploys it (`targets.<name>.deployed_by`): a job would deploy twice.
    if (deployed.length && byPlatform(config.name)) {
      notes.push(`${PLATFORM_TITLES[config.name]}: ${list(deployed)} ${deployed.length === 1 ? 'is' : 'are'} deployed by ${PLATFORM_TITLES[config.name]}'s own Git integration (targets.${config.name}.deployed_by: platform), not by this workflow.`);
      continue;
    }
    switch (config.name) {
      case 'kubernetes': {
        const unit = placement?.deploy;
        if (deployed.length && unit?.kind === 'kustomize') {
          jobs.push(kubernetesJob(ctx, unit, deployed));
          notes.push(`Kubernetes: create the Secret \`${unit.secret}\` in the cluster first (${unit.overlay}/kustomization.yaml lists its keys).`);
        }
        break;
      }
      case 'fly': {
        const files: string[] = [];
        const fromCi: string[] = [];
        const fromSource: string[] = [];
        for (const p of placed) {
          if (p.deploy?.kind !== 'fly') continue;
          const service = view.service(p.name)!;
          jobs.push(flyJob(ctx, p.deploy, service));
          files.push(p.deploy.config);
          if (ciImageOf(images, service)) fromCi.push(`\`${service.name}\` (${p.deploy.app})`);
          else if (service.build) fromSource.push(`\`${service.name}\``);
        }
        if (files.length) notes.push(`Fly.io: create the apps of ${files.join(', ')} and set their secrets (each file's header has the commands); each job then scales its app to the file header's Machine count.`);
        if (fromCi.length) {
          notes.push(
            `  ${fromCi.join(', ')}: deploy the image CI built and tested, by its digest. Fly pulls only public images and its own registry, so the job first copies the image into registry.fly.io/<app> (same digest) with the app's deploy token (FLY_API_TOKEN, which may push there); CI's registry can stay private (the job logs in to it as CI does).`,
          );
        }
        if (fromSource.length) notes.push(`  ${fromSource.join(', ')}: built by Fly from source (CI builds the image name with another environment's build settings), so what runs is not CI's image.`);
        break;
      }
      case 'railway':
        for (const p of placed) if (p.deploy?.kind === 'railway') jobs.push(railwayJob(ctx, view.service(p.name) ?? view.job(p.name)!, p.deploy));
        if (deployed.length) notes.push(`Railway: the project needs an environment \`${environment}\` with services ${list(deployed)}, set up as their railway.<env>.env files say (Root Directory, config file, variables).`);
        if (deployed.some((s) => s.build)) notes.push(`  Railway builds ${list(deployed.filter((s) => s.build))} from the source railway up uploads, not from CI's image: Railway's CLI cannot point a service at a new image tag.`);
        break;
      case 'vercel':
        for (const p of placed) if (p.deploy?.kind === 'vercel') jobs.push(vercelJob(ctx, p.deploy, view.service(p.name)!));
        if (deployed.length) notes.push(`Vercel: one project per site; deploy/vercel/<site>.md lists its settings and variables (${list(deployed)}).`);
        break;
      case 'compose':
        report({
          severity: 'info',
          code: 'github-actions/compose-not-deployed',
          message: `the compose target covers environment \`${environment}\`, but Compose files run on a machine of your own (\`docker compose up\`), so its deploy workflow does not deploy them`,
          path: config.path,
          hint: 'deploy with a platform target (kubernetes, fly, railway, vercel), or run the Compose file on the server yourself',
        });
        break;
      case 'github-actions':
        break;
      default:
        report({ severity: 'info', code: 'github-actions/unknown-target', message: `the deploy workflow of \`${environment}\` has no step for target \`${config.name}\`; deploy its files yourself`, path: config.path });
    }
  }
  const deploys = new Set(jobs.flatMap((j) => j.services));
  const services = view.services.filter((s) => deploys.has(s.name)).map((s) => s.name);
  return { environment: env, jobs, secrets, notes, services, images: [...new Set(jobs.flatMap((j) => j.images ?? []))] };
}

/**
 * A job that deploys to one app, service or namespace every ref of the environment shares (Fly,
 * Railway, Kubernetes, Vercel Production) queues in a group of the environment: deploys from two
 * refs never race on it, and none is cancelled half-way. A Vercel Preview gets a deployment per
 * ref, so it keeps only the workflow's per-ref group.
 */
export const sharedDeployConcurrency = (environment: string, job: string): Concurrency => ({ group: `deploy-${environment}-${job}`, 'cancel-in-progress': false });

/** Registry credentials (read by CI, in no GitHub environment) as repository secrets; the deploy jobs' as secrets of their environment. */
function secretLines(all: SecretList, ciSecrets: SecretList, environment: string): string[] {
  const repository = new SecretList();
  const own = new SecretList();
  for (const [name, about] of all.all) (ciSecrets.all.has(name) ? repository : own).use(name, about);
  return [
    ...(repository.names.length ? [...repository.lines('repository secrets, Settings → Secrets and variables → Actions → Repository secrets: CI logs in to the registry in no GitHub environment, so it cannot read environment secrets'), ''] : []),
    ...own.lines(`Settings → Environments → ${environment} → Environment secrets; the deploy jobs run in that environment, so they stay per environment`),
  ];
}

const PLATFORM_TITLES: Readonly<Record<string, string>> = { vercel: 'Vercel', railway: 'Railway' };

/** A branch or tag filter that matches more than one name (GitHub's filter pattern characters). */
const isPattern = (filter: string | undefined): filter is string => filter !== undefined && /[*?+[\]!]/.test(filter);

/**
 * GitHub's deployment branch and tag rules match a ref's name, not who pushed it, and a push runs
 * the workflow file of the pushed commit: anyone who can create a ref the pattern matches can run a
 * changed copy of this workflow with the environment's secrets (docs.github.com/en/actions/
 * reference/workflows-and-actions/deployments-and-environments#deployment-branches-and-tags). The
 * header says so, and what keeps an account-wide token out of such an environment.
 */
function patternTokenLines(env: Environment, jobs: readonly DeployJob[]): string[] {
  const patterns = [env.branch, env.tags].filter(isPattern);
  if (!patterns.length) return [];
  const refs = patterns.map((p) => `\`${p}\``).join(' or ');
  const has = (prefix: string) => jobs.some((j) => j.id.startsWith(prefix));
  const sites = jobs.filter((j) => j.id.startsWith('vercel-')).length;
  const scoped = [
    has('kubernetes') ? 'a kubeconfig of its namespace only' : '',
    has('fly-') ? 'a Fly deploy token of its apps (`fly tokens create deploy`, not an org token)' : '',
    has('railway-') ? 'a Railway project token of its environment' : '',
    // vercel.com/docs/accounts/access-tokens: a token's scope is the account, a team or one project.
    sites ? `a Vercel token scoped to ${sites === 1 ? 'the site\'s project' : 'a team that holds only these projects'} (Account Settings → Tokens → Scope), not the whole account` : '',
  ].filter(Boolean);
  return [
    `Anyone who can push a ref matching ${refs} can run a changed copy of this workflow with the secrets of \`${env.name}\` (deployment rules match names, not who pushed):`,
    `  limit who may create such refs (a ruleset with "Restrict creations") or add required reviewers, and give \`${env.name}\` only tokens scoped to it:`,
    `  ${scoped.join('; ')}.`,
  ];
}

const list = (services: readonly DeployedService[]): string => services.map((s) => `\`${s.name}\``).join(', ');

/**
 * @param ciPermissions what ci.yml's jobs need beyond `contents: read` (GHCR's `packages: write`, an
 * OIDC login's `id-token: write`): a called workflow gets at most what the calling job grants
 * @param ciSecrets the registry credentials ci.yml reads: its jobs run in no GitHub environment,
 * so these are repository secrets, whatever workflow calls it
 */
export function deployWorkflow(plan: DeployPlan, ciPermissions: Readonly<Record<string, 'write'>>, ciSecrets: SecretList): { workflow: Workflow; notes: string[] } {
  const env = plan.environment;
  const on: Record<string, string[]> = {};
  if (env.branch) on.branches = [env.branch];
  if (env.tags) on.tags = [env.tags];
  const trigger = [env.branch ? `a push to branch \`${env.branch}\`` : '', env.tags ? `a tag matching \`${env.tags}\`` : ''].filter(Boolean).join(' or ');
  const notes = [
    `Deploys ${env.name} on ${trigger}, after CI (${CI_WORKFLOW}, called as the first job) passes.`,
    `The deploy jobs run in the GitHub environment \`${env.name}\` (Settings → Environments): limit its deployment branches and tags to the trigger above.`,
    // workflow_dispatch runs on the ref the user picks; the environment's deployment branches and
    // tags still decide whether its jobs may run there (docs.github.com/en/actions/reference/
    // workflows-and-actions/deployments-and-environments#deployment-branches-and-tags).
    `Redeploy by hand: Actions → Deploy ${env.name} → Run workflow, on a branch or tag the environment allows (a rollback: the tag to go back to).`,
    ...patternTokenLines(env, plan.jobs),
    ...(env.approval ? [`\`${env.name}\` needs approval (\`approval: true\`): add required reviewers to the environment; a workflow file cannot name them.`] : []),
    '',
    ...secretLines(plan.secrets, ciSecrets, env.name),
    '',
    ...plan.notes,
  ];
  const workflow: Workflow = {
    name: `Deploy ${env.name}`,
    on: { push: on, workflow_dispatch: {} },
    permissions: { contents: 'read' },
    // One run per environment and ref at a time: a newer push of the ref waits rather than cancel a
    // deploy half-way, and pushes of other refs (a `feature/*` branch's) neither wait nor drop it.
    concurrency: { group: `deploy-${env.name}-\${{ github.ref }}`, 'cancel-in-progress': false },
    jobs: {
      // The deploy's ref is a deploy ref: its CI pushes the images the jobs below deploy. Exactly the
      // secrets ci.yml's workflow_call declares, not `secrets: inherit` (every secret of the repository).
      ci: { name: 'CI', uses: `./${CI_WORKFLOW}`, with: { [PUSH_IMAGES_INPUT]: true }, ...(ciSecrets.names.length ? { secrets: Object.fromEntries(ciSecrets.names.map((name) => [name, secret(name)])) } : {}), permissions: { contents: 'read', ...ciPermissions } },
      ...Object.fromEntries(plan.jobs.map((j) => [j.id, j.perRef ? j.job : { ...j.job, concurrency: sharedDeployConcurrency(env.name, j.id) }])),
    },
  };
  return { workflow, notes };
}
