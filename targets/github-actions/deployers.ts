// Deploy jobs, one per platform and service, each with its platform's own tool: kubectl (one job
// for the environment's overlay), flyctl, the Railway CLI and the Vercel CLI. Credentials come
// only from `${{ secrets.X }}`, passed to the step that needs them through `env:`; every other
// value in a script is the stack's own text or a variable GitHub sets (`$GITHUB_SHA`).
import { posix } from 'node:path';
import type { DeployedEnvironment, DeployedService, DeploymentModel } from '../../src/deploy/model.js';
import { contextPaths } from '../../src/emit/paths.js';
import type { DeployUnit } from '../../src/emit/placement.js';
import { envPrefix } from '../../src/model/dns-label.js';
import { shellQuote } from '../../src/emit/text.js';
import { ACTIONS, CLIS, RUNNER, TOOLS_NODE } from './actions.js';
import type { Image } from './images.js';
import { checkout, SecretList, type Job, type Step } from './workflow.js';

export interface DeployContext {
  model: DeploymentModel;
  view: DeployedEnvironment;
  stackFile: string;
  images: readonly Image[];
  secrets: SecretList;
}

export interface DeployJob {
  id: string;
  job: Job;
  /** The services it deploys. */
  services: string[];
  /** Images it points the platform at, as written in the job (the ones CI pushed). */
  images?: string[];
  /** Whether its target keeps a deployment per ref (a Vercel Preview), rather than one every ref of the environment replaces. */
  perRef?: boolean;
}

/** The GitHub environment of a deploy job, with the address of what it deploys when the world can reach it. */
function environmentOf(ctx: DeployContext, services: readonly DeployedService[]): Job['environment'] {
  const name = ctx.view.name;
  const host = services.flatMap((s) => s.endpoints).find((e) => e.routable)?.host;
  return host ? { name, url: `https://${host}` } : { name };
}

// No job-level `env`: a credential goes on the step that needs it, never on the setup steps before.
const deployJob = (ctx: DeployContext, name: string, services: readonly DeployedService[], steps: Step[]): Job => ({
  name,
  needs: ['ci'],
  'runs-on': RUNNER,
  environment: environmentOf(ctx, services),
  'timeout-minutes': 30,
  steps: [checkout(), ...steps],
});

// ---------------------------------------------------------------------------------------------
// Kubernetes: the overlay, with the images CI just pushed

export function kubernetesJob(ctx: DeployContext, unit: Extract<DeployUnit, { kind: 'kustomize' }>, services: readonly DeployedService[]): DeployJob {
  const dir = unit.overlay;
  const env = ctx.view.name;
  const kubeconfig = ctx.secrets.use('KUBECONFIG', `kubeconfig of the cluster (its full text; for \`${env}\`: an environment secret)`);
  // The images CI built, under the names the overlay's manifests use for them.
  const built = services.flatMap((s) => {
    const image = ctx.images.find((i) => i.services.includes(s.name));
    const name = unit.images.find((i) => i.service === s.name)?.name;
    return image && name ? [{ image, from: name }] : [];
  });
  const unique = built.filter((b, i) => built.findIndex((x) => x.from === b.from) === i);
  // An image named after the repository owner is lower-cased: registries refuse upper case.
  const pushed = unique.map(({ image, from }) => {
    const repository = image.ownerExpression ? image.repository.replace('${{ github.repository_owner }}', '${OWNER}') : image.repository;
    return { from, repository, to: `${repository}:sha-$GITHUB_SHA` };
  });
  const steps: Step[] = [
    {
      name: 'Configure cluster access',
      env: { KUBECONFIG_DATA: kubeconfig },
      run: ['umask 077', 'printf \'%s\\n\' "$KUBECONFIG_DATA" > "$RUNNER_TEMP/kubeconfig"', 'echo "KUBECONFIG=$RUNNER_TEMP/kubeconfig" >> "$GITHUB_ENV"'].join('\n'),
    },
  ];
  if (pushed.length) {
    steps.push({
      name: 'Use the images of this commit',
      'working-directory': dir,
      run: [...(unique.some((u) => u.image.ownerExpression) ? ['OWNER="${GITHUB_REPOSITORY_OWNER,,}"'] : []), ...imagesEntry(pushed)].join('\n'),
    });
  }
  // A one-shot's Job cannot take a new image (its pod template is immutable): the runs of a Job
  // whose image this deploy replaces are deleted first, and the apply starts it again.
  const rerun = unit.jobs.filter((j) => services.some((s) => s.name === j.service) && pushed.some((p) => p.from === unit.images.find((i) => i.service === j.service)?.name));
  if (rerun.length) {
    steps.push({ name: 'Delete the earlier runs of the one-shot Jobs', run: rerun.map((j) => `kubectl -n ${unit.namespace} delete job -l ${shellQuote(j.selector)} --ignore-not-found`).join('\n') });
  }
  steps.push({ name: `Deploy ${env}`, run: `kubectl apply -k ${dir}` });
  const jobs = unit.jobs.filter((j) => services.some((s) => s.name === j.service));
  const rollouts = services.filter((s) => unit.rollouts.includes(s.name));
  if (jobs.length || rollouts.length) {
    steps.push({
      name: 'Wait for the rollout',
      run: [
        ...jobs.map((j) => `kubectl -n ${unit.namespace} wait --for=condition=complete job -l ${shellQuote(j.selector)} --timeout=10m`),
        ...rollouts.map((s) => `kubectl -n ${unit.namespace} rollout status deployment/${s.name} --timeout=10m`),
      ].join('\n'),
    });
  }
  return { id: 'kubernetes', job: deployJob(ctx, `Kubernetes: ${services.map((s) => s.name).join(', ') || env}`, services, steps), services: services.map((s) => s.name), images: pushed.map((p) => p.to) };
}

