// Compose services that are jobs, as stack.yaml `jobs:` (docs/import.md, "Jobs"):
// - a one-shot service (restart `no`, no ports, no healthcheck) that nothing waits for: a job run
//   after every deploy (`post-deploy`: `up` started it each time) or, under a Compose profile, by
//   hand (`manual`: it ran with `docker compose run` or `--profile`). A one-shot others wait for
//   with `service_completed_successfully` stays a one-shot service: jobs have no "before" trigger,
//   and a one-shot service is what the format gives for "run this to completion before them";
// - ofelia labels (`ofelia.job-exec.<name>.*` on a service, `ofelia.job-run.<name>.*` on ofelia's
//   own container, https://github.com/mcuadros/ofelia/blob/master/docs/jobs.md): scheduled jobs; the
//   ofelia container is not carried over (stackc's targets schedule the jobs themselves).
import type { SourceRef } from '../diagnostics/diagnostic.js';
import { toDnsLabel } from '../model/dns-label.js';
import { fiveFieldSchedule } from './cron-schedule.js';
import type { MappedService } from './map-service.js';
import type { Notes } from './notes.js';
import { splitShellWords } from './shell-words.js';
import { get, str, type CMap } from './tree.js';

/** What a job takes of a mapped service; anything else makes it stay a service. */
const JOB_KEYS = ['image', 'build', 'command', 'env', 'secrets', 'volumes', 'user', 'resources'] as const;

