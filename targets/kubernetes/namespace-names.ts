// Which namespace each environment runs in. Environments get their own (`<namespace>-<environment>`)
// so that applying staging on a shared cluster cannot overwrite production's objects, which have
// the same kinds and names; `namespacePerEnvironment: false` keeps one name for a cluster per
// environment. `default` and `kube-*` are Kubernetes' own namespaces: used as written, never created.
import type { Report } from '../../src/emit/target.js';
import type { DataPath } from '../../src/model/stack.js';
import type { KubernetesOptions } from './options.js';

/** Namespace names are DNS labels (RFC 1123), at most 63 characters. */
const MAX_NAMESPACE = 63;

/**
 * `default` and the `kube-` prefix belong to Kubernetes
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces):
 * a stack never owns them, and `default-production` is not what anyone who names them means.
 */
export const isKubernetesNamespace = (name: string): boolean => name === 'default' || name.startsWith('kube-');

/** The namespace of one environment. */
export function namespaceOf(options: Pick<KubernetesOptions, 'namespace' | 'namespacePerEnvironment'>, environment: string): string {
  if (!options.namespacePerEnvironment || isKubernetesNamespace(options.namespace)) return options.namespace;
  return `${options.namespace}-${environment}`;
}

/** Whether stackc writes the environment's Namespace object (so `kubectl delete -k` deletes it). */
export const ownsNamespace = (options: Pick<KubernetesOptions, 'createNamespace'>, namespace: string): boolean =>
  options.createNamespace && !isKubernetesNamespace(namespace);

/**
 * Refuses namespaces Kubernetes would reject (too long), and two environments in one namespace
 * unless the stack opted into that (`namespacePerEnvironment: false`).
 */
export function checkNamespaces(options: KubernetesOptions, environments: readonly string[], namespacePath: DataPath, report: Report): void {
  const byName = new Map<string, string[]>();
  for (const environment of environments) {
    const name = namespaceOf(options, environment);
    byName.set(name, [...(byName.get(name) ?? []), environment]);
    if (name.length > MAX_NAMESPACE) {
      report({
        severity: 'error',
        code: 'kubernetes/namespace-too-long',
        message: `environment \`${environment}\` would run in the namespace \`${name}\`, ${name.length} characters; Kubernetes namespace names are at most ${MAX_NAMESPACE}`,
        path: namespacePath,
        hint: `set a shorter \`targets.kubernetes.namespace\` (at most ${MAX_NAMESPACE - environment.length - 1} characters)`,
      });
    }
  }
  if (!options.namespacePerEnvironment) return;
  for (const [name, shared] of byName) {
    if (shared.length < 2) continue;
    report({
      severity: 'error',
      code: 'kubernetes/namespace-shared',
      message: `environments ${shared.map((e) => `\`${e}\``).join(', ')} would run in one namespace, \`${name}\` (Kubernetes' own, used as written); their objects have the same names, so applying one environment overwrites the others' Deployments, ConfigMaps and Ingresses`,
      path: namespacePath,
      hint: 'name a namespace the stack owns (`namespace: shop` gives `shop-staging`, `shop-production`), or, when each environment has a cluster of its own, set `namespacePerEnvironment: false`',
    });
  }
}
