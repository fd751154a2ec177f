// `targets.kubernetes` options. The stack schema has validated them; this only gives them types and
// defaults, defensively, because plugins and tests can build an EmitContext by hand.
import type { DataPath, Stack } from '../../src/model/stack.js';

export interface IngressOptions {
  /** IngressClass name; `undefined` uses the cluster's default class. */
  className?: string;
  tls: boolean;
  /** cert-manager ClusterIssuer that creates `<service>-tls`. */
  issuer?: string;
}

export interface KubernetesOptions {
  /** `namespace:` as written, else the stack name: the prefix of each environment's namespace. */
  namespace: string;
  /** Each environment in `<namespace>-<environment>` (default), or all in `namespace` itself. */
  namespacePerEnvironment: boolean;
  /** Whether the stack writes (and so owns) its Namespace objects; `false` for a shared namespace. */
  createNamespace: boolean;
  ingress: IngressOptions;
  /** Where the options live in stack.yaml, for diagnostics about them. */
  path: DataPath;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readOptions(stack: Stack, options: Record<string, unknown>): KubernetesOptions {
  const ingress = (typeof options.ingress === 'object' && options.ingress !== null ? options.ingress : {}) as Record<string, unknown>;
  const className = text(ingress.class);
  const issuer = text(ingress.issuer);
  return {
    namespace: text(options.namespace) ?? stack.name,
    namespacePerEnvironment: options.namespacePerEnvironment !== false,
    createNamespace: options.createNamespace !== false,
    ingress: { ...(className ? { className } : {}), tls: ingress.tls === true, ...(issuer ? { issuer } : {}) },
    path: ['targets', 'kubernetes'],
  };
}

/** The name of the one Secret the user creates per environment: every secret key stackc reads. */
export const secretName = (stack: Stack): string => `${stack.name}-secrets`;

/** TLS certificate Secret of a public service (made by cert-manager when an issuer is set). */
export const tlsSecretName = (service: string): string => `${service}-tls`;

/** ConfigMap holding a service's plain environment variables. */
export const configMapName = (service: string): string => `${service}-env`;
