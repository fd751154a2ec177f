// Deploy jobs, one per platform and service, each with its platform's own tool: kubectl (one job
// for the environment's overlay), flyctl, the Railway CLI and the Vercel CLI. Credentials come
// only from `${{ secrets.X }}`, passed to the step that needs them through `env:`; every other
// value in a script is the stack's own text or a variable GitHub sets (`$GITHUB_SHA`).
import { posix } from 'node:path';
import { registryCredentials } from '../../src/deploy/registry-credentials.js';
import type { DeployedEnvironment, DeployedService, DeploymentModel } from '../../src/deploy/model.js';
import { contextPaths } from '../../src/emit/paths.js';
import type { DeployUnit, JobRun, ReleaseUnit, ScheduledMachine } from '../../src/emit/placement.js';
import { envPrefix } from '../../src/model/dns-label.js';
import { shellQuote } from '../../src/emit/text.js';
import { ACTIONS, CLIS, RUNNER, TOOLS_NODE } from './actions.js';
import { digestOutput, registryLogin, useCredentialSecrets, type Image } from './images.js';
import { checkout, runWord, SecretList, type Job, type Step } from './workflow.js';
import { plural } from '../../src/vocabulary/plural.js';

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

/** Writes the environment's kubeconfig secret to a file only the runner's user reads, for the kubectl steps after it. */
export function clusterAccessStep(secrets: SecretList, environment: string): Step {
  const kubeconfig = secrets.use('KUBECONFIG', `kubeconfig of the cluster (its full text; for \`${environment}\`: an environment secret)`);
  return {
    name: 'Configure cluster access',
    env: { KUBECONFIG_DATA: kubeconfig },
    run: ['umask 077', 'printf \'%s\\n\' "$KUBECONFIG_DATA" > "$RUNNER_TEMP/kubeconfig"', 'echo "KUBECONFIG=$RUNNER_TEMP/kubeconfig" >> "$GITHUB_ENV"'].join('\n'),
  };
}

/**
 * A shell function `finished <job>`: whether the Job completes. `kubectl wait` takes one condition,
 * so a wait for Complete and one for Failed run side by side and whichever returns first decides
 * (a failed Job fails at once, not at the timeout).
 */
export const jobFinishedFunction = (namespace: string, timeout: string): string[] => [
  '# Whether the Job completes: whichever of Complete and Failed comes first ends both waits (bash 5.1: wait -p).',
  'finished() {',
  '  local complete failed ended status',
  `  kubectl -n ${namespace} wait --for=condition=complete "job/$1" --timeout=${timeout} & complete=$!`,
  `  kubectl -n ${namespace} wait --for=condition=failed "job/$1" --timeout=${timeout} >/dev/null & failed=$!`,
  '  wait -n -p ended "$complete" "$failed"; status=$?',
  '  # The wait for Failed ended without it (an error): the wait for Complete decides.',
  '  if [ "$ended" = "$failed" ] && [ "$status" -ne 0 ]; then wait "$complete"; status=$?; ended=$complete; fi',
  '  kill "$complete" "$failed" 2>/dev/null',
  '  [ "$ended" = "$complete" ] && return "$status"',
  '  return 1',
  '}',
];

