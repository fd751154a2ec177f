// Which variable and key names hold secrets: one word splitter and one classification, thresholded
// per consumer, because the three pay differently for a wrong guess:
//   - `lint` reports a finding. A false positive is noise people learn to ignore, so only a name
//     whose LAST word names a secret counts: settings *about* a secret (`PASSWORD_MIN_LENGTH`,
//     `TOKEN_TTL`, `JWT_SECRET_FILE`, `AWS_ACCESS_KEY_ID`) are the false positive keyword detectors
//     are known for (gitleaks #1578, detect-secrets #266).
//   - `import` moves a compose variable into `secrets:`. A false positive costs one more secret to
//     set; a false negative writes a credential into stack.yaml, which gets committed.
//   - `mask` hides a value (diff output, import's code frames). A false positive hides a value from
//     a reviewer; a false negative prints a secret.
//
// The disputed names, decided once:
//   - `SENTRY_DSN` (any `*_DSN`): likely. A Sentry DSN is public by design (browsers send it), but a
//     data source name (`DATABASE_DSN`) routinely carries a password. Masked and imported as a
//     secret; lint leaves it to no-url-credentials, which finds a password inside the URL itself.
//   - `AWS_ACCESS_KEY_ID`: likely. An identifier, not the secret (that is AWS_SECRET_ACCESS_KEY),
//     so lint does not report it; but it is half of a credential pair that platforms store
//     together, so import moves it with its secret half and diff masks it.
//   - `PW` (`DB_PW`): secret. The usual short form of password, like `PWD` and `PASS` already were.
//   - `PASSWORD_HASH`: likely. A hash is not the password, so lint does not report it (and
//     high-entropy-literal skips `*_HASH`); but it can be cracked offline, so import keeps it out
//     of stack.yaml and diff masks it.

/** How sure a name is to hold a secret; each policy takes a prefix of this scale. */
export type SecretNameClass = 'secret' | 'likely' | 'possible' | 'not';
export type SecretNamePolicy = 'lint' | 'import' | 'mask';

const ACCEPTED: Record<SecretNamePolicy, ReadonlySet<SecretNameClass>> = {
  lint: new Set(['secret']),
  import: new Set(['secret', 'likely']),
  mask: new Set(['secret', 'likely', 'possible']),
};

/** `DB_PASSWORD` → `db password`; `npmAuthToken` → `npm auth token`; `sentry-dsn`, `db.pass` too; `APIKEY` → `apikey`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words that name a secret value. As the last word they make a name `secret`; earlier, `likely`. */
const SECRET_WORDS = new Set([
  'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'pw', 'passphrase', 'token', 'key', 'apikey', 'credentials', 'credential', 'creds',
  'salt', 'privatekey', 'secretkey', 'accesskey', 'authtoken', 'accesstoken', 'apitoken',
]);

/** Long secret words also count at the end of a glued word (`WEBPASSWORD`, `csrftoken`); short ones would not (`bypass`, `monkey`). */
const GLUED_SECRET_ENDINGS = /.(password|passwd|passphrase|secret|token)$/;

/** `<word>_KEY` (and `_TOKEN`) names that are public or not keys to anything (`STRIPE_PUBLISHABLE_KEY`, `CACHE_KEY`). */
const NON_SECRET_KEY_PREFIXES = new Set([
  'public', 'publishable', 'pub', 'site', 'cache', 'sort', 'partition', 'primary', 'foreign', 'idempotency', 'routing', 'lookup', 'object',
  'dedup', 'dedupe', 'group', 'label', 'index', 'shard', 'i18n', 'translation', 'hot', 'prefix', 'namespace', 'queue', 'hash', 'row', 'map',
  'topology', // Kubernetes `topologyKey: kubernetes.io/hostname`: a label name
]);

/** Two words that name a key to something; before the last word (`AWS_ACCESS_KEY_ID`) they make a name `likely`. A lone `key` there does not (`KEY_VAULT_URL`). */
const KEY_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'signing key', 'encryption key', 'master key', 'license key', 'client key', 'auth key']);

