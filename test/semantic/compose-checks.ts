// What `docker compose up` would do with each generated Compose file, checked against the
// deployment model: built services are built (not pulled), every dependency — named in depends_on or
// reached through a reference — is waited for with the condition that makes it ready, healthchecks
// use tools the image has, and no backing service's data volume is shared with another container.
// The image facts here are the harness's own small table, on purpose not the code under test's.
import { parse } from 'yaml';
import type { DeployedEnvironment, DeploymentModel } from '../../src/deploy/model.js';
import { runStage, stageChain } from '../../src/dockerfile/dockerfile.js';
import type { DockerfileReader } from '../../src/dockerfile/reader.js';
import type { Artifact } from '../../src/emit/target.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

interface Tools {
  shell: boolean;
  curl: boolean;
  wget: boolean;
}

/**
 * Bases known to lack tools (an unknown base is given the benefit of the doubt). Distroless and
 * Chainguard images have no shell; Debian/Ubuntu slim bases and the language images built on them
 * ship neither curl nor wget; Alpine has BusyBox wget but no curl.
 */
function toolsOf(image: string): Tools | undefined {
  const name = image.toLowerCase();
  if (/^(gcr\.io\/distroless\/|cgr\.dev\/chainguard\/)/.test(name) && !name.includes('-dev') && !name.includes(':debug')) return { shell: false, curl: false, wget: false };
  if (/alpine/.test(name)) return { shell: true, curl: false, wget: true };
  if (/^(docker\.io\/)?(library\/)?(python|node|ruby|debian|php|openjdk|eclipse-temurin|golang)[:@].*slim/.test(name)) return { shell: true, curl: false, wget: false };
  if (/^(docker\.io\/)?(library\/)?ubuntu[:@]/.test(name)) return { shell: true, curl: false, wget: false };
  return undefined;
}

/** The base image the service's container runs on: its pulled image, or the run stage's root FROM. */
function baseImage(service: Any, dockerfile: DockerfileReader): string | undefined {
  if (!service.build) return service.image;
  const file = dockerfile(service);
  if (!file) return undefined;
  const stage = runStage(file, service.build.target);
  return stage ? stageChain(file, stage)[0]!.image : undefined;
}

/**
 * Whether Docker can report the container healthy: the file writes a healthcheck, or the image has
 * its own HEALTHCHECK (a backing service always has one). `service_healthy` on a container with
 * neither fails `docker compose up`.
 */
const canBeHealthy = (compose: Any, model: Any): boolean =>
  (compose.healthcheck !== undefined && !compose.healthcheck.disable) || model === undefined || model.imageHealthcheck?.kind === 'command';

const CONDITION = { healthy: 'service_healthy', started: 'service_started', completed: 'service_completed_successfully' } as const;

/**
 * A one-shot Compose service: it is meant to exit (restart "no") and serves nothing. The model's
 * `oneShot` decides for the stack's services (a probe makes a service long-running); this reading of
 * the file covers the jobs stackc adds (`<service>-release`).
 */
const isOneShot = (s: Any): boolean => s !== undefined && (s.restart === 'no' || s.restart === false) && !s.ports?.length;

