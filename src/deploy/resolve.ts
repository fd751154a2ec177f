// Stack → DeploymentModel: each environment's services and resources with the facts every reader
// shares (model.ts). Pure given `dockerfile`, the services' Dockerfiles as the caller can read them
// (dockerfile/reader.ts: from the disk for `build` and `lint`, a commit for `diff --base`; none at
// all is allowed: who a built image runs as is then unknown). Problems found here concern the stack
// whatever the target, so they are reported once, here, rather than once per target.
import { runStage, type Dockerfile } from '../dockerfile/dockerfile.js';
import { noDockerfiles, type DockerfileReader, type ProjectFiles } from '../dockerfile/reader.js';
import type { Problem } from '../diagnostics/problem.js';
import type { Environment, Service, Stack } from '../model/stack.js';
import { references } from '../model/template.js';
import { mainPort, servedPort } from '../model/ports.js';
import { parseImageReference } from '../vocabulary/image-reference.js';
import { endpointsOf, redirectsOf } from './endpoints.js';
import { imageHealthcheck, imageProbeTools } from './image-probes.js';
import { httpPorts } from './http-ports.js';
import { imageUser } from './image-user.js';
import type { DeployedEnvironment, DeployedJob, DeployedResource, DeployedService, DeploymentModel } from './model.js';
import { needsOf, usedResources } from './needs.js';
import { isOneShot } from './one-shot.js';
import { literalSecrets } from './literal-secrets.js';
import { deployedFiles } from './mounted-files.js';
import { servedRoot } from './served-root.js';
import { shutdownOf } from './shutdown.js';
import { unservedUrlProblems } from './unserved-urls.js';

export interface Resolved {
  model: DeploymentModel;
  /** Each with the environment it is about, so `--env` can leave the others out. */
  problems: (Problem & { environment: string })[];
}

/**
 * @param dockerfile reads the Dockerfile a service builds from (dockerfile/reader.ts)
 * @param files reads the repository files of `files:`; without it their content is unknown (graph, lint)
 */
export function resolveDeployment(stack: Stack, dockerfile: DockerfileReader = noDockerfiles, files?: ProjectFiles): Resolved {
  const problems: Resolved['problems'] = [];
  const environments = stack.environments.map((environment, index): DeployedEnvironment => {
    const view = stack.views.get(environment.name)!;
    const byName = new Map(view.services.map((s) => [s.name, s]));
    const find = (name: string) => byName.get(name);
    const containers = new Set(view.resources.filter((r) => r.type === 'container').map((r) => r.name));
    const probed = (name: string) => !containers.has(name);
    const mount = (s: Service) => deployedFiles(s, files, (p) => problems.push({ ...p, environment: environment.name }));
    const services = view.services.map((s) => deployedService(s, environment, find, probed, dockerfile, mount));
    const jobs = view.jobs.map((j): DeployedJob => ({ ...j, ...deployedService(j, environment, find, probed, dockerfile, mount), oneShot: true }));
    const usedBy = new Map<string, string[]>();
    for (const s of services) {
      for (const name of s.uses) {
        const users = usedBy.get(name);
        if (users) users.push(s.name);
        else usedBy.set(name, [s.name]);
      }
    }
    const resources = view.resources.map((r): DeployedResource => ({ ...r, environment: environment.name, usedBy: usedBy.get(r.name) ?? [] }));
    const serviceIndex = new Map(services.map((s) => [s.name, s]));
    const resourceIndex = new Map(resources.map((r) => [r.name, r]));
    const jobIndex = new Map(jobs.map((j) => [j.name, j]));
    return {
      ...environment,
      environment,
      isDefault: index === 0,
      services,
      resources,
      jobs,
      service: (name) => serviceIndex.get(name),
      resource: (name) => resourceIndex.get(name),
      job: (name) => jobIndex.get(name),
    };
  });
  for (const env of environments) for (const p of publicUrlProblems(env)) problems.push({ ...p, environment: env.name });
  problems.push(...literalSecretProblems(environments));
  problems.push(...unservedUrlProblems(environments));

  const index = new Map(environments.map((e) => [e.name, e]));
  return { model: { stack, environments, environment: (name) => index.get(name) }, problems };
}

/** The facts of a service (or of a job, which is shaped as one) in one environment. */
function deployedService(s: Service, environment: Environment, find: (name: string) => Service | undefined, probed: (resource: string) => boolean, dockerfile: DockerfileReader, mount: (s: Service) => DeployedService['files']): DeployedService {
  const needs = needsOf(s, find, probed);
  const endpoints = endpointsOf(s, environment);
  return {
    ...s,
    environment: environment.name,
    ...optional('mainPort', mainPort(s.ports)),
    ...optional('servedPort', s.kind === 'container' ? servedPort(s.ports, s.public) : undefined),
    endpoints,
    redirects: redirectsOf(s, endpoints),
    httpPorts: httpPorts(s, endpoints),
    literalSecrets: literalSecrets(s, environment),
    ...optional('imageRef', s.image === undefined ? undefined : parseImageReference(s.image)),
    runAs: imageUser(s, dockerfile),
    ...optional('imageHealthcheck', imageHealthcheck(s, dockerfile)),
    probeTools: imageProbeTools(s, dockerfile),
    oneShot: isOneShot(s),
    ...optional('runsLastStage', runsLastStage(s, dockerfile)),
    ...optional('servedRoot', servedRoot(s.static)),
    needs,
    uses: usedResources(needs),
    files: mount(s),
    ...optional('shutdown', shutdownOf(s)),
  };
}

function runsLastStage(service: Service, dockerfile: DockerfileReader): boolean | undefined {
  const file = dockerfile(service);
  if (!file || !service.build) return undefined;
  const stage = runStage(file, service.build.target);
  return stage !== undefined && stage === file.stages.at(-1);
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/**
 * `${services.X.public_url}` where X is not public in this environment: no platform has a public URL
 * for it, and each writes a stand-in (its private address, or a value for the user to set).
 */
function publicUrlProblems(env: DeployedEnvironment): Problem[] {
  const out: Problem[] = [];
  for (const reader of env.services) {
    for (const v of reader.env) {
      for (const ref of references(v.value)) {
        if (ref.root !== 'services' || ref.key !== 'public_url') continue;
        const target = env.service(ref.name);
        if (!target || target.endpoints.length > 0) continue;
        out.push({
          severity: 'warning',
          code: 'not-public',
          message: `\`${ref.text}\` (\`${v.name}\` of \`${reader.name}\`): \`${target.name}\` is not public in environment \`${env.name}\`, so it has no public URL; each target writes its private address, or a value for you to set`,
          path: v.path,
          hint: `make \`${target.name}\` public in \`${env.name}\`, or use \`\${services.${target.name}.url}\``,
        });
      }
    }
  }
  return out;
}

/**
 * A warning per secret-looking value, in each environment that has it (the build reports one per
 * line, and `--env` keeps those of the environment it builds).
 */
function literalSecretProblems(environments: readonly DeployedEnvironment[]): Resolved['problems'] {
  return environments.flatMap((env) =>
    env.services.flatMap((service) =>
      service.literalSecrets.map((name) => ({
        severity: 'warning' as const,
        code: 'literal-secret',
        message: `\`${name}\` of \`${service.name}\` looks like a secret, and build copies plain values into the files it writes (which are committed)`,
        path: service.env.find((e) => e.name === name)!.path,
        hint: `move it to \`secrets: [${name}]\` and set the value in your platform's secret store (or .env for Compose)`,
        environment: env.name,
      })),
    ),
  );
}