/**
 * Appends the overlay's `images:` (kustomize's image transformer) to its kustomization.yaml, which
 * stackc writes without one: `kubectl apply -k` reads it, so the deploy needs neither the
 * standalone kustomize CLI (`kustomize edit set image`) nor a second rollout (`kubectl set image`
 * after apply). Values are double-quoted for YAML (an image name of digits would read as a number)
 * and expanded by the shell (`${OWNER}`, `${GITHUB_SHA}`); image names hold no `"`, `$` or `\`.
 */
function imagesEntry(pushed: readonly { from: string; repository: string }[]): string[] {
  return [
    'cat >> kustomization.yaml <<EOF',
    'images:',
    ...pushed.flatMap(({ from, repository }) => [`  - name: "${from}"`, ...(repository === from ? [] : [`    newName: "${repository}"`]), '    newTag: "sha-${GITHUB_SHA}"']),
    'EOF',
  ];
}

// ---------------------------------------------------------------------------------------------
// Fly.io: the fly target's config file, built by Fly's remote builders

export function flyJob(ctx: DeployContext, unit: Extract<DeployUnit, { kind: 'fly' }>, service: DeployedService): DeployJob {
  const file = unit.config;
  const token = ctx.secrets.use('FLY_API_TOKEN', 'Fly.io deploy token (`fly tokens create deploy -a <app>`, or an org token for several apps)');
  // As the fly target's own header says: in the build context when the file is there (flyctl's
  // build context, working directory and config directory then agree), else absolute paths.
  const privateIps = unit.private ? ' --no-public-ips' : '';
  let step: Step;
  if (service.build) {
    const { fromRoot, toContext } = contextPaths(file, service.build.context, ctx.stackFile);
    step = toContext === '.'
      ? { 'working-directory': fromRoot, run: `flyctl deploy --config ${shellQuote(posix.basename(file))} --remote-only${privateIps}` }
      : { run: `flyctl deploy "$GITHUB_WORKSPACE/${fromRoot}" --config "$GITHUB_WORKSPACE/${file}" --remote-only${privateIps}` };
  } else {
    step = { run: `flyctl deploy --config ${shellQuote(file)}${privateIps}` };
  }
  return {
    id: `fly-${service.name}`,
    services: [service.name],
    job: deployJob(ctx, `Fly.io: ${service.name}`, [service], [
      { name: 'Set up flyctl', uses: ACTIONS.setupFlyctl },
      { name: `Deploy ${service.name}`, env: { FLY_API_TOKEN: token }, ...step },
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// Railway: upload the repository to the service of the same name (its Root Directory and config
// file are service settings, as the railway target's variables files explain)

export function railwayJob(ctx: DeployContext, service: DeployedService, unit: Extract<DeployUnit, { kind: 'railway' }>): DeployJob {
  const env = ctx.view.name;
  const token = ctx.secrets.use('RAILWAY_TOKEN', 'Railway project token of the environment (Project Settings → Tokens; for each environment: an environment secret)');
  const target = `--service ${unit.service} --environment ${env}`;
  // A service that only names an image has nothing to upload: Railway pulls the image again.
  const deploy = service.build || service.static ? `railway up ${target} --ci` : `railway redeploy ${target} --from-source --yes`;
  return {
    id: `railway-${service.name}`,
    services: [service.name],
    job: deployJob(ctx, `Railway: ${service.name}`, [service], [
      { name: `Set up Node.js ${TOOLS_NODE}`, uses: ACTIONS.setupNode, with: { 'node-version': TOOLS_NODE } },
      { name: 'Install the Railway CLI', run: `npm install --global ${CLIS.railway}` },
      { name: `Deploy ${service.name}`, env: { RAILWAY_TOKEN: token }, run: deploy },
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// Vercel: build on the runner with the project's settings and variables, deploy the result

/** The project-ID secret of a site: one Vercel project per site. */
export const vercelProjectSecret = (service: string): string => `VERCEL_PROJECT_ID_${envPrefix(service)}`;

export function vercelJob(ctx: DeployContext, unit: Extract<DeployUnit, { kind: 'vercel' }>, site: DeployedService): DeployJob {
  const production = unit.environment === 'production';
  const pull = production ? '--environment=production' : `--environment=preview${unit.gitBranch ? ` --git-branch=${shellQuote(unit.gitBranch)}` : ''}`;
  const prod = production ? ' --prod' : '';
  const domain = unit.domain;
  const alias = !production ? domain : undefined;
  // The site's own Node.js, else the one the stack's CI builds with, so Vercel's build runs on it.
  const node = site.static?.node ?? ctx.model.stack.ci?.runtime.node ?? TOOLS_NODE;
  // The token only on the steps that talk to Vercel, never on the job: the CLI's install (the
  // install scripts of every package in its tree) must not see it, nor `vercel build`, which runs
  // the site's own install and build scripts offline from what `vercel pull` stored
  // (vercel.com/docs/cli/pull: "for offline use of vercel build").
  const project = {
    VERCEL_ORG_ID: ctx.secrets.use('VERCEL_ORG_ID', 'Vercel team or user ID (`orgId` in .vercel/project.json after `vercel link`)'),
    VERCEL_PROJECT_ID: ctx.secrets.use(vercelProjectSecret(site.name), `Vercel project of \`${site.name}\` (\`projectId\` in .vercel/project.json)`),
  };
  const env = { VERCEL_TOKEN: ctx.secrets.use('VERCEL_TOKEN', 'Vercel access token (Account Settings → Tokens)'), ...project };
  const steps: Step[] = [
    { name: `Set up Node.js ${node}`, uses: ACTIONS.setupNode, with: { 'node-version': node } },
    { name: 'Install the Vercel CLI', run: `npm install --global ${CLIS.vercel}` },
    { name: 'Pull the project settings and variables', env, run: `vercel pull --yes ${pull}` },
    { name: `Build ${site.name}`, env: project, run: `vercel build${prod}` },
    alias
      ? { name: `Deploy ${site.name} to ${domain}`, env, run: [`url="$(vercel deploy --prebuilt${prod})"`, `vercel alias set "$url" ${shellQuote(alias)}`].join('\n') }
      : { name: `Deploy ${site.name}`, env, run: `vercel deploy --prebuilt${prod}` },
  ];
  // Every Preview deployment has a URL of its own; Production, or a Preview aliased to the
  // environment's domain, is one address every ref of the environment replaces.
  return { id: `vercel-${site.name}`, job: deployJob(ctx, `Vercel: ${site.name}`, [site], steps), services: [site.name], perRef: !production && !alias };
}
