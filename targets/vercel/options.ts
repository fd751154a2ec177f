// `targets.vercel` options. The stack schema validates them (`targets.vercel` in
// schema/stack.schema.json); plugins and tests can build contexts by hand, so they are read
// defensively here and whatever does not fit is reported rather than silently ignored.
import type { BuildProblem } from '../../src/emit/target.js';
import type { DataPath } from '../../src/model/stack.js';

export interface ProxyRule {
  /** Path prefix on the site, without a trailing slash: `/api`. */
  prefix: string;
  /** Where requests under the prefix go, the prefix's rest appended: `https://api.shop.example/api`. */
  destination: string;
  path: DataPath;
}

export interface VercelOptions {
  /** The stack environment that is Vercel's Production (deployed with `--prod`); default: by role (environments.ts). */
  production: string | undefined;
  regions: string[];
  cleanUrls?: boolean;
  trailingSlash?: boolean;
  /** Forces the index.html fallback on or off; default: by framework. */
  spa?: boolean;
  securityHeaders: boolean;
  /** `true`: stackc's policy for the framework; a string: that policy; `false`: none. */
  contentSecurityPolicy: boolean | string;
  proxy: ProxyRule[];
  path: DataPath;
}

export const OPTIONS_PATH: DataPath = ['targets', 'vercel'];

const REGION = /^[a-z]{3}[0-9]$/;

export function readOptions(options: Record<string, unknown>, report: (p: BuildProblem) => void): VercelOptions {
  const at = (...keys: (string | number)[]): DataPath => [...OPTIONS_PATH, ...keys];
  const bool = (key: string): boolean | undefined => {
    const v = options[key];
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    report({ severity: 'error', code: 'vercel/option', message: `\`targets.vercel.${key}\` must be true or false`, path: at(key) });
    return undefined;
  };

  const regions: string[] = [];
  if (options.regions !== undefined) {
    const list = Array.isArray(options.regions) ? options.regions : [options.regions];
    list.forEach((r, i) => {
      if (typeof r === 'string' && REGION.test(r)) regions.push(r);
      else report({ severity: 'error', code: 'vercel/option', message: `\`${String(r)}\` is not a Vercel region ID`, path: at('regions', i), hint: 'region IDs look like `fra1`, `iad1`, `sfo1` (see https://vercel.com/docs/regions)' });
    });
  }

  const csp = options.content_security_policy;
  let contentSecurityPolicy: boolean | string = false;
  if (typeof csp === 'boolean') contentSecurityPolicy = csp;
  else if (typeof csp === 'string' && csp.trim() !== '') contentSecurityPolicy = csp.trim();
  else if (csp !== undefined) report({ severity: 'error', code: 'vercel/option', message: '`targets.vercel.content_security_policy` must be true, false or a policy', path: at('content_security_policy') });

  const proxy: ProxyRule[] = [];
  if (options.proxy !== undefined) {
    if (typeof options.proxy !== 'object' || options.proxy === null || Array.isArray(options.proxy)) {
      report({ severity: 'error', code: 'vercel/option', message: '`targets.vercel.proxy` must map path prefixes to URLs, e.g. `{ /api: https://api.shop.example/api }`', path: at('proxy') });
    } else {
      for (const [prefix, destination] of Object.entries(options.proxy as Record<string, unknown>)) {
        const path = at('proxy', prefix);
        const normalized = prefix.replace(/\/+$/, '');
        if (!prefix.startsWith('/') || normalized === '' || /[():*?+]/.test(prefix)) {
          report({ severity: 'error', code: 'vercel/option', message: `proxy path \`${prefix}\` must be a literal path prefix other than \`/\`, e.g. \`/api\``, path });
          continue;
        }
        if (typeof destination !== 'string' || !/^https?:\/\/[^/\s]+/.test(destination)) {
          report({ severity: 'error', code: 'vercel/option', message: `proxy destination of \`${prefix}\` must be an absolute http(s) URL`, path, hint: 'e.g. `https://api.shop.example/api`' });
          continue;
        }
        proxy.push({ prefix: normalized, destination: destination.replace(/\/+$/, ''), path });
      }
    }
  }

  const production = typeof options.production === 'string' ? options.production : undefined;
  const cleanUrls = bool('clean_urls');
  const trailingSlash = bool('trailing_slash');
  const spa = bool('spa');
  return {
    production,
    regions,
    ...(cleanUrls !== undefined ? { cleanUrls } : {}),
    ...(trailingSlash !== undefined ? { trailingSlash } : {}),
    ...(spa !== undefined ? { spa } : {}),
    securityHeaders: bool('security_headers') ?? true,
    contentSecurityPolicy,
    proxy,
    path: OPTIONS_PATH,
  };
}
