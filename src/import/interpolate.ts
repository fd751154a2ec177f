// Compose interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`,
// `${VAR+alt}`, `${VAR:?error}`, `${VAR?error}`, and `$$` for a literal `$`. Defaults may nest
// (`${A:-${B}}`). Unset variables become empty strings, as in Compose (which warns).

export interface Interpolated {
  value: string;
  /** Variables read, in order of first use. */
  vars: string[];
  /** Variables that were read but unset (and had no default). */
  unset: string[];
  /** `${VAR:?message}` with VAR unset or empty: the first such message. */
  error?: { name: string; message: string };
}

export type Lookup = (name: string) => string | undefined;

export function interpolateString(text: string, lookup: Lookup): Interpolated {
  const out: Interpolated = { value: '', vars: [], unset: [] };
  out.value = expand(text, lookup, out);
  return out;
}

function note(out: Interpolated, name: string): void {
  if (!out.vars.includes(name)) out.vars.push(name);
}

function expand(text: string, lookup: Lookup, out: Interpolated): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '$') {
      result += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      result += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = matchingBrace(text, i + 1);
      if (end < 0) {
        result += text.slice(i);
        break;
      }
      result += substitute(text.slice(i + 2, end), lookup, out);
      i = end + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
    if (name) {
      note(out, name);
      const v = lookup(name);
      if (v === undefined && !out.unset.includes(name)) out.unset.push(name);
      result += v ?? '';
      i += 1 + name.length;
      continue;
    }
    result += c;
    i++;
  }
  return result;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i++;
      continue;
    }
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function substitute(body: string, lookup: Lookup, out: Interpolated): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(body);
  if (!m) return `\${${body}}`; // not a variable expression: Compose would reject it; keep it as written
  const [, name, op, arg = ''] = m as unknown as [string, string, string | undefined, string | undefined];
  note(out, name);
  const value = lookup(name);
  const setNonEmpty = value !== undefined && value !== '';
  switch (op) {
    case undefined:
      if (value === undefined && !out.unset.includes(name)) out.unset.push(name);
      return value ?? '';
    case ':-':
      return setNonEmpty ? value : expand(arg, lookup, out);
    case '-':
      return value !== undefined ? value : expand(arg, lookup, out);
    case ':+':
      return setNonEmpty ? expand(arg, lookup, out) : '';
    case '+':
      return value !== undefined ? expand(arg, lookup, out) : '';
    case ':?':
    case '?': {
      const ok = op === ':?' ? setNonEmpty : value !== undefined;
      if (!ok) {
        out.error ??= { name, message: expand(arg, lookup, out) || `required variable ${name} is missing a value` };
        return '';
      }
      return value!;
    }
    default:
      return value ?? '';
  }
}
