// `depends_on` in the long form, from the service's needs in the model: what `depends_on` names,
// and what the service reaches through a reference (a backing service it reads, a service it calls
// by host, port or url), so `docker compose up` starts it, and its release job, only once they are
// ready: healthy where the dependency has a healthcheck (backing services always do), completed
// successfully where it is a one-shot (a migration that exits when done: waiting for it to be
// "started" would start the dependent while it still runs), else started (also where
// `HEALTHCHECK NONE` in its Dockerfile leaves Compose without one: healthcheck.ts).
// A dependency Compose does not run is left out, because Compose refuses a file that depends on an
// undefined service; one named in `depends_on` gets a diagnostic (a reference already got one from
// the shared resolver, and an external resource is reached through its URL).
import type { DeployedService, Readiness } from '../../src/deploy/model.js';
import { healthcheckTurnedOff } from './healthcheck.js';
import type { Scope } from './scope.js';

export type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

const CONDITION: Record<Readiness, Condition> = { healthy: 'service_healthy', started: 'service_started', completed: 'service_completed_successfully' };

export function dependsOnOf(service: DeployedService, scope: Scope): Map<string, { condition: Condition }> {
  const out = new Map<string, { condition: Condition }>();
  const { environment, plan } = scope;
  for (const need of service.needs) {
    const skip = (why: string, severity: 'info' | 'warning') =>
      need.via === 'depends_on' &&
      scope.report({
        severity,
        code: 'compose/dependency-not-run',
        message: `\`${service.name}\` depends on \`${need.name}\`, which ${why}; Compose starts \`${service.name}\` without waiting for it`,
        path: need.path,
      });
    if (need.kind === 'resource') {
      if (environment.resource(need.name)?.external) skip(`is external in environment \`${environment.name}\` (no container)`, 'info');
      else out.set(need.name, { condition: CONDITION[need.readiness] });
    } else if (plan.runs(environment.name, need.name)) {
      const dependency = environment.service(need.name);
      out.set(need.name, { condition: dependency && healthcheckTurnedOff(dependency) ? 'service_started' : CONDITION[need.readiness] });
    }
    else if (environment.service(need.name)?.kind === 'static') skip('is a static site that Compose does not run', 'info');
    else skip('is not among the services this target generates', 'warning');
  }
  return out;
}
