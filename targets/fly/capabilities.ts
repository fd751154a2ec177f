// What fly.toml can express (src/emit/capabilities.ts): data only, read without loading the emitter.
// The gaps are reported by the build before the files are rendered, and by lint from the model;
// the emitter lists their `note` under "Not expressible in fly.toml" in the file's header, in the
// order of `gaps` below (checks, volumes, ports, scaling, then the rest).
import { defineCapabilities, type Gap, type GapContext, type GapFinding } from '../../src/emit/capabilities.js';
import { amountText } from '../../src/deploy/shutdown.js';
import { workflowDeploys } from '../../src/deploy/deployed-by.js';
import type { DeployedJob, DeployedService } from '../../src/deploy/model.js';
import { CRONTAB_PATH } from '../../src/emit/crontab.js';
import { httpJobsNotExpressible, jobsNotExpressible, scheduleTooFrequent } from '../../src/emit/job-gaps.js';
import { redirectsNotExpressible } from '../../src/emit/redirect-gaps.js';
import { listText } from '../../src/emit/text.js';
import { boundPortText, boundPorts } from '../../src/model/ports.js';
import { appName } from './app-name.js';
import { flyVolume, machines } from './machines.js';
import { readOptions } from './options.js';
import { FLY_SIGNALS, hasFlyChecks, maxKillTimeout, maxUnavailable } from './rollout.js';
import { CRON_GROUP, crontabJobs, flyJobHost, machineInterval, schedulerOf } from './jobs.js';
import { exact, memoryText, vmFor } from './vm.js';

/** The service's Fly app where the gap is checked. */
const appOf = (service: DeployedService, ctx: GapContext): string => appName(readOptions(ctx.plan.stack, ctx.options), service.name, ctx.environment);

const hostAddress: Gap = {
  code: 'fly/host-address',
  setting: 'ports: bind',
  support: 'dropped',
  severity: 'info',
  summary: 'Fly publishes no port on a host address: a port is reached on the private network, and from a machine with `fly proxy` (which listens on 127.0.0.1)',
  service: (service, ctx) =>
    boundPorts(service.ports).map((p) => ({
      message: `\`${service.name}\` publishes ${boundPortText(p)} under Compose; Fly publishes no port on a host address: from this machine, \`fly proxy ${p.host}:${p.container} -a ${appOf(service, ctx)}\` (on 127.0.0.1)`,
      path: p.path,
      note: `${boundPortText(p)}: not published on a host (fly proxy listens on 127.0.0.1)`,
    })),
};

const commandHealthcheck: Gap = {
  code: 'fly/command-healthcheck',
  setting: 'healthcheck.command',
  support: 'dropped',
  severity: 'warning',
  summary: 'Fly checks are http or tcp only: a command healthcheck becomes no check',
  service(service) {
    const h = service.healthcheck;
    if (h?.probe?.kind !== 'command') return undefined;
    const command = h.probe.command.join(' ');
    return {
      message: `Fly checks are http or tcp only: the command healthcheck of \`${service.name}\` (\`${command}\`) is not expressible in fly.toml`,
      path: h.path,
      hint: 'expose a small http endpoint (or a tcp port) for the check; the restart policy still restarts a crashed process',
      note: `command healthcheck (${command}): not expressible (Fly checks are http or tcp)`,
    };
  },
};

const healthcheckRetries: Gap = {
  code: 'fly/healthcheck-retries',
  setting: 'healthcheck.retries',
  support: 'dropped',
  severity: 'info',
  summary: 'Fly checks have no retry count: a Machine is out of rotation while its check fails',
  service(service) {
    const h = service.healthcheck;
    if (!h?.probe || h.probe.kind === 'command') return undefined;
    return {
      message: `Fly checks have no retry count: \`retries: ${h.retries}\` of \`${service.name}\` is not expressible; a Machine is taken out of rotation while its check fails`,
      path: h.path,
      note: `healthcheck retries (${h.retries}): Fly checks have none; a failing Machine gets no traffic until its check passes`,
    };
  },
};

const releaseVolumes: Gap = {
  code: 'fly/release-volumes',
  setting: 'release (of a service with a volume)',
  support: 'approximated',
  severity: 'info',
  summary: 'the release command runs on a temporary Machine without the volume',
  service(service) {
    if (!service.release || !service.volumes.some((v) => v.kind === 'named')) return undefined;
    return {
      message: `the release command of \`${service.name}\` runs without its volumes: Fly mounts no volume on the release Machine`,
      path: service.origins.release ?? service.path,
      hint: 'keep migrations to the database; do not write to the volume in the release command',
      note: 'release_command runs without the volume mounted',
    };
  },
};

const bindMount: Gap = {
  code: 'fly/bind-mount',
  setting: 'volumes (bind mounts)',
  support: 'dropped',
  severity: 'warning',
  summary: 'a Fly Machine has no project directory: bind mounts are left out',
  service(service) {
    return service.volumes.flatMap((v) =>
      v.kind !== 'bind'
        ? []
        : [{
            message: `the bind mount \`${v.source}:${v.path}\` of \`${service.name}\` is left out: a Fly Machine has no project directory`,
            path: v.at,
            hint: 'copy the files into the image, or use a volume',
            note: `bind mount ${v.source}:${v.path}: left out`,
          }],
    );
  },
};

