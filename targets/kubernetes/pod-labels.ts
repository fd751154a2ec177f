// A service's `labels:` on its pods. Docker labels accept any text; Kubernetes label values do not,
// so those become pod annotations instead (still visible, not selectable). stackc's own
// `app.kubernetes.io/*` labels cannot be replaced: selectors depend on them.
import type { Service } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { isReservedLabel, isValidLabel } from './labels.js';

export function userPodMetadata(service: Service, report: Report): { labels: Record<string, string>; annotations: Record<string, string> } {
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  const path = service.origins.labels ?? [...service.path, 'labels'];
  for (const [key, value] of Object.entries(service.labels)) {
    if (isReservedLabel(key)) {
      report({ severity: 'warning', code: 'kubernetes/reserved-label', message: `label \`${key}\` of \`${service.name}\` is set by stackc (selectors use it) and is left out`, path: [...path, key], hint: 'use a key outside `app.kubernetes.io/`' });
    } else if (isValidLabel(key, value)) {
      labels[key] = value;
    } else {
      report({ severity: 'info', code: 'kubernetes/label-as-annotation', message: `label \`${key}\` of \`${service.name}\` is not a valid Kubernetes label (values are at most 63 letters, digits, \`-\`, \`_\`, \`.\`), so it becomes a pod annotation`, path: [...path, key] });
      annotations[key] = value;
    }
  }
  return { labels, annotations };
}
