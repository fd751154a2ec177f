// `scheme://user:password@host` in a value: the password part, with where it is.

export interface UrlCredentials {
  scheme: string;
  user: string;
  password: string;
  host: string;
  /** Offset of the password in the text. */
  index: number;
}

// The password may contain `:` and (unencoded, wrongly but often) `@`; the host is what follows the last `@` before the path.
const URL_WITH_USERINFO = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/@:'"]*):([^\s/'"]*)@([^\s/?#:'"@]+)/gi;

export function findUrlCredentials(text: string): UrlCredentials[] {
  const out: UrlCredentials[] = [];
  for (const m of text.matchAll(URL_WITH_USERINFO)) {
    const [, scheme, user, password, host] = m as unknown as [string, string, string, string, string];
    if (password === '') continue;
    out.push({ scheme: scheme.toLowerCase(), user, password, host: host.toLowerCase(), index: m.index + scheme.length + 3 + user.length + 1 });
  }
  return out;
}

/** Hosts that only exist on the developer's machine or inside the stack's own network. */
export function isLocalHost(host: string, stackNames: ReadonlySet<string>): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h === 'host.docker.internal' || h === '::1' || h === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) || stackNames.has(h) || h.startsWith('${')
  );
}
