// One-shot services (DeployedService.oneShot: a migration, a seed) as Jobs that the services which
// need them wait for. A Deployment would restart a command that exits forever.
//
// - A Job's pod template cannot change once it exists (`kubectl apply` fails: "field is
//   immutable"), so the Job is named after a hash of its template: a changed stack.yaml makes a new
//   Job, which runs again. No `ttlSecondsAfterFinished`: the completed Job is what dependents read
//   whenever one of their pods starts (a reschedule, a scale-up), and a Job the TTL deleted would
//   hold them back until the next apply recreated it and ran it again.
// - `backoffLimit: 6` (Kubernetes' default, written out): Kubernetes has no start order, so the
//   first runs may find the database still starting; the retries (10s, 20s, ... capped at 6 min)
//   give it about ten minutes.
// - Dependents wait in an init container: `kubectl wait --for=condition=complete` on the Jobs. It
//   reads the API as a ServiceAccount allowed only to read those Jobs, with a token projected into
//   that init container alone (the pod keeps automountServiceAccountToken: false).
import { createHash } from 'node:crypto';
import type { DeployedService, ImageUser } from '../../src/deploy/model.js';
import { compact } from '../../src/emit/serialize/yaml.js';
import { podTemplate, type PodInput } from './deployment.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { containerSecurityContext } from './security.js';

/** The official kubectl image (registry.k8s.io/kubectl, published with every Kubernetes release), pinned. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.32.4';

/** How long one wait lasts before the init container fails and the kubelet starts it again. */
const WAIT_TIMEOUT = '10m';

/** The image runs as root; the init container runs as an unprivileged user instead (the "nonroot" of distroless images). */
const WAITER_UID = 65532;
/** The waiter's user, as the model states one: the security context it gets is a non-root one. */
const WAITER_USER: ImageUser = { kind: 'uid', uid: WAITER_UID, gid: WAITER_UID, from: { kind: 'image', image: KUBECTL_IMAGE, at: [] }, reason: 'the wait-for-jobs init container runs as nobody' };

/** Where client-go looks for in-cluster credentials (token, ca.crt, namespace). */
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME = 'kube-api-access';

export interface JobWaiter {
  serviceAccount: string;
  container: { name: string; image: string; [field: string]: unknown };
  volume: Record<string, unknown>;
}

/** The label selector of a one-shot service's Jobs (every run, whatever its hash). */
export const jobSelector = (stack: string, service: string): string =>
  Object.entries(objectLabels(stack, service, 'job')).filter(([key]) => key !== 'app.kubernetes.io/managed-by').map(([k, v]) => `${k}=${v}`).join(',');

/** The ServiceAccount, Role and RoleBinding of an environment whose services wait for Jobs. */
export const waiterName = (stack: string): string => `${stack}-wait-for-jobs`;

/** The Jobs of the one-shot services `service` needs that this environment runs, by service name. */
export const jobsNeeded = (service: DeployedService, env: RenderEnv): string[] =>
  service.needs.filter((n) => n.kind === 'service' && n.readiness === 'completed' && env.services.some((s) => s.name === n.name)).map((n) => n.name);

/** The init container (and its token volume) that waits until every named Job has completed. */
export function jobWaiter(jobNames: readonly string[], stack: string): JobWaiter {
  return {
    serviceAccount: waiterName(stack),
    container: {
      name: 'wait-for-jobs',
      image: KUBECTL_IMAGE,
      command: ['kubectl', 'wait', '--for=condition=complete', `--timeout=${WAIT_TIMEOUT}`, ...jobNames.map((j) => `job/${j}`)],
      resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      securityContext: { ...containerSecurityContext(true, WAITER_USER), runAsNonRoot: true, runAsUser: WAITER_UID, runAsGroup: WAITER_UID },
      volumeMounts: [{ name: TOKEN_VOLUME, mountPath: TOKEN_PATH, readOnly: true }],
    },
    // What the kubelet mounts when it automounts a token (kubernetes.io/docs/reference/access-authn-authz/
    // service-accounts-admin/#bound-service-account-token-volume),
    // mounted here into the one container that needs it.
    volume: {
      name: TOKEN_VOLUME,
      projected: {
        sources: [
          { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  };
}

/** `<service>-<8 hex>`, at most 63 characters (the Job controller copies the name into a label). */
function jobName(service: string, template: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 8);
  return `${service.slice(0, 63 - 9).replace(/-+$/, '')}-${hash}`;
}

/** A one-shot service as a Job, named after its pod template. */
export function oneShotJob(input: PodInput, env: RenderEnv): Rendered {
  const { service } = input;
  const stack = env.stack.name;
  const template = podTemplate({ ...input, job: true }, env);
  return rendered(
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: compact({
        name: jobName(service.name, template),
        labels: objectLabels(stack, service.name, 'job'),
        annotations: service.description ? { 'kubernetes.io/description': service.description } : undefined,
      }),
      spec: { backoffLimit: 6, template },
    },
    input.notes,
    { services: [service.name], images: [input.image, ...(input.waiter ? [input.waiter.container.image] : [])], secrets: input.env.secretKeys },
  );
}

/** The ServiceAccount the waiting pods run as, and its permission to read the Jobs they wait for. */
export function waiterAccess(jobNames: readonly string[], env: RenderEnv): Rendered[] {
  const stack = env.stack.name;
  const name = waiterName(stack);
  const metadata = { name, labels: objectLabels(stack, name, 'job-waiter') };
  return [
    rendered({ apiVersion: 'v1', kind: 'ServiceAccount', metadata, automountServiceAccountToken: false }),
    rendered({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      // `kubectl wait` gets the Job, then lists and watches it by name: RBAC allows list and watch
      // restricted to resourceNames when the request selects metadata.name, as kubectl wait does.
      rules: [{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: [...jobNames], verbs: ['get', 'list', 'watch'] }],
    }),
    rendered({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      // No namespace: the overlay's `namespace:` sets it on the subject too, as on every object.
      subjects: [{ kind: 'ServiceAccount', name }],
    }),
  ];
}
