// Which environment values are secrets. A secret's value never reaches stack.yaml or the terminal:
// the variable becomes a `secrets:` name, and the platform's store supplies the value.
import { isSecretName } from '../vocabulary/secret-names.js';
import { findUrlCredentials } from '../vocabulary/url-credentials.js';

/** Import errs toward a secret: a wrong guess costs one more secret to set, a miss commits a credential (vocabulary/secret-names.ts). */
const nameLooksSecret = (name: string): boolean => isSecretName(name, 'import');

const KNOWN_TOKENS = [
  /^sk_(live|test)_[A-Za-z0-9]{10,}/, // Stripe
  /^gh[pousr]_[A-Za-z0-9]{20,}/, // GitHub
  /^github_pat_[A-Za-z0-9_]{20,}/,
  /^xox[abpors]-[A-Za-z0-9-]{10,}/, // Slack
  /^AKIA[0-9A-Z]{16}$/, // AWS access key id
  /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./, // a JWT
  /^AIza[0-9A-Za-z_-]{35}$/, // Google API key
];

/** A value that is a credential whatever its name: a known token format, or a long random string. */
export function valueLooksSecret(value: string): boolean {
  if (findUrlCredentials(value).length > 0) return true; // `postgres://user:pass@db/app`, anywhere in the value
  if (KNOWN_TOKENS.some((r) => r.test(value))) return true;
  return /^[A-Za-z0-9+/=_-]{32,}$/.test(value) && /[0-9]/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && entropy(value) >= 4;
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

export type SecretReason = 'name' | 'value' | 'variable';

/**
 * Why an environment variable is a secret, or `undefined` when it is not. An empty value, a
 * boolean, a small number or a path (`/run/secrets/db-password` names a file, it is not the secret) is
 * not a secret even under a secret-looking name.
 */
export function secretReason(name: string, value: string, interpolatedVars: readonly string[]): SecretReason | undefined {
  if (valueLooksSecret(value)) return 'value';
  if (interpolatedVars.some(nameLooksSecret) && value !== '') return 'variable';
  if (!nameLooksSecret(name)) return undefined;
  if (value === '' || /^(true|false|yes|no|on|off|[0-9]{1,3})$/i.test(value) || /^\/[^\s]*$/.test(value)) return undefined;
  return 'name';
}