/** Last words that say the value is *about* a secret, not the secret: a length, a lifetime, a file, a name, a switch. */
const ABOUT_WORDS = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'length', 'len', 'min', 'max', 'limit', 'ttl', 'expiry', 'expires', 'expire', 'expiration', 'lifetime',
  'timeout', 'age', 'seconds', 'minutes', 'hours', 'days', 'rounds', 'rotation', 'enabled', 'enable', 'disabled', 'disable', 'required', 'mode', 'type',
  'algorithm', 'alg', 'header', 'name', 'names', 'user', 'username', 'provider', 'backend', 'policy', 'prefix', 'ref',
]);

/** Words that make a name `likely` anywhere: a data source name often carries a password. As the last word, `auth` too (`BASIC_AUTH`, `REDIS_AUTH`). */
const LIKELY_WORDS = new Set(['dsn']);
const LIKELY_LAST_WORDS = new Set(['auth']);

/** Words that only hint at credentials (`AUTH_URL`, `SESSION_COOKIE_DOMAIN`): masked, nothing more. */
const POSSIBLE_WORDS = new Set(['auth', 'cookie']);

/** Trailing words that do not change what a variable holds (`API_KEY_2`, `TOKEN_V2`, `SECRET_OLD`). */
const VERSION_WORD = /^(v?\d+|old|new|next|prev|previous|current|primary|secondary)$/;

/** Compound names whose last word is not a secret word but that are secrets (`SECRET_KEY_BASE`, Rails). */
const SECRET_NAMES = /^(secret_?key_?base|.*_private_key_pem)$/i;

/** Shell variables that look like secret words and are not: `PWD` is the working directory. */
const SHELL_NAMES = new Set(['PWD', 'OLDPWD']);

/**
 * Keys of Kubernetes and Compose documents that hold the *name* of a secret, never one
 * (`secretKeyRef: { name, key }`, Compose `secrets: [DB_PASSWORD]`); only masking walks documents.
 */
const DOCUMENT_NAME_KEYS = new Set(['name', 'key', 'secretName', 'secretKeyRef', 'secretRef', 'secrets', 'valueFrom']);

const isSecretWord = (word: string): boolean => SECRET_WORDS.has(word) || GLUED_SECRET_ENDINGS.test(word);

/**
 * `secret` when the last word names the secret (after a trailing version: `API_KEY_2`); `not` when
 * the last word says the name is about one (`TOKEN_TTL`) or the key is public (`SITE_KEY`);
 * `likely` for a secret word earlier (`PASSWORD_HASH`, `AWS_ACCESS_KEY_ID`), a DSN or a last word
 * `AUTH`; `possible` for `auth` or `cookie` anywhere else.
 */
export function classifySecretName(name: string): SecretNameClass {
  if (SECRET_NAMES.test(name)) return 'secret';
  if (SHELL_NAMES.has(name)) return 'not';
  const words = nameWords(name);
  while (words.length > 1 && VERSION_WORD.test(words.at(-1)!)) words.pop();
  const last = words.at(-1);
  if (last === undefined) return 'not';
  if (isSecretWord(last)) {
    const before = words.at(-2);
    if ((last === 'key' || last === 'token') && before !== undefined && NON_SECRET_KEY_PREFIXES.has(before)) return 'not';
    return 'secret';
  }
  if (ABOUT_WORDS.has(last)) return 'not';
  const earlier = words.slice(0, -1);
  if (
    LIKELY_LAST_WORDS.has(last) ||
    words.some((w) => LIKELY_WORDS.has(w)) ||
    earlier.some((w) => w !== 'key' && isSecretWord(w)) ||
    earlier.some((w, i) => KEY_PAIRS.has(`${w} ${words[i + 1]}`))
  ) return 'likely';
  if (words.some((w) => POSSIBLE_WORDS.has(w))) return 'possible';
  return 'not';
}

/** Whether a name holds a secret, as far as `policy` needs to know (see the top of this file). */
export function isSecretName(name: string, policy: SecretNamePolicy): boolean {
  if (policy === 'mask' && DOCUMENT_NAME_KEYS.has(name)) return false;
  return ACCEPTED[policy].has(classifySecretName(name));
}

/** Prefixes of variables that bundlers compile into client-side code: public by construction. */
const CLIENT_PUBLIC = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_|VUE_APP_)/;

/** `NEXT_PUBLIC_*`, `VITE_*`, ...: compiled into the JavaScript bundle anyone can download. */
export const isClientPublicName = (name: string): boolean => CLIENT_PUBLIC.test(name);