const fileMode: Gap = {
  code: 'fly/file-mode',
  setting: 'files (mode)',
  support: 'dropped',
  severity: 'info',
  summary: 'fly.toml `[[files]]` has no mode: Fly writes the file with its own permissions',
  service(service) {
    return service.files.flatMap((f) =>
      f.mode === undefined
        ? []
        : [{
            message: `the mode ${f.mode.toString(8).padStart(4, '0')} of the file \`${f.path}\` of \`${service.name}\` is left out: fly.toml \`[[files]]\` has no mode`,
            path: [...f.at, 'mode'],
            hint: 'if the app checks the permissions, set them in the image (or from the entry point)',
            note: `file ${f.path}: mode ${f.mode.toString(8).padStart(4, '0')} left out`,
          }],
    );
  },
};

const oneVolume: Gap = {
  code: 'fly/one-volume',
  setting: 'volumes (a second named volume)',
  support: 'dropped',
  severity: 'warning',
  summary: 'a Fly Machine mounts one volume: named volumes after the first are left out',
  service(service) {
    const { mounted, leftOut } = flyVolume(service);
    if (!mounted) return undefined;
    return leftOut.map((v) => ({
      message: `a Fly Machine mounts one volume: \`${v.name}\` (${v.path}) of \`${service.name}\` is left out; \`${mounted.name}\` is mounted`,
      path: v.at,
      hint: `keep the data under one volume (e.g. subdirectories of ${mounted.path})`,
      note: `volume ${v.name} (${v.path}): left out (one volume per Machine)`,
    }));
  },
};

const volumeNameGap: Gap = {
  code: 'fly/volume-name',
  setting: 'volumes (name)',
  support: 'approximated',
  severity: 'info',
  summary: 'Fly volume names use lower-case letters, digits and `_`: other characters become `_`',
  service(service) {
    const { mounted, source } = flyVolume(service);
    if (!mounted || source === mounted.name) return undefined;
    return { message: `Fly volume names use lower-case letters, digits and \`_\`: \`${mounted.name}\` is \`${source}\` on Fly`, path: mounted.at };
  },
};

const readOnlyVolume: Gap = {
  code: 'fly/read-only-volume',
  setting: 'volumes (readonly)',
  support: 'dropped',
  severity: 'info',
  summary: 'Fly mounts volumes read-write',
  service(service) {
    const { mounted } = flyVolume(service);
    if (!mounted?.readonly) return undefined;
    return {
      message: `Fly mounts volumes read-write: \`${mounted.name}\` of \`${service.name}\` is not read-only`,
      path: mounted.at,
      note: `volume ${mounted.name} is mounted read-write (Fly has no read-only mounts)`,
    };
  },
};

const volumePerMachine: Gap = {
  code: 'fly/volume-per-machine',
  setting: 'volumes (with more than one Machine)',
  support: 'approximated',
  severity: 'warning',
  summary: 'each Fly Machine has a volume of its own: the Machines of a service do not share its files',
  service(service) {
    const { mounted, source } = flyVolume(service);
    const { count } = machines(service);
    if (!mounted || count <= 1) return undefined;
    return {
      message: `each Fly Machine gets its own \`${source}\` volume: the ${count} Machines of \`${service.name}\` do not share the files under ${mounted.path}`,
      path: mounted.at,
      hint: 'keep shared files in object storage (Tigris, S3) or the database, or run one Machine',
      note: `volume ${source}: one per Machine, not shared by the ${count} Machines`,
    };
  },
};

const volumeSize: Gap = {
  code: 'fly/volume-size',
  setting: 'volumes (size)',
  support: 'approximated',
  severity: 'info',
  summary: 'Fly volumes are sized in whole GB: the size is rounded up',
  service(service) {
    const { mounted, sizeBytes, sizeGb } = flyVolume(service);
    if (!mounted || sizeBytes === undefined || sizeBytes === sizeGb * 2 ** 30) return undefined;
    return { message: `Fly volumes are sized in whole GB: \`${mounted.name}\` (${mounted.size}) is created with ${sizeGb}gb`, path: mounted.at };
  },
};

/** Ports the Fly proxy does not forward: every one but the served TCP port. */
const unservedPorts = (service: DeployedService) =>
  service.ports
    .filter((p) => !(p.container === service.servedPort && p.containerEnd === p.container && p.protocol === 'tcp'))
    .map((p) => ({ port: p, text: `${p.container}${p.containerEnd !== p.container ? `-${p.containerEnd}` : ''}/${p.protocol}` }));

const udpPort: Gap = {
  code: 'fly/udp-port',
  setting: 'ports (udp)',
  support: 'dropped',
  severity: 'warning',
  summary: 'UDP ports are not served (Fly UDP needs a dedicated IPv4 and `fly-global-services`)',
  service(service) {
    return unservedPorts(service)
      .filter(({ port }) => port.protocol === 'udp')
      .map(({ port, text }) => ({
        message: `port ${text} of \`${service.name}\` is not served: UDP on Fly needs a dedicated IPv4 and the app listening on \`fly-global-services\`, which stackc does not set up`,
        path: port.path,
        hint: 'add a [[services]] section with protocol = "udp" by hand if you need it',
        note: `port ${text}: not served (UDP)`,
      }));
  },
};

