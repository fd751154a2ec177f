// File text with secret-looking values masked, for code frames and for text shown as it is: an error
// or warning near `POSTGRES_PASSWORD: hunter2` must not print the password, whatever the command
// (validate, build, diff, import; lint masks the exact values it found), nor may `diff` when it
// shows a generated file that does not parse as text. By default each hidden character becomes `*`
// after a short prefix, so columns and carets still line up; references and placeholders stay
// readable, since a frame often points at them.
import { findUrlCredentials } from './url-credentials.js';
import { isPlaceholder, looksLikeSecretValue } from './secret-values.js';
import { scanSecrets } from './secret-patterns.js';

/** `sk_live_************`: a short prefix, then one `*` per hidden character. */
export function maskValue(value: string): string {
  const shown = Math.min(8, Math.floor(value.length / 4));
  return value.slice(0, shown) + '*'.repeat(value.length - shown);
}

/** Which named values to hide, and what to show instead. Vendor tokens and URL passwords are hidden whatever the policy. */
export interface MaskPolicy {
  isSecret(name: string, value: string): boolean;
  replace(value: string): string;
}

const CODE_FRAMES: MaskPolicy = { isSecret: looksLikeSecretValue, replace: maskValue };

/**
 * A `key: value` map entry or `KEY=value` list item on one line (YAML, .env, compose list syntax,
 * a JSON member). Commented out too (`# DB_PASSWORD=old-value`): a hand edit often keeps the
 * previous value that way. The value is read by scalarOf, with plain string scans: a stack file's
 * lines can be long, and a lazy regex over them is quadratic.
 */
const ASSIGNMENT = /^(\s*(?:#+\s*)?(?:-\s*|export\s+)?["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?[ \t]*[:=][ \t]*)(.*)$/;

/**
 * The scalar value of an assignment, split from its quotes, a trailing comma (JSON) and a trailing
 * comment; none for a flow list or map (`secrets: [SECRET_KEY]` holds names), a block scalar, an
 * anchor, an alias or a tag.
 */
function scalarOf(rest: string): { open: string; value: string; close: string } | undefined {
  const comment = rest.search(/\s#/);
  const body = (comment < 0 ? rest : rest.slice(0, comment)).trimEnd();
  const value = body.endsWith(',') ? body.slice(0, -1).trimEnd() : body;
  const tail = rest.slice(value.length);
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  if (quote && (value.length < 2 || !value.endsWith(quote))) return undefined;
  const inner = quote ? value.slice(1, -1) : value;
  if (inner === '' || /^[[{|>&*!]/.test(inner)) return undefined;
  return { open: quote, value: inner, close: quote + tail };
}

/** Where a key starts on a line (`name`, `"name"`, `- name`), for pairing `name:` and `value:` siblings. */
const KEY = /^(\s*(?:-\s+)?)["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*:/;

export function maskSecretText(text: string, policy: MaskPolicy = CODE_FRAMES): string {
  // A Kubernetes env item (`- name: DB_PASSWORD` then `value: ...`, or the same in JSON) says what
  // its value is in a sibling key: the `value:` at the column of the last `name:` takes its name.
  let item: { name: string; column: number } | undefined;
  return text
    .split('\n')
    .map((line) => {
      const key = KEY.exec(line);
      const column = key ? key[1]!.length : line.search(/\S/);
      if (item && column >= 0 && column < item.column) item = undefined;
      const named = key?.[2] === 'value' && item && column === item.column ? item.name : undefined;
      const out = maskLine(line, policy, named);
      if (key?.[2] === 'name') {
        const m = ASSIGNMENT.exec(line);
        const scalar = m ? scalarOf(m[4]!) : undefined;
        item = scalar ? { name: scalar.value.trim(), column } : undefined;
      }
      return out;
    })
    .join('\n');
}

function maskLine(line: string, policy: MaskPolicy, name?: string): string {
  // Tokens and URL passwords are masked where they are, so the rest of a URL stays readable.
  const spans: [number, number][] = [
    ...scanSecrets(line).map((s): [number, number] => [s.index, s.index + s.secret.length]),
    ...findUrlCredentials(line)
      .filter((u) => !isPlaceholder(u.password))
      .map((u): [number, number] => [u.offset, u.offset + u.password.length]),
  ];
  if (spans.length === 0) {
    const m = ASSIGNMENT.exec(line);
    const scalar = m ? scalarOf(m[4]!) : undefined;
    return m && scalar && policy.isSecret(name ?? m[2]!, scalar.value) ? `${m[1]}${m[2]}${m[3]}${scalar.open}${policy.replace(scalar.value)}${scalar.close}` : line;
  }
  // From the right, so that a replacement of another length does not move the spans still to do.
  let out = line;
  let end = Infinity;
  for (const [from, to] of spans.sort((a, b) => b[0] - a[0])) {
    if (to > end) continue; // overlaps one already masked
    out = out.slice(0, from) + policy.replace(out.slice(from, to)) + out.slice(to);
    end = from;
  }
  return out;
}
