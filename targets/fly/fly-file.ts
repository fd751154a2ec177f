// One service's fly.toml in one environment: header (what it is, how to deploy it, the secrets to
// set, what fly.toml cannot say), then the sections in flyctl's own order.
import { posix } from 'node:path';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import { commentLines, generatedHeader } from '../../src/emit/serialize/header.js';
import type { Artifact, BuildProblem } from '../../src/emit/target.js';
import type { Resource, Service } from '../../src/model/stack.js';
import { checksFor } from './checks.js';
import { flyEnv, type FlyEnv, type ToSet } from './env.js';
import { contextPaths } from './layout.js';
import { servedPort, type Scope } from './scope.js';
import { toToml, type Table, type Value } from './toml.js';
import { listText, oneLine, shellJoin, shellQuote } from '../../src/emit/text.js';
import { bytes, exact, memoryText, vmFor } from './vm.js';

/** A file being built: its tables and the notes its header collects. */
interface Draft {
  service: Service;
  scope: Scope;
  path: string;
  app: string;
  /** "Not expressible" lines for the header. */
  notes: string[];
}

/** Reports a problem and keeps a line about it for the file's header. */
function note(d: Draft, problem: BuildProblem, line: string): void {
  d.scope.report(problem);
  d.notes.push(line);
}

export function flyFile(service: Service, scope: Scope): Artifact {
  const path = scope.layout.file(service, scope.environment.name);
  const d: Draft = { service, scope, path, app: scope.app(service.name), notes: [] };
  const env = flyEnv(service, scope);
  const minRunning = service.autoscale?.min ?? service.replicas;
  const count = service.autoscale?.max ?? service.replicas;

  const checks = checksFor(service, scope.report);
  d.notes.push(...checks.notes);
  const tables: (Table | undefined)[] = [
    experimental(service),
    build(d),
    deploy(d),
    entries('env', env.plain),
    service.command ? { name: 'processes', entries: [['app', shellJoin(service.command)]] } : undefined,
    ...mounts(d, count),
    ...proxy(d, minRunning, checks),
    checks.machine,
    restart(d),
    vm(d),
  ];
  unexpressible(d);
  reportAppName(d);

  const top: [string, Value][] = [['app', d.app], ...(scope.options.region ? [['primary_region', scope.options.region] as [string, Value]] : [])];
  const body = toToml({ top, tables: tables.filter((t): t is Table => t !== undefined) });
  const header = generatedHeader(scope.stackFile) + commentLines(['', ...about(d), '', ...deploySteps(d, env, count), ...secretLines(d, env), ...resourceLines(d, env), ...notesLines(d)]);
  return {
    path,
    target: 'fly',
    environment: scope.environment.name,
    content: `${header}\n${body}`,
  };
}

const entries = (name: string, list: [string, Value][]): Table | undefined => (list.length ? { name, entries: list } : undefined);

function experimental(service: Service): Table | undefined {
  // fly.toml's only way to replace the image's ENTRYPOINT.
  return service.entrypoint ? { name: 'experimental', entries: [['entrypoint', service.entrypoint]] } : undefined;
}

function build(d: Draft): Table | undefined {
  const { service, scope } = d;
  if (!service.build) return service.image ? { name: 'build', entries: [['image', service.image]] } : undefined;
  const b = service.build;
  const { toContext } = contextPaths(d.path, b.context, scope.stackFile);
  const list: [string, Value][] = [['dockerfile', posix.normalize(posix.join(toContext, b.dockerfile))]];
  if (b.target) list.push(['build-target', b.target]);
  const args = Object.keys(b.args).sort();
  return {
    name: 'build',
    entries: list,
    ...(args.length ? { children: [{ name: 'build.args', entries: args.map((k): [string, Value] => [k, b.args[k]!]) }] } : {}),
  };
}

function deploy(d: Draft): Table | undefined {
  const { service, scope } = d;
  if (!service.release) return undefined;
  const path = service.origins.release ?? service.path;
  scope.report({
    severity: 'info',
    code: 'fly/release-command',
    message: `the release command of \`${service.name}\` runs once per \`fly deploy\`, in a temporary Machine with the app's environment and secrets, before the new Machines start; a failure stops the deploy`,
    path,
  });
  if (service.volumes.some((v) => v.kind === 'named')) {
    note(d, {
      severity: 'info',
      code: 'fly/release-volumes',
      message: `the release command of \`${service.name}\` runs without its volumes: Fly mounts no volume on the release Machine`,
      path,
      hint: 'keep migrations to the database; do not write to the volume in the release command',
    }, 'release_command runs without the volume mounted');
  }
  return { name: 'deploy', entries: [['release_command', shellJoin(service.release)]] };
}

