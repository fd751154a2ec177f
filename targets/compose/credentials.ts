// A backing service's user and password as Compose interpolations of the env file: the container
// is created with them and the services' connection URLs are built from the same variables, so the
// two always agree and no password is ever written into a generated file.
import { defaultResourceUser, resourceSecretNames } from '../../src/emit/emit-helpers.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Resource } from '../../src/model/stack.js';
import type { Variables } from './variables.js';

export interface Credentials {
  /** `${DB_USER:-shop}`: the user name is not secret, so it has a default. */
  user: string;
  /** `${DB_PASSWORD:?...}`: no default, not even in development. */
  password: string;
}

/** `undefined` for types without credentials (redis). */
export function credentials(resource: Resource, vars: Variables, usedBy: string): Credentials | undefined {
  if (!RESOURCE_KINDS[resource.type].hasCredentials) return undefined;
  const names = resourceSecretNames(resource);
  const what = `the ${resource.type} resource \`${resource.name}\``;
  return {
    user: vars.optional(names.user, defaultResourceUser(resource), 'resource', `User of ${what}.`, usedBy),
    password: vars.secret(names.password, 'resource', `Password of ${what}.`, usedBy),
  };
}

/** `${DB_URL:?...}`: an external resource is reached only through a URL from the env file. */
export const externalUrl = (resource: Resource, vars: Variables, usedBy: string): string =>
  vars.secret(resourceSecretNames(resource).url, 'resource', `Connection URL of the external ${resource.type} resource \`${resource.name}\` (Compose runs no container for it).`, usedBy);
