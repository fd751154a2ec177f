// A service's `release` (migrations) as a Job run once per deploy, outside the overlay: its own
// kustomization under overlays/<env>/release/, which `kubectl apply -k <overlay>` does not read. The
// deploy (the generated workflow, or the overlay header's commands by hand) applies what the release
// needs, then this Job named after the commit, waits for it to complete, and only then the overlay:
// a failed release stops the deploy with the old pods still serving, and 3 replicas (or a pod
// restart) never run it again, as an init container of every pod did.
//
// - Named `<service>-release` here; the deploy appends `nameSuffix: -<short sha>` to the release
//   kustomization, so each commit's release is a new Job (a Job's pod template is immutable).
// - `backoffLimit: 0`: a migration that fails is not run again half-applied (MySQL's DDL is not
//   transactional) and the deploy fails at once; a pod lost to a drain, preemption or eviction
//   (the DisruptionTarget condition) is not the migration's failure, so `podFailurePolicy` replaces
//   it without counting (https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy).
//   The backing services it needs are rolled out before it starts, so no retry waits for them.
// - `ttlSecondsAfterFinished: 86400`: the Job and its pod's logs stay a day, then go.
// - The service's pod, hardened the same way, with its image, env, Secret keys, volumes and user;
//   its plain variables inline rather than from the service's ConfigMap, which only the overlay
//   apply after the release creates (its name is a hash of its content).
// - Its pods are labelled `<service>-release`: the service's Service, PodDisruptionBudget and
//   replicas must not count them, and the NetworkPolicy of each backing service the service uses
//   lets them in as it lets in the service's pods.
import { commentLines } from '../../src/emit/serialize/header.js';
import { compact } from '../../src/emit/serialize/yaml.js';
import { podTemplate, type PodInput } from './deployment.js';
import type { RenderEnv } from './environment.js';
import { escapeExpansion } from './expansion.js';
import { objectLabels } from './labels.js';
import { overlayDir } from './layout.js';
import { rendered, type Rendered } from './objects.js';

/** The release kustomization of an environment: not among the overlay's resources. */
export const releaseDir = (environment: string): string => `${overlayDir(environment)}/release`;

/** The component label of release Jobs and their pods. */
export const RELEASE_COMPONENT = 'release';

/**
 * The label selector of everything in an overlay a release may need: all but the services' own
 * objects (their Deployments, ConfigMaps, Services, Ingresses, autoscalers and budgets), whose
 * `component` is `server` or `worker` (deployment.ts). The namespace, backing services, claims and
 * one-shot Jobs are applied before the release, so a first deploy can run it too.
 */
export const RELEASE_NEEDS_SELECTOR = 'app.kubernetes.io/component notin (server,worker)';

/** How long the deploy waits for a release, and for the backing services before it. */
export const RELEASE_TIMEOUT = '10m';

/** The name a deploy suffixes with `-<7 hex>`: the Job controller copies a Job's name into a 63-character label. */
export const releaseJobName = (service: string): string => `${service.slice(0, 63 - '-release'.length - 8).replace(/-+$/, '')}-release`;

/** The name of the pods' `app.kubernetes.io/name` label (never the service's own: its Service would select them). */
export const releasePodName = (service: string): string => releaseJobName(service);

/** The release Job of a service whose PodInput the Deployment uses too. */
export function releaseJob(input: PodInput, env: RenderEnv): Rendered {
  const { service } = input;
  const stack = env.stack.name;
  const plain = Object.entries(input.config?.object.data as Record<string, string> | undefined ?? {});
  const own = {
    ...input,
    // The release command, in a pod that serves nothing: no ports, no probes, one run.
    service: { ...service, command: service.release, healthcheck: undefined, replicas: 1, autoscale: undefined },
    ports: [],
    job: true,
    env: { ...input.env, env: [...plain.map(([name, value]) => ({ name, value: escapeExpansion(value) })), ...input.env.env] },
  };
  delete own.config;
  const template = podTemplate(own, env);
  const labels = objectLabels(stack, releasePodName(service.name), RELEASE_COMPONENT);
  const spec = template.spec as { containers: { name: string }[] };
  spec.containers[0]!.name = 'release';
  return rendered(
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: compact({
        name: releaseJobName(service.name),
        labels,
        annotations: { 'kubernetes.io/description': `The release command of ${service.name}, run once per deploy before its pods roll out` },
      }),
      spec: {
        backoffLimit: 0,
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
        ttlSecondsAfterFinished: 86400,
        template: { ...template, metadata: { ...template.metadata, labels: { ...input.podMetadata.labels, ...labels } } },
      },
    },
    [],
    { services: [service.name], images: [input.image, ...(input.waiter ? [input.waiter.container.image] : [])], secrets: input.env.secretKeys },
  );
}

/** A release Job's name in a deploy: `<service>-release-<short sha>`, `<sha>` written as given. */
export const releaseRunName = (service: string, sha: string): string => `${releaseJobName(service)}-${sha}`;

/**
 * The deploy sequence by hand, for the overlay's header: what the releases need, the releases
 * named after the commit, a wait that stops at a failure, then the overlay.
 */
export function releaseSequence(environment: string, namespace: string, releases: readonly string[], statefulSets: readonly string[]): string[] {
  const dir = overlayDir(environment);
  return [
    `Releases (${releases.join(', ')}): each runs once per deploy, before the workloads roll out, as a Job of ${releaseDir(environment)}/,`,
    'which kubectl apply -k of this overlay does not apply. Deploy in this order (<sha>: the commit\'s short hash, 7 characters):',
    `  kubectl apply -k ${dir} -l '${RELEASE_NEEDS_SELECTOR}'`,
    ...statefulSets.map((s) => `  kubectl -n ${namespace} rollout status statefulset/${s} --timeout=${RELEASE_TIMEOUT}`),
    `  printf 'nameSuffix: "-%s"\\n' <sha> >> ${releaseDir(environment)}/kustomization.yaml`,
    `  kubectl apply -k ${releaseDir(environment)}`,
    ...releases.map((r) => `  kubectl -n ${namespace} wait --for=condition=complete job/${releaseRunName(r, '<sha>')} --timeout=${RELEASE_TIMEOUT}`),
    `  kubectl apply -k ${dir}`,
    'The first line applies what a release needs (the namespace, backing services, one-shot Jobs), not the services.',
    'A release that fails (`Failed` in kubectl get job; its output: kubectl logs job/<name>) fails at once, without a retry:',
    'then stop, and apply nothing more; the running pods keep serving the previous version. The deploy workflow',
    'does the same, with the `images:` entry of this commit in both kustomization.yaml files.',
  ];
}

/** The release kustomization's header: what it is and when it runs. */
export function releaseComments(environment: string, releases: readonly string[]): string {
  return commentLines([
    `The release Jobs of ${environment} (${releases.join(', ')}): run once per deploy, before the overlay (${overlayDir(environment)}/kustomization.yaml`,
    'has the sequence), never by kubectl apply -k of the overlay. A deploy appends nameSuffix: "-<short sha>" (and the',
    'images: entry of the commit) here, so each commit runs its own Job.',
  ]);
}

/** The services whose release Jobs an environment renders, in declaration order. */
export const releaseServices = (env: { releases: readonly Rendered[] }): string[] => env.releases.flatMap((r) => r.facts.services);
