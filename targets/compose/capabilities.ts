// What Docker Compose can express (src/emit/capabilities.ts): data only, read without loading the emitter.
// The gaps are reported by the build before the files are rendered, and by lint from the model;
// the emitter writes their `note` above the service they concern.
import type { DeployedService } from '../../src/deploy/model.js';
import { defineCapabilities, type Gap, type GapFinding, type NameRule } from '../../src/emit/capabilities.js';
import { httpJobsNotExpressible } from '../../src/emit/job-gaps.js';
import { DEFAULT_STORAGE } from '../../src/model/defaults.js';
import type { DataPath } from '../../src/model/stack.js';
import { listText } from '../../src/emit/text.js';
import { addressPrefix, environmentPorts, publishedUrl } from './ports.js';
import { imageHealthcheckInCharge, probeTool, probeToolChoices } from './probe-tool.js';
import { releaseJobName, releaseNameTaken } from './release-name.js';
import { plural } from '../../src/vocabulary/plural.js';
import { runsOnSchedule, schedulerOf } from './scheduler-choice.js';

const autoscale: Gap = {
  code: 'compose/autoscale',
  setting: 'autoscale',
  support: 'approximated',
  severity: 'warning',
  summary: 'Compose has no autoscaler: the service runs a fixed `autoscale.min` replicas',
  service(service) {
    const a = service.autoscale;
    if (!a) return undefined;
    return {
      message: `Compose cannot autoscale \`${service.name}\` (${a.min} to ${a.max} replicas at ${a.cpu}% CPU): it runs a fixed ${a.min}`,
      path: a.path,
      hint: `change the count by hand with \`docker compose up -d --scale ${service.name}=N\``,
      note: `autoscale (${a.min}-${a.max} replicas at ${a.cpu}% CPU) is not expressible in Compose: runs ${plural(a.min, 'replica')}`,
    };
  },
};

const publicAddress: Gap = {
  code: 'compose/public',
  setting: 'public',
  support: 'approximated',
  severity: 'warning',
  summary: 'Compose publishes a port but neither routes a host name nor terminates TLS: a routable address needs a reverse proxy in front',
  service(service, { environment, plan }) {
    const endpoint = service.endpoints[0];
    if (!endpoint) return undefined;
    const where = endpoint.routable ? endpoint.url : `http://${endpoint.address}`;
    const ports = environmentPorts(plan, environment);
    const planned = ports.services.get(service.name);
    const hostPort = planned?.hostPort(endpoint.port);
    if (hostPort === undefined) {
      return {
        message: `\`${service.name}\` is public (${where}) but its port ${endpoint.port} is not published, so nothing outside Compose reaches it`,
        path: endpoint.at,
        hint: 'publish the port in this environment, or put a reverse proxy service in front of it',
        note: `public at ${where}: port ${endpoint.port} is not published, so only other containers reach it`,
      };
    }
    if (endpoint.routable) {
      // Bound to loopback here (ports.ts): the proxy runs on the same machine.
      const address = planned!.hostAddress(endpoint.port);
      const published = address ? `${addressPrefix(address)}${hostPort}` : `host port ${hostPort}`;
      // Its other hosts and redirects need the same proxy: said in the one warning, not one per host.
      const hosts = listText(service.endpoints.filter((e) => e.routable).map((e) => e.host));
      const redirects = service.redirects.filter((r) => r.routable);
      const redirecting = redirects.length ? `, redirecting ${listText(redirects.map((r) => r.from))} to it` : '';
      return {
        message: `Compose does not route ${where} to \`${service.name}\` or terminate TLS: it only publishes ${published}`,
        path: endpoint.at,
        hint: `put a reverse proxy (Caddy, Traefik, nginx) in front of ${published} for ${hosts}${redirecting}`,
        note: `public at ${where}: Compose publishes ${published}; routing ${endpoint.host} and TLS need a reverse proxy in front`,
      };
    }
    return {
      severity: 'info',
      message: `\`${service.name}\` is public: under Compose it is reached at ${publishedUrl(hostPort, endpoint)} (Compose does not route the host name ${endpoint.host})`,
      path: endpoint.at,
      note: `public: ${publishedUrl(hostPort, endpoint)}`,
    };
  },
};

