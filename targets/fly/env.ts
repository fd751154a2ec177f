// A service's environment on Fly. `[env]` takes plain values only; anything that carries a secret,
// and anything Fly cannot know (where a database runs: Fly does not provision it from fly.toml),
// becomes a value the user sets with `fly secrets set`, listed by name in the file's header.
import type { DataPath, Resource, Service } from '../../src/model/stack.js';
import type { Reference, Template } from '../../src/model/template.js';
import { privateAddress, type Scope } from './scope.js';

export interface ToSet {
  name: string;
  /** What the value is, for the header comment. */
  about: string;
  /** The kind of value: a declared secret, a backing service's connection detail, or another value. */
  kind: 'secret' | 'resource' | 'other';
}

export interface FlyEnv {
  /** `[env]`, in declaration order. */
  plain: [string, string][];
  /** Values the user sets as Fly secrets: env values Fly cannot hold, then the declared secrets. */
  toSet: ToSet[];
  /** Backing services the environment reads, with the variables that hold their details. */
  resources: Map<string, { resource: Resource; variables: string[] }>;
}

type Resolved = { text: string } | { unknown: string; kind: 'resource' | 'other'; resource?: Resource };

export function flyEnv(service: Service, scope: Scope): FlyEnv {
  const plain: [string, string][] = [];
  const toSet: ToSet[] = [];
  const resources = new Map<string, { resource: Resource; variables: string[] }>();
  for (const v of service.env) {
    const parts = v.value.parts.map((p) => (typeof p === 'string' ? { text: p } : resolve(p, service, v.name, v.path, scope)));
    const unknown = parts.filter((p): p is Extract<Resolved, { unknown: string }> => 'unknown' in p);
    if (!unknown.length) {
      plain.push([v.name, parts.map((p) => ('text' in p ? p.text : '')).join('')]);
      continue;
    }
    for (const u of unknown) {
      if (!u.resource) continue;
      const entry = resources.get(u.resource.name) ?? { resource: u.resource, variables: [] };
      if (!entry.variables.includes(v.name)) entry.variables.push(v.name);
      resources.set(u.resource.name, entry);
    }
    const single = v.value.parts.length === 1;
    const about = single ? unknown[0]!.unknown : `${templateText(v.value)} (${unique(unknown.map((u) => u.unknown)).join('; ')})`;
    toSet.push({ name: v.name, about, kind: unknown.some((u) => u.kind === 'resource') ? 'resource' : 'other' });
  }
  for (const s of service.secrets) toSet.push({ name: s.name, about: 'secret', kind: 'secret' });
  return { plain, toSet, resources };
}

/** A template as written in stack.yaml (references by name, never values). */
export const templateText = (t: Template): string => t.parts.map((p) => (typeof p === 'string' ? p.replace(/\$\{/g, '$${') : p.text)).join('');

const unique = <T>(items: T[]): T[] => [...new Set(items)];

function resolve(ref: Reference, service: Service, variable: string, at: DataPath, scope: Scope): Resolved {
  if (ref.root === 'resources') {
    const resource = scope.resources.get(ref.name);
    if (resource) return resourceValue(resource, ref.key);
  } else if (ref.root === 'services') {
    const target = scope.declared.get(ref.name);
    if (target) return serviceValue(target, ref, service, variable, at, scope);
  }
  // The loader rejects anything else; keep the text rather than invent a value.
  return { text: ref.text };
}

const WHAT: Record<string, string> = { url: 'connection URL', host: 'host name', user: 'user name', password: 'password' };

function resourceValue(resource: Resource, key: string): Resolved {
  if (resource.external) return { unknown: `URL of the external ${resource.type} \`${resource.name}\``, kind: 'resource', resource };
  // The port and database name are what stack.yaml declares; where the database runs is not known.
  if (key === 'port') return { text: String(resource.port) };
  if (key === 'database') return { text: resource.database ?? '' };
  return { unknown: `${WHAT[key] ?? key} of ${resource.type} \`${resource.name}\``, kind: 'resource', resource };
}

function serviceValue(target: Service, ref: Reference, reader: Service, variable: string, at: DataPath, scope: Scope): Resolved {
  const deployed = scope.deployed.get(target.name);
  const env = scope.environment.name;
  if (ref.key === 'public_url') {
    const p = target.public;
    const path = p && p.path !== '/' ? p.path : '';
    if (p && scope.environment.domain) return { text: `https://${p.host}${path}` };
    if (p && deployed) return { text: `https://${scope.app(target.name)}.fly.dev${path}` };
    if (p) {
      scope.report({
        severity: 'info',
        code: 'fly/public-url',
        message: `\`${variable}\` of \`${reader.name}\` refers to the public URL of \`${target.name}\`, but environment \`${env}\` has no domain and the fly target does not deploy \`${target.name}\`; the value becomes a secret to set`,
        path: at,
        hint: `set ${variable} with \`fly secrets set\` to where ${target.name} is served, or give \`${env}\` a domain`,
      });
      return { unknown: `public URL of \`${target.name}\` (environment \`${env}\` has no domain)`, kind: 'other' };
    }
    if (deployed) {
      scope.report({
        severity: 'warning',
        code: 'fly/not-public',
        message: `\`${ref.text}\` (\`${variable}\` of \`${reader.name}\`): \`${target.name}\` is not public in environment \`${env}\`, so it has no public URL; stackc writes its private address`,
        path: at,
        hint: `make \`${target.name}\` public in \`${env}\`, or use \`\${services.${target.name}.url}\``,
      });
      const a = privateAddress(deployed, scope.app(target.name));
      return { text: `http://${a.host}:${a.port}` };
    }
    return { unknown: `public URL of \`${target.name}\`, which is not public in \`${env}\``, kind: 'other' };
  }
  if (!deployed) {
    const why = target.kind === 'static' ? 'is a static site, which Fly does not run' : 'is not among the services the fly target deploys';
    scope.report({
      severity: 'warning',
      code: 'fly/service-not-deployed',
      message: `\`${variable}\` of \`${reader.name}\` refers to \`${ref.text}\`, but \`${target.name}\` ${why}; the value becomes a secret to set`,
      path: at,
      hint: target.public ? `use \`\${services.${target.name}.public_url}\`, or set ${variable} with \`fly secrets set\`` : `set ${variable} with \`fly secrets set\` to where ${target.name} runs`,
    });
    return { unknown: `${ref.key} of \`${target.name}\`, which the fly target does not deploy`, kind: 'other' };
  }
  const a = privateAddress(deployed, scope.app(target.name));
  if (a.via === 'internal') {
    scope.report({
      severity: 'info',
      code: 'fly/private-network',
      message: `\`${target.name}\` is reached at ${a.host}:${a.port} over Fly's private network (6PN, IPv6): it must listen on \`::\` (IPv6), not only 0.0.0.0, and .internal requests do not start stopped Machines`,
      path: at,
      hint: `listen on [::]:${a.port} (e.g. \`--host ::\`); min_machines_running keeps Machines running`,
    });
  }
  if (ref.key === 'host') return { text: a.host };
  if (ref.key === 'port') return { text: String(a.port) };
  return { text: `http://${a.host}:${a.port}` };
}
