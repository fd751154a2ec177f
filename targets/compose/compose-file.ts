// One environment's compose file: header (what it is, how to run it, what Compose does not run),
// then `name`, the app services (each followed by its release job), the backing services, the
// named volumes, the configs they mount and the secrets their builds mount.
import { generatedHeader, commentLines } from '../../src/emit/serialize/header.js';
import type { Artifact } from '../../src/emit/target.js';
import { relativePath } from '../../src/emit/paths.js';
import { commentedYaml, type KeyComment } from './comments.js';
import { hasPath } from './merge.js';
import { patchComposeFile } from './patches.js';
import { patchName } from '../../src/emit/patches/patches.js';
import { ImageNames } from './images.js';
import { buildsFromSource } from './pull-policy.js';
import { jobService, JOBS_PROFILE } from './jobs.js';
import { releaseJob } from './release.js';
import { reportExternal, resourceService } from './resource.js';
import type { Scope } from './scope.js';
import { appService, type Emitted } from './service.js';
import { buildSecretsOf } from './build-secrets.js';
import { envPrefix } from '../../src/model/dns-label.js';
import { registryCredentials } from '../../src/deploy/registry-credentials.js';
import { oneLine, shellJoin } from '../../src/emit/text.js';
import { runsOnSchedule, scheduledCommand } from './scheduler-choice.js';

export function composeFile(scope: Scope): Artifact {
  const images = new ImageNames();
  const emitted: Emitted[] = [];
  for (const service of scope.services) {
    const { service: main, release } = appService(service, scope, images);
    emitted.push(main);
    if (release) emitted.push(releaseJob(service, release, main));
  }
  for (const job of scope.jobs) emitted.push(jobService(job, scope, images));
  for (const resource of scope.resources) emitted.push(resourceService(resource, scope));
  for (const resource of scope.environment.resources) if (resource.external) reportExternal(resource, scope);
  for (const moved of scope.ports.moved) scope.report(moved);
  for (const site of scope.staticSites) {
    scope.report({
      severity: 'info',
      code: 'compose/static-service',
      message: `\`${site.name}\` is a static site: Compose does not run it`,
      path: site.path,
      hint: 'build and serve it with its framework locally, or deploy it with a static host target (vercel)',
    });
  }

  const buildSecrets = buildSecretsOf(scope);
  reportUnreadableVariables(scope);
  const generated = {
    name: scope.project,
    services: new Map(emitted.map((e) => [e.name, e.definition])),
    ...(scope.volumes.size ? { volumes: new Map([...scope.volumes].sort().map((v) => [v, {}])) } : {}),
    ...(scope.configs.size ? { configs: new Map(scope.configs) } : {}),
    ...(buildSecrets.size ? { secrets: buildSecrets } : {}),
  };
  const { document, applied } = patchComposeFile(generated, scope.patches, scope.environment.name, scope.files.compose, scope.report);
  const comments: KeyComment[] = emitted
    .flatMap((e) => [
      { path: ['services', e.name], lines: e.comments },
      ...[...e.keyComments].map(([key, lines]) => ({ path: ['services', e.name, key], lines })),
    ])
    .filter((c) => !applied.length || hasPath(document, c.path)); // a patch may remove what a comment is about
  const patched = applied.length ? ['', `Patched by stack.yaml: ${applied.map(patchName).join(', ')} (merged by the Compose merge rules).`] : [];
  return {
    path: scope.files.compose,
    target: 'compose',
    environment: scope.environment.name,
    facts: {
      services: [...scope.services, ...scope.jobs].map((s) => s.name),
      images: [...new Set(emitted.flatMap((e) => (typeof e.definition.image === 'string' ? [e.definition.image] : [])))],
      secrets: scope.vars.secrets(),
    },
    content: `${generatedHeader(scope.stackFile)}${commentLines(['', ...usage(scope), ...notRun(scope), ...patched])}\n${commentedYaml(document, comments)}`,
    ...(applied.length ? { patchedBy: applied.map((p) => p.path) } : {}),
  };
}

/**
 * Compose reads `${NAME}` only for names starting with a letter or `_`; variables named after a
 * resource or service called `1db` cannot be read, and a file using them would not load.
 */