/**
 * Compose builds for the machine it runs on: a local `up` runs that platform's image, and building
 * the others would need QEMU and, on Docker Engine's classic image store, a different builder.
 * `build.platforms` is for the image CI pushes. https://docs.docker.com/build/building/multi-platform/
 */
const buildPlatforms: Gap = {
  code: 'compose/build-platforms',
  setting: 'build.platforms',
  support: 'approximated',
  severity: 'info',
  summary: 'Compose builds for the machine it runs on; `build.platforms` applies to the image CI pushes',
  service(service) {
    const platforms = service.build?.platforms;
    if (!platforms) return undefined;
    return {
      message: `Compose builds \`${service.name}\` for the machine it runs on, not for ${platforms.join(', ')}: the platforms apply to the image CI pushes`,
      path: service.origins.build ?? service.path,
      hint: 'build every platform by hand with `docker buildx build --platform ' + platforms.join(',') + '`',
    };
  },
};

const release: Gap = {
  code: 'compose/release',
  setting: 'release',
  support: 'approximated',
  severity: 'warning',
  summary: 'Compose has no release phase: the release command runs as a one-shot `<service>-release` service the service waits for (not run when the stack already uses that name)',
  service(service, { environment }) {
    if (!service.release) return undefined;
    const name = releaseJobName(service);
    const path = service.origins.release ?? service.path;
    if (releaseNameTaken(service, environment)) {
      return {
        message: `the release command of \`${service.name}\` is not run: its one-shot service would be named \`${name}\`, which the stack already uses`,
        path,
        hint: `rename \`${name}\`, or run the release command by hand: docker compose run --rm ${service.name} ${service.release.join(' ')}`,
      };
    }
    return { severity: 'info', message: `the release command of \`${service.name}\` runs as the one-shot service \`${name}\`; \`${service.name}\` starts after it succeeds`, path };
  },
};

const replicaPorts: Gap = {
  code: 'compose/replica-ports',
  setting: 'replicas (with a published port)',
  support: 'approximated',
  severity: 'warning',
  summary: 'one host port cannot be bound by several replicas: each replica gets its own host port from a range, when the range is free',
  service: (service, { environment, plan }) => environmentPorts(plan, environment).services.get(service.name)?.replicaFindings,
};

const SIZE_HINT = 'the size applies on platforms that provision volumes (Kubernetes, Fly)';

const volumeSize: Gap = {
  code: 'compose/volume-size',
  setting: 'volumes[].size, resources.storage',
  support: 'dropped',
  severity: 'info',
  summary: 'Compose volumes have no size: they take what the Docker host\'s disk allows',
  service: (service) =>
    service.volumes.flatMap((v): GapFinding[] =>
      v.kind === 'named' && v.size !== DEFAULT_STORAGE
        ? [{ message: `Compose volumes have no size: \`${v.name}\` (${v.size}) takes what the Docker host's disk allows`, path: v.at, hint: SIZE_HINT }]
        : [],
    ),
  resource(resource) {
    if (!resource.origins.storage) return undefined;
    return { message: `Compose volumes have no size: the data of \`${resource.name}\` (storage ${resource.storage}) takes what the Docker host's disk allows`, path: resource.origins.storage, hint: SIZE_HINT };
  },
};

/**
 * An `http` or `tcp` probe runs inside the container (probe-tool.ts picks the program): a note when
 * the image has the program or its Dockerfile's HEALTHCHECK is left in charge, a warning when the
 * probe cannot run, or may not, or `HEALTHCHECK NONE` leaves Compose without one.
 */
