// `depends_on` in the long form: wait for healthy where the dependency has a healthcheck (backing
// services always do), else for started. Dependencies Compose does not run are left out, with a
// diagnostic, because Compose refuses a file that depends on an undefined service.
import type { Service } from '../../src/model/stack.js';
import type { Scope } from './scope.js';

export type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export function dependsOnOf(service: Service, scope: Scope): Map<string, { condition: Condition }> {
  const out = new Map<string, { condition: Condition }>();
  for (const dep of service.dependsOn) {
    const skip = (why: string, severity: 'info' | 'warning') =>
      scope.report({
        severity,
        code: 'compose/dependency-not-run',
        message: `\`${service.name}\` depends on \`${dep.name}\`, which ${why}; Compose starts \`${service.name}\` without waiting for it`,
        path: dep.path,
      });
    if (dep.kind === 'resource') {
      const resource = scope.resources.get(dep.name);
      if (resource?.external) skip(`is external in environment \`${scope.environment.name}\` (no container)`, 'info');
      else out.set(dep.name, { condition: 'service_healthy' });
      continue;
    }
    const running = scope.running.get(dep.name);
    if (running) out.set(dep.name, { condition: running.healthcheck?.probe ? 'service_healthy' : 'service_started' });
    else if (scope.declared.get(dep.name)?.kind === 'static') skip('is a static site that Compose does not run', 'info');
    else skip('is not among the services this target generates', 'warning');
  }
  return out;
}
