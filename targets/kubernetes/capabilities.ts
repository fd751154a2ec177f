// What Kubernetes (a kustomize base and overlays) can express (src/emit/capabilities.ts): data only.
// The gaps are the stack.yaml settings a cluster runs differently, each said once at the line it
// comes from; the Deployment and claim files carry a finding's `note` as a comment.
import { defineCapabilities, type Gap, type GapFinding } from '../../src/emit/capabilities.js';
import type { DeployedService } from '../../src/deploy/model.js';
import type { DataPath } from '../../src/model/stack.js';
import { isReservedLabel, isValidLabel } from './labels.js';
import { isRootUser } from './security.js';
import { accessMode, volumeSpecs, volumeUsers } from './volume-sharing.js';

const at = (service: DeployedService, field: string): DataPath => service.origins[field] ?? [...service.path, field];
const labelsAt = (service: DeployedService): DataPath => service.origins.labels ?? [...service.path, 'labels'];

const gaps: Gap[] = [
  {
    code: 'kubernetes/restart-policy',
    setting: 'restart: no / on-failure',
    support: 'dropped',
    severity: 'warning',
    summary: 'a Deployment always restarts its containers',
    service: (s) =>
      s.restart === 'no' || s.restart === 'on-failure'
        ? {
            message: `\`${s.name}\` has \`restart: ${s.restart}\`, but a Deployment always restarts its containers`,
            path: at(s, 'restart'),
            hint: 'drop `restart` for long-running services; one-off tasks belong in `release`',
            note: `restart: ${s.restart} is not expressible: a Deployment always restarts its containers.`,
          }
        : undefined,
  },
  {
    code: 'kubernetes/user-name',
    setting: 'user (a name)',
    support: 'dropped',
    severity: 'warning',
    summary: 'Kubernetes takes numeric user IDs only; runAsNonRoot cannot verify a named user, so the pod does not start',
    service: (s) =>
      s.user !== undefined && !isRootUser(s.user) && s.user.uid === undefined
        ? {
            message: `\`${s.name}\` runs as user \`${s.user.text}\`, a name; Kubernetes takes numeric IDs only, and cannot prove a named image user is not root, so the pod will not start`,
            path: at(s, 'user'),
            hint: `write the numeric UID (and GID) of \`${s.user.name}\` in the image, e.g. \`user: "1000:1000"\``,
          }
        : undefined,
  },
  {
    code: 'kubernetes/depends-on',
    setting: 'depends_on',
    support: 'dropped',
    severity: 'info',
    summary: 'Kubernetes has no start order: readiness keeps traffic away, crashed containers restart',
    service: (s) =>
      s.dependsOn.length
        ? {
            message: `Kubernetes starts pods in no particular order, so \`${s.name}\` may start before ${s.dependsOn.map((d) => `\`${d.name}\``).join(', ')}; its readiness probe keeps traffic away until it is ready, and a container that exits is restarted`,
            path: at(s, 'depends_on'),
            hint: 'make the service retry its connections at start-up',
          }
        : undefined,
  },
  {
    code: 'kubernetes/bind-mount',
    setting: 'volumes (bind mounts)',
    support: 'dropped',
    severity: 'warning',
    summary: 'a cluster has no project directory: the bind mount is left out',
    service: (s, { environment }) =>
      s.volumes.flatMap((v): GapFinding[] =>
        v.kind === 'bind'
          ? [
              {
                message: `\`${s.name}\` bind-mounts \`./${v.source}\` at \`${v.path}\` in environment \`${environment.name}\`; a cluster has no project directory, so the kubernetes target leaves it out`,
                path: v.at,
                hint: 'bake the files into the image, or use a named volume (`{ name, path, size }`)',
                note: `Bind mount ./${v.source}:${v.path} left out: a cluster has no project directory.`,
              },
            ]
          : [],
      ),
  },
  {
    code: 'kubernetes/shared-volume',
    setting: 'volumes (named, mounted by more than one pod)',
    support: 'approximated',
    severity: 'warning',
    summary: 'the claim asks for ReadWriteMany, which the storage class must support',
    // Said once per volume, by the service that owns its claim (the first to mount it).
    service: (s, { environment, plan }) =>
      ownedVolumes(s, plan.services(environment.name)).flatMap(({ name, users }): GapFinding[] => {
        if (accessMode(users) !== 'ReadWriteMany') return [];
        const who = users.map((u) => `\`${u.name}\` (${u.autoscale ? `up to ${u.autoscale.max} pods` : `${u.replicas} pod${u.replicas === 1 ? '' : 's'}`})`).join(', ');
        return [
          {
            message: `volume \`${name}\` is mounted by ${who} in environment \`${environment.name}\`; pods on different nodes can share it only as ReadWriteMany, which most default storage classes (block disks) cannot provide`,
            path: volumeSpecs(name, users)[0]!.at,
            hint: 'use a storage class with ReadWriteMany (NFS, EFS, Azure Files, CephFS), run one replica, or keep the files in object storage',
            note: 'ReadWriteMany: more than one pod mounts this volume; the storage class must support it.',
          },
        ];
      }),
  },
  {
    code: 'kubernetes/volume-size',
    setting: 'volumes (one name, different sizes)',
    support: 'approximated',
    severity: 'warning',
    summary: 'one claim per volume: it requests the first size declared',
    service: (s, { environment, plan }) =>
      ownedVolumes(s, plan.services(environment.name)).flatMap(({ name, users }) => {
        const specs = volumeSpecs(name, users);
        const size = specs[0]!.size;
        return specs
          .filter((other) => other.size !== size)
          .map((other) => ({ message: `volume \`${name}\` is declared with sizes ${size} and ${other.size}; the claim requests ${size}, the first`, path: other.at, hint: 'give the volume the same `size` everywhere it is mounted' }));
      }),
  },
  {
    code: 'kubernetes/autoscale-without-cpu',
    setting: 'autoscale (without a CPU request)',
    support: 'approximated',
    severity: 'warning',
    summary: 'the HorizontalPodAutoscaler measures CPU against the request and cannot scale without one',
    service: (s) =>
      s.autoscale && !s.resources?.requests.cpu
        ? {
            message: `\`${s.name}\` autoscales on CPU but sets no CPU request; the HorizontalPodAutoscaler measures utilisation against the request and cannot scale without one`,
            path: s.autoscale.path,
            hint: 'set `resources.cpu` (or `resources.requests.cpu`)',
          }
        : undefined,
  },
  {
    code: 'kubernetes/public-port',
    setting: 'public.port (not among ports)',
    support: 'dropped',
    severity: 'warning',
    summary: 'the Service does not expose the port, so the Ingress has no backend',
    service: (s) => {
      const endpoint = s.endpoints[0];
      const port = s.servedPort;
      if (!endpoint || port === undefined || s.ports.some((p) => p.container <= port && port <= p.containerEnd)) return undefined;
      return {
        message: `\`${s.name}\` is public on port ${port}, which is not one of its \`ports\`; the Service does not expose it, so the Ingress has no backend`,
        path: endpoint.at,
        hint: `add ${port} to \`ports\`, or set \`public.port\` to one of them`,
      };
    },
  },
  {
    code: 'kubernetes/no-domain',
    setting: 'public (environment without a domain)',
    support: 'approximated',
    severity: 'info',
    summary: 'the Ingress serves `localhost` (or `<x>.localhost`): fine for kind or Docker Desktop, not for a shared cluster',
    service: (s, { environment }) => {
      const endpoint = s.endpoints[0];
      if (!endpoint || endpoint.routable) return undefined;
      return {
        message: `\`${s.name}\`'s Ingress serves the host \`${endpoint.host}\` in environment \`${environment.name}\`, which has no \`domain\` (fine for kind or Docker Desktop, not for a shared cluster)`,
        path: environment.environment.path.length ? environment.environment.path : endpoint.at,
        hint: `give \`${environment.name}\` a \`domain\``,
      };
    },
  },
  {
    code: 'kubernetes/port-range',
    setting: 'ports (ranges)',
    support: 'approximated',
    severity: 'info',
    summary: 'Kubernetes has no port ranges: every port of the range is listed',
    service: (s) =>
      s.ports
        .filter((p) => p.containerEnd > p.container)
        .map((p) => ({
          message: `Kubernetes has no port ranges: \`${s.name}\`'s ports ${p.container}-${p.containerEnd} are listed one by one (${p.containerEnd - p.container + 1} ports)`,
          path: p.path,
        })),
  },
  {
    code: 'kubernetes/reserved-label',
    setting: 'labels (under app.kubernetes.io/)',
    support: 'dropped',
    severity: 'warning',
    summary: 'stackc sets these labels (selectors use them): the label is left out',
    service: (s) =>
      Object.keys(s.labels)
        .filter(isReservedLabel)
        .map((key) => ({ message: `label \`${key}\` of \`${s.name}\` is set by stackc (selectors use it) and is left out`, path: [...labelsAt(s), key], hint: 'use a key outside `app.kubernetes.io/`' })),
  },
  {
    code: 'kubernetes/label-as-annotation',
    setting: 'labels (values Kubernetes does not accept)',
    support: 'approximated',
    severity: 'info',
    summary: 'a label Kubernetes does not accept becomes a pod annotation',
    service: (s) =>
      Object.entries(s.labels)
        .filter(([key, value]) => !isReservedLabel(key) && !isValidLabel(key, value))
        .map(([key]) => ({
          message: `label \`${key}\` of \`${s.name}\` is not a valid Kubernetes label (values are at most 63 letters, digits, \`-\`, \`_\`, \`.\`), so it becomes a pod annotation`,
          path: [...labelsAt(s), key],
        })),
  },
];