/** What a service's references (`${resources.db.url}`, `${services.api.host}`) name. */
function referenced(env: unknown): Set<string> {
  const out = new Set<string>();
  for (const value of Object.values((env as Record<string, unknown> | undefined) ?? {})) {
    for (const m of String(value).matchAll(/(?<!\$)\$\{(?:resources|services)\.([a-z0-9-]+)\./g)) out.add(m[1]!);
  }
  return out;
}

/**
 * A one-shot service nothing waits for, as a job; `undefined` (with a note saying why) when a
 * setting it has would be lost: a job has no ports, healthcheck, entrypoint, files, labels or
 * `depends_on` (it waits for what its references name, as every service does).
 */
export function oneShotJob(composeName: string, service: CMap, mapped: MappedService, notes: Notes): Record<string, unknown> | undefined {
  const data = mapped.data;
  const deps = (data.depends_on as string[] | undefined) ?? [];
  const refs = referenced(data.env);
  const kept = [
    ...Object.keys(data).filter((k) => !(JOB_KEYS as readonly string[]).includes(k) && k !== 'restart' && k !== 'depends_on').map((k) => `\`${k}\``),
    ...deps.filter((d) => !refs.has(d)).map((d) => `\`depends_on: ${d}\``),
  ];
  const at = (get(service, 'restart') ?? service).at;
  if (kept.length > 0) {
    notes.changed(at, `\`${composeName}\` stays a one-shot service, not a job: a job has no ${kept.join(', ')}`, { hint: 'move it under `jobs:` by hand if you can do without them' });
    return undefined;
  }
  const manual = get(service, 'profiles') !== undefined;
  const job: Record<string, unknown> = {};
  for (const k of JOB_KEYS) if (data[k] !== undefined) job[k] = data[k];
  job.trigger = manual ? 'manual' : 'post-deploy';
  notes.changed(
    at,
    manual
      ? `\`${composeName}\` (a one-shot under a Compose profile) becomes the manual job \`${composeName}\`: run it with \`docker compose run --rm ${composeName}\` (stackc's Compose file), \`kubectl create job --from=cronjob/${composeName}\` (Kubernetes)`
      : `\`${composeName}\` (a one-shot nothing waits for) becomes a \`post-deploy\` job: \`up\` runs it once every service is ready, not beside them`,
    // A manual job no longer starts with `up` in its profile's environment: the service is what changes.
    { affects: { service: composeName, aspect: manual ? 'service' : 'depends_on' } },
  );
  return job;
}

export interface OfeliaJob {
  /** `<type>.<name>`, for messages. */
  label: string;
  type: string;
  name: string;
  /** The compose service whose labels declare it. */
  declaredBy: string;
  params: Map<string, { value: string; at: SourceRef }>;
  at: SourceRef;
}

/** A service's labels as key → value with positions, whether written as a map or a list of `k=v`. */
export function labelEntries(service: CMap): { key: string; value: string; at: SourceRef }[] {
  const labels = get(service, 'labels');
  if (labels?.kind === 'map') return labels.entries.map((e) => ({ key: e.key, value: str(e.value) ?? '', at: e.keyAt }));
  if (labels?.kind === 'seq') {
    return labels.items.flatMap((item) => {
      const text = str(item);
      if (text === undefined) return [];
      const i = text.indexOf('=');
      return [{ key: i < 0 ? text : text.slice(0, i), value: i < 0 ? '' : text.slice(i + 1), at: item.at }];
    });
  }
  return [];
}

/** Whether the service is ofelia itself: its image, or its `daemon --docker` command reading labels. */
export function isOfelia(service: CMap): boolean {
  const image = str(get(service, 'image')) ?? '';
  return /(^|\/)ofelia(:|@|$)/.test(image.replace(/^docker\.io\//, ''));
}

/** The ofelia jobs the service's labels declare. */
export function ofeliaJobs(composeName: string, service: CMap): OfeliaJob[] {
  const jobs = new Map<string, OfeliaJob>();
  for (const l of labelEntries(service)) {
    const m = /^ofelia\.(job-[a-z-]+)\.([^.]+)\.(.+)$/.exec(l.key);
    if (!m) continue;
    const [, type, name, param] = m as unknown as [string, string, string, string];
    const label = `${type}.${name}`;
    let job = jobs.get(label);
    if (!job) jobs.set(label, (job = { label, type, name, declaredBy: composeName, params: new Map(), at: l.at }));
    job.params.set(param.toLowerCase(), { value: l.value, at: l.at });
  }
  return [...jobs.values()];
}

/** Whether a label is ofelia's (left out of the service's labels: stack.yaml's jobs replace them). */
export const isOfeliaLabel = (key: string): boolean => key.startsWith('ofelia.');

export interface ServiceLookup {
  /** compose name → stack.yaml name, for services that stay container services. */
  services: ReadonlyMap<string, string>;
  /** container_name → compose name. */
  containers: ReadonlyMap<string, string>;
  /** Names taken in stack.yaml so far. */
  taken: Set<string>;
}

/**
 * An ofelia job as a stack.yaml job, or `undefined` with a warning where it cannot be one: a
 * `job-exec` runs in the container of the service it names (`from:` that service); a `job-run` in a
 * new container of its image (`from:` the service running that image, else the image itself).
 */
export function ofeliaAsJob(job: OfeliaJob, lookup: ServiceLookup, notes: Notes): { name: string; data: Record<string, unknown> } | undefined {
  const what = `ofelia job \`${job.label}\` of \`${job.declaredBy}\``;
  const param = (k: string) => job.params.get(k);
  if (job.type !== 'job-exec' && job.type !== 'job-run') {
    notes.dropped(job.at, what, job.type === 'job-local' ? 'it runs inside the ofelia container, which stackc does not carry over' : `stackc has no equivalent of ofelia's ${job.type}`);
    return undefined;
  }
  const schedule = param('schedule');
  if (!schedule) {
    notes.dropped(job.at, what, 'it has no schedule');
    return undefined;
  }
  const converted = fiveFieldSchedule(schedule.value);
  if (!converted.ok) {
    notes.dropped(schedule.at, what, converted.why);
    return undefined;
  }
  if (converted.approximate) notes.dropped(schedule.at, `the exact schedule of ${what}`, converted.approximate, { hint: `stack.yaml runs it on \`${converted.cron}\`` });
  // job-exec runs in the running container of a service; job-run starts a stopped container
  // (`container`) or a new one of `image`, with only the environment its labels give.
  const container = param('container')?.value;
  const image = param('image')?.value;
  const target = job.type === 'job-exec' ? (container ? lookup.containers.get(container) ?? container : job.declaredBy) : container ? lookup.containers.get(container) ?? container : undefined;
  const from = target !== undefined ? lookup.services.get(target) : undefined;
  if (!from && !(job.type === 'job-run' && image && !container)) {
    notes.dropped(job.at, what, `it runs in \`${target ?? '?'}\`, which stack.yaml has as no container service a job can copy (\`from\`)`);
    return undefined;
  }
  const environment = from ? undefined : jsonList(param('environment')?.value);
  const env = environment && Object.fromEntries(environment.flatMap((e) => { const i = e.indexOf('='); return i > 0 ? [[e.slice(0, i), e.slice(i + 1).replace(/\$\{/g, '$${')]] : []; }));
  const command = param('command')?.value;
  const words = command !== undefined ? splitShellWords(command) : undefined;
  if (command !== undefined && !words?.length) {
    notes.dropped(param('command')!.at, what, 'its command is empty or its quotes do not match');
    return undefined;
  }
  const name = jobName(job.name, lookup.taken);
  const data: Record<string, unknown> = {
    ...(from ? { from } : { image }),
    ...(words ? { command: words } : {}),
    ...(env && Object.keys(env).length ? { env } : {}),
    ...(param('user') ? { user: param('user')!.value } : {}),
    schedule: converted.cron,
    ...(converted.timezone ? { timezone: converted.timezone } : {}),
    // ofelia lets runs overlap unless `no-overlap` says otherwise.
    concurrency: param('no-overlap')?.value === 'true' ? 'forbid' : 'allow',
  };
  for (const [k, v] of job.params) {
    if (['schedule', 'command', 'container', 'image', 'user', 'no-overlap'].includes(k) || (k === 'environment' && !from)) continue;
    if (k === 'delete' || k === 'tty' || k === 'pull' || k === 'history-limit') continue;
    notes.dropped(v.at, `\`${k}\` of ${what}`, from ? `the job runs with the settings of \`${from}\`` : 'stack.yaml jobs have no such setting');
  }
  const runs = job.type === 'job-exec' ? `, in a new container of \`${from}\` (ofelia ran it in the running container)` : from ? `, in a container of \`${from}\`` : '';
  notes.changed(job.at, `${what} becomes the scheduled job \`${name}\` (\`${converted.cron}\`${converted.timezone ? ` ${converted.timezone}` : ''})${runs}`);
  return { name, data };
}

/** A label value holding a JSON list of strings (`["A=1", "B=2"]`), or one string. */
function jsonList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // one value
  }
  return [text];
}

function jobName(name: string, taken: Set<string>): string {
  const base = toDnsLabel(name) ?? 'job';
  let out = base;
  for (let n = 2; taken.has(out); n++) out = `${base}-${n}`;
  taken.add(out);
  return out;
}

/**
 * A service running supercronic (https://github.com/aptible/supercronic) on a crontab of the
 * project, as one scheduled job per crontab line: the line's schedule and command (run through
 * `sh -c`, as supercronic runs it), `CRON_TZ` as the time zone, `-overlapping` as
 * `concurrency: allow` (else `forbid`, supercronic's default), the crontab's other variables in
 * each job's env. `undefined` when the service does not run supercronic; a note and `undefined`
 * when the crontab cannot be read or a setting of the service would be lost.
 */
export function supercronicJobs(composeName: string, service: CMap, mapped: MappedService, readText: (path: string) => string | undefined, notes: Notes): Record<string, Record<string, unknown>> | undefined {
  const words = [...((mapped.data.entrypoint as string[] | undefined) ?? []), ...((mapped.data.command as string[] | undefined) ?? [])];
  if (!words[0] || !/(^|\/)supercronic$/.test(words[0])) return undefined;
  const at = (get(service, 'command') ?? get(service, 'entrypoint') ?? service).at;
  const args = words.slice(1);
  const path = args.at(-1);
  const flags = args.slice(0, -1);
  const stay = (why: string) => {
    notes.changed(at, `\`${composeName}\` runs supercronic but stays a service: ${why}`, { hint: 'move its crontab lines under `jobs:` by hand' });
    return undefined;
  };
  if (!path || path.startsWith('-')) return stay('its crontab is not the last argument');
  const file = ((mapped.data.files as { path: string; source?: string; content?: string }[] | undefined) ?? []).find((f) => f.path === path);
  const volume = ((mapped.data.volumes as unknown[] | undefined) ?? []).find((v) => typeof v === 'string' && v.split(':')[1] === path) as string | undefined;
  const text = file?.content ?? (file?.source ? readText(file.source) : volume ? readText(volume.split(':')[0]!) : undefined);
  if (text === undefined) return stay(`its crontab ${path} is not a file of the project stackc can read (one built into the image is not)`);
  const others = Object.keys(mapped.data).filter((k) => !(JOB_KEYS as readonly string[]).includes(k) && !['restart', 'depends_on', 'entrypoint', 'command', 'files'].includes(k));
  const otherFiles = ((mapped.data.files as { path: string }[] | undefined) ?? []).filter((f) => f.path !== path);
  const deps = ((mapped.data.depends_on as string[] | undefined) ?? []).filter((d) => !referenced(mapped.data.env).has(d));
  const lost = [...others.map((k) => `\`${k}\``), ...(otherFiles.length ? ['`files`'] : []), ...deps.map((d) => `\`depends_on: ${d}\``)];
  if (lost.length > 0) return stay(`a job has no ${lost.join(', ')}`);
  const crontab = parseCrontab(text);
  if (crontab.lines.length === 0) return stay(`its crontab ${path} has no job line stackc reads`);
  const base: Record<string, unknown> = {};
  for (const k of JOB_KEYS) if (mapped.data[k] !== undefined && k !== 'command') base[k] = mapped.data[k];
  if (volume) base.volumes = (base.volumes as string[]).filter((v) => v !== volume);
  if ((base.volumes as unknown[] | undefined)?.length === 0) delete base.volumes;
  // supercronic sets the crontab's variables over the container's.
  if (Object.keys(crontab.env).length > 0) base.env = { ...((base.env as Record<string, unknown> | undefined) ?? {}), ...crontab.env };
  const jobs: Record<string, Record<string, unknown>> = {};
  for (const [i, line] of crontab.lines.entries()) {
    const name = crontab.lines.length === 1 ? composeName : `${composeName}-${i + 1}`;
    jobs[name] = { ...structuredClone(base), command: line.command, schedule: line.cron, ...(crontab.timezone ? { timezone: crontab.timezone } : {}), concurrency: flags.includes('-overlapping') ? 'allow' : 'forbid' };
  }
  for (const skipped of crontab.skipped) notes.dropped(at, `the crontab line \`${skipped.line}\` of \`${composeName}\``, skipped.why);
  notes.changed(at, `\`${composeName}\` (supercronic reading ${path}) becomes the scheduled job${crontab.lines.length > 1 ? 's' : ''} ${Object.keys(jobs).map((n) => `\`${n}\``).join(', ')}; stackc's Compose file runs each in a service of its own with supercronic (\`targets.compose.scheduler: supercronic\`)`, { affects: { service: composeName, aspect: crontab.lines.length > 1 ? 'service' : 'volumes' } });
  return jobs;
}

interface Crontab {
  lines: { cron: string; command: string }[];
  skipped: { line: string; why: string }[];
  timezone?: string;
  env: Record<string, string>;
}

/** A crontab as supercronic reads it: `KEY=value` lines (CRON_TZ the time zone), job lines, comments. */
function parseCrontab(text: string): Crontab {
  const out: Crontab = { lines: [], skipped: [], env: {} };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const variable = /^([^\s=]+)\s*=\s*(.*)$/.exec(line);
    if (variable && !/^[0-9*@]/.test(line)) {
      const value = variable[2]!.replace(/^(["'])(.*)\1$/, '$2');
      if (variable[1] === 'CRON_TZ') out.timezone = value;
      else if (variable[1] !== 'SHELL' && variable[1] !== 'USER') out.env[variable[1]!] = value;
      continue;
    }
    const macro = /^(@\S+)\s+(.+)$/.exec(line);
    if (macro) {
      const cron = fiveFieldSchedule(macro[1]!);
      if (cron.ok && !cron.approximate) out.lines.push({ cron: cron.cron, command: macro[2]! });
      else out.skipped.push({ line, why: `\`${macro[1]}\` is not a schedule stackc reads` });
      continue;
    }
    const fields = /^(\S+\s+\S+\s+\S+\s+\S+\s+\S+)\s+(\S+)(.*)$/.exec(line);
    if (!fields || /^[0-9*,/-]+$/.test(fields[2]!)) {
      out.skipped.push({ line, why: 'stackc reads 5-field schedules (supercronic also reads seconds and years)' });
      continue;
    }
    const cron = fiveFieldSchedule(fields[1]!);
    if (cron.ok) out.lines.push({ cron: cron.cron, command: `${fields[2]}${fields[3]}` });
    else out.skipped.push({ line, why: cron.why });
  }
  return out;
}