const extraPort: Gap = {
  code: 'fly/extra-port',
  setting: 'ports (after the served one)',
  support: 'approximated',
  severity: 'warning',
  summary: 'the Fly proxy forwards one port: the others are reachable over the private network only',
  service(service, ctx) {
    const app = appOf(service, ctx);
    return unservedPorts(service)
      .filter(({ port }) => port.protocol !== 'udp')
      .map(({ port, text }) => ({
        message: `only port ${service.servedPort} of \`${service.name}\` goes through the Fly proxy; port ${text} is reachable from other apps over the private network only (${app}.internal:${port.container})`,
        path: port.path,
        hint: 'serve everything public on one port',
        note: `port ${text}: private network only (${app}.internal)`,
      }));
  },
};

const autoscale: Gap = {
  code: 'fly/autoscale',
  setting: 'autoscale',
  support: 'approximated',
  severity: 'warning',
  summary: 'Fly starts and stops Machines with traffic, not CPU (info); without a port it runs a fixed `min` (warning)',
  service(service) {
    const a = service.autoscale;
    if (!a) return undefined;
    if (service.servedPort === undefined) {
      return {
        message: `\`${service.name}\` has no port, so the Fly proxy cannot start and stop its Machines: autoscale (${a.min}-${a.max}) runs a fixed ${a.min} Machines (the minimum, all running all the time)`,
        path: a.path,
        hint: 'scale by hand with `fly scale count N`, or set `replicas` instead of `autoscale`',
        note: `autoscale: not expressible without a port; run ${a.min} Machines`,
      };
    }
    return {
      severity: 'info',
      message: `Fly scales \`${service.name}\` with traffic, not CPU: the proxy starts and stops its ${a.max} Machines and keeps at least ${a.min} running; \`cpu: ${a.cpu}\` is not expressible`,
      path: a.path,
      hint: 'tune when Machines start with `[http_service.concurrency]` soft_limit/hard_limit',
      note: `autoscale cpu target (${a.cpu}%): not expressible; Machines start and stop with traffic between ${a.min} and ${a.max}`,
    };
  },
};

const publicPath: Gap = {
  code: 'fly/public-path',
  setting: 'public.path',
  support: 'dropped',
  severity: 'warning',
  summary: 'Fly serves the whole app: every path reaches it',
  service(service) {
    const p = service.public;
    if (!service.endpoints.length || !p || p.path === '/') return undefined;
    return {
      message: `Fly serves the whole app: the path \`${p.path}\` of \`${service.name}\` is not expressible, every path reaches it`,
      path: p.at,
      hint: 'route the path prefix in the application, or put a proxy app in front',
      note: `public path ${p.path}: not expressible, the app serves every path`,
    };
  },
};

const user: Gap = {
  code: 'fly/user',
  setting: 'user',
  support: 'dropped',
  severity: 'info',
  summary: "fly.toml cannot set the user: the image's USER applies",
  service(service) {
    if (!service.user) return undefined;
    return {
      message: `fly.toml cannot set the user: \`${service.name}\` runs as the image's USER, not \`${service.user.text}\``,
      path: service.origins.user ?? service.path,
      hint: `set \`USER ${service.user.text}\` in the Dockerfile`,
      note: `user ${service.user.text}: runs as the image's USER`,
    };
  },
};

const readOnly: Gap = {
  code: 'fly/read-only',
  setting: 'read_only',
  support: 'dropped',
  severity: 'info',
  summary: 'fly.toml cannot make the root file system read-only',
  service(service) {
    if (!service.readOnly) return undefined;
    return {
      message: `fly.toml cannot make the root file system of \`${service.name}\` read-only`,
      path: service.origins.read_only ?? service.path,
      note: 'read_only: not expressible (the root file system is writable)',
    };
  },
};

const labels: Gap = {
  code: 'fly/labels',
  setting: 'labels',
  support: 'dropped',
  severity: 'info',
  summary: 'fly.toml has no labels',
  service(service) {
    const names = Object.keys(service.labels).sort();
    if (!names.length) return undefined;
    return {
      message: `fly.toml has no labels: ${listText(names.map((l) => `\`${l}\``))} of \`${service.name}\` are left out`,
      path: service.origins.labels ?? service.path,
      note: `labels: left out (${names.join(', ')})`,
    };
  },
};

