// A static site's environment variables as Vercel holds them: plain values (references resolved to
// what a browser or a Vercel build can reach) and the names the user must fill in (secrets, and
// values that only exist inside another platform's network). vercel.json cannot hold variables, so
// these end up as `vercel env add` commands in the setup page.
import type { BuildProblem } from '../../src/emit/target.js';
import type { EnvironmentView, Service } from '../../src/model/stack.js';
import { SECRET_RESOURCE_OUTPUTS } from '../../src/model/resource-types.js';
import type { Reference } from '../../src/model/template.js';
import type { FrameworkInfo } from './frameworks.js';

export interface Variable {
  name: string;
  /** The value, when stackc knows it; otherwise the user supplies it. */
  value?: string;
  /** What the user must supply, when there is no value. */
  about?: string;
  /** Stored as a Sensitive variable (write-only once saved). */
  sensitive: boolean;
}

/** The host a site is served on in an environment: its `public` host, else the environment's domain. */
export function siteDomain(site: Service, view: EnvironmentView): string | undefined {
  return site.public?.host ?? view.environment.domain;
}

/** `https://api.shop.example/v1`; static front ends and their APIs are reached over HTTPS. */
export function publicUrl(service: Service): string | undefined {
  if (!service.public) return undefined;
  return `https://${service.public.host}${service.public.path === '/' ? '' : service.public.path}`;
}

export function siteVariables(site: Service, view: EnvironmentView, framework: FrameworkInfo, report: (p: BuildProblem) => void): Variable[] {
  const env = view.environment.name;
  const out: Variable[] = [];
  for (const variable of site.env) {
    let about: string | undefined;
    let sensitive = false;
    const resolve = (ref: Reference): string => {
      const resolved = resolveReference(ref, view);
      if (typeof resolved === 'string') return resolved;
      about ??= resolved.about;
      sensitive ||= resolved.sensitive;
      report({ severity: 'warning', code: resolved.code, message: `\`${variable.name}\` of \`${site.name}\` refers to \`${ref.text}\`, ${resolved.message}; stackc lists it for you to set on Vercel`, path: variable.path, hint: resolved.hint });
      return '';
    };
    const value = variable.value.parts.map((p) => (typeof p === 'string' ? p : resolve(p))).join('');
    out.push(about === undefined ? { name: variable.name, value, sensitive: false } : { name: variable.name, about: `${about} (in ${env})`, sensitive });
  }
  for (const secret of site.secrets) out.push({ name: secret.name, about: `secret of \`${site.name}\``, sensitive: true });

  if (framework.publicPrefix) {
    for (const v of out.filter((x) => x.sensitive && x.name.startsWith(framework.publicPrefix!))) {
      const path = site.env.find((e) => e.name === v.name)?.path ?? site.secrets.find((s) => s.name === v.name)?.path ?? site.path;
      report({
        severity: 'warning',
        code: 'vercel/public-secret',
        message: `\`${v.name}\` of \`${site.name}\` carries a secret, but the \`${framework.publicPrefix}\` prefix makes the framework build it into the JavaScript every visitor downloads`,
        path,
        hint: `read it on the server, or rename it without the \`${framework.publicPrefix}\` prefix so it stays a build-time variable`,
      });
    }
  }
  return out;
}

interface Unreachable {
  code: string;
  message: string;
  hint: string;
  about: string;
  sensitive: boolean;
}

/** A reference's value as a Vercel deployment sees it, or why it has none. */
function resolveReference(ref: Reference, view: EnvironmentView): string | Unreachable {
  if (ref.root === 'resources') {
    const sensitive = SECRET_RESOURCE_OUTPUTS.has(ref.key);
    return {
      code: 'vercel/resource-reference',
      message: `but backing services run on another platform and Vercel cannot see their addresses`,
      hint: sensitive ? `set it as a Sensitive variable (it carries a credential); a database URL in a front end's variables usually belongs to an API instead` : `set it to where \`${ref.name}\` is reachable from Vercel`,
      about: `\`${ref.key}\` of \`${ref.name}\`, as reachable from Vercel`,
      sensitive,
    };
  }
  if (ref.root === 'services') {
    const service = view.services.find((s) => s.name === ref.name);
    const url = service && publicUrl(service);
    if (ref.key === 'public_url') {
      if (url) return url;
      return {
        code: 'vercel/not-public',
        message: `but \`${ref.name}\` is not public in environment \`${view.environment.name}\``,
        hint: `make \`${ref.name}\` public in \`${view.environment.name}\` with \`public:\``,
        about: `public URL of \`${ref.name}\``,
        sensitive: false,
      };
    }
    return {
      code: 'vercel/internal-reference',
      message: `an address inside the network of the platform \`${ref.name}\` runs on, which Vercel is not part of`,
      hint: `use \`\${services.${ref.name}.public_url}\` (make \`${ref.name}\` public) for what a browser or Vercel calls`,
      about: `${ref.key} of \`${ref.name}\`, as reachable from Vercel`,
      sensitive: false,
    };
  }
  return ref.text; // `${environment.*}` is resolved while loading: never reached
}
