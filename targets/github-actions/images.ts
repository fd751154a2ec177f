// Image builds: one job per image a service builds (`build`), with Buildx and the GitHub Actions
// cache. Pull requests build without pushing (the Dockerfile is checked, nothing is published);
// the runs of deploy refs push, tagged with the full commit SHA (what the deploy jobs pull), the
// branch, and the version of a `v1.2.3` tag.
import { posix } from 'node:path';
import type { DeploymentModel } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import type { Build } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { registryOf } from '../../src/vocabulary/image-reference.js';
import { fromOutputRoot } from '../../src/emit/paths.js';
import { ACTIONS, RUNNER } from './actions.js';
import type { GithubActionsOptions } from './options.js';
import { registrySecretPrefix } from './secret-names.js';
import { checkout, SecretList, type Job } from './workflow.js';

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

/**
 * Credentials for a registry: GitHub's token for GHCR, repository secrets named after the host for
 * any other (CI's jobs run in no GitHub environment, so environment secrets would not reach them).
 */
export function registryLogin(registry: string, secrets: SecretList): { username: string; password: string; packagesWrite: boolean } {
  if (registry === 'ghcr.io') return { username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}', packagesWrite: true };
  if (registry === 'docker.io') {
    return { username: secrets.use('DOCKERHUB_USERNAME', 'Docker Hub user that pushes the images'), password: secrets.use('DOCKERHUB_TOKEN', 'Docker Hub access token with write access'), packagesWrite: false };
  }
  const prefix = registrySecretPrefix(registry);
  // docker/login-action logs in to ECR with an IAM user's access key, and to Google's registries
  // with a service account's JSON key: https://github.com/docker/login-action#usage
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

/** An Amazon ECR private registry: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`. */
export const isEcr = (host: string): boolean => /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i.test(host);

/** Google Artifact Registry (`<region>-docker.pkg.dev`) or Container Registry (`gcr.io`, `eu.gcr.io`). */
export const isGoogleRegistry = (host: string): boolean => /(^|\.)gcr\.io$|^[a-z0-9-]+-docker\.pkg\.dev$/i.test(host);

export function imageJob(image: Image, stackFile: string, secrets: SecretList): Job {
  const login = registryLogin(image.registry, secrets);
  const context = fromOutputRoot(image.build.context, stackFile) ?? image.build.context;
  const dockerfile = posix.join(context, image.build.dockerfile);
  const args = Object.entries(image.build.args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const scope = image.services[0]!;
  return {
    name: `Image ${image.services.join(', ')}`,
    permissions: { contents: 'read', ...(login.packagesWrite ? { packages: 'write' as const } : {}) },
    'runs-on': RUNNER,
    'timeout-minutes': 30,
    steps: [
      checkout(),
      { name: 'Set up Docker Buildx', uses: ACTIONS.setupBuildx },
      { name: `Log in to ${image.registry}`, if: PUSHES, uses: ACTIONS.login, with: { registry: image.registry, username: login.username, password: login.password } },
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
        uses: ACTIONS.buildPush,
        with: {
          context,
          file: dockerfile,
          ...(image.build.target ? { target: image.build.target } : {}),
          ...(args.length ? { 'build-args': args.map(([k, v]) => `${k}=${v}`).join('\n') } : {}),
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
