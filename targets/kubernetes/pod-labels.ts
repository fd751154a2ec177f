// A service's `labels:` on its pods. Docker labels accept any text; Kubernetes label values do not,
// so those become pod annotations instead (still visible, not selectable). stackc's own
// `app.kubernetes.io/*` labels cannot be replaced: selectors depend on them. Both are capability
// gaps (capabilities.ts), reported before rendering.
import type { Service } from '../../src/model/stack.js';
import { isReservedLabel, isValidLabel } from './labels.js';

export function userPodMetadata(service: Service): { labels: Record<string, string>; annotations: Record<string, string> } {
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.labels)) {
    if (isReservedLabel(key)) continue;
    if (isValidLabel(key, value)) labels[key] = value;
    else annotations[key] = value;
  }
  return { labels, annotations };
}
