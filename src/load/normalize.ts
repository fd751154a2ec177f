// validated stack.yaml data → Stack model. Pure: no I/O, no diagnostics (the checks ran before and
// guarantee what this file assumes, e.g. that every override names a declared environment).
import type { StackFile } from '../model/stack-file.generated.js';
import { DEFAULT_ENVIRONMENT, DEFAULT_STORAGE, HEALTHCHECK_DEFAULTS, LOCAL_DOMAIN } from '../model/defaults.js';
import { roleFromName } from '../model/environment-role.js';
import { mainPort } from '../model/ports.js';
import { splitUser } from '../model/user.js';
import { awsS3Endpoint, DEFAULT_S3_REGION, defaultBucketName, RESOURCE_KINDS, type ResourceType } from '../model/resource-types.js';
import type {
  Autoscale, Build, Ci, Command, ComputeResources, DataPath, Dependency, Duration, Environment, EnvironmentView, EnvVar,
  Healthcheck, Job, LintConfig, MountedFile, Port, Probe, Public, PublicRedirect, Registry, Resource, ResourcePublish, Rollout, RolloutAmount, S3Bucket, ContainerSpec, ContainerOutput, ContainerEnvVar, Service, Stack, StaticSite, TargetConfig, User, Volume,
} from '../model/stack.js';
import { parseCron } from '../model/cron.js';
import { parseOutputTemplate } from '../model/container-outputs.js';
import { parseTemplate, substitute, templateText, type Reference, type Template } from '../model/template.js';
import { ecrRegion } from '../vocabulary/registry-hosts.js';
import { normalizeCpu, parseDuration, parsePortString, parseVolumeString, projectPath, scalarText } from './values.js';

/** Keys of the map at a path in source order (JavaScript objects move integer-like keys first). */
export type KeyOrder = (path: DataPath) => string[] | undefined;

type Raw = Record<string, unknown>;
type RawService = NonNullable<StackFile['services']>[string];
type RawResource = NonNullable<StackFile['resources']>[string];
type RawJob = NonNullable<StackFile['jobs']>[string];


export interface NormalizeInput {
  data: StackFile;
  root: string;
  file: string;
  keyOrder?: KeyOrder;
}

export function normalize({ data, root, file, keyOrder }: NormalizeInput): Stack {
  const keys = (obj: object | undefined, path: DataPath): string[] => {
    if (!obj) return [];
    const ordered = keyOrder?.(path);
    const own = Object.keys(obj);
    return ordered && ordered.length === own.length ? ordered : own;
  };

  const environments = environmentsOf(data, keys);
  const views = new Map<string, EnvironmentView>();
  for (const environment of environments) {
    const resources = keys(data.resources, ['resources']).map((name) =>
      resourceIn(name, data.resources![name]!, environment.name, data.name),
    );
    const services = keys(data.services, ['services'])
      .map((name) => serviceIn(name, data.services![name]!, environment, data, keys))
      .filter((s): s is Service => s !== undefined);
    const jobs = keys(data.jobs, ['jobs'])
      .map((name) => jobIn(name, data.jobs![name]!, environment, data, keys))
      .filter((j): j is Job => j !== undefined);
    views.set(environment.name, { environment, services, resources, jobs });
  }

  return {
    name: data.name,
    ...(data.description ? { description: data.description } : {}),
    root,
    file,
    environments,
    views,
    ...(data.ci ? { ci: ciOf(data.ci, keys) } : {}),
    registries: registriesOf(data, keys),
    targets: targetsOf(data, environments, keys),
    plugins: data.plugins ?? [],
    lint: lintOf(data.lint),
  };
}

