// Which names hold secrets, per policy: lint reports (precise), import moves to `secrets:` and mask
// hides (both err toward a secret). The table holds the cases the three former predicates' own tests
// covered (lint's names.ts, import's nameLooksSecret, diff's mask.ts) and the names they disagreed on.
import { describe, expect, it } from 'vitest';
import { classifySecretName, isClientPublicName, isSecretName, nameWords } from '../../src/vocabulary/secret-names.js';

type Row = [name: string, lint: boolean, imported: boolean, masked: boolean];

const T = true;
const F = false;

const NAMES: Row[] = [
  // Secret to everyone: the last word names the secret.
  ['DB_PASSWORD', T, T, T], ['RABBITMQ_DEFAULT_PASS', T, T, T], ['MYSQL_ROOT_PWD', T, T, T], ['JWT_SECRET', T, T, T], ['API_KEY', T, T, T],
  ['APIKEY', T, T, T], ['STRIPE_SECRET_KEY', T, T, T], ['STRIPE_KEY', T, T, T], ['SECRET_KEY', T, T, T], ['SECRET_KEY_BASE', T, T, T],
  ['GOOGLE_APPLICATION_CREDENTIALS', T, T, T], ['npmAuthToken', T, T, T], ['API_KEY_2', T, T, T], ['GITHUB_TOKEN_V2', T, T, T], ['API_TOKEN', T, T, T],
  ['EMAIL_PASSWORD', T, T, T], ['SMTP_PASSPHRASE', T, T, T], ['APP_PRIVATE_KEY', T, T, T], ['JWT_SIGNING_KEY', T, T, T], ['DATA_ENCRYPTION_KEY', T, T, T],
  ['MEILI_MASTER_KEY', T, T, T], ['NEW_RELIC_LICENSE_KEY', T, T, T], ['PASSWORD_SALT', T, T, T], ['OAUTH_CLIENT_SECRET', T, T, T], ['stripeApiKey', T, T, T],
  ['db.password', T, T, T], ['REGISTRY_CREDS', T, T, T], ['VITE_API_KEY', T, T, T], ['automountServiceAccountToken', T, T, T],
  // Glued words ending in a long secret word (pihole's WEBPASSWORD); short ones do not count.
  ['WEBPASSWORD', T, T, T], ['csrftoken', T, T, T], ['BYPASS', F, F, F],
  // Disputed, decided in src/vocabulary/secret-names.ts: PW is a password; the other three are credential material, not the secret.
  ['PW', T, T, T], ['DB_PW', T, T, T],
  ['SENTRY_DSN', F, T, T], ['sentry-dsn', F, T, T], ['DSN', F, T, T],
  ['AWS_ACCESS_KEY_ID', F, T, T], ['STRIPE_API_KEY_ID', F, T, T],
  ['PASSWORD_HASH', F, T, T], ['ADMIN_PASSWORD_HASH', F, T, T],
  // Likely: a secret word before the last word that is not about the secret; `auth` as the last word.
  ['SECRET_ID', F, T, T], ['TOKEN_URL', F, T, T], ['BASIC_AUTH', F, T, T],
  // Possible: only hints at credentials; masked, nothing more.
  ['AUTH_URL', F, F, T], ['SESSION_COOKIE_DOMAIN', F, F, T],
  // About a secret (a length, a lifetime, a file, a name, a switch), or public by design: no policy.
  ['PASSWORD_MIN_LENGTH', F, F, F], ['TOKEN_TTL', F, F, F], ['SECRET_ROTATION_DAYS', F, F, F], ['JWT_SECRET_FILE', F, F, F],
  ['POSTGRES_PASSWORD_FILE', F, F, F], ['SESSION_COOKIE_NAME', F, F, F], ['AUTH_HEADER', F, F, F], ['AUTH_ENABLED', F, F, F], ['BCRYPT_SALT_ROUNDS', F, F, F],
  ['COOKIE_MAX_AGE', F, F, F], ['STRIPE_PUBLISHABLE_KEY', F, F, F], ['JWT_PUBLIC_KEY', F, F, F], ['RECAPTCHA_SITE_KEY', F, F, F], ['CACHE_KEY', F, F, F],
  ['KEY_VAULT_NAME', F, F, F], ['topologyKey', F, F, F],
  // Not secrets: no secret word (a word that only starts with one does not count).
  ['KEYCLOAK_URL', F, F, F], ['LOG_LEVEL', F, F, F], ['POSTGRES_USER', F, F, F], ['TOKENIZER_MODEL', F, F, F], ['SECRETARY_EMAIL', F, F, F],
  ['PASSWORDLESS_ENABLED', F, F, F], ['OPENAI_MAX_TOKENS', F, F, F], ['PWD', F, F, F],
  // Keys of Kubernetes and Compose documents that hold a secret's *name*: only masking walks documents.
  ['key', T, T, F], ['secrets', T, T, F], ['secretKeyRef', F, F, F], ['secretName', F, F, F], ['name', F, F, F], ['valueFrom', F, F, F],
];

describe('secret names', () => {
  it.each(NAMES)('%s: lint %s, import %s, mask %s', (name, lint, imported, masked) => {
    expect([isSecretName(name, 'lint'), isSecretName(name, 'import'), isSecretName(name, 'mask')]).toEqual([lint, imported, masked]);
  });

  it('thresholds one classification: lint takes `secret`, import `likely` too, mask `possible` too', () => {
    expect(['DB_PASSWORD', 'SENTRY_DSN', 'AWS_ACCESS_KEY_ID', 'PASSWORD_HASH', 'PW', 'AUTH_URL', 'TOKEN_TTL'].map(classifySecretName)).toEqual(['secret', 'likely', 'likely', 'likely', 'secret', 'possible', 'not']);
  });

  it('splits names into words at `_`, `-`, `.` and camelCase humps', () => {
    expect(nameWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(nameWords('npmAuthToken')).toEqual(['npm', 'auth', 'token']);
    expect(nameWords('sentry-dsn.value')).toEqual(['sentry', 'dsn', 'value']);
    expect(nameWords('APIKEY')).toEqual(['apikey']);
    expect(nameWords('s3BucketKey2')).toEqual(['s3', 'bucket', 'key2']);
  });

  it('knows the prefixes bundlers compile into client code', () => {
    expect(['NEXT_PUBLIC_SENTRY_DSN', 'VITE_API_URL', 'REACT_APP_KEY', 'EXPO_PUBLIC_X'].every(isClientPublicName)).toBe(true);
    expect(isClientPublicName('API_KEY')).toBe(false);
  });
});
