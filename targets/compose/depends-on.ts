// `depends_on` in the long form, from the service's `depends_on` needs in the model: wait for
// healthy where the dependency has a healthcheck (backing services always do), else for started.
// Dependencies Compose does not run are left out, with a diagnostic, because Compose refuses a
// file that depends on an undefined service. (Needs that only references add are not written:
// `depends_on` says what stack.yaml says.)
import type { DeployedService, Readiness } from '../../src/deploy/model.js';
import type { Scope } from './scope.js';

export type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

const CONDITION: Record<Readiness, Condition> = { healthy: 'service_healthy', started: 'service_started' };

export function dependsOnOf(service: DeployedService, scope: Scope): Map<string, { condition: Condition }> {
  const out = new Map<string, { condition: Condition }>();
  const { environment, plan } = scope;
  for (const need of service.needs) {
    if (need.via !== 'depends_on') continue;
    const skip = (why: string, severity: 'info' | 'warning') =>
      scope.report({
        severity,
        code: 'compose/dependency-not-run',
        message: `\`${service.name}\` depends on \`${need.name}\`, which ${why}; Compose starts \`${service.name}\` without waiting for it`,
        path: need.path,
      });
    if (need.kind === 'resource') {
      if (environment.resource(need.name)?.external) skip(`is external in environment \`${environment.name}\` (no container)`, 'info');
      else out.set(need.name, { condition: CONDITION[need.readiness] });
    } else if (plan.runs(environment.name, need.name)) out.set(need.name, { condition: CONDITION[need.readiness] });
    else if (environment.service(need.name)?.kind === 'static') skip('is a static site that Compose does not run', 'info');
    else skip('is not among the services this target generates', 'warning');
  }
  return out;
}