const oneShot: Gap = {
  code: 'fly/one-shot',
  setting: 'restart: "no" without ports (a one-shot service)',
  support: 'approximated',
  severity: 'warning',
  summary: 'Fly has no run-to-completion service: an app whose Machine stops when the command exits, which nothing waits for (a warning when a service needs it)',
  service(service, { environment, plan }) {
    if (!service.oneShot) return undefined;
    const waiting = plan.services(environment.name).filter((d) => d.needs.some((n) => n.kind === 'service' && n.name === service.name && n.readiness === 'completed'));
    return {
      ...(waiting.length ? {} : { severity: 'info' as const }),
      message: `Fly has no run-to-completion service: \`${service.name}\` (\`restart: "no"\`, no ports) is an app whose Machine runs the command when it is deployed and stops when it exits${waiting.length ? `; Fly apps start independently, so ${listText(waiting.map((d) => `\`${d.name}\``))} do${waiting.length === 1 ? 'es' : ''} not wait for it to finish` : ''}`,
      path: service.origins.restart ?? service.path,
      hint: waiting.length === 1 ? `if it prepares \`${waiting[0]!.name}\` (a migration), make its command \`${waiting[0]!.name}\`'s \`release\`: Fly runs that (release_command) before each deploy of \`${waiting[0]!.name}\`` : 'a migration of one service belongs in that service\'s `release` (Fly\'s release_command, run before each deploy)',
      note: 'one-shot (restart "no", no ports): the Machine stops when the command exits; nothing waits for it',
    };
  },
};

const dependsOn: Gap = {
  code: 'fly/depends-on',
  setting: 'depends_on (services)',
  support: 'dropped',
  severity: 'info',
  summary: 'Fly apps start independently: a service does not wait for the services it depends on',
  service(service) {
    const deps = service.needs.filter((n) => n.kind === 'service' && n.via === 'depends_on');
    if (!deps.length) return undefined;
    return {
      message: `Fly apps start independently: \`${service.name}\` does not wait for ${listText(deps.map((x) => `\`${x.name}\``))}`,
      path: service.origins.depends_on ?? service.path,
      hint: 'make the application retry its connections at start-up',
    };
  },
};

const vmSize: Gap = {
  code: 'fly/vm-size',
  setting: 'resources',
  support: 'approximated',
  severity: 'info',
  summary: 'Fly sizes Machines in CPU steps and 256 MB memory steps, without requests: the smallest size that holds the limits',
  service(service) {
    const r = service.resources;
    const size = r && vmFor(r);
    if (!r || !size || exact(r, size)) return undefined;
    const asked = [r.cpu ? `cpu ${r.cpu}` : '', r.memory ? `memory ${r.memory}` : ''].filter(Boolean).join(', ') || 'requests';
    const requests = (r.requests.cpu && r.requests.cpu !== r.cpu) || (r.requests.memory && r.requests.memory !== r.memory) ? '; Fly has no separate requests' : '';
    return {
      message: `\`${service.name}\` (${asked}) runs on ${size.cpus} ${size.cpu_kind} vCPU${size.cpus > 1 ? 's' : ''} with ${memoryText(size.memoryMb)}: Fly sizes Machines in CPU steps of 1, 2, 4, 8 and memory in 256 MB steps${requests}`,
      path: r.path,
    };
  },
};

/**
 * Fly Machines are x86-64 virtual machines (the `uname -m` of https://fly.io/docs/machines/overview/):
 * an image index without linux/amd64 has nothing Fly can run. (`fly deploy` building the source
 * itself builds linux/amd64 whatever `build.platforms` says.)
 */
const buildPlatforms: Gap = {
  code: 'fly/build-platforms',
  setting: 'build.platforms',
  support: 'dropped',
  severity: 'warning',
  summary: 'Fly Machines run linux/amd64: a build whose platforms leave it out gives Fly nothing to run',
  service(service) {
    const platforms = service.build?.platforms;
    if (!platforms || platforms.includes('linux/amd64')) return undefined;
    return {
      message: `Fly Machines run linux/amd64, which the build of \`${service.name}\` leaves out (${platforms.join(', ')}): the image CI pushes has nothing Fly can run`,
      path: service.origins.build ?? service.path,
      hint: 'add `linux/amd64` to `build.platforms`',
    };
  },
};
const stopSignal: Gap = {
  code: 'fly/stop-signal',
  setting: 'stop_signal',
  support: 'dropped',
  severity: 'warning',
  summary: `fly.toml's \`kill_signal\` takes ${FLY_SIGNALS.join(', ')}: another signal is left out, and Fly sends SIGINT`,
  service(service) {
    const signal = service.shutdown?.signal;
    if (!signal || FLY_SIGNALS.includes(signal.name)) return undefined;
    return {
      message: `fly.toml's \`kill_signal\` does not take ${signal.name}: \`${service.name}\` gets Fly's default SIGINT`,
      path: signal.path,
      hint: `use one of ${FLY_SIGNALS.join(', ')}, or have the entry point turn SIGTERM into ${signal.name}`,
      note: `stop_signal ${signal.name}: not expressible; Fly sends SIGINT`,
    };
  },
};

