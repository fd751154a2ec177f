// What a value under a secret-like name is: a reference, a placeholder, a setting that is not a
// secret at all (a number, a duration, a path), a well-known weak default, or a literal secret.
// Shared by no-secret-literal, weak-credentials, no-url-credentials and high-entropy-literal so the
// rules agree on every value (and never report one value twice).
import type { Environment, EnvVar } from '../model/stack.js';
import { shannonEntropy } from './entropy.js';
import { scanSecrets } from './secret-patterns.js';
import { findUrlCredentials } from './url-credentials.js';
import { isClientPublicName, isSecretName } from './secret-names.js';

/** The value's text with references kept as written (`${resources.db.password}`), and whether it had any. */
export interface EnvText {
  text: string;
  /** True when a `${resources...}` or `${services...}` reference is part of the value. */
  hasReferences: boolean;
}

export function envText(v: EnvVar): EnvText {
  let hasReferences = false;
  const text = v.value.parts.map((p) => (typeof p === 'string' ? p : ((hasReferences = true), p.text))).join('');
  return { text, hasReferences };
}

/**
 * The literal text of a value, or `undefined` when the value is (built from) a reference.
 * `${environment.name}` and `${environment.domain}` are resolved while loading, so they come back
 * as the environment's name or domain: a value that is only those (plus punctuation) is a
 * reference too.
 */
export function literalValue(v: EnvVar, environment: Environment): string | undefined {
  const { text, hasReferences } = envText(v);
  if (hasReferences) return undefined;
  let rest = text;
  for (const word of [environment.domain, environment.name, 'localhost']) if (word) rest = rest.split(word).join('');
  if (rest !== text && /^[\W_]*$/.test(rest)) return undefined;
  return text;
}

/** Template syntax of another tool, standing for a value supplied later: `<token>`, `{{ .Token }}`, `$TOKEN`, `${TOKEN}`, `%TOKEN%`, `***`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    /^<[^<>]*>$/.test(v) ||
    /^\{\{.*\}\}$/.test(v) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-?=+][^}]*)?\}?$/.test(v) ||
    /^\$\(.*\)$/.test(v) ||
    /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v) ||
    /^[*xX\u2022.]{3,}$/.test(v)
  );
}

/** References into a secret manager rather than the secret: `op://vault/item/field`, `arn:aws:secretsmanager:...`, `vault:secret/data/x#key`. */
export const isSecretManagerReference = (value: string): boolean =>
  /^(op:\/\/|arn:aws[a-z-]*:(secretsmanager|ssm|kms):|vault:|ref\+|sm:\/\/|gcp:secretmanager|projects\/[^/]+\/secrets\/|@Microsoft\.KeyVault\(|awssm:|awsssm:|doppler:|infisical:|bws:)/.test(value.trim());

/** A file path (`/run/secrets/db`, `./certs/key.pem`, `~/.ssh/id_rsa`): where the secret is, not the secret. */
export const isPath = (value: string): boolean => /^(\/|\.\.?\/|~\/|file:\/\/)[^\s]*$/.test(value.trim()) && !/^\/\//.test(value.trim());

/** Settings, not secrets: booleans, short numbers, durations, sizes (`true`, `0`, `3600`, `15m`, `7d`, `1Gi`). */
export function isSetting(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (/^(true|false|yes|no|on|off|null|none|nil|disabled|enabled|required|optional)$/.test(v)) return true;
  if (/^-?\d{1,7}(\.\d+)?$/.test(v)) return true; // long all-digit strings can be keys or PINs
  if (/^\d+(\.\d+)?\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|years?)$/.test(v)) return true;
  if (/^\d+(\.\d+)?\s*([kmgtp]i?b?|bytes?)$/.test(v)) return true;
  return false;
}


/** Plain words from a password list: what a person types, not what a generator makes. */
const WEAK_WORDS = new Set([
  'postgres', 'postgresql', 'pg', 'mysql', 'mariadb', 'mongo', 'mongodb', 'rabbit', 'rabbitmq', 'redis', 'minio', 'minioadmin', 'elastic', 'keycloak',
  'root', 'toor', 'admin', 'administrator', 'sa', 'superuser', 'user', 'guest', 'app', 'application', 'docker', 'oracle',
  'password', 'passw0rd', 'p4ssw0rd', 'p4ssword', 'pass', 'pwd', 'secret', 's3cr3t', 'secr3t', 'supersecret', 'topsecret', 'mysecret', 'secretkey', 'secretpassword',
  'dev', 'develop', 'development', 'local', 'localdev', 'localhost', 'test', 'testing', 'tests', 'ci', 'staging', 'prod', 'production',
  'example', 'sample', 'demo', 'default', 'defaults', 'dummy', 'fake', 'mock', 'placeholder', 'temp', 'tmp', 'temporary', 'insecure', 'unsafe', 'unused', 'none',
  'changeme', 'changeit', 'replaceme', 'todo', 'tbd', 'fixme', 'setme', 'updateme', 'notsecret', 'notasecret', 'nosecret', 'nopassword',
  'qwerty', 'qwertyuiop', 'letmein', 'welcome', 'login', 'abc', 'abcdef', 'abc123', 'iloveyou', 'monkey', 'dragon', 'master', 'hunter',
  'key', 'token', 'apikey', 'pass123', 'foo', 'bar', 'foobar', 'baz', 'hello', 'helloworld', 'test123', 'x', 'xx', 'xxx', 'xxxx',
]);

