// How many Machines a service runs, and its volume on them. Pure: the emitter and the
// capabilities' gaps read the same numbers.
import type { Service, Volume } from '../../src/model/stack.js';
import { bytes } from './vm.js';

/** Machines that exist (`fly scale count`) and those the proxy never stops (`min_machines_running`). */
export function machines(service: Service): { count: number; minRunning: number } {
  return { count: service.autoscale?.max ?? service.replicas, minRunning: service.autoscale?.min ?? service.replicas };
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