const killTimeout: Gap = {
  code: 'fly/kill-timeout',
  setting: 'stop_grace_period (over 5 minutes on shared CPUs, 24 hours on performance CPUs)',
  support: 'approximated',
  severity: 'warning',
  summary: 'Fly waits at most 5 minutes after the stop signal on shared CPU Machines, 24 hours on performance ones (`kill_timeout`)',
  service(service) {
    const grace = service.shutdown?.grace;
    const max = maxKillTimeout(service);
    if (!grace || grace.seconds <= max) return undefined;
    const shared = max < 3600;
    return {
      message: `Fly waits at most ${max}s after the stop signal on ${shared ? 'a shared CPU' : 'a performance'} Machine: \`stop_grace_period: ${grace.text}\` of \`${service.name}\` is written as kill_timeout = ${max}`,
      path: grace.path,
      hint: shared
        ? 'finish the work within 5 minutes of the signal, hand long jobs to a queue another Machine picks up, or ask for a performance Machine (`resources.cpu` above 8, or `memory` above 16Gi), which waits up to 24 hours'
        : 'finish the work within 24 hours of the signal, or hand long jobs to a queue another Machine picks up',
      note: `stop_grace_period ${grace.text}: kill_timeout is at most ${max}`,
    };
  },
};

const drain: Gap = {
  code: 'fly/drain',
  setting: 'drain_period',
  support: 'dropped',
  severity: 'info',
  summary: 'fly.toml has no wait between taking a Machine out of the proxy and the stop signal: the proxy stops routing to a stopping Machine, and the signal comes at once',
  service(service) {
    const d = service.shutdown?.drain;
    if (!d) return undefined;
    return {
      message: `fly.toml has no wait before the stop signal: the Fly proxy stops sending requests to a stopping Machine of \`${service.name}\`, which gets the signal at once (\`drain_period: ${d.text}\` is not expressible)`,
      path: d.path,
      hint: 'let the app finish its open requests after the signal, within `stop_grace_period` (kill_timeout)',
      note: `drain_period ${d.text}: not expressible; the signal comes when the proxy stops routing to the Machine`,
    };
  },
};

const rollout: Gap = {
  code: 'fly/rollout',
  setting: 'rollout (recreate, max_surge, max_unavailable: 0)',
  support: 'approximated',
  severity: 'info',
  summary: "recreate is Fly's `immediate` strategy (every Machine replaced at once, without waiting for checks); a rolling deploy replaces Machines in place, so it has no surge and takes at least one down",
  service(service) {
    const r = service.rollout;
    if (r?.strategy === 'recreate') {
      return {
        message: `\`rollout: recreate\` of \`${service.name}\` is Fly's \`immediate\` strategy: every Machine is replaced at once, without waiting for its checks to pass`,
        path: r.path,
        note: 'rollout recreate: strategy immediate (every Machine at once, checks not awaited)',
      };
    }
    if (r?.strategy !== 'rolling') return undefined;
    const findings: GapFinding[] = [];
    if (r.maxSurge && amountText(r.maxSurge) !== '0') {
      findings.push({
        message: `a Fly rolling deploy replaces the Machines of \`${service.name}\` in place: \`max_surge: ${amountText(r.maxSurge)}\` is not expressible`,
        path: [...r.path, 'max_surge'],
        hint: '`bluegreen` starts the new Machines beside the old ones',
        note: `max_surge ${amountText(r.maxSurge)}: not expressible (Machines are replaced in place)`,
      });
    }
    if (r.maxUnavailable && maxUnavailable(service) === undefined) {
      findings.push({
        severity: 'warning',
        message: `a Fly rolling deploy stops a Machine of \`${service.name}\` to replace it: \`max_unavailable: 0\` is not expressible, one Machine at a time is down`,
        path: [...r.path, 'max_unavailable'],
        hint: 'use `bluegreen` (with a healthcheck) to keep every Machine serving during a deploy',
        note: 'max_unavailable 0: not expressible; one Machine at a time is replaced',
      });
    }
    return findings;
  },
};

/**
 * What `fly deploy` refuses: a blue-green deploy moves traffic when the new Machines' checks pass, so
 * it needs checks; canary and blue-green start Machines beside the old ones, which a volume attached
 * to one Machine does not allow (https://fly.io/docs/launch/deploy/#deployment-strategy).
 */
