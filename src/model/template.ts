// A string with `${...}` references, parsed once so targets never re-scan text. `$${` is a literal `${`.

export type ReferenceRoot = 'resources' | 'services' | 'environment';

export interface Reference {
  root: ReferenceRoot;
  /** Resource or service name; empty for `environment`. */
  name: string;
  key: string;
  /** The reference as written, e.g. `${resources.db.url}`. */
  text: string;
}

export type TemplatePart = string | Reference;

export interface Template {
  parts: TemplatePart[];
}

export type TemplateError = { message: string; hint: string; offset: number; length: number };

const REFERENCE = /^(resources|services)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z_]+)$|^(environment)\.([a-z_]+)$/;

/** Parses `text`; on malformed references, returns what it can and lists the problems. */
export function parseTemplate(text: string): { template: Template; errors: TemplateError[] } {
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      errors.push({ message: 'unterminated `${`', hint: 'close the reference with `}`, or write `$${` for a literal `${`', offset: i, length: text.length - i });
      literal += text.slice(i);
      break;
    }
    const inner = text.slice(i + 2, close).trim();
    const match = REFERENCE.exec(inner);
    if (!match) {
      errors.push({
        message: `\`\${${inner}}\` is not a reference stackc knows`,
        hint: 'references look like `${resources.<name>.<key>}`, `${services.<name>.<key>}` or `${environment.<key>}`; write `$${` for a literal `${`',
        offset: i,
        length: close + 1 - i,
      });
      literal += text.slice(i, close + 1);
    } else {
      if (literal) parts.push(literal);
      literal = '';
      const ref: Reference = match[4]
        ? { root: 'environment', name: '', key: match[5]!, text: text.slice(i, close + 1) }
        : { root: match[1] as ReferenceRoot, name: match[2]!, key: match[3]!, text: text.slice(i, close + 1) };
      parts.push(ref);
    }
    i = close + 1;
  }
  if (literal) parts.push(literal);
  return { template: { parts }, errors };
}

export const references = (t: Template): Reference[] => t.parts.filter((p): p is Reference => typeof p !== 'string');

/** The template's text when it has no references left, else `undefined`. */
export function templateText(t: Template): string | undefined {
  return t.parts.every((p) => typeof p === 'string') ? t.parts.join('') : undefined;
}

/** Renders with a resolver for each reference; targets supply their own host names and secret syntax. */
export function renderTemplate(t: Template, resolve: (ref: Reference) => string): string {
  return t.parts.map((p) => (typeof p === 'string' ? p : resolve(p))).join('');
}

/** Replaces the references `resolve` knows (returns a string for), keeping the others. */
export function substitute(t: Template, resolve: (ref: Reference) => string | undefined): Template {
  const parts: TemplatePart[] = [];
  for (const p of t.parts) {
    const value = typeof p === 'string' ? p : resolve(p) ?? p;
    const last = parts.at(-1);
    if (typeof value === 'string' && typeof last === 'string') parts[parts.length - 1] = last + value;
    else if (value !== '') parts.push(value);
  }
  return { parts };
}
