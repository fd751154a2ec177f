// What Docker Compose can express (src/emit/capabilities.ts): data only, read without loading the emitter.
// The gaps are reported by the build before the files are rendered, and by lint from the model;
// the emitter writes their `note` above the service they concern.
import { defineCapabilities, type Gap, type GapFinding, type NameRule } from '../../src/emit/capabilities.js';
import { DEFAULT_STORAGE } from '../../src/model/defaults.js';
import { environmentPorts, publishedUrl } from './ports.js';
import { releaseJobName, releaseNameTaken } from './release-name.js';

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
      note: `autoscale (${a.min}-${a.max} replicas at ${a.cpu}% CPU) is not expressible in Compose: runs ${a.min} replicas`,
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
    const hostPort = environmentPorts(plan, environment).services.get(service.name)?.hostPort(endpoint.port);
    if (hostPort === undefined) {
      return {
        message: `\`${service.name}\` is public (${where}) but its port ${endpoint.port} is not published, so nothing outside Compose reaches it`,
        path: endpoint.at,
        hint: 'publish the port in this environment, or put a reverse proxy service in front of it',
        note: `public at ${where}: port ${endpoint.port} is not published, so only other containers reach it`,
      };
    }
    if (endpoint.routable) {
      return {
        message: `Compose does not route ${where} to \`${service.name}\` or terminate TLS: it only publishes host port ${hostPort}`,
        path: endpoint.at,
        hint: `put a reverse proxy (Caddy, Traefik, nginx) in front of host port ${hostPort} for ${endpoint.host}`,
        note: `public at ${where}: Compose publishes host port ${hostPort}; routing ${endpoint.host} and TLS need a reverse proxy in front`,
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

const httpHealthcheck: Gap = {
  code: 'compose/http-healthcheck',
  setting: 'healthcheck.http',
  support: 'approximated',
  severity: 'info',
  summary: 'Compose runs an http probe inside the container, with curl or wget: the image must contain one of them',
  service(service) {
    const h = service.healthcheck;
    if (h?.probe?.kind !== 'http') return undefined;
    return {
      message: `the http healthcheck of \`${service.name}\` runs \`curl\` (or \`wget\` when curl is missing) inside the container: the image must contain one of them`,
      path: h.path,
      hint: 'alpine and busybox images have wget; debian-slim, distroless and python/node slim images have neither: install curl, or use a `command` healthcheck',
    };
  },
};

const tcpHealthcheck: Gap = {
  code: 'compose/tcp-healthcheck',
  setting: 'healthcheck.tcp',
  support: 'approximated',
  severity: 'info',
  summary: 'Compose runs a tcp probe inside the container, with nc or bash: the image must contain one of them',
  service(service) {
    const h = service.healthcheck;
    if (h?.probe?.kind !== 'tcp') return undefined;
    return {
      message: `the tcp healthcheck of \`${service.name}\` runs \`nc -z\` (or bash's /dev/tcp when nc is missing) inside the container: the image needs nc or bash`,
      path: h.path,
      hint: 'alpine/busybox images have nc, debian-based images have bash; for distroless images use a `command` healthcheck',
    };
  },
};

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

export default defineCapabilities({
  title: 'Docker Compose',
  names,
  runs: { services: ['container'], resources: 'all' },
  // Notes above a service are written in this order (autoscale, then public).
  gaps: [autoscale, publicAddress, release, replicaPorts, volumeSize, httpHealthcheck, tcpHealthcheck],
  codes: {
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
