// `resources` as a Fly Machine size. Fly sells CPUs in fixed steps and memory in 256 MB steps
// (https://fly.io/docs/machines/guides-examples/machine-sizing/):
//   shared CPUs:      1, 2, 4, 8       memory 256 MB … 2 GB per CPU
//   performance CPUs: 1, 2, 4, 8, 16   memory 2 GB … 8 GB per CPU
// A stack's `cpu`/`memory` (limits; requests when only those are set) becomes the smallest size
// that holds both: CPU rounded up to a step, memory rounded up to 256 MB, more CPUs when the memory
// needs them. Shared CPUs are used unless more than 8 cores or 16 GB are asked for: a shared vCPU
// bursts to a full core, which is what a Kubernetes-style limit of `500m` means in practice.
import type { ComputeResources } from '../../src/model/stack.js';

export interface Vm {
  cpu_kind: 'shared' | 'performance';
  cpus: number;
  /** Megabytes (MiB): `memory = "512mb"`. */
  memoryMb: number;
}

/** `500m` → 0.5, `2` → 2. */
export function cores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

const FACTORS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };

/** A byte quantity (`512Mi`, `1Gi`, `10G`) in bytes; `undefined` when it is not one. */
export function bytes(quantity: string): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.exec(quantity);
  return match ? Number(match[1]) * FACTORS[match[2] ?? '']! : undefined;
}

const SHARED = [1, 2, 4, 8];
const PERFORMANCE = [1, 2, 4, 8, 16];

export function vmFor(r: ComputeResources): Vm | undefined {
  const cpu = r.cpu ?? r.requests.cpu;
  const memory = r.memory ?? r.requests.memory;
  if (cpu === undefined && memory === undefined) return undefined;
  const wantCores = cpu !== undefined ? cores(cpu) : 0;
  const memoryBytes = memory !== undefined ? bytes(memory) : undefined;
  const wantMb = memoryBytes !== undefined ? Math.ceil(memoryBytes / 2 ** 20 / 256) * 256 : 0;

  const shared = SHARED.find((n) => n >= wantCores && wantMb <= 2048 * n);
  if (shared !== undefined) return { cpu_kind: 'shared', cpus: shared, memoryMb: Math.max(wantMb, 256 * shared) };
  const perf = PERFORMANCE.find((n) => n >= wantCores && wantMb <= 8192 * n) ?? 16;
  return { cpu_kind: 'performance', cpus: perf, memoryMb: Math.min(Math.max(wantMb, 2048 * perf), 8192 * perf) };
}

/** `512mb`, `1gb`, `1536mb`. */
export const memoryText = (mb: number): string => (mb % 1024 === 0 ? `${mb / 1024}gb` : `${mb}mb`);

/** Whether the size says exactly what stack.yaml does (so no note about rounding is needed). */
export function exact(r: ComputeResources, vm: Vm): boolean {
  const cpu = r.cpu ?? r.requests.cpu;
  const memory = r.memory ?? r.requests.memory;
  const memoryBytes = memory !== undefined ? bytes(memory) : undefined;
  const cpuExact = cpu === undefined || cores(cpu) === vm.cpus;
  const memExact = memoryBytes === undefined || memoryBytes === vm.memoryMb * 2 ** 20;
  const requestsSame = (r.requests.cpu === undefined || r.requests.cpu === r.cpu) && (r.requests.memory === undefined || r.requests.memory === r.memory);
  return cpuExact && memExact && requestsSame && vm.cpu_kind === 'shared';
}
