// The routing part of vercel.json: rewrites (API proxies, then the single-page-app fallback) and
// response headers (security headers on every path, long-lived caching of content-hashed files).
// Sources use Vercel's path-to-regexp syntax; the tests compile them with @vercel/routing-utils.
import type { FrameworkInfo } from './frameworks.js';
import type { ProxyRule, VercelOptions } from './options.js';

export interface Rewrite {
  source: string;
  destination: string;
}

export interface Header {
  key: string;
  value: string;
}

export interface HeaderRule {
  source: string;
  headers: Header[];
}

/** `/api/:path*` matches `/api` and everything below it. */
export const proxyRewrite = (rule: ProxyRule): Rewrite => ({ source: `${rule.prefix}/:path*`, destination: `${rule.destination}/:path*` });

/**
 * Unknown paths serve index.html so client-side routes load on a reload or a shared link. Vercel
 * serves existing files first; paths under the hashed-asset directories are left out, so a chunk
 * missing after a deploy is a 404 rather than HTML the browser fails to run as a script.
 */
export function spaFallback(framework: FrameworkInfo): Rewrite {
  const dirs = framework.hashedAssets;
  if (dirs.length === 0) return { source: '/(.*)', destination: '/index.html' };
  const excluded = dirs.length === 1 ? dirs[0]! : `(?:${dirs.join('|')})`;
  return { source: `/((?!${excluded}/).*)`, destination: '/index.html' };
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function cacheRules(framework: FrameworkInfo): HeaderRule[] {
  const dirs = framework.hashedAssets;
  if (dirs.length === 0) return [];
  const source = dirs.length === 1 ? `/${dirs[0]}/(.*)` : `/(${dirs.join('|')})/(.*)`;
  return [{ source, headers: [{ key: 'Cache-Control', value: IMMUTABLE }] }];
}

/** Headers every response gets. HSTS is not among them: Vercel sends it on its own. */
export function securityHeaders(csp: string | undefined): Header[] {
  return [
    ...(csp ? [{ key: 'Content-Security-Policy', value: csp }] : []),
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  ];
}

/**
 * stackc's Content-Security-Policy: same-origin everything, plus the origins the site's variables
 * point at for `connect-src` (its APIs), images from any HTTPS origin, inline styles (most UI
 * libraries set `style` attributes), and inline scripts only for frameworks whose HTML has them.
 */
export function defaultPolicy(framework: FrameworkInfo, connectOrigins: readonly string[]): string {
  const script = framework.inlineScripts ? "'self' 'unsafe-inline'" : "'self'";
  return [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** Origins (`https://api.shop.example`) of the absolute URLs in some values, sorted, without duplicates. */
export function originsIn(values: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const value of values) {
    for (const match of value.matchAll(/\b(?:https|wss):\/\/[^\s/"'?#]+/g)) {
      try {
        origins.add(new URL(match[0]).origin);
      } catch {
        // not a URL after all
      }
    }
  }
  return [...origins].sort();
}

export interface Routing {
  rewrites: Rewrite[];
  headers: HeaderRule[];
}

export function routing(framework: FrameworkInfo, options: VercelOptions, connectOrigins: readonly string[]): Routing {
  const spa = options.spa ?? framework.spa;
  const rewrites = [...options.proxy.map(proxyRewrite), ...(spa ? [spaFallback(framework)] : [])];
  const csp = options.contentSecurityPolicy === true ? defaultPolicy(framework, connectOrigins) : options.contentSecurityPolicy || undefined;
  const everyPath = options.securityHeaders ? securityHeaders(csp) : csp ? [{ key: 'Content-Security-Policy', value: csp }] : [];
  return { rewrites, headers: [...(everyPath.length ? [{ source: '/(.*)', headers: everyPath }] : []), ...cacheRules(framework)] };
}
