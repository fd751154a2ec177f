// `stackc import`: compose files → a commented stack.yaml, and the report of what was not carried
// over. Reads files (compose files, env files) but writes nothing; the CLI command writes.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadStackText } from '../load/load-stack.js';
import { toDnsLabel } from '../model/dns-label.js';
import { RESOURCE_KINDS, type ResourceType } from '../model/resource-types.js';
import { parseDependsOn, parseHealthcheck, parsePorts, parseVolumes } from './compose-model.js';
import { serviceEnvironment, type EnvEntry } from './environment.js';
import { secretSources } from './build-secrets.js';
import { isOfelia, isOfeliaLabel, ofeliaAsJob, ofeliaJobs, oneShotJob, supercronicJobs, type ServiceLookup } from './jobs.js';
import { importsAsOneShot, mapService, isDnsLabel, volumeName, type SecretRecord } from './map-service.js';
import { composeErrors } from './compose-errors.js';
import { frozenValueNotes } from './frozen-values.js';
import { mergeFiles } from './merge.js';
import { serviceNames } from './service-names.js';
import { Notes, sortNotes, type Aspect, type ImportNote } from './notes.js';
import { loadEnvironment, readComposeFile, type ComposeFile } from './read.js';
import type { ResourceTarget } from './references.js';
import { bucketNameProblem } from '../model/bucket-name.js';
import { CREDENTIAL_VARIABLES, dataPath, GENERATED_VARIABLES, originalCredentials, recognizeImage, resourceBlockers } from './resources.js';
import { get, str, type CMap } from './tree.js';
import { writeStack, type Commented } from './write.js';
import { familiarImage } from '../vocabulary/image-reference.js';
import { composeDataVolume } from '../model/resource-volumes.js';
import { containerBlockers, knownContainer, reachesHost, type KnownContainer } from './containers.js';

export interface ImportInput {
  /** Compose files, in `-f` order, relative to `cwd`. */
  files: string[];
  cwd: string;
  /** Absolute path stack.yaml will be written to (paths are made relative to its directory). */
  output: string;
  /** `--env-file`; default: `.env` next to the first compose file. */
  envFile?: string;
  processEnv: NodeJS.ProcessEnv;
  /** The `$schema` reference for the first line. */
  schemaRef?: string;
}

export interface ImportResult {
  /** Errors that stop the import (bad input): nothing is written. */
  errors: Diagnostic[];
  text?: string;
  notes: ImportNote[];
  secrets: SecretRecord[];
  /** compose service name → stack.yaml name, and whether it became a resource. */
  names: Map<string, { name: string; resource: boolean }>;
  files: ComposeFile[];
  merged?: CMap;
  /** Compose profiles → environments they became. */
  profiles: Map<string, string>;
}

interface ResourcePlan {
  composeName: string;
  name: string;
  type: ResourceType;
  version?: string;
  database?: string;
  /** An S3 server: the port its S3 API listened on (src/import/resources.ts S3_SERVERS). */
  s3Port?: number;
  /** An S3 server told to create a bucket (SeaweedFS's S3_BUCKET): the resource's `bucket`. */
  bucket?: string;
  /** A `type: container` resource: its image as written, and what stackc knows of it (src/import/containers.ts). */
  container?: { image: string; known: KnownContainer };
  env: EnvEntry[];
}

/** The port services connect to: the type's, or a container resource's own. */
const planPort = (p: ResourcePlan): number => p.container?.known.port ?? RESOURCE_KINDS[p.type].port;

