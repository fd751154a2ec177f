// stop_signal, stop_grace_period and rollout in fly.toml (https://fly.io/docs/reference/configuration/):
// `kill_signal` (default SIGINT) and `kill_timeout` (default 5s; at most 5 minutes on shared CPU
// Machines and 24 hours on performance ones, https://fly.io/blog/graceful-vm-exits-some-dials/) at the top, and
// `[deploy] strategy` (canary by default, rolling for an app with volumes) with `max_unavailable`
// (Machines, or a fraction of them; default 33%). What fly.toml cannot say is a gap (capabilities.ts).
import type { DeployedService } from '../../src/deploy/model.js';
import type { RolloutStrategy } from '../../src/model/stack.js';
import { machines } from './machines.js';
import type { Value } from './toml.js';
import { vmFor } from './vm.js';

/** The signals fly.toml's `kill_signal` takes. */
export const FLY_SIGNALS: readonly string[] = ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGKILL', 'SIGSTOP'];

/** The longest `kill_timeout` Fly takes for the service's Machines, in seconds: 5 minutes on shared CPUs, 24 hours on performance ones. */
export const maxKillTimeout = (service: DeployedService): number => (service.resources && vmFor(service.resources)?.cpu_kind === 'performance' ? 24 * 3600 : 300);

/** Fly's deploy strategies for stack.yaml's: `immediate` replaces every Machine at once, as recreate does. */
export const FLY_STRATEGY: Readonly<Record<RolloutStrategy, string>> = { rolling: 'rolling', recreate: 'immediate', canary: 'canary', bluegreen: 'bluegreen' };

/** `kill_signal` and `kill_timeout`, for the top of the file. */
export function killEntries(service: DeployedService): [string, Value][] {
  const s = service.shutdown;
  if (!s) return [];
  const signal = s.signal && FLY_SIGNALS.includes(s.signal.name) ? s.signal.name : undefined;
  return [
    ...(signal ? [['kill_signal', signal] as [string, Value]] : []),
    ...(s.grace ? [['kill_timeout', Math.min(s.grace.seconds, maxKillTimeout(service))] as [string, Value]] : []),
  ];
}

/**
 * `max_unavailable` of a rolling deploy: a number of Machines, or a fraction of them for a
 * percentage below 100 (fly.toml reads 1 as one Machine, so 100% is every Machine by count).
 * `undefined` when unset or 0, which a Fly rolling deploy cannot do (it stops a Machine to replace it).
 */
export function maxUnavailable(service: DeployedService): number | undefined {
  const a = service.rollout?.strategy === 'rolling' ? service.rollout.maxUnavailable : undefined;
  if (!a) return undefined;
  if (a.kind === 'count') return a.count > 0 ? a.count : undefined;
  if (a.percent === 0) return undefined;
  return a.percent === 100 ? machines(service).count : a.percent / 100;
}

/** `[deploy]` entries for the rollout. */
export function strategyEntries(service: DeployedService): [string, Value][] {
  const r = service.rollout;
  if (!r) return [];
  const max = maxUnavailable(service);
  return [['strategy', FLY_STRATEGY[r.strategy]], ...(max !== undefined ? [['max_unavailable', max] as [string, Value]] : [])];
}

/** Whether Fly can tell a new Machine is healthy: an http or tcp check (a command healthcheck is not written). */
export const hasFlyChecks = (service: DeployedService): boolean => service.healthcheck?.probe !== undefined && service.healthcheck.probe.kind !== 'command';