const strategyRefused: Gap = {
  code: 'fly/deploy-strategy',
  setting: 'rollout (bluegreen without a healthcheck; canary or bluegreen with a volume)',
  support: 'dropped',
  severity: 'error',
  summary: '`fly deploy` refuses a bluegreen deploy without health checks, and canary or bluegreen for an app with volumes',
  service(service) {
    const r = service.rollout;
    if (r?.strategy !== 'canary' && r?.strategy !== 'bluegreen') return undefined;
    const { mounted } = flyVolume(service);
    if (mounted) {
      return {
        message: `\`fly deploy\` refuses the ${r.strategy} strategy for an app with a volume: \`${service.name}\` mounts \`${mounted.name}\``,
        path: r.path,
        hint: 'use `rolling` (Fly\'s default for apps with volumes)',
      };
    }
    if (r.strategy === 'bluegreen' && !hasFlyChecks(service)) {
      return {
        message: `a Fly blue-green deploy moves traffic once the new Machines pass their checks, and \`${service.name}\` has none${service.healthcheck?.probe?.kind === 'command' ? ' (a command healthcheck is not expressible in fly.toml)' : ''}`,
        path: r.path,
        hint: 'add `healthcheck: { http: /health }` (or `tcp: <port>`), or use `rolling` or `canary`',
      };
    }
    return undefined;
  },
};
// Fly runs a job in the app of its `from` service (jobs.ts): a scheduled one as a line of the
// app's crontab, run by supercronic in the process group `cron` and updated by every `fly deploy`
// (https://fly.io/docs/blueprints/supercronic/); a manual or post-deploy one as a Machine made from
// one of the app's, which the GitHub Actions workflows start. A job it cannot place says so at its line.
const jobs = jobsNotExpressible({
  code: 'fly/job',
  title: 'Fly.io',
  severity: 'warning',
  summary: 'a job Fly cannot run in the app of its `from` service: no `from`, a `from` service the fly target does not deploy, another image, no `command`, a variable that is a reference of its own, (under supercronic) a time zone other than the app\'s crontab\'s, or (in scheduled Machines) a schedule that is not hourly, daily, weekly or monthly',
  why: (job, ctx) => {
    const found = jobHost(job, ctx);
    return 'why' in found ? found.why : undefined;
  },
  hint: (job, ctx) => {
    const found = jobHost(job, ctx);
    return 'why' in found && found.coarse === false
      ? 'make the schedule hourly (`M * * * *`), daily (`M H * * *`), weekly (`M H * * D`) or monthly (`M H D * *`), or let supercronic run it (remove `targets.fly.scheduler`), which keeps every schedule'
      : job.trigger === 'schedule'
      ? 'give it `from: <service>` with that service\'s image and a `command`, or leave the job to another target (https://fly.io/docs/blueprints/supercronic/)'
      : `give it \`from: <service>\` with that service's image and a \`command\`, or run it with \`fly machine run <image> ${job.command?.join(' ') ?? ''}\`${job.trigger === 'post-deploy' ? ' after `fly deploy`' : ''}`;
  },
});

/** Where the job runs, or why it cannot (jobs.ts), with the environment's scheduler. */
const jobHost = (job: DeployedJob, ctx: GapContext) => flyJobHost(job, ctx.plan.services(ctx.environment.name), crontabJobs(ctx.plan.jobs(ctx.environment.name), schedulerOf(ctx.options)), schedulerOf(ctx.options));

// Fly's proxy routes the hosts of an app's certificates to it; fly.toml has no redirect
// (https://fly.io/docs/reference/configuration/, https://fly.io/docs/networking/custom-domain/).
const redirects = redirectsNotExpressible({
  code: 'fly/redirect',
  summary: 'fly.toml has no redirect: a host redirecting to an app is left out (the app can answer it itself)',
  title: 'Fly.io',
  why: 'fly.toml has no redirect',
  hint: 'add the host to `hosts` and let the app redirect requests for it, or redirect at your DNS provider',
});
/** Whether Fly runs the job in an app (the `fly/job` gap above says why not). */
const hosted = (job: DeployedJob, ctx: GapContext): boolean => !('why' in flyJobHost(job, ctx.plan.services(ctx.environment.name), crontabJobs(ctx.plan.jobs(ctx.environment.name), schedulerOf(ctx.options)), schedulerOf(ctx.options)));

