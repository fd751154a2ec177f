// One service's fly.toml in one environment: header (what it is, how to deploy it, the secrets to
// set, what fly.toml cannot say), then the sections in flyctl's own order.
import { posix } from 'node:path';
import type { DeployedService } from '../../src/deploy/model.js';
import { killEntries, strategyEntries } from './rollout.js';
import { contextPaths } from '../../src/emit/paths.js';
import { commentLines, generatedHeader } from '../../src/emit/serialize/header.js';
import type { Artifact } from '../../src/emit/target.js';
import { listText, oneLine, shellJoin, shellQuote } from '../../src/emit/text.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Build, Resource, Service } from '../../src/model/stack.js';
import { flycastOnly } from './address-book.js';
import { isValidAppName } from './app-name.js';
import { checksFor, type FlyChecks } from './checks.js';
import { flyEnv, type FlyEnv } from './env.js';
import { filesTables } from './files.js';
import { flyVolume, machines } from './machines.js';
import type { Scope } from './scope.js';
import { fromObject, toToml, type Table, type Value } from './toml.js';
import { parse } from 'smol-toml';
import { mergePatches, patchesOf } from '../../src/emit/patches/document-patch.js';
import { patchName } from '../../src/emit/patches/patches.js';
import type { Json } from '../../src/emit/patches/json.js';
import { memoryText, vmFor } from './vm.js';
import { cronFile, crontabTable, groupOf, jobLines, processesTable, type HostedJob } from './cron.js';

/** A file being built. */
interface Draft {
  service: DeployedService;
  scope: Scope;
  path: string;
  app: string;
}

/**
 * @param jobs the jobs that run in the app (jobs.ts): scheduled ones make the process group `cron`,
 * whose crontab is a `[[files]]` entry, and the service's own sections then name the group `app`
 */
