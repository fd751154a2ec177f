// The outputs a container resource declares: `url: "http://${host}:${port}"` is a template of the
// container's host and port where it runs (each platform spells the host), `password: { secret: true }`
// a credential. Parsed once here, so the loader's checks and the model read the same pieces.
import type { ContainerOutputPart } from './stack.js';

/** What an output template may name: the container's host and port where it runs. */
export const OUTPUT_VARIABLES = ['host', 'port'] as const;

/** A `${...}` an output template names that is not `${host}` or `${port}`, with where it is in the text. */
export interface UnknownOutputVariable {
  text: string;
  name: string;
  offset: number;
}

/** The template's pieces, and the `${...}` it names that do not exist. `$${` is a literal `${`. */
export function parseOutputTemplate(template: string): { parts: ContainerOutputPart[]; unknown: UnknownOutputVariable[] } {
  const parts: ContainerOutputPart[] = [];
  const unknown: UnknownOutputVariable[] = [];
  let literal = '';
  const pattern = /\$\$\{|\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = pattern.exec(template); m; m = pattern.exec(template)) {
    literal += template.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === '$${') {
      literal += '${';
      continue;
    }
    const name = (m[1] ?? '').trim();
    if (name === 'host' || name === 'port') {
      if (literal) parts.push({ kind: 'text', text: literal });
      literal = '';
      parts.push({ kind: name });
    } else {
      unknown.push({ text: m[0], name, offset: m.index });
    }
  }
  literal += template.slice(last);
  if (literal) parts.push({ kind: 'text', text: literal });
  return { parts, unknown };
}
