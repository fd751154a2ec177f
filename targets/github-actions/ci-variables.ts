// The variables of the test job: every env variable of a service whose value refers to backing
// services CI starts (`DATABASE_URL: ${resources.db.url}`), resolved by the shared resolver for the
// runner (the CI address book), so the steps reach the service containers as the app would reach
// its databases.
import type { DeployedEnvironment } from '../../src/deploy/model.js';
import { resolveTemplate, type ValuePart } from '../../src/deploy/references.js';
import { references } from '../../src/model/template.js';
import type { Report } from '../../src/emit/target.js';
import { ciAddressBook } from './address-book.js';
import type { CiResource } from './ci-services.js';

/**
 * A resolved value as a workflow writes it, or `undefined` when a part has no value on the runner.
 * GitHub evaluates `${{` anywhere in a workflow value, so a literal one is written as an expression
 * that yields it.
 */
export function workflowValue(parts: readonly ValuePart[]): string | undefined {
  if (!parts.every((p) => p.kind === 'text')) return undefined;
  return parts.map((p) => p.text.replaceAll('${{', "${{ '${{' }}")).join('');
}

/**
 * Variables the steps need, from the services of `environment` (the one CI takes its backing
 * services from). A variable is set when every reference in it is to a backing service; it is left
 * out when one of them is not started by CI, or when it refers to a service (the test job runs none).
 */
export function ciVariables(environment: DeployedEnvironment, resources: readonly CiResource[], report: Report): Record<string, string> {
  const book = ciAddressBook(resources);
  const out: Record<string, string> = {};
  for (const service of environment.services) {
    for (const variable of service.env) {
      const refs = references(variable.value);
      if (!refs.length || !refs.every((r) => r.root === 'resources')) continue;
      const value = workflowValue(resolveTemplate(variable.value, book, { environment, reader: service, variable: variable.name, path: variable.path }, report));
      if (value === undefined) continue;
      if (out[variable.name] === undefined) out[variable.name] = value;
      else if (out[variable.name] !== value) {
        report({
          severity: 'warning',
          code: 'github-actions/ci-variable',
          message: `\`${variable.name}\` of \`${service.name}\` points at a different CI service than an earlier service's \`${variable.name}\`; the test job sets the first one`,
          path: variable.path,
        });
      }
    }
  }
  return out;
}
