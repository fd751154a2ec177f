// A stack healthcheck as Fly checks. Fly has two kinds:
//   service checks (`[[http_service.checks]]`, `[[services.http_checks]]`, `[[services.tcp_checks]]`):
//     run by the Fly proxy against the port it forwards to; a failing Machine gets no traffic, and
//     `fly deploy` waits for them before moving on;
//   Machine checks (`[checks.<name>]`, type http or tcp, any port): run on every Machine, gate
//     deploys, and show in `fly checks list`; they do not steer traffic.
// A probe on the served port becomes a service check; any other http/tcp probe a Machine check.
// Fly has no command (exec) checks and no retry count: both are capability gaps (capabilities.ts).
import type { DeployedService } from '../../src/deploy/model.js';
import type { Healthcheck } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { duration } from '../../src/emit/text.js';
import type { Table, Value } from './toml.js';

export interface FlyChecks {
  /** Entries of `[[http_service.checks]]` / `[[services.http_checks]]`. */
  http?: [string, Value][];
  /** Entries of `[[services.tcp_checks]]`. */
  tcp?: [string, Value][];
  /** `[checks.health]`. */
  machine?: Table;
}

function timings(h: Healthcheck): [string, Value][] {
  return [
    ...(h.startPeriodMs > 0 ? [['grace_period', duration(h.startPeriodMs)] as [string, Value]] : []),
    ['interval', duration(h.intervalMs)],
    ['timeout', duration(h.timeoutMs)],
  ];
}

export function checksFor(service: DeployedService, report: Report): FlyChecks {
  const h = service.healthcheck;
  if (!h) {
    // A one-shot has nothing to check: it is done when its command exits (fly/one-shot).
    if (service.oneShot) return {};
    report({
      severity: 'info',
      code: 'fly/no-healthcheck',
      message: `\`${service.name}\` has no healthcheck: Fly routes traffic to its Machines as soon as they start, and \`fly deploy\` cannot tell a broken release from a working one`,
      path: service.path,
      hint: 'add `healthcheck: { http: /health }` (or `tcp: <port>`)',
    });
    return {};
  }
  const probe = h.probe;
  if (!probe || probe.kind === 'command') return {};
  const onServed = service.servedPort !== undefined && probe.port === service.servedPort;
  if (probe.kind === 'http' && onServed) {
    return { http: [...timings(h), ['method', 'GET'], ['path', probe.path]] };
  }
  if (probe.kind === 'tcp' && onServed && !service.endpoints.length) {
    return { tcp: timings(h) };
  }
  const entries: [string, Value][] = [
    ['type', probe.kind],
    ['port', probe.port],
    ...timings(h),
    ...(probe.kind === 'http' ? ([['method', 'GET'], ['path', probe.path]] as [string, Value][]) : []),
  ];
  return { machine: { name: 'checks.health', entries } };
}
