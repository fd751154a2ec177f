// A stack healthcheck as Fly checks. Fly has two kinds:
//   service checks (`[[http_service.checks]]`, `[[services.http_checks]]`, `[[services.tcp_checks]]`):
//     run by the Fly proxy against the port it forwards to; a failing Machine gets no traffic, and
//     `fly deploy` waits for them before moving on;
//   Machine checks (`[checks.<name>]`, type http or tcp, any port): run on every Machine, gate
//     deploys, and show in `fly checks list`; they do not steer traffic.
// A probe on the proxied port becomes a service check; any other http/tcp probe a Machine check.
// Fly has no command (exec) checks and no retry count; both are reported.
import type { Healthcheck, Service } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { servedPort } from './scope.js';
import type { Table, Value } from './toml.js';
import { duration } from '../../src/emit/text.js';

export interface FlyChecks {
  /** Entries of `[[http_service.checks]]` / `[[services.http_checks]]`. */
  http?: [string, Value][];
  /** Entries of `[[services.tcp_checks]]`. */
  tcp?: [string, Value][];
  /** `[checks.health]`. */
  machine?: Table;
  notes: string[];
}

function timings(h: Healthcheck): [string, Value][] {
  return [
    ...(h.startPeriodMs > 0 ? [['grace_period', duration(h.startPeriodMs)] as [string, Value]] : []),
    ['interval', duration(h.intervalMs)],
    ['timeout', duration(h.timeoutMs)],
  ];
}

/** Whether the service gets a proxy section ([http_service] for a public one, [[services]] otherwise). */
export const proxiedPort = (service: Service): number | undefined => servedPort(service);

export function checksFor(service: Service, report: Report): FlyChecks {
  const h = service.healthcheck;
  const notes: string[] = [];
  if (!h) {
    report({
      severity: 'info',
      code: 'fly/no-healthcheck',
      message: `\`${service.name}\` has no healthcheck: Fly routes traffic to its Machines as soon as they start, and \`fly deploy\` cannot tell a broken release from a working one`,
      path: service.path,
      hint: 'add `healthcheck: { http: /health }` (or `tcp: <port>`)',
    });
    return { notes };
  }
  if (!h.probe) return { notes };
  const probe = h.probe;
  if (probe.kind === 'command') {
    report({
      severity: 'warning',
      code: 'fly/command-healthcheck',
      message: `Fly checks are http or tcp only: the command healthcheck of \`${service.name}\` (\`${probe.command.join(' ')}\`) is not expressible in fly.toml`,
      path: h.path,
      hint: 'expose a small http endpoint (or a tcp port) for the check; the restart policy still restarts a crashed process',
    });
    return { notes: [`command healthcheck (${probe.command.join(' ')}): not expressible (Fly checks are http or tcp)`] };
  }
  report({
    severity: 'info',
    code: 'fly/healthcheck-retries',
    message: `Fly checks have no retry count: \`retries: ${h.retries}\` of \`${service.name}\` is not expressible; a Machine is taken out of rotation while its check fails`,
    path: h.path,
  });
  notes.push(`healthcheck retries (${h.retries}): Fly checks have none; a failing Machine gets no traffic until its check passes`);
  const served = proxiedPort(service);
  const onServed = served !== undefined && probe.port === served;
  if (probe.kind === 'http' && onServed) {
    return { http: [...timings(h), ['method', 'GET'], ['path', probe.path]], notes };
  }
  if (probe.kind === 'tcp' && onServed && !service.public) {
    return { tcp: timings(h), notes };
  }
  const entries: [string, Value][] = [
    ['type', probe.kind],
    ['port', probe.port],
    ...timings(h),
    ...(probe.kind === 'http' ? ([['method', 'GET'], ['path', probe.path]] as [string, Value][]) : []),
  ];
  return { machine: { name: 'checks.health', entries }, notes };
}
