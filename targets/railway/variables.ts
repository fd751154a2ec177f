// A service's variables in one Railway environment. railway.json holds no variables, so they go to
// a file of `NAME=value` lines the user pastes into the service's Raw Editor (or sets with
// `railway variables --set`). Backing services and other services are Railway reference variables
// (`${{Postgres.DATABASE_URL}}`, `${{api.RAILWAY_PRIVATE_DOMAIN}}`), resolved by Railway; secrets
// are listed by name only, in comments.
import type { DataPath, Resource, Service } from '../../src/model/stack.js';
import type { Reference, Template } from '../../src/model/template.js';
import { resourceReference } from './resources.js';
import { mainPort, type Scope } from './scope.js';

export interface Line {
  name: string;
  value: string;
  /** Comment lines above it. */
  comments: string[];
}

export interface ToSet {
  name: string;
  about: string;
}

export interface RailwayVariables {
  lines: Line[];
  /** Values the user sets in Railway: declared secrets and values Railway cannot reference. */
  toSet: ToSet[];
  /** Backing services the service reads, in first-use order. */
  resources: Resource[];
}

type Resolved = { text: string } | { unknown: string };

export function railwayVariables(service: Service, scope: Scope): RailwayVariables {
  const lines: Line[] = [];
  const toSet: ToSet[] = [];
  const resources = new Map<string, Resource>();
  const use = (r: Resource) => resources.set(r.name, r);
  for (const dep of service.dependsOn) {
    const r = scope.resources.get(dep.name);
    if (dep.kind === 'resource' && r) use(r);
  }
  for (const v of service.env) {
    const parts = v.value.parts.map((p) => (typeof p === 'string' ? { text: p } : resolve(p, service, v.name, v.path, scope, use)));
    const unknown = parts.filter((p): p is { unknown: string } => 'unknown' in p);
    if (unknown.length) {
      toSet.push({ name: v.name, about: v.value.parts.length === 1 ? unknown[0]!.unknown : `${templateText(v.value)} (${[...new Set(unknown.map((u) => u.unknown))].join('; ')})` });
      continue;
    }
    lines.push({ name: v.name, value: parts.map((p) => ('text' in p ? p.text : '')).join(''), comments: [] });
  }
  const taken = new Set([...lines.map((l) => l.name), ...toSet.map((s) => s.name), ...service.secrets.map((s) => s.name)]);
  const add = (name: string, value: string, comment: string, at: DataPath) => {
    if (taken.has(name)) {
      const existing = lines.find((l) => l.name === name);
      if (existing && existing.value !== value) {
        scope.report({
          severity: 'warning',
          code: 'railway/variable-clash',
          message: `\`${service.name}\` sets ${name} to \`${existing.value}\`, but Railway also needs it to be \`${value}\` (${comment})`,
          path: at,
          hint: `rename the variable, or make ${name} \`${value}\``,
        });
      }
      return;
    }
    taken.add(name);
    lines.push({ name, value, comments: [comment] });
  };
  const port = mainPort(service);
  if (service.kind === 'container' && port !== undefined) {
    add('PORT', String(port), `The port Railway routes the domain to and health-checks (Railway injects a PORT of its own otherwise).`, service.public?.at ?? service.ports[0]?.path ?? service.path);
  }
  for (const [name, value] of Object.entries(service.build?.args ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    add(name, value, 'Build argument: Railway passes service variables to Dockerfile ARGs (it is set at run time too).', service.origins.build ?? service.path);
  }
  const site = service.static;
  if (site) {
    const at = service.origins.static ?? service.path;
    if (site.output) add('RAILPACK_SPA_OUTPUT_DIR', site.output, 'Railpack serves this directory (with the single-page-app fallback).', at);
    if (site.install) add('RAILPACK_INSTALL_CMD', site.install, 'Railpack install command.', at);
    if (site.node) add('RAILPACK_NODE_VERSION', site.node, 'Node.js version Railpack builds with.', at);
  }
  for (const s of service.secrets) toSet.push({ name: s.name, about: 'secret' });
  return { lines, toSet, resources: [...resources.values()] };
}

/** A template as written in stack.yaml (references by name, never values). */
export const templateText = (t: Template): string => t.parts.map((p) => (typeof p === 'string' ? p.replace(/\$\{/g, '$${') : p.text)).join('');

function resolve(ref: Reference, reader: Service, variable: string, at: DataPath, scope: Scope, use: (r: Resource) => void): Resolved {
  if (ref.root === 'resources') {
    const resource = scope.resources.get(ref.name);
    if (!resource) return { text: ref.text };
    use(resource);
    if (resource.external) return { unknown: `URL of the external ${resource.type} \`${resource.name}\`` };
    return { text: resourceReference(resource, scope.names.get(resource.name) ?? resource.name, ref.key) };
  }
  if (ref.root === 'services') {
    const target = scope.declared.get(ref.name);
    if (target) return serviceValue(target, ref, reader, variable, at, scope);
  }
  return { text: ref.text };
}

function serviceValue(target: Service, ref: Reference, reader: Service, variable: string, at: DataPath, scope: Scope): Resolved {
  const deployed = scope.deployed.get(target.name);
  const env = scope.environment.name;
  const port = mainPort(target) ?? 80;
  const privateUrl = `http://\${{${target.name}.RAILWAY_PRIVATE_DOMAIN}}:${port}`;
  if (ref.key === 'public_url') {
    const p = target.public;
    const path = p && p.path !== '/' ? p.path : '';
    if (p && scope.environment.domain) return { text: `https://${p.host}${path}` };
    if (p && deployed) return { text: `https://\${{${target.name}.RAILWAY_PUBLIC_DOMAIN}}${path}` };
    if (deployed) {
      scope.report({
        severity: 'warning',
        code: 'railway/not-public',
        message: `\`${ref.text}\` (\`${variable}\` of \`${reader.name}\`): \`${target.name}\` is not public in environment \`${env}\`, so it has no public URL; stackc writes its private address`,
        path: at,
        hint: `make \`${target.name}\` public in \`${env}\`, or use \`\${services.${target.name}.url}\``,
      });
      return { text: privateUrl };
    }
    scope.report({
      severity: 'warning',
      code: 'railway/service-not-deployed',
      message: `\`${variable}\` of \`${reader.name}\` refers to the public URL of \`${target.name}\`, which the railway target does not deploy${p ? ` and environment \`${env}\` has no domain` : ''}; set ${variable} yourself`,
      path: at,
      hint: `set ${variable} in Railway to where ${target.name} is served`,
    });
    return { unknown: `public URL of \`${target.name}\`, which Railway does not serve` };
  }
  if (!deployed) {
    const why = target.kind === 'static' ? 'is a static site this target does not deploy' : 'is not among the services the railway target deploys';
    scope.report({
      severity: 'warning',
      code: 'railway/service-not-deployed',
      message: `\`${variable}\` of \`${reader.name}\` refers to \`${ref.text}\`, but \`${target.name}\` ${why}; set ${variable} yourself`,
      path: at,
      hint: target.public ? `use \`\${services.${target.name}.public_url}\`` : `set ${variable} in Railway to where ${target.name} runs`,
    });
    return { unknown: `${ref.key} of \`${target.name}\`, which Railway does not run` };
  }
  scope.report({
    severity: 'info',
    code: 'railway/private-network',
    message: `\`${reader.name}\` reaches \`${target.name}\` at ${target.name}.railway.internal:${port} over Railway's private network: \`${target.name}\` must listen on \`::\` in environments created before October 2025 (IPv6 only)`,
    path: at,
    hint: 'listening on `::` accepts IPv4 and IPv6',
  });
  if (ref.key === 'host') return { text: `\${{${target.name}.RAILWAY_PRIVATE_DOMAIN}}` };
  if (ref.key === 'port') return { text: String(port) };
  return { text: privateUrl };
}
