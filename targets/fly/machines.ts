// How many Machines a service runs, and its volume on them. Pure: the emitter and the
// capabilities' gaps read the same numbers.
import type { DeployedService } from '../../src/deploy/model.js';
import type { Service, Volume } from '../../src/model/stack.js';
import { bytes } from './vm.js';

/**
 * Machines that exist (`fly scale count`) and those the proxy never stops (`min_machines_running`).
 * With a port the proxy stops and starts Machines between autoscale's min and max, so `max` exist;
 * without one nothing stops them, so every Machine that exists runs all the time: `min` of them.
 */
export function machines(service: DeployedService): { count: number; minRunning: number } {
  const a = service.autoscale;
  if (!a) return { count: service.replicas, minRunning: service.replicas };
  return { count: service.servedPort === undefined ? a.min : a.max, minRunning: a.min };
}

/** Fly volume names: lower-case letters, digits and `_`, at most 30 characters. */
export const volumeName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);

type Named = Extract<Volume, { kind: 'named' }>;

/** The one volume a Fly Machine mounts (the first named one), the named ones left out, and its size. */
export function flyVolume(service: Service): { mounted?: Named; source?: string; leftOut: Named[]; sizeGb: number; sizeBytes?: number } {
  const [mounted, ...leftOut] = service.volumes.filter((v): v is Named => v.kind === 'named');
  if (!mounted) return { leftOut, sizeGb: 0 };
  const size = bytes(mounted.size);
  // Fly sizes volumes in whole GB, at least 1.
  const sizeGb = size === undefined ? 1 : Math.max(1, Math.ceil(size / 2 ** 30));
  return { mounted, source: volumeName(mounted.name), leftOut, sizeGb, ...(size === undefined ? {} : { sizeBytes: size }) };
}