const probeGap = (kind: 'http' | 'tcp'): Gap => ({
  code: `compose/${kind}-healthcheck`,
  setting: `healthcheck.${kind}`,
  support: 'approximated',
  severity: 'warning',
  summary: `Compose runs a${kind === 'http' ? 'n' : ''} ${kind} probe inside the container, with a program the image has (${probeToolChoices(kind)}); a HEALTHCHECK in the Dockerfile applies instead`,
  service(service) {
    const h = service.healthcheck;
    if (h?.probe?.kind !== kind) return undefined;
    return probeFinding(service, kind, h.path);
  },
});

function probeFinding(service: DeployedService, kind: 'http' | 'tcp', path: DataPath): GapFinding {
  const what = `the ${kind} healthcheck of \`${service.name}\``;
  const own = imageHealthcheckInCharge(service);
  if (own?.kind === 'command') {
    return {
      severity: 'info',
      message: `${what} is not written into the Compose file: the HEALTHCHECK in ${own.file}:${own.line} applies (a Compose healthcheck would override it); Kubernetes, which ignores HEALTHCHECK, still probes as stack.yaml says`,
      path,
      note: `healthcheck: the image's own HEALTHCHECK (${own.file}:${own.line}) applies`,
    };
  }
  if (own?.kind === 'none') {
    return {
      message: `\`HEALTHCHECK NONE\` in ${own.file}:${own.line} turns off healthchecks for \`${service.name}\`: Compose runs none (${what} still applies on Kubernetes), and what depends on it waits only until it has started`,
      path,
      hint: `remove \`HEALTHCHECK NONE\` to have Compose run the ${kind} probe, or replace it with a HEALTHCHECK the image can run`,
      note: `healthcheck: none (HEALTHCHECK NONE in ${own.file}:${own.line})`,
    };
  }
  const { tools, known, base, reason } = service.probeTools;
  const image = base ? `\`${base.image}\` (${base.from.kind === 'stack' ? '`image:`' : `FROM in ${base.from.file}:${base.from.line}`})` : 'the image';
  const tool = probeTool(kind, tools);
  const fix = 'add a HEALTHCHECK the image can run to its Dockerfile (Compose then runs that one), install curl in the image, or write a `command` healthcheck';
  if (tool) {
    const name = tool === 'python' ? 'python3' : tool;
    const has = service.probeTools.installed.includes(tool) ? `its Dockerfile installs it` : `${image} has it`;
    return { severity: 'info', message: `${what} runs \`${name}\` inside the container: ${has}`, path };
  }
  if (known) {
    return {
      message: `${what} cannot run under Compose: ${image} has none of ${probeToolChoices(kind).replace(' or ', ', ')}, so the container never becomes healthy`,
      path,
      hint: fix,
      note: `healthcheck: ${base?.image ?? 'the image'} has no ${probeToolChoices(kind)}: this probe fails until it has one`,
    };
  }
  const fallback = kind === 'http' ? 'curl or wget' : 'nc or bash';
  return {
    message: `${base ? `stackc does not know what ${image} contains` : (reason ?? 'stackc cannot tell what the image contains')}: ${what} runs ${fallback} through /bin/sh inside the container, and the container stays unhealthy if the image has neither`,
    path,
    hint: fix,
    note: `healthcheck: needs ${fallback} in the image${base ? ` (stackc does not know what ${base.image} contains)` : ''}`,
  };
}

// `docker compose up` reads compose.override.yaml on top of compose.yaml without being asked
// (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/), so an environment named
// `override` (compose.override.yaml) would leak into the default one. Refused rather than renamed:
// a file named otherwise than `compose.<environment>.yaml` would surprise every reader.
const names: NameRule[] = [
  {
    of: 'environment',
    breaks: (n) => n === 'override',
    why: 'its Compose file would be compose.override.yaml, which `docker compose up` merges into compose.yaml on every start',
    hint: () => 'name it after what it is for, e.g. `staging`, `preview` or `local`',
  },
];

