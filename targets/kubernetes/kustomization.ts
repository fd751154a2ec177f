// kustomization.yaml files: the base lists the objects every environment shares; each overlay
// adds its own objects on top, sets the environment's namespace on all of them (objects carry no
// `metadata.namespace`, so the base is the same for every namespace), and its header says how to
// deploy and which Secret to create first.
import { commentLines } from '../../src/emit/serialize/header.js';
import { toYaml } from '../../src/emit/serialize/yaml.js';
import type { Stack } from '../../src/model/stack.js';
import { runCommand } from './cronjobs.js';
import { isKubernetesNamespace, ownsNamespace } from './namespace-names.js';
import { hostFileName, secretName, tlsSecretName, type KubernetesOptions } from './options.js';
import { releaseSequence, releaseServices } from './release.js';
import type { RenderedEnvironment } from './render.js';

/** @param namespace the environment's (an overlay); none for the base, which every overlay namespaces. */
export function kustomization(namespace: string | undefined, resources: readonly string[], patches: readonly unknown[] = []): string {
  return toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...(namespace ? { namespace } : {}), resources: [...resources], ...(patches.length ? { patches: [...patches] } : {}) });
}

export const baseComments = (): string =>
  commentLines([
    'Objects identical in every environment. Deploy an overlay, not this directory: kubectl apply -k overlays/<environment>',
    "(the objects name no namespace: each overlay sets its environment's).",
  ]);

/** Deploy instructions: the namespace, the command, the Secret and its keys, TLS certificates. */
export function overlayComments(stack: Stack, environment: string, dir: string, options: KubernetesOptions, env: RenderedEnvironment): string {
  const ns = env.namespace;
  const owned = ownsNamespace(options, ns);
  const lines = [env.releases.length ? `Deploy ${stack.name} to ${environment}: its releases first (below), then kubectl apply -k ${dir}` : `Deploy ${stack.name} to ${environment}: kubectl apply -k ${dir}`];
  if (owned) lines.push(`It runs in the namespace ${ns}, which this overlay creates.`);
  else {
    const whose = isKubernetesNamespace(ns) ? 'which belongs to Kubernetes' : 'which this stack does not own (createNamespace: false)';
    lines.push(
      `It runs in the namespace ${ns}, ${whose}:`,
      'no Namespace object is written, so the namespace must exist; its Pod Security labels are its',
      "owner's to set (stackc enforces no standard there), and kubectl delete -k leaves it.",
    );
  }
  if (env.secretKeys.size) {
    const width = Math.max(...[...env.secretKeys.keys()].map((k) => k.length));
    lines.push(
      '',
      'Before the first deploy, create the Secret the pods read (stackc never writes secret values):',
      ...(owned ? [`  kubectl create namespace ${ns}`] : []),
      `  kubectl -n ${ns} create secret generic ${secretName(stack)} --from-env-file=${environment}.secrets.env`,
      `where ${environment}.secrets.env (never committed) has a KEY=value line for each key, the value`,
      // Not Compose's env-file syntax: kubectl reads no quotes and interpolates nothing.
      'unquoted: kubectl keeps quotes as part of the value, and `$` needs no escaping:',
      ...[...env.secretKeys].map(([key, about]) => `  ${key.padEnd(width)}  ${about}`),
    );
  }
  if (env.releases.length) lines.push('', ...releaseSequence(environment, ns, releaseServices(env), env.statefulSets));
  if (env.jobs.length) {
    lines.push(
      '',
      `One-shot Jobs (${env.jobs.map((j) => j.name).join(', ')}): a Job cannot change once created, so each is named after a hash of`,
      'its spec and a changed stack.yaml runs a new one. If you point one at another image (an `images:`',
      'entry here, as the deploy workflow writes), delete its earlier runs before applying, or the apply fails with "field is immutable":',
      ...env.jobs.map((j) => `  kubectl -n ${ns} delete job -l ${j.selector} --ignore-not-found`),
    );
  }
  const onDemand = env.cronJobs.filter((j) => j.trigger === 'manual');
  if (onDemand.length) {
    lines.push('', 'Manual jobs are suspended CronJobs, updated by every apply; run one with:', ...onDemand.map((j) => `  ${runCommand(ns, j.name)}`));
  }
  const afterDeploy = env.cronJobs.filter((j) => j.trigger === 'post-deploy');
  if (afterDeploy.length) {
    lines.push(
      '',
      'Post-deploy jobs are suspended CronJobs: once the rollout is done (kubectl rollout status), run each',
      'and wait for it, <sha> being the first 10 characters of the deployed commit (the deploy workflow does this):',
      ...afterDeploy.flatMap((j) => [`  ${runCommand(ns, j.name, '<sha>')}`, `  kubectl -n ${ns} wait --for=condition=complete --timeout=${j.timeout ?? '30m'} job/${j.name}-<sha>`]),
    );
  }
  if (env.pullSecrets.length) {
    lines.push('', env.pullSecrets.some((s) => s.declared)
      ? 'Images on private registries: the deploy workflow creates the pull Secrets made from the secrets `registries` names; by hand:'
      : 'Images on a registry that keeps new images private: create the pull Secret the pods name (a public image pulls without it):');
    if (!env.secretKeys.size && owned) lines.push(`  kubectl create namespace ${ns}`);
    for (const s of env.pullSecrets) lines.push(`  kubectl -n ${ns} create secret docker-registry ${s.name} --docker-server=${s.registry} --docker-username="$${s.username}" --docker-password="$${s.password}"`);
    for (const s of env.pullSecrets) lines.push(`where ${s.username} and ${s.password} are ${s.about}.`);
  }
  if (env.tlsHosts.length) {
    lines.push('');
    if (options.ingress.issuer) lines.push(`TLS: cert-manager (ClusterIssuer ${options.ingress.issuer}) issues ${env.tlsHosts.map(tlsSecretName).join(', ')}.`);
    else lines.push('TLS: create the certificate Secret of each host (its Ingresses share it):', ...env.tlsHosts.map((h) => `  kubectl -n ${ns} create secret tls ${tlsSecretName(h)} --cert=${hostFileName(h)}.crt --key=${hostFileName(h)}.key`));
  }
  return commentLines(lines);
}
