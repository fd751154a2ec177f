// Image builds: one job per image a service builds (`build`), with Buildx and the GitHub Actions
// cache. Pull requests build without pushing (the Dockerfile is checked, nothing is published);
// the runs of deploy refs push, tagged with the full commit SHA (what the deploy jobs pull), the
// branch, and the version of a `v1.2.3` tag.
import { posix } from 'node:path';
import type { DeploymentModel } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { Build, Registry } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { registryOf } from '../../src/vocabulary/image-reference.js';
import { isEcr, isGoogleRegistry } from '../../src/vocabulary/registry-hosts.js';
import { fromOutputRoot } from '../../src/emit/paths.js';
import { ACTIONS, RUNNER } from './actions.js';
import type { GithubActionsOptions } from './options.js';
import { registrySecretPrefix } from './secret-names.js';
import { checkout, SecretList, type Job, type Step } from './workflow.js';

export interface Image {
  /** Job id: `image-<first service>`. */
  job: string;
  /** Repository without tag, as pushed: `ghcr.io/acme/api`, or with `${{ github.repository_owner }}`. */
  repository: string;
  /** Whether the repository name is written with the `${{ github.repository_owner }}` expression. */
  ownerExpression: boolean;
  /** Registry host the job logs in to. */
  registry: string;
  build: Build;
  /** Services that run this image, in declaration order. */
  services: string[];
}

const OWNER = '${{ github.repository_owner }}';

/** The input of ci.yml (`workflow_call`) by which a deploy workflow turns pushing the images on. */
export const PUSH_IMAGES_INPUT = 'push-images';

/**
 * When a run of ci.yml pushes its images: a deploy workflow's call (`push-images: true`), and
 * ci.yml's own push runs, which happen only for refs images are deployed from (the default branch,
 * environments' refs that no deploy workflow covers: ci.ts). A pull request builds and pushes
 * nothing. Outside a call `inputs` is empty, so the input reads as false.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#inputs-context
 */
export const PUSHES = `inputs.${PUSH_IMAGES_INPUT} || github.event_name == 'push'`;

/**
 * The images CI builds for the services the target selects, deduplicated by repository: services
 * that build the same thing under one name share a job. `environments` decide the build settings
 * (the ones the deploy workflows deploy; the last one wins when they differ).
 */
export function plannedImages(model: DeploymentModel, plan: TargetPlan, environments: readonly string[], options: GithubActionsOptions, report: Report): Image[] {
  const stack = model.stack;
  const images: Image[] = [];
  const differs = (a: Build, b: Build) => JSON.stringify(a) !== JSON.stringify(b);
  for (const environment of environments) {
    for (const service of plan.selected(environment)) {
      if (!service.build) continue;
      // The name the stack gives the image, else one under the registry option and the repository owner.
      const own = service.imageRef;
      const repository = own ? own.name : `${options.registry}/${OWNER}/${stack.name}-${service.name}`;
      const existing = images.find((i) => i.repository === repository);
      if (!existing) {
        if (!own) {
          report({
            severity: 'info',
            code: 'github-actions/image-name',
            message: `\`${service.name}\` has no \`image\`, so CI pushes its build as \`${options.registry}/<repository owner>/${stack.name}-${service.name}\``,
            path: service.origins.build ?? service.path,
            hint: 'set `image:` to choose the name',
          });
        }
        images.push({ job: `image-${service.name}`, repository, ownerExpression: !own, registry: own ? own.registry : registryOf(repository), build: service.build, services: [service.name] });
        continue;
      }
      if (!existing.services.includes(service.name)) existing.services.push(service.name);
      if (existing.services[0] === service.name) {
        if (differs(existing.build, service.build)) {
          report({
            severity: 'warning',
            code: 'github-actions/build-differs',
            message: `\`${service.name}\` builds differently in environment \`${environment}\`; CI builds one image per name, with \`${environment}\`'s build settings`,
            path: service.origins.build ?? service.path,
            hint: 'keep `build` the same in the environments the workflows deploy, or give them different `image` names',
          });
        }
        existing.build = service.build;
      } else if (differs(existing.build, service.build)) {
        report({
          severity: 'warning',
          code: 'github-actions/image-conflict',
          message: `\`${service.name}\` and \`${existing.services[0]}\` build different things under the image name \`${repository}\`; CI pushes \`${existing.services[0]}\`'s build, which \`${service.name}\` would then run`,
          path: service.origins.image ?? service.path,
          hint: 'give each build its own `image` name',
        });
      }
    }
  }
  return images;
}

/** How an image job signs in to its registry: the steps before the build, and the token permissions they need. */
export interface RegistryLogin {
  steps: Step[];
  permissions: Record<string, 'write'>;
}

