// One compose service → one stack.yaml service: each compose key either maps to a stack.yaml key
// or is reported (with its position and why) as not carried over.
import { isIP } from 'node:net';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseDependsOn, parseHealthcheck, parsePorts, parseVolumes } from './compose-model.js';
import type { EnvEntry } from './environment.js';
import { bindMountFile, configFiles } from './files.js';
import type { Aspect, Notes } from './notes.js';
import { rewritePart, rewriteUrl, type ResourceTarget } from './references.js';
import { secretReason } from './secrets.js';
import { publicFromTraefik } from './traefik-hosts.js';
import { publicFromVirtualHost } from './virtual-host.js';
import { splitShellWords } from './shell-words.js';
import { entry, get, str, type CMap, type CNode, type CScalar } from './tree.js';
import { isEnvVarName, isShellName } from '../vocabulary/env-var-name.js';
import { isImageReference } from '../vocabulary/image-reference.js';
import { resourceOwningVolume } from '../model/resource-volumes.js';
import { mapBuildSecrets, mapPlatforms, type SecretSource } from './build-secrets.js';
import { mapShutdown, mapUpdateConfig } from './shutdown.js';

/** Build argument names (`ARG`): stack.yaml's `build.args` take letters, digits and `_`. */
const USER = /^([0-9]+(:[0-9]+)?|[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?)$/;
const LABEL = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why each compose key has no place in stack.yaml. */
export const UNSUPPORTED: Record<string, string> = {
  network_mode: 'stack.yaml runs every service on the stack\'s own network',
  cap_add: 'stack.yaml has no Linux capabilities (services run with the platform\'s defaults)',
  cap_drop: 'stack.yaml has no Linux capabilities (services run with the platform\'s defaults)',
  privileged: 'stack.yaml never runs privileged containers',
  extra_hosts: 'stack.yaml has no host-name overrides',
  devices: 'stack.yaml has no device mappings',
  device_cgroup_rules: 'stack.yaml has no device mappings',
  dns: 'stack.yaml has no DNS settings',
  dns_opt: 'stack.yaml has no DNS settings',
  dns_search: 'stack.yaml has no DNS settings',
  working_dir: 'stack.yaml has no working directory; set WORKDIR in the Dockerfile',
  domainname: 'stack.yaml has no container domain names',
  ipc: 'stack.yaml has no IPC namespace settings',
  pid: 'stack.yaml has no PID namespace settings',
  uts: 'stack.yaml has no UTS namespace settings',
  userns_mode: 'stack.yaml has no user namespace settings',
  cgroup: 'stack.yaml has no cgroup settings',
  cgroup_parent: 'stack.yaml has no cgroup settings',
  shm_size: 'stack.yaml has no shared-memory size',
  sysctls: 'stack.yaml has no kernel parameters',
  ulimits: 'stack.yaml has no ulimits',
  security_opt: 'stack.yaml has no security options',
  logging: 'stack.yaml has no logging drivers',
  platform: 'stack.yaml has no target platform',
  pull_policy: 'stack.yaml has no pull policy',
  external_links: 'stack.yaml services reach only the stack\'s own services and resources',
  volumes_from: 'stack.yaml mounts volumes by name; name the volumes instead',
  tmpfs: 'stack.yaml has no tmpfs mounts (`read_only: true` adds /tmp on Compose)',
  init: 'stack.yaml has no init process setting',
  isolation: 'stack.yaml has no isolation technology',
  mac_address: 'stack.yaml has no MAC addresses',
  oom_kill_disable: 'stack.yaml has no OOM settings',
  oom_score_adj: 'stack.yaml has no OOM settings',
  mem_swappiness: 'stack.yaml has no swap settings',
  memswap_limit: 'stack.yaml has no swap settings',
  cpu_shares: 'stack.yaml sets CPU as `resources.cpu` only',
  cpu_quota: 'stack.yaml sets CPU as `resources.cpu` only',
  cpu_period: 'stack.yaml sets CPU as `resources.cpu` only',
  cpuset: 'stack.yaml sets CPU as `resources.cpu` only',
  cpu_count: 'stack.yaml sets CPU as `resources.cpu` only',
  cpu_percent: 'stack.yaml sets CPU as `resources.cpu` only',
  blkio_config: 'stack.yaml has no block IO settings',
  pids_limit: 'stack.yaml has no PID limit',
  storage_opt: 'stack.yaml has no storage driver options',
  runtime: 'stack.yaml has no container runtime setting',
  gpus: 'stack.yaml has no GPU requests',
  secrets: 'stack.yaml passes secrets as environment variables (names under `secrets`), not as files under /run/secrets; read the value from the variable instead',
  extends: 'stack.yaml has no `extends`; `stackc import` does not follow it',
  develop: 'stack.yaml has no `compose watch` settings',
  post_start: 'stack.yaml has no lifecycle hooks',
  pre_stop: 'stack.yaml has no lifecycle hooks',
  attach: 'stack.yaml has no log attachment setting',
  stdin_open: 'stack.yaml services are not interactive',
  tty: 'stack.yaml services are not interactive',
  annotations: 'stack.yaml has labels, not annotations',
  credential_spec: 'stack.yaml has no Windows credential specs',
  provider: 'stack.yaml has no Compose providers',
  models: 'stack.yaml has no Compose models',
  use_api_socket: 'stack.yaml never gives a container the Docker API socket',
  label_file: 'stack.yaml has no label files; the labels are not read',
};

/** Keys carried over elsewhere (or harmless): not reported here. */
export const HANDLED = new Set(['image', 'build', 'command', 'entrypoint', 'ports', 'expose', 'environment', 'env_file', 'healthcheck', 'depends_on', 'volumes', 'configs', 'user', 'restart', 'deploy', 'labels', 'networks', 'profiles', 'read_only', 'scale', 'mem_limit', 'mem_reservation', 'cpus', 'container_name', 'hostname', 'links', 'stop_signal', 'stop_grace_period']);

export interface ServiceMapContext {
  notes: Notes;
  /** compose service name → stack.yaml name (services and resources). */
  names: ReadonlyMap<string, string>;
  /** Resources, for reference rewriting. */
  targets: readonly ResourceTarget[];
  /** Resource names (stack.yaml) this service is tied to: depends_on, or a host in its env. */
  fileDirs: ReadonlyMap<string, string>;
  /** Absolute directory stack.yaml is written to. */
  outDir: string;
  cwd: string;
  /** Secrets found, for the report (names only). */
  secrets: SecretRecord[];
  /** Services that end up with a healthcheck probe (stack.yaml names), for depends_on conditions. */
  healthy: ReadonlySet<string>;
  /** compose names of services that are resources. */
  resourceNames: ReadonlySet<string>;
  /** compose names of the resources without a healthcheck (container resources): dependents wait for their start. */
  unprobed?: ReadonlySet<string>;
  /** compose names of services a dependent waits for with `service_completed_successfully`. */
  completed: ReadonlySet<string>;
  /** compose names of services that come out as one-shots (`importsAsOneShot`), for depends_on conditions. */
  oneShots: ReadonlySet<string>;
  /** `<port>/<protocol>` published on the host so far (by number, or taken by an earlier free-port one). */
  hostPorts: Set<string>;
  /** The top-level secrets, by name: where build secrets' values come from. */
  secretSources: ReadonlyMap<string, SecretSource>;
  /** The merged top-level `configs`, which services' `configs:` name. */
  configs?: CMap;
}

const RESTART = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/;
const DEPLOY_RESTART: Record<string, string> = { none: 'no', 'on-failure': 'on-failure', any: 'always' };

/** The policy the service sets (`restart`, else `deploy.restart_policy`), as stack.yaml spells it. */
function restartOf(service: CMap): string | undefined {
  const restart = str(get(service, 'restart'));
  if (restart !== undefined) return RESTART.exec(restart)?.[1];
  const policy = str(get(get(get(service, 'deploy'), 'restart_policy'), 'condition'));
  return policy ? DEPLOY_RESTART[policy] : undefined;
}

const declaresPorts = (service: CMap): boolean => ['ports', 'expose'].some((k) => { const n = get(service, k); return n?.kind === 'seq' && n.items.length > 0; });

/**
 * Whether the service is a one-shot once imported (src/deploy/one-shot.ts: restart \`no\`, no ports,
 * no healthcheck probe). One without a restart policy is one only when a dependent waits for it to
 * complete: otherwise Compose's default \`no\` would turn a portless server or worker into a one-shot
 * (a Kubernetes Job that its dependents wait on for ever), so it is imported as \`on-failure\`.
 * @param healthy whether the service ends up with a healthcheck probe
 */
export function importsAsOneShot(composeName: string, service: CMap, healthy: boolean, completed: ReadonlySet<string>): boolean {
  if (healthy || declaresPorts(service)) return false;
  const restart = restartOf(service);
  return restart === 'no' || (restart === undefined && completed.has(composeName));
}

export interface SecretRecord {
  service: string;
  name: string;
  /** Why: `name`, `value`, `variable`, `unset`, `pass-through`. */
  reason: string;
  at: EnvEntry['at'];
  /** The variable it was read from (`${POSTGRES_PW}`), when interpolated. */
  from?: string[];
}

export interface MappedService {
  data: Record<string, unknown>;
  /** Comments to put above keys of the service (`''`: above the service itself). */
  comments: Map<string, string[]>;
}

export function mapService(composeName: string, service: CMap, env: readonly EnvEntry[], ctx: ServiceMapContext): MappedService | undefined {
  const { notes } = ctx;
  const affects = (aspect: Aspect, key?: string) => ({ affects: { service: composeName, aspect, ...(key !== undefined ? { key } : {}) } });
  const data: Record<string, unknown> = {};
  const comments = new Map<string, string[]>();
  const comment = (key: string, text: string) => comments.set(key, [...(comments.get(key) ?? []), text]);

  for (const e of service.entries) {
    if (e.key.startsWith('x-')) notes.changed(e.keyAt, `extension field \`${e.key}\` of \`${composeName}\` was ignored (Compose ignores it too)`);
    else if (UNSUPPORTED[e.key] && e.key !== 'secrets') notes.dropped(e.keyAt, `\`${e.key}\` of \`${composeName}\``, UNSUPPORTED[e.key]!);
    else if (!HANDLED.has(e.key) && !UNSUPPORTED[e.key]) notes.dropped(e.keyAt, `\`${e.key}\` of \`${composeName}\``, 'stack.yaml has no such setting');
  }
  const secretList = get(service, 'secrets');
  for (const item of secretList?.kind === 'seq' ? secretList.items : []) {
    const name = item.kind === 'scalar' ? str(item) : str(get(item, 'source'));
    notes.dropped(item.at, `secret \`${name}\` of \`${composeName}\``, UNSUPPORTED.secrets!);
  }

  // image and build
  const image = str(get(service, 'image'));
  if (image !== undefined) {
    if (isImageReference(image)) data.image = image;
    else notes.dropped(get(service, 'image')!.at, `image \`${image}\` of \`${composeName}\``, 'it is not a valid image reference after interpolation', affects('image'));
  }
  const build = get(service, 'build');
  if (build?.kind === 'map') {
    const mapped = mapBuild(composeName, build, ctx);
    if (mapped) data.build = mapped;
  }
  if (data.image === undefined && data.build === undefined) {
    notes.dropped(entry(service, 'image')?.keyAt ?? entry(service, 'build')?.keyAt ?? service.at, `service \`${composeName}\``, 'it has neither an image nor a build context stack.yaml can use', affects('service'));
    return undefined;
  }

  for (const key of ['entrypoint', 'command'] as const) {
    const node = get(service, key);
    if (!node || (node.kind === 'scalar' && node.value === null)) continue;
    const words = commandWords(node);
    if (words === undefined) notes.dropped(node.at, `\`${key}\` of \`${composeName}\``, 'it is not a string or a list of strings, or its quotes do not match');
    else if (words.length === 0) notes.dropped(node.at, `the empty \`${key}\` of \`${composeName}\``, `stack.yaml cannot clear the image's ${key === 'command' ? 'CMD' : 'ENTRYPOINT'}`);
    else data[key] = words;
  }

  // ports
  const { ports, problems } = parsePorts(service);
  for (const p of problems) notes.dropped(p.at, `${p.message} of \`${composeName}\``, 'it is not a port Compose syntax stackc understands', affects('ports'));
  const portSpecs: unknown[] = [];
  for (const p of ports) {
    const key = `${p.container}/${p.protocol}`;
    const proto = p.protocol === 'udp' ? '/udp' : '';
    const crange = p.containerEnd !== p.container ? `${p.container}-${p.containerEnd}` : `${p.container}`;
    // The host address is carried as written (`127.0.0.1:5432:5432`); Docker binds IP addresses only.
    const bind = p.hostIp !== undefined && isIP(p.hostIp) !== 0 ? p.hostIp : undefined;
    if (p.hostIp !== undefined && bind === undefined && !p.exposeOnly) notes.dropped(p.at, `the host address ${p.hostIp} of port ${crange}${proto} of \`${composeName}\``, 'it is not an IP address, and stack.yaml publishes on IP addresses only', { hint: 'write the IP address (`127.0.0.1`, `::1`)', ...affects('ports', key) });
    const onAddress = (hostPart: string) => `${bind === undefined ? '' : bind.includes(':') ? `[${bind}]:` : `${bind}:`}${hostPart}:${crange}${proto}`;
    for (const x of p.extras) notes.dropped(p.at, `\`${x}\` of port ${crange} of \`${composeName}\``, 'stack.yaml has no such port setting');
    if (p.exposeOnly) {
      if (p.containerEnd !== p.container) {
        notes.dropped(p.at, `exposed port range ${crange} of \`${composeName}\``, 'unpublished ports are single ports in stack.yaml', affects('ports', key));
        continue;
      }
      portSpecs.push({ port: p.container, ...(p.protocol === 'udp' ? { protocol: 'udp' } : {}), publish: false });
    } else if (p.host === undefined) {
      if (p.containerEnd !== p.container) {
        notes.dropped(p.at, `port range ${crange} of \`${composeName}\``, 'Compose publishes it on random host ports, which stack.yaml cannot express', affects('ports', key));
        continue;
      }
      if (ctx.hostPorts.has(key)) {
        notes.dropped(p.at, `the host port of port ${crange}${proto} of \`${composeName}\``, `Compose picked a free host port, and host port ${p.container} is published by another service: stack.yaml leaves it unpublished (\`publish: false\`)`, { hint: 'publish it on a host port of its own (`"<host>:<container>"`) if tools on this machine need it', ...affects('ports', key) });
        portSpecs.push({ port: p.container, ...(p.protocol === 'udp' ? { protocol: 'udp' } : {}), publish: false });
        continue;
      }
      ctx.hostPorts.add(key);
      notes.changed(p.at, `port ${crange}${proto} of \`${composeName}\` is published on host port ${p.container}: Compose picked a free host port, stack.yaml publishes the same number`, affects('ports', key));
      portSpecs.push(bind !== undefined ? onAddress(crange) : p.protocol === 'udp' ? `${p.container}:${p.container}/udp` : p.container);
    } else {
      const hrange = p.hostEnd !== p.host ? `${p.host}-${p.hostEnd}` : `${p.host}`;
      const same = hrange === crange;
      const text = same ? `${crange}${proto}` : `${hrange}:${crange}${proto}`;
      if (bind !== undefined) portSpecs.push(onAddress(hrange));
      else portSpecs.push(same && !proto && p.containerEnd === p.container ? p.container : text);
    }
  }
  if (portSpecs.length > 0) data.ports = portSpecs;

  // environment and secrets
  const envOut: Record<string, unknown> = {};
  const secrets: string[] = [];
  const related = relatedResources(service, env, ctx);
  for (const v of env) {
    if (!isEnvVarName(v.name)) {
      notes.dropped(v.at, `variable \`${v.name}\` of \`${composeName}\``, 'stack.yaml variable names are letters, digits, `_`, `.` and `-`, not starting with a digit (as Kubernetes takes them)', affects('env', v.name));
      continue;
    }
    const secretNameRefused = () =>
      notes.dropped(v.at, `variable \`${v.name}\` of \`${composeName}\``, 'its value would be a secret, and secret names are letters, digits and `_` (the secret stores of GitHub, Fly and Vercel take no others)', { hint: `rename it, or set it in stack.yaml's \`env\` if it is not secret`, ...affects('env', v.name) });
    if (v.value === null || v.unsetVariable !== undefined || v.interpolationError !== undefined) {
      if (!isShellName(v.name)) {
        secretNameRefused();
        continue;
      }
      secrets.push(v.name);
      const reason = v.value === null ? 'pass-through' : 'unset';
      ctx.secrets.push({ service: composeName, name: v.name, reason, at: v.at, ...(v.vars.length ? { from: v.vars } : {}) });
      continue;
    }
    const value = v.value;
    const rewrite = rewriteUrl(value, ctx.targets) ?? rewritePart(v.name, value, ctx.targets, related);
    if (rewrite) {
      envOut[v.name] = rewrite.value;
      continue;
    }
    const reason = secretReason(v.name, value, v.vars);
    if (reason) {
      if (!isShellName(v.name)) {
        secretNameRefused();
        continue;
      }
      secrets.push(v.name);
      ctx.secrets.push({ service: composeName, name: v.name, reason, at: v.at, ...(v.vars.length ? { from: v.vars } : {}) });
      continue;
    }
    if (v.vars.length > 0) notes.changed(v.at, `\`${v.name}\` of \`${composeName}\` keeps the value ${v.vars.map((x) => `\${${x}}`).join(', ')} had at import time: stack.yaml values are not read from .env`, { hint: 'to change it per environment, add an override under `environments`' });
    if (v.retyped !== undefined) notes.changed(v.at, `\`${v.name}\` of \`${composeName}\` is written \`${v.retyped}\`, which YAML reads as a number: Compose passes \`${value}\`, and so does stack.yaml`, { hint: `if \`${v.retyped}\` was meant, quote it in the compose file and import again` });
    envOut[v.name] = value.replace(/\$\{/g, '$${');
  }
  if (Object.keys(envOut).length > 0) data.env = envOut;
  const envFiles = [...new Set(env.filter((v) => v.from === 'env_file').map((v) => v.envFile!))];
  if (envFiles.length > 0 && data.env) comment('env', `Includes the variables of ${envFiles.join(', ')} (env_file); values set under \`environment\` won.`);
  if (secrets.length > 0) data.secrets = [...new Set(secrets)];
  const tcpPorts = ports.filter((p) => p.protocol !== 'udp' && p.containerEnd === p.container).map((p) => p.container);
  const labelNode = get(service, 'labels');
  const published = publicFromVirtualHost(composeName, env, tcpPorts, notes) ?? publicFromTraefik(composeName, labelNode?.kind === 'map' ? labelNode : undefined, tcpPorts, notes);
  if (published) data.public = published;

  // healthcheck
  const hc = get(service, 'healthcheck');
  if (hc?.kind === 'map') {
    const mapped = mapHealthcheck(composeName, hc, ctx);
    if (mapped) data.healthcheck = mapped;
  }

  // user, read_only, restart, deploy, labels
  const user = get(service, 'user');
  if (user?.kind === 'scalar' && user.value !== null) {
    const text = String(user.value);
    if (USER.test(text)) data.user = /^[0-9]+$/.test(text) ? Number(text) : text;
    else notes.dropped(user.at, `user \`${text}\` of \`${composeName}\``, 'stack.yaml users are a UID, `UID:GID` or a lower-case user name');
  }
  const readOnly = get(service, 'read_only');
  if (readOnly?.kind === 'scalar' && readOnly.value === true) {
    data.read_only = true;
    notes.changed(readOnly.at, `\`read_only\` of \`${composeName}\`: stackc's compose file adds a tmpfs at /tmp to read-only services`);
  }
  mapRestartAndDeploy(composeName, service, data, ctx);
  mapShutdown(composeName, service, data, notes);
  const labels = get(service, 'labels');
  if (labels?.kind === 'map') {
    const out: Record<string, string> = {};
    for (const l of labels.entries) {
      if (!LABEL.test(l.key) || l.key.length > 316) notes.dropped(l.keyAt, `label \`${l.key}\` of \`${composeName}\``, 'stack.yaml label names are Kubernetes-style (`prefix/name`, letters, digits, `-`, `_`, `.`)');
      else out[l.key] = l.value.kind === 'scalar' ? String(l.value.value ?? '') : '';
    }
    if (Object.keys(out).length > 0) data.labels = out;
  }

  // volumes
  const { volumes, files: boundFiles } = mapVolumes(composeName, service, ctx);
  if (volumes.length > 0) data.volumes = volumes;
  const files = [...boundFiles, ...configFiles(composeName, service, { ...ctx, rebase })];
  if (files.length > 0) data.files = files;

  // depends_on
  const deps: string[] = [];
  for (const d of parseDependsOn(service)) {
    const target = ctx.names.get(d.name);
    if (!target) {
      notes.dropped(d.at, `dependency of \`${composeName}\` on \`${d.name}\``, `\`${d.name}\` is not carried over`, affects('depends_on', d.name));
      continue;
    }
    deps.push(target);
    const healthy = (ctx.resourceNames.has(d.name) && !ctx.unprobed?.has(d.name)) || ctx.healthy.has(target);
    const generated = healthy ? 'service_healthy' : ctx.oneShots.has(d.name) ? 'service_completed_successfully' : 'service_started';
    if (d.condition === generated) {
      // as written
    } else if (d.condition === 'service_completed_successfully') {
      notes.dropped(d.at, `condition service_completed_successfully on \`${d.name}\``, `stack.yaml dependencies wait for a service to start or be healthy; stackc's compose file waits for ${generated}`, { hint: `a one-shot job such as a migration is a \`release\` command of the service that runs it`, ...affects('depends_on', d.name) });
    } else {
      notes.changed(d.at, `\`${composeName}\` waits for \`${d.name}\` with condition ${generated} instead of ${d.condition}: stackc waits for healthy when the dependency has a healthcheck${generated === 'service_completed_successfully' ? ', and for a one-shot (restart \`no\`, no ports) to complete' : ''}`, affects('depends_on', d.name));
    }
    if (d.restart) notes.dropped(d.at, `\`restart: true\` of the dependency on \`${d.name}\``, 'stack.yaml dependencies do not restart the dependent service');
    if (!d.required) notes.dropped(d.at, `\`required: false\` of the dependency on \`${d.name}\``, 'stack.yaml dependencies are always required');
  }
  if (deps.length > 0) data.depends_on = [...new Set(deps)];

  const links = get(service, 'links');
  if (links) notes.changed(links.at, `\`links\` of \`${composeName}\` were left out: services reach each other by name on the stack's network`);
  const containerName = entry(service, 'container_name');
  if (containerName) notes.changed(containerName.keyAt, `\`container_name\` of \`${composeName}\` was left out: Compose names the container after the project and service; other services still reach it as \`${ctx.names.get(composeName)}\``);
  const hostname = entry(service, 'hostname');
  if (hostname) notes.dropped(hostname.keyAt, `\`hostname\` of \`${composeName}\``, `stack.yaml has no host names; other services reach it as \`${ctx.names.get(composeName)}\``);
  return { data, comments };
}

function relatedResources(service: CMap, env: readonly EnvEntry[], ctx: ServiceMapContext): string[] {
  const out = new Set<string>();
  for (const d of parseDependsOn(service)) {
    const t = ctx.targets.find((x) => x.hosts.includes(d.name));
    if (t) out.add(t.name);
  }
  for (const v of env) for (const t of ctx.targets) if (v.value !== null && (t.hosts.includes(v.value) || t.hosts.some((h) => v.value!.includes(`@${h}`) || v.value!.startsWith(`${h}:`)))) out.add(t.name);
  return [...out];
}

function commandWords(node: CNode): string[] | undefined {
  if (node.kind === 'seq') return node.items.every((i) => i.kind === 'scalar' && i.value !== null) ? node.items.map((i) => String((i as CScalar).value)) : undefined;
  if (node.kind === 'scalar' && node.value !== null) return splitShellWords(String(node.value));
  return undefined;
}

/** A path from the compose file's directory, relative to stack.yaml's, or undefined when it leaves the project. */
export function rebase(path: string, fromDir: string, outDir: string): string | undefined {
  if (isAbsolute(path) || path.startsWith('~') || /^[a-z]+:\/\//i.test(path) || /^git@/.test(path)) return undefined;
  const rel = relative(outDir, resolve(fromDir, path)).split(sep).join('/');
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) return undefined;
  return `./${rel}`;
}

function mapBuild(composeName: string, build: CMap, ctx: ServiceMapContext): unknown {
  const { notes } = ctx;
  const contextNode = get(build, 'context');
  const context = str(contextNode) ?? '.';
  const fromDir = ctx.fileDirs.get((contextNode ?? build).at.file) ?? ctx.cwd;
  const rebased = rebase(context, fromDir, ctx.outDir);
  if (!rebased) {
    notes.dropped((contextNode ?? build).at, `build context \`${context}\` of \`${composeName}\``, /:\/\/|^git@/.test(context) ? 'stack.yaml builds from directories of the project, not from URLs' : 'it is outside the directory stack.yaml is written to', { affects: { service: composeName, aspect: 'image' } });
    return undefined;
  }
  const out: Record<string, unknown> = { context: rebased };
  for (const e of build.entries) {
    if (e.key === 'context') continue;
    if (e.key === 'dockerfile') {
      const d = str(e.value);
      if (d && !/^[/\\]/.test(d) && d !== 'Dockerfile') out.dockerfile = d;
      else if (d && /^[/\\]/.test(d)) notes.dropped(e.value.at, `dockerfile \`${d}\` of \`${composeName}\``, 'stack.yaml Dockerfiles are relative to the build context');
    } else if (e.key === 'target') {
      const t = str(e.value);
      if (t) out.target = t;
    } else if (e.key === 'args' && e.value.kind === 'map') {
      const args: Record<string, string> = {};
      for (const a of e.value.entries) {
        const s = a.value as CScalar;
        if (s.kind !== 'scalar' || s.value === null) {
          notes.dropped(a.keyAt, `build argument \`${a.key}\` of \`${composeName}\``, 'it has no value (Compose takes it from the shell); stack.yaml build arguments have values');
          continue;
        }
        if (!isShellName(a.key)) {
          notes.dropped(a.keyAt, `build argument \`${a.key}\` of \`${composeName}\``, 'stack.yaml build argument names are letters, digits and `_`');
          continue;
        }
        if (secretReason(a.key, String(s.value), s.vars)) {
          notes.dropped(a.keyAt, `build argument \`${a.key}\` of \`${composeName}\``, 'it looks like a secret, and build arguments end up in the image history; its value is not written', { hint: 'pass secrets to builds as BuildKit secrets (`RUN --mount=type=secret`)' });
          continue;
        }
        if (s.vars.length > 0) notes.changed(a.keyAt, `build argument \`${a.key}\` of \`${composeName}\` keeps the value ${s.vars.map((x) => `\${${x}}`).join(', ')} had at import time`);
        args[a.key] = String(s.value);
      }
      if (Object.keys(args).length > 0) out.args = args;
    } else if (e.key === 'secrets') {
      const secrets = mapBuildSecrets(composeName, e.value, ctx.secretSources, notes);
      if (secrets.length > 0) out.secrets = secrets;
    } else if (e.key === 'platforms') {
      const platforms = mapPlatforms(composeName, e.value, notes);
      if (platforms.length > 0) out.platforms = platforms;
    } else {
      notes.dropped(e.keyAt, `build \`${e.key}\` of \`${composeName}\``, 'stack.yaml builds have a context, a Dockerfile, a target, arguments, secrets and platforms only');
    }
  }
  return Object.keys(out).length === 1 ? rebased : out;
}

function durationText(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.round(ms)}ms`;
}

/** Compose's defaults, which differ from stack.yaml's for the timeout (Compose 30s, stackc 5s). */
const COMPOSE_HC_DEFAULTS = { intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 };

function mapHealthcheck(composeName: string, node: CMap, ctx: ServiceMapContext): unknown {
  const { notes } = ctx;
  const spec = parseHealthcheck(node);
  const affects = { affects: { service: composeName, aspect: 'healthcheck' as const } };
  for (const p of spec.problems) notes.dropped(p.at, `${p.message} of \`${composeName}\``, 'it is not a Compose duration', affects);
  if (spec.disable) return { disable: true, reason: `disabled in ${node.at.file}` };
  if (!spec.test || spec.test.length === 0) {
    notes.dropped(node.at, `the healthcheck timings of \`${composeName}\``, 'they tune the image\'s own HEALTHCHECK, and stack.yaml healthchecks name their probe', { ...affects, hint: 'add `test:` with the image\'s check, or set the timings in the Dockerfile' });
    return undefined;
  }
  const [kind, ...rest] = spec.test;
  let command: string | string[];
  if (kind === 'CMD' && rest.length > 0) command = rest;
  else if (kind === 'CMD-SHELL' && rest.length === 1 && rest[0] !== '') command = rest[0]!;
  else {
    notes.dropped(node.at, `the healthcheck test of \`${composeName}\``, 'it is not `CMD ...`, `CMD-SHELL ...` or `NONE`', affects);
    return undefined;
  }
  const out: Record<string, unknown> = { command };
  const interval = spec.intervalMs ?? COMPOSE_HC_DEFAULTS.intervalMs;
  const timeout = spec.timeoutMs ?? COMPOSE_HC_DEFAULTS.timeoutMs;
  const retries = spec.retries ?? COMPOSE_HC_DEFAULTS.retries;
  const start = spec.startPeriodMs ?? 0;
  if (interval !== 30_000) out.interval = durationText(interval);
  if (timeout !== 5000) out.timeout = durationText(timeout);
  if (retries !== 3) {
    if (retries >= 1 && retries <= 100 && Number.isInteger(retries)) out.retries = retries;
    else notes.dropped(node.at, `healthcheck retries ${retries} of \`${composeName}\``, 'stack.yaml retries are 1 to 100', affects);
  }
  if (start !== 0) out.start_period = durationText(start);
  if (spec.startIntervalMs !== undefined) notes.dropped(get(node, 'start_interval')!.at, `healthcheck start_interval of \`${composeName}\``, 'stack.yaml healthchecks have one interval');
  for (const e of node.entries) if (!['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'].includes(e.key)) notes.dropped(e.keyAt, `healthcheck \`${e.key}\` of \`${composeName}\``, 'stack.yaml healthchecks have no such setting');
  return out;
}

