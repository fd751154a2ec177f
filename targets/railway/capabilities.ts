// What Railway's config as code can express (src/emit/capabilities.ts): data only. Each gap's
// finding is what `stackc build` and lint report, and its `note` is the line the variables file
// lists under "Not expressible in railway.json" (in the order of the gaps here).
import { registryCredentials } from '../../src/deploy/registry-credentials.js';
import { defineCapabilities, type Gap, type GapFinding } from '../../src/emit/capabilities.js';
import { httpJobsNotExpressible, jobsNotExpressible, scheduleTooFrequent } from '../../src/emit/job-gaps.js';
import { redirectsNotExpressible } from '../../src/emit/redirect-gaps.js';
import { listText } from '../../src/emit/text.js';
import { boundPortText, boundPorts } from '../../src/model/ports.js';
import type { DataPath } from '../../src/model/stack.js';
import { healthcheckTimeout, railwayChecks, railwayReplicas, replicaCount } from './platform.js';
import { BUILT_IN, TEMPLATE_NAMES } from './resources.js';
import { plural } from '../../src/vocabulary/plural.js';

const at = (service: { origins: Readonly<Record<string, DataPath>>; path: DataPath }, field: string): DataPath => service.origins[field] ?? service.path;

const gaps: Gap[] = [
  // Railway attaches custom domains to a service and has no redirect setting
  // (https://docs.railway.com/guides/public-networking#custom-domains).
  redirectsNotExpressible({
    code: 'railway/redirect',
    summary: 'Railway has no redirect: a host redirecting to a service is left out (the service can answer it itself)',
    title: 'Railway',
    why: 'Railway has no redirect setting',
    hint: 'add the host to `hosts` and let the service redirect requests for it, or redirect at your DNS provider',
  }),
  {
    // Railway stops a deployment with SIGTERM, then SIGKILL after drainingSeconds:
    // https://docs.railway.com/guides/deployment-teardown
    code: 'railway/stop-signal',
    setting: 'stop_signal',
    support: 'dropped',
    severity: 'warning',
    summary: 'Railway stops a deployment with SIGTERM: another stop signal is not expressible',
    service: (service) => {
      const signal = service.shutdown?.signal;
      if (!signal || signal.name === 'SIGTERM') return undefined;
      return {
        message: `Railway stops a deployment with SIGTERM: \`stop_signal: ${signal.name}\` of \`${service.name}\` is not expressible`,
        path: signal.path,
        hint: `have the entry point turn SIGTERM into ${signal.name} (tini -g, or a shell trap)`,
        note: `stop_signal ${signal.name}: Railway sends SIGTERM`,
      };
    },
  },
  {
    // A new deployment becomes active when its healthcheck passes, and the old one is removed
    // overlapSeconds later (https://docs.railway.com/guides/deployment-teardown): one deployment
    // replaces the other, never paced. A service with a volume is the exception: Railway stops the
    // old deployment first, since two cannot mount the volume (https://docs.railway.com/reference/volumes).
    code: 'railway/rollout',
    setting: 'rollout (recreate, canary, bluegreen, max_surge, max_unavailable; rolling with a volume)',
    support: 'approximated',
    severity: 'warning',
    summary: 'Railway starts the new deployment, moves traffic to it when it is healthy, then stops the old one (for a service with a volume: stops it first): recreate (without a volume), canary and bluegreen are not expressible, nor the pace of a rolling update',
    service: (service) => {
      const r = service.rollout;
      if (!r) return undefined;
      const volume = service.volumes.flatMap((v) => (v.kind === 'named' ? [v.name] : []))[0];
      if (r.strategy === 'recreate' && volume) return undefined;
      if (r.strategy === 'rolling') {
        if (volume) {
          return {
            message: `Railway stops the old deployment of \`${service.name}\` before it starts the new one, because it mounts the volume \`${volume}\`: each deploy has a short downtime, not a rolling update`,
            path: r.path,
            hint: 'keep the files in object storage or the database to deploy without downtime, or write `rollout: recreate`',
            note: 'rollout rolling: Railway stops the old deployment first (the service mounts a volume)',
          };
        }
        if (!r.maxSurge && !r.maxUnavailable) return undefined;
        return {
          severity: 'info',
          message: `Railway moves \`${service.name}\` to the new deployment once it is healthy: the pace of a rolling update (\`max_surge\`, \`max_unavailable\`) is not expressible`,
          path: r.path,
          note: 'rollout max_surge / max_unavailable: not expressible (Railway switches to the new deployment when it is healthy)',
        };
      }
      const what = r.strategy === 'recreate' ? 'stops the old deployment only after the new one is active, so the two run side by side for a moment' : `moves all traffic to the new deployment at once when it is healthy, with no ${r.strategy} step`;
      return {
        message: `Railway ${what}: \`rollout: ${r.strategy}\` of \`${service.name}\` is not expressible`,
        path: r.path,
        hint: r.strategy === 'recreate' ? 'make the app tolerate a second copy for the overlap (a lock, or idempotent start-up work)' : 'a healthcheck keeps a broken deployment from taking traffic',
        note: `rollout ${r.strategy}: not expressible; Railway switches to the new deployment when it is healthy`,
      };
    },
  },
  {
    // Railway pulls a private image with credentials set on the service, not in railway.json:
    // https://docs.railway.com/guides/private-registries
    code: 'railway/registry-credentials',
    setting: 'registries.<host>.credentials',
    support: 'approximated',
    severity: 'info',
    summary: 'a private image: its registry credentials are set on the Railway service by hand (Settings → Source → Registry Credentials, Pro plan)',
    service: (service, { plan }) => {
      const c = service.build ? undefined : registryCredentials(plan.stack.registries, service.imageRef?.registry);
      if (!c) return undefined;
      return {
        message: `Railway pulls \`${service.name}\`'s image from ${c.host} with the credentials set on the service: enter the values of ${c.username} and ${c.password} under Settings → Source → Registry Credentials (Railway's Pro plan)`,
        path: at(service, 'image'),
        note: `image on ${c.host}: set ${c.username} / ${c.password} as the service's Registry Credentials`,
      };
    },
  },
  {
    // Railway passes service variables to a Dockerfile build only as build arguments, read by
    // `ARG`, which stay in the image's history: https://docs.railway.com/guides/build-time-vs-runtime-secrets
    code: 'railway/build-secrets',
    setting: 'build.secrets',
    support: 'dropped',
    severity: 'warning',
    summary: 'Railway gives Dockerfile builds no BuildKit secrets: its variables reach a build only as build arguments',
    service: (service) => {
      const secrets = service.build?.secrets;
      if (!secrets) return undefined;
      return {
        message: `Railway mounts no BuildKit secrets: the build of \`${service.name}\` gets nothing at /run/secrets/${secrets.join(', /run/secrets/')} (Railway passes variables to a Dockerfile build only as build arguments, which stay in the image's history)`,
        path: at(service, 'build'),
        hint: 'make the build work without it, or have Railway run an image built elsewhere (a service with `image:` and no `build`)',
        note: `build secrets ${secrets.join(', ')}: Railway mounts no BuildKit secrets`,
      };
    },
  },
  {
    code: 'railway/build-platforms',
    setting: 'build.platforms',
    support: 'dropped',
    severity: 'info',
    summary: 'Railway builds one image, for the platform it runs, on its own builders',
    service: (service) => {
      const platforms = service.build?.platforms;
      if (!platforms) return undefined;
      return {
        message: `Railway builds \`${service.name}\` once, for the platform it runs on: \`build.platforms\` (${platforms.join(', ')}) applies to the image CI pushes`,
        path: at(service, 'build'),
      };
    },
  },
  {
    code: 'railway/host-address',
    setting: 'ports: bind',
    support: 'dropped',
    severity: 'info',
    summary: 'Railway publishes no port on a host address: a service is reached on the private network, its public domain or a TCP Proxy',
    service: (service) =>
      boundPorts(service.ports).map((p) => ({
        message: `\`${service.name}\` publishes ${boundPortText(p)} under Compose; Railway publishes no port on a host address: the port is reached on the private network (a public domain or TCP Proxy would open it to the internet)`,
        path: p.path,
        note: `${boundPortText(p)}: not published on a host`,
      })),
  },
  {
    code: 'railway/build-target',
    setting: 'build.target',
    support: 'dropped',
    severity: 'warning',
    summary: 'Railway builds the Dockerfile\'s last stage',
    service: (service) => {
      const b = service.build;
      // Nothing is lost when the target is the Dockerfile's last stage anyway (the model read it).
      if (!b?.target || service.runsLastStage === true) return undefined;
      return {
        message: `Railway builds the last stage of the Dockerfile: the build target \`${b.target}\` of \`${service.name}\` is not expressible`,
        path: at(service, 'build'),
        hint: `make \`${b.target}\` the last stage of ${b.dockerfile}, or add a Dockerfile that ends with it`,
        note: `build target ${b.target}: Railway builds the Dockerfile's last stage`,
      };
    },
  },
  {
    code: 'railway/entrypoint',
    setting: 'entrypoint (without command)',
    support: 'approximated',
    severity: 'warning',
    summary: 'the start command replaces ENTRYPOINT and CMD, so the image\'s CMD is dropped',
    service: (service) =>
      service.kind === 'container' && service.entrypoint && !service.command
        ? {
            message: `Railway's start command replaces the image's ENTRYPOINT and CMD: \`${service.name}\` sets an entrypoint only, so the image's CMD is not passed to it`,
            path: at(service, 'entrypoint'),
            hint: 'set `command` too (the arguments the image\'s CMD gave)',
            note: 'entrypoint without command: the image CMD is dropped',
          }
        : undefined,
  },
  {
    code: 'railway/start-command',
    setting: 'command (without entrypoint)',
    support: 'approximated',
    severity: 'info',
    summary: 'the start command replaces the image\'s ENTRYPOINT as well as its CMD',
    service: (service) =>
      service.kind === 'container' && service.command && !service.entrypoint
        ? {
            message: `Railway's start command replaces the image's ENTRYPOINT as well as its CMD: if the image of \`${service.name}\` has an ENTRYPOINT, add it as \`entrypoint\``,
            path: at(service, 'command'),
          }
        : undefined,
  },
  {
    code: 'railway/healthcheck-port',
    setting: 'healthcheck.http.port (another port than the served one, or a service Railway serves on no port)',
    support: 'dropped',
    severity: 'warning',
    summary: 'Railway health-checks the port in `PORT` (the served port) only: the healthcheck is left out of railway.json',
    service: (service) => {
      const h = service.healthcheck;
      const probe = h?.probe;
      if (!h || probe?.kind !== 'http' || railwayChecks(service)) return undefined;
      if (service.servedPort === undefined) {
        return {
          message: `Railway health-checks the port in PORT, and \`${service.name}\` serves no port: its healthcheck on port ${probe.port} is left out (a healthcheckPath there would never turn the deployment healthy)`,
          path: h.path,
          hint: `declare port ${probe.port} in \`ports\` so Railway routes to it, or rely on the restart policy`,
          note: `healthcheck on port ${probe.port}: left out (no PORT for Railway to check)`,
        };
      }
      return {
        message: `Railway health-checks the port in PORT (${service.servedPort}): the healthcheck of \`${service.name}\` on port ${probe.port} is left out (a healthcheckPath there would never turn the deployment healthy)`,
        path: h.path,
        hint: `serve ${probe.path} on port ${service.servedPort}`,
        note: `healthcheck on port ${probe.port}: left out (Railway checks PORT, ${service.servedPort})`,
      };
    },
  },
  {
    code: 'railway/healthcheck',
    setting: 'healthcheck (command/tcp probes; interval, timeout, retries)',
    support: 'approximated',
    severity: 'warning',
    summary: 'Railway checks an http path, and only while a deployment goes live',
    service: (service): GapFinding | undefined => {
      const h = service.healthcheck;
      const probe = h?.probe;
      if (!h || !probe) return undefined;
      if (probe.kind === 'http' && !railwayChecks(service)) return undefined; // left out: railway/healthcheck-port
      if (probe.kind !== 'http') {
        return {
          message: `Railway health-checks an http path only: the ${probe.kind} healthcheck of \`${service.name}\` is not expressible`,
          path: h.path,
          hint: 'expose an http endpoint for the check',
          note: `${probe.kind} healthcheck: not expressible (Railway checks an http path)`,
        };
      }
      return {
        severity: 'info',
        message: `Railway checks ${probe.path} of \`${service.name}\` only while a deployment goes live (for up to ${healthcheckTimeout(h)}s), not continuously: interval, timeout and retries are not expressible`,
        path: h.path,
        note: 'healthcheck interval/timeout/retries: Railway checks only while a deployment goes live',
      };
    },
  },
  {
    code: 'railway/autoscale',
    setting: 'autoscale',
    support: 'approximated',
    severity: 'warning',
    summary: 'a fixed `min` replicas: Railway does not add replicas under load',
    service: (service) => {
      const a = service.autoscale;
      if (!a) return undefined;
      return {
        message: `Railway does not add replicas under load: autoscale (${a.min}-${a.max} at ${a.cpu}% CPU) of \`${service.name}\` runs a fixed ${railwayReplicas(service)}${railwayReplicas(service) < a.min ? ' (it mounts a volume)' : ''}`,
        path: a.path,
        hint: 'change numReplicas by hand, or raise the replica limits Railway scales each replica up to (vertical autoscaling)',
        note: `autoscale (${a.min}-${a.max}): a fixed ${plural(railwayReplicas(service), 'replica')}`,
      };
    },
  },
  {
    code: 'railway/resources',
    setting: 'resources',
    support: 'dropped',
    severity: 'info',
    summary: 'railway.json has no resource limits: set them in Settings → Deploy → Resource Limits',
    service: (service) => {
      const r = service.resources;
      if (!r) return undefined;
      const what = [r.cpu ? `${r.cpu} CPU` : '', r.memory ? `${r.memory} memory` : ''].filter(Boolean).join(', ');
      return {
        message: `railway.json has no resource limits: set ${what || 'the limits'} of \`${service.name}\` in Settings → Deploy → Resource Limits`,
        path: r.path,
        note: `resources (${what}): set them in Settings → Deploy → Resource Limits`,
      };
    },
  },
  {
    code: 'railway/bind-mount',
    setting: 'volumes (bind mounts)',
    support: 'dropped',
    severity: 'warning',
    summary: 'left out: Railway has no project directory at run time',
    service: (service) =>
      service.volumes.flatMap((v) =>
        v.kind === 'bind'
          ? [{ message: `the bind mount \`${v.source}:${v.path}\` of \`${service.name}\` is left out: Railway has no project directory at run time`, path: v.at, hint: 'copy the files into the image, or use a volume', note: `bind mount ${v.source}:${v.path}: left out` }]
          : [],
      ),
  },
  {
    code: 'railway/files',
    setting: 'files',
    support: 'dropped',
    severity: 'warning',
    summary: 'left out: Railway mounts no files into a service (https://docs.railway.com/reference/config-as-code has no place for them)',
    service: (service) =>
      service.files.map((f) => ({
        message: `the file \`${f.path}\` of \`${service.name}\` is left out: Railway mounts no files into a service`,
        path: f.at,
        hint: f.content.kind === 'repository' ? `copy ${f.content.source} into the image at ${f.path} (a COPY line in the Dockerfile)` : `write the file in the image (a COPY line in the Dockerfile), or have the entry point write it from env variables`,
        note: `file ${f.path}: left out`,
      })),
  },
  {
    code: 'railway/one-volume',
    setting: 'volumes (a second named volume)',
    support: 'dropped',
    severity: 'warning',
    summary: 'a Railway service has one volume: the others are left out',
    service: (service) => {
      const named = service.volumes.filter((v) => v.kind === 'named');
      return named.slice(1).map((v) => ({
        message: `a Railway service has one volume: \`${v.name}\` (${v.path}) of \`${service.name}\` is left out`,
        path: v.at,
        hint: `keep the data under one volume (subdirectories of ${named[0]!.path})`,
        note: `volume ${v.name} (${v.path}): left out (one volume per service)`,
      }));
    },
  },
  {
    code: 'railway/volume-replicas',
    setting: 'replicas (with a volume)',
    support: 'approximated',
    severity: 'warning',
    summary: 'Railway runs a service with a volume as a single replica',
    service: (service) => {
      const volume = service.volumes.find((v) => v.kind === 'named');
      const wanted = replicaCount(service);
      if (!volume || wanted <= 1) return undefined;
      return {
        message: `Railway runs a service with a volume as a single replica: \`${service.name}\` asks for ${wanted} and mounts \`${volume.name}\`, so numReplicas is 1`,
        path: volume.at,
        hint: 'keep shared files in object storage or the database, or run one replica',
        note: `${wanted} replicas with a volume: Railway runs one`,
      };
    },
  },
  {
    code: 'railway/user',
    setting: 'user',
    support: 'dropped',
    severity: 'info',
    summary: 'railway.json cannot set the user: the image\'s USER applies',
    service: (service) =>
      service.user
        ? {
            message: `railway.json cannot set the user: \`${service.name}\` runs as the image's USER, not \`${service.user.text}\``,
            path: at(service, 'user'),
            hint: `set \`USER ${service.user.text}\` in the Dockerfile`,
            note: `user ${service.user.text}: runs as the image's USER`,
          }
        : undefined,
  },
  {
    code: 'railway/read-only',
    setting: 'read_only',
    support: 'dropped',
    severity: 'info',
    summary: 'Railway cannot make the root file system read-only',
    service: (service) =>
      service.readOnly ? { message: `Railway cannot make the root file system of \`${service.name}\` read-only`, path: at(service, 'read_only'), note: 'read_only: not expressible' } : undefined,
  },
  {
    code: 'railway/labels',
    setting: 'labels',
    support: 'dropped',
    severity: 'info',
    summary: 'Railway services have no labels',
    service: (service) => {
      const labels = Object.keys(service.labels).sort();
      if (!labels.length) return undefined;
      return {
        message: `Railway services have no labels: ${listText(labels.map((l) => `\`${l}\``))} of \`${service.name}\` are left out`,
        path: at(service, 'labels'),
        note: `labels: left out (${labels.join(', ')})`,
      };
    },
  },
  {
    code: 'railway/one-shot',
    setting: 'restart: "no" without ports (a one-shot service)',
    support: 'approximated',
    severity: 'warning',
    summary: 'Railway has no run-to-completion service: a service that runs on each deploy and is not restarted, which nothing waits for (a warning when a service needs it)',
    service: (service, { environment, plan }) => {
      if (!service.oneShot) return undefined;
      const waiting = plan.services(environment.name).filter((d) => d.needs.some((n) => n.kind === 'service' && n.name === service.name && n.readiness === 'completed'));
      return {
        ...(waiting.length ? {} : { severity: 'info' as const }),
        message: `Railway has no run-to-completion service: \`${service.name}\` (\`restart: "no"\`, no ports) runs its command on each deploy and is not restarted (restartPolicyType NEVER)${waiting.length ? `; Railway deploys services independently, so ${listText(waiting.map((d) => `\`${d.name}\``))} do${waiting.length === 1 ? 'es' : ''} not wait for it to finish` : ''}`,
        path: at(service, 'restart'),
        hint: waiting.length === 1 ? `if it prepares \`${waiting[0]!.name}\` (a migration), make its command \`${waiting[0]!.name}\`'s \`release\`: Railway runs that (preDeployCommand) before each deploy of \`${waiting[0]!.name}\`` : 'a migration of one service belongs in that service\'s `release` (Railway\'s preDeployCommand, run before each deploy)',
        note: 'one-shot (restart "no", no ports): runs once per deploy; nothing waits for it',
      };
    },
  },
  {
    code: 'railway/depends-on',
    setting: 'depends_on (services)',
    support: 'dropped',
    severity: 'info',
    summary: 'Railway deploys services independently: no start order',
    service: (service) => {
      const deps = service.dependsOn.filter((d) => d.kind === 'service');
      if (!deps.length) return undefined;
      return {
        message: `Railway deploys services independently: \`${service.name}\` does not wait for ${listText(deps.map((d) => `\`${d.name}\``))}`,
        path: at(service, 'depends_on'),
        hint: 'make the application retry its connections at start-up',
      };
    },
  },
  {
    code: 'railway/public-path',
    setting: 'public.path',
    support: 'dropped',
    severity: 'warning',
    summary: 'the domain serves every path of the service',
    service: (service) => {
      const p = service.public;
      if (!p || p.path === '/') return undefined;
      return {
        message: `Railway serves the whole service on its domain: the path \`${p.path}\` of \`${service.name}\` is not expressible`,
        path: p.at,
        hint: 'route the path prefix in the application',
        note: `public path ${p.path}: the domain serves every path`,
      };
    },
  },
  {
    code: 'railway/extra-port',
    setting: 'ports (beyond the served one)',
    support: 'approximated',
    severity: 'info',
    summary: 'Railway routes a domain to one port: the others are reachable over the private network only',
    service: (service) =>
      service.kind !== 'container'
        ? []
        : service.ports
            .filter((p) => p.container !== service.servedPort)
            .map((p) => ({
              message: `port ${p.container} of \`${service.name}\` is reachable over the private network only (${service.name}.railway.internal:${p.container}); Railway routes a domain to one port`,
              path: p.path,
            })),
  },
  {
    code: 'railway/resource',
    setting: 'resources.* (version, storage)',
    support: 'approximated',
    severity: 'info',
    summary: 'a Railway database or template service added by hand; version and storage are Railway\'s choice',
    resource: (r) => ({
      message: r.type === 'container'
        ? `the container resource \`${r.name}\` is a Railway service of the image ${r.image}, added to the project by hand (railway.json does not create it; name it \`${r.name}\`, give it its variables${r.container?.volume ? ` and a volume at ${r.container.volume}` : ''}); services reach it at its private domain`
        : r.type === 's3'
        ? `the s3 bucket \`${r.name}\` is a Railway Storage Bucket, added to the project by hand (railway.json does not create it); services read its endpoint, bucket name, region and keys, from its Credentials tab, as variables you set`
        : BUILT_IN.has(r.type)
        ? `the ${r.type} \`${r.name}\` is Railway's ${TEMPLATE_NAMES[r.type]} database, added to the project by hand (railway.json does not create it); version ${r.version} and storage ${r.storage} are Railway's choice`
        : `the ${r.type} \`${r.name}\` comes from Railway's ${TEMPLATE_NAMES[r.type]} template (added by hand); services read its details from the image's variables (${r.type === 'rabbitmq' ? 'RABBITMQ_DEFAULT_USER/PASS' : 'MARIADB_USER/PASSWORD/DATABASE'}) and RAILWAY_PRIVATE_DOMAIN`,
      path: r.path,
    }),
  },
];