/** Fly volume names: lower-case letters, digits and `_`, at most 30 characters. */
export const volumeName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);

function mounts(d: Draft, count: number): Table[] {
  const { service, scope } = d;
  for (const v of service.volumes) {
    if (v.kind !== 'bind') continue;
    note(d, {
      severity: 'warning',
      code: 'fly/bind-mount',
      message: `the bind mount \`${v.source}:${v.path}\` of \`${service.name}\` is left out: a Fly Machine has no project directory`,
      path: v.at,
      hint: 'copy the files into the image, or use a volume',
    }, `bind mount ${v.source}:${v.path}: left out`);
  }
  const named = service.volumes.filter((v) => v.kind === 'named');
  const [first, ...rest] = named;
  if (!first) return [];
  for (const v of rest) {
    note(d, {
      severity: 'warning',
      code: 'fly/one-volume',
      message: `a Fly Machine mounts one volume: \`${v.name}\` (${v.path}) of \`${service.name}\` is left out; \`${first.name}\` is mounted`,
      path: v.at,
      hint: `keep the data under one volume (e.g. subdirectories of ${first.path})`,
    }, `volume ${v.name} (${v.path}): left out (one volume per Machine)`);
  }
  const source = volumeName(first.name);
  if (source !== first.name) {
    scope.report({ severity: 'info', code: 'fly/volume-name', message: `Fly volume names use lower-case letters, digits and \`_\`: \`${first.name}\` is \`${source}\` on Fly`, path: first.at });
  }
  if (first.readonly) {
    note(d, { severity: 'info', code: 'fly/read-only-volume', message: `Fly mounts volumes read-write: \`${first.name}\` of \`${service.name}\` is not read-only`, path: first.at }, `volume ${first.name} is mounted read-write (Fly has no read-only mounts)`);
  }
  if (count > 1) {
    note(d, {
      severity: 'warning',
      code: 'fly/volume-per-machine',
      message: `each Fly Machine gets its own \`${source}\` volume: the ${count} Machines of \`${service.name}\` do not share the files under ${first.path}`,
      path: first.at,
      hint: 'keep shared files in object storage (Tigris, S3) or the database, or run one Machine',
    }, `volume ${source}: one per Machine, not shared by the ${count} Machines`);
  }
  const size = bytes(first.size);
  const gb = size === undefined ? 1 : Math.max(1, Math.ceil(size / 2 ** 30));
  if (size !== undefined && size !== gb * 2 ** 30) {
    scope.report({ severity: 'info', code: 'fly/volume-size', message: `Fly volumes are sized in whole GB: \`${first.name}\` (${first.size}) is created with ${gb}gb`, path: first.at });
  }
  return [{ name: 'mounts', array: true, entries: [['source', source], ['destination', first.path], ['initial_size', `${gb}gb`]] }];
}