/** Docker memory (`512m`, `1g`, `1gb`, bytes) → Kubernetes quantity (`512Mi`, `1Gi`). */
export function dockerMemory(text: string): string | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt])?b?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  return unit === 'b' ? m[1]! : `${m[1]}${{ k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti' }[unit]}`;
}

function cpuText(text: string): string | undefined {
  if (/^[0-9]+(\.[0-9]{1,3})?$/.test(text)) return text.replace(/\.?0+$/, '') || '0';
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? `${Math.round(n * 1000)}m` : undefined;
}

function mapRestartAndDeploy(composeName: string, service: CMap, data: Record<string, unknown>, ctx: ServiceMapContext): void {
  const { notes } = ctx;
  const deploy = get(service, 'deploy');
  const restart = get(service, 'restart');
  const restartText = str(restart);
  if (restartText !== undefined) {
    const m = RESTART.exec(restartText);
    if (!m) notes.dropped(restart!.at, `restart policy \`${restartText}\` of \`${composeName}\``, 'it is not one Compose knows');
    else {
      data.restart = m[1];
      if (m[2]) notes.dropped(restart!.at, `the retry limit ${m[2]} of \`restart: on-failure\` of \`${composeName}\``, 'stack.yaml restart policies have no retry limit');
    }
  } else {
    const policy = str(get(get(deploy, 'restart_policy'), 'condition'));
    const mapped = policy ? DEPLOY_RESTART[policy] : undefined;
    const at = service.at.file === '' ? service.at : (entry(service, 'image') ?? entry(service, 'build'))?.keyAt ?? service.at;
    // Compose's default `no`, unless that would make a long-running service a one-shot.
    const portlessServer = !mapped && !ctx.completed.has(composeName) && !declaresPorts(service) && !ctx.healthy.has(ctx.names.get(composeName)!);
    data.restart = mapped ?? (portlessServer ? 'on-failure' : 'no');
    if (portlessServer) notes.changed(at, `\`${composeName}\` has no restart policy and no ports: with Compose's default \`no\` stackc would take it for a one-shot (run to completion; a Kubernetes Job its dependents wait for), so it is written as \`on-failure\``, { hint: 'if it is a one-shot (a migration), set `restart: "no"`' });
    else if (!mapped) notes.changed(at, `\`${composeName}\` has no restart policy: Compose's default \`no\` is written out, since stackc's default would be \`unless-stopped\``);
  }
  const replicas = str(get(deploy, 'replicas')) ?? str(get(service, 'scale'));
  if (replicas !== undefined) {
    if (/^\d+$/.test(replicas)) data.replicas = Number(replicas);
    else notes.dropped((get(deploy, 'replicas') ?? get(service, 'scale'))!.at, `replicas \`${replicas}\` of \`${composeName}\``, 'it is not a number');
  }
  const limits = get(get(deploy, 'resources'), 'limits');
  const reservations = get(get(deploy, 'resources'), 'reservations');
  const resources: Record<string, unknown> = {};
  const requests: Record<string, unknown> = {};
  // Docker reads 0 as "no limit": a zero limit in stack.yaml would be one no container can meet.
  const unlimited = (key: string, node: CNode, t: string, into: Record<string, unknown>) =>
    notes.changed(node.at, `\`${key}: ${t}\` of \`${composeName}\` means no ${into === requests ? 'reservation' : 'limit'} in Compose: stack.yaml sets none`);
  const cpu = (key: string, node: CNode | undefined, into: Record<string, unknown>) => {
    const t = str(node);
    if (t === undefined) return;
    if (Number(t) === 0) return unlimited(key, node!, t, into);
    const c = cpuText(t);
    if (c) into.cpu = c;
    else notes.dropped(node!.at, `cpus \`${t}\` of \`${composeName}\``, 'it is not a number of CPUs');
  };
  const mem = (key: string, node: CNode | undefined, into: Record<string, unknown>) => {
    const t = str(node);
    if (t === undefined) return;
    const m = dockerMemory(t);
    if (m !== undefined && Number(/^[\d.]+/.exec(m)![0]) === 0) return unlimited(key, node!, t, into);
    if (m) into.memory = m;
    else notes.dropped(node!.at, `memory \`${t}\` of \`${composeName}\``, 'it is not a Docker memory size');
  };
  cpu('cpus', get(limits, 'cpus') ?? get(service, 'cpus'), resources);
  mem(get(limits, 'memory') ? 'memory' : 'mem_limit', get(limits, 'memory') ?? get(service, 'mem_limit'), resources);
  cpu('cpus', get(reservations, 'cpus'), requests);
  mem(get(reservations, 'memory') ? 'memory' : 'mem_reservation', get(reservations, 'memory') ?? get(service, 'mem_reservation'), requests);
  if (Object.keys(requests).length > 0) resources.requests = requests;
  if (Object.keys(resources).length > 0) data.resources = resources;
  for (const [node, allowed] of [[get(get(deploy, 'resources'), 'limits'), ['cpus', 'memory']], [get(get(deploy, 'resources'), 'reservations'), ['cpus', 'memory']]] as const) {
    if (node?.kind === 'map') for (const e of node.entries) if (!(allowed as readonly string[]).includes(e.key)) notes.dropped(e.keyAt, `deploy resources \`${e.key}\` of \`${composeName}\``, 'stack.yaml resources are CPU and memory');
  }
  if (deploy?.kind === 'map') {
    for (const e of deploy.entries) {
      if (e.key === 'replicas' || e.key === 'resources') continue;
      if (e.key === 'update_config') {
        mapUpdateConfig(composeName, deploy, data, notes);
        continue;
      }
      if (e.key === 'restart_policy' && restartText === undefined) {
        const extra = e.value.kind === 'map' ? e.value.entries.filter((x) => x.key !== 'condition') : [];
        for (const x of extra) notes.dropped(x.keyAt, `restart_policy \`${x.key}\` of \`${composeName}\``, 'stack.yaml restart policies have no delays or attempt limits');
        continue;
      }
      notes.dropped(e.keyAt, `deploy \`${e.key}\` of \`${composeName}\``, e.key === 'mode' ? 'stack.yaml runs `replicas` copies (no global mode)' : 'stack.yaml has no such deploy setting (it is for Swarm)');
    }
  }
}