// supercronic runs a job at most once at a time (its default; `-overlapping` would be the whole
// crontab's) and never retries a run (https://github.com/aptible/supercronic); a `timeout` is the
// line's `timeout` command (src/emit/crontab.ts).
const cron: Gap = {
  code: 'fly/cron',
  setting: 'jobs (schedule: supercronic; concurrency, retries)',
  support: 'approximated',
  severity: 'info',
  summary: 'a scheduled job runs in the app\'s `cron` process group under supercronic, which the image must contain; supercronic skips a run while the last one runs, and never retries one',
  job: (job, ctx) => {
    if (!job.schedule || schedulerOf(ctx.options) !== 'supercronic' || !hosted(job, ctx)) return undefined;
    const findings: GapFinding[] = [
      {
        message: `\`${job.name}\` runs in the process group \`${CRON_GROUP}\` of \`${job.from!.service}\`'s app, as a line of the crontab supercronic reads (${CRONTAB_PATH}): the image must contain the \`supercronic\` binary on its PATH${job.schedule.timezone ? ` and the time zone data of ${job.schedule.timezone}` : ''}`,
        path: job.path,
        hint: 'install it in the Dockerfile (https://github.com/aptible/supercronic/releases, as https://fly.io/docs/blueprints/supercronic/ shows)',
      },
    ];
    const dropped = [job.retries ? 'retries' : undefined, job.concurrency && job.concurrency.policy !== 'forbid' ? `concurrency: ${job.concurrency.policy}` : undefined].filter((x): x is string => x !== undefined);
    if (dropped.length) {
      findings.push({ message: `supercronic skips a run of \`${job.name}\` while the last one still runs, and never retries a failed one: ${listText(dropped.map((d) => `\`${d}\``))} ${dropped.length > 1 ? 'are' : 'is'} not expressible`, path: job.path, note: `job ${job.name}: ${dropped.join(', ')} not expressible` });
    }
    return findings;
  },
};

// `scheduler: github-actions`: GitHub Actions' schedule-<job>.yml starts a Machine for each run, in
// the environment's deploy credentials; GitHub's schedules run in UTC, from the default branch, and
// may start late or not at all (https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule).
// Without a deploy workflow for the environment, nothing runs the job on its schedule.
const scheduleWorkflow: Gap = {
  code: 'fly/schedule-workflow',
  setting: 'jobs.schedule (targets.fly.scheduler: github-actions)',
  support: 'approximated',
  severity: 'info',
  summary: 'a scheduled job run by a GitHub Actions workflow (`targets.fly.scheduler: github-actions`), which GitHub may start late or drop; a warning where no deploy workflow deploys the environment, so nothing runs it',
  job: (job, ctx) => {
    if (!job.schedule || schedulerOf(ctx.options) !== 'github-actions' || !hosted(job, ctx)) return undefined;
    if (!workflowDeploys(ctx.plan.stack, 'fly', ctx.environment.name)) {
      return {
        severity: 'warning',
        message: `nothing runs \`${job.name}\` on \`${job.schedule.cron.text}\` in environment \`${ctx.environment.name}\`: \`targets.fly.scheduler: github-actions\` leaves it to a GitHub Actions workflow, and no deploy workflow deploys \`${ctx.environment.name}\` (its credentials are in no GitHub environment)`,
        path: job.path,
        hint: `add the github-actions target and give \`${ctx.environment.name}\` a \`branch\` or \`tags\`, or let supercronic run it (remove \`scheduler\`)`,
        note: `job ${job.name}: not run on its schedule (no deploy workflow for ${ctx.environment.name})`,
      };
    }
    const findings: GapFinding[] = [
      {
        message: `\`${job.name}\` runs on \`${job.schedule.cron.text}\` from the GitHub Actions workflow schedule-${job.name}.yml, each run a Machine made from one of the app's: GitHub runs schedules in UTC, from the default branch, and may start a run late or drop it when Actions is busy`,
        path: job.path,
        hint: 'keep a job that must not be missed on supercronic (remove `targets.fly.scheduler`); docs/targets/github-actions.md#schedule-jobyml says what GitHub promises',
      },
    ];
    // The workflow's concurrency group holds one run and one waiting run; a newer waiting run cancels the older.
    if (job.concurrency) {
      findings.push({
        message: `a run of \`${job.name}\` due while the last one still runs waits for it to end (one waiting run at most): \`concurrency: ${job.concurrency.policy}\` is approximated`,
        path: job.concurrency.path,
        note: `job ${job.name}: concurrency ${job.concurrency.policy} approximated (a run due while the last one runs waits for it)`,
      });
    }
    return findings;
  },
};

// `scheduler: machines`: a Fly scheduled Machine per job, which Fly starts once in each hour, day,
// week or month, counted from when the Machine was made (https://fly.io/docs/blueprints/task-scheduling/), and
// which the deploy job makes again from the app's new Machines (deployers.ts, flyScheduleScript).
// Without a deploy workflow for the environment, nothing creates it.
const scheduledMachine: Gap = {
  code: 'fly/scheduled-machine',
  setting: 'jobs.schedule (targets.fly.scheduler: machines)',
  support: 'approximated',
  severity: 'info',
  summary: 'a scheduled job run by a Fly scheduled Machine (`targets.fly.scheduler: machines`): it runs once an hour, day, week or month, counted from when the Machine was made, not at the cron\'s time; a warning where no deploy workflow deploys the environment, so nothing creates the Machine',
  job: (job, ctx) => {
    if (!job.schedule || schedulerOf(ctx.options) !== 'machines' || !hosted(job, ctx)) return undefined;
    const interval = machineInterval(job.schedule.cron)!;
    if (!workflowDeploys(ctx.plan.stack, 'fly', ctx.environment.name)) {
      return {
        severity: 'warning',
        message: `nothing creates the scheduled Machine of \`${job.name}\` in environment \`${ctx.environment.name}\`: the GitHub Actions deploy job makes it after each deploy, and no deploy workflow deploys \`${ctx.environment.name}\``,
        path: job.path,
        hint: `add the github-actions target and give \`${ctx.environment.name}\` a \`branch\` or \`tags\`, or let supercronic run it (remove \`scheduler\`)`,
        note: `job ${job.name}: no scheduled Machine (no deploy workflow for ${ctx.environment.name})`,
      };
    }
    const findings: GapFinding[] = [
      {
        message: `\`${job.name}\` runs ${interval} in a Fly scheduled Machine, counted from when the Machine was made: the ${listText(['minute', ...(interval === 'hourly' ? [] : ['hour']), ...(interval === 'weekly' ? ['weekday'] : interval === 'monthly' ? ['day'] : [])])} of \`${job.schedule.cron.text}\`${job.schedule.timezone ? ` and its time zone ${job.schedule.timezone}` : ''} are not kept`,
        path: job.schedule.path,
        hint: 'keep a job that must run at its time on supercronic (remove `targets.fly.scheduler`)',
        note: `job ${job.name}: ${interval}, not at its cron's time`,
      },
    ];
    // One Machine runs one run at a time: a run due while the last one runs is not started.
    if (job.concurrency && job.concurrency.policy !== 'forbid') {
      findings.push({
        message: `a scheduled Machine runs one run of \`${job.name}\` at a time: \`concurrency: ${job.concurrency.policy}\` is approximated as \`forbid\``,
        path: job.concurrency.path,
        note: `job ${job.name}: concurrency ${job.concurrency.policy} approximated as forbid`,
      });
    }
    return findings;
  },
};

