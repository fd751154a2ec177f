// A service's `environment`: its env values (references resolved, literal `$` escaped), then its
// secrets as required interpolations of the env file. Declaration order is kept.
import type { Service } from '../../src/model/stack.js';
import type { Template } from '../../src/model/template.js';
import { resolveReference, type Site } from './references.js';
import type { Scope } from './scope.js';
import { literal } from './text.js';

export function environmentOf(service: Service, scope: Scope): Map<string, string> {
  const env = new Map<string, string>();
  for (const v of service.env) env.set(v.name, render(v.value, scope, { service: service.name, variable: v.name, path: v.path }));
  for (const secret of service.secrets) env.set(secret.name, scope.vars.required(secret.name, 'secret', `Secret, passed to the services as ${secret.name}.`, service.name));
  return env;
}

const render = (t: Template, scope: Scope, site: Site): string =>
  t.parts.map((p) => (typeof p === 'string' ? literal(p) : resolveReference(p, scope, site))).join('');
