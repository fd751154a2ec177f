// stackc probes as Compose healthchecks. Compose runs them inside the container, so an `http` or
// `tcp` probe runs a program the image has (probe-tool.ts), as an exec-form test; where the
// Dockerfile has a HEALTHCHECK, Compose leaves it in charge; an image stackc does not know gets the
// curl-or-wget (nc-or-bash) shell test. The compose/http-healthcheck and compose/tcp-healthcheck gaps
// say which, at the healthcheck's line.
import type { DeployedService } from '../../src/deploy/model.js';
import type { Healthcheck, Probe } from '../../src/model/stack.js';
import type { ProbeTools } from '../../src/vocabulary/probe-tools.js';
import { imageHealthcheckInCharge, probeTool } from './probe-tool.js';
import { literal } from './text.js';
import { duration, shellQuote } from '../../src/emit/text.js';

export interface ComposeHealthcheck {
  test?: string[];
  disable?: true;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

/**
 * The healthcheck and a comment for the file (why it is disabled), or nothing when none is set or
 * the image's own HEALTHCHECK is left in charge (Compose's would override it).
 */
export function healthcheckOf(service: DeployedService): { healthcheck: ComposeHealthcheck; comment?: string } | undefined {
  const h = service.healthcheck;
  if (!h) return undefined;
  if (!h.probe) return { healthcheck: { disable: true }, comment: `healthcheck disabled: ${h.disabledReason ?? ''}`.trim() };
  if (imageHealthcheckInCharge(service)) return undefined;
  return { healthcheck: { test: probeTest(h.probe, service.probeTools.tools), ...timings(h) } };
}

/**
 * Whether Compose runs no healthcheck for a service whose stack.yaml probe dependents wait on:
 * `HEALTHCHECK NONE` in its Dockerfile is in charge, and `service_healthy` on a container without
 * a healthcheck fails `docker compose up`.
 */
export const healthcheckTurnedOff = (service: DeployedService): boolean => imageHealthcheckInCharge(service)?.kind === 'none';

function timings(h: Pick<Healthcheck, 'intervalMs' | 'timeoutMs' | 'retries' | 'startPeriodMs'>): Omit<ComposeHealthcheck, 'test' | 'disable'> {
  return {
    interval: duration(h.intervalMs),
    timeout: duration(h.timeoutMs),
    retries: h.retries,
    ...(h.startPeriodMs > 0 ? { start_period: duration(h.startPeriodMs) } : {}),
  };
}

function probeTest(probe: Probe, tools: ProbeTools): string[] {
  if (probe.kind !== 'command') {
    const exec = execTest(probe, tools);
    if (exec) return ['CMD', ...exec.map(literal)];
  }
  switch (probe.kind) {
    case 'command': {
      const [first, second, script] = probe.command;
      // A string command (`sh -c "..."`) is what Compose's CMD-SHELL runs anyway.
      if (probe.command.length === 3 && first === 'sh' && second === '-c') return ['CMD-SHELL', literal(script!)];
      return ['CMD', ...probe.command.map(literal)];
    }
    case 'http': {
      // 127.0.0.1, not localhost: some images resolve localhost to ::1 while the app listens on IPv4 only.
      const url = shellQuote(`http://127.0.0.1:${probe.port}${probe.path.startsWith('/') ? '' : '/'}${probe.path}`);
      // A GET, not wget --spider (a HEAD request many frameworks answer with 405).
      return ['CMD-SHELL', literal(`curl -fsS -o /dev/null ${url} || wget -q -O /dev/null ${url}`)];
    }
    case 'tcp':
      return ['CMD-SHELL', `nc -z 127.0.0.1 ${probe.port} || bash -c ': </dev/tcp/127.0.0.1/${probe.port}'`];
  }
}

/**
 * The probe as a program the image has, run without a shell; `undefined` when the image has none
 * that stackc knows of. 127.0.0.1 for the reason above; a GET, answered below 400.
 */
function execTest(probe: Extract<Probe, { kind: 'http' | 'tcp' }>, tools: ProbeTools): string[] | undefined {
  const tool = probeTool(probe.kind, tools);
  if (probe.kind === 'http') {
    const url = `http://127.0.0.1:${probe.port}${probe.path.startsWith('/') ? '' : '/'}${probe.path}`;
    const quoted = JSON.stringify(url); // a double-quoted string literal Python and JavaScript both read
    switch (tool) {
      case 'python': return [tools.python!, '-c', `import urllib.request; urllib.request.urlopen(${quoted})`];
      case 'node': return [tools.node!, '-e', `require("http").get(${quoted}, (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on("error", () => process.exit(1))`];
      case 'curl': return ['curl', '-fsS', '-o', '/dev/null', url];
      case 'wget': return ['wget', '-q', '-O', '/dev/null', url];
      default: return undefined;
    }
  }
  switch (tool) {
    case 'python': return [tools.python!, '-c', `import socket; socket.create_connection(("127.0.0.1", ${probe.port})).close()`];
    case 'node': return [tools.node!, '-e', `require("net").connect(${probe.port}, "127.0.0.1").on("connect", () => process.exit(0)).on("error", () => process.exit(1))`];
    case 'nc': return ['nc', '-z', '127.0.0.1', String(probe.port)];
    case 'bash': return ['bash', '-c', `: </dev/tcp/127.0.0.1/${probe.port}`];
    default: return undefined;
  }
}