export function importCompose(input: ImportInput): ImportResult {
  const result: ImportResult = { errors: [], notes: [], secrets: [], names: new Map(), files: [], profiles: new Map() };
  const first = resolve(input.cwd, input.files[0]!);
  const envPath = input.envFile ?? resolve(dirname(first), '.env');
  const { env, diagnostics } = loadEnvironment(envPath, input.cwd, input.processEnv, input.envFile !== undefined);
  result.errors.push(...diagnostics);
  for (const f of input.files) {
    const read = readComposeFile(f, input.cwd, env);
    result.errors.push(...read.diagnostics);
    if (read.file) result.files.push(read.file);
  }
  if (result.errors.length > 0) return result;

  const notes = new Notes();
  const fileDirs = new Map(result.files.map((f) => [f.file, dirname(f.absolute)]));
  const merged = mergeFiles(result.files.map((f) => f.root));
  result.merged = merged;
  const outDir = dirname(input.output);

  // Top level
  const topName = str(get(merged, 'name'));
  const stackName = toDnsLabel(topName ?? basename(dirname(first))) ?? 'app';
  for (const e of merged.entries) {
    if (e.key === 'services' || e.key === 'name' || e.key === 'volumes' || e.key === 'networks' || e.key === 'secrets' || e.key === 'configs') continue;
    if (e.key === 'version') notes.changed(e.keyAt, '`version` was left out: Compose ignores it (it is obsolete)');
    else if (e.key.startsWith('x-')) notes.changed(e.keyAt, `extension field \`${e.key}\` was ignored (its anchors were expanded where they are used)`);
    else if (e.key === 'include') notes.dropped(e.keyAt, '`include`', '`stackc import` does not follow included files; name them as further compose files on the command line');
    else notes.dropped(e.keyAt, `top-level \`${e.key}\``, 'stack.yaml has no such section');
  }
  const services = get(merged, 'services');
  const serviceEntries = services?.kind === 'map' ? services.entries.filter((e) => e.value.kind === 'map') : [];
  result.errors.push(...composeErrors(serviceEntries));
  if (result.errors.length > 0) return result;

  // Names
  const named = serviceNames(serviceEntries.map((s) => s.key));
  for (const s of serviceEntries) {
    const { name, skipped } = named.get(s.key)!;
    const others = skipped.length > 0 ? `; ${skipped.map((n) => `\`${n}\``).join(skipped.length === 2 ? ' and ' : ', ')} ${skipped.length === 1 ? 'is the name of another service' : 'are the names of other services'}` : '';
    if (name !== s.key) notes.changed(s.keyAt, `service \`${s.key}\` is named \`${name}\` in stack.yaml (names are DNS labels${others})`, { affects: { service: s.key, aspect: 'service' } });
    result.names.set(s.key, { name, resource: false });
  }
  const envOf = new Map<string, EnvEntry[]>();
  for (const s of serviceEntries) envOf.set(s.key, serviceEnvironment(s.key, s.value as CMap, { env, notes, fileDirs, cwd: input.cwd }));

  // Backing resources
  const plans: ResourcePlan[] = [];
  for (const s of serviceEntries) {
    const svc = s.value as CMap;
    const image = str(get(svc, 'image'));
    const recognized = image ? recognizeImage(image) : undefined;
    if (!recognized || !image) continue;
    const blockers = resourceBlockers(svc, recognized, envOf.get(s.key)!);
    if (get(svc, 'profiles')) blockers.push('`profiles`');
    if (get(svc, 'build')) blockers.push('`build`');
    if (blockers.length > 0) {
      notes.changed(get(svc, 'image')!.at, `\`${s.key}\` runs ${recognized.type} but stays a service, not a backing resource: a resource would lose ${blockers.join(', ')}`);
      continue;
    }
    const e = envOf.get(s.key)!;
    const creds = originalCredentials(recognized.type, e);
    const database = recognized.type !== 's3' && creds.database && /^[A-Za-z_][A-Za-z0-9_]*$/.test(creds.database) ? creds.database : undefined;
    const bucket = recognized.type === 's3' && creds.database && bucketNameProblem(creds.database) === undefined ? creds.database : undefined;
    plans.push({
      composeName: s.key,
      name: result.names.get(s.key)!.name,
      type: recognized.type,
      ...(recognized.version ? { version: recognized.version } : {}),
      ...(database ? { database } : {}),
      ...(recognized.s3Port !== undefined ? { s3Port: recognized.s3Port } : {}),
      ...(bucket ? { bucket } : {}),
      env: e,
    });
    result.names.get(s.key)!.resource = true;
  }
  plans.push(...containerPlans(serviceEntries, envOf, result, notes));
  const targets: ResourceTarget[] = plans.map((p) => {
    const svc = serviceEntries.find((s) => s.key === p.composeName)!.value as CMap;
    const hosts = [p.composeName, str(get(svc, 'container_name')), str(get(svc, 'hostname'))].filter((h): h is string => !!h);
    const container = p.container ? { port: p.container.known.port, http: p.container.known.http } : undefined;
    return { hosts, name: p.name, type: p.type, credentials: originalCredentials(p.type, p.env), ...(p.s3Port !== undefined ? { s3Port: p.s3Port } : {}), ...(container ? { container } : {}) };
  });
  const resources: Record<string, unknown> = {};
  const comments: Commented[] = [];
  for (const p of plans) {
    const svc = serviceEntries.find((s) => s.key === p.composeName)!.value as CMap;
    if (p.container) {
      resources[p.name] = containerResource(p, svc);
      noteContainer(p, svc, notes);
      comments.push({ path: ['resources', p.name], lines: [`From compose service \`${p.composeName}\` (${familiarImage(p.container.image)}): stackc runs the image as it is, without a healthcheck.`] });
      continue;
    }
    // An S3 server's host port stays where it was (`9000` for MinIO), now forwarded to SeaweedFS's 8333.
    const publish = resourcePublish(svc, RESOURCE_KINDS[p.type].port);
    resources[p.name] = { type: p.type, ...(p.version ? { version: p.version } : {}), ...(publish ? { publish } : {}), ...(p.database ? { database: p.database } : {}), ...(p.bucket ? { bucket: p.bucket } : {}) };
    noteResource(p, svc, notes);
    frozenValueNotes(p.composeName, svc, notes, ['image']);
    comments.push({ path: ['resources', p.name], lines: [`From compose service \`${p.composeName}\` (${familiarImage(str(get(svc, 'image'))!)}): stackc runs ${RESOURCE_KINDS[p.type].image}:${p.version ?? RESOURCE_KINDS[p.type].defaultVersion} with ${RESOURCE_KINDS[p.type].hasPassword ? 'its own credentials, ' : ''}a data volume and a healthcheck.`] });
  }

  // Services
  const resourceNames = new Set(plans.map((p) => p.composeName));
  // Container resources have no healthcheck: their dependents wait for them to start.
  const unprobed = new Set(plans.filter((p) => p.container).map((p) => p.composeName));
  const healthy = new Set<string>();
  for (const s of serviceEntries) {
    const hc = get(s.value, 'healthcheck');
    if (hc?.kind === 'map' && !resourceNames.has(s.key)) {
      const spec = parseHealthcheck(hc);
      if (spec.test && !spec.disable && (spec.test[0] === 'CMD' || spec.test[0] === 'CMD-SHELL')) healthy.add(result.names.get(s.key)!.name);
    }
  }
  // What comes out as a one-shot, which its dependents then wait for to complete (src/deploy/one-shot.ts).
  const completed = new Set(serviceEntries.flatMap((s) => parseDependsOn(s.value).filter((d) => d.condition === 'service_completed_successfully').map((d) => d.name)));
  // A job cannot be depended on: a one-shot any service starts after, whatever the condition, stays
  // a one-shot service (the build makes its dependents wait for it to complete).
  const dependedOn = new Set(serviceEntries.flatMap((s) => parseDependsOn(s.value).map((d) => d.name)));
  const oneShots = new Set(
    serviceEntries.filter((s) => !resourceNames.has(s.key) && s.value.kind === 'map' && importsAsOneShot(s.key, s.value as CMap, healthy.has(result.names.get(s.key)!.name), completed)).map((s) => s.key),
  );
  const stackServices: Record<string, unknown> = {};
  const profileEnvs: string[] = [];
  // Host ports the services publish by number: a port Compose publishes on a free host port is
  // written with its own number, unless that one is taken (two services would share it).
  const hostPorts = new Set(serviceEntries.filter((s) => !resourceNames.has(s.key)).flatMap((s) => parsePorts(s.value).ports.flatMap((p) => (p.host === undefined ? [] : Array.from({ length: (p.hostEnd ?? p.host) - p.host + 1 }, (_, i) => `${p.host! + i}/${p.protocol}`)))));
  const buildSecretSources = secretSources(merged);
  const stackJobs: Record<string, unknown> = {};
  let runsSupercronic = false;
  const ofelia = new Set(serviceEntries.filter((s) => isOfelia(s.value as CMap)).map((s) => s.key));
  for (const s of serviceEntries) {
    if (resourceNames.has(s.key)) continue;
    const name = result.names.get(s.key)!.name;
    if (ofelia.has(s.key)) {
      notes.changed(s.keyAt, `\`${s.key}\` (ofelia) is not carried over: the scheduled jobs its labels and the other services' declare become \`jobs:\`, which each target schedules its own way (Compose: \`targets.compose.scheduler\`), without the Docker socket`, { affects: { service: s.key, aspect: 'service' } });
      result.names.delete(s.key);
      continue;
    }
    const mapped = mapService(s.key, s.value as CMap, envOf.get(s.key)!, { notes, names: new Map([...result.names].map(([k, v]) => [k, v.name])), targets, fileDirs, outDir, cwd: input.cwd, secrets: result.secrets, healthy, resourceNames, unprobed, completed, oneShots, hostPorts, secretSources: buildSecretSources, ...topConfigs(merged) });
    if (!mapped) {
      result.names.delete(s.key);
      continue;
    }
    frozenValueNotes(s.key, s.value as CMap, notes);
    withoutOfeliaLabels(s.key, s.value as CMap, mapped.data, notes);
    const scheduled = supercronicJobs(s.key, s.value as CMap, mapped, (path) => readProjectText(outDir, path), notes);
    if (scheduled) {
      for (const [job, data] of Object.entries(scheduled)) {
        stackJobs[job] = data;
        comments.push({ path: ['jobs', job], lines: [`From the crontab of compose service \`${s.key}\` (${s.keyAt.file}:${s.keyAt.line}), which ran supercronic.`] });
      }
      runsSupercronic = true;
      continue;
    }
    if (oneShots.has(s.key) && !dependedOn.has(s.key)) {
      const job = oneShotJob(s.key, s.value as CMap, mapped, notes);
      if (job) {
        stackJobs[name] = job;
        comments.push({ path: ['jobs', name], lines: [`From compose service \`${s.key}\` (${s.keyAt.file}:${s.keyAt.line}).`] });
        continue;
      }
    }
    const profiles = get(s.value, 'profiles');
    if (profiles?.kind === 'seq' && profiles.items.length > 0) {
      const envs: Record<string, unknown> = {};
      for (const item of profiles.items) {
        const profile = str(item);
        if (!profile) continue;
        const envName = toDnsLabel(profile) ?? 'profile';
        result.profiles.set(profile, envName);
        if (!profileEnvs.includes(envName)) profileEnvs.push(envName);
        envs[envName] = { enabled: true };
      }
      mapped.data.enabled = false;
      mapped.data.environments = envs;
      notes.changed(profiles.at, `\`${s.key}\` runs only in the environment${Object.keys(envs).length > 1 ? 's' : ''} ${Object.keys(envs).map((e) => `\`${e}\``).join(', ')} (its Compose profiles); \`stackc build\` writes compose.<environment>.yaml for each`);
    }
    stackServices[name] = mapped.data;
    comments.push({ path: ['services', name], lines: [`From compose service \`${s.key}\` (${s.keyAt.file}:${s.keyAt.line}).`] });
    for (const [key, lines] of mapped.comments) comments.push({ path: ['services', name, ...key.split('.')], lines });
    const secretNames = (mapped.data.secrets as string[] | undefined) ?? [];
    if (secretNames.length > 0) comments.push({ path: ['services', name, 'secrets'], lines: ['Values were not copied: set them in .env (Compose) or in your platform\'s secret store.'] });
  }
  // Scheduled jobs of ofelia's labels, run in a container of the service they name.
  const lookup: ServiceLookup = {
    services: new Map(serviceEntries.filter((s) => stackServices[result.names.get(s.key)?.name ?? ''] !== undefined).map((s) => [s.key, result.names.get(s.key)!.name])),
    containers: new Map(serviceEntries.flatMap((s) => { const c = str(get(s.value, 'container_name')); return c ? [[c, s.key] as [string, string]] : []; })),
    taken: new Set([...[...result.names.values()].map((v) => v.name), ...Object.keys(stackJobs)]),
  };
  for (const s of serviceEntries) {
    for (const job of ofeliaJobs(s.key, s.value as CMap)) {
      const made = ofeliaAsJob(job, lookup, notes);
      if (!made) continue;
      stackJobs[made.name] = made.data;
      comments.push({ path: ['jobs', made.name], lines: [`From the ofelia labels of compose service \`${s.key}\` (${job.at.file}:${job.at.line}).`] });
    }
  }
  // stackc publishes a backing service on the host in the default environment only, unless `publish` says where.
  for (const p of plans) {
    const svc = serviceEntries.find((s) => s.key === p.composeName)!.value as CMap;
    const published = publishedPort(svc);
    for (const e of published && !resourcePublish(svc, planPort(p)) ? profileEnvs.filter((x) => x !== 'development') : []) {
      notes.changed(published!.at, `\`${p.name}\` is not published in environment \`${e}\`: stackc publishes backing services on the host in \`development\` only`, { affects: { service: p.composeName, aspect: 'ports', key: `${planPort(p)}/tcp`, environment: e } });
    }
  }
  networkNotes(merged, serviceEntries, notes);
  volumeNotes(merged, notes);

  // Assemble
  const data: Record<string, unknown> = { stack: 1, name: stackName };
  if (profileEnvs.length > 0) {
    const environments: Record<string, unknown> = { development: {} };
    for (const e of profileEnvs) if (e !== 'development') environments[e] = {};
    data.environments = environments;
    comments.push({ path: ['environments'], lines: ['`development` runs what `docker compose up` runs; each other environment is a Compose profile.'] });
  }
  data.services = stackServices;
  if (Object.keys(stackJobs).length > 0) data.jobs = stackJobs;
  if (plans.length > 0) data.resources = resources;
  // The images already run supercronic: stackc's Compose file runs the jobs with it too.
  data.targets = { compose: runsSupercronic ? { scheduler: 'supercronic' } : {} };
  comments.push({ path: ['targets'], lines: ['`stackc build` writes compose.yaml from this file; it does not overwrite a compose.yaml it did not write (move yours away, or pass --force).'] });
  result.notes = sortNotes(notes.list, result.files.map((f) => f.file));
  const header = headerLines(input, result, plans);
  result.text = writeStack(data, header, comments);
  const check = loadStackText(result.text, { file: input.output, root: outDir });
  if (!check.stack) {
    throw new Error(`the imported stack does not validate (a bug in stackc import):\n${check.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.message}`).join('\n')}`);
  }
  return result;
}

function headerLines(input: ImportInput, result: ImportResult, plans: ResourcePlan[]): string[] {
  const lines: string[] = [];
  if (input.schemaRef) lines.push(`yaml-language-server: $schema=${input.schemaRef}`);
  lines.push(`Imported by \`stackc import\` from ${result.files.map((f) => f.file).join(', ')}.`);
  lines.push('Review it, then run `stackc validate` and `stackc build --target compose`.');
  if (plans.length > 0) {
    lines.push('', `Backing services (\`resources\`): stackc runs them${plans.some((p) => !p.container) ? ' with credentials from .env (see .env.example after `stackc build`)' : ''}:`);
    for (const p of plans) {
      if (p.container) {
        lines.push(`  ${p.name}: container ${p.container.image}${p.composeName !== p.name ? ` (compose service \`${p.composeName}\`)` : ''}`);
        continue;
      }
      const prefix = p.name.toUpperCase().replace(/-/g, '_');
      const kind = RESOURCE_KINDS[p.type];
      const passwords = [`${prefix}_PASSWORD`, ...(kind.superuser ? [`${prefix}_ADMIN_PASSWORD`] : [])].join(', ');
      const creds = p.type === 's3' ? `; set ${prefix}_ACCESS_KEY, ${prefix}_SECRET_KEY` : kind.hasPassword ? `; set ${passwords}${kind.hasCredentials ? ` (and ${prefix}_USER)` : ''}` : '';
      lines.push(`  ${p.name}: ${p.type} ${p.version ?? RESOURCE_KINDS[p.type].defaultVersion}${p.composeName !== p.name ? ` (compose service \`${p.composeName}\`)` : ''}${creds}`);
    }
  }
  const byService = new Map<string, string[]>();
  for (const s of result.secrets) byService.set(s.service, [...(byService.get(s.service) ?? []), s.name]);
  if (byService.size > 0) {
    lines.push('', 'Secrets to set (names only; their values were not copied into this file):');
    for (const [service, names] of byService) lines.push(`  ${result.names.get(service)?.name ?? service}: ${[...new Set(names)].join(', ')}`);
  }
  const dropped = result.notes.filter((n) => n.severity === 'warning').length;
  if (dropped > 0) lines.push('', `${dropped} setting${dropped === 1 ? ' was' : 's were'} not carried over; \`stackc import\` listed each with its position.`);
  return lines;
}

function noteResource(p: ResourcePlan, svc: CMap, notes: Notes): void {
  const kind = RESOURCE_KINDS[p.type];
  const version = p.version ?? kind.defaultVersion;
  const imageNode = get(svc, 'image')!;
  const image = familiarImage(str(imageNode)!);
  const stackImage = `${kind.image}:${version}`;
  const affects = (aspect: Aspect, key?: string, environment?: string) => ({ affects: { service: p.composeName, aspect, ...(key !== undefined ? { key } : {}), ...(environment ? { environment } : {}) } });
  notes.changed(imageNode.at, `\`${p.composeName}\` becomes the backing resource \`${p.name}\` (${p.type} ${version})`);
  if (image !== stackImage) notes.changed(imageNode.at, `\`${p.name}\` runs ${stackImage} instead of ${image}: ${p.type === 's3' ? 'an s3 resource runs SeaweedFS at its version' : 'resources run the official image at their version'}`, { ...affects('image'), ...(p.version ? {} : { hint: `pin the version under \`resources.${p.name}.version\`` }) });
  if (p.type === 's3') noteS3Server(p, svc, notes);
  const original = new Set(p.env.map((e) => e.name));
  const generated = new Set(GENERATED_VARIABLES[p.type]);
  for (const e of p.env) {
    if (!generated.has(e.name)) notes.changed(e.at, `\`${e.name}\` of \`${p.composeName}\` was left out: stackc sets up the ${p.type} credentials itself`, affects('env', e.name));
  }
  for (const g of generated) if (!original.has(g)) notes.changed(imageNode.at, `\`${p.name}\` gets \`${g}\` from stackc (${g === 'S3_BUCKET' ? 'the bucket it creates at start' : 'credentials come from .env'})`, affects('env', g));
  const prefix = p.name.toUpperCase().replace(/-/g, '_');
  const passwords = [`${prefix}_PASSWORD`, ...(kind.superuser ? [`${prefix}_ADMIN_PASSWORD`] : [])].join(' and ');
  if (p.type === 's3') notes.changed(imageNode.at, `the keys of \`${p.name}\` are not copied: set ${prefix}_ACCESS_KEY and ${prefix}_SECRET_KEY in .env (to the old ones, to keep what clients use)`);
  else if (CREDENTIAL_VARIABLES[p.type].length > 0) notes.changed(imageNode.at, `the ${p.type} password of \`${p.name}\` is not copied: set ${passwords} in .env (and the user in ${prefix}_USER to keep the old one)`);
  else if (kind.hasPassword) notes.changed(imageNode.at, `\`${p.name}\` requires a password (\`requirepass\`): set ${passwords} in .env; \`\${resources.${p.name}.url}\` carries it, a service that connects by host and port needs \`\${resources.${p.name}.password}\` too`);
  const hc = get(svc, 'healthcheck');
  notes.changed(hc?.at ?? imageNode.at, hc ? `the healthcheck of \`${p.composeName}\` is replaced by stackc's ${p.type} check` : `\`${p.name}\` gets stackc's ${p.type} healthcheck`, affects('healthcheck'));
  const path = dataPath(p.type, version);
  const { mounts } = parseVolumes(svc);
  const data = mounts.find((m) => m.target.replace(/\/+$/, '') === path);
  const volume = composeDataVolume(p.name);
  if (!data) notes.changed(imageNode.at, `\`${p.name}\` keeps its data in the volume \`${volume}\` at ${path}`, affects('volumes', path));
  else if (data.source !== volume) notes.changed(data.at, `the data volume \`${data.source}\` of \`${p.composeName}\` becomes \`${volume}\`: existing data stays in the old volume`, { ...affects('volumes', path), hint: 'copy it over once (e.g. with a dump and restore) if you need it' });
  if (data && data.target !== path) notes.changed(data.at, `the data path \`${data.target}\` of \`${p.composeName}\` becomes \`${path}\``, affects('volumes', data.target));
  const published = publishedPort(svc);
  const portKey = `${kind.port}/tcp`;
  if (!published) notes.changed((get(svc, 'ports') ?? get(svc, 'expose') ?? imageNode).at, `\`${p.name}\` is published on 127.0.0.1:${kind.port} in development (host port \`${p.name.toUpperCase().replace(/-/g, '_')}_HOST_PORT\` in .env), so tools on this machine can connect`, affects('ports', portKey, 'development'));
  else if (resourcePublish(svc, kind.port)?.bind === '0.0.0.0') {
    notes.changed(published.at, `\`${p.name}\` is published on every address of the host, as in the compose file (\`publish: { bind: 0.0.0.0 }\`)`, { hint: `remove \`bind\` to publish it on 127.0.0.1 only, so that only tools on this machine can connect` });
  } else if (published.hostIp !== undefined && isIP(published.hostIp) === 0) {
    notes.dropped(published.at, `the host address ${published.hostIp} of \`${p.composeName}\``, 'it is not an IP address: stackc publishes it on 127.0.0.1', affects('ports', portKey));
  }
  const restart = str(get(svc, 'restart'));
  if (restart !== 'unless-stopped') notes.changed(get(svc, 'restart')?.at ?? imageNode.at, `\`${p.name}\` restarts unless stopped (resources always do)${restart ? `, instead of \`${restart}\`` : ''}`);
  const user = get(svc, 'user');
  if (user) notes.changed(user.at, `\`user\` of \`${p.composeName}\` was left out: the resource runs as its image's own user`);
  const secrets = get(svc, 'secrets');
  if (secrets) notes.changed(secrets.at, `the secrets of \`${p.composeName}\` were left out: stackc passes the ${p.type} password itself`);
  const container = get(svc, 'container_name');
  if (container) notes.changed(container.at, `\`container_name\` of \`${p.composeName}\` was left out`);
}

/**
 * What an S3 server's compose definition had that the s3 resource's server does differently: its
 * command, its S3 port (MinIO's 9000; clients reading `${resources.x.endpoint}` follow), its other
 * ports (a web console), and the data format (MinIO's objects are not SeaweedFS's).
 */
function noteS3Server(p: ResourcePlan, svc: CMap, notes: Notes): void {
  const imageNode = get(svc, 'image')!;
  const affects = (aspect: Aspect, key?: string) => ({ affects: { service: p.composeName, aspect, ...(key !== undefined ? { key } : {}) } });
  const command = get(svc, 'command');
  if (command) notes.changed(command.at, `the command of \`${p.composeName}\` was left out: the s3 resource runs its server's own (\`weed mini\`), which creates the bucket at start`);
  const port = RESOURCE_KINDS.s3.port;
  for (const x of parsePorts(svc).ports) {
    if (x.container === p.s3Port && x.container !== port) {
      notes.changed(x.at, `the S3 API of \`${p.name}\` listens on ${port} instead of ${x.container}: services reading \`\${resources.${p.name}.endpoint}\` follow, a client configured by hand does not`, affects('ports', `${x.container}/tcp`));
      if (x.host !== undefined) notes.changed(x.at, `\`${p.name}\` is published on host port ${x.host} as before, forwarded to ${port}`, affects('ports', `${port}/tcp`));
    }
    else if (x.container !== p.s3Port) notes.dropped(x.at, `port ${x.container} of \`${p.composeName}\``, 'the s3 resource serves the S3 API only (no web console)', affects('ports', `${x.container}/tcp`));
  }
  if (!/seaweedfs/.test(str(imageNode) ?? '')) notes.changed(imageNode.at, `the data of \`${p.composeName}\` is not carried over: SeaweedFS does not read another server's files`, { hint: `copy the objects over once (e.g. \`aws s3 sync\` from the old server to the new one)` });
}

/**
 * Services running a known backing image (src/import/containers.ts) that another service reaches
 * by host name, and that would lose nothing as a container resource; the others stay services,
 * with a note when something is in the way.
 */
function containerPlans(serviceEntries: readonly { key: string; value: unknown }[], envOf: ReadonlyMap<string, EnvEntry[]>, result: ImportResult, notes: Notes): ResourcePlan[] {
  const plans: ResourcePlan[] = [];
  for (const s of serviceEntries) {
    if (result.names.get(s.key)?.resource) continue;
    const svc = s.value as CMap;
    const image = str(get(svc, 'image'));
    const known = image ? knownContainer(image) : undefined;
    if (!image || !known) continue;
    const hosts = [s.key, str(get(svc, 'container_name'))].filter((h): h is string => !!h);
    const reached = serviceEntries.some((o) => o.key !== s.key && (envOf.get(o.key) ?? []).some((v) => v.value !== null && reachesHost(v.value, hosts)));
    if (!reached) continue;
    const env = envOf.get(s.key)!;
    const blockers = containerBlockers(svc, known, env);
    if (blockers.length > 0) {
      notes.changed(get(svc, 'image')!.at, `\`${s.key}\` stays a service, not a container resource: a resource would lose ${blockers.join(', ')}`);
      continue;
    }
    plans.push({ composeName: s.key, name: result.names.get(s.key)!.name, type: 'container', container: { image, known }, env });
    result.names.get(s.key)!.resource = true;
  }
  return plans;
}

/** The `type: container` resource: its image, port, variables and data directory as in the compose file, `url` where it serves HTTP. */
function containerResource(p: ResourcePlan, svc: CMap): Record<string, unknown> {
  const { image, known } = p.container!;
  const publish = resourcePublish(svc, known.port);
  const volume = known.dataPath !== undefined && parseVolumes(svc).mounts.length > 0 ? known.dataPath : undefined;
  const environment = Object.fromEntries(p.env.map((e) => [e.name, e.value ?? '']));
  return {
    type: 'container',
    image,
    port: known.port,
    ...(publish ? { publish } : {}),
    ...(p.env.length ? { environment } : {}),
    ...(volume ? { volume } : {}),
    ...(known.http ? { outputs: { url: 'http://${host}:${port}' } } : {}),
  };
}

/** What the compose definition had that the container resource does differently: its volume's name, where it is published, its restart policy. */
function noteContainer(p: ResourcePlan, svc: CMap, notes: Notes): void {
  const { known } = p.container!;
  const imageNode = get(svc, 'image')!;
  const affects = (aspect: Aspect, key?: string, environment?: string) => ({ affects: { service: p.composeName, aspect, ...(key !== undefined ? { key } : {}), ...(environment ? { environment } : {}) } });
  notes.changed(imageNode.at, `\`${p.composeName}\` becomes the container resource \`${p.name}\`: services reach it through \`\${resources.${p.name}.host}\`, \`.port\`${known.http ? ' and `.url`' : ''}, and wait for it to start (it has no healthcheck)`);
  for (const v of p.env) if (v.vars.length > 0) notes.changed(v.at, `\`${v.name}\` of \`${p.composeName}\` keeps the value ${v.vars.map((x) => `\${${x}}`).join(', ')} had at import time: stack.yaml values are not read from .env`);
  const data = parseVolumes(svc).mounts[0];
  const volume = composeDataVolume(p.name);
  if (data && data.source !== volume) notes.changed(data.at, `the data volume \`${data.source}\` of \`${p.composeName}\` becomes \`${volume}\`: existing data stays in the old volume`, { ...affects('volumes', data.target), hint: 'copy it over once if you need it' });
  const published = publishedPort(svc);
  if (!published) notes.changed((get(svc, 'ports') ?? get(svc, 'expose') ?? imageNode).at, `\`${p.name}\` is published on 127.0.0.1:${known.port} in development (host port \`${p.name.toUpperCase().replace(/-/g, '_')}_HOST_PORT\` in .env), so tools on this machine can connect`, affects('ports', `${known.port}/tcp`, 'development'));
  else if (resourcePublish(svc, known.port)?.bind === '0.0.0.0') notes.changed(published.at, `\`${p.name}\` is published on every address of the host, as in the compose file (\`publish: { bind: 0.0.0.0 }\`)`, { hint: 'remove `bind` to publish it on 127.0.0.1 only, so that only tools on this machine can connect' });
  const restart = str(get(svc, 'restart'));
  if (restart !== 'unless-stopped') notes.changed(get(svc, 'restart')?.at ?? imageNode.at, `\`${p.name}\` restarts unless stopped (resources always do)${restart ? `, instead of \`${restart}\`` : ''}`);
  const container = get(svc, 'container_name');
  if (container) notes.changed(container.at, `\`container_name\` of \`${p.composeName}\` was left out`);
}

