// The credentials `registries.<host>.credentials` names for the registry of an image: the names of
// the two secrets, never values. One lookup for every target that signs in to pull or push (CI's
// login, the Kubernetes pull Secret, the Compose header's `docker login`, Fly's local pull).
import type { Registry } from '../model/stack.js';

export interface RegistryCredentials {
  /** The host as `registries` spells it. */
  host: string;
  /** Names of the secrets holding the user name and the password or token. */
  username: string;
  password: string;
}

/** Registry hosts compare case-insensitively (DNS names). */
export function registryCredentials(registries: readonly Registry[], host: string | undefined): RegistryCredentials | undefined {
  if (host === undefined) return undefined;
  const entry = registries.find((r) => r.host.toLowerCase() === host.toLowerCase());
  return entry?.login.kind === 'credentials' ? { host: entry.host, username: entry.login.username, password: entry.login.password } : undefined;
}
