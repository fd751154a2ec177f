// File text with secret-looking values masked, for code frames: an error or warning near
// `POSTGRES_PASSWORD: hunter2` must not print the password, whatever the command (validate, build,
// diff, import; lint masks the exact values it found). Each hidden character becomes `*` after a
// short prefix, so columns and carets still line up; references and placeholders stay readable,
// since a frame often points at them.
import { findUrlCredentials } from './url-credentials.js';
import { looksLikeSecretValue } from './secret-values.js';
import { scanSecrets } from './secret-patterns.js';

/** `sk_live_************`: a short prefix, then one `*` per hidden character. */
export function maskValue(value: string): string {
  const shown = Math.min(8, Math.floor(value.length / 4));
  return value.slice(0, shown) + '*'.repeat(value.length - shown);
}

/** A `key: value` map entry or `KEY=value` list item on one line (YAML, .env, compose list syntax). */
const ASSIGNMENT = /^(\s*-?\s*["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?[ \t]*[:=][ \t]*)(.*)$/;

/**
 * The scalar value of an assignment, split from its quotes and trailing comment; none for a flow
 * list or map (`secrets: [SECRET_KEY]` holds names), a block scalar, an anchor, an alias or a tag.
 * Plain string scans, no backtracking: a stack file's lines can be long.
 */
function scalarOf(rest: string): { open: string; value: string; close: string } | undefined {
  const comment = rest.search(/\s#/);
  const body = comment < 0 ? rest : rest.slice(0, comment);
  const value = body.trimEnd();
  const tail = rest.slice(value.length);
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  if (quote && (value.length < 2 || !value.endsWith(quote))) return undefined;
  const inner = quote ? value.slice(1, -1) : value;
  if (inner === '' || /^[[{|>&*!]/.test(inner)) return undefined;
  return { open: quote, value: inner, close: quote + tail };
}

export function maskSecretText(text: string): string {
  return text.split('\n').map(maskLine).join('\n');
}

function maskLine(line: string): string {
  // Tokens and URL passwords are masked where they are, so the rest of a URL stays readable.
  const spans: [number, number][] = [
    ...scanSecrets(line).map((s): [number, number] => [s.index, s.index + s.secret.length]),
    ...findUrlCredentials(line).map((u): [number, number] => [u.offset, u.offset + u.password.length]),
  ];
  if (spans.length === 0) {
    const m = ASSIGNMENT.exec(line);
    const scalar = m ? scalarOf(m[4]!) : undefined;
    return m && scalar && looksLikeSecretValue(m[2]!, scalar.value) ? `${m[1]}${m[2]}${m[3]}${scalar.open}${maskValue(scalar.value)}${scalar.close}` : line;
  }
  let out = line;
  for (const [from, to] of spans) out = out.slice(0, from) + maskValue(out.slice(from, to)) + out.slice(to);
  return out;
}
