// Which variable names hold secrets. Decided by the name's LAST word, so that settings *about* a
// secret (`PASSWORD_MIN_LENGTH`, `TOKEN_TTL`, `SECRET_ROTATION_DAYS`, `JWT_SECRET_FILE`,
// `AWS_ACCESS_KEY_ID`) are not mistaken for the secret itself: that is the false positive that
// keyword detectors are known for (gitleaks #1578, detect-secrets #266).

/** `DB_PASSWORD` → `db password`; `npmAuthToken` → `npm auth token`; `APIKEY` → `apikey`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Last words that name a secret value. */
const SECRET_WORDS = new Set([
  'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'passphrase', 'token', 'key', 'apikey', 'credentials', 'credential', 'creds',
  'salt', 'privatekey', 'secretkey', 'accesskey', 'authtoken', 'accesstoken', 'apitoken',
]);

/** `<word>_KEY` names that are public or not keys to anything (`STRIPE_PUBLISHABLE_KEY`, `CACHE_KEY`). */
const NON_SECRET_KEY_PREFIXES = new Set([
  'public', 'publishable', 'pub', 'site', 'cache', 'sort', 'partition', 'primary', 'foreign', 'idempotency', 'routing', 'lookup', 'object',
  'dedup', 'dedupe', 'group', 'label', 'index', 'shard', 'i18n', 'translation', 'hot', 'prefix', 'namespace', 'queue', 'hash', 'row', 'map',
]);

/** Compound names whose last word is not a secret word but that are secrets (`SECRET_KEY_BASE`, Rails). */
const SECRET_NAMES = /^(secret_?key_?base|.*_private_key_pem)$/i;

/** Prefixes of variables that bundlers compile into client-side code: public by construction. */
const CLIENT_PUBLIC = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_|VUE_APP_)/;

/** True for names whose value is a secret: `*_SECRET`, `*_PASSWORD`, `*_PASS`, `*_PWD`, `*_TOKEN`, `*_KEY` (not public/cache/... keys), `API_KEY`, `*_CREDENTIALS`, `*_SALT`. */
export function isSecretName(name: string): boolean {
  if (SECRET_NAMES.test(name)) return true;
  const words = nameWords(name);
  // A trailing version or index (`API_KEY_2`, `TOKEN_V2`) does not change what the variable holds.
  while (words.length > 1 && /^(v?\d+|old|new|next|prev|previous|current|primary|secondary)$/.test(words.at(-1)!)) words.pop();
  const last = words.at(-1);
  if (!last || !SECRET_WORDS.has(last)) return false;
  if (last === 'key' || last === 'token') {
    const before = words.at(-2);
    if (before && NON_SECRET_KEY_PREFIXES.has(before)) return false;
  }
  return true;
}

/** `NEXT_PUBLIC_*`, `VITE_*`, ...: compiled into the JavaScript bundle anyone can download. */
export const isClientPublicName = (name: string): boolean => CLIENT_PUBLIC.test(name);

/** Variables that name a user rather than hold a password (`POSTGRES_USER`, `RABBITMQ_DEFAULT_USER`, `DB_USERNAME`). */
export const isUserName = (name: string): boolean => /(^|_)(USER|USERNAME|LOGIN)$/i.test(name);
