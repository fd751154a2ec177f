// Secret values never appear in diff output. stackc's own files hold none (secrets are names the
// platforms resolve), but a file on disk may: a hand edit, or a file stackc did not write. So every
// value is masked where a secret could be, before any comparison is rendered:
//   - the value of a key (or of a `{ name, value }` item) whose name may hold a secret: the `mask`
//     policy of vocabulary/secret-names.ts, which errs toward hiding (PASSWORD, SECRET, TOKEN,
//     *_KEY, CREDENTIALS, DSN, AUTH, COOKIE, ...);
//   - the password of a URL with user info (`postgres://app:<password>@db`).
// References (`${X}`, `${{ secrets.X }}`, `$(X)`) are names, not values, and stay visible. A changed
// masked value shows as `*** (before)` / `*** (after)`, an unchanged one as `***`.
import { isObject, type Json } from './model.js';
import { isSecretName } from '../vocabulary/secret-names.js';
import { replaceUrlPasswords } from '../vocabulary/url-credentials.js';
import { maskSecretText, type MaskPolicy } from '../vocabulary/mask-secret-text.js';
import { looksLikeSecretValue } from '../vocabulary/secret-values.js';

export const MASK = '***';

/** Text with every `${...}`, `${{ ... }}` and `$(...)` reference taken out. */
const withoutReferences = (text: string): string => text.replace(/\$\{\{[^}]*\}\}/g, '').replace(/\$\{[^}]*\}/g, '').replace(/\$\([^)]*\)/g, '');

/** Whether a value is literal content (not empty, not only references). */
function literal(value: Json | undefined): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  const stripped = withoutReferences(value).replace(/^["']|["']$/g, '').trim();
  return stripped !== '' && stripped !== '...' && stripped !== '""' && !/^(true|false|null|~|yes|no|\{\}|\[\])$/i.test(stripped);
}

/** Masks the password part of URLs with user info, unless it is a reference. */
export const maskUrls = (text: string): string => replaceUrlPasswords(text, (url) => (literal(url.password) ? MASK : url.password));

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
  if (key !== undefined && isSecretName(key, 'mask') && scalar(before) && scalar(after)) return maskLeaf(before, after);
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
    const itemKey = key !== undefined && isSecretName(key, 'mask') ? key : undefined;
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

/**
 * Line-wise masking for text shown as it is (added or removed files, files that do not parse): the
 * one text masker, with diff's policy: any literal under a name that may hold a secret, as `***`.
 */
export const maskText = (text: string): string => maskSecretText(text, DIFF_POLICY);

const DIFF_POLICY: MaskPolicy = {
  isSecret: (name, value) => looksLikeSecretValue(name, value) || (isSecretName(name, 'mask') && literal(value)),
  replace: () => MASK,
};

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