function reportUnreadableVariables(scope: Scope): void {
  for (const v of scope.vars.list()) {
    if (/^[A-Za-z_]/.test(v.name)) continue;
    const owner = [...scope.environment.resources, ...scope.environment.services].find((o) => v.name.startsWith(`${envPrefix(o.name)}_`));
    scope.report({
      severity: 'error',
      code: 'compose/variable-name',
      message: `Compose cannot read the variable ${v.name}: variable names start with a letter or \`_\``,
      ...(owner ? { path: owner.path } : {}),
      hint: owner ? `rename \`${owner.name}\` so that it starts with a letter` : 'rename what it is named after so that it starts with a letter',
    });
  }
}

/**
 * How to start this environment. `--build` only where the file builds what it runs: elsewhere it
 * would rebuild the images it is meant to pull (what must be built there has `pull_policy: build`).
 */
function usage(scope: Scope): string[] {
  const { files, environment } = scope;
  const needsEnv = scope.vars.list().length > 0;
  const flags = files.isDefault ? '' : ` -f ${files.compose}${needsEnv ? ` --env-file ${files.envFile}` : ''}`;
  const build = buildsFromSource(environment) && scope.services.some((s) => s.build) ? ' --build' : '';
  return [
    `Environment \`${environment.name}\`${files.isDefault ? ' (the default)' : ''}. Start it with:`,
    ...(needsEnv ? [`  cp ${files.example} ${files.envFile}   # then fill in the values; keep ${files.envFile} out of git`] : []),
    ...registryLogins(scope),
    `  docker compose${flags} up${build} -d`,
    ...jobsUsage(scope, flags),
  ];
}

/** How the jobs run: by hand (profile `jobs`), on their schedule (a scheduler), or after `up` (post-deploy). */
function jobsUsage(scope: Scope, flags: string): string[] {
  const onSchedule = scope.jobs.filter((j) => runsOnSchedule(j, scope.scheduler));
  const byHand = scope.jobs.filter((j) => j.trigger !== 'post-deploy' && !onSchedule.includes(j));
  const afterUp = scope.jobs.filter((j) => j.trigger === 'post-deploy');
  const scheduled = byHand.filter((j) => j.trigger === 'schedule');
  return [
    ...(byHand.length ? ['', `Jobs (profile ${JOBS_PROFILE}, which up does not start); run one with:`, ...byHand.map((j) => `  docker compose${flags} run --rm ${j.name}`)] : []),
    ...(scheduled.length ? [`Compose has no scheduler: nothing runs ${scheduled.map((j) => j.name).join(', ')} on ${scheduled.length > 1 ? 'their schedules' : 'its schedule'}.`] : []),
    ...(onSchedule.length
      ? [
          '',
          'Scheduled jobs: up starts a service for each, whose supercronic runs it on its schedule',
          '(the image must have supercronic and /bin/sh); run one now with:',
          ...onSchedule.map((j) => `  ${oneLine(`docker compose${flags} exec ${j.name} ${shellJoin(scheduledCommand(j))}`)}`),
        ]
      : []),
    ...(afterUp.length ? ['', `After the services are ready, up runs ${afterUp.map((j) => j.name).join(', ')} once (post-deploy).`] : []),
  ];
}

/**
 * `docker login` for each registry with `registries.<host>.credentials` that this file pulls an
 * image from, reading the secrets it names (the same names CI and the platforms read): Compose has
 * no credentials of its own and pulls with the Docker client's login.
 */
function registryLogins(scope: Scope): string[] {
  const pulls = !buildsFromSource(scope.environment);
  const hosts = [...new Set(scope.services.filter((s) => s.imageRef && (!s.build || pulls)).map((s) => s.imageRef!.registry))];
  return hosts.flatMap((host) => {
    const c = registryCredentials(scope.plan.stack.registries, host);
    return c ? [`  echo "$${c.password}" | docker login ${c.host} -u "$${c.username}" --password-stdin   # once: the images on ${c.host} are private`] : [];
  });
}

/** Services of the stack this file does not run, so a reader does not look for them. */
function notRun(scope: Scope): string[] {
  if (!scope.staticSites.length) return [];
  return [
    '',
    'Not run by Compose (static sites):',
    ...scope.staticSites.map((s) => {
      const site = s.static;
      const parts = [site?.framework, `in ${relativePath(site?.root ?? '.', scope.stackFile)}`, site?.build ? `built with \`${site.build}\`` : undefined];
      return `  ${s.name}: ${oneLine(parts.filter(Boolean).join(' '))}`;
    }),
  ];
}
