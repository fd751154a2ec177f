// The application user of a database stackc runs (postgres, mongodb), decided once for every target
// that runs the official image. The image creates its superuser from POSTGRES_USER /
// MONGO_INITDB_ROOT_USERNAME (password `<R>_ADMIN_PASSWORD`, for admin use); a script in
// /docker-entrypoint-initdb.d, which the image runs once when the data directory is empty, creates
// the user `${resources.x.url}` connects as (`<R>_USER`, password `<R>_PASSWORD`), without
// superuser rights. The script reads names and password from the container's environment, so it
// never holds a password, and it is the same bytes on every platform.
//
// The application user keeps the name and password the superuser had before stackc split them, so a
// deployment whose data directory predates the split (where the script never runs) still connects,
// as that superuser (CHANGELOG: how to drop its rights by hand).
import { RESOURCE_KINDS } from '../model/resource-types.js';
import type { Resource } from '../model/stack.js';
import { defaultResourceUser } from './emit-helpers.js';

/** Where the official images look for first-start scripts. */
export const INITDB_DIR = '/docker-entrypoint-initdb.d';

/** Container variables the script reads: the application user's name and password. */
export const APP_USER_VAR = 'APP_USER';
export const APP_PASSWORD_VAR = 'APP_PASSWORD';

export interface InitScript {
  /** File name in INITDB_DIR: the images pick the interpreter by extension. */
  file: string;
  content: string;
}

// Run by the image with `psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB"`.
// psql runs a backquoted `\set` value in a shell, which reads the variable (psql's own `\getenv`
// needs 15+). The role owns the database, so it creates tables in its public schema on every
// version (15+ grant CREATE there to the database owner only). The password is set in a statement
// of its own: a failing CREATE ROLE is logged with its text.
const POSTGRES_SCRIPT = `-- Created by stackc: the application's role, which the resource's connection URL connects as.
-- It owns the database but is no superuser. The image runs this file once, when the data directory
-- is empty; the names and the password come from the container's environment.
\\set app_user \`printf '%s' "$${APP_USER_VAR}"\`
\\set app_password \`printf '%s' "$${APP_PASSWORD_VAR}"\`
\\set app_database \`printf '%s' "$POSTGRES_DB"\`
CREATE ROLE :"app_user" LOGIN;
ALTER ROLE :"app_user" PASSWORD :'app_password';
ALTER DATABASE :"app_database" OWNER TO :"app_user";
`;

// Run by the image with mongosh, logged in as the root user, on MONGO_INITDB_DATABASE. The user is
// created in `admin`, where the root user lives, so the connection URL's `authSource=admin` is the
// same for both (and for deployments from before the split).
const MONGODB_SCRIPT = `// Created by stackc: the application's user, which the resource's connection URL connects as.
// It reads and writes its database only. The image runs this file once, when the data directory is
// empty; the name and the password come from the container's environment.
db.getSiblingDB('admin').createUser({
  user: process.env.${APP_USER_VAR},
  pwd: process.env.${APP_PASSWORD_VAR},
  roles: [{ role: 'readWrite', db: process.env.MONGO_INITDB_DATABASE }],
});
`;

const SCRIPTS: Partial<Record<Resource['type'], InitScript>> = {
  postgres: { file: 'stackc-app-user.sql', content: POSTGRES_SCRIPT },
  mongodb: { file: 'stackc-app-user.js', content: MONGODB_SCRIPT },
};

/** The first-start script creating the application user, for types that get one. */
export const appUserScript = (resource: Resource): InitScript | undefined => SCRIPTS[resource.type];

/**
 * The superuser's name: the image's default (`postgres`, `root`), or `<it>_admin` when the
 * application user already has that name (a database named `postgres`), so the two never clash.
 */
export function adminResourceUser(resource: Resource): string | undefined {
  const superuser = RESOURCE_KINDS[resource.type].superuser;
  if (superuser === undefined) return undefined;
  return defaultResourceUser(resource) === superuser ? `${superuser}_admin` : superuser;
}
