// `scheme://user:password@host` in a text: one reader for lint (no-url-credentials), diff masking
// and import (a value with a password in it becomes a secret). Whether a password that is a
// reference (`${DB_PASSWORD}`) counts is the caller's call: lint and diff let references through.

export interface UrlCredentials {
  /** Lower-cased, as are hosts: both are case-insensitive (RFC 3986). */
  scheme: string;
  user: string;
  /** As written (percent-encoding kept); never empty. */
  password: string;
  /** Without the port: `db` for `db:5432`; `[::1]` for an IPv6 literal. */
  host: string;
  /** Where the password starts in the text. */
  offset: number;
}

// The password may contain `:` and (unencoded, wrongly but often) `@`: the greedy password backs off
// to the LAST `@` that a host follows. Quotes and whitespace end a URL written inside a string.
const URL_WITH_USERINFO = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/@:'"]*):([^\s/'"]*)@(\[[0-9a-f:.]+\]|[^\s/?#:'"@[\]]+)/gi;

export function findUrlCredentials(text: string): UrlCredentials[] {
  const out: UrlCredentials[] = [];
  for (const m of text.matchAll(URL_WITH_USERINFO)) {
    const [, scheme, user, password, host] = m as unknown as [string, string, string, string, string];
    if (password === '') continue; // `https://user:@host`: no password to leak
    out.push({ scheme: scheme.toLowerCase(), user, password, host: host.toLowerCase(), offset: m.index + scheme.length + 3 + user.length + 1 });
  }
  return out;
}

/** The text with each URL password replaced by what `replace` returns for it (return `url.password` to keep one). */
export function replaceUrlPasswords(text: string, replace: (url: UrlCredentials) => string): string {
  let out = '';
  let from = 0;
  for (const url of findUrlCredentials(text)) {
    out += text.slice(from, url.offset) + replace(url);
    from = url.offset + url.password.length;
  }
  return out + text.slice(from);
}