/** `[http_service]` for a public service, `[[services]]` (private, Flycast) for one with ports only. */
function proxy(d: Draft, minRunning: number, checks: ReturnType<typeof checksFor>): Table[] {
  const { service, scope } = d;
  const port = servedPort(service);
  reportPorts(d, port);
  if (port === undefined) {
    if (service.autoscale) {
      note(d, {
        severity: 'warning',
        code: 'fly/autoscale',
        message: `\`${service.name}\` has no port, so the Fly proxy cannot start and stop its Machines: autoscale (${service.autoscale.min}-${service.autoscale.max}) runs a fixed ${service.autoscale.max} Machines`,
        path: service.autoscale.path,
        hint: 'scale by hand with `fly scale count N`',
      }, `autoscale: not expressible without a port; run ${service.autoscale.max} Machines`);
    }
    return [];
  }
  const scaling: [string, Value][] = [['auto_stop_machines', 'stop'], ['auto_start_machines', true], ['min_machines_running', minRunning]];
  if (service.autoscale) {
    const a = service.autoscale;
    note(d, {
      severity: 'info',
      code: 'fly/autoscale',
      message: `Fly scales \`${service.name}\` with traffic, not CPU: the proxy starts and stops its ${a.max} Machines and keeps at least ${a.min} running; \`cpu: ${a.cpu}\` is not expressible`,
      path: a.path,
      hint: 'tune when Machines start with `[http_service.concurrency]` soft_limit/hard_limit',
    }, `autoscale cpu target (${a.cpu}%): not expressible; Machines start and stop with traffic between ${a.min} and ${a.max}`);
  }
  if (service.public) {
    const p = service.public;
    if (p.path !== '/') {
      note(d, {
        severity: 'warning',
        code: 'fly/public-path',
        message: `Fly serves the whole app: the path \`${p.path}\` of \`${service.name}\` is not expressible, every path reaches it`,
        path: p.at,
        hint: 'route the path prefix in the application, or put a proxy app in front',
      }, `public path ${p.path}: not expressible, the app serves every path`);
    }
    if (scope.environment.domain) {
      scope.report({
        severity: 'info',
        code: 'fly/custom-domain',
        message: `\`${service.name}\` is served at ${p.host} once the domain points at the app and has a certificate: \`fly certs add ${p.host} -a ${d.app}\``,
        path: p.at,
      });
    }
    const children: Table[] = checks.http ? [{ name: 'http_service.checks', array: true, entries: checks.http }] : [];
    return [{ name: 'http_service', entries: [['internal_port', port], ['force_https', true], ...scaling], children }];
  }
  const children: Table[] = [
    { name: 'services.ports', array: true, entries: [['port', port]] },
    ...(checks.http ? [{ name: 'services.http_checks', array: true, entries: checks.http }] : []),
    ...(checks.tcp ? [{ name: 'services.tcp_checks', array: true, entries: checks.tcp }] : []),
  ];
  return [{
    name: 'services',
    array: true,
    comments: [`Private: reached by other apps at ${d.app}.flycast:${port} (no public IP).`],
    entries: [['protocol', 'tcp'], ['internal_port', port], ...scaling],
    children,
  }];
}

function reportPorts(d: Draft, served: number | undefined): void {
  const { service } = d;
  for (const p of service.ports) {
    if (p.container === served && p.containerEnd === p.container && p.protocol === 'tcp') continue;
    const text = `${p.container}${p.containerEnd !== p.container ? `-${p.containerEnd}` : ''}/${p.protocol}`;
    if (p.protocol === 'udp') {
      note(d, {
        severity: 'warning',
        code: 'fly/udp-port',
        message: `port ${text} of \`${service.name}\` is not served: UDP on Fly needs a dedicated IPv4 and the app listening on \`fly-global-services\`, which stackc does not set up`,
        path: p.path,
        hint: 'add a [[services]] section with protocol = "udp" by hand if you need it',
      }, `port ${text}: not served (UDP)`);
      continue;
    }
    note(d, {
      severity: 'warning',
      code: 'fly/extra-port',
      message: `only port ${served} of \`${service.name}\` goes through the Fly proxy; port ${text} is reachable from other apps over the private network only (${d.app}.internal:${p.container})`,
      path: p.path,
      hint: 'serve everything public on one port',
    }, `port ${text}: private network only (${d.app}.internal)`);
  }
}

const RESTART: Record<Service['restart'], string> = { always: 'always', 'unless-stopped': 'always', 'on-failure': 'on-failure', no: 'never' };

function restart(d: Draft): Table {
  const { service } = d;
  // A Machine behind the proxy that exits cleanly (or is stopped when idle) is started again by the
  // proxy on the next request; `always` would keep it from ever stopping.
  const policy = service.restart === 'unless-stopped' && servedPort(service) !== undefined ? 'on-failure' : RESTART[service.restart];
  return { name: 'restart', array: true, entries: [['policy', policy]] };
}

