// A service's `environment`: its env values (references resolved by the shared resolver with the
// Compose address book, rendered by value.ts), then its secrets as required interpolations of the
// env file. Declaration order is kept.
import type { DeployedService } from '../../src/deploy/model.js';
import { resolveTemplate } from '../../src/deploy/references.js';
import type { Scope } from './scope.js';
import { composeValue } from './value.js';

export function environmentOf(service: DeployedService, scope: Scope): Map<string, string> {
  const env = new Map<string, string>();
  for (const v of service.env) {
    const site = { environment: scope.environment, reader: service, variable: v.name, path: v.path };
    env.set(v.name, composeValue(resolveTemplate(v.value, scope.book, site, scope.report), site, scope.vars));
  }
  for (const secret of service.secrets) env.set(secret.name, scope.vars.secret(secret.name, 'secret', `Secret, passed to the services as ${secret.name}.`, service.name));
  return env;
}
