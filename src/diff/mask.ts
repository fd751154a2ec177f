// Secret values never appear in diff output. stackc's own files hold none (secrets are names the
// platforms resolve), but a file on disk may: a hand edit, or a file stackc did not write. So every
// value is masked where a secret could be, before any comparison is rendered:
//   - the value of a key (or of a `{ name, value }` item) whose name looks secret
//     (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE, CREDENTIAL, AUTH, DSN, ...);
//   - the password of a URL with user info (`postgres://app:<password>@db`).
// References (`${X}`, `${{ secrets.X }}`, `$(X)`) are names, not values, and stay visible. A changed
// masked value shows as `*** (before)` / `*** (after)`, an unchanged one as `***`.
import { isObject, type Json } from './model.js';

/** Words that make a name secret-looking, alone (`SMTP_PASSWORD`) or as a pair (`STRIPE_API_KEY`). */
const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'auth', 'dsn', 'cookie', 'salt', 'privatekey']);
const SECRET_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'signing key', 'encryption key', 'master key', 'client secret']);
/** Keys that only name a secret (a reference to it), never hold one. */
const NAME_KEYS = new Set(['name', 'key', 'secretName', 'secretKeyRef', 'secretRef', 'secrets', 'valueFrom']);

export const MASK = '***';

/** `SMTP_PASSWORD`, `stripeApiKey`, `sentry-dsn`: split into words (also at camelCase humps). */
const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

export function isSecretName(name: string): boolean {
  if (NAME_KEYS.has(name)) return false;
  if (/^[A-Z0-9_]*_KEY$/.test(name)) return true; // STRIPE_KEY, SECRET_KEY: an environment variable holding a key
  const w = words(name);
  return w.some((x) => SECRET_WORDS.has(x)) || w.some((x, i) => i > 0 && SECRET_PAIRS.has(`${w[i - 1]} ${x}`));
}

/** Text with every `${...}`, `${{ ... }}` and `$(...)` reference taken out. */
const withoutReferences = (text: string): string => text.replace(/\$\{\{[^}]*\}\}/g, '').replace(/\$\{[^}]*\}/g, '').replace(/\$\([^)]*\)/g, '');

/** Whether a value is literal content (not empty, not only references). */
function literal(value: Json | undefined): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  const stripped = withoutReferences(value).replace(/^["']|["']$/g, '').trim();
  return stripped !== '' && stripped !== '...' && stripped !== '""' && !/^(true|false|null|~|yes|no|\{\}|\[\])$/i.test(stripped);
}

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)@/gi;

/** Masks the password part of URLs with user info, unless it is a reference. */
export function maskUrls(text: string): string {
  return text.replace(URL_USERINFO, (whole, head: string, password: string) => (literal(password) ? `${head}${MASK}@` : whole));
}

/** Masks the secret-looking values of two versions of a document, side by side. */
export function maskPair(before: Json | undefined, after: Json | undefined): [Json | undefined, Json | undefined] {
  return walk(before, after, undefined);
}

function maskLeaf(before: Json | undefined, after: Json | undefined): [Json | undefined, Json | undefined] {
  const b = literal(before);
  const a = literal(after);
  if (!b && !a) return [before, after];
  if (before !== undefined && after !== undefined && before === after) return [MASK, MASK];
  return [before === undefined ? undefined : b ? (after === undefined ? MASK : `${MASK} (before)`) : before, after === undefined ? undefined : a ? (before === undefined ? MASK : `${MASK} (after)`) : after];
}

function walk(before: Json | undefined, after: Json | undefined, key: string | undefined): [Json | undefined, Json | undefined] {
  const scalar = (v: Json | undefined) => v === undefined || (!isObject(v) && !Array.isArray(v));
  if (key !== undefined && isSecretName(key) && scalar(before) && scalar(after)) return maskLeaf(before, after);
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : undefined;
    const a = isObject(after) ? after : undefined;
    const outB: Record<string, Json> = {};
    const outA: Record<string, Json> = {};
    // `{ name: DB_PASSWORD, value: ... }` (Kubernetes env): the name says what the value is.
    const itemName = (o: Record<string, Json> | undefined) => (o && typeof o.name === 'string' && 'value' in o ? o.name : undefined);
    for (const k of new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])) {
      const effective = k === 'value' && (itemName(b) ?? itemName(a)) ? (itemName(b) ?? itemName(a))! : k;
      const [mb, ma] = walk(b?.[k], a?.[k], effective);
      if (mb !== undefined) outB[k] = mb;
      if (ma !== undefined) outA[k] = ma;
    }
    return [b ? outB : mapScalar(before), a ? outA : mapScalar(after)];
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    // Items are paired (by `name` when they have one, else by position) so that a changed masked
    // value still shows as changed; a list under a secret-looking key is masked item by item.
    const b = Array.isArray(before) ? before : undefined;
    const a = Array.isArray(after) ? after : undefined;
    const itemKey = key !== undefined && isSecretName(key) ? key : undefined;
    const named = (item: Json) => (isObject(item) && typeof item.name === 'string' ? `n:${item.name}` : undefined);
    const partner = (item: Json, i: number, other: Json[] | undefined) => {
      if (!other) return undefined;
      const n = named(item);
      return n ? other.find((o) => named(o) === n) : other[i];
    };
    const outB = b?.map((item, i) => walk(item, partner(item, i, a), itemKey)[0]!);
    const outA = a?.map((item, i) => walk(partner(item, i, b), item, itemKey)[1]!);
    return [outB ?? mapScalar(before), outA ?? mapScalar(after)];
  }
  return [mapScalar(before), mapScalar(after)];
}

const mapScalar = (v: Json | undefined): Json | undefined => (typeof v === 'string' ? maskUrls(v) : v);

/** Masks one document alone (for files only one side has). */
export const maskValue = (value: Json | undefined): Json | undefined => maskPair(value, undefined)[0];

/** Line-wise masking for text shown as it is (added or removed files, files that do not parse). */
export function maskText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*(?:-\s+|export\s+)?["']?)([A-Za-z0-9_.-]+)(["']?\s*[:=]\s*)(.*)$/.exec(line);
      if (m && isSecretName(m[2]!) && literal(m[4]!.replace(/,$/, '').trim())) return `${m[1]}${m[2]}${m[3]}${MASK}${m[4]!.trim().endsWith(',') ? ',' : ''}`;
      return maskUrls(line);
    })
    .join('\n');
}

/**
 * An env file on disk that stackc did not write as it is (edited by hand, or not stackc's): every
 * literal value that differs from what stackc would write is someone's own, and may be a secret
 * whatever its name, so it is masked before anything else sees the file.
 */
export function maskForeignEnvValues(disk: string, generated: string | undefined): string {
  const ours = new Map<string, string>();
  for (const line of (generated ?? '').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/.exec(line);
    if (m) ours.set(m[1]!, m[2]!);
  }
  return disk
    .split('\n')
    .map((line) => {
      const m = /^(\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=)(.*)$/.exec(line);
      if (!m || ours.get(m[2]!) === m[3] || !literal(m[3]!.trim())) return line;
      return `${m[1]}${MASK}`;
    })
    .join('\n');
}
