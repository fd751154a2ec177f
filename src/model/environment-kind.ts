// TEMPORARY (removed once lint rules read `Environment.role`): name-based role checks.
import { roleFromName } from './environment-role.js';

export const isProduction = (env: string | undefined): boolean => env !== undefined && roleFromName(env) === 'production';
export const isDevelopment = (env: string | undefined): boolean => env !== undefined && roleFromName(env) === 'development';
