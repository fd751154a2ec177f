// A container service as a Deployment: hardened pod, probes from the healthcheck, requests and
// limits, env from a ConfigMap and the user's Secret. A one-shot service's Job (jobs.ts) and a
// service's release Job (release.ts) run the same pod template.
import { compact } from '../../src/emit/serialize/yaml.js';
import type { DeployedService } from '../../src/deploy/model.js';
import { amountText, stopWindowSeconds, type Shutdown } from '../../src/deploy/shutdown.js';
import type { Rollout, RolloutAmount, Service } from '../../src/model/stack.js';
import { containerResources } from './compute.js';
import type { ContainerEnv } from './env.js';
import type { RenderEnv } from './environment.js';
import { escapeCommand } from './expansion.js';
import { objectLabels, selectorLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import type { JobWaiter } from './jobs.js';
import type { PullSecret } from './pull-secrets.js';
import type { ContainerPort } from './ports.js';
import { probesFor } from './probes.js';
import { containerSecurityContext, podSecurityContext } from './security.js';
import type { PodVolumes } from './volumes.js';

export interface PodInput {
  service: DeployedService;
  image: string;
  ports: ContainerPort[];
  env: ContainerEnv;
  /** The ConfigMap of its plain variables (content-addressed, configmap.ts), when it has any. */
  config?: Rendered;
  /** The ConfigMap of its `files:` (content-addressed, files.ts), when it mounts any; its volume is in `volumes`. */
  files?: Rendered;
  volumes: PodVolumes;
  /** Pod labels and annotations from the service's `labels:`. */
  podMetadata: { labels: Record<string, string>; annotations: Record<string, string> };
  /** Comment lines: the notes of the capability gaps the service meets. */
  notes: string[];
  /** The one-shot Jobs it waits for, when there are any (jobs.ts). */
  waiter?: JobWaiter;
  /** The pod of a one-shot Job: runs once, never restarted in place. */
  job?: boolean;
  /** The docker-registry Secret the kubelet pulls the image with (pull-secrets.ts). */
  pullSecret?: PullSecret;
}

export interface DeploymentInput extends PodInput {
  /** A ReadWriteOnce claim is mounted: the old pod must stop before the new one can mount it. */
  recreate: boolean;
}

export const serviceComponent = (service: Service & { oneShot?: boolean }): string => (service.oneShot ? 'job' : service.ports.length ? 'server' : 'worker');

/**
 * Why an autoscaled Deployment has no `replicas`, and the one deploy where that hurts: when
 * `autoscale` is added to a running Deployment, client-side `kubectl apply` deletes the `replicas`
 * it applied before, the count falls back to its default of 1, and the pods beyond one stop until
 * the HorizontalPodAutoscaler scales up again. Kubernetes documents the way round it:
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling
 */
const autoscaleNote = (name: string): string[] => [
  'No spec.replicas: the HorizontalPodAutoscaler sets the number of pods.',
  'If this Deployment ran with a fixed replicas before, the first kubectl apply (client-side) removes it and',
  'the Deployment drops to 1 pod until the autoscaler scales it up. To avoid that, first run',
  `  kubectl -n <namespace> apply edit-last-applied deployment/${name}`,
  'and delete spec.replicas there; for server-side apply, see',
  'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
];

/** The kubelet's default grace period (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-execution). */
const DEFAULT_GRACE_SECONDS = 30;

/**
 * The drain: the kubelet runs the preStop hook before it sends the stop signal, while the endpoint
 * controller takes the pod out of its Services. The `sleep` action (Kubernetes 1.30, on by default)
 * needs no `sleep` binary in the image, so it works in distroless and scratch images too.
 */
const preStopDrain = (shutdown: Shutdown | undefined) => (shutdown?.drain ? { lifecycle: { preStop: { sleep: { seconds: shutdown.drain.seconds } } } } : {});

/**
 * The grace period counts from the start of the preStop hook, so it is the drain plus the time the
 * process gets after the signal; with only a drain set, the kubelet's default 30s follow it.
 */
const terminationGrace = (shutdown: Shutdown | undefined) =>
  shutdown?.grace || shutdown?.drain ? { terminationGracePeriodSeconds: stopWindowSeconds(shutdown, DEFAULT_GRACE_SECONDS) } : {};

/**
 * `rollout` as a Deployment strategy; a ReadWriteOnce claim forces Recreate whatever it says (the new
 * pod could not mount the claim while the old one holds it: kubernetes/rollout says so). Canary and
 * blue-green have no Deployment strategy: the default rolling update (kubernetes/rollout).
 */
function deploymentStrategy(rollout: Rollout | undefined, singleWriterClaim: boolean) {
  if (singleWriterClaim || rollout?.strategy === 'recreate') return { type: 'Recreate' };
  if (rollout?.strategy !== 'rolling') return undefined;
  const { maxSurge, maxUnavailable } = rollout;
  const amount = (a: RolloutAmount | undefined) => (a === undefined ? undefined : a.kind === 'count' ? a.count : amountText(a));
  return compact({ type: 'RollingUpdate', rollingUpdate: maxSurge || maxUnavailable ? compact({ maxSurge: amount(maxSurge), maxUnavailable: amount(maxUnavailable) }) : undefined });
}

/** The pod a service runs, as a Deployment's or a Job's template: hardened, with its env, probes and volumes. */
export function podTemplate(input: PodInput, env: RenderEnv) {
  const { service, env: vars, volumes, waiter } = input;
  const stack = env.stack.name;
  const command = service.entrypoint ? { command: escapeCommand(service.entrypoint) } : {};
  const environment = {
    ...(input.config ? { envFrom: [{ configMapRef: { name: input.config.object.metadata.name } }] } : {}),
    ...(vars.env.length ? { env: vars.env } : {}),
  };
  const resources = containerResources(service.resources);
  const securityContext = containerSecurityContext(service.readOnly, service.runAs);
  const volumeMounts = volumes.mounts.length ? volumes.mounts : undefined;

  const container = compact({
    name: service.name,
    image: input.image,
    ...command,
    ...(service.command ? { args: escapeCommand(service.command) } : {}),
    ports: input.ports.length ? input.ports : undefined,
    ...environment,
    resources,
    ...probesFor(service.healthcheck, input.ports),
    securityContext,
    volumeMounts,
    ...(input.job ? {} : preStopDrain(service.shutdown)),
  });

  const multiPod = !input.job && (service.autoscale?.max ?? service.replicas) > 1;
  const selector = selectorLabels(stack, service.name);
  const annotations = input.podMetadata.annotations;
  const podSpec = compact({
    // Only the wait-for-jobs init container reads the API, through a token mounted into it alone.
    ...(waiter ? { serviceAccountName: waiter.serviceAccount } : {}),
    automountServiceAccountToken: false,
    // Compose has no service-link variables; Kubernetes would inject `DB_PORT=tcp://10.0.0.7:5432`
    // and the like for every Service in the namespace, shadowing what apps expect.
    enableServiceLinks: false,
    ...(input.job ? {} : terminationGrace(service.shutdown)),
    // A failed run leaves its pod (and its logs) behind, and the retry starts from a fresh pod.
    ...(input.job ? { restartPolicy: 'Never' } : {}),
    securityContext: podSecurityContext(service.runAs),
    imagePullSecrets: input.pullSecret ? [{ name: input.pullSecret.name }] : undefined,
    // Spread replicas over nodes so one node going down does not take them all.
    topologySpreadConstraints: multiPod ? [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } }] : undefined,
    initContainers: waiter ? [waiter.container] : undefined,
    containers: [container],
    volumes: volumes.volumes.length || waiter ? [...volumes.volumes, ...(waiter ? [waiter.volume] : [])] : undefined,
  });
  return {
    metadata: compact({
      labels: { ...input.podMetadata.labels, ...objectLabels(stack, service.name, serviceComponent(service)) },
      annotations: Object.keys(annotations).length ? annotations : undefined,
    }),
    spec: podSpec,
  };
}

export function deployment(input: DeploymentInput, env: RenderEnv): Rendered {
  const { service } = input;
  const stack = env.stack.name;
  return rendered(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: compact({
        name: service.name,
        labels: objectLabels(stack, service.name, serviceComponent(service)),
        annotations: service.description ? { 'kubernetes.io/description': service.description } : undefined,
      }),
      spec: compact({
        // With autoscale the HPA owns the replica count; a fixed one would fight it on every apply.
        replicas: service.autoscale ? undefined : service.replicas,
        selector: { matchLabels: selectorLabels(stack, service.name) },
        strategy: deploymentStrategy(service.rollout, input.recreate),
        template: podTemplate(input, env),
      }),
    },
    service.autoscale ? [...input.notes, ...autoscaleNote(service.name)] : input.notes,
    { services: [service.name], images: [input.image, ...(input.waiter ? [input.waiter.container.image] : [])], secrets: input.env.secretKeys },
  );
}
