// What an environment is for, from its name. Production rules (replicas, pinned tags, risky diffs) and
// development allowances (local passwords, one replica) key off these, in one place.
const PRODUCTION = /^prod(uction)?$/i;
const DEVELOPMENT = /^(dev|development|local|test|testing|ci)$/i;

/** `production` or `prod`, any case. */
export const isProduction = (env: string | undefined): boolean => env !== undefined && PRODUCTION.test(env);

/** Laptop and test environments: `development`, `dev`, `local`, `test`, `testing`, `ci`. */
export const isDevelopment = (env: string | undefined): boolean => env !== undefined && DEVELOPMENT.test(env);