export function kubernetesJob(ctx: DeployContext, unit: Extract<DeployUnit, { kind: 'kustomize' }>, services: readonly DeployedService[]): DeployJob {
  const dir = unit.overlay;
  const env = ctx.view.name;
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
  const steps: Step[] = [clusterAccessStep(ctx.secrets, env)];
  const release = releaseOf(unit, services);
  if (pushed.length) {
    steps.push({
      name: 'Use the images of this commit',
      'working-directory': dir,
      run: [...(unique.some((u) => u.image.ownerExpression) ? ['OWNER="${GITHUB_REPOSITORY_OWNER,,}"'] : []), ...imagesEntry(pushed, 'kustomization.yaml'), ...(release ? imagesEntry(pushed, `${posix.relative(dir, release.dir)}/kustomization.yaml`) : [])].join('\n'),
    });
  }
  // A one-shot's Job cannot take a new image (its pod template is immutable): the runs of a Job
  // whose image this deploy replaces are deleted first, and the apply starts it again.
  const rerun = unit.jobs.filter((j) => services.some((s) => s.name === j.service) && pushed.some((p) => p.from === unit.images.find((i) => i.service === j.service)?.name));
  if (rerun.length) {
    steps.push({ name: 'Delete the earlier runs of the one-shot Jobs', run: rerun.map((j) => `kubectl -n ${unit.namespace} delete job -l ${shellQuote(j.selector)} --ignore-not-found`).join('\n') });
  }
  if (unit.pullSecrets.length) steps.push(pullSecretsStep(ctx, unit));
  if (release) steps.push(...releaseSteps(unit, release));
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
  // Post-deploy jobs run once the rollout is done, once per deployed commit (a re-run of this
  // deploy runs them again): a Job from the suspended CronJob, named after the commit, waited for
  // so that a failed one fails the deploy.
  const after = unit.postDeploy ?? [];
  if (after.length) {
    steps.push({
      name: 'Run the post-deploy jobs',
      run: [
        'SHA="${GITHUB_SHA::10}"',
        ...after.flatMap(({ job, timeout }) => [
          `kubectl -n ${unit.namespace} delete job "${job}-$SHA" --ignore-not-found`,
          `kubectl -n ${unit.namespace} create job --from=cronjob/${job} "${job}-$SHA"`,
          `kubectl -n ${unit.namespace} wait --for=condition=complete --timeout=${timeout ?? '30m'} "job/${job}-$SHA"`,
        ]),
      ].join('\n'),
    });
  }
  return { id: 'kubernetes', job: deployJob(ctx, `Kubernetes: ${services.map((s) => s.name).join(', ') || env}`, services, steps), services: services.map((s) => s.name), images: pushed.map((p) => p.to) };
}

/**
 * Creates or updates the pull Secrets made from the secrets `registries.<host>.credentials` names
 * (the ones CI's login reads), before the apply starts pods that name them: a rotated token ships
 * with the next deploy. The namespace may not exist before the first apply, so it is created when
 * missing (the apply then adopts it). https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
 */
function pullSecretsStep(ctx: DeployContext, unit: Extract<DeployUnit, { kind: 'kustomize' }>): Step {
  const env: Record<string, string> = {};
  for (const s of unit.pullSecrets) {
    const used = useCredentialSecrets(ctx.secrets, s.server, s);
    env[s.username] = used.username;
    env[s.password] = used.password;
  }
  const ns = unit.namespace;
  return {
    name: 'Create the pull Secrets',
    env,
    run: [
      `kubectl get namespace ${ns} >/dev/null 2>&1 || kubectl create namespace ${ns}`,
      ...unit.pullSecrets.map((s) => `kubectl -n ${ns} create secret docker-registry ${s.name} --docker-server=${s.server} --docker-username="$${s.username}" --docker-password="$${s.password}" --dry-run=client -o yaml | kubectl apply -f -`),
    ].join('\n'),
  };
}

/**
 * Appends the overlay's `images:` (kustomize's image transformer) to its kustomization.yaml, which
 * stackc writes without one: `kubectl apply -k` reads it, so the deploy needs neither the
 * standalone kustomize CLI (`kustomize edit set image`) nor a second rollout (`kubectl set image`
 * after apply). Values are double-quoted for YAML (an image name of digits would read as a number)
 * and expanded by the shell (`${OWNER}`, `${GITHUB_SHA}`); image names hold no `"`, `$` or `\`.
 */
function imagesEntry(pushed: readonly { from: string; repository: string }[], file: string): string[] {
  return [
    `cat >> ${file} <<EOF`,
    'images:',
    ...pushed.flatMap(({ from, repository }) => [`  - name: "${from}"`, ...(repository === from ? [] : [`    newName: "${repository}"`]), '    newTag: "sha-${GITHUB_SHA}"']),
    'EOF',
  ];
}

/** The releases of the services this job deploys, when any has one. */
function releaseOf(unit: Extract<DeployUnit, { kind: 'kustomize' }>, services: readonly DeployedService[]): ReleaseUnit | undefined {
  const jobs = unit.release?.jobs.filter((j) => services.some((s) => s.name === j.service)) ?? [];
  return unit.release && jobs.length ? { ...unit.release, jobs } : undefined;
}

