// A static site's environment variables as Vercel holds them: plain values (references resolved by
// the shared resolver with Vercel's address book) and the names the user must fill in (secrets, and
// values that only exist inside another platform's network). vercel.json cannot hold variables, so
// these end up as `vercel env add` commands in the setup page.
import type { DeployedEnvironment, DeployedService } from '../../src/deploy/model.js';
import { resolveTemplate, type AddressBook, type ValuePart } from '../../src/deploy/references.js';
import type { Report } from '../../src/emit/target.js';
import { isSecretContainerOutput } from '../../src/deploy/container-outputs.js';
import { SECRET_RESOURCE_OUTPUTS } from '../../src/model/resource-types.js';
import { references, type Template } from '../../src/model/template.js';
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

/** A value carries a credential when it refers to a backing service's URL or password, or to a container resource's secret output. */
const carriesCredential = (template: Template, environment: DeployedEnvironment): boolean =>
  references(template).some((r) => {
    if (r.root !== 'resources') return false;
    const resource = environment.resource(r.name);
    return resource?.type === 'container' ? isSecretContainerOutput(resource, r.key) : SECRET_RESOURCE_OUTPUTS.has(r.key);
  });

/**
 * Resolved parts as a Vercel variable: a value when all of it is known (Vercel stores values as
 * written: nothing to escape), else the whole variable is the user's to set, described by the
 * first part stackc could not fill in.
 */
function variableOf(name: string, parts: readonly ValuePart[], environment: string, sensitive: boolean): Variable {
  const missing = parts.find((p) => p.kind === 'unresolved' || p.kind === 'secret');
  if (!missing) return { name, value: parts.map((p) => (p as { text: string }).text).join(''), sensitive: false };
  const about = missing.kind === 'unresolved' ? missing.about : `the secret \`${missing.name}\``;
  return { name, about: `${about} (in ${environment})`, sensitive };
}

export function siteVariables(site: DeployedService, environment: DeployedEnvironment, book: AddressBook, framework: FrameworkInfo, report: Report): Variable[] {
  const out = site.env.map((v) => variableOf(v.name, resolveTemplate(v.value, book, { environment, reader: site, variable: v.name, path: v.path }, report), environment.name, carriesCredential(v.value, environment)));
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
