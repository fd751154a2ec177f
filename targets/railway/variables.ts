// A service's variables in one Railway environment. railway.json holds no variables, so they go to
// a file of `NAME=value` lines the user pastes into the service's Raw Editor (or sets with
// `railway variables --set`). References are resolved by the shared resolver with Railway's address
// book (reference variables Railway fills in); secrets are listed by name only, in comments.
import type { DeployedResource, DeployedService } from '../../src/deploy/model.js';
import { resolveTemplate } from '../../src/deploy/references.js';
import type { DataPath } from '../../src/model/stack.js';
import { references, type Template } from '../../src/model/template.js';
import type { Scope } from './scope.js';
import { railwayValue } from './text.js';

export interface Line {
  name: string;
  value: string;
  /** Comment lines above it. */
  comments: string[];
}

export interface ToSet {
  name: string;
  about: string;
  /** A secret the platform must hold (a declared secret, an external backing service's URL). */
  secret: boolean;
}

export interface RailwayVariables {
  lines: Line[];
  /** Values the user sets in Railway: declared secrets and values Railway cannot reference. */
  toSet: ToSet[];
  /** Backing services the service uses (the model's `uses`), in first-use order. */
  resources: DeployedResource[];
}

export function railwayVariables(service: DeployedService, scope: Scope): RailwayVariables {
  const lines: Line[] = [];
  const toSet: ToSet[] = [];
  for (const v of service.env) {
    reportPrivateNetwork(service, v.value, v.path, scope);
    const parts = resolveTemplate(v.value, scope.book, { environment: scope.environment, reader: service, variable: v.name, path: v.path }, scope.report);
    const value = railwayValue(parts);
    if ('toSet' in value) {
      const about = parts.length === 1 ? value.toSet[0]! : `${templateText(v.value)} (${[...new Set(value.toSet)].join('; ')})`;
      toSet.push({ name: v.name, about, secret: parts.some((p) => (p.kind === 'unresolved' || p.kind === 'secret') && p.resource !== undefined) });
      continue;
    }
    lines.push({ name: v.name, value: value.value, comments: [] });
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
  if (service.servedPort !== undefined) {
    const at = service.public?.at ?? service.ports.find((p) => p.container === service.mainPort)?.path ?? service.path;
    add('PORT', String(service.servedPort), `The port Railway routes the domain to and health-checks (Railway injects a PORT of its own otherwise).`, at);
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
  for (const s of service.secrets) toSet.push({ name: s.name, about: 'secret', secret: true });
  const resources = service.uses.flatMap((name) => scope.environment.resource(name) ?? []);
  return { lines, toSet, resources };
}

/** A template as written in stack.yaml (references by name, never values). */
export const templateText = (t: Template): string => t.parts.map((p) => (typeof p === 'string' ? p.replace(/\$\{/g, '$${') : p.text)).join('');

/** Railway's private network was IPv6 only until October 2025: a service reached over it must listen on `::`. */
function reportPrivateNetwork(reader: DeployedService, value: Template, path: DataPath, scope: Scope): void {
  for (const ref of references(value)) {
    if (ref.root !== 'services' || ref.key === 'public_url') continue;
    const target = scope.environment.service(ref.name);
    if (!target || !scope.book.runs(target)) continue;
    scope.report({
      severity: 'info',
      code: 'railway/private-network',
      message: `\`${reader.name}\` reaches \`${target.name}\` at ${scope.names.get(target.name) ?? target.name}.railway.internal:${target.mainPort ?? 80} over Railway's private network: \`${target.name}\` must listen on \`::\` in environments created before October 2025 (IPv6 only)`,
      path,
      hint: 'listening on `::` accepts IPv4 and IPv6',
    });
  }
}
