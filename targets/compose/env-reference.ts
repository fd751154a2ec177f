// The reference part of `.env.example`: every variable each service receives in this environment,
// with its value as stack.yaml gives it for plain settings and only the name for secrets, so the
// one file documents the whole stack's configuration (for running a service outside Compose too).
import type { DeployedEnvironment, DeployedService } from '../../src/deploy/model.js';
import { isSecretContainerOutput } from '../../src/deploy/container-outputs.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Service } from '../../src/model/stack.js';
import { references, renderTemplate, type Template } from '../../src/model/template.js';

/** Whether a value carries a credential: a password or an s3 key, or a URL with one in it, or an external URL. */
export function carriesSecret(value: Template, environment: DeployedEnvironment): boolean {
  return references(value).some((ref) => {
    if (ref.root !== 'resources') return false;
    const resource = environment.resource(ref.name);
    if (!resource) return false;
    if (resource.type === 'container') return isSecretContainerOutput(resource, ref.key);
    if (resource.external && resource.type !== 's3') return true;
    return ref.key === 'password' || ref.key === 'access_key' || ref.key === 'secret_key' || (ref.key === 'url' && RESOURCE_KINDS[resource.type].hasPassword);
  });
}

/** A value on one comment line: a newline in it would start a live `KEY=value` line of the env file. */
const oneLine = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/\r/g, '\\r');

export function serviceVariableLines(services: readonly DeployedService[], environment: DeployedEnvironment): string[] {
  const lines: string[] = [];
  for (const service of services) {
    if (service.env.length === 0 && service.secrets.length === 0) continue;
    lines.push('', `${service.name}${service.kind === 'static' ? ' (static site, not run by Compose)' : ''}`);
    const width = Math.max(...service.env.map((v) => v.name.length), ...service.secrets.map((s) => s.name.length));
    for (const v of service.env) {
      lines.push(
        carriesSecret(v.value, environment)
          ? `  ${v.name.padEnd(width)}  (secret: built from ${references(v.value).map((r) => r.text).join(', ')})`
          : service.literalSecrets.includes(v.name)
            ? `  ${v.name.padEnd(width)}  (looks like a secret: its value is in stack.yaml, not shown here)`
            : `  ${v.name}=${oneLine(renderTemplate(v.value, (r) => r.text))}`,
      );
    }
    for (const s of service.secrets) lines.push(`  ${s.name.padEnd(width)}  (secret)`);
  }
  return lines;
}
