// A service's healthcheck beyond stack.yaml: the HEALTHCHECK its Dockerfile gives the image, and a
// concrete one to suggest. Shared by healthcheck-required and depends-on-healthy.
import type { DeployedService } from '../../../deploy/model.js';
import type { Service } from '../../../model/stack.js';
import type { RuleContext } from '../../rule.js';
import { inherited, runStage, type Dockerfile, type Instruction, type Stage } from '../../../dockerfile/dockerfile.js';

export { isHealthcheckNone } from '../../../dockerfile/dockerfile.js';

/** A concrete healthcheck to suggest for a service, from its ports. */
export function healthcheckExample(service: DeployedService): string {
  const port = service.mainPort;
  if (port !== undefined) return `\`healthcheck: { http: /health }\` (it requests port ${port}; use \`tcp: ${port}\` if the service does not speak HTTP)`;
  return '`healthcheck: { command: "<a check that exits 0 while it works>" }` (e.g. `celery -A app inspect ping`, `pgrep -f worker`)';
}

/** The HEALTHCHECK a service's image ends up with from its own Dockerfile, if that can be read. */
export function dockerfileHealthcheck(ctx: RuleContext<unknown>, service: Service): { dockerfile: Dockerfile; stage: Stage; instruction?: Instruction } | undefined {
  const dockerfile = ctx.dockerfile(service);
  if (!dockerfile) return undefined;
  const stage = runStage(dockerfile, service.build?.target);
  if (!stage) return undefined;
  const instruction = inherited(dockerfile, stage, 'HEALTHCHECK');
  return { dockerfile, stage, ...(instruction ? { instruction } : {}) };
}