// Compose has no scheduler, and the published compose-spec no jobs element (compose-spec#92): a
// scheduled job is written as a one-shot under the `jobs` profile, to run by hand (jobs.ts), unless
// `targets.compose.scheduler` runs it (scheduler-choice.ts).
const schedule: Gap = {
  code: 'compose/schedule',
  setting: 'jobs.schedule',
  support: 'dropped',
  severity: 'warning',
  summary: 'a scheduled job: Compose has no scheduler, so the job is written to run by hand (`docker compose run`), not on its schedule, unless `targets.compose.scheduler` is set',
  job(job, ctx) {
    if (!job.schedule || runsOnSchedule(job, schedulerOf(ctx.options))) return undefined;
    const scheduler = schedulerOf(ctx.options);
    return {
      message: scheduler
        ? `\`${job.name}\` has no \`command\`, so ${scheduler} cannot run it on \`${job.schedule.cron.text}\` in environment \`${ctx.environment.name}\`: it is written to run by hand (\`docker compose run --rm ${job.name}\`)`
        : `Compose has no scheduler: nothing runs \`${job.name}\` on \`${job.schedule.cron.text}\` in environment \`${ctx.environment.name}\`; it is written to run by hand (\`docker compose run --rm ${job.name}\`)`,
      path: job.schedule.path,
      hint: scheduler
        ? 'give the job a `command` (a crontab line runs it; the image\'s own ENTRYPOINT and CMD are not known to stackc)'
        : 'set `targets.compose.scheduler: supercronic` to run it on its schedule (its image then needs supercronic), run it from the host\'s cron, or deploy the environment with a target that schedules jobs (kubernetes, railway)',
      // Where Compose is the developer's machine, a job not running nightly is expected.
      ...(ctx.environment.role === 'production' ? {} : { severity: 'info' as const }),
    };
  },
};

/**
 * What supercronic (supercronic.ts) does not do as stack.yaml says: stop a run to start the next
 * (`replace`), retry; and what it asks of the image, said once per job as a note.
 */
const scheduler: Gap = {
  code: 'compose/scheduler',
  setting: 'jobs.concurrency, jobs.retries (with targets.compose.scheduler)',
  support: 'approximated',
  severity: 'warning',
  summary: 'a job run on its schedule by supercronic (`targets.compose.scheduler`): its image must have supercronic and /bin/sh; `concurrency: replace` runs as `forbid`, and failed runs are not retried',
  job(job, ctx) {
    if (!job.schedule || !runsOnSchedule(job, schedulerOf(ctx.options))) return undefined;
    const findings: GapFinding[] = [
      {
        severity: 'info',
        message: `supercronic runs \`${job.name}\` on \`${job.schedule.cron.text}\` in a service of its own: its image must have supercronic and /bin/sh${job.timeout ? ', and `timeout` (coreutils or BusyBox)' : ''}${job.schedule.timezone ? `, and the time zone database for ${job.schedule.timezone}` : ''}`,
        path: job.schedule.path,
        hint: 'docs/targets/compose.md#scheduled-jobs says how to add supercronic to a Dockerfile',
      },
    ];
    if (job.concurrency?.policy === 'replace') {
      findings.push({
        message: `supercronic cannot stop a run of \`${job.name}\` to start the next one (\`concurrency: replace\`): a run due while the last one runs starts when it ends, as with \`forbid\``,
        path: job.concurrency.path,
        hint: 'use `forbid`, or a `timeout` shorter than the interval between runs',
        note: 'concurrency: replace is not expressible with supercronic: runs as forbid',
      });
    }
    if (job.retries > 0) {
      findings.push({
        message: `supercronic does not retry a failed run of \`${job.name}\` (\`retries: ${job.retries}\`): the next run is the next scheduled one`,
        path: job.origins.retries ?? job.path,
        hint: 'retry inside the job\'s command, or deploy with a target that retries jobs (kubernetes)',
        note: `retries: ${job.retries} is not expressible with supercronic: a failed run waits for the next schedule`,
      });
    }
    return findings;
  },
};