/**
 * How CI signs in to a registry: keyless where `registries:` says how (an IAM role for ECR, workload
 * identity for Google's registries, both through GitHub's OIDC token), GitHub's token for GHCR,
 * else repository secrets named after the host (CI's jobs run in no GitHub environment, so
 * environment secrets would not reach them). Only runs that push sign in (PUSHES): a pull request,
 * a fork's included, gets neither secrets nor an OIDC token.
 */
export function registryLogin(registry: string, secrets: SecretList, registries: readonly Registry[]): RegistryLogin {
  const login = registries.find((r) => r.host.toLowerCase() === registry.toLowerCase())?.login;
  if (login && login.kind !== 'credentials') return keylessLogin(registry, login);
  const { username, password, packagesWrite } = login ? namedLogin(registry, login, secrets) : secretLogin(registry, secrets);
  return {
    steps: [{ name: `Log in to ${registry}`, if: PUSHES, uses: ACTIONS.login, with: { registry, username, password } }],
    permissions: packagesWrite ? { packages: 'write' } : {},
  };
}

/**
 * The logins docker/login-action documents for OIDC: aws-actions/configure-aws-credentials assumes
 * the role and docker/login-action asks ECR for a login with those credentials; for Google,
 * google-github-actions/auth exchanges the token for a service account's access token, the
 * password of the user `oauth2accesstoken`. Both need `id-token: write` to request the OIDC token.
 * https://github.com/docker/login-action#aws-elastic-container-registry-ecr
 * https://github.com/docker/login-action#google-artifact-registry-gar
 * https://docs.github.com/en/actions/reference/security/oidc
 */
function keylessLogin(registry: string, login: Exclude<Registry['login'], { kind: 'credentials' }>): RegistryLogin {
  const permissions = { 'id-token': 'write' } as const;
  if (login.kind === 'aws') {
    return {
      steps: [
        { name: 'Configure AWS credentials (OIDC)', if: PUSHES, uses: ACTIONS.configureAwsCredentials, with: { 'role-to-assume': login.role, 'aws-region': login.region } },
        { name: `Log in to ${registry}`, if: PUSHES, uses: ACTIONS.login, with: { registry } },
      ],
      permissions,
    };
  }
  return {
    steps: [
      {
        name: 'Authenticate to Google Cloud (workload identity)',
        id: 'gcp-auth',
        if: PUSHES,
        uses: ACTIONS.googleAuth,
        with: { token_format: 'access_token', workload_identity_provider: login.workloadIdentityProvider, service_account: login.serviceAccount },
      },
      { name: `Log in to ${registry}`, if: PUSHES, uses: ACTIONS.login, with: { registry, username: 'oauth2accesstoken', password: '${{ steps.gcp-auth.outputs.access_token }}' } },
    ],
    permissions,
  };
}

/**
 * The two secrets `registries.<host>.credentials` names: the same names the other targets read, so
 * one pair of values serves CI's login and every platform's pull. Repository secrets, as CI's jobs
 * run in no GitHub environment; a GHCR login with them does not need `packages: write` (the token is
 * not the workflow's).
 */
function namedLogin(registry: string, login: Extract<Registry['login'], { kind: 'credentials' }>, secrets: SecretList): { username: string; password: string; packagesWrite: boolean } {
  return { ...useCredentialSecrets(secrets, registry, login), packagesWrite: false };
}

/**
 * The `${{ secrets.X }}` of the two secrets `registries.<host>.credentials` names, recorded with
 * what they hold: one wording for CI's login and the deploy jobs' (the pull Secrets, Fly's pull).
 */
export function useCredentialSecrets(secrets: SecretList, host: string, names: { username: string; password: string }): { username: string; password: string } {
  return {
    username: secrets.use(names.username, `user name for ${host} (registries.${host}.credentials)`),
    password: secrets.use(names.password, `password or token for ${host} (registries.${host}.credentials)`),
  };
}

/** Credentials stored as secrets: GitHub's token for GHCR, Docker Hub's names, else names after the host. */
function secretLogin(registry: string, secrets: SecretList): { username: string; password: string; packagesWrite: boolean } {
  if (registry === 'ghcr.io') return { username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}', packagesWrite: true };
  if (registry === 'docker.io') {
    return { username: secrets.use('DOCKERHUB_USERNAME', 'Docker Hub user that pushes the images'), password: secrets.use('DOCKERHUB_TOKEN', 'Docker Hub access token with write access'), packagesWrite: false };
  }
  const prefix = registrySecretPrefix(registry);
  // Without `registries:`, docker/login-action logs in to ECR with an IAM user's access key, and to
  // Google's registries with a service account's JSON key: https://github.com/docker/login-action#usage
  if (isEcr(registry)) {
    return {
      username: secrets.use(`${prefix}_USERNAME`, `AWS access key ID of an IAM user allowed to push to ${registry} (docker/login-action exchanges it for an ECR login)`),
      password: secrets.use(`${prefix}_PASSWORD`, `secret access key of the IAM user whose key ID is ${prefix}_USERNAME`),
      packagesWrite: false,
    };
  }
  if (isGoogleRegistry(registry)) {
    return { username: '_json_key', password: secrets.use(`${prefix}_PASSWORD`, `JSON key of a Google service account allowed to push to ${registry} (Artifact Registry Writer)`), packagesWrite: false };
  }
  return { username: secrets.use(`${prefix}_USERNAME`, `user that pushes to ${registry}`), password: secrets.use(`${prefix}_PASSWORD`, `password or token for ${registry}`), packagesWrite: false };
}