/** The port a backing service's compose definition publishes on the host, if any. */
const publishedPort = (svc: CMap) => parsePorts(svc).ports.find((x) => !x.exposeOnly && x.host !== undefined);

/**
 * `publish` of the resource a compose service becomes, when it publishes the port elsewhere than
 * stackc's default (127.0.0.1 at the resource's own port): the host port and address as written,
 * every address (no `host_ip`) being `0.0.0.0`. `undefined` when the default says the same.
 */
function resourcePublish(svc: CMap, port: number): { host?: number; bind?: string } | undefined {
  const published = publishedPort(svc);
  if (!published) return undefined;
  const bind = published.hostIp === undefined || published.hostIp === '' ? '0.0.0.0' : isIP(published.hostIp) !== 0 ? published.hostIp : '127.0.0.1';
  const host = published.host !== port ? published.host : undefined;
  if (host === undefined && bind === '127.0.0.1') return undefined;
  return { ...(host !== undefined ? { host } : {}), ...(bind !== '127.0.0.1' ? { bind } : {}) };
}

function networkNotes(merged: CMap, services: readonly { key: string; keyAt: ImportNote['at']; value: unknown }[], notes: Notes): void {
  const sets = new Map<string, string[]>();
  for (const s of services) {
    const n = get(s.value as CMap, 'networks');
    const names = n?.kind === 'map' ? n.entries.map((e) => e.key) : ['default'];
    sets.set(s.key, names);
    if (n?.kind === 'map') {
      for (const e of n.entries) {
        if (e.value.kind === 'map') for (const x of e.value.entries) notes.dropped(x.keyAt, `\`${x.key}\` of \`${s.key}\` on network \`${e.key}\``, 'stack.yaml has no network addresses or aliases; services reach each other by name');
      }
    }
  }
  const distinct = new Set([...sets.values()].map((v) => [...v].sort().join(',')));
  const top = get(merged, 'networks');
  if (distinct.size > 1 || [...sets.values()].some((v) => v.length > 1)) {
    for (const s of services) {
      const n = get(s.value as CMap, 'networks');
      if (n) notes.dropped(n.at, `the networks of \`${s.key}\` (${sets.get(s.key)!.join(', ')})`, 'stack.yaml puts every service on one network, so services Compose kept apart can reach each other');
    }
  } else if (top?.kind === 'map' && top.entries.length > 0) {
    notes.changed(top.at, `all services share one network (${[...distinct][0]}): stackc's compose file uses the default network, which is the same`);
  }
  for (const e of top?.kind === 'map' ? top.entries : []) {
    if (e.value.kind !== 'map') continue;
    for (const x of e.value.entries) {
      if (x.key === 'driver' && str(x.value) === 'bridge') continue;
      notes.dropped(x.keyAt, `\`${x.key}\` of network \`${e.key}\``, 'stack.yaml has no network settings');
    }
  }
}