function environmentsOf(data: StackFile, keys: (o: object | undefined, p: DataPath) => string[]): Environment[] {
  if (!data.environments || Object.keys(data.environments).length === 0) {
    return [{ name: DEFAULT_ENVIRONMENT, role: roleFromName(DEFAULT_ENVIRONMENT), approval: false, path: [] }];
  }
  return keys(data.environments, ['environments']).map((name) => {
    const e = data.environments![name]!;
    return {
      name,
      ...(e.description ? { description: e.description } : {}),
      role: e.role ?? roleFromName(name),
      ...(e.domain ? { domain: e.domain } : {}),
      ...(e.branch ? { branch: e.branch } : {}),
      ...(e.tags ? { tags: e.tags } : {}),
      approval: e.approval ?? false,
      path: ['environments', name],
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Overrides

/**
 * The service's settings in one environment: the override's fields replace the base's; maps merge
 * key by key (`null` removes a key); lists replace. Records where each field came from.
 */
export function mergeOverride(base: Raw, override: Raw | undefined, basePath: DataPath, overridePath: DataPath): { merged: Raw; origins: Record<string, DataPath> } {
  const merged: Raw = {};
  const origins: Record<string, DataPath> = {};
  for (const [k, v] of Object.entries(base)) {
    if (k === 'environments' || k.startsWith('x-')) continue;
    merged[k] = v;
    origins[k] = [...basePath, k];
  }
  for (const [k, v] of Object.entries(override ?? {})) {
    merged[k] = k in MERGE_FIELDS ? MERGE_FIELDS[k]!(merged[k], v) : v;
    origins[k] = [...overridePath, k];
  }
  return { merged, origins };
}

const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over;
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = deepMerge(out[k], v);
  }
  return out;
}

const PROBE_KEYS = ['http', 'command', 'tcp', 'disable', 'reason'];

/** An override that names its host (`host` or `hosts`) replaces the base's, whichever form each uses. */
const withoutHosts = (base: Raw, over: Raw): Raw =>
  'host' in over || 'hosts' in over ? Object.fromEntries(Object.entries(base).filter(([k]) => k !== 'host' && k !== 'hosts')) : base;

/** Fields merged rather than replaced; a healthcheck override that names a probe replaces the probe. */
const MERGE_FIELDS: Record<string, (base: unknown, over: unknown) => unknown> = {
  env: deepMerge,
  labels: deepMerge,
  resources: deepMerge,
  autoscale: deepMerge,
  static: deepMerge,
  build: (base, over) => deepMerge(typeof base === 'string' ? { context: base } : base, typeof over === 'string' ? { context: over } : over),
  public: (base, over) => (isMap(base) && isMap(over) ? deepMerge(withoutHosts(base, over), over) : over),
  healthcheck: (base, over) => {
    if (!isMap(base) || !isMap(over)) return over;
    const replacesProbe = PROBE_KEYS.some((k) => k in over);
    const kept = replacesProbe ? Object.fromEntries(Object.entries(base).filter(([k]) => !PROBE_KEYS.includes(k))) : base;
    return deepMerge(kept, over);
  },
};

// ---------------------------------------------------------------------------------------------
// Services

function serviceIn(
  name: string,
  raw: RawService,
  environment: Environment,
  data: StackFile,
  keys: (o: object | undefined, p: DataPath) => string[],
): Service | undefined {
  const path: DataPath = ['services', name];
  const { merged, origins } = mergeOverride(raw as Raw, raw.environments?.[environment.name] as Raw | undefined, path, [...path, 'environments', environment.name]);
  const s = merged as RawService;
  if (s.enabled === false) return undefined;
  const at = (field: string): DataPath => origins[field] ?? [...path, field];
  const envKeys = raw.environments?.[environment.name]?.env ? Object.keys(s.env ?? {}) : keys(s.env, at('env'));
  const envPath = (k: string): DataPath => (raw.environments?.[environment.name]?.env?.[k] !== undefined ? [...path, 'environments', environment.name, 'env', k] : [...path, 'env', k]);
  const overridden = raw.environments?.[environment.name]?.public;
  const publicAt = (field: string): DataPath =>
    isMap(overridden) && field in overridden ? [...path, 'environments', environment.name, 'public', field] : [...path, 'public', field];
  return serviceOf(name, s, envVarsOf(s.env, envKeys, envPath, environment), environment, data, path, origins, publicAt);
}

/** Plain variables in `keys` order (`null` removed), `${environment.*}` resolved. */
function envVarsOf(env: Raw | undefined, envKeys: readonly string[], pathOf: (key: string) => DataPath, environment: Environment): EnvVar[] {
  return envKeys
    .filter((k) => env![k] !== null && env![k] !== undefined)
    .map((k) => {
      const value = env![k] as string | number | boolean;
      const template = typeof value === 'string' ? parseTemplate(value).template : { parts: [scalarText(value)] };
      return { name: k, value: withEnvironment(template, environment), path: pathOf(k) };
    });
}

/** A service from its settings in one environment (merged, `enabled` checked). */
function serviceOf(
  name: string,
  s: RawService,
  env: EnvVar[],
  environment: Environment,
  data: StackFile,
  path: DataPath,
  origins: Record<string, DataPath>,
  publicAt: (field: string) => DataPath = (field) => [...path, 'public', field],
): Service {
  const at = (field: string): DataPath => origins[field] ?? [...path, field];
  const ports = (s.ports ?? []).map((p, i) => portOf(p, [...at('ports'), i]));
  return {
    name,
    kind: s.static ? 'static' : 'container',
    ...(s.description ? { description: s.description } : {}),
    ...(s.build ? { build: buildOf(s.build) } : {}),
    ...(s.image ? { image: s.image } : {}),
    ...(s.static ? { static: staticOf(s.static) } : {}),
    ...(s.command ? { command: commandOf(s.command) } : {}),
    ...(s.entrypoint ? { entrypoint: commandOf(s.entrypoint) } : {}),
    ...(s.release ? { release: commandOf(s.release) } : {}),
    ports,
    ...(s.public ? { public: publicOf(s.public, ports, environment, at('public'), publicAt) } : {}),
    env,
    secrets: (s.secrets ?? []).map((n, i) => ({ name: n, path: [...at('secrets'), i] })),
    ...(s.healthcheck ? { healthcheck: healthcheckOf(s.healthcheck as Raw, ports, at('healthcheck')) } : {}),
    ...(s.user !== undefined ? { user: userOf(s.user) } : {}),
    readOnly: s.read_only ?? false,
    ...(s.resources ? { resources: computeOf(s.resources as Raw, at('resources')) } : {}),
    replicas: s.replicas ?? 1,
    ...(s.autoscale ? { autoscale: autoscaleOf(s.autoscale, s.replicas, at('autoscale')) } : {}),
    restart: s.restart ?? 'unless-stopped',
    ...(s.stop_signal ? { stopSignal: { name: s.stop_signal, path: at('stop_signal') } } : {}),
    ...(s.stop_grace_period ? { stopGracePeriod: durationOf(s.stop_grace_period, at('stop_grace_period')) } : {}),
    ...(s.drain_period ? { drainPeriod: durationOf(s.drain_period, at('drain_period')) } : {}),
    ...(s.rollout ? { rollout: rolloutOf(s.rollout, at('rollout')) } : {}),
    volumes: (s.volumes ?? []).map((v, i) => volumeOf(v, [...at('volumes'), i])),
    files: filesOf(s.files, at('files'), environment),
    dependsOn: (s.depends_on ?? []).map((d, i): Dependency => ({ name: d, kind: data.resources?.[d] ? 'resource' : 'service', path: [...at('depends_on'), i] })),
    labels: { ...(s.labels ?? {}) },
    path,
    origins,
  };
}

// ---------------------------------------------------------------------------------------------
// Jobs

/** What `from: <service>` copies from the service, as the service has it in the environment. */
export const FROM_SERVICE_KEYS = ['image', 'build', 'env', 'secrets', 'volumes', 'user', 'resources'] as const;

/**
 * A job's settings in one environment: the `from` service's (as merged for the environment), then
 * the job's own, merged with its override; the job's keys replace the service's, `env` merges key
 * by key. `undefined` when it is disabled there.
 */
export function jobSettingsIn(name: string, raw: RawJob, environment: string, data: StackFile): { merged: Raw; origins: Record<string, DataPath>; envPath: (key: string) => DataPath } | undefined {
  const path: DataPath = ['jobs', name];
  const own = mergeOverride(raw as Raw, raw.environments?.[environment] as Raw | undefined, path, [...path, 'environments', environment]);
  if (own.merged.enabled === false) return undefined;
  const ownEnvPath = (k: string): DataPath | undefined =>
    raw.environments?.[environment]?.env?.[k] !== undefined ? [...path, 'environments', environment, 'env', k] : raw.env?.[k] !== undefined ? [...path, 'env', k] : undefined;
  // An HTTP job is a request to the service, not a run of its container: it copies nothing.
  const source = typeof own.merged.from === 'string' && own.merged.http === undefined ? data.services?.[own.merged.from] : undefined;
  if (!source) return { ...own, envPath: (k) => ownEnvPath(k) ?? [...path, 'env', k] };
  const from = own.merged.from as string;
  const servicePath: DataPath = ['services', from];
  const service = mergeOverride(source as Raw, source.environments?.[environment] as Raw | undefined, servicePath, [...servicePath, 'environments', environment]);
  const merged: Raw = {};
  const origins: Record<string, DataPath> = {};
  for (const key of FROM_SERVICE_KEYS) {
    if (service.merged[key] === undefined) continue;
    merged[key] = service.merged[key];
    origins[key] = service.origins[key]!;
  }
  for (const [key, value] of Object.entries(own.merged)) {
    merged[key] = key === 'env' ? deepMerge(merged.env ?? {}, value) : value;
    origins[key] = own.origins[key]!;
  }
  const serviceEnvPath = (k: string): DataPath =>
    source.environments?.[environment]?.env?.[k] !== undefined ? [...servicePath, 'environments', environment, 'env', k] : [...servicePath, 'env', k];
  return { merged, origins, envPath: (k) => ownEnvPath(k) ?? serviceEnvPath(k) };
}

function jobIn(name: string, raw: RawJob, environment: Environment, data: StackFile, keys: (o: object | undefined, p: DataPath) => string[]): Job | undefined {
  const settings = jobSettingsIn(name, raw, environment.name, data);
  if (!settings) return undefined;
  const { merged, origins, envPath } = settings;
  const j = merged as RawJob & Raw;
  const path: DataPath = ['jobs', name];
  const at = (field: string): DataPath => origins[field] ?? [...path, field];
  const env = j.env as Raw | undefined;
  // One source keeps its written order; merged maps keep insertion order (env names are never integer-like).
  const envKeys = env === raw.env ? keys(env, at('env')) : Object.keys(env ?? {});
  const service = serviceOf(name, { ...(j as RawService), restart: 'no' }, envVarsOf(env, envKeys, envPath, environment), environment, data, path, origins);
  const schedule = typeof j.schedule === 'string' ? parseCron(j.schedule) : undefined;
  return {
    ...service,
    ...(typeof j.from === 'string' ? { from: { service: j.from, path: at('from') } } : {}),
    trigger: schedule ? 'schedule' : (j.trigger ?? 'manual'),
    ...(schedule?.ok ? { schedule: { cron: schedule.cron, ...(j.timezone ? { timezone: j.timezone } : {}), path: at('schedule') } } : {}),
    ...(j.concurrency ? { concurrency: { policy: j.concurrency, path: at('concurrency') } } : {}),
    ...(j.timeout ? { timeout: { ms: parseDuration(j.timeout), text: j.timeout, path: at('timeout') } } : {}),
    retries: j.retries ?? 0,
    ...(typeof j.http === 'string' ? { http: { path: j.http, at: at('http') } } : {}),
  };
}

/** Resolves `${environment.*}`; resource and service references stay for the targets. */
export function withEnvironment(t: Template, environment: Environment): Template {
  return substitute(t, (ref: Reference) => {
    if (ref.root !== 'environment') return undefined;
    if (ref.key === 'name') return environment.name;
    if (ref.key === 'domain') return environment.domain ?? LOCAL_DOMAIN;
    return undefined;
  });
}

function buildOf(b: NonNullable<RawService['build']>): Build {
  const o = typeof b === 'string' ? { context: b } : b;
  return {
    context: projectPath(o.context) ?? o.context,
    dockerfile: o.dockerfile ? projectPath(o.dockerfile) ?? o.dockerfile : 'Dockerfile',
    ...(o.target ? { target: o.target } : {}),
    args: Object.fromEntries(Object.entries(o.args ?? {}).map(([k, v]) => [k, scalarText(v)])),
    ...(o.secrets?.length ? { secrets: [...o.secrets] } : {}),
    ...(o.platforms ? { platforms: [...o.platforms] } : {}),
  };
}

function staticOf(site: NonNullable<RawService['static']>): StaticSite {
  const s = site as unknown as Raw;
  const text = (k: keyof StaticSite) => (s[k] === undefined ? {} : { [k]: String(s[k]) });
  return { root: projectPath(String(s.root)) ?? String(s.root), ...text('framework'), ...text('install'), ...text('build'), ...text('output'), ...text('node') };
}

/** A list runs as is; a string runs through `sh -c`. */
export const commandOf = (c: string | string[]): Command => (typeof c === 'string' ? ['sh', '-c', c] : [...c]);

function portOf(p: NonNullable<RawService['ports']>[number], path: DataPath): Port {
  if (typeof p === 'object') {
    const protocol = p.protocol ?? 'tcp';
    const publish = p.publish ?? true;
    return {
      container: p.port,
      containerEnd: p.port,
      ...(publish ? { host: p.host ?? p.port, hostEnd: p.host ?? p.port } : {}),
      ...(publish && p.bind !== undefined ? { bind: p.bind } : {}),
      protocol,
      ...(p.name ? { name: p.name } : {}),
      path,
    };
  }
  const range = typeof p === 'number' ? { container: p, containerEnd: p, host: p, hostEnd: p, protocol: 'tcp' as const } : parsePortString(p);
  return { ...range, path };
}

function publicOf(p: NonNullable<RawService['public']>, ports: Port[], environment: Environment, at: DataPath, fieldAt: (field: string) => DataPath): Public {
  const o = typeof p === 'object' ? p : {};
  const resolved = (text: string): string => templateText(withEnvironment(parseTemplate(text).template, environment)) ?? text;
  const [first, ...others] = o.hosts ?? [];
  const written = o.host ?? first;
  const host = written ? resolved(written) : (environment.domain ?? LOCAL_DOMAIN);
  const aliases = others.map((name, i) => ({ name: resolved(name), at: [...fieldAt('hosts'), i + 1] }));
  const redirects = (o.redirects ?? []).map((r, i): PublicRedirect => {
    const redirectAt = [...fieldAt('redirects'), i];
    if (typeof r === 'string') return { from: resolved(r), to: host, permanent: true, at: redirectAt };
    return { from: resolved(r.from), to: r.to ? resolved(r.to) : host, permanent: r.permanent ?? true, at: [...redirectAt, 'from'], ...(r.to ? { toAt: [...redirectAt, 'to'] } : {}) };
  });
  return { host, path: o.path ?? '/', port: o.port ?? mainPort(ports) ?? 80, at, ...(aliases.length ? { aliases } : {}), ...(redirects.length ? { redirects } : {}) };
}

function healthcheckOf(h: Raw, ports: Port[], path: DataPath): Healthcheck {
  const timings = {
    intervalMs: parseDuration(String(h.interval ?? HEALTHCHECK_DEFAULTS.interval)),
    timeoutMs: parseDuration(String(h.timeout ?? HEALTHCHECK_DEFAULTS.timeout)),
    retries: Number(h.retries ?? HEALTHCHECK_DEFAULTS.retries),
    startPeriodMs: parseDuration(String(h.start_period ?? HEALTHCHECK_DEFAULTS.start_period)),
    path,
  };
  if (h.disable) return { ...timings, disabledReason: String(h.reason ?? '') };
  return { ...timings, probe: probeOf(h, ports) };
}

function probeOf(h: Raw, ports: Port[]): Probe {
  if (h.http !== undefined) {
    const http = typeof h.http === 'string' ? { path: h.http } : (h.http as { path: string; port?: number });
    const port = http.port ?? mainPort(ports);
    return port === undefined ? { kind: 'http', path: http.path, port: 80, portMissing: true } : { kind: 'http', path: http.path, port };
  }
  if (h.command !== undefined) return { kind: 'command', command: commandOf(h.command as string | string[]) };
  return { kind: 'tcp', port: Number(h.tcp) };
}

export function userOf(u: string | number): User {
  const text = String(u);
  const { user, group } = splitUser(text);
  const numeric = (s: string | undefined) => (s !== undefined && /^[0-9]+$/.test(s) ? Number(s) : undefined);
  const uid = numeric(user);
  const gid = numeric(group);
  return { text, ...(uid !== undefined ? { uid } : { name: user }), ...(gid !== undefined ? { gid } : {}) };
}

function computeOf(r: Raw, path: DataPath): ComputeResources {
  const req = (r.requests ?? {}) as Raw;
  const cpu = (v: unknown) => (v === undefined ? {} : { cpu: normalizeCpu(v as string | number) });
  const memory = (v: unknown) => (v === undefined ? {} : { memory: String(v) });
  return { ...cpu(r.cpu), ...memory(r.memory), requests: { ...cpu(req.cpu ?? r.cpu), ...memory(req.memory ?? r.memory) }, path };
}

function autoscaleOf(a: NonNullable<RawService['autoscale']>, replicas: number | undefined, path: DataPath): Autoscale {
  return { min: a.min ?? Math.max(1, replicas ?? 1), max: a.max, cpu: a.cpu ?? 80, path };
}

const durationOf = (text: string, path: DataPath): Duration => ({ ms: parseDuration(text), text, path });

function rolloutOf(r: NonNullable<RawService['rollout']>, path: DataPath): Rollout {
  if (typeof r === 'string') return { strategy: r, path };
  const amount = (a: number | string | undefined): RolloutAmount | undefined =>
    a === undefined ? undefined : typeof a === 'number' ? { kind: 'count', count: a } : { kind: 'percent', percent: Number(a.slice(0, -1)) };
  const maxSurge = amount(r.max_surge);
  const maxUnavailable = amount(r.max_unavailable);
  return { strategy: r.strategy, ...(maxSurge ? { maxSurge } : {}), ...(maxUnavailable ? { maxUnavailable } : {}), path };
}

function volumeOf(v: NonNullable<RawService['volumes']>[number], at: DataPath): Volume {
  if (typeof v === 'string') {
    const parsed = parseVolumeString(v);
    return parsed.kind === 'bind'
      ? { ...parsed, source: projectPath(parsed.source) ?? parsed.source, at }
      : { ...parsed, size: DEFAULT_STORAGE, at };
  }
  if (v.source !== undefined) return { kind: 'bind', source: projectPath(v.source) ?? v.source, path: v.path, readonly: v.readonly ?? false, at };
  return { kind: 'named', name: v.name!, path: v.path, readonly: v.readonly ?? false, size: v.size ?? DEFAULT_STORAGE, at };
}

/**
 * `files:` as the model holds them, for whatever mounts files (services, and jobs when they come):
 * sources made project-relative, `${environment.*}` resolved in inline content, modes as numbers.
 */
export function filesOf(files: RawService['files'], at: DataPath, environment: Environment): MountedFile[] {
  return (files ?? []).map((f, i): MountedFile => {
    const path: DataPath = [...at, i];
    const content: MountedFile['content'] =
      f.source !== undefined
        ? { kind: 'repository', source: projectPath(f.source) ?? f.source, at: [...path, 'source'] }
        : { kind: 'inline', template: withEnvironment(parseTemplate(f.content ?? '').template, environment), at: [...path, 'content'] };
    return { path: f.path, content, ...(f.mode !== undefined ? { mode: parseInt(f.mode, 8) } : {}), at: path };
  });
}

// ---------------------------------------------------------------------------------------------
// Resources, CI, targets, lint

function resourceIn(name: string, raw: RawResource, environment: string, stackName: string): Resource {
  const path: DataPath = ['resources', name];
  const { merged, origins } = mergeOverride(raw as unknown as Raw, raw.environments?.[environment] as Raw | undefined, path, [...path, 'environments', environment]);
  const r = merged as unknown as RawResource;
  const type = r.type as ResourceType;
  const kind = RESOURCE_KINDS[type];
  const version = type === 'container' ? imageTag(r.image ?? '') : r.version === undefined ? kind.defaultVersion : String(r.version);
  return {
    name,
    type,
    ...(r.description ? { description: r.description } : {}),
    version,
    image: type === 'container' ? (r.image ?? '') : `${kind.image}:${version}`,
    port: type === 'container' ? (r.port ?? 0) : kind.port,
    storage: r.storage ?? DEFAULT_STORAGE,
    external: r.external ?? false,
    ...(r.publish !== undefined ? { publish: publishOf(r.publish, origins.publish ?? [...path, 'publish']) } : {}),
    ...(kind.hasDatabase ? { database: r.database ?? stackName.replace(/-/g, '_') } : {}),
    ...(type === 's3' ? { s3: s3BucketOf(r, name, stackName) } : {}),
    ...(type === 'container' ? { container: containerOf(r, path) } : {}),
    path,
    origins,
  };
}

/** The bucket as written, or `<stack>-<resource>` in the region written, or the default one. */
function s3BucketOf(r: RawResource, name: string, stackName: string): S3Bucket {
  const region = r.region ?? DEFAULT_S3_REGION;
  return { bucket: r.bucket ?? defaultBucketName(stackName, name), region, ...(r.external ? { endpoint: r.endpoint ?? awsS3Endpoint(region) } : {}) };
}

/** A container resource's variables, data directory, user and outputs (the checks reported bad ones). */
function containerOf(r: RawResource, path: DataPath): ContainerSpec {
  const outputs = Object.entries(r.outputs ?? {}).map(([name, o]): ContainerOutput => {
    const at: DataPath = [...path, 'outputs', name];
    return typeof o === 'string' ? { name, kind: 'template', parts: parseOutputTemplate(o).parts, at } : { name, kind: 'secret', at };
  });
  return {
    environment: Object.entries(r.environment ?? {}).map(([name, v]): ContainerEnvVar => (typeof v === 'object' ? { name, secretOutput: v.secret } : { name, value: String(v) })),
    ...(r.volume !== undefined ? { volume: r.volume } : {}),
    ...(r.user !== undefined ? { user: String(r.user) } : {}),
    outputs,
  };
}

/** The tag an image reference is pinned to (`8.15.0`), `latest` without one, `digest` for `@sha256:...`. */
function imageTag(image: string): string {
  if (image.includes('@')) return 'digest';
  const name = image.slice(image.lastIndexOf('/') + 1);
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : 'latest';
}

function publishOf(p: NonNullable<RawResource['publish']>, at: DataPath): ResourcePublish {
  if (p === false) return { published: false, at };
  const o = p === true ? {} : p;
  return { published: true, ...(o.host !== undefined ? { host: o.host } : {}), ...(o.bind !== undefined ? { bind: o.bind } : {}), at };
}

/** `registries:`; the checks made sure `aws` is only on an ECR host (so it has a region). */
function registriesOf(data: StackFile, keys: (o: object | undefined, p: DataPath) => string[]): Registry[] {
  return keys(data.registries, ['registries']).map((host) => {
    const entry = data.registries![host]!;
    const path: DataPath = ['registries', host];
    if (entry.credentials) return { host, login: { kind: 'credentials', username: entry.credentials.username, password: entry.credentials.password }, path };
    if (entry.aws) return { host, login: { kind: 'aws', role: entry.aws.role, region: ecrRegion(host) ?? '' }, path };
    const gcp = entry.gcp!;
    return { host, login: { kind: 'gcp', workloadIdentityProvider: gcp.workload_identity_provider, serviceAccount: gcp.service_account }, path };
  });
}

function ciOf(ci: NonNullable<StackFile['ci']>, keys: (o: object | undefined, p: DataPath) => string[]): Ci {
  const workingDirectory = ci.working_directory ? projectPath(ci.working_directory) ?? ci.working_directory : '.';
  return {
    runtime: Object.fromEntries(keys(ci.runtime, ['ci', 'runtime']).map((k) => [k, String((ci.runtime as Raw)[k])])),
    workingDirectory,
    steps: keys(ci.steps, ['ci', 'steps']).map((name) => {
      const step = ci.steps![name]!;
      if (typeof step === 'string') return { name, run: step, workingDirectory, path: ['ci', 'steps', name] };
      const dir = step.working_directory ? projectPath(step.working_directory) ?? step.working_directory : workingDirectory;
      return { name, run: step.run, workingDirectory: dir, path: ['ci', 'steps', name, 'run'] };
    }),
    services: ci.services ?? [],
    path: ['ci'],
  };
}

function targetsOf(data: StackFile, environments: Environment[], keys: (o: object | undefined, p: DataPath) => string[]): TargetConfig[] {
  const all = environments.map((e) => e.name);
  return keys(data.targets, ['targets']).map((name) => {
    const options = ((data.targets as Raw)[name] ?? {}) as Raw;
    const wanted = options.environments as string[] | undefined;
    return {
      name,
      options,
      environments: wanted ? all.filter((e) => wanted.includes(e)) : all,
      ...(options.services ? { services: [...(options.services as string[])] } : {}),
      path: ['targets', name],
    };
  });
}

function lintOf(lint: StackFile['lint']): LintConfig {
  const rules: LintConfig['rules'] = {};
  for (const [id, setting] of Object.entries(lint?.rules ?? {})) {
    const path = ['lint', 'rules', id];
    rules[id] = Array.isArray(setting) ? { level: setting[0], options: setting[1] as Record<string, unknown>, path } : { level: setting, path };
  }
  return { preset: lint?.preset ?? 'recommended', rules, ignore: [...(lint?.ignore ?? [])], path: ['lint'] };
}