function vm(d: Draft): Table | undefined {
  const { service, scope } = d;
  const r = service.resources;
  if (!r) return undefined;
  const size = vmFor(r);
  if (!size) return undefined;
  if (!exact(r, size)) {
    const asked = [r.cpu ? `cpu ${r.cpu}` : '', r.memory ? `memory ${r.memory}` : ''].filter(Boolean).join(', ') || 'requests';
    const requests = (r.requests.cpu && r.requests.cpu !== r.cpu) || (r.requests.memory && r.requests.memory !== r.memory) ? '; Fly has no separate requests' : '';
    scope.report({
      severity: 'info',
      code: 'fly/vm-size',
      message: `\`${service.name}\` (${asked}) runs on ${size.cpus} ${size.cpu_kind} vCPU${size.cpus > 1 ? 's' : ''} with ${memoryText(size.memoryMb)}: Fly sizes Machines in CPU steps of 1, 2, 4, 8 and memory in 256 MB steps${requests}`,
      path: r.path,
    });
  }
  return { name: 'vm', array: true, entries: [['cpu_kind', size.cpu_kind], ['cpus', size.cpus], ['memory', memoryText(size.memoryMb)]] };
}

/** Settings fly.toml has no place for. */
function unexpressible(d: Draft): void {
  const { service } = d;
  if (service.user) {
    note(d, {
      severity: 'info',
      code: 'fly/user',
      message: `fly.toml cannot set the user: \`${service.name}\` runs as the image's USER, not \`${service.user.text}\``,
      path: service.origins.user ?? service.path,
      hint: `set \`USER ${service.user.text}\` in the Dockerfile`,
    }, `user ${service.user.text}: runs as the image's USER`);
  }
  if (service.readOnly) {
    note(d, { severity: 'info', code: 'fly/read-only', message: `fly.toml cannot make the root file system of \`${service.name}\` read-only`, path: service.origins.read_only ?? service.path }, 'read_only: not expressible (the root file system is writable)');
  }
  const labels = Object.keys(service.labels);
  if (labels.length) {
    note(d, { severity: 'info', code: 'fly/labels', message: `fly.toml has no labels: ${listText(labels.sort().map((l) => `\`${l}\``))} of \`${service.name}\` are left out`, path: service.origins.labels ?? service.path }, `labels: left out (${labels.join(', ')})`);
  }
  const deps = service.dependsOn.filter((x) => x.kind === 'service');
  if (deps.length) {
    d.scope.report({
      severity: 'info',
      code: 'fly/depends-on',
      message: `Fly apps start independently: \`${service.name}\` does not wait for ${listText(deps.map((x) => `\`${x.name}\``))}`,
      path: service.origins.depends_on ?? service.path,
      hint: 'make the application retry its connections at start-up',
    });
  }
}

function reportAppName(d: Draft): void {
  if (d.app.length <= 63 && /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(d.app)) return;
  d.scope.report({
    severity: 'warning',
    code: 'fly/app-name',
    message: `the Fly app name \`${d.app}\` is longer than 63 characters or not a DNS label, so \`${d.app}.fly.dev\` cannot exist`,
    path: d.scope.options.path,
    hint: 'set a shorter `prefix` in `targets.fly`',
  });
}

function about(d: Draft): string[] {
  const { service, scope } = d;
  const env = scope.environment.name;
  const isDefault = scope.stack.environments[0]?.name === env;
  const h = service.healthcheck;
  return [
    `Fly app \`${d.app}\`: service \`${service.name}\`${service.description ? ` (${oneLine(service.description)})` : ''}, environment \`${env}\`${isDefault ? ' (the default)' : ''}.`,
    ...(h && !h.probe ? [`Healthcheck disabled: ${oneLine(h.disabledReason ?? '')}`] : []),
  ];
}

