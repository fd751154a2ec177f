// A backing service's user and password as Compose interpolations of the env file: the container
// is created with them and the services' connection URLs are built from the same variables, so the
// two always agree and no password is ever written into a generated file.
import { adminResourceUser } from '../../src/emit/app-user.js';
import { defaultResourceUser, resourceSecretNames } from '../../src/emit/emit-helpers.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Resource } from '../../src/model/stack.js';
import type { Variables } from './variables.js';

export interface Credentials {
  /** `${DB_USER:-shop}`: the user name is not secret, so it has a default. Empty for redis, which has no user. */
  user: string;
  /** `${DB_PASSWORD:?...}`: no default, not even in development. */
  password: string;
}

const what = (resource: Resource): string => `the ${resource.type} resource \`${resource.name}\``;

/** What services connect with; `undefined` for types without a password. */
export function credentials(resource: Resource, vars: Variables, usedBy: string): Credentials | undefined {
  if (resource.type === 's3') return s3Keys(resource, vars, usedBy);
  const kind = RESOURCE_KINDS[resource.type];
  if (!kind.hasPassword) return undefined;
  const names = resourceSecretNames(resource);
  return {
    user: kind.hasCredentials ? vars.optional(names.user, defaultResourceUser(resource), 'resource', `User of ${what(resource)}.`, usedBy) : '',
    password: vars.secret(names.password, 'resource', `Password of ${what(resource)}.`, usedBy),
  };
}

/**
 * An s3 bucket's access key (as `user`) and secret key (as `password`): the server Compose runs is
 * created with them, and an external bucket's are the user's. Both are secrets, without defaults.
 */
function s3Keys(resource: Resource, vars: Variables, usedBy: string): Credentials {
  const names = resourceSecretNames(resource);
  const of = resource.external ? `the external s3 bucket \`${resource.name}\`` : what(resource);
  return {
    user: vars.secret(names.accessKey, 'resource', `Access key of ${of}.`, usedBy),
    password: vars.secret(names.secretKey, 'resource', `Secret key of ${of}.`, usedBy),
  };
}

/** `${DB_ADMIN_PASSWORD:?...}`: the superuser's password (postgres, mongodb), read by the container only. */
export function adminPassword(resource: Resource, vars: Variables): string | undefined {
  const admin = adminResourceUser(resource);
  if (admin === undefined) return undefined;
  const about = `Password of the superuser \`${admin}\` of ${what(resource)}, for admin use (services connect as ${resourceSecretNames(resource).user}).`;
  return vars.secret(resourceSecretNames(resource).adminPassword, 'resource', about, resource.name);
}

/** `${DB_URL:?...}`: an external resource is reached only through a URL from the env file. */
export const externalUrl = (resource: Resource, vars: Variables, usedBy: string): string =>
  vars.secret(resourceSecretNames(resource).url, 'resource', `Connection URL of the external ${resource.type} resource \`${resource.name}\` (Compose runs no container for it).`, usedBy);
