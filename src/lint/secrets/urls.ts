// Where the host of a URL with a password is (the URL itself is read by vocabulary/url-credentials.ts).

/** Hosts that only exist on the developer's machine or inside the stack's own network. */
export function isLocalHost(host: string, stackNames: ReadonlySet<string>): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h === 'host.docker.internal' || h === '::1' || h === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) || stackNames.has(h) || h.startsWith('${')
  );
}