const drain: Gap = {
  code: 'compose/drain',
  setting: 'drain_period',
  support: 'dropped',
  severity: 'info',
  summary: 'Compose puts no load balancer in front of a container: there is nothing to drain from, and `docker compose stop` sends the stop signal at once',
  service: (service) => {
    const d = service.shutdown?.drain;
    if (!d) return undefined;
    return {
      message: `Compose puts no load balancer in front of \`${service.name}\`: \`drain_period: ${d.text}\` is not expressible, the container gets its stop signal at once`,
      path: d.path,
      hint: 'a reverse proxy in front (Traefik, Caddy) routes away from a stopping container by its healthcheck',
      note: `drain_period ${d.text}: not expressible (no load balancer); the stop signal is sent at once`,
    };
  },
};

/**
 * `docker compose up` stops a changed service's container and starts the new one: a recreate.
 * `deploy.update_config` (parallelism, order) is Swarm's: docker stack deploy reads it, docker compose
 * up does not (https://github.com/compose-spec/compose-spec/blob/main/deploy.md#update_config,
 * https://docs.docker.com/reference/compose-file/deploy/#update_config), so stackc does not write it.
 */
const rollout: Gap = {
  code: 'compose/rollout',
  setting: 'rollout (rolling, canary, bluegreen)',
  support: 'approximated',
  severity: 'warning',
  summary: '`docker compose up` replaces a changed container (stop, then start): only `recreate` is expressible; `deploy.update_config` is read by Swarm, not by `docker compose up`',
  service: (service, ctx) => {
    const r = service.rollout;
    if (!r || r.strategy === 'recreate') return undefined;
    return {
      message: `\`docker compose up\` stops the container of \`${service.name}\` and starts the new one: \`rollout: ${r.strategy}\` is not expressible in environment \`${ctx.environment.name}\` (\`deploy.update_config\` is read by Swarm's \`docker stack deploy\` only)`,
      path: r.path,
      hint: 'expect a short downtime on each `docker compose up`; deploy this environment with a target that rolls out (kubernetes, fly, railway) for none',
      note: `rollout ${r.strategy}: not expressible; docker compose up stops the container, then starts the new one`,
      // On a developer's machine the restart is expected.
      ...(ctx.environment.role === 'production' ? {} : { severity: 'info' as const }),
    };
  },
};

export default defineCapabilities({
  title: 'Docker Compose',
  names,
  runs: { services: ['container'], resources: 'all' },
  // Notes above a service are written in this order (autoscale, then public).
  gaps: [autoscale, publicAddress, release, replicaPorts, volumeSize, probeGap('http'), probeGap('tcp'), buildPlatforms, drain, rollout, schedule, scheduler, httpJobsNotExpressible('compose/http-job', 'Docker Compose')],
  codes: {
    'compose/patch-failed': { severity: 'error', summary: 'a patch (`targets.compose.patches`) that gives a value stackc writes in the Compose file another type, which the platform\'s schema refuses' },
    'compose/static-service': { severity: 'info', summary: 'a static site is not run by Compose: it is listed in the header of the compose file' },
    'compose/external-resource': { severity: 'info', summary: 'an external backing service gets no container: services read its URL from the env file' },
    'compose/dependency-not-run': { severity: 'warning', summary: '`depends_on` on something Compose does not run (a static site, an external resource, a service outside the `services` filter) is left out' },
    'compose/service-not-deployed': { severity: 'warning', summary: '`${services.X.host|port|url}` of a service Compose does not run is read from a variable of the env file' },
    'compose/public-url': { severity: 'info', summary: '`${services.X.public_url}` of a service Compose does not publish is read from a variable of the env file, with a default' },
    'compose/resource-host-port': { severity: 'info', summary: 'a backing service is published on the next free host port because its own is taken' },
    'compose/image-name': { severity: 'info', summary: 'a service building something else under an image name another service builds gets Compose\'s default image name' },
    'compose/variable-name': { severity: 'error', summary: 'a variable named after a service or backing service whose name starts with a digit cannot be read by Compose' },
  },
  outputs: ['compose.yaml', 'compose.*.yaml', '.env.example', '.env.*.example'],
});
