// Kubernetes' recommended labels. Selectors use only name and part-of: both are stable for the
// object's life (a selector is immutable once a Deployment or StatefulSet exists).

export const MANAGED_BY = 'stackc';

export function selectorLabels(stackName: string, name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': stackName };
}

export function objectLabels(stackName: string, name: string, component: string): Record<string, string> {
  return { ...selectorLabels(stackName, name), 'app.kubernetes.io/component': component, 'app.kubernetes.io/managed-by': MANAGED_BY };
}

// A label value: at most 63 characters, alphanumerics with `-`, `_`, `.` inside.
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether a `labels:` entry is a valid Kubernetes label (Docker labels allow any text as value). */
export function isValidLabel(key: string, value: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  return prefixOk && name.length <= 63 && LABEL_NAME.test(name) && value.length <= 63 && LABEL_VALUE.test(value);
}

/** Label keys stackc owns; a user label may not replace them (selectors depend on them). */
export const isReservedLabel = (key: string): boolean => key.startsWith('app.kubernetes.io/');
