// A resolved env value (src/deploy/references.ts) in Compose's syntax: plain text escaped so that
// Compose does not interpolate it, interpolations of the env file written as they are.
import type { ReferenceSite, ValuePart } from '../../src/deploy/references.js';
import { literal } from './text.js';
import type { Variables } from './variables.js';

type Unresolved = Extract<ValuePart, { kind: 'unresolved' }>;

export function composeValue(parts: readonly ValuePart[], site: ReferenceSite, vars: Variables): string {
  // Nothing in Compose can say it: the user sets the whole variable in the env file.
  const unresolved = parts.find((p): p is Unresolved => p.kind === 'unresolved');
  if (unresolved) return vars.required(site.variable, 'other', `${unresolved.about} (read by \`${site.variable}\` of \`${site.reader.name}\`).`, site.reader.name);
  return parts
    .map((p) => {
      if (p.kind === 'text') return literal(p.text);
      if (p.kind === 'expression') return p.text;
      if (p.kind === 'secret') return vars.secret(p.name, 'secret', `Secret, passed to the services as ${p.name}.`, site.reader.name);
      return '';
    })
    .join('');
}
