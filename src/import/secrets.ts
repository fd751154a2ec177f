// Which environment values are secrets. A secret's value never reaches stack.yaml or the terminal:
// the variable becomes a `secrets:` name, and the platform's store supplies the value.

/** Words in a variable name that mean its value is a credential. */
const SECRET_WORDS = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL|AUTH_KEY|SIGNING_KEY|ENCRYPTION_KEY|MASTER_KEY|LICENSE_KEY|CLIENT_KEY)/;
const SECRET_TOKENS = new Set(['PASS', 'PW', 'PWD_HASH', 'DSN', 'SALT', 'APIKEY', 'PASSWORD']);
/** Suffixes that name something about a secret, not the secret itself. */
const NOT_SECRET_SUFFIX = /_(FILE|PATH|DIR|LENGTH|MIN_LENGTH|TTL|EXPIRY|EXPIRES|EXPIRE|EXPIRATION|LIFETIME|TIMEOUT|ENABLED|ENABLE|DISABLED|MODE|TYPE|ALGORITHM|ALG|HEADER|NAME|USER|USERNAME|PROVIDER|BACKEND|URL_PATH|ROTATION|COOKIE_NAME|REQUIRED)$/;

export function nameLooksSecret(name: string): boolean {
  const upper = name.toUpperCase().replace(/[.-]/g, '_');
  if (NOT_SECRET_SUFFIX.test(upper)) return false;
  if (SECRET_WORDS.test(upper)) return true;
  return upper.split('_').some((t) => SECRET_TOKENS.has(t));
}

/** A URL with a password in it: `postgres://user:pass@db/app`. */
export const urlWithPassword = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i.test(value);

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
  if (urlWithPassword(value)) return true;
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
