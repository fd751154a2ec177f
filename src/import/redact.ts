// Compose file text with secret values masked, for code frames in error messages: a syntax error
// near `POSTGRES_PASSWORD: hunter2` must not print the password.
import { nameLooksSecret, urlWithPassword } from './secrets.js';

export function redactSecrets(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*-?\s*["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(.+)$/.exec(line);
      if (m && nameLooksSecret(m[2]!)) return `${m[1]}${m[2]}${m[3]}***`;
      return line.replace(/([a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:)([^/@\s]+)@/gi, (all, head: string) => (urlWithPassword(all) ? `${head}***@` : all));
    })
    .join('\n');
}
