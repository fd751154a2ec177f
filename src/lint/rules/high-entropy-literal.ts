import { redact } from '../redact.js';
import { defineRule } from '../rule.js';
import { classifySecretValue, literalValue, shannonEntropy } from '../secrets/index.js';
import { isClientPublicName, isSecretName, nameWords } from '../../vocabulary/secret-names.js';

/** Names whose values are identifiers or digests by design: a commit SHA, an image digest, an integrity hash. */
const DIGEST_WORDS = new Set(['sha', 'commit', 'revision', 'rev', 'version', 'digest', 'hash', 'checksum', 'integrity', 'etag', 'uuid', 'guid', 'build', 'release']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default defineRule({
  meta: {
    id: 'high-entropy-literal',
    description: 'Long random-looking literals in env values, whatever the variable is called (strict preset only).',
    category: 'secrets',
    severity: 'off',
    strict: 'info',
    scopes: ['model'],
    docs: {
      why:
        'Secrets do not always sit under a name that says so (`STRIPE`, `SENTRY`, `CONFIG_BLOB`). A long string with the character mix of a generated token is worth a second look. Entropy alone is the noisiest kind of secret detection (detect-secrets #693, IBM/detect-secrets #146), which is why this rule is off in `recommended` and only informational in `strict`.',
      fix:
        'If it is a secret, move the name to `secrets:` and set the value in the platform\'s store. If it is not (a public identifier, a build hash), suppress the line with a reason.\n\n' +
        '**What is checked:** literal env values of at least `minLength` characters (default 20) made only of base64/base64url characters, with both letters and digits, whose Shannon entropy is at least `minEntropy` bits per character (default 4.0; random base64 is around 4.5 to 5.5, English identifiers around 3 to 3.8).\n\n' +
        '**Skipped:** variables with secret-like names (`no-secret-literal` reports those), client-bundle variables (`NEXT_PUBLIC_*`, `VITE_*`, ...), references, placeholders, paths, URLs (a password in one is `no-url-credentials`\'), vendor tokens (`known-secret-pattern`), UUIDs, `sha256:`/`sha512-` digests, and variables named for digests and identifiers (`*_SHA`, `*_COMMIT`, `*_REVISION`, `*_VERSION`, `*_DIGEST`, `*_HASH`, `*_CHECKSUM`, `*_INTEGRITY`, `*_UUID`, ...).',
      bad: 'services:\n  api:\n    env:\n      SENTRY: 9fQ2mZ7xKp4Lw8RtV3nB6yHc1JdG5sAe',
      good: 'services:\n  api:\n    secrets: [SENTRY]',
      whenOff: 'It is off unless you use the `strict` preset; turn it off there if the stack carries many public identifiers.',
    },
    peers: ['detect-secrets Base64HighEntropyString', 'detect-secrets HexHighEntropyString', 'Checkov CKV_SECRET_6', 'Checkov CKV_SECRET_19', 'gitleaks generic-api-key (entropy)'],
    securitySeverity: 5,
    options: {
      minEntropy: { type: 'number', default: 4.0, minimum: 0, description: 'Shannon entropy, in bits per character, from which a literal is reported.' },
      minLength: { type: 'number', default: 20, minimum: 8, description: 'Shortest literal that is considered.' },
    },
  },
  service(ctx, { service, environment }) {
    const { minEntropy, minLength } = ctx.options;
    for (const v of service.env) {
      if (isSecretName(v.name, 'lint') || isClientPublicName(v.name) || nameWords(v.name).some((w) => DIGEST_WORDS.has(w))) continue;
      const value = literalValue(v, environment)?.trim();
      if (value === undefined || value.length < minLength) continue;
      if (!/^[A-Za-z0-9+/=_-]+$/.test(value) || !/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) continue;
      if (UUID.test(value) || /^(sha\d+[:-])/i.test(value)) continue;
      if (classifySecretValue(value) !== 'literal') continue;
      const entropy = shannonEntropy(value);
      if (entropy < minEntropy) continue;
      ctx.report({
        message: `\`${v.name}\` of \`${service.name}\` looks like a generated secret (\`${redact(value)}\`, ${entropy.toFixed(1)} bits of entropy per character)`,
        at: { path: v.path },
        secret: value,
        hint: `if it is a secret, list \`${v.name}\` under \`secrets:\` and set it in the platform's store; if not, suppress this line with a reason`,
      });
    }
  },
});
