// Which project files hold secrets by what they are (secret-files-untracked), and which files are
// not worth scanning for tokens (known-secret-pattern): lock files, bundles, images.

export interface SecretFileKind {
  /** What the file is, for messages: `an env file`, `a private key`. */
  what: string;
  /**
   * When the name alone is not enough (a `.pem` may be a public certificate, an `.npmrc` may read its
   * token from the environment): does this text hold a secret?
   */
  holdsSecret?: (text: string) => boolean;
}

import { isSecretName } from '../../vocabulary/secret-names.js';

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const PRIVATE_KEY = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY/;
/** A literal credential in a package manager's config; `${NPM_TOKEN}` references are what the docs recommend. */
const LITERAL_AUTH = /(_authToken|_auth|_password|npmAuthToken|npmAuthIdent)\s*[:=]\s*["']?(?!\$\{|\$[A-Za-z_])[^\s"']{8,}/;
/** A `NAME=value` line whose name says it holds a secret and whose value is not empty or a reference. */
const envFileHoldsSecret = (text: string): boolean =>
  text.split(/\r?\n/).some((line) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']?(?!\$\{|\$[A-Za-z_])([^\s"'#]+)/.exec(line);
    return !!m && isSecretName(m[1]!, 'lint');
  });
const PYPIRC_PASSWORD = /^\s*password\s*[:=]\s*(?!\$\{|\$[A-Za-z_])\S+/m;

/** The kind of secret file `path` (project-relative) is, or `undefined`. `allowed` holds file names (or paths) that are fine, like `.env.example`. */
export function secretFileKind(path: string, allowed: readonly string[]): SecretFileKind | undefined {
  const name = base(path);
  if (allowed.includes(name) || allowed.includes(path)) return undefined;
  const lower = name.toLowerCase();
  // Templates with names only: `.env.example`, `credentials.json.sample`, `id_rsa.template`.
  if (/\.(example|sample|template|dist|tpl)$/.test(lower)) return undefined;
  if (lower === '.env' || lower.startsWith('.env.')) return { what: 'an env file' };
  // Compose's usual `env_file` naming (`backend.env`, `db.env`): often plain settings, so only
  // when a secret-named key has a value.
  if (lower.endsWith('.env')) return { what: 'an env file with secret values', holdsSecret: envFileHoldsSecret };
  if (/^id_(rsa|dsa|ecdsa|ed25519)([._-].*)?$/.test(lower) && !lower.endsWith('.pub')) return { what: 'an SSH private key' };
  if (/\.(key|p12|pfx|jks|keystore|p8|ppk)$/.test(lower)) return { what: 'a private key or keystore' };
  if (/\.pem$/.test(lower)) return { what: 'a PEM file with a private key', holdsSecret: (t) => PRIVATE_KEY.test(t) };
  if (lower === 'kubeconfig' || lower.endsWith('.kubeconfig') || path === '.kube/config' || path.endsWith('/.kube/config')) return { what: 'a kubeconfig' };
  if (lower === 'credentials.json' || /^service[-_]?account.*\.json$/.test(lower) || /^client_secret.*\.json$/.test(lower)) return { what: 'a cloud credentials file' };
  if (path === '.aws/credentials' || path.endsWith('/.aws/credentials')) return { what: 'AWS credentials' };
  if (lower === '.git-credentials' || lower === '.netrc' || lower === '_netrc' || lower === '.pgpass') return { what: 'a credentials file' };
  if (lower === '.npmrc' || lower === '.yarnrc.yml') return { what: 'a package manager config with a token', holdsSecret: (t) => LITERAL_AUTH.test(t) };
  if (lower === '.pypirc') return { what: 'a PyPI config with a password', holdsSecret: (t) => PYPIRC_PASSWORD.test(t) };
  return undefined;
}

/** Lock files and generated bundles are full of hashes and never hold a configured secret. */
const NOT_SCANNED_NAMES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'poetry.lock', 'pipfile.lock', 'uv.lock', 'pdm.lock',
  'cargo.lock', 'go.sum', 'gemfile.lock', 'composer.lock', 'packages.lock.json', 'flake.lock', 'mix.lock', 'pubspec.lock', 'podfile.lock',
]);
const NOT_SCANNED_EXTENSIONS = /\.(min\.js|min\.css|map|png|jpe?g|gif|webp|avif|ico|bmp|tiff?|svg|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|bz2|xz|7z|jar|war|class|so|dylib|dll|exe|wasm|mp[34]|mov|avi|webm|ogg|wav|flac|sqlite|db|pyc|lockb)$/i;

/** Whether known-secret-pattern reads this tracked file. */
export const isScannable = (path: string): boolean => !NOT_SCANNED_NAMES.has(base(path).toLowerCase()) && !NOT_SCANNED_EXTENSIONS.test(path) && !/(^|\/)(node_modules|vendor|\.git)\//.test(path);