export { isEcr, isGoogleRegistry };

/**
 * ci.yml's `workflow_call` output with the digest build-push-action reports for an image (the
 * digest of what it pushed): a deploy job reads it as `needs.ci.outputs.<name>` and deploys
 * exactly that image, never a tag a later push may move.
 * https://github.com/docker/build-push-action#outputs
 * https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows#using-outputs-from-a-reusable-workflow
 */
export const digestOutput = (image: Image): string => `${image.job}-digest`;

/** The step id of the build, whose `digest` output the image job passes on. */
const BUILD_STEP = 'build';

/** ci.yml's `workflow_call` outputs: each image job's digest. */
export const imageOutputs = (images: readonly Image[]): Record<string, { description: string; value: string }> =>
  Object.fromEntries(images.map((i) => [digestOutput(i), { description: `Digest of the image ${i.job} pushed (${i.services.join(', ')})`, value: `\${{ jobs.${i.job}.outputs.digest }}` }]));

export function imageJob(image: Image, stackFile: string, secrets: SecretList, registries: readonly Registry[]): Job {
  const login = registryLogin(image.registry, secrets, registries);
  const context = fromOutputRoot(image.build.context, stackFile) ?? image.build.context;
  const dockerfile = posix.join(context, image.build.dockerfile);
  const args = Object.entries(image.build.args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const scope = image.services[0]!;
  const buildSecrets = image.build.secrets ?? [];
  return {
    name: `Image ${image.services.join(', ')}`,
    permissions: { contents: 'read', ...login.permissions },
    'runs-on': RUNNER,
    outputs: { digest: `\${{ steps.${BUILD_STEP}.outputs.digest }}` },
    'timeout-minutes': 30,
    steps: [
      checkout(),
      ...(emulated(image.build.platforms) ? [{ name: 'Set up QEMU (other platforms than the runner\'s)', uses: ACTIONS.setupQemu }] : []),
      { name: 'Set up Docker Buildx', uses: ACTIONS.setupBuildx },
      ...login.steps,
      {
        name: 'Image tags and labels',
        id: 'meta',
        uses: ACTIONS.metadata,
        with: {
          images: image.repository,
          tags: ['type=sha,format=long', 'type=ref,event=branch', 'type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}'].join('\n'),
        },
      },
      {
        name: 'Build and push',
        id: BUILD_STEP,
        uses: ACTIONS.buildPush,
        // Build secrets pass through the step's environment (secret-envs), so no value is parsed
        // as part of a CSV list; repository secrets, as CI's jobs run in no GitHub environment.
        ...(buildSecrets.length
          ? { env: Object.fromEntries([...buildSecrets].sort().map((name) => [name, secrets.use(name, `BuildKit secret the image builds mount (RUN --mount=type=secret,id=${name})`)])) }
          : {}),
        with: {
          context,
          file: dockerfile,
          ...(image.build.target ? { target: image.build.target } : {}),
          ...(args.length ? { 'build-args': args.map(([k, v]) => `${k}=${v}`).join('\n') } : {}),
          ...(buildSecrets.length ? { 'secret-envs': [...buildSecrets].sort().map((name) => `${name}=${name}`).join('\n') } : {}),
          ...(image.build.platforms ? { platforms: image.build.platforms.join(',') } : {}),
          push: `\${{ ${PUSHES} }}`,
          tags: '${{ steps.meta.outputs.tags }}',
          labels: '${{ steps.meta.outputs.labels }}',
          'cache-from': `type=gha,scope=${scope}`,
          'cache-to': `type=gha,mode=max,scope=${scope}`,
        },
      },
    ],
  };
}

/**
 * Whether a build needs QEMU: GitHub's hosted runner is linux/amd64, and Buildx builds any other
 * platform by emulation (docker/setup-qemu-action registers it).
 * https://docs.docker.com/build/ci/github-actions/multi-platform/
 */
const emulated = (platforms: readonly string[] | undefined): boolean => (platforms ?? []).some((p) => p !== 'linux/amd64');
