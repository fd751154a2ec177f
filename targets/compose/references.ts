// `${resources.X.key}` and `${services.X.key}` in env values, as Compose sees them: host names are
// Compose service names, credentials are interpolations of the env file, and anything Compose cannot
// know (a service it does not run) becomes a variable the user sets.
import { connectionUrl } from '../../src/emit/emit-helpers.js';
import type { DataPath, Resource, Service } from '../../src/model/stack.js';
import type { Reference } from '../../src/model/template.js';
import { credentials, externalUrl } from './credentials.js';
import type { Scope } from './scope.js';
import { literal } from './text.js';
import { envPrefix } from '../../src/model/dns-label.js';

/** Where a reference is used: the service reading it and the env value's path in stack.yaml. */
export interface Site {
  service: string;
  variable: string;
  path: DataPath;
}

export function resolveReference(ref: Reference, scope: Scope, site: Site): string {
  if (ref.root === 'resources') return resourceValue(scope.resources.get(ref.name)!, ref.key, scope, site);
  if (ref.root === 'services') return serviceValue(ref, scope, site);
  return literal(ref.text); // `${environment.*}` is resolved while loading: this is never reached.
}

function resourceValue(resource: Resource, key: string, scope: Scope, site: Site): string {
  // The loader allows only `url` for a resource that is external in this environment.
  if (resource.external) return externalUrl(resource, scope.vars, site.service);
  const port = String(resource.port);
  const database = resource.database ?? '';
  switch (key) {
    case 'host':
      return resource.name;
    case 'port':
      return port;
    case 'database':
      return database;
    case 'user':
      return credentials(resource, scope.vars, site.service)!.user;
    case 'password':
      return credentials(resource, scope.vars, site.service)!.password;
    default: {
      const c = credentials(resource, scope.vars, site.service) ?? { user: '', password: '' };
      return connectionUrl(resource, { host: resource.name, port, user: c.user, password: c.password, database });
    }
  }
}

function serviceValue(ref: Reference, scope: Scope, site: Site): string {
  const target = scope.declared.get(ref.name);
  const running = scope.running.get(ref.name);
  if (ref.key === 'public_url') return publicUrl(ref.name, target, scope, site);
  if (running) {
    const port = String(running.ports[0]?.container ?? 80);
    if (ref.key === 'host') return running.name;
    if (ref.key === 'port') return port;
    return `http://${running.name}:${port}`;
  }
  // A static site or a service left out of this target: nothing in the file answers to its name.
  const name = `${envPrefix(ref.name)}_${ref.key.toUpperCase()}`;
  const why = target?.kind === 'static' ? 'is a static site, which Compose does not run' : 'is not among the services this target generates';
  scope.report({
    severity: 'warning',
    code: 'compose/reference-not-run',
    message: `\`${site.variable}\` of \`${site.service}\` refers to \`${ref.text}\`, but \`${ref.name}\` ${why}; Compose reads it from the variable ${name}`,
    path: site.path,
    hint: `set ${name} in the env file to where ${ref.name} runs`,
  });
  return scope.vars.required(name, 'other', `The ${ref.key} of \`${ref.name}\`, which Compose does not run (read by \`${site.variable}\`).`, site.service);
}

/**
 * A public URL in Compose: with a domain, the address the stack declares (a reverse proxy in front of
 * the published port must serve it); without one, the published port on localhost; otherwise a
 * variable with the best guess as its default.
 */
function publicUrl(name: string, target: Service | undefined, scope: Scope, site: Site): string {
  const domain = scope.environment.domain;
  const host = target?.public?.host ?? domain ?? 'localhost';
  const path = target?.public && target.public.path !== '/' ? target.public.path : '';
  if (domain) return `https://${host}${path}`;
  const running = scope.running.get(name);
  const published = running?.public ? scope.ports.services.get(name)?.hostPort(running.public.port) : undefined;
  if (published !== undefined) return `http://localhost:${published}${path}`;
  const variable = `${envPrefix(name)}_PUBLIC_URL`;
  const guess = `http://${host}${path}`;
  scope.report({
    severity: 'info',
    code: 'compose/public-url',
    message: `\`${site.variable}\` of \`${site.service}\` refers to the public URL of \`${name}\`, which Compose does not publish; it reads ${variable} (default ${guess})`,
    path: site.path,
    hint: `set ${variable} in the env file to where ${name} is served during development`,
  });
  return scope.vars.optional(variable, guess, 'other', `Public URL of \`${name}\`, which Compose does not serve (read by \`${site.variable}\`).`, site.service);
}