/** Volumes, and the read-only bind mounts of one file, which become `files:`. */
function mapVolumes(composeName: string, service: CMap, ctx: ServiceMapContext): { volumes: unknown[]; files: unknown[] } {
  const { notes } = ctx;
  const out: unknown[] = [];
  const files: unknown[] = [];
  const { mounts, problems } = parseVolumes(service);
  for (const p of problems) notes.dropped(p.at, `${p.message} of \`${composeName}\``, 'it is not a volume stackc understands', { affects: { service: composeName, aspect: 'volumes' } });
  for (const m of mounts) {
    const affects = { affects: { service: composeName, aspect: 'volumes' as const, key: m.target.replace(/(.)\/+$/, '$1') } };
    const ro = m.readOnly ? ':ro' : '';
    for (const x of m.extras) notes.dropped(m.at, `mount option \`${x}\` of \`${m.target}\` in \`${composeName}\``, 'stack.yaml mounts are read-only or read-write, without other options');
    if (!m.target.startsWith('/') || m.target.includes(':')) {
      notes.dropped(m.at, `the mount at \`${m.target}\` of \`${composeName}\``, 'stack.yaml mount paths are absolute paths without `:`', affects);
      continue;
    }
    if (m.type === 'tmpfs' || m.type === 'other') {
      notes.dropped(m.at, `the ${m.type === 'tmpfs' ? 'tmpfs' : 'special'} mount at \`${m.target}\` of \`${composeName}\``, 'stack.yaml mounts are named volumes and bind mounts', affects);
      continue;
    }
    if (m.type === 'anonymous') {
      // Named after the service and path, which may be a backing service's data volume (`cache-data`).
      const derived = volumeName(`${composeName}-${m.target}`);
      const name = resourceOwningVolume(derived, [...ctx.resourceNames].map((r) => ctx.names.get(r) ?? r)) ? volumeName(`${derived}-volume`) : derived;
      notes.changed(m.at, `the anonymous volume at \`${m.target}\` of \`${composeName}\` becomes the named volume \`${name}\`: stack.yaml volumes have names`, affects);
      out.push(`${name}:${m.target}${ro}`);
      continue;
    }
    if (m.type === 'bind') {
      const fromDir = ctx.fileDirs.get(m.at.file) ?? ctx.cwd;
      const file = m.readOnly && m.source ? bindMountFile(m.source, m.target, fromDir, { outDir: ctx.outDir, rebase }) : undefined;
      if (file) {
        notes.changed(m.at, `the read-only bind mount of \`${m.source}\` at \`${m.target}\` in \`${composeName}\` is a file of \`files:\`: every platform mounts it (Compose as a config)`);
        files.push(file);
        continue;
      }
      const rebased = m.source ? rebase(m.source, fromDir, ctx.outDir) : undefined;
      if (!rebased || rebased === '.' ) {
        if (rebased === '.') out.push({ source: '.', path: m.target, ...(m.readOnly ? { readonly: true } : {}) });
        else notes.dropped(m.at, `the bind mount of \`${m.source}\` at \`${m.target}\` in \`${composeName}\``, 'stack.yaml bind mounts are directories of the project (a host path such as /var/run/docker.sock is not portable)', affects);
        continue;
      }
      out.push(/:/.test(rebased) ? { source: rebased, path: m.target, ...(m.readOnly ? { readonly: true } : {}) } : `${rebased}:${m.target}${ro}`);
      continue;
    }
    let name = volumeName(m.source!);
    if (name !== m.source) notes.changed(m.at, `volume \`${m.source}\` of \`${composeName}\` is named \`${name}\` in stack.yaml (volume names are DNS labels): existing data stays in the old volume`, { ...affects, hint: `copy it over once, or keep using the old volume by hand` });
    // stackc keeps a backing service's data in a volume of its own name: a service volume of that
    // name would share it (stack.yaml refuses it).
    const owner = resourceOwningVolume(name, [...ctx.resourceNames].map((r) => ctx.names.get(r) ?? r));
    if (owner) {
      const renamed = volumeName(`${name}-volume`);
      notes.changed(m.at, `volume \`${name}\` of \`${composeName}\` is named \`${renamed}\` in stack.yaml: stackc keeps the data of the backing service \`${owner}\` in a volume called \`${name}\`, which a service volume must not share`, { ...affects, hint: 'existing data stays in the old volume; copy it over once if you need it' });
      name = renamed;
    }
    out.push(`${name}:${m.target}${ro}`);
  }
  return { volumes: out, files };
}

/** A compose volume name as a DNS label: `postgres_data` → `postgres-data`. */
export function volumeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').replace(/-{2,}/g, '-').slice(0, 63).replace(/-+$/, '') || 'data';
}

export { isDnsLabel } from './service-names.js';
