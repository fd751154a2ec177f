// A service's environment on Fly. `[env]` takes plain values only; a value with any part Fly cannot
// hold (a secret, where a database runs: Fly does not provision it from fly.toml) becomes, whole, a
// value the user sets with `fly secrets set`, listed by name in the file's header.
import type { DeployedEnvironment, DeployedService } from '../../src/deploy/model.js';
import { resolveTemplate, type AddressBook, type ValuePart } from '../../src/deploy/references.js';
import type { Report } from '../../src/emit/target.js';
import { renderTemplate, type Template } from '../../src/model/template.js';
import { isShellName } from '../../src/vocabulary/env-var-name.js';

export interface ToSet {
  name: string;
  /** What the value is, for the header comment. */
  about: string;
}

export interface FlyEnv {
  /** `[env]`, in declaration order. */
  plain: [string, string][];
  /** Values the user sets as Fly secrets: env values Fly cannot hold, then the declared secrets. */
  toSet: ToSet[];
  /** Variables that hold a backing service's details, by backing service. */
  resourceVariables: Map<string, string[]>;
}

/** A part `[env]` cannot hold, with what it stands for. */
const unknownPart = (p: ValuePart): { about: string; resource?: string } | undefined =>
  p.kind === 'unresolved' ? p : p.kind === 'secret' ? { about: `secret \`${p.name}\``, ...(p.resource ? { resource: p.resource } : {}) } : undefined;

export function flyEnv(service: DeployedService, environment: DeployedEnvironment, book: AddressBook, report: Report): FlyEnv {
  const plain: [string, string][] = [];
  const toSet: ToSet[] = [];
  const resourceVariables = new Map<string, string[]>();
  for (const v of service.env) {
    const parts = resolveTemplate(v.value, book, { environment, reader: service, variable: v.name, path: v.path }, report);
    const unknown = parts.map(unknownPart).filter((u) => u !== undefined);
    if (!unknown.length) {
      // Text and expressions alike: Fly has no syntax of its own inside [env].
      plain.push([v.name, parts.map((p) => ('text' in p ? p.text : '')).join('')]);
      continue;
    }
    for (const { resource } of unknown) {
      if (!resource) continue;
      const variables = resourceVariables.get(resource) ?? [];
      if (!variables.includes(v.name)) variables.push(v.name);
      resourceVariables.set(resource, variables);
    }
    // A value that is one reference is what that reference holds; a longer one shows its template.
    const about = v.value.parts.length === 1 ? unknown[0]!.about : `${writtenTemplate(v.value)} (${[...new Set(unknown.map((u) => u.about))].join('; ')})`;
    if (!isShellName(v.name)) {
      report({
        severity: 'warning',
        code: 'fly/secret-name',
        message: `\`${v.name}\` of \`${service.name}\` must be set as a Fly secret (its value is ${about}), and Fly secret names are letters, digits and \`_\`: \`fly secrets set\` refuses it`,
        path: v.path,
        hint: `rename it (\`${v.name.replace(/[.-]/g, '_')}\`), or give it a value Fly can hold in \`[env]\``,
      });
    }
    toSet.push({ name: v.name, about });
  }
  for (const s of service.secrets) toSet.push({ name: s.name, about: 'secret' });
  return { plain, toSet, resourceVariables };
}

/** A template as written in stack.yaml (references by name, never values). */
const writtenTemplate = (t: Template): string => renderTemplate(t, (ref) => ref.text);
