// A stack healthcheck as Kubernetes probes. Compose's semantics — unhealthy after `retries` failed
// checks `interval` apart, failures not counted during `start_period` — map onto:
//   readiness: the check as written; an unhealthy pod gets no traffic.
//   liveness:  the same check, restarting only after twice as many failures, so a pod that is
//              briefly overloaded is taken out of rotation rather than killed.
//   startup:   when `start_period` is set, allows that long (plus the usual retries) before the
//              other probes start, so slow starts are not killed.
import { seconds } from '../../src/emit/text.js';
import type { Healthcheck, Probe } from '../../src/model/stack.js';
import { escapeCommand } from './expansion.js';
import type { ContainerPort } from './ports.js';

export interface ProbeHandler {
  httpGet?: { path: string; port: string | number };
  tcpSocket?: { port: string | number };
  exec?: { command: string[] };
}

export interface K8sProbe extends ProbeHandler {
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
}

export interface ProbeSet {
  startupProbe?: K8sProbe;
  readinessProbe?: K8sProbe;
  livenessProbe?: K8sProbe;
}


/** A declared port by its container-port name (kube-linter checks probes target a declared port), else the number. */
export function portRef(port: number, ports: readonly ContainerPort[]): string | number {
  return ports.find((p) => p.containerPort === port && p.protocol === 'TCP')?.name ?? port;
}

export function probeHandler(probe: Probe, ports: readonly ContainerPort[]): ProbeHandler {
  switch (probe.kind) {
    case 'http':
      return { httpGet: { path: probe.path, port: portRef(probe.port, ports) } };
    case 'tcp':
      return { tcpSocket: { port: portRef(probe.port, ports) } };
    case 'command':
      return { exec: { command: escapeCommand(probe.command) } };
  }
}

export function probesFor(healthcheck: Healthcheck | undefined, ports: readonly ContainerPort[]): ProbeSet {
  if (!healthcheck?.probe) return {};
  const handler = probeHandler(healthcheck.probe, ports);
  const period = seconds(healthcheck.intervalMs);
  const timeoutSeconds = seconds(healthcheck.timeoutMs);
  const retries = Math.max(1, healthcheck.retries);
  const set: ProbeSet = {};
  if (healthcheck.startPeriodMs > 0) {
    const startPeriod = Math.min(period, 10);
    set.startupProbe = { ...handler, periodSeconds: startPeriod, timeoutSeconds, failureThreshold: Math.ceil(healthcheck.startPeriodMs / 1000 / startPeriod) + retries };
  }
  set.readinessProbe = { ...handler, periodSeconds: period, timeoutSeconds, failureThreshold: retries };
  set.livenessProbe = { ...handler, periodSeconds: period, timeoutSeconds, failureThreshold: retries * 2 };
  return set;
}
