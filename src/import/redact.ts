// Compose file text with secret values masked, for code frames in error messages: a syntax error
// near `POSTGRES_PASSWORD: hunter2` must not print the password.
import { isSecretName } from '../vocabulary/secret-names.js';
import { replaceUrlPasswords } from '../vocabulary/url-credentials.js';

export function redactSecrets(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*-?\s*["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(.+)$/.exec(line);
      if (m && isSecretName(m[2]!, 'mask')) return `${m[1]}${m[2]}${m[3]}***`;
      return replaceUrlPasswords(line, () => '***');
    })
    .join('\n');
}