function volumeNotes(merged: CMap, notes: Notes): void {
  const top = get(merged, 'volumes');
  for (const e of top?.kind === 'map' ? top.entries : []) {
    if (e.value.kind !== 'map') continue;
    for (const x of e.value.entries) {
      if (x.key === 'driver' && str(x.value) === 'local') continue;
      notes.dropped(x.keyAt, `\`${x.key}\` of volume \`${e.key}\``, x.key === 'external' ? 'stack.yaml volumes belong to the stack; an existing volume must be copied into the new one' : 'stack.yaml volumes are plain local volumes');
    }
  }
}

export { isDnsLabel, volumeName };

/** The top-level `configs` map, for the services' `configs:` (src/import/files.ts). */
function topConfigs(merged: CMap): { configs?: CMap } {
  const configs = get(merged, 'configs');
  return configs?.kind === 'map' ? { configs } : {};
}

/** ofelia's labels are left out of the service's: stack.yaml's `jobs:` say what they said. */
function withoutOfeliaLabels(composeName: string, service: CMap, data: Record<string, unknown>, notes: Notes): void {
  const labels = data.labels as Record<string, string> | undefined;
  if (!labels || !Object.keys(labels).some(isOfeliaLabel)) return;
  for (const key of Object.keys(labels)) if (isOfeliaLabel(key)) delete labels[key];
  if (Object.keys(labels).length === 0) delete data.labels;
  notes.changed(get(service, 'labels')!.at, `the ofelia labels of \`${composeName}\` are left out: the jobs they declare are under \`jobs:\``);
}

/** A file of the project, by its path relative to stack.yaml; `undefined` when it cannot be read. */
function readProjectText(outDir: string, path: string): string | undefined {
  try {
    return readFileSync(resolve(outDir, path), 'utf8');
  } catch {
    return undefined;
  }
}