export function flyFile(service: DeployedService, scope: Scope, jobs: readonly HostedJob[] = []): Artifact {
  const path = scope.layout.file(service, scope.environment.name);
  const d: Draft = { service, scope, path, app: scope.app(service.name) };
  const env = flyEnv(service, scope.environment, scope.book, scope.report);
  const checks = checksFor(service, scope.report);
  const crontab = cronFile(d.app, jobs, scope.stackFile);
  // With a second process group, what serves or holds data is the `app` group's only.
  const app = groupOf(crontab);
  const tables: (Table | undefined)[] = [
    experimental(service),
    build(d),
    deploy(d),
    entries('env', env.plain),
    processesTable(service.command ? shellJoin(service.command) : undefined, crontab !== undefined),
    app(mounts(service)),
    ...filesTables(service, scope),
    ...(crontab ? [crontabTable(crontab)] : []),
    ...proxy(d, checks).map(app),
    app(checks.machine),
    restart(service),
    vm(service),
  ];
  reportAppName(d);
  // What fly.toml cannot say about the service and its jobs: the capabilities' gaps, reported by the build.
  const notes = [...scope.gaps.service(service), ...jobs.flatMap((j) => scope.gaps.job(j.job))].flatMap((f) => (f.note ? [f.note] : []));

  const top: [string, Value][] = [['app', d.app], ...(scope.options.region ? [['primary_region', scope.options.region] as [string, Value]] : []), ...killEntries(service)];
  const written = toToml({ top, tables: tables.filter((t): t is Table => t !== undefined) });
  const patches = patchesOf(scope.patches, scope.environment.name, service.name);
  const body = patches.length ? toToml(fromObject(mergePatches(parse(written) as Json, patches, path, 'fly', 'fly/patch-failed', scope.report) as Record<string, unknown>)) : written;
  const patched = patches.length ? ['', `Patched by stack.yaml: ${patches.map(patchName).join(', ')}.`] : [];
  const header = generatedHeader(scope.stackFile) + commentLines(['', ...about(d), '', ...deploySteps(d, env, crontab !== undefined), ...jobLines(d.app, jobs, scope.workflowDeploys), ...secretLines(d, env), ...resourceLines(d, env), ...notesLines(notes), ...patched]);
  return {
    path,
    target: 'fly',
    environment: scope.environment.name,
    content: `${header}\n${body}`,
    ...(patches.length ? { patchedBy: patches.map((p) => p.path) } : {}),
    facts: {
      services: [service.name],
      // `[build] image` is the only image written in the file; a built service deploys what flyctl builds.
      images: service.build || !service.image ? [] : [service.image],
      secrets: env.toSet.map((s) => s.name),
    },
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
  const rollout = strategyEntries(service);
  if (!service.release) return rollout.length ? { name: 'deploy', entries: rollout } : undefined;
  scope.report({
    severity: 'info',
    code: 'fly/release-command',
    message: `the release command of \`${service.name}\` runs once per \`fly deploy\`, in a temporary Machine with the app's environment and secrets, before the new Machines start; a failure stops the deploy`,
    path: service.origins.release ?? service.path,
  });
  return { name: 'deploy', entries: [['release_command', shellJoin(service.release)], ...rollout] };
}

/** The first named volume (a Fly Machine mounts one; the others are gaps). */
function mounts(service: DeployedService): Table | undefined {
  const { mounted, source, sizeGb } = flyVolume(service);
  if (!mounted) return undefined;
  return { name: 'mounts', array: true, entries: [['source', source!], ['destination', mounted.path], ['initial_size', `${sizeGb}gb`]] };
}

/** `[http_service]` for a public service, `[[services]]` (private, Flycast) for one with ports only. */
function proxy(d: Draft, checks: FlyChecks): Table[] {
  const { service, scope } = d;
  const port = service.servedPort;
  if (port === undefined) return [];
  const scaling: [string, Value][] = [['auto_stop_machines', 'stop'], ['auto_start_machines', true], ['min_machines_running', machines(service).minRunning]];
  if (service.endpoints.length) {
    // One certificate per host (a wildcard too: https://fly.io/docs/networking/custom-domain/).
    for (const endpoint of service.endpoints.filter((e) => e.routable)) {
      scope.report({
        severity: 'info',
        code: 'fly/custom-domain',
        message: `\`${service.name}\` is served at ${endpoint.host} once the domain points at the app and has a certificate: \`fly certs add ${shellQuote(endpoint.host)} -a ${d.app}\``,
        path: endpoint.at,
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

const RESTART: Record<Service['restart'], string> = { always: 'always', 'unless-stopped': 'always', 'on-failure': 'on-failure', no: 'never' };

function restart(service: DeployedService): Table {
  // A Machine behind the proxy that exits cleanly (or is stopped when idle) is started again by the
  // proxy on the next request; `always` would keep it from ever stopping.
  const policy = service.restart === 'unless-stopped' && service.servedPort !== undefined ? 'on-failure' : RESTART[service.restart];
  return { name: 'restart', array: true, entries: [['policy', policy]] };
}

/** The smallest Machine size that holds `resources` (rounding is the `fly/vm-size` gap). */
function vm(service: DeployedService): Table | undefined {
  const size = service.resources && vmFor(service.resources);
  if (!size) return undefined;
  return { name: 'vm', array: true, entries: [['cpu_kind', size.cpu_kind], ['cpus', size.cpus], ['memory', memoryText(size.memoryMb)]] };
}

function reportAppName(d: Draft): void {
  if (isValidAppName(d.app)) return;
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
  const h = service.healthcheck;
  return [
    `Fly app \`${d.app}\`: service \`${service.name}\`${service.description ? ` (${oneLine(service.description)})` : ''}, environment \`${scope.environment.name}\`${scope.environment.isDefault ? ' (the default)' : ''}.`,
    ...(h && !h.probe ? [`Healthcheck disabled: ${oneLine(h.disabledReason ?? '')}`] : []),
  ];
}

function deploySteps(d: Draft, env: FlyEnv, cron: boolean): string[] {
  const { service, scope } = d;
  const isPrivate = flycastOnly(service);
  const { count } = machines(service);
  let deploy: string;
  if (service.build) {
    const { fromRoot, toContext } = contextPaths(d.path, service.build.context, scope.stackFile);
    // In the build context, flyctl's build context, working directory and config directory agree.
    // When --out moved the file away from it, absolute paths mean the same to every flyctl version.
    deploy = toContext === '.'
      ? `${fromRoot === '.' ? '' : `cd ${shellQuote(fromRoot)} && `}fly deploy -c ${shellQuote(posix.basename(d.path))}`
      : `fly deploy "$PWD/${fromRoot}" -c "$PWD/${d.path}"`;
    deploy += buildSecretFlags(service.build);
  } else {
    deploy = `fly deploy -c ${shellQuote(d.path)}`;
    if (scope.credentials(service)) deploy += ' --local-only';
  }
  if (isPrivate) deploy += ' --no-public-ips';
  const pull = privatePull(service, scope);
  const names = env.toSet.map((s) => `${s.name}=...`);
  const steps = [
    ...(scope.workflowDeploys ? [`The GitHub Actions deploy workflow of \`${scope.environment.name}\` deploys this app after CI passes and scales it to ${count}; by hand:`] : []),
    `Deploy, from ${scope.stackFile === 'stack.yaml' ? 'the directory of stack.yaml' : 'the output directory'}:`,
    `  fly apps create ${d.app}   # once`,
    ...(isPrivate ? [`  fly ips allocate-v6 --private -a ${d.app}   # once: the Flycast address other apps use`] : []),
    ...(names.length ? [`  fly secrets set ${names.join(' ')} -a ${d.app}   # once, and when a value changes`] : []),
    ...(pull ? [`  ${pull}`] : []),
    `  ${deploy}`,
    `  fly scale count ${count}${cron ? ' --process-group app' : ''} -a ${d.app}   # Machines to run${service.autoscale ? (service.servedPort === undefined ? ' (autoscale minimum: without a port nothing stops them)' : ` (autoscale maximum; at least ${service.autoscale.min} keep running)`) : ''}`,
    ...(cron ? [`  fly scale count 1 --process-group cron -a ${d.app}   # the Machine that runs the crontab (one, so no job runs twice)`] : []),
  ];
  for (const endpoint of service.endpoints.filter((e) => e.routable)) steps.push(`  fly certs add ${shellQuote(endpoint.host)} -a ${d.app}   # once, then point DNS at the app`);
  if (service.build && service.image) steps.push(`To deploy the image CI pushed instead of building: add --image ${service.imageRef?.name ?? service.image}:<tag>`);
  return steps;
}

function secretLines(d: Draft, env: FlyEnv): string[] {
  if (!env.toSet.length) return [];
  const width = Math.max(...env.toSet.map((s) => s.name.length));
  return [
    '',
    'Secrets (names only: values never go in this file). Set them with the command above, or from a',
    `file of NAME=value lines kept out of git: fly secrets import -a ${d.app} < ${d.scope.environment.name}.secrets.env`,
    ...env.toSet.map((s) => `  ${s.name.padEnd(width)}  ${oneLine(s.about)}`),
  ];
}

/** Where the backing services come from: Fly runs them as apps (or add-ons) of their own. */
const PROVIDERS: Partial<Record<Resource['type'], string>> = {
  postgres: 'Fly Managed Postgres (`fly mpg create`), or a Fly Postgres app (`fly postgres create`, then `fly postgres attach <pg-app> -a APP --variable-name VAR`)',
  redis: 'Upstash Redis for Fly (`fly redis create`; set the URL it prints)',
  // https://fly.io/docs/tigris/
  s3: 'a Tigris bucket (`fly storage create -a APP`; it prints the endpoint and keys to set)',
};

/** The backing services the service uses, with where each can come from and the variables it fills. */
function resourceLines(d: Draft, env: FlyEnv): string[] {
  const { service, scope } = d;
  const used = service.uses.flatMap((name) => scope.environment.resource(name) ?? []);
  if (!used.length) return [];
  const lines = ['', 'Backing services: Fly does not run them from this file; create each as its own app or add-on:'];
  for (const resource of used) {
    const variables = env.resourceVariables.get(resource.name) ?? [];
    const what = resource.external
      ? `external in \`${scope.environment.name}\``
      : `${resource.type === 's3' ? `s3 bucket ${resource.s3!.bucket}` : resource.type === 'container' ? `container ${resource.image}${resource.container?.volume ? `, ${resource.storage}` : ''}` : `${resource.type} ${resource.version}, ${resource.storage}`}; ${(PROVIDERS[resource.type] ?? `a Fly app of the ${resource.type === 'container' ? '' : 'official '}image${resource.type === 'container' && !resource.container?.volume ? '' : ' with a volume'}, or a provider of your choice`).replace(/APP/g, d.app)}`;
    const into = variables.length ? `; its details go into ${listText(variables)} (secrets above)` : '';
    lines.push(`  ${resource.name}: ${what}${into}`);
    const kind = RESOURCE_KINDS[resource.type];
    scope.report({
      severity: 'info',
      code: 'fly/backing-service',
      message: resource.external
        ? `\`${service.name}\` reads the external ${resource.type} \`${resource.name}\`${variables.length ? ` through ${listText(variables.map((v) => `\`${v}\``))}, set with \`fly secrets set\`` : ''}`
        : `Fly does not provision the ${resource.type} \`${resource.name}\` from fly.toml: create it separately (${resource.type === 's3' ? 'a bucket' : `a Fly app or add-on, port ${resource.port}`})${variables.length ? ` and set ${listText(variables.map((v) => `\`${v}\``))} of \`${service.name}\` with \`fly secrets set\`` : ''}`,
      path: resource.path,
      ...(PROVIDERS[resource.type] && !resource.external ? { hint: PROVIDERS[resource.type]!.replace(/APP/g, d.app) } : {}),
    });
  }
  return lines;
}

function notesLines(notes: readonly string[]): string[] {
  if (!notes.length) return [];
  return ['', 'Not expressible in fly.toml (see `stackc build` diagnostics):', ...notes.map((n) => `  - ${oneLine(n)}`)];
}

/**
 * `--build-secret NAME="$NAME"` for each BuildKit secret of the build, read from the shell's
 * variable of the same name (flyctl passes it to the builder as a secret mount, never the image):
 * https://fly.io/docs/apps/build-secrets/
 */
export const buildSecretFlags = (build: Build): string => (build.secrets ?? []).map((name) => ` --build-secret ${name}="$${name}"`).join('');

/**
 * For an image on a registry with `registries.<host>.credentials`: Fly's API cannot pull it (it
 * resolves images remotely without credentials), but flyctl looks for the image in the local
 * Docker daemon first and pushes that copy to registry.fly.io (flyctl's imgsrc resolvers, local then
 * remote), so the deploy signs in and pulls it first, with the secrets `registries` names.
 */
function privatePull(service: DeployedService, scope: Scope): string | undefined {
  const c = scope.credentials(service);
  if (!c || service.build || !service.image) return undefined;
  return `echo "$${c.password}" | docker login ${c.host} -u "$${c.username}" --password-stdin && docker pull ${service.image}   # private: flyctl pushes the local copy to registry.fly.io`;
}
