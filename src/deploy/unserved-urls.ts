// A static site's variable that names an address on the stack's own domains which no public service
// serves: the site's code runs in the browser, so the call goes over the internet to a host nothing
// answers (the API is deployed private, or its `public` was left out). Whatever the target, so the
// deployment model reports it once (resolve.ts). Only literal text is read: a reference
// (`${services.api.public_url}`) is resolved by each target, and its own problems are `not-public`.
import type { Problem } from '../diagnostics/problem.js';
import type { DeployedEnvironment } from './model.js';

/** `scheme://host` in a value: the host ends at a port, path, query, fragment, quote, comma or space. */
const URL_HOST = /\b(?:https?|wss?):\/\/([a-z0-9.*-]+)/gi;
/** A value that is a host name and nothing else (`api.shop.example`). */
const BARE_HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/i;

/** The hosts a piece of literal text names; `open` when the text continues into a reference (the host is not all there). */
function hostsIn(text: string, open: boolean): string[] {
  const hosts = [...text.matchAll(URL_HOST)].filter((m) => !(open && m.index + m[0].length === text.length)).map((m) => m[1]!.toLowerCase());
  if (!hosts.length && !open && BARE_HOST.test(text)) hosts.push(text.toLowerCase());
  return hosts;
}

/** Whether `host` is `domain` or a name under it. */
const under = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

/** Whether a public host (maybe `*.shop.example`) answers for `host`. */
const answers = (publicHost: string, host: string): boolean => (publicHost.startsWith('*.') ? host.endsWith(publicHost.slice(1)) && !host.slice(0, -publicHost.length + 1).includes('.') : publicHost === host);

/**
 * The warnings for every static site of every environment. A host counts as served when a service is
 * public there in any environment (a staging site may call production's API on purpose).
 */
export function unservedUrlProblems(environments: readonly DeployedEnvironment[]): (Problem & { environment: string })[] {
  const domains = [...new Set(environments.flatMap((e) => (e.domain === undefined ? [] : [e.domain.toLowerCase()])))];
  if (!domains.length) return [];
  const served = environments.flatMap((e) => e.services.flatMap((s) => s.endpoints.filter((p) => p.routable).map((p) => p.host.toLowerCase())));
  const out: (Problem & { environment: string })[] = [];
  for (const env of environments) {
    for (const site of env.services.filter((s) => s.kind === 'static')) {
      for (const v of site.env) {
        const hosts = v.value.parts.flatMap((part, i) => (typeof part === 'string' ? hostsIn(part, i + 1 < v.value.parts.length) : []));
        for (const host of new Set(hosts)) {
          const domain = domains.find((d) => under(host, d));
          if (domain === undefined || served.some((h) => answers(h, host))) continue;
          out.push({
            environment: env.name,
            severity: 'warning',
            code: 'unserved-url',
            message: `\`${v.name}\` of \`${site.name}\` points at \`${host}\`, on the stack's domain \`${domain}\`, but no service is public there (environment \`${env.name}\`): the site runs in the browser, which would reach nothing at that address`,
            path: v.path,
            hint: `make the service that should answer public at \`${host}\` (\`public: { host: ${host} }\`), and reference its address with \`\${services.<name>.public_url}\``,
          });
        }
      }
    }
  }
  return out;
}