function deploySteps(d: Draft, env: FlyEnv, count: number): string[] {
  const { service, scope } = d;
  const port = servedPort(service);
  const isPrivate = port !== undefined && !service.public;
  let deploy: string;
  if (service.build) {
    const { fromRoot, toContext } = contextPaths(d.path, service.build.context, scope.stackFile);
    // In the build context, flyctl's build context, working directory and config directory agree.
    // When --out moved the file away from it, absolute paths mean the same to every flyctl version.
    deploy = toContext === '.'
      ? `${fromRoot === '.' ? '' : `cd ${shellQuote(fromRoot)} && `}fly deploy -c ${shellQuote(posix.basename(d.path))}`
      : `fly deploy "$PWD/${fromRoot}" -c "$PWD/${d.path}"`;
  } else {
    deploy = `fly deploy -c ${shellQuote(d.path)}`;
  }
  if (isPrivate) deploy += ' --no-public-ips';
  const names = env.toSet.map((s) => `${s.name}=...`);
  const steps = [
    `Deploy, from ${scope.stackFile === 'stack.yaml' ? 'the directory of stack.yaml' : 'the output directory'}:`,
    `  fly apps create ${d.app}   # once`,
    ...(isPrivate ? [`  fly ips allocate-v6 --private -a ${d.app}   # once: the Flycast address other apps use`] : []),
    ...(names.length ? [`  fly secrets set ${names.join(' ')} -a ${d.app}   # once, and when a value changes`] : []),
    `  ${deploy}`,
    `  fly scale count ${count} -a ${d.app}   # Machines to run${service.autoscale ? ` (autoscale maximum; at least ${service.autoscale.min} keep running)` : ''}`,
  ];
  if (service.public && scope.environment.domain) steps.push(`  fly certs add ${service.public.host} -a ${d.app}   # once, then point DNS at the app`);
  if (service.build && service.image) steps.push(`To deploy the image CI pushed instead of building: add --image ${service.image}:<tag>`);
  return steps;
}

function secretLines(d: Draft, env: FlyEnv): string[] {
  if (!env.toSet.length) return [];
  const width = Math.max(...env.toSet.map((s) => s.name.length));
  return [
    '',
    'Secrets (names only: values never go in this file). Set them with the command above, or from a',
    `file of NAME=value lines kept out of git: fly secrets import -a ${d.app} < ${d.scope.environment.name}.secrets.env`,
    ...env.toSet.map((s: ToSet) => `  ${s.name.padEnd(width)}  ${oneLine(s.about)}`),
  ];
}

/** Where the backing services come from: Fly runs them as apps (or add-ons) of their own. */
const PROVIDERS: Partial<Record<Resource['type'], string>> = {
  postgres: 'Fly Managed Postgres (`fly mpg create`), or a Fly Postgres app (`fly postgres create`, then `fly postgres attach <pg-app> -a APP --variable-name VAR`)',
  redis: 'Upstash Redis for Fly (`fly redis create`; set the URL it prints)',
};

function resourceLines(d: Draft, env: FlyEnv): string[] {
  const { service, scope } = d;
  const used = new Map(env.resources);
  for (const dep of service.dependsOn) {
    const resource = scope.resources.get(dep.name);
    if (dep.kind === 'resource' && resource && !used.has(resource.name)) used.set(resource.name, { resource, variables: [] });
  }
  if (!used.size) return [];
  const lines = ['', 'Backing services: Fly does not run them from this file; create each as its own app or add-on:'];
  for (const { resource, variables } of used.values()) {
    const what = resource.external
      ? `external in \`${scope.environment.name}\``
      : `${resource.type} ${resource.version}, ${resource.storage}; ${(PROVIDERS[resource.type] ?? 'a Fly app of the official image with a volume, or a provider of your choice').replace(/APP/g, d.app)}`;
    const into = variables.length ? `; its details go into ${listText(variables)} (secrets above)` : '';
    lines.push(`  ${resource.name}: ${what}${into}`);
    const kind = RESOURCE_KINDS[resource.type];
    scope.report({
      severity: 'info',
      code: 'fly/backing-service',
      message: resource.external
        ? `\`${service.name}\` reads the external ${resource.type} \`${resource.name}\`${variables.length ? ` through ${listText(variables.map((v) => `\`${v}\``))}, set with \`fly secrets set\`` : ''}`
        : `Fly does not provision the ${resource.type} \`${resource.name}\` from fly.toml: create it separately (a Fly app or add-on, port ${kind.port})${variables.length ? ` and set ${listText(variables.map((v) => `\`${v}\``))} of \`${service.name}\` with \`fly secrets set\`` : ''}`,
      path: resource.path,
      ...(PROVIDERS[resource.type] && !resource.external ? { hint: PROVIDERS[resource.type]!.replace(/APP/g, d.app) } : {}),
    });
  }
  return lines;
}

function notesLines(d: Draft): string[] {
  if (!d.notes.length) return [];
  return ['', 'Not expressible in fly.toml (see `stackc build` diagnostics):', ...d.notes.map((n) => `  - ${oneLine(n)}`)];
}

