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

/**
 * A `key: value` map entry or `KEY=value` list item on one line (YAML, .env, compose list syntax)
 * with a scalar value: not a flow list or map (`secrets: [SECRET_KEY]` holds names), a block
 * scalar, an anchor, an alias or a tag.
 */
const ASSIGNMENT = /^(\s*-?\s*["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(["']?)([^"'#\s[{|>&*!][^"'#]*?)(\4)(\s*(?:#.*)?)$/;

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
    return m && looksLikeSecretValue(m[2]!, m[5]!) ? `${m[1]}${m[2]}${m[3]}${m[4]}${maskValue(m[5]!)}${m[6]}${m[7]}` : line;
  }
  let out = line;
  for (const [from, to] of spans) out = out.slice(0, from) + maskValue(out.slice(from, to)) + out.slice(to);
  return out;
}
