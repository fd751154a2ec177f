// kustomization.yaml files: the base lists the objects every environment shares; each overlay
// adds its own objects on top, and its header says how to deploy and which Secret to create first.
import { commentLines } from '../../src/emit/serialize/header.js';
import { toYaml } from '../../src/emit/serialize/yaml.js';
import type { Stack } from '../../src/model/stack.js';
import { secretName, tlsSecretName, type KubernetesOptions } from './options.js';
import type { RenderedEnvironment } from './render.js';

export function kustomization(namespace: string, resources: readonly string[]): string {
  return toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace, resources: [...resources] });
}

export const baseComments = (): string =>
  commentLines(['Objects identical in every environment. Deploy an overlay, not this directory: kubectl apply -k overlays/<environment>']);

/** Deploy instructions: the command, the Secret and its keys, TLS certificates. */
export function overlayComments(stack: Stack, environment: string, dir: string, options: KubernetesOptions, env: RenderedEnvironment): string {
  const ns = options.namespace;
  const lines = [`Deploy ${stack.name} to ${environment}: kubectl apply -k ${dir}`];
  if (env.secretKeys.size) {
    const width = Math.max(...[...env.secretKeys.keys()].map((k) => k.length));
    lines.push(
      '',
      'Before the first deploy, create the Secret the pods read (stackc never writes secret values):',
      `  kubectl create namespace ${ns}`,
      `  kubectl -n ${ns} create secret generic ${secretName(stack)} --from-env-file=${environment}.secrets.env`,
      `where ${environment}.secrets.env (never committed) has a KEY=value line for each key:`,
      ...[...env.secretKeys].map(([key, about]) => `  ${key.padEnd(width)}  ${about}`),
    );
  }
  if (env.pullSecrets.length) {
    lines.push('', 'Images on a registry that keeps new images private: create the pull Secret the pods name (a public image pulls without it):');
    if (!env.secretKeys.size) lines.push(`  kubectl create namespace ${ns}`);
    for (const s of env.pullSecrets) lines.push(`  kubectl -n ${ns} create secret docker-registry ${s.name} --docker-server=${s.registry} --docker-username="$${s.username}" --docker-password="$${s.password}"`);
    for (const s of env.pullSecrets) lines.push(`where ${s.username} and ${s.password} are ${s.about}.`);
  }
  if (env.tlsServices.length) {
    lines.push('');
    if (options.ingress.issuer) lines.push(`TLS: cert-manager (ClusterIssuer ${options.ingress.issuer}) issues ${env.tlsServices.map(tlsSecretName).join(', ')}.`);
    else lines.push('TLS: create the certificate Secrets the Ingresses name:', ...env.tlsServices.map((s) => `  kubectl -n ${ns} create secret tls ${tlsSecretName(s)} --cert=${s}.crt --key=${s}.key`));
  }
  return commentLines(lines);
}
