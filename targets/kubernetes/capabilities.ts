// What Kubernetes (a kustomize base and overlays) can express (src/emit/capabilities.ts): data only.
// The gaps are the stack.yaml settings a cluster runs differently, each said once at the line it
// comes from; the Deployment and claim files carry a finding's `note` as a comment.
import { defineCapabilities, type Gap, type GapFinding, type NameRule } from '../../src/emit/capabilities.js';
import { redirectsNotExpressible } from '../../src/emit/redirect-gaps.js';
import { httpJobsNotExpressible } from '../../src/emit/job-gaps.js';
import { listText } from '../../src/emit/text.js';
import type { DeployedService } from '../../src/deploy/model.js';
import { boundPortText, boundPorts } from '../../src/model/ports.js';
import type { DataPath } from '../../src/model/stack.js';
import { isReservedLabel, isValidLabel } from './labels.js';
import { accessMode, volumeSpecs, volumeUsers } from './volume-sharing.js';
import { plural } from '../../src/vocabulary/plural.js';

const at = (service: DeployedService, field: string): DataPath => service.origins[field] ?? [...service.path, field];
const labelsAt = (service: DeployedService): DataPath => service.origins.labels ?? [...service.path, 'labels'];

const gaps: Gap[] = [
  // An Ingress routes hosts and paths to Services; redirects are each controller's annotations, and
  // ingress-nginx's `permanent-redirect` cannot keep the path once annotation validation is on
  // (https://github.com/kubernetes/ingress-nginx/issues/11175).
  redirectsNotExpressible({
    code: 'kubernetes/redirect',
    summary: 'an Ingress has no redirect: each controller has its own annotations (ingress-nginx cannot keep the path with them), so a redirect is left out',
    title: 'a Kubernetes Ingress',
    why: 'the Ingress API has no redirect, only controller-specific annotations',
    hint: 'add the host to `hosts` to serve it, or redirect with your ingress controller (a Traefik RedirectRegex middleware, a Gateway API HTTPRoute RequestRedirect filter)',
  }),
  {
    code: 'kubernetes/host-address',
    setting: 'ports: bind; resources: publish',
    support: 'dropped',
    severity: 'info',
    summary: 'Kubernetes publishes no port on a host address: a port is reached inside the cluster, and from a machine with `kubectl port-forward` (which listens on 127.0.0.1)',
    service: (s) =>
      boundPorts(s.ports).map((p) => ({
        message: `\`${s.name}\` publishes ${boundPortText(p)} under Compose; Kubernetes publishes no port on a host address, so it is reached inside the cluster (from this machine: \`kubectl port-forward svc/${s.name} ${p.host}:${p.container}\`, on 127.0.0.1)`,
        path: p.path,
        note: `${boundPortText(p)}: not published on a host (kubectl port-forward listens on 127.0.0.1)`,
      })),
    resource: (r) =>
      r.publish?.published
        ? {
            message: `\`${r.name}\` is published on the host under Compose (\`publish\`); Kubernetes publishes no port on a host address: from this machine, \`kubectl port-forward svc/${r.name} ${r.publish.host ?? r.port}:${r.port}\` (on 127.0.0.1)`,
            path: r.publish.at,
          }
        : undefined,
  },
  {
    code: 'kubernetes/restart-policy',
    setting: 'restart: no / on-failure',
    support: 'dropped',
    severity: 'warning',
    summary: 'a Deployment always restarts its containers',
    // A one-shot's `restart: "no"` is what its Job does (kubernetes/one-shot).
    service: (s) =>
      !s.oneShot && (s.restart === 'no' || s.restart === 'on-failure')
        ? {
            message: `\`${s.name}\` has \`restart: ${s.restart}\`, but a Deployment always restarts its containers`,
            path: at(s, 'restart'),
            hint: 'drop `restart` for long-running services; one-off tasks belong in `release`',
            note: `restart: ${s.restart} is not expressible: a Deployment always restarts its containers.`,
          }
        : undefined,
  },
  {
    code: 'kubernetes/one-shot',
    setting: 'restart: "no" without ports (a one-shot service)',
    support: 'approximated',
    severity: 'info',
    summary: 'a Job, run again when its spec changes (not on every apply); the services that need it wait for it to complete',
    service: (s, { environment, plan }) => {
      if (!s.oneShot) return undefined;
      const waiting = plan.services(environment.name).filter((d) => d.needs.some((n) => n.kind === 'service' && n.name === s.name && n.readiness === 'completed'));
      const who = waiting.length ? `${listText(waiting.map((d) => `\`${d.name}\``))} wait${waiting.length === 1 ? 's' : ''} for it to complete` : 'no service waits for it';
      return {
        message: `\`${s.name}\` runs to completion (\`restart: "no"\`, no ports): a Job named after a hash of its spec, so it runs again when the spec changes, not on every \`kubectl apply\`; ${who}`,
        path: at(s, 'restart'),
        hint: waiting.length === 1
          ? `if it prepares \`${waiting[0]!.name}\` (a migration), make its command \`${waiting[0]!.name}\`'s \`release\`: every target runs that before each new version starts`
          : 'a migration of one service belongs in that service\'s `release`, which every target runs before each new version starts',
        note: `One-shot (restart: "no", no ports): a Job, run again when this spec changes; ${who}.`,
      };
    },
  },
  {
    code: 'kubernetes/depends-on',
    setting: 'depends_on',
    support: 'dropped',
    severity: 'info',
    summary: 'Kubernetes has no start order: readiness keeps traffic away, crashed containers restart',
    // A one-shot the target runs is waited for (kubernetes/one-shot): it is not among them.
    service: (s, { environment, plan }) => {
      const unordered = s.dependsOn.filter((d) => !s.needs.some((n) => n.kind === d.kind && n.name === d.name && n.readiness === 'completed' && plan.runs(environment.name, n.name)));
      return unordered.length
        ? {
            message: `Kubernetes starts pods in no particular order, so \`${s.name}\` may start before ${unordered.map((d) => `\`${d.name}\``).join(', ')}; its readiness probe keeps traffic away until it is ready, and a container that exits is restarted`,
            path: at(s, 'depends_on'),
            hint: 'make the service retry its connections at start-up',
          }
        : undefined;
    },
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
    // The pod spec of Kubernetes 1.30 (the version the manifests are checked against) has no stop
    // signal: the container runtime sends the image's STOPSIGNAL. `lifecycle.stopSignal` is alpha in
    // 1.33 (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/).
    code: 'kubernetes/stop-signal',
    setting: 'stop_signal',
    support: 'dropped',
    severity: 'warning',
    summary: "a pod spec has no stop signal: the container runtime sends the image's STOPSIGNAL (else SIGTERM)",
    service: (s) =>
      s.shutdown?.signal
        ? {
            message: `a Kubernetes pod spec has no stop signal: \`${s.name}\` gets its image's STOPSIGNAL (else SIGTERM), not ${s.shutdown.signal.name}`,
            path: s.shutdown.signal.path,
            hint: `set \`STOPSIGNAL ${s.shutdown.signal.name}\` in the Dockerfile: Docker, containerd and CRI-O send it`,
            note: `stop_signal ${s.shutdown.signal.name}: not expressible; the image's STOPSIGNAL applies.`,
          }
        : undefined,
  },
  {
    code: 'kubernetes/rollout',
    setting: 'rollout (canary, bluegreen; rolling with a ReadWriteOnce volume)',
    support: 'approximated',
    severity: 'warning',
    summary: 'a Deployment rolls out RollingUpdate or Recreate only: canary and blue-green need a controller such as Argo Rollouts; a ReadWriteOnce claim forces Recreate',
    service: (s, { environment, plan }) => {
      const r = s.rollout;
      if (r?.strategy === 'canary' || r?.strategy === 'bluegreen') {
        return {
          message: `a Deployment has no ${r.strategy} strategy: \`${s.name}\` rolls out with the default RollingUpdate (25% surge, 25% unavailable)`,
          path: r.path,
          hint: 'use `rolling` with `max_surge`/`max_unavailable`, or a progressive delivery controller (Argo Rollouts, Flagger) through a patch',
          note: `rollout ${r.strategy}: not expressible; the default RollingUpdate applies.`,
        };
      }
      const users = volumeUsers(plan.services(environment.name));
      const claim = s.volumes.find((v) => v.kind === 'named' && accessMode(users.get(v.name) ?? []) === 'ReadWriteOnce');
      if (r?.strategy !== 'rolling' || !claim || claim.kind !== 'named') return undefined;
      return {
        message: `\`${s.name}\` mounts the ReadWriteOnce claim of volume \`${claim.name}\`, which a new pod cannot mount while the old one holds it: its Deployment uses Recreate (downtime), not a rolling update`,
        path: r.path,
        hint: 'keep the files in object storage or the database to roll out without downtime, or write `rollout: recreate`',
        note: `rollout rolling: Recreate, because the ReadWriteOnce claim of ${claim.name} cannot be mounted by two pods.`,
      };
    },
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
        const who = users.map((u) => `\`${u.name}\` (${u.autoscale ? `up to ${u.autoscale.max} pods` : plural(u.replicas, 'pod')})`).join(', ');
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

// A Service's name is an RFC 1035 label: it must start with a letter, where stack.yaml's DNS labels
// may start with a digit (https://kubernetes.io/docs/concepts/services-networking/service/).
const RFC_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const startsWithLetter = (prefix: string) => (name: string): string => `rename it so that it starts with a letter, e.g. \`${prefix}-${name}\``;
// A StatefulSet labels its pods `controller-revision-hash: <name>-<10-character hash>`, a label value
// of at most 63 characters: a longer name leaves it unable to create any pod
// (https://github.com/kubernetes/kubernetes/issues/64023).
const STATEFULSET_NAME_MAX = 52;
// A CronJob's Jobs are named `<name>-<up to 11 digits>`, within the 63 characters of a label value:
// the API refuses a longer CronJob name (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#writing-a-cronjob-spec).
const CRONJOB_NAME_MAX = 52;

const names = [
  { of: 'service', breaks: (n) => !RFC_1035_LABEL.test(n), why: 'it becomes the name of a Kubernetes Service, which must start with a letter (an RFC 1035 label)', hint: startsWithLetter('app') },
  { of: 'resource', breaks: (n) => !RFC_1035_LABEL.test(n), why: 'it becomes the name of a Kubernetes Service, which must start with a letter (an RFC 1035 label)', hint: startsWithLetter('db') },
  {
    of: 'resource',
    breaks: (n) => n.length > STATEFULSET_NAME_MAX,
    why: `it names a StatefulSet, whose pods carry a label \`<name>-<hash>\` of at most 63 characters, so the name has at most ${STATEFULSET_NAME_MAX}`,
    hint: (n) => `shorten it to ${STATEFULSET_NAME_MAX} characters or fewer (it has ${n.length})`,
  },
  {
    of: 'job',
    breaks: (n) => n.length > CRONJOB_NAME_MAX,
    why: `it names a CronJob, whose Jobs are named \`<name>-<11 digits>\` within 63 characters, so the name has at most ${CRONJOB_NAME_MAX}`,
    hint: (n) => `shorten it to ${CRONJOB_NAME_MAX} characters or fewer (it has ${n.length})`,
  },
] satisfies NameRule[];

export default defineCapabilities({
  title: 'Kubernetes',
  names,
  runs: { services: ['container'], resources: 'used' },
  gaps: [...gaps, httpJobsNotExpressible('kubernetes/http-job', 'Kubernetes')],
  codes: {
    'kubernetes/file-secret': { severity: 'error', summary: 'a file of `files:` holds a secret or a value set on the platform: the kubelet does not fill a file in from a Secret, and stackc never writes such a value into a ConfigMap' },
    'kubernetes/file-too-big': { severity: 'error', summary: 'the `files:` of a service come to more than 1 MiB, which is all one ConfigMap holds' },
    'kubernetes/image-tag': { severity: 'warning', summary: 'an image without a tag or tagged `latest`: pods of one Deployment can run different builds', coveredBy: 'image-tag-pinned' },
    'kubernetes/private-registry': { severity: 'warning', summary: 'an image on a registry that keeps new images private (GHCR): the pods name the pull Secret `<stack>-ghcr`, which must be created' },
    'kubernetes/pull-secret': { severity: 'info', summary: 'a service whose image is on a registry with `registries.<host>.credentials`: its pods name a pull Secret made from those secrets, which the deploy workflow creates' },
    'kubernetes/no-image': { severity: 'warning', summary: '`build` without `image`: the Deployment uses the local name `<stack>-<service>`, which a cluster cannot pull' },
    'kubernetes/user-name': { severity: 'error', summary: 'a user name stackc cannot turn into a UID (`user: app`, `USER app`): Kubernetes cannot verify a name is not root, so the pod would never start', coveredBy: 'non-root-user' },
    'kubernetes/root-image': { severity: 'error', summary: 'an image known to run as root without `user: 0` (a stage without USER, `USER root`, `nginx`): the pod requires a non-root user and would never start', coveredBy: 'non-root-user' },
    'kubernetes/user-unset': { severity: 'warning', summary: 'a user stackc cannot know (a pulled image without `user`): the pod starts only if the image\'s USER is a non-root number', coveredBy: 'non-root-user' },
    'kubernetes/root-user': { severity: 'warning', summary: '`user: 0` / `root`: runs as root as asked with the capabilities a root entrypoint needs, and the namespace enforces `baseline` instead of `restricted`', coveredBy: 'non-root-user' },
    'kubernetes/no-probes': { severity: 'info', summary: 'no `healthcheck`: no readiness or liveness probe', coveredBy: 'healthcheck-required' },
    'kubernetes/static-service': { severity: 'info', summary: 'a static site: the kubernetes target does not run it' },
    'kubernetes/unused-resource': { severity: 'info', summary: 'a backing service no service of the target uses: not deployed', coveredBy: 'unused-resource' },
    'kubernetes/external-resource': { severity: 'info', summary: 'a backing service external in the environment: not deployed, its URL read from the Secret' },
    'kubernetes/patch-failed': { severity: 'error', summary: 'a patch (`targets.kubernetes.patches`) that selects no object, cannot apply, or changes what an object is' },
    'kubernetes/issuer-without-tls': { severity: 'warning', summary: '`ingress.issuer` with `ingress.tls` off: cert-manager has nothing to issue' },
    'kubernetes/namespace-shared': { severity: 'error', summary: 'two environments would run in one namespace (`default` or `kube-*`, used as written) without `namespacePerEnvironment: false`: one would overwrite the other' },
    'kubernetes/namespace-too-long': { severity: 'error', summary: 'an environment\'s namespace `<namespace>-<environment>` is longer than the 63 characters Kubernetes allows' },
    'kubernetes/too-many-ports': { severity: 'error', summary: 'port ranges listing more than 1000 ports for one service: its Service and Deployment would outgrow etcd\'s 1.5 MiB request limit' },
    'kubernetes/service-not-deployed': { severity: 'warning', summary: '`${services.X.host|port|url}` of a service the target does not run: its in-cluster name will not resolve' },
  },
  outputs: ['deploy/kubernetes/base/*.yaml', 'deploy/kubernetes/overlays/*/*.yaml', 'deploy/kubernetes/overlays/*/release/*.yaml'],
});