// Railway runs a service on a cron schedule, in UTC, at most every 5 minutes, skips a run while the
// previous one still runs, and stops none (https://docs.railway.com/reference/cron-jobs). It has no
// on-demand or after-deploy run of a service.
const jobTriggers = jobsNotExpressible({
  code: 'railway/job',
  title: 'Railway',
  severity: 'warning',
  summary: 'a manual or post-deploy job: Railway runs a service always or on a cron schedule, never on demand or after a deploy',
  why: (job) => (job.trigger === 'schedule' ? undefined : `Railway runs a service always or on a cron schedule, not ${job.trigger === 'manual' ? 'on demand' : 'after a deploy'}`),
  hint: (job) => `run it with \`railway run ${job.command?.join(' ') ?? '<command>'}\` (on your machine, with the service's variables)${job.trigger === 'post-deploy' ? ' after each deploy' : ''}, or leave the job to another target`,
});

const jobSchedule: Gap = {
  code: 'railway/job-schedule',
  setting: 'jobs (timezone, concurrency, timeout, retries)',
  support: 'approximated',
  severity: 'warning',
  summary: 'a scheduled job\'s time zone, concurrency, timeout or retries: Railway runs schedules in UTC, skips a run while the last one runs, and neither stops nor retries a run',
  job: (job) => {
    if (!job.schedule) return undefined;
    const findings: GapFinding[] = [];
    if (job.schedule.timezone && !['UTC', 'Etc/UTC'].includes(job.schedule.timezone)) {
      findings.push({ message: `Railway runs schedules in UTC: \`${job.schedule.cron.text}\` of \`${job.name}\` runs at that time UTC, not in ${job.schedule.timezone}`, path: job.origins.timezone ?? job.schedule.path, hint: 'write the schedule in UTC (and mind daylight saving time), or leave the job to another target', note: `job ${job.name}: schedule in UTC, not ${job.schedule.timezone}` });
    }
    const dropped = [job.timeout ? 'timeout' : undefined, job.retries ? 'retries' : undefined, job.concurrency && job.concurrency.policy !== 'forbid' ? `concurrency: ${job.concurrency.policy}` : undefined].filter((x): x is string => x !== undefined);
    if (dropped.length) {
      findings.push({ severity: 'info', message: `Railway skips a run of \`${job.name}\` while the last one still runs, and neither stops a run nor retries a failed one: ${listText(dropped.map((d) => `\`${d}\``))} ${dropped.length > 1 ? 'are' : 'is'} not expressible`, path: job.path, note: `job ${job.name}: ${dropped.join(', ')} not expressible` });
    }
    return findings;
  },
};

export default defineCapabilities({
  title: 'Railway',
  runs: { services: ['container', 'static'], resources: 'used' },
  gaps: [...gaps, jobTriggers, jobSchedule, httpJobsNotExpressible('railway/http-job', 'Railway'), scheduleTooFrequent('railway/schedule-too-frequent', 'Railway', 5, 'https://docs.railway.com/reference/cron-jobs')],
  codes: {
    'railway/patch-failed': { severity: 'error', summary: 'a patch (`targets.railway.patches`) that gives a value stackc writes in the railway.json another type, which the platform\'s schema refuses' },
    'railway/name-unused': { severity: 'warning', summary: '`targets.railway.names` names a Railway service for a service or backing service the railway target does not run' },
    'railway/no-healthcheck': { severity: 'info', summary: 'no healthcheck: Railway switches traffic to a new deployment as soon as it starts', coveredBy: 'healthcheck-required' },
    'railway/override': { severity: 'warning', summary: 'railway.json cannot unset a base setting for one environment (the key is not nullable)' },
    'railway/disabled-service': { severity: 'info', summary: 'a service switched off in an environment: railway.json cannot switch it off there' },
    'railway/external-resource': { severity: 'info', summary: 'an external backing service: its URL is a variable to set in Railway, not a reference' },
    'railway/private-network': { severity: 'info', summary: 'a service reached over Railway\'s private network (IPv6 only in environments created before October 2025)' },
    'railway/variable-clash': { severity: 'warning', summary: 'an env value differs from what Railway needs in the same variable (`PORT`, a build argument)' },
    'railway/out-of-tree': { severity: 'warning', summary: 'a root directory outside the `--out` directory: its railway files are mirrored below the output directory' },
    'railway/service-not-deployed': { severity: 'warning', summary: 'a reference to a service the railway target does not run: a value to set in Railway' },
  },
  outputs: ['railway.json', 'railway.*.json', 'railway.*.env', '**/railway.json', '**/railway.*.json', '**/railway.*.env'],
});