function fileProblems(file: Artifact, environment: DeployedEnvironment, dockerfile: DockerfileReader): string[] {
  const problems: string[] = [];
  const doc = parse(file.content) as Any;
  const services: Record<string, Any> = doc?.services ?? {};
  const say = (service: string, what: string) => problems.push(`${file.path}: ${service}: ${what}`);

  for (const model of environment.services) {
    const s = services[model.name];
    if (!s) continue;
    if (model.build && s.build) {
      // Development builds from the working tree; other environments run the image CI pushed.
      const builds = environment.role === 'development';
      if (builds && s.pull_policy !== 'build') say(model.name, `is built here, but pull_policy is ${s.pull_policy ?? 'unset'}: \`docker compose up\` pulls ${s.image ?? 'the image'} instead of building it`);
      if (!builds && !['build', 'missing'].includes(s.pull_policy)) say(model.name, `pull_policy is ${s.pull_policy ?? 'unset'}: Compose may pull a stale :latest or build by accident`);
      if (!builds && s.pull_policy === 'missing' && !String(s.image ?? '').includes(':?') && !model.imageRef?.tag && !model.imageRef?.digest) say(model.name, 'pulls a registry image without a tag or a required tag variable (`${TAG:?…}`): it runs whatever :latest is');
    }
    const waiters = [model.name, `${model.name}-release`].filter((n) => services[n] && (n === model.name || isOneShot(services[n])));
    for (const need of model.needs) {
      const dependency = services[need.name];
      if (!dependency) continue; // not run by Compose here (external, static)
      const wanted = (environment.service(need.name)?.oneShot ?? isOneShot(dependency)) ? CONDITION.completed : !canBeHealthy(dependency, environment.service(need.name)) ? CONDITION.started : CONDITION[need.readiness as keyof typeof CONDITION] ?? CONDITION.started;
      for (const waiter of waiters) {
        const entry = services[waiter].depends_on?.[need.name];
        if (!entry) say(waiter, `needs ${need.name} (${need.via}) but has no depends_on for it: it can start before ${need.name} is ready`);
        else if (entry.condition !== wanted) say(waiter, `waits for ${need.name} with ${entry.condition ?? 'service_started'}, not ${wanted}`);
      }
    }
  }

  for (const [name, s] of Object.entries(services)) {
    const test = s.healthcheck?.test;
    if (!Array.isArray(test) || test[0] === 'NONE' || s.healthcheck?.disable) continue;
    const model = environment.service(name);
    // A `command` probe is the author's own, written as given; what stackc chooses is http and tcp.
    if (model?.healthcheck?.probe?.kind === 'command') continue;
    const base = model ? baseImage(model, dockerfile) : s.image;
    const tools = base ? toolsOf(base) : undefined;
    if (!tools) continue;
    const command = test.slice(1).join(' ');
    if (test[0] === 'CMD-SHELL' && !tools.shell) say(name, `healthcheck needs a shell, which ${base} does not have: the container is never healthy`);
    const usesCurl = /\bcurl\b/.test(command);
    const usesWget = /\bwget\b/.test(command);
    const runnable = (usesCurl && tools.curl) || (usesWget && tools.wget) || (!usesCurl && !usesWget);
    if (!runnable) say(name, `healthcheck runs ${[usesCurl && 'curl', usesWget && 'wget'].filter(Boolean).join(' or ')}, which ${base} does not have: the container is never healthy`);
  }

  const resourceNames = new Set(environment.resources.map((r) => r.name));
  const mounts = new Map<string, string[]>();
  for (const [name, s] of Object.entries(services)) {
    for (const v of s.volumes ?? []) {
      const source = typeof v === 'string' ? (v.includes(':') ? v.split(':')[0] : undefined) : v.type === 'volume' ? v.source : undefined;
      if (source && !source.startsWith('.') && !source.startsWith('/')) mounts.set(source, [...(mounts.get(source) ?? []), name]);
    }
  }
  for (const [volume, users] of mounts) {
    const owners = users.filter((u) => resourceNames.has(u));
    if (owners.length && users.length > 1) problems.push(`${file.path}: volume ${volume} holds ${owners.join(', ')}'s data and is also mounted by ${users.filter((u) => !owners.includes(u)).join(', ')}`);
  }
  return problems;
}

/** Problems `docker compose up` would meet with the build's Compose files. */
export function composeSemanticProblems(artifacts: readonly Artifact[], model: DeploymentModel, dockerfile: DockerfileReader): string[] {
  return artifacts
    .filter((a) => a.target === 'compose' && /\.ya?ml$/.test(a.path) && a.environment)
    .flatMap((a) => {
      const environment = model.environment(a.environment!);
      return environment ? fileProblems(a, environment, dockerfile) : [];
    });
}