// GitHub runs a schedule at most every 5 minutes (its `schedule` event, above): a finer one runs less often.
const githubInterval = scheduleTooFrequent('fly/schedule-too-frequent', 'GitHub Actions', 5, 'https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule');
const workflowInterval: Gap = {
  ...githubInterval,
  severity: 'warning',
  summary: 'a schedule more frequent than every 5 minutes, with `targets.fly.scheduler: github-actions`: GitHub Actions runs a schedule at most every 5 minutes',
  job: (job, ctx) => {
    if (schedulerOf(ctx.options) !== 'github-actions' || !hosted(job, ctx)) return undefined;
    const found = githubInterval.job!(job, ctx);
    return found && !Array.isArray(found) ? { ...(found as GapFinding), hint: 'run it every 5 minutes or less often (`*/5 * * * *`), or let supercronic run it (remove `targets.fly.scheduler`)' } : undefined;
  },
};

// A manual or post-deploy job's Machine runs once: nothing retries it.
const runRetries: Gap = {
  code: 'fly/job-retries',
  setting: 'jobs.retries',
  support: 'dropped',
  severity: 'info',
  summary: 'the `retries` of a job a Machine runs (manual, post-deploy, or scheduled by a workflow): the Machine runs the job once',
  job: (job, ctx) =>
    (!job.schedule || schedulerOf(ctx.options) === 'github-actions') && job.retries && hosted(job, ctx)
      ? { message: `the Machine that runs \`${job.name}\` runs it once: \`retries: ${job.retries}\` is not expressible`, path: job.origins.retries ?? job.path, note: `job ${job.name}: retries not expressible` }
      : undefined,
};

export default defineCapabilities({
  title: 'Fly.io',
  runs: { services: ['container'], resources: 'none' },
  gaps: [
    redirects,
    hostAddress,
    commandHealthcheck,
    healthcheckRetries,
    releaseVolumes,
    bindMount,
    fileMode,
    oneVolume,
    volumeNameGap,
    readOnlyVolume,
    volumePerMachine,
    volumeSize,
    udpPort,
    extraPort,
    autoscale,
    publicPath,
    user,
    readOnly,
    labels,
    oneShot,
    dependsOn,
    vmSize,
    buildPlatforms,
    stopSignal,
    killTimeout,
    drain,
    rollout,
    strategyRefused,
    jobs,
    httpJobsNotExpressible('fly/http-job', 'Fly.io'),
    cron,
    runRetries,
    scheduleWorkflow,
    workflowInterval,
    scheduledMachine,
  ],
  codes: {
    'fly/patch-failed': { severity: 'error', summary: 'a patch (`targets.fly.patches`) that gives a value stackc writes in the fly.toml another type, which the platform\'s schema refuses' },
    'fly/region': { severity: 'info', summary: 'no `region` option: the files have no `primary_region`, flyctl picks one on the first deploy' },
    'fly/app-unused': { severity: 'warning', summary: '`targets.fly.apps` names an app for an environment or service the fly target does not run' },
    'fly/app-name': { severity: 'warning', summary: 'an app name is not a DNS label of at most 63 characters, so `<app>.fly.dev` cannot exist' },
    'fly/static-service': { severity: 'info', summary: 'a static site gets no fly.toml: the fly target deploys containers only' },
    'fly/no-healthcheck': { severity: 'info', summary: 'a service without a healthcheck gets no checks: Fly routes traffic to its Machines as soon as they start', coveredBy: 'healthcheck-required' },
    'fly/release-command': { severity: 'info', summary: 'how `[deploy] release_command` runs: once per deploy, in a temporary Machine, before the new Machines start' },
    'fly/custom-domain': { severity: 'info', summary: 'a public host needs DNS pointed at the app and a certificate (`fly certs add`)' },
    'fly/backing-service': { severity: 'info', summary: 'fly.toml provisions no backing service: where each comes from, and the variables to set with `fly secrets set`' },
    'fly/service-not-deployed': { severity: 'warning', summary: 'a reference to a service the fly target does not run: the variable becomes a secret to set' },
    'fly/secret-name': { severity: 'warning', summary: 'a variable with `.` or `-` in its name whose value must be a Fly secret: `fly secrets set` takes letters, digits and `_` only' },
    'fly/file-secret': { severity: 'error', summary: 'a file of `files:` holds a secret or a value set on the platform: fly.toml writes files as they are, and stackc never writes such a value into one' },
    'fly/private-network': { severity: 'info', summary: 'a service reached over `.internal` (6PN, IPv6) must listen on `::`, and such requests do not start stopped Machines' },
  },
  outputs: ['fly.toml', 'fly.*.toml', '**/fly.toml', '**/fly.*.toml'],
});
