// How a replica of a service stops and how a new version replaces it, decided once for every
// target: the durations in the whole seconds every platform counts in (rounded up, so a process
// never gets less time than stack.yaml gives it), and what "unset" leaves to each platform.
//
// Unset, nothing is written and every platform keeps its own behaviour (docs/format.md, "Stopping
// and rolling out"): Compose sends the image's STOPSIGNAL (else SIGTERM) and kills after 10s,
// Kubernetes the same after 30s, Fly SIGINT after 5s; Kubernetes rolls 25%/25%, Fly deploys
// canary (rolling for an app with volumes), Railway starts the new deployment before it stops the
// old, and `docker compose up` replaces a changed container (stop, then start).
import type { DataPath, Duration, RolloutAmount, Service } from '../model/stack.js';

/** A duration in whole seconds, with what was written and where. */
export interface Seconds {
  seconds: number;
  text: string;
  path: DataPath;
}

export interface Shutdown {
  /** `stop_signal`; absent: the image's STOPSIGNAL or the platform's own signal. */
  signal?: { name: string; path: DataPath };
  /** `stop_grace_period`: from the signal to the kill. */
  grace?: Seconds;
  /** `drain_period`: from leaving load balancing to the signal. */
  drain?: Seconds;
}

export const wholeSeconds = (d: Duration): Seconds => ({ seconds: Math.ceil(d.ms / 1000), text: d.text, path: d.path });

/** The service's stop settings, or `undefined` when it sets none (every platform's default applies). */
export function shutdownOf(service: Service): Shutdown | undefined {
  const { stopSignal, stopGracePeriod, drainPeriod } = service;
  if (!stopSignal && !stopGracePeriod && !drainPeriod) return undefined;
  return {
    ...(stopSignal ? { signal: stopSignal } : {}),
    ...(stopGracePeriod ? { grace: wholeSeconds(stopGracePeriod) } : {}),
    ...(drainPeriod ? { drain: wholeSeconds(drainPeriod) } : {}),
  };
}

/**
 * The time from leaving load balancing to the kill, on a platform whose grace period starts before
 * the drain (Kubernetes' terminationGracePeriodSeconds covers the preStop hook too): the drain plus
 * the grace period, or plus the platform's default grace when stack.yaml gives none.
 */
export const stopWindowSeconds = (shutdown: Shutdown, defaultGraceSeconds: number): number => (shutdown.drain?.seconds ?? 0) + (shutdown.grace?.seconds ?? defaultGraceSeconds);

/** `1` or `25%`, as Kubernetes and the docs write an amount of replicas. */
export const amountText = (a: RolloutAmount): string => (a.kind === 'count' ? String(a.count) : `${a.percent}%`);
