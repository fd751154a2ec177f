// Who mounts each named volume in an environment, and the access mode its claim needs. Pure (no
// emitter code), so the capabilities' gaps and the claims agree on when a volume is shared.
import type { Service } from '../../src/model/stack.js';

export type AccessMode = 'ReadWriteOnce' | 'ReadWriteMany';

type NamedVolume = Extract<Service['volumes'][number], { kind: 'named' }>;

/** How many pods of the service can run at once. */
export const maxPods = (s: Service): number => (s.autoscale ? s.autoscale.max : s.replicas);

const byServices = new WeakMap<readonly Service[], Map<string, Service[]>>();

/**
 * Services mounting each named volume, in first-use order (the first one owns the claim). Asked for
 * every service of an environment, so it is worked out once per list of services.
 */
export function volumeUsers(services: readonly Service[]): Map<string, Service[]> {
  const known = byServices.get(services);
  if (known) return known;
  const users = new Map<string, Service[]>();
  byServices.set(services, users);
  for (const s of services) {
    for (const v of s.volumes) {
      if (v.kind !== 'named') continue;
      const list = users.get(v.name) ?? [];
      if (!list.includes(s)) list.push(s);
      users.set(v.name, list);
    }
  }
  return users;
}

/** Every declaration of the volume by its users, in order: the first one decides the claim's size. */
export const volumeSpecs = (name: string, users: readonly Service[]): NamedVolume[] =>
  users.flatMap((s) => s.volumes.filter((v): v is NamedVolume => v.kind === 'named' && v.name === name));

/** One pod on one node can use ReadWriteOnce; anything more needs ReadWriteMany storage. */
export const accessMode = (users: readonly Service[]): AccessMode => (users.length > 1 || users.some((s) => maxPods(s) > 1) ? 'ReadWriteMany' : 'ReadWriteOnce');
