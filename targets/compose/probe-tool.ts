// Which program runs an `http` or `tcp` probe inside the container, from what the model knows the
// image has (DeployedService.probeTools): a runtime one-liner first (exec form: no shell, so
// distroless images work), then curl or wget (http), nc or bash (tcp). Shared by the healthcheck
// and the capability gap that explains it, so the file and the diagnostic cannot disagree.
import type { DeployedService, ImageHealthcheck } from '../../src/deploy/model.js';
import type { ProbeTools } from '../../src/vocabulary/probe-tools.js';

export type ProbeTool = 'python' | 'node' | 'curl' | 'wget' | 'nc' | 'bash';

const ORDER: Record<'http' | 'tcp', readonly ProbeTool[]> = {
  http: ['python', 'node', 'curl', 'wget'],
  tcp: ['python', 'node', 'nc', 'bash'],
};

/** The first program of the probe's order that the image has, if any. */
export const probeTool = (kind: 'http' | 'tcp', tools: ProbeTools): ProbeTool | undefined => ORDER[kind].find((t) => tools[t] !== undefined);

/** The programs a probe of this kind can use, for messages: `python3, node, curl or wget`. */
export const probeToolChoices = (kind: 'http' | 'tcp'): string => {
  const names = ORDER[kind].map((t) => (t === 'python' ? 'python3' : t));
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
};

/**
 * The image's own HEALTHCHECK, when Compose leaves it in charge: the service's `http` or `tcp` probe
 * is one stackc would have to make up a command for, and the Dockerfile already has one (a written
 * `command` probe is the author's and stays). Kubernetes still probes as stack.yaml says.
 */
export function imageHealthcheckInCharge(service: DeployedService): ImageHealthcheck | undefined {
  const probe = service.healthcheck?.probe;
  return probe && probe.kind !== 'command' ? service.imageHealthcheck : undefined;
}
