// Compose service names → stack.yaml names (DNS labels). Other services reach a service by its
// name, so no service may get a name another one had: a name that already is a DNS label is kept,
// and one that needs converting takes the nearest label no compose service has (`A_B` beside
// `a-b` becomes `a-b-2`, or `a-b-3` when `a-b-2` is there too).
import { DNS_LABEL, toDnsLabel } from '../model/dns-label.js';

export const isDnsLabel = (s: string): boolean => DNS_LABEL.test(s) && s.length <= 63;

export interface ServiceName {
  name: string;
  /** Labels passed over because another service has (or was given) them. */
  skipped: string[];
}

export function serviceNames(composeNames: readonly string[]): Map<string, ServiceName> {
  const taken = new Set(composeNames.filter(isDnsLabel));
  const out = new Map<string, ServiceName>();
  for (const key of composeNames) {
    if (isDnsLabel(key)) {
      out.set(key, { name: key, skipped: [] });
      continue;
    }
    const base = toDnsLabel(key) ?? 'service';
    const skipped: string[] = [];
    let name = base;
    for (let i = 2; taken.has(name) || composeNames.includes(name); i++) {
      skipped.push(name);
      const suffix = `-${i}`;
      name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    taken.add(name);
    out.set(key, { name, skipped });
  }
  return out;
}