/** Digit runs people use as passwords. */
const WEAK_NUMBERS = /^(0+|1+|12|123|1234|12345|123456|1234567|12345678|123456789|1234567890|0987654321|654321|111111|000000|121212)$/;

/**
 * A well-known weak or default value: `postgres`, `password`, `changeme`, `guest`, `dev-secret`,
 * `password123`, `django-insecure-...`, `your-api-key-here`, or a value equal to the user it goes with.
 * `user` is the value of the matching user variable, when there is one.
 */
export function isWeakValue(value: string, user?: string): boolean {
  const raw = value.trim();
  if (raw === '') return false;
  const lower = raw.toLowerCase();
  if (user !== undefined && user.trim() !== '' && lower === user.trim().toLowerCase()) return true;
  if (/^django-insecure-/.test(lower) || /^((enter|insert|put|add)[-_ ]?)?your[-_ ]?[a-z]/.test(lower) || /(^|[-_ ])(here|goes[-_ ]here)$/.test(lower)) return true;
  if (/change[-_ ]?(me|it|this)|replace[-_ ]?(me|this)|not[-_ ]?(a[-_ ]?)?secret|insecure/.test(lower)) return true;
  const compact = lower.replace(/[^a-z0-9]/g, '');
  if (WEAK_NUMBERS.test(compact)) return true;
  const stem = compact.replace(/\d+$/, '').replace(/^\d+/, '');
  if (stem === '') return false;
  if (WEAK_WORDS.has(compact) || WEAK_WORDS.has(stem)) return true;
  // Two or three words from the list: `dev-secret`, `local_password`, `admin-admin`, `super-secret-key`.
  const words = lower.split(/[^a-z0-9]+/).filter(Boolean).map((w) => w.replace(/\d+$/, ''));
  return words.length >= 2 && words.length <= 4 && words.every((w) => w === '' || WEAK_WORDS.has(w));
}

/**
 * What a value under a secret-like name is. The rules split the cases between them so a value is
 * reported once: `literal` → no-secret-literal, `weak` → weak-credentials (outside development),
 * `url-credentials` → no-url-credentials, `vendor-token` → known-secret-pattern; the rest are not
 * secrets (`empty`, `placeholder`, `reference`, `path`, `setting`, `url`).
 */
export type ValueKind = 'empty' | 'placeholder' | 'reference' | 'path' | 'setting' | 'url' | 'url-credentials' | 'vendor-token' | 'weak' | 'literal';

export function classifySecretValue(value: string, user?: string): ValueKind {
  const v = value.trim();
  if (v === '') return 'empty';
  if (isPlaceholder(v)) return 'placeholder';
  if (isSecretManagerReference(v)) return 'reference';
  if (isPath(v)) return 'path';
  // `1234`, `123456`, `0000` under a password name are PINs people type, not settings.
  if (v.length >= 4 && WEAK_NUMBERS.test(v)) return 'weak';
  if (isSetting(v)) return 'setting';
  if (findUrlCredentials(v).length > 0) return 'url-credentials'; // no-url-credentials owns those
  if (scanSecrets(v).length > 0) return 'vendor-token';
  if (isWeakValue(v, user)) return 'weak';
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v)) {
    // A URL is an address unless a long random segment in it is the credential (a webhook token).
    const segments = v.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[/?#&=]+/);
    return segments.some((s) => s.length >= 20 && shannonEntropy(s) >= 3.5) ? 'literal' : 'url';
  }
  return 'literal';
}

/**
 * The `secret` to pass with a finding about `value`. Well-known weak values (`postgres`, `guest`, a
 * password equal to its user) are public knowledge, and masking them would mask every occurrence of
 * the word in every message and code frame (the `postgres` of `image: postgres:16`, the stack's
 * name), so they are not passed as secrets; everything else is.
 */
export const secretField = (value: string, user?: string): { secret?: string } => (isWeakValue(value, user) ? {} : { secret: value });

/**
 * Whether a plain value looks like a secret wherever it would be shown: a vendor token or URL
 * credentials under any name, or a literal value under a secret-like name.
 * Build warns about these and `.example` files never show them (they are meant to hold no value).
 */
export function looksLikeSecretValue(name: string, text: string): boolean {
  if (scanSecrets(text).length > 0 || findUrlCredentials(text).length > 0) return true;
  if (!isSecretName(name, 'lint') || isClientPublicName(name)) return false;
  // Well-known weak values (`postgres`, `admin`) are public knowledge and words of the stack too.
  return classifySecretValue(text) === 'literal';
}
