// Backing services as containers: the pinned official image, credentials from the env file, data
// in a named volume, a healthcheck, and (in the default environment, or where `publish` says) a port
// on 127.0.0.1 (or `publish.bind`) so tools on the developer's machine can connect. External resources get no container.
import type { DeployedResource } from '../../src/deploy/model.js';
import { containerOutputSecrets } from '../../src/deploy/container-outputs.js';
import { resourceSecretNames } from '../../src/emit/emit-helpers.js';
import { composeDataVolume } from '../../src/model/resource-volumes.js';
import type { Resource } from '../../src/model/stack.js';
import { adminResourceUser, appUserScript, INITDB_DIR } from '../../src/emit/app-user.js';
import { adminPassword, credentials } from './credentials.js';
import { COMPOSE_RESOURCE_KINDS, type ContainerCredentials } from './resource-kinds.js';
import { addressPrefix, type PublishedResource } from './ports.js';
import { literal } from './text.js';
import type { Scope } from './scope.js';
import type { Emitted } from './service.js';
import { envPrefix } from '../../src/model/dns-label.js';
import { containerOutputSecret } from '../../src/model/resource-types.js';

export const resourceVolume = (resource: Resource): string => composeDataVolume(resource.name);

/** The container of a backing service Compose runs (its size has no place: the compose/volume-size gap). */
export function resourceService(resource: DeployedResource, scope: Scope): Emitted {
  const kind = COMPOSE_RESOURCE_KINDS[resource.type];
  const dataPath = kind.dataPath(resource);
  const volume = resourceVolume(resource);
  if (dataPath !== undefined) scope.volumes.add(volume);
  const creds = containerCredentials(resource, scope);
  const environment = new Map(kind.environment(resource, creds));
  const published = scope.ports.resources.get(resource.name);
  const init = initScriptConfig(resource, scope);
  const definition: Record<string, unknown> = {
    image: resource.image,
    // A container resource runs as its `user:` where it names one (the other images as their own).
    ...(resource.container?.user !== undefined ? { user: resource.container.user } : {}),
    ...(kind.command ? { command: kind.command(creds) } : {}),
    ...(kind.stableHostname ? { hostname: resource.name } : {}),
    ...(environment.size ? { environment } : {}),
    ...(init ? { configs: [init] } : {}),
    ...(published ? { ports: [`${addressPrefix(published.bind)}${publishedPort(resource, published, scope)}:${resource.port}`] } : {}),
    ...(dataPath !== undefined ? { volumes: [`${volume}:${dataPath}`] } : {}),
    ...(kind.healthcheck ? { healthcheck: kind.healthcheck } : {}),
    restart: 'unless-stopped',
  };
  return { name: resource.name, definition, comments: resource.description ? [resource.description] : [], keyComments: new Map() };
}

function containerCredentials(resource: DeployedResource, scope: Scope): ContainerCredentials {
  const c = credentials(resource, scope.vars, resource.name) ?? { user: '', password: '' };
  const admin = adminResourceUser(resource);
  const password = adminPassword(resource, scope.vars);
  const outputSecret = (output: string) => scope.vars.secret(containerOutputSecret(resource.name, output), 'resource', `\`${output}\` of the container resource \`${resource.name}\`.`, resource.name);
  return { ...c, ...(admin !== undefined && password !== undefined ? { admin: { user: admin, password } } : {}), ...(resource.type === 'container' ? { outputSecret } : {}) };
}

/**
 * The first-start script creating the application user (src/emit/app-user.ts), as an inline config
 * (`configs.<name>.content`, Compose 2.23.1+): one file to run, and the script is readable in it.
 * Compose interpolates the content too, so its `$` are escaped.
 */
function initScriptConfig(resource: DeployedResource, scope: Scope): { source: string; target: string } | undefined {
  const script = appUserScript(resource);
  if (!script) return undefined;
  const name = `${resource.name}-app-user`;
  scope.configs.set(name, { content: literal(script.content) });
  return { source: name, target: `${INITDB_DIR}/${script.file}` };
}

/** An external backing service: no container, and services read its URL from the env file. */
export function reportExternal(resource: DeployedResource, scope: Scope): void {
  const names = resourceSecretNames(resource);
  const reads =
    resource.type === 's3' ? `its keys from ${names.accessKey} and ${names.secretKey}`
    : resource.type === 'container' ? `its outputs from ${containerOutputSecrets(resource).map((s) => s.secret).join(', ')}`
    : `its URL from ${names.url}`;
  scope.report({
    severity: 'info',
    code: 'compose/external-resource',
    message: `\`${resource.name}\` is external in environment \`${scope.environment.name}\`: Compose runs no container for it, and services read ${reads}`,
    path: resource.origins.external ?? resource.path,
  });
}

/** `${DB_HOST_PORT:-5432}`: a developer whose machine already uses the port can move it in `.env`. */
function publishedPort(resource: Resource, { port, bind }: PublishedResource, scope: Scope): string {
  const name = `${envPrefix(resource.name)}_HOST_PORT`;
  const where = bind === '127.0.0.1' ? '127.0.0.1 (tools on this machine connect to it)' : bind;
  return scope.vars.optional(name, String(port), 'other', `Host port for \`${resource.name}\` on ${where}.`, resource.name);
}
