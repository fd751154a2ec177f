/** DNS-1123 labels name services, resources, environments and stacks. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The nearest DNS label to some text: `My_API` → `my-api`; `undefined` when nothing is left. */
export function toDnsLabel(text: string): string | undefined {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label || undefined;
}

/** The environment-variable prefix for a service or resource name: `my-db` → `MY_DB`. */
export const envPrefix = (name: string): string => name.toUpperCase().replace(/-/g, '_');