/**
 * `release` once per deploy, before any workload rolls out (targets/kubernetes/release.ts): what
 * the releases need, then each as the Job `<service>-release-<short sha>`, then a wait that ends at
 * `Complete` or at `Failed`, whichever comes first. `kubectl wait` takes one condition, so two run
 * side by side and the first to return decides; a failure (or the timeout) prints the Job's
 * output and fails the step, so the overlay is never applied and the old pods keep serving. A re-run of the workflow
 * deletes the commit's earlier Job first: each run of the deploy runs the release once.
 */
function releaseSteps(unit: Extract<DeployUnit, { kind: 'kustomize' }>, release: ReleaseUnit): Step[] {
  const ns = unit.namespace;
  const job = (j: { job: string }) => `${j.job}-\${GITHUB_SHA::7}`;
  return [
    {
      name: 'Apply what the releases need',
      run: [`kubectl apply -k ${unit.overlay} -l ${shellQuote(release.needs)}`, ...release.statefulSets.map((s) => `kubectl -n ${ns} rollout status statefulset/${s} --timeout=${release.timeout}`)].join('\n'),
    },
    {
      name: `Run the release${release.jobs.length > 1 ? 's' : ''} of ${release.jobs.map((j) => j.service).join(', ')}`,
      run: [
        ...jobFinishedFunction(ns, release.timeout),
        ...release.jobs.map((j) => `kubectl -n ${ns} delete job "${job(j)}" --ignore-not-found`),
        '# Each commit\'s release is a Job of its own: <service>-release-<short sha>.',
        `printf 'nameSuffix: "-%s"\\n' "\${GITHUB_SHA::7}" >> ${release.dir}/kustomization.yaml`,
        `kubectl apply -k ${release.dir}`,
        ...release.jobs.flatMap((j) => [
          `if ! finished "${job(j)}"; then`,
          `  kubectl -n ${ns} logs "job/${job(j)}" --all-containers --tail=200 || true`,
          `  echo "::error::the release of ${j.service} did not complete (job/${job(j)}): nothing was rolled out"`,
          '  exit 1',
          'fi',
        ]),
      ].join('\n'),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Fly.io: the image CI built and tested, by digest, else the fly target's config built by Fly's
// remote builders; then the Machine count the fly target's header gives

/** Fly's own registry, which every app has and its deploy token may push to: https://fly.io/docs/flyctl/auth-docker/ */
const FLY_REGISTRY = 'registry.fly.io';

/**
 * The image CI builds for the service with this environment's build settings. None when CI builds
 * the name with another environment's settings (build args differ: github-actions/build-differs),
 * or the service builds nothing: Fly then builds it, or pulls `[build] image`, as fly.toml says.
 */
export function ciImageOf(images: readonly Image[], service: DeployedService): Image | undefined {
  if (!service.build) return undefined;
  const own = service.imageRef?.name;
  return images.find((i) => i.services.includes(service.name) && (own ? i.repository === own : i.ownerExpression) && JSON.stringify(i.build) === JSON.stringify(service.build));
}

/** The repository as a shell word: the owner part lower-cased (registries refuse upper case), as metadata-action pushed it. */
const shellRepository = (image: Image): { lines: string[]; repository: string } =>
  image.ownerExpression
    ? { lines: ['OWNER="${GITHUB_REPOSITORY_OWNER,,}"'], repository: image.repository.replace('${{ github.repository_owner }}', '${OWNER}') }
    : { lines: [], repository: image.repository };

export function flyJob(ctx: DeployContext, unit: Extract<DeployUnit, { kind: 'fly' }>, service: DeployedService): DeployJob {
  const file = unit.config;
  const token = ctx.secrets.use('FLY_API_TOKEN', 'Fly.io deploy token (`fly tokens create deploy -a <app>`, or an org token for several apps); it also pushes to the app\'s registry, registry.fly.io/<app>');
  const privateIps = unit.private ? ' --no-public-ips' : '';
  const image = ciImageOf(ctx.images, service);
  const steps: Step[] = [{ name: 'Set up flyctl', uses: ACTIONS.setupFlyctl }];
  let permissions: Job['permissions'];
  let images: string[] | undefined;
  if (image) {
    // Fly pulls public images and its own registry only (its API resolves --image remotely, with no
    // credentials for another registry), and GHCR packages start private: the job copies the image
    // CI pushed into the app's registry. One source that is an index (build-push-action's, with its
    // attestations) is a carbon copy, and --prefer-index=false keeps a lone manifest one, so the
    // digest is the same and the deploy names it: the tested bytes, or no deploy at all.
    // https://docs.docker.com/reference/cli/docker/buildx/imagetools/create/
    const login = registryLogin(image.registry, ctx.secrets, ctx.model.stack.registries);
    // The copy only reads CI's registry: GHCR's `packages: write` becomes read; an OIDC token stays.
    const { packages, ...others } = login.permissions;
    if (packages || Object.keys(others).length) permissions = { contents: 'read', ...(packages ? { packages: 'read' as const } : {}), ...others };
    const digest = `\${{ needs.ci.outputs.${digestOutput(image)} }}`;
    const { lines, repository } = shellRepository(image);
    const target = `${FLY_REGISTRY}/${unit.app}`;
    steps.push(
      { name: 'Set up Docker Buildx', uses: ACTIONS.setupBuildx },
      // CI's own login steps, without their pull-request guard: a deploy job never runs for one.
      ...login.steps.map(({ if: _pushing, ...step }) => step),
      {
        name: `Copy the image CI built to ${target}`,
        env: { FLY_API_TOKEN: token, DIGEST: digest },
        run: [
          ': "${DIGEST:?CI reported no digest for the image of ' + service.name + '}"',
          ...lines,
          'flyctl auth docker',
          `docker buildx imagetools create --prefer-index=false --tag "${target}:sha-$GITHUB_SHA" "${repository}@$DIGEST"`,
        ].join('\n'),
      },
      { name: `Deploy ${service.name}`, env: { FLY_API_TOKEN: token, DIGEST: digest }, run: `flyctl deploy --config ${shellQuote(file)} --image "${target}@$DIGEST"${privateIps}` },
    );
    images = [`${target}@$DIGEST`];
  } else if (service.build) {
    // As the fly target's own header says: in the build context when the file is there (flyctl's
    // build context, working directory and config directory then agree), else absolute paths.
    const { fromRoot, toContext } = contextPaths(file, service.build.context, ctx.stackFile);
    // Fly's builder gets the build secrets from --build-secret, each read from the step's
    // environment (never the command line's text): https://fly.io/docs/apps/build-secrets/
    const secretNames = [...(service.build.secrets ?? [])].sort();
    const env = { FLY_API_TOKEN: token, ...Object.fromEntries(secretNames.map((name) => [name, ctx.secrets.use(name, `build secret of ${service.name} (RUN --mount=type=secret,id=${name}), for Fly's builder`)])) };
    const flags = secretNames.map((name) => ` --build-secret ${name}="$${name}"`).join('');
    steps.push(toContext === '.'
      ? { name: `Deploy ${service.name}`, env, 'working-directory': fromRoot, run: `flyctl deploy --config ${shellQuote(posix.basename(file))} --remote-only${flags}${privateIps}` }
      : { name: `Deploy ${service.name}`, env, run: `flyctl deploy "$GITHUB_WORKSPACE/${fromRoot}" --config "$GITHUB_WORKSPACE/${file}" --remote-only${flags}${privateIps}` });
  } else {
    // A private image (registries.<host>.credentials): Fly's API cannot pull it, so the job pulls it
    // with those secrets and flyctl pushes the local copy to registry.fly.io (it looks in the
    // local Docker daemon first).
    const credentials = registryCredentials(ctx.model.stack.registries, service.imageRef?.registry);
    if (credentials && service.image) {
      steps.push(
        {
          name: `Log in to ${credentials.host}`,
          uses: ACTIONS.login,
          with: { registry: credentials.host, ...useCredentialSecrets(ctx.secrets, credentials.host, credentials) },
        },
        { name: `Pull the image of ${service.name}`, run: `docker pull ${shellQuote(service.image)}` },
        { name: `Deploy ${service.name}`, env: { FLY_API_TOKEN: token }, run: `flyctl deploy --config ${shellQuote(file)} --local-only${privateIps}` },
      );
    } else {
      steps.push({ name: `Deploy ${service.name}`, env: { FLY_API_TOKEN: token }, run: `flyctl deploy --config ${shellQuote(file)}${privateIps}` });
    }
  }
  // fly deploy keeps the Machines it finds (one on an app's first deploy): the count is set here,
  // the model's replicas (autoscale: its min without a port, its max with one, which the proxy
  // stops and starts), so a changed count ships with the commit. https://fly.io/docs/flyctl/scale-count/
  steps.push({ name: `Run ${plural(unit.count, 'Machine')} of ${service.name}`, env: { FLY_API_TOKEN: token }, run: `flyctl scale count ${unit.count} --process-group app --app ${unit.app} --yes` });
  // The crontab's group runs on one Machine, so no scheduled job runs twice.
  if (unit.cron) steps.push({ name: `Run 1 Machine of ${service.name}'s crontab`, env: { FLY_API_TOKEN: token }, run: `flyctl scale count 1 --process-group cron --app ${unit.app} --yes` });
  // Post-deploy jobs once the new Machines run, each in a Machine made from one of them; a failed one fails the deploy.
  for (const run of unit.postDeploy ?? []) steps.push({ name: `Run the post-deploy job ${run.job}`, env: { FLY_API_TOKEN: token }, run: flyRunScript(run, run.timeout ? durationMs(run.timeout) : DEFAULT_JOB_WAIT_MS) });
  // Scheduled Machines (`targets.fly.scheduler: machines`): made again from a new Machine of the app, so each runs the new image.
  if (unit.scheduledMachines) steps.push({ name: 'Remove the scheduled Machines of jobs no longer in stack.yaml', env: { FLY_API_TOKEN: token }, run: flyUnscheduleScript(unit.app, unit.scheduledMachines.map((m) => m.job)) });
  for (const machine of unit.scheduledMachines ?? []) steps.push({ name: `Schedule ${machine.job} (a scheduled Machine, ${machine.interval})`, env: { FLY_API_TOKEN: token }, run: flyScheduleScript(machine) });
  const job = deployJob(ctx, `Fly.io: ${service.name}`, [service], steps);
  return {
    id: `fly-${service.name}`,
    services: [service.name],
    job: permissions ? { ...job, permissions } : job,
    ...(images ? { images } : {}),
  };
}

/** How long a job without a `timeout` is waited for. */
export const DEFAULT_JOB_WAIT_MS = 30 * 60_000;

/** `30m`, `2h`, `90s` as milliseconds (the forms `timeout:` takes). */
export function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(n) * units[unit!]!;
  return total;
}

// A job's Machine on Fly (manual, post-deploy, scheduled) is made through the Machines API
// (https://fly.io/docs/machines/api/machines-resource/) from one of the app's `app` Machines as the
// last deploy left it (image, [env], files, size), in its region, never from a standby: with the
// job's command and variables, without services, checks, volumes or standbys, and without Fly
// Launch's metadata, so `fly deploy` and `fly scale` leave it alone. One copy for every kind of job.

/** `$API` and `api` (curl, failing on an HTTP error, retried) for an app's Machines, in a script that fails when a pipe does. */
const machinesApi = (app: string): string[] => [
  'set -o pipefail',
  `API="https://api.machines.dev/v1/apps/${app}/machines"`,
  'api() { curl -fsS --retry 3 -H "Authorization: Bearer $FLY_API_TOKEN" -H \'Content-Type: application/json\' "$@"; }',
];

/** jq over the app's Machines: the one a job's Machine is copied from. */
const APP_MACHINE = 'map(select(.config.metadata.fly_process_group == "app" and ((.config.standbys // []) | length == 0))) | first // error("no Machine of the app group")';

/**
 * Sets `$config`, the job Machine's configuration copied from `$copy` (APP_MACHINE), with the
 * job's command (under `timeout` in place of the image's ENTRYPOINT, as supercronic runs it, when
 * `timeoutSeconds` is given), variables and restart policy; `more` adds to it (jq).
 */
function jobConfigLine(run: Extract<JobRun, { kind: 'fly' }>, restart: Record<string, unknown>, timeoutSeconds: number | undefined, more: { args: string; filter: string } = { args: '', filter: '' }): string {
  const filter = [
    '.config | del(.services, .checks, .mounts, .standbys) | .init.cmd = $cmd',
    ...(timeoutSeconds ? ['| .init.entrypoint = ["timeout", $seconds]'] : []),
    '| .env = (((.env // {}) + $set) | delpaths(($unset + ["FLY_STANDBY_FOR", "FLY_PROCESS_GROUP"]) | map([.])))',
    '| .restart = $restart | .metadata = ((.metadata // {}) | with_entries(select(.key | startswith("fly_") | not)))',
    more.filter,
  ].filter(Boolean).join(' ');
  const args = [
    `--argjson cmd ${runWord(JSON.stringify(run.command))}`,
    ...(timeoutSeconds ? [`--arg seconds ${timeoutSeconds}`] : []),
    `--argjson set ${runWord(JSON.stringify(Object.fromEntries(run.set)))}`,
    `--argjson unset ${runWord(JSON.stringify(run.unset))}`,
    `--argjson restart ${runWord(JSON.stringify(restart))}`,
    more.args,
  ].filter(Boolean).join(' ');
  return `config="$(jq -c ${args} ${shellQuote(filter)} <<<"$copy")"`;
}

/** Sets `$body`, the create or update request of a job's Machine: `$config` in `$copy`'s region. */
const bodyLine = (skipLaunch: boolean): string =>
  `body="$(jq -n --argjson config "$config" --arg region "$(jq -r .region <<<"$copy")" '{config: $config, region: $region${skipLaunch ? ', skip_launch: true' : ''}}')"`;

/**
 * Runs a job once in a Machine of its own, never restarted; waited for until it stops (within
 * `waitMs`), its output printed, then destroyed; the job's exit code decides the step.
 */
export function flyRunScript(run: Extract<JobRun, { kind: 'fly' }>, waitMs: number): string {
  return [
    ...machinesApi(run.app),
    `copy="$(api "$API" | jq -c ${shellQuote(APP_MACHINE)})" || { echo "::error::no Machine of ${run.app} to copy: deploy the app first"; exit 1; }`,
    jobConfigLine(run, { policy: 'no' }, undefined),
    bodyLine(false),
    'created="$(api -X POST "$API" -d "$body")"',
    'id="$(jq -r .id <<<"$created")"; instance="$(jq -r .instance_id <<<"$created")"',
    `deadline=$((SECONDS + ${Math.ceil(waitMs / 1000)}))`,
    'until api "$API/$id/wait?instance_id=$instance&state=stopped&timeout=60" >/dev/null 2>&1; do',
    '  if [ "$SECONDS" -ge "$deadline" ]; then api -X POST "$API/$id/stop" >/dev/null || true; break; fi',
    'done',
    'code="$(api "$API/$id" | jq -r \'first(.events[] | select(.type == "exit") | .request.exit_event.exit_code) // "none"\')"',
    `flyctl logs --app ${run.app} -i "$id" --no-tail || true`,
    'api -X DELETE "$API/$id?force=true" >/dev/null || true',
    `if [ "$code" != 0 ]; then echo "::error::${run.job} did not complete (Machine $id, exit code $code)"; exit 1; fi`,
  ].join('\n');
}

/**
 * Creates or updates the scheduled Machine of a job (`targets.fly.scheduler: machines`), with
 * `schedule` set: found again by its `stackc_job` metadata, never started by the step
 * (`skip_launch`; Fly starts it in each interval), and left alone, with a warning, while it runs a
 * job (an update would restart it). A failed run is restarted up to `retries` times.
 */
export function flyScheduleScript(machine: ScheduledMachine): string {
  const job = shellQuote(machine.job);
  const restart = machine.retries > 0 ? { policy: 'on-failure', max_retries: machine.retries } : { policy: 'no' };
  const timeout = machine.timeout ? Math.ceil(durationMs(machine.timeout) / 1000) : undefined;
  return [
    ...machinesApi(machine.app),
    'machines="$(api "$API")"',
    `copy="$(jq -c ${shellQuote(APP_MACHINE)} <<<"$machines")" || { echo "::error::no Machine of ${machine.app} to copy"; exit 1; }`,
    jobConfigLine(machine, restart, timeout, { args: `--arg schedule ${machine.interval} --arg job ${job}`, filter: '| .schedule = $schedule | .metadata.stackc_job = $job' }),
    bodyLine(true),
    `read -r id state < <(jq -r --arg job ${job} 'first(.[] | select(.config.metadata.stackc_job == $job) | "\\(.id) \\(.state)") // ""' <<<"$machines")`,
    'if [ -z "${id:-}" ]; then',
    '  created="$(api -X POST "$API" -d "$body")"; id="$(jq -r .id <<<"$created")"',
    'elif [ "$state" = started ]; then',
    `  echo "::warning::${machine.job}: its scheduled Machine $id is running a job; it keeps its image until the next deploy"; exit 0`,
    'else',
    '  api -X POST "$API/$id" -d "$body" >/dev/null',
    'fi',
    `echo "${machine.job}: scheduled Machine $id of ${machine.app}, ${machine.interval}"`,
  ].join('\n');
}

/** Destroys the app's scheduled Machines (`stackc_job` metadata, flyScheduleScript) whose job is not in `keep`. */
export function flyUnscheduleScript(app: string, keep: readonly string[]): string {
  return [
    ...machinesApi(app),
    `gone="$(api "$API" | jq -r --argjson keep ${runWord(JSON.stringify(keep))} '.[] | select(.config.metadata.stackc_job != null and (.config.metadata.stackc_job | IN($keep[]) | not)) | "\\(.id) \\(.config.metadata.stackc_job)"')"`,
    'while read -r id job; do',
    '  [ -n "$id" ] || continue',
    '  api -X DELETE "$API/$id?force=true" >/dev/null',
    `  echo "removed the scheduled Machine $id of ${app}: $job is no longer a scheduled job of stack.yaml"`,
    'done <<<"$gone"',
  ].join('\n');
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
  const variables = railwayVariablesStep(service.name, target, unit, token);
  return {
    id: `railway-${service.name}`,
    services: [service.name],
    job: deployJob(ctx, `Railway: ${service.name}`, [service], [
      { name: `Set up Node.js ${TOOLS_NODE}`, uses: ACTIONS.setupNode, with: { 'node-version': TOOLS_NODE } },
      { name: 'Install the Railway CLI', run: `npm install --global ${CLIS.railway}` },
      ...(variables ? [variables] : []),
      { name: `Deploy ${service.name}`, env: { RAILWAY_TOKEN: token }, run: deploy },
    ]),
  };
}

/**
 * Sets the variables whose values stack.yaml holds before the deploy, so new code never runs with
 * old values (`--skip-deploys`: setting them must not redeploy the running code first), then fails
 * when a variable set by hand (a secret) is missing. `railway variable list --json` prints values,
 * so jq reads it in the pipe and prints only the missing names. Variables removed from stack.yaml
 * are left in Railway (`railway variable delete`).
 */
function railwayVariablesStep(service: string, target: string, unit: Extract<DeployUnit, { kind: 'railway' }>, token: string): Step | undefined {
  if (!unit.variables.length && !unit.secrets.length) return undefined;
  const run: string[] = [];
  if (unit.variables.length) run.push(`railway variable set ${unit.variables.map((v) => runWord(`${v.name}=${v.value}`)).join(' ')} ${target} --skip-deploys`);
  if (unit.secrets.length) {
    run.push(
      `missing="$(railway variable list ${target} --json | jq -r '${JSON.stringify(unit.secrets)} - keys | join(" ")')"`,
      `if [ -n "$missing" ]; then echo "::error::set these variables of ${service} in Railway first (railway.<env>.env lists them): $missing"; exit 1; fi`,
    );
  }
  return { name: `Set the variables of ${service}`, env: { RAILWAY_TOKEN: token }, run: run.join('\n') };
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
  // Set in the project before `vercel pull` fetches them for the build: the values stack.yaml
  // holds, in the Vercel environment (and branch) this deploys to; `--force` replaces an older value.
  const scope = unit.environment === 'preview' && unit.gitBranch ? `preview ${shellQuote(unit.gitBranch)}` : unit.environment;
  const variables: Step[] = unit.variables.length
    ? [{ name: `Set the variables of ${site.name}`, env, run: unit.variables.map((v) => `vercel env add ${v.name} ${scope} --value ${runWord(v.value)} --yes --force`).join('\n') }]
    : [];
  const steps: Step[] = [
    { name: `Set up Node.js ${node}`, uses: ACTIONS.setupNode, with: { 'node-version': node } },
    { name: 'Install the Vercel CLI', run: `npm install --global ${CLIS.vercel}` },
    ...variables,
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
