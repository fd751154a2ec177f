// The domain redirects of vercel.json: each host that redirects to the site (`public.redirects`)
// sends every path to the same path on its target host, matched on the request's Host header
// (https://vercel.com/docs/project-configuration/vercel-json#redirects, `has` of type `host`).
// One vercel.json serves every deployment, so it holds the redirects of every environment: each
// matches only its own host. `permanent` is 308, else 307; Vercel keeps the query string.
import type { Redirect } from '../../src/deploy/model.js';

export interface VercelRedirect {
  source: string;
  has: { type: 'host'; value: string }[];
  destination: string;
  permanent: boolean;
}

/** A wildcard host as the pattern Vercel matches `has.value` with: `*.old.example` → `[^.]+\.old\.example`. */
const hostPattern = (host: string): string => (host.startsWith('*.') ? `[^.]+${host.slice(1).replace(/\./g, '\\.')}` : host);

export function domainRedirects(redirects: readonly Redirect[]): VercelRedirect[] {
  const seen = new Set<string>();
  return redirects
    .filter((r) => r.routable && !seen.has(r.from) && seen.add(r.from))
    .map((r) => ({ source: '/:path*', has: [{ type: 'host', value: hostPattern(r.from) }], destination: `https://${r.to.host}/:path*`, permanent: r.status === 308 }));
}
