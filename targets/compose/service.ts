// One app service (a container stackc runs) as a Compose service. Settings Compose has no place for
// (autoscaling, host routing) are capability gaps (capabilities.ts): their notes go in a comment
// above the service.
import { gapsMet } from '../../src/emit/capabilities.js';
import type { DeployedService } from '../../src/deploy/model.js';
import type { Build, Service } from '../../src/model/stack.js';
import { dependsOnOf } from './depends-on.js';
import { environmentOf } from './env.js';
import { fileConfigs } from './files.js';
import { healthcheckOf } from './healthcheck.js';
import type { ImageNames } from './images.js';
import { relativePath } from '../../src/emit/paths.js';
import { releaseName } from './release.js';
import { replicasOf } from './replicas.js';
import type { Scope } from './scope.js';
import { builtImage } from './pull-policy.js';
import { literal } from './text.js';
import { cpus, memory } from './units.js';
import { volumesOf } from './volumes.js';

/** A service as it goes into the file, with the comments to write around it. */
export interface Emitted {
  name: string;
  definition: Record<string, unknown>;
  /** Comment lines above the service's name. */
  comments: string[];
  /** Comment lines above keys of the service (`healthcheck`). */
  keyComments: Map<string, string[]>;
}

/** The service, and the name of its release job when it has one (see release.ts). */
export function appService(service: DeployedService, scope: Scope, images: ImageNames): { service: Emitted; release?: string } {
  const comments = service.description ? [service.description] : [];
  const keyComments = new Map<string, string[]>();
  const build = service.build ? buildOf(service.build, scope.stackFile) : undefined;
  const name = images.nameFor(service, build, scope);
  const built = build === undefined ? undefined : builtImage(service, name, images, scope);
  const image = built ? built.image : name;
  // A job of `jobs:` has no ports, and no entry in the port plan.
  const ports = scope.ports.services.get(service.name) ?? { ports: [], expose: [], hostPort: () => undefined, replicaFindings: [] };
  const environment = environmentOf(service, scope);
  const volumes = volumesOf(service, scope);
  const configs = fileConfigs(service, scope);
  const dependsOn = dependsOnOf(service, scope);
  const release = releaseName(service, scope);
  if (release) dependsOn.set(release, { condition: 'service_completed_successfully' });
  const health = healthcheckOf(service);
  if (health?.comment) keyComments.set('healthcheck', [health.comment]);
  const modes = service.files.flatMap((f) => (f.mode === undefined ? [] : [f.mode]));
  // Compose reads `mode` as a number; written in decimal, it means the same to every YAML reader.
  if (modes.length) keyComments.set('configs', [`mode is decimal: ${[...new Set(modes)].map((m) => `${m} = ${m.toString(8).padStart(4, '0')}`).join(', ')}`]);
  for (const gap of gapsMet(scope.gaps, service)) if (gap.note) comments.push(gap.note);
  const replicas = replicasOf(service);
  const deploy = {
    ...(replicas !== 1 ? { replicas } : {}),
    ...(service.resources ? { resources: resourcesOf(service.resources) } : {}),
  };

  const definition: Record<string, unknown> = {
    ...(image ? { image } : {}),
    ...(build !== undefined ? { build } : {}),
    ...(built ? { pull_policy: built.pull_policy } : {}),
    ...(service.entrypoint ? { entrypoint: service.entrypoint.map(literal) } : {}),
    ...(service.command ? { command: service.command.map(literal) } : {}),
    ...(service.user ? { user: service.user.text } : {}),
    // No process in the container gains privileges through setuid binaries or file capabilities
    // (Kubernetes: allowPrivilegeEscalation: false). Entry points that drop root with gosu still work.
    security_opt: ['no-new-privileges:true'],
    ...(service.readOnly ? { read_only: true } : {}),
    // A read-only root file system still needs a writable /tmp for most runtimes. Docker mounts a
    // tmpfs noexec unless told `exec`; Kubernetes' emptyDir allows exec, and libraries that unpack
    // native code into /tmp and load it from there (JNA, Netty, sqlite-jdbc) need it.
    ...(service.readOnly && !service.volumes.some((v) => v.path === '/tmp') ? { tmpfs: ['/tmp:exec'] } : {}),
    ...(ports.ports.length ? { ports: ports.ports } : {}),
    ...(ports.expose.length ? { expose: ports.expose } : {}),
    ...(environment.size ? { environment } : {}),
    ...(volumes.length ? { volumes } : {}),
    ...(configs.length ? { configs } : {}),
    ...(dependsOn.size ? { depends_on: dependsOn } : {}),
    ...(health ? { healthcheck: health.healthcheck } : {}),
    restart: service.restart,
    ...(service.shutdown?.signal ? { stop_signal: service.shutdown.signal.name } : {}),
    // As written: Compose reads the same durations (https://github.com/compose-spec/compose-spec/blob/main/spec.md#stop_grace_period).
    ...(service.shutdown?.grace ? { stop_grace_period: service.shutdown.grace.text } : {}),
    ...(Object.keys(deploy).length ? { deploy } : {}),
    ...(Object.keys(service.labels).length ? { labels: sortedMap(service.labels) } : {}),
  };
  return { service: { name: service.name, definition, comments, keyComments }, ...(release ? { release } : {}) };
}

/** `./backend`, or the long form when there is more than the context. */
function buildOf(build: Build, stackFile: string): unknown {
  const context = literal(relativePath(build.context, stackFile));
  const args = Object.keys(build.args).length ? sortedMap(build.args) : undefined;
  if (build.dockerfile === 'Dockerfile' && !build.target && !args && !build.secrets) return context;
  return {
    context,
    ...(build.dockerfile !== 'Dockerfile' ? { dockerfile: build.dockerfile } : {}),
    ...(build.target ? { target: build.target } : {}),
    ...(args ? { args } : {}),
    // The top-level secrets of the same names (build-secrets.ts).
    ...(build.secrets ? { secrets: [...build.secrets].sort() } : {}),
  };
}

/** Labels and build args have no meaningful order: sorted, and escaped like every literal. */
const sortedMap = (record: Record<string, string>): Map<string, string> =>
  new Map(Object.keys(record).sort().map((k) => [literal(k), literal(record[k]!)]));

function resourcesOf(r: NonNullable<Service['resources']>): Record<string, unknown> {
  const limits = { ...(r.cpu ? { cpus: cpus(r.cpu) } : {}), ...(r.memory ? { memory: memory(r.memory) } : {}) };
  // Requests default to the limits; a reservation is written only where it says something more.
  const reservations = {
    ...(r.requests.cpu && r.requests.cpu !== r.cpu ? { cpus: cpus(r.requests.cpu) } : {}),
    ...(r.requests.memory && r.requests.memory !== r.memory ? { memory: memory(r.requests.memory) } : {}),
  };
  return { ...(Object.keys(limits).length ? { limits } : {}), ...(Object.keys(reservations).length ? { reservations } : {}) };
}
