// `targets.kubernetes` options. The stack schema has validated them; this only gives them types and
// defaults, defensively, because plugins and tests can build an EmitContext by hand.
import { createHash } from 'node:crypto';
import type { DataPath, Stack } from '../../src/model/stack.js';

export interface IngressOptions {
  /** IngressClass name; `undefined` uses the cluster's default class. */
  className?: string;
  tls: boolean;
  /** cert-manager ClusterIssuer that creates each host's `<host>-tls`. */
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

/**
 * A host name as a file or object name: a wildcard's `*` as `wildcard` (`*.shop.example` →
 * `wildcard.shop.example`), which a Secret name and a shell both take.
 */
export const hostFileName = (host: string): string => host.replace(/^\*\./, 'wildcard.');

/**
 * The TLS certificate Secret of a host, shared by every Ingress on that host (one certificate per
 * host; made by cert-manager when an issuer is set). A host is a DNS name of at most 253 characters
 * (validate checks it), so the name is one too, unless the host is within 4 of the limit.
 */
export function tlsSecretName(host: string): string {
  const name = `${hostFileName(host)}-tls`;
  return name.length <= 253 ? name : `tls-${createHash('sha256').update(host).digest('hex').slice(0, 16)}`;
}

/** Start of the name of the ConfigMap holding a service's plain variables, which ends in a hash of its data (configmap.ts). */
export const configMapName = (service: string): string => `${service}-env`;
