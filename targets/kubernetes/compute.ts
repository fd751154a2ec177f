// `resources:` as container requests and limits (requests default to the limits in the model).
import type { ComputeResources } from '../../src/model/stack.js';
import { compact } from '../../src/emit/serialize/yaml.js';

export function containerResources(r: ComputeResources | undefined) {
  if (!r) return undefined;
  const requests = compact({ cpu: r.requests.cpu, memory: r.requests.memory });
  const limits = compact({ cpu: r.cpu, memory: r.memory });
  return compact({ requests: Object.keys(requests).length ? requests : undefined, limits: Object.keys(limits).length ? limits : undefined });
}