/** The named volumes whose claim the service owns (it mounts them first), with all their users. */
function ownedVolumes(service: DeployedService, services: readonly DeployedService[]): { name: string; users: DeployedService[] }[] {
  const users = volumeUsers(services);
  const names = [...new Set(service.volumes.flatMap((v) => (v.kind === 'named' ? [v.name] : [])))];
  return names.flatMap((name) => {
    const list = (users.get(name) ?? []) as DeployedService[];
    return list[0]?.name === service.name ? [{ name, users: list }] : [];
  });
}

export default defineCapabilities({
  title: 'Kubernetes',
  runs: { services: ['container'], resources: 'used' },
  gaps,
  codes: {
    'kubernetes/image-tag': { severity: 'warning', summary: 'an image without a tag or tagged `latest`: pods of one Deployment can run different builds', coveredBy: 'image-tag-pinned' },
    'kubernetes/no-image': { severity: 'warning', summary: '`build` without `image`: the Deployment uses the local name `<stack>-<service>`, which a cluster cannot pull' },
    'kubernetes/user-unset': { severity: 'warning', summary: 'no `user`: the pod requires a non-root user and does not start if the image runs as root', coveredBy: 'non-root-user' },
    'kubernetes/root-user': { severity: 'warning', summary: '`user: 0` / `root`: runs as root as asked, and the namespace enforces `baseline` instead of `restricted`', coveredBy: 'non-root-user' },
    'kubernetes/no-probes': { severity: 'info', summary: 'no `healthcheck`: no readiness or liveness probe', coveredBy: 'healthcheck-required' },
    'kubernetes/static-service': { severity: 'info', summary: 'a static site: the kubernetes target does not run it' },
    'kubernetes/unused-resource': { severity: 'info', summary: 'a backing service no service of the target uses: not deployed', coveredBy: 'unused-resource' },
    'kubernetes/external-resource': { severity: 'info', summary: 'a backing service external in the environment: not deployed, its URL read from the Secret' },
    'kubernetes/issuer-without-tls': { severity: 'warning', summary: '`ingress.issuer` with `ingress.tls` off: cert-manager has nothing to issue' },
    'kubernetes/namespace-shared': { severity: 'error', summary: 'two environments would run in one namespace (`default` or `kube-*`, used as written) without `namespacePerEnvironment: false`: one would overwrite the other' },
    'kubernetes/namespace-too-long': { severity: 'error', summary: 'an environment\'s namespace `<namespace>-<environment>` is longer than the 63 characters Kubernetes allows' },
    'kubernetes/too-many-ports': { severity: 'error', summary: 'port ranges listing more than 1000 ports for one service: its Service and Deployment would outgrow etcd\'s 1.5 MiB request limit' },
    'kubernetes/service-not-deployed': { severity: 'warning', summary: '`${services.X.host|port|url}` of a service the target does not run: its in-cluster name will not resolve' },
  },
  outputs: ['deploy/kubernetes/base/*.yaml', 'deploy/kubernetes/overlays/*/*.yaml'],
});
